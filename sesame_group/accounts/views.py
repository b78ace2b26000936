"""Login, logout, invitation and reset links, profile, and the coordinator's member pages."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from sesame_group.accounts import queries, services, tokens
from sesame_group.accounts.forms import (
    ChangePasswordForm,
    InviteForm,
    LoginForm,
    MemberFilterForm,
    MemberForm,
    ProfileForm,
    ResetRequestForm,
    SetPasswordForm,
)
from sesame_group.accounts.models import User
from sesame_group.accounts.permissions import (
    can_deactivate_member,
    can_edit_profile,
    can_manage_members,
    can_reactivate_member,
    can_resend_invitation,
)
from sesame_group.core.errors import DomainError
from sesame_group.core.forms import show_domain_error
from sesame_group.core.pagination import paginate
from sesame_group.core.permissions import require
from sesame_group.core.urls import safe_next
from sesame_group.extensions import db
from sesame_group.network.models import Library

bp = Blueprint("accounts", __name__, url_prefix="/accounts")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(
                form.email.data, form.password.data, address=request.remote_addr or "?"
            )
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


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
def reset_request():
    form = ResetRequestForm()
    if not form.validate_on_submit():
        return render_template("accounts/reset_request.html", form=form)
    tokens.request_reset(form.email.data)
    db.session.commit()
    # The same answer whether the address is known or not.
    flash(
        _(
            "Si un compte actif correspond à cette adresse, un courriel vient de lui être "
            "envoyé avec un lien pour choisir un nouveau mot de passe."
        ),
        "success",
    )
    return redirect(url_for("accounts.login"))


@bp.route("/mot-de-passe/<token>", methods=["GET", "POST"])
def set_password(token):
    try:
        row = tokens.find_valid_token(token)
    except tokens.InvalidToken as error:
        return render_template("accounts/link_invalid.html", message=error.message), 410
    form = SetPasswordForm()
    if not form.validate_on_submit():
        return render_template(
            "accounts/set_password.html", form=form, purpose=row.purpose, member=row.user
        )
    user = tokens.use_token(row, form.password.data)
    db.session.commit()
    login_user(user)
    flash(_("Votre mot de passe est enregistré. Vous êtes connecté."), "success")
    return redirect(url_for("dashboard.index"))


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    require(can_edit_profile(current_user, current_user))
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        try:
            services.update_profile(
                current_user, display_name=form.display_name.data, language=form.language.data
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            session["lang"] = current_user.language
            flash(_("Votre profil est enregistré."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html",
        form=form,
        password_form=ChangePasswordForm(formdata=None, prefix="pw"),
    )


@bp.post("/profile/password")
@login_required
def change_password():
    require(can_edit_profile(current_user, current_user))
    form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user, current=form.current_password.data, new=form.password.data
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            login_user(current_user._get_current_object())  # this session goes on, not others
            flash(_("Votre mot de passe est modifié."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html",
        password_form=form,
        form=ProfileForm(formdata=None, obj=current_user),
    )


@bp.get("/members")
@login_required
def members():
    require(can_manage_members(current_user))
    form = MemberFilterForm(request.args)
    partner_id = request.args.get("partner", type=int)
    form.set_choices(queries.partner_choices(), queries.library_choices(partner_id))
    page = paginate(
        queries.members_query(**form.filters()),
        request.args.get("page", 1, type=int),
        current_app.config["MEMBERS_PER_PAGE"],
    )
    return render_template("accounts/members.html", form=form, page=page)


@bp.route("/members/invite", methods=["GET", "POST"])
@login_required
def invite():
    require(can_manage_members(current_user))
    form = InviteForm()
    form.set_libraries(queries.library_choices())
    if form.validate_on_submit():
        try:
            member = services.invite_member(
                form.email.data,
                display_name=form.display_name.data,
                role=form.role.data,
                library=_library(form.library.data),
                language=form.language.data,
                by=current_user,
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Invitation envoyée à %(email)s.", email=member.email), "success")
            return redirect(url_for("accounts.member", user_id=member.id))
    return render_template("accounts/invite.html", form=form)


@bp.route("/members/<int:user_id>", methods=["GET", "POST"])
@login_required
def member(user_id):
    member = db.get_or_404(User, user_id)
    require(can_manage_members(current_user))
    form = MemberForm(display_name=member.display_name, role=member.role, library=member.library_id)
    form.set_libraries(queries.library_choices())
    if form.validate_on_submit():
        try:
            services.update_member(
                member,
                display_name=form.display_name.data,
                role=form.role.data,
                library=_library(form.library.data),
                by=current_user,
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Le membre est enregistré."), "success")
            return redirect(url_for("accounts.member", user_id=member.id))
    return render_template("accounts/member.html", member=member, form=form)


@bp.post("/members/<int:user_id>/invitation")
@login_required
def resend_invitation(user_id):
    member = db.get_or_404(User, user_id)
    require(can_resend_invitation(current_user, member))
    services.resend_invitation(member, by=current_user)
    db.session.commit()
    flash(_("Nouvelle invitation envoyée à %(email)s.", email=member.email), "success")
    return redirect(url_for("accounts.member", user_id=member.id))


@bp.post("/members/<int:user_id>/deactivate")
@login_required
def deactivate(user_id):
    member = db.get_or_404(User, user_id)
    require(can_deactivate_member(current_user, member))
    services.set_member_active(member, False, by=current_user)
    db.session.commit()
    flash(_("Le compte de %(name)s est désactivé.", name=member.display_name), "success")
    return redirect(url_for("accounts.member", user_id=member.id))


@bp.post("/members/<int:user_id>/reactivate")
@login_required
def reactivate(user_id):
    member = db.get_or_404(User, user_id)
    require(can_reactivate_member(current_user, member))
    services.set_member_active(member, True, by=current_user)
    db.session.commit()
    flash(_("Le compte de %(name)s est réactivé.", name=member.display_name), "success")
    return redirect(url_for("accounts.member", user_id=member.id))


def _library(library_id):
    return db.session.get(Library, library_id) if library_id else None
