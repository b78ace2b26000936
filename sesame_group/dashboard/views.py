"""Home dashboard: each domain contributes a panel (template, context) for the user."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from sesame_group.actions import dashboard as actions
from sesame_group.calendar import dashboard as calendar
from sesame_group.conventions import dashboard as conventions
from sesame_group.meetings import dashboard as meetings
from sesame_group.network import dashboard as network
from sesame_group.replacements import dashboard as replacements
from sesame_group.resources import dashboard as resources
from sesame_group.trainings import dashboard as trainings

bp = Blueprint("dashboard", __name__)

# Each domain's panel(user) -> (template, context) or None, in display order.
PANELS = (
    trainings.panel,
    meetings.panel,
    replacements.panel,
    network.panel,
    resources.panel,
    actions.panel,
    calendar.panel,
    conventions.panel,
)


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    panels = [panel for panel in (build(current_user) for build in PANELS) if panel]
    return render_template("dashboard/index.html", panels=panels)
