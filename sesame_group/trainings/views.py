"""Trainings pages: list, detail, registration, management, attendance, exports."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from sesame_group.accounts.models import User
from sesame_group.core.errors import DomainError
from sesame_group.core.forms import show_domain_error
from sesame_group.core.permissions import coordinator_required, require
from sesame_group.core.timeutil import paris_today, utcnow
from sesame_group.extensions import db
from sesame_group.trainings import agenda, exports, queries, registrations, services
from sesame_group.trainings.forms import (
    CancelSessionForm,
    DayForm,
    FilterForm,
    NewSessionForm,
    OnBehalfForm,
    SessionForm,
)
from sesame_group.trainings.models import (
    ATTENDANCE_STATUSES,
    CONFIRMED,
    Registration,
    TrainingDay,
    TrainingSession,
)
from sesame_group.trainings.permissions import (
    can_cancel_registration,
    can_register,
    can_view_history,
    can_view_training,
)

bp = Blueprint("trainings", __name__, url_prefix="/trainings")


def _session_or_404(session_id) -> TrainingSession:
    session = db.session.get(
        TrainingSession, session_id, options=[selectinload(TrainingSession.days)]
    )
    if session is None:
        abort(404)
    return session


@bp.get("/")
@login_required
def index():
    form = FilterForm(request.args)
    form.validate()
    page = queries.session_list(
        current_user,
        when=form.when.data or "upcoming",
        month=form.month_start(),
        seats=form.seats.data,
        mine=form.mine.data,
        page=request.args.get("page", 1, type=int),
        coordinator=current_user.is_coordinator,
    )
    ids = [s.id for s in page.items]
    return render_template(
        "trainings/index.html",
        form=form,
        page=page,
        counts=queries.counts(ids),
        mine=queries.my_registrations(current_user, ids),
    )


@bp.get("/historique")
@login_required
def history():
    require(can_view_history(current_user))
    return render_template(
        "trainings/history.html", registrations=queries.history(current_user), now=utcnow()
    )


@bp.route("/nouvelle", methods=["GET", "POST"])
@coordinator_required
def new():
    form = NewSessionForm()
    if form.validate_on_submit():
        try:
            session = services.create_session(form.values(), form.slot(), by=current_user)
        except DomainError as error:
            show_domain_error(form, error, fallback="flash")
        else:
            db.session.commit()
            flash(_("Brouillon enregistré. Publiez-le quand il est prêt."), "success")
            return redirect(url_for("trainings.detail", session_id=session.id))
    return render_template(
        "trainings/form.html", form=form, training=None
    ), 400 if form.errors else 200


@bp.get("/<int:session_id>")
@login_required
def detail(session_id):
    session = _session_or_404(session_id)
    require(can_view_training(current_user, session))
    mine = queries.my_registrations(current_user, [session.id]).get(session.id)
    context = {
        "training": session,
        "mine": mine,
        "counts": queries.counts([session.id])[session.id],
        "positions": queries.waiting_positions(session.id),
        "is_open": services.registration_open(session, paris_today()),
        "today": paris_today(),
    }
    if current_user.is_coordinator:
        attendance = queries.attendance_map(session.id)
        form = OnBehalfForm()
        form.user_id.choices = [
            (u.id, f"{u.display_name} ({u.email})") for u in queries.librarians()
        ]
        context.update(
            registrants=queries.registrants(session.id),
            attendance=attendance,
            completed=lambda reg_id: queries.completed(reg_id, session.days, attendance),
            behalf_form=form,
        )
    return render_template("trainings/detail.html", **context)


@bp.route("/<int:session_id>/modifier", methods=["GET", "POST"])
@coordinator_required
def edit(session_id):
    session = _session_or_404(session_id)
    form = SessionForm(obj=session)
    if form.validate_on_submit():
        try:
            changed = services.update_session(session, form.values(), by=current_user)
        except DomainError as error:
            show_domain_error(form, error, fallback="flash")
        else:
            db.session.commit()
            flash(_("Formation enregistrée.") if changed else _("Aucune modification."), "success")
            return redirect(url_for("trainings.detail", session_id=session.id))
    return render_template(
        "trainings/form.html", form=form, training=session
    ), 400 if form.errors else 200


@bp.post("/<int:session_id>/publier")
@coordinator_required
def publish(session_id):
    session = _session_or_404(session_id)
    return _run(
        lambda: services.publish_session(session, by=current_user),
        session.id,
        _("Formation publiée : les bibliothécaires peuvent s’inscrire."),
    )


def _run(action, session_id, message):
    """Run a service, commit, flash; a refused action is flashed as an error."""
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("trainings.detail", session_id=session_id))


@bp.route("/<int:session_id>/annuler", methods=["GET", "POST"])
@coordinator_required
def cancel(session_id):
    session = _session_or_404(session_id)
    form = CancelSessionForm()
    if form.validate_on_submit():
        return _run(
            lambda: services.cancel_session(session, by=current_user, reason=form.reason.data),
            session.id,
            _("La formation a été annulée ; les inscrits sont prévenus."),
        )
    return render_template(
        "trainings/cancel.html", form=form, training=session
    ), 400 if form.errors else 200


@bp.post("/<int:session_id>/inscription")
@login_required
def register(session_id):
    session = _session_or_404(session_id)
    require(can_register(current_user, session))
    try:
        reg = registrations.register(session, current_user, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(
            _("Vous êtes inscrit·e.")
            if reg.status == CONFIRMED
            else _("La formation est complète : vous êtes sur la liste d’attente."),
            "success",
        )
    return redirect(url_for("trainings.detail", session_id=session.id))


@bp.post("/<int:session_id>/inscrire")
@coordinator_required
def register_member(session_id):
    session = _session_or_404(session_id)
    user = db.session.get(User, request.form.get("user_id", type=int) or 0)
    if user is None:
        abort(404)
    return _run(
        lambda: registrations.register(session, user, by=current_user),
        session.id,
        _("%(name)s est inscrit·e.", name=user.display_name),
    )


@bp.route("/inscriptions/<int:registration_id>/annuler", methods=["GET", "POST"])
@login_required
def unregister(registration_id):
    reg = db.session.get(Registration, registration_id) or abort(404)
    require(can_cancel_registration(current_user, reg))
    if request.method == "POST":
        return _run(
            lambda: registrations.cancel_registration(reg, by=current_user),
            reg.session_id,
            _("Inscription annulée."),
        )
    return render_template("trainings/unregister.html", registration=reg, training=reg.session)


@bp.route("/<int:session_id>/journees/nouvelle", methods=["GET", "POST"])
@coordinator_required
def day_new(session_id):
    session = _session_or_404(session_id)
    form = DayForm()
    if form.validate_on_submit():
        return _run(
            lambda: services.add_day(session, form.slot(), by=current_user),
            session.id,
            _("Journée ajoutée."),
        )
    return render_template(
        "trainings/day_form.html", form=form, training=session, day=None
    ), 400 if form.errors else 200


@bp.route("/journees/<int:day_id>/modifier", methods=["GET", "POST"])
@coordinator_required
def day_edit(day_id):
    day = db.get_or_404(TrainingDay, day_id)
    form = DayForm(data=None if request.method == "POST" else _day_data(day))
    if form.validate_on_submit():
        return _run(
            lambda: services.update_day(day, form.slot(), by=current_user),
            day.session_id,
            _("Journée enregistrée."),
        )
    return render_template(
        "trainings/day_form.html", form=form, training=day.session, day=day
    ), 400 if form.errors else 200


def _day_data(day):
    from sesame_group.core.timeutil import to_paris

    start, end = to_paris(day.starts_at), to_paris(day.ends_at)
    return {"day": start.date(), "start": start.time(), "end": end.time(), "day_place": day.place}


@bp.post("/journees/<int:day_id>/annuler")
@coordinator_required
def day_cancel(day_id):
    day = db.get_or_404(TrainingDay, day_id)
    return _run(
        lambda: services.cancel_day(day, by=current_user),
        day.session_id,
        _("Journée annulée ; les inscrits sont prévenus."),
    )


@bp.route("/journees/<int:day_id>/presences", methods=["GET", "POST"])
@coordinator_required
def attendance(day_id):
    day = db.get_or_404(TrainingDay, day_id)
    regs = [r for r in queries.registrants(day.session_id) if r.status == CONFIRMED]
    marks = queries.attendance_map(day.session_id)
    if request.method == "POST":
        statuses = {reg.id: request.form.get(f"status-{reg.id}", "") for reg in regs}
        statuses = {k: v for k, v in statuses.items() if v}
        return _run(
            lambda: registrations.record_attendance(day, statuses, by=current_user),
            day.session_id,
            _("Présences enregistrées."),
        )
    return render_template(
        "trainings/attendance.html",
        day=day,
        training=day.session,
        registrations=regs,
        marks=marks,
        statuses=ATTENDANCE_STATUSES,
    )


@bp.get("/journees/<int:day_id>/emargement")
@coordinator_required
def sheet(day_id):
    day = db.get_or_404(TrainingDay, day_id)
    regs = [r for r in queries.registrants(day.session_id) if r.status == CONFIRMED]
    return render_template(
        "trainings/sheet.html", day=day, training=day.session, registrations=regs
    )


@bp.get("/<int:session_id>.ics")
@login_required
def ics(session_id):
    session = _session_or_404(session_id)
    require(can_view_training(current_user, session))
    mine = queries.my_registrations(current_user, [session.id]).get(session.id)
    if mine is not None and mine.status == "cancelled":
        mine = None
    body = agenda.session_ics(session, mine)
    first = session.first_day
    name = f"formation-{first.isoformat()}.ics" if first else "formation.ics"
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/<int:session_id>/inscrits.csv")
@coordinator_required
def registrants_csv(session_id):
    session = _session_or_404(session_id)
    body = exports.registrants_csv(
        queries.registrants(session.id), queries.waiting_positions(session.id)
    )
    return _csv_response(body, f"inscrits-formation-{session.id}.csv")


@bp.get("/<int:session_id>/presences.csv")
@coordinator_required
def attendance_csv(session_id):
    session = _session_or_404(session_id)
    marks = queries.attendance_map(session.id)
    body = exports.attendance_csv(
        session,
        queries.registrants(session.id),
        marks,
        lambda reg_id: queries.completed(reg_id, session.days, marks),
    )
    return _csv_response(body, f"presences-formation-{session.id}.csv")


def _csv_response(body: bytes, name: str) -> Response:
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
