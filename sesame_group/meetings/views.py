"""Meetings pages: lists, detail with the answer form, coordinator management."""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from sesame_group.core.errors import DomainError
from sesame_group.core.ical import single_event_ics
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import to_paris, utcnow
from sesame_group.extensions import db
from sesame_group.meetings import documents, exports, queries, services
from sesame_group.meetings.agenda import meeting_event
from sesame_group.meetings.forms import (
    AnnounceForm,
    CancelForm,
    DocumentForm,
    MeetingForm,
    MinutesForm,
    RsvpForm,
)
from sesame_group.meetings.mailing import ics_filename
from sesame_group.meetings.models import Meeting, MeetingDocument
from sesame_group.meetings.permissions import (
    can_answer_invitation,
    can_download_document,
    can_manage_meetings,
    can_view_meeting,
)
from sesame_group.network.models import Library

bp = Blueprint("meetings", __name__, url_prefix="/meetings")


def _meeting(meeting_id: int) -> Meeting:
    return db.get_or_404(Meeting, meeting_id)


def _managed(meeting_id: int) -> Meeting:
    meeting = _meeting(meeting_id)
    require(can_manage_meetings(current_user))
    return meeting


def _failed(form, error: DomainError) -> None:
    """Roll back and show the service's message next to its field (or as a flash)."""
    db.session.rollback()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")


def _library_choices(form: MeetingForm) -> dict[int, set[int]]:
    libraries = db.session.scalars(select(Library).options(joinedload(Library.partner))
                                   .order_by(Library.name, Library.id)).all()
    form.libraries.choices = [SelectChoice(lib.id, f"{lib.name} ({lib.partner.name})")
                              for lib in libraries]
    by_partner: dict[int, set[int]] = {}
    names = {}
    for lib in libraries:
        by_partner.setdefault(lib.partner_id, set()).add(lib.id)
        names[lib.partner_id] = lib.partner.name
    form.partners.choices = [SelectChoice(pid, name) for pid, name in
                             sorted(names.items(), key=lambda item: (item[1], item[0]))]
    return by_partner


@bp.get("/")
@login_required
def index():
    past = request.args.get("past") == "1"
    page = queries.meetings_page(current_user, past=past, now=utcnow(),
                                 page=request.args.get("page", 1, type=int))
    ids = [meeting.id for meeting in page.items]
    counts = queries.answer_counts(ids) if can_manage_meetings(current_user) else {}
    return render_template("meetings/index.html", page=page, past=past, counts=counts,
                           mine=queries.invitations_of(current_user, ids))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require(can_manage_meetings(current_user))
    form = MeetingForm()
    by_partner = _library_choices(form)
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(form.to_data(by_partner), by=current_user)
        except DomainError as error:
            _failed(form, error)
        else:
            db.session.commit()
            flash(_("Réunion enregistrée en brouillon."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=None)


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id):
    meeting = _managed(meeting_id)
    if meeting.is_cancelled:
        abort(404)
    local_start, local_end = to_paris(meeting.starts_at), to_paris(meeting.ends_at)
    form = MeetingForm(obj=meeting, day=local_start.date(), start_time=local_start.time(),
                       end_time=local_end.time(),
                       libraries=[row.library_id for row in meeting.invited_libraries])
    by_partner = _library_choices(form)
    if form.validate_on_submit():
        try:
            sent = services.update_meeting(meeting, form.to_data(by_partner), by=current_user)
        except DomainError as error:
            _failed(form, error)
        else:
            db.session.commit()
            flash(_("Réunion modifiée (%(num)d invité(s) prévenu(s)).", num=sent), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=meeting)


@bp.get("/<int:meeting_id>")
@login_required
def detail(meeting_id):
    meeting = _meeting(meeting_id)
    require(can_view_meeting(current_user, meeting))
    invitation = queries.invitations_of(current_user, [meeting.id]).get(meeting.id)
    return _detail_page(meeting, invitation, RsvpForm(data=_answer_data(invitation)))


def _answer_data(invitation) -> dict:
    if invitation is None:
        return {}
    return {"response": invitation.response, "needs_replacement": invitation.needs_replacement,
                "replacement_note": invitation.replacement_note, "comment": invitation.comment,
                "representative": invitation.is_representative}


def _detail_page(meeting, invitation, form):
    return render_template("meetings/detail.html", meeting=meeting, invitation=invitation,
                           form=form, now=utcnow())


