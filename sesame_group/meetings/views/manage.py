"""Coordinator pages: create, edit, announce, cancel, answers, attendance, minutes."""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from sesame_group.core.errors import DomainError
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import to_paris, utcnow
from sesame_group.extensions import db
from sesame_group.meetings import documents, exports, queries, services
from sesame_group.meetings.forms import (
    AnnounceForm,
    CancelForm,
    DocumentForm,
    MeetingForm,
    MinutesForm,
)
from sesame_group.meetings.permissions import can_manage_meetings
from sesame_group.meetings.views.common import failed, load_managed
from sesame_group.network.models import Library


def _library_choices(form: MeetingForm) -> dict[int, set[int]]:
    libraries = db.session.scalars(
        select(Library).options(joinedload(Library.partner)).order_by(Library.name, Library.id)
    ).all()
    form.libraries.choices = [
        SelectChoice(lib.id, f"{lib.name} ({lib.partner.name})") for lib in libraries
    ]
    by_partner: dict[int, set[int]] = {}
    names = {}
    for lib in libraries:
        by_partner.setdefault(lib.partner_id, set()).add(lib.id)
        names[lib.partner_id] = lib.partner.name
    form.partners.choices = [
        SelectChoice(pid, name)
        for pid, name in sorted(names.items(), key=lambda item: (item[1], item[0]))
    ]
    return by_partner


