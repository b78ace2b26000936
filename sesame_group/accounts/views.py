"""Login, logout and the member pages."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user

from sesame_group.accounts import services
from sesame_group.accounts.forms import LoginForm
from sesame_group.core.urls import safe_next
from sesame_group.extensions import db

bp = Blueprint("accounts", __name__, url_prefix="/accounts")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data,
                                         address=request.remote_addr or "?")
        except services.TooManyAttempts as error:
            db.session.rollback()
            form.email.errors.append(error.message)
            return render_template("accounts/login.html", form=form), 429
        db.session.commit()
        if user is None:
            form.password.errors.append(_("Adresse ou mot de passe incorrect."))
        else:
            login_user(user)
            flash(_("Bienvenue, %(name)s.", name=user.display_name), "success")
            return redirect(safe_next(request.args.get("next")) or url_for("dashboard.index"))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash(_("Vous êtes déconnecté."), "success")
    return redirect(url_for("accounts.login"))
