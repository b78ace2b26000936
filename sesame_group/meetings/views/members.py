"""Member pages: lists, meeting page with the answer form, .ics and documents."""

from flask import Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sesame_group.core.errors import DomainError
from sesame_group.core.ical import single_event_ics
from sesame_group.core.permissions import require
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db
from sesame_group.meetings import documents, queries, services
from sesame_group.meetings.agenda import meeting_event
from sesame_group.meetings.forms import RsvpForm
from sesame_group.meetings.mailing import ics_filename
from sesame_group.meetings.models import MeetingDocument
from sesame_group.meetings.permissions import (
    can_answer_invitation,
    can_download_document,
    can_manage_meetings,
    can_view_meeting,
)
from sesame_group.meetings.views.common import failed, load_meeting


@login_required
def index():
    past = request.args.get("past") == "1"
    page = queries.meetings_page(
        current_user, past=past, now=utcnow(), page=request.args.get("page", 1, type=int)
    )
    ids = [meeting.id for meeting in page.items]
    counts = queries.answer_counts(ids) if can_manage_meetings(current_user) else {}
    return render_template(
        "meetings/index.html",
        page=page,
        past=past,
        counts=counts,
        mine=queries.invitations_of(current_user, ids),
    )


@login_required
def detail(meeting_id):
    meeting = load_meeting(meeting_id)
    require(can_view_meeting(current_user, meeting))
    invitation = queries.invitations_of(current_user, [meeting.id]).get(meeting.id)
    return _detail_page(meeting, invitation, RsvpForm(data=_answer_data(invitation)))


def _answer_data(invitation) -> dict:
    if invitation is None:
        return {}
    return {
        "response": invitation.response,
        "needs_replacement": invitation.needs_replacement,
        "replacement_note": invitation.replacement_note,
        "comment": invitation.comment,
        "representative": invitation.is_representative,
    }


def _detail_page(meeting, invitation, form):
    return render_template(
        "meetings/detail.html", meeting=meeting, invitation=invitation, form=form, now=utcnow()
    )


@login_required
def rsvp(meeting_id):
    meeting = load_meeting(meeting_id)
    invitation = queries.invitations_of(current_user, [meeting.id]).get(meeting.id)
    require(can_answer_invitation(current_user, invitation))
    form = RsvpForm()
    if form.validate_on_submit():
        try:
            services.answer_invitation(
                invitation,
                response=form.response.data,
                needs_replacement=form.needs_replacement.data,
                replacement_note=form.replacement_note.data or "",
                comment=form.comment.data or "",
                representative=form.representative.data,
            )
        except DomainError as error:
            failed(form, error)
        else:
            db.session.commit()
            flash(_("Votre réponse est enregistrée."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return _detail_page(meeting, invitation, form)


@login_required
def ics(meeting_id):
    meeting = load_meeting(meeting_id)
    require(can_view_meeting(current_user, meeting))
    invitation = queries.invitations_of(current_user, [meeting.id]).get(meeting.id)
    response = Response(
        single_event_ics(meeting_event(meeting, invitation)), mimetype="text/calendar"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response


@login_required
def document(document_id, name):
    """The file by id; `name` (its file name) only makes the URL readable."""
    doc = db.get_or_404(MeetingDocument, document_id)
    require(can_download_document(current_user, doc))
    try:
        response = send_file(
            documents.path_of(doc.stored_name),
            mimetype=doc.mimetype,
            as_attachment=True,
            download_name=doc.filename,
            max_age=0,
        )
    except FileNotFoundError:
        abort(404)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


ROUTES = (
    ("/", index, ("GET",)),
    ("/<int:meeting_id>", detail, ("GET",)),
    ("/<int:meeting_id>/rsvp", rsvp, ("POST",)),
    ("/<int:meeting_id>/reunion.ics", ics, ("GET",)),
    ("/documents/<int:document_id>/<name>", document, ("GET",)),
)