@login_required
def new():
    require(can_manage_meetings(current_user))
    form = MeetingForm()
    by_partner = _library_choices(form)
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(form.to_data(by_partner), by=current_user)
        except DomainError as error:
            failed(form, error)
        else:
            db.session.commit()
            flash(_("Réunion enregistrée en brouillon."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=None)


@login_required
def edit(meeting_id):
    meeting = load_managed(meeting_id)
    if meeting.is_cancelled:
        abort(404)
    local_start, local_end = to_paris(meeting.starts_at), to_paris(meeting.ends_at)
    form = MeetingForm(
        obj=meeting,
        day=local_start.date(),
        start_time=local_start.time(),
        end_time=local_end.time(),
        libraries=[row.library_id for row in meeting.invited_libraries],
    )
    by_partner = _library_choices(form)
    if form.validate_on_submit():
        try:
            sent = services.update_meeting(meeting, form.to_data(by_partner), by=current_user)
        except DomainError as error:
            failed(form, error)
        else:
            db.session.commit()
            flash(_("Réunion modifiée (%(num)d invité(s) prévenu(s)).", num=sent), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=meeting)


@login_required
def announce(meeting_id):
    meeting = load_managed(meeting_id)
    form = AnnounceForm()
    min_days = current_app.config.get("MEETING_MIN_NOTICE_DAYS", 30)
    short = services.short_notice(meeting, utcnow(), min_days)
    if form.validate_on_submit():
        if short and not form.confirm_short_notice.data:
            form.confirm_short_notice.errors = [
                _(
                    "Préavis inférieur à %(days)d jours : cochez la case pour confirmer.",
                    days=min_days,
                )
            ]
        else:
            try:
                invited = services.announce_meeting(meeting, by=current_user)
            except DomainError as error:
                failed(form, error)
            else:
                db.session.commit()
                flash(
                    _("Réunion annoncée : %(num)d invitation(s) envoyée(s).", num=invited),
                    "success",
                )
                return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template(
        "meetings/announce.html", meeting=meeting, form=form, short=short, min_days=min_days
    )


@login_required
def cancel(meeting_id):
    meeting = load_managed(meeting_id)
    form = CancelForm()
    if form.validate_on_submit():
        try:
            sent = services.cancel_meeting(meeting, by=current_user, reason=form.reason.data)
        except DomainError as error:
            failed(form, error)
        else:
            db.session.commit()
            flash(_("Réunion annulée (%(num)d invité(s) prévenu(s)).", num=sent), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/cancel.html", meeting=meeting, form=form)


@login_required
def answers(meeting_id):
    meeting = load_managed(meeting_id)
    groups = queries.invitations_by_partner(meeting)
    return render_template(
        "meetings/answers.html",
        meeting=meeting,
        groups=groups,
        pending=queries.unanswered(groups),
        now=utcnow(),
        counts=queries.answer_counts([meeting.id])[meeting.id],
    )


@login_required
def remind(meeting_id):
    meeting = load_managed(meeting_id)
    try:
        sent = services.remind_unanswered(meeting, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("%(num)d relance(s) envoyée(s).", num=sent), "success")
    return redirect(url_for("meetings.answers", meeting_id=meeting.id))


@login_required
def export_answers(meeting_id):
    meeting = load_managed(meeting_id)
    body = exports.answers_csv(queries.invitations_by_partner(meeting))
    return _csv(body, f"reponses-reunion-{meeting.id}.csv")


@login_required
def export_attendance(meeting_id):
    meeting = load_managed(meeting_id)
    body = exports.attendance_csv(queries.invitations_by_partner(meeting))
    return _csv(body, f"presences-reunion-{meeting.id}.csv")


def _csv(body: bytes, filename: str) -> Response:
    response = Response(body, content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def attendance(meeting_id):
    meeting = load_managed(meeting_id)
    if request.method == "POST":
        try:
            present = {int(value) for value in request.form.getlist("present")}
            services.record_attendance(meeting, present, by=current_user)
        except ValueError:
            db.session.rollback()
            flash(_("Liste de présence invalide."), "error")
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(_("Présences enregistrées."), "success")
            return redirect(url_for("meetings.attendance", meeting_id=meeting.id))
    return render_template(
        "meetings/attendance.html",
        meeting=meeting,
        now=utcnow(),
        groups=queries.invitations_by_partner(meeting),
    )


@login_required
def minutes(meeting_id):
    meeting = load_managed(meeting_id)
    form = MinutesForm(obj=meeting)
    if form.validate_on_submit():
        try:
            sent = services.save_minutes(
                meeting, form.minutes.data or "", publish=form.publish.data, by=current_user
            )
        except DomainError as error:
            failed(form, error)
        else:
            db.session.commit()
            flash(_("Compte rendu enregistré (%(num)d invité(s) prévenu(s)).", num=sent), "success")
            return redirect(url_for("meetings.minutes", meeting_id=meeting.id))
    return _minutes_page(meeting, form, DocumentForm())


def _minutes_page(meeting, form, upload):
    return render_template(
        "meetings/minutes.html", meeting=meeting, form=form, upload=upload, now=utcnow()
    )


@login_required
def upload(meeting_id):
    meeting = load_managed(meeting_id)
    upload_form = DocumentForm()
    if upload_form.validate_on_submit():
        storage = upload_form.file.data
        try:
            services.add_document(
                meeting,
                storage.filename or "",
                storage.read(documents.MAX_BYTES + 1),
                by=current_user,
            )
        except DomainError as error:
            failed(upload_form, error)
        else:
            db.session.commit()
            flash(_("Document ajouté."), "success")
            return redirect(url_for("meetings.minutes", meeting_id=meeting.id))
    return _minutes_page(meeting, MinutesForm(obj=meeting), upload_form)


ROUTES = (
    ("/new", new, ("GET", "POST")),
    ("/<int:meeting_id>/edit", edit, ("GET", "POST")),
    ("/<int:meeting_id>/announce", announce, ("GET", "POST")),
    ("/<int:meeting_id>/cancel", cancel, ("GET", "POST")),
    ("/<int:meeting_id>/answers", answers, ("GET",)),
    ("/<int:meeting_id>/remind", remind, ("POST",)),
    ("/<int:meeting_id>/answers.csv", export_answers, ("GET",)),
    ("/<int:meeting_id>/attendance.csv", export_attendance, ("GET",)),
    ("/<int:meeting_id>/attendance", attendance, ("GET", "POST")),
    ("/<int:meeting_id>/minutes", minutes, ("GET", "POST")),
    ("/<int:meeting_id>/documents", upload, ("POST",)),
)