@bp.post("/<int:meeting_id>/rsvp")
@login_required
def rsvp(meeting_id):
    meeting = _meeting(meeting_id)
    invitation = queries.invitations_of(current_user, [meeting.id]).get(meeting.id)
    require(can_answer_invitation(current_user, invitation))
    form = RsvpForm()
    if form.validate_on_submit():
        try:
            services.answer_invitation(
                invitation, response=form.response.data,
                needs_replacement=form.needs_replacement.data,
                replacement_note=form.replacement_note.data or "",
                comment=form.comment.data or "", representative=form.representative.data)
        except DomainError as error:
            _failed(form, error)
        else:
            db.session.commit()
            flash(_("Votre réponse est enregistrée."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return _detail_page(meeting, invitation, form)


@bp.get("/<int:meeting_id>/reunion.ics")
@login_required
def ics(meeting_id):
    meeting = _meeting(meeting_id)
    require(can_view_meeting(current_user, meeting))
    invitation = queries.invitations_of(current_user, [meeting.id]).get(meeting.id)
    response = Response(single_event_ics(meeting_event(meeting, invitation)),
                        mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response


@bp.route("/<int:meeting_id>/announce", methods=["GET", "POST"])
@login_required
def announce(meeting_id):
    meeting = _managed(meeting_id)
    form = AnnounceForm()
    min_days = current_app.config.get("MEETING_MIN_NOTICE_DAYS", 30)
    short = services.short_notice(meeting, utcnow(), min_days)
    if form.validate_on_submit():
        if short and not form.confirm_short_notice.data:
            form.confirm_short_notice.errors = [_(
                "Préavis inférieur à %(days)d jours : cochez la case pour confirmer.",
                days=min_days)]
        else:
            try:
                invited = services.announce_meeting(meeting, by=current_user)
            except DomainError as error:
                _failed(form, error)
            else:
                db.session.commit()
                flash(_("Réunion annoncée : %(num)d invitation(s) envoyée(s).", num=invited),
                      "success")
                return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/announce.html", meeting=meeting, form=form, short=short,
                           min_days=min_days)


@bp.route("/<int:meeting_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(meeting_id):
    meeting = _managed(meeting_id)
    form = CancelForm()
    if form.validate_on_submit():
        try:
            sent = services.cancel_meeting(meeting, by=current_user, reason=form.reason.data)
        except DomainError as error:
            _failed(form, error)
        else:
            db.session.commit()
            flash(_("Réunion annulée (%(num)d invité(s) prévenu(s)).", num=sent), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/cancel.html", meeting=meeting, form=form)


@bp.get("/<int:meeting_id>/answers")
@login_required
def answers(meeting_id):
    meeting = _managed(meeting_id)
    groups = queries.invitations_by_partner(meeting)
    return render_template("meetings/answers.html", meeting=meeting, groups=groups,
                           pending=queries.unanswered(groups), now=utcnow(),
                           counts=queries.answer_counts([meeting.id])[meeting.id])


@bp.post("/<int:meeting_id>/remind")
@login_required
def remind(meeting_id):
    meeting = _managed(meeting_id)
    try:
        sent = services.remind_unanswered(meeting, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("%(num)d relance(s) envoyée(s).", num=sent), "success")
    return redirect(url_for("meetings.answers", meeting_id=meeting.id))


@bp.get("/<int:meeting_id>/answers.csv")
@login_required
def export_answers(meeting_id):
    meeting = _managed(meeting_id)
    body = exports.answers_csv(queries.invitations_by_partner(meeting))
    return _csv(body, f"reponses-reunion-{meeting.id}.csv")


@bp.get("/<int:meeting_id>/attendance.csv")
@login_required
def export_attendance(meeting_id):
    meeting = _managed(meeting_id)
    body = exports.attendance_csv(queries.invitations_by_partner(meeting))
    return _csv(body, f"presences-reunion-{meeting.id}.csv")


def _csv(body: bytes, filename: str) -> Response:
    response = Response(body, content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/<int:meeting_id>/attendance", methods=["GET", "POST"])
@login_required
def attendance(meeting_id):
    meeting = _managed(meeting_id)
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
    return render_template("meetings/attendance.html", meeting=meeting, now=utcnow(),
                           groups=queries.invitations_by_partner(meeting))


@bp.route("/<int:meeting_id>/minutes", methods=["GET", "POST"])
@login_required
def minutes(meeting_id):
    meeting = _managed(meeting_id)
    form = MinutesForm(obj=meeting)
    if form.validate_on_submit():
        try:
            sent = services.save_minutes(meeting, form.minutes.data or "",
                                         publish=form.publish.data, by=current_user)
        except DomainError as error:
            _failed(form, error)
        else:
            db.session.commit()
            flash(_("Compte rendu enregistré (%(num)d invité(s) prévenu(s)).", num=sent),
                  "success")
            return redirect(url_for("meetings.minutes", meeting_id=meeting.id))
    return _minutes_page(meeting, form, DocumentForm())


def _minutes_page(meeting, form, upload):
    return render_template("meetings/minutes.html", meeting=meeting, form=form, upload=upload,
                           now=utcnow())


@bp.post("/<int:meeting_id>/documents")
@login_required
def upload(meeting_id):
    meeting = _managed(meeting_id)
    upload_form = DocumentForm()
    if upload_form.validate_on_submit():
        storage = upload_form.file.data
        try:
            services.add_document(meeting, storage.filename or "",
                                  storage.read(documents.MAX_BYTES + 1), by=current_user)
        except DomainError as error:
            _failed(upload_form, error)
        else:
            db.session.commit()
            flash(_("Document ajouté."), "success")
            return redirect(url_for("meetings.minutes", meeting_id=meeting.id))
    return _minutes_page(meeting, MinutesForm(obj=meeting), upload_form)


@bp.get("/documents/<int:document_id>")
@login_required
def document(document_id):
    doc = db.get_or_404(MeetingDocument, document_id)
    require(can_download_document(current_user, doc))
    try:
        response = send_file(documents.path_of(doc.stored_name), mimetype=doc.mimetype,
                             as_attachment=True, download_name=doc.filename, max_age=0)
    except FileNotFoundError:
        abort(404)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


