"""Home dashboard: each domain contributes a panel (template, context) for the user."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("dashboard", __name__)

# Each entry: a function (user) -> (template, context) or None, from a domain's dashboard.py.
PANELS = ()


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    panels = [panel for panel in (build(current_user) for build in PANELS) if panel]
    return render_template("dashboard/index.html", panels=panels)
