"""What meetings give the calendars and the replacement plan (cross-domain contract)."""

from datetime import datetime

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import case, func, select
from sqlalchemy.orm import contains_eager, joinedload

from sesame_group.accounts.models import User
from sesame_group.core.absences import Absence
from sesame_group.core.ical import CalendarEvent, event_uid
from sesame_group.core.markdown import plain_text
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db
from sesame_group.meetings.labels import kind_label
from sesame_group.meetings.models import ANNOUNCED, ATTENDING, CANCELLED, MAYBE, Invitation, Meeting

VISIBLE = (ANNOUNCED, CANCELLED)  # drafts never leave the coordinators' pages


def _visible(since: datetime):
    return (
        Meeting.status.in_(VISIBLE),
        Meeting.announced_at.is_not(None),
        Meeting.ends_at >= since,
    )


def meeting_path(meeting_id: int) -> str:
    """Relative URL of the meeting page, inside a request or not (CLI, mail)."""
    if has_request_context():
        return url_for("meetings.detail", meeting_id=meeting_id)
    adapter = current_app.url_map.bind(current_app.config["SERVER_HOST"])
    return adapter.build("meetings.detail", {"meeting_id": meeting_id})


def meeting_event(meeting: Meeting, invitation: Invitation | None = None) -> CalendarEvent:
    """The VEVENT of a meeting; with an invitation, the personal version (answer shown)."""
    with force_locale("fr"):
        description = f"{kind_label(meeting.kind)}\n\n{plain_text(meeting.agenda)}".strip()
        status = "CANCELLED" if meeting.status == CANCELLED else "CONFIRMED"
        sequence, updated = meeting.sequence, meeting.updated_at
        if invitation is not None:
            answer = _answer_text(invitation)
            description = f"{answer}\n\n{description}"
            sequence += invitation.revision
            updated = max(updated, invitation.updated_at)
            if status == "CONFIRMED" and invitation.response == MAYBE:
                status = "TENTATIVE"
    return CalendarEvent(
        uid=event_uid("meeting", meeting.id),
        sequence=sequence,
        summary=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        updated_at=updated,
        status=status,
        location=meeting.location,
        description=description,
        url=absolute_url("meetings.detail", meeting_id=meeting.id),
        kind="meeting",
        link=meeting_path(meeting.id),
    )


def _answer_text(invitation: Invitation) -> str:
    texts = {
        ATTENDING: _("Votre réponse : je participerai."),
        "not_attending": _("Votre réponse : je ne participerai pas."),
        MAYBE: _("Votre réponse : peut-être."),
        None: _("Vous n’avez pas encore répondu."),
    }
    text = texts[invitation.response]
    if invitation.response == ATTENDING and invitation.needs_replacement:
        text = f"{text} {_('Remplacement demandé.')}"
    return text


def public_events(since: datetime) -> list[CalendarEvent]:
    """Announced (and later cancelled) meetings ending on or after `since`; 1 query."""
    query = select(Meeting).where(*_visible(since)).order_by(Meeting.starts_at, Meeting.id)
    return [meeting_event(m) for m in db.session.scalars(query)]


def personal_events(user, since: datetime) -> list[CalendarEvent]:
    """Meetings `user` is invited to, description giving the answer; 1 query."""
    query = (
        select(Invitation)
        .join(Invitation.meeting)
        .options(contains_eager(Invitation.meeting))
        .where(Invitation.user_id == user.id, *_visible(since))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return [meeting_event(inv.meeting, inv) for inv in db.session.scalars(query)]


def _meeting_columns():
    visible = case((Meeting.status.in_(VISIBLE) & Meeting.announced_at.is_not(None), 1), else_=0)
    return [
        func.max(Meeting.updated_at),
        func.count(Meeting.id),
        func.coalesce(func.sum(Meeting.sequence), 0),
        func.coalesce(func.sum(visible), 0),
    ]


def fingerprint(user=None) -> tuple:
    """Changes whenever public_events (or personal_events of `user`) could change; 1 query.

    Revision sums catch two changes within the same second (updated_at has whole seconds).
    """
    columns = _meeting_columns()
    if user is not None:
        mine = Invitation.user_id == user.id
        columns += [
            select(func.max(Invitation.updated_at)).where(mine).scalar_subquery(),
            select(func.count(Invitation.id)).where(mine).scalar_subquery(),
            select(func.coalesce(func.sum(Invitation.revision), 0)).where(mine).scalar_subquery(),
        ]
    row = db.session.execute(select(*columns).select_from(Meeting)).one()
    return ("meetings", *row)


def absences(library_ids: list[int] | None, since: datetime) -> list[Absence]:
    """Members answering « attending » to a non-cancelled meeting ending after `since`; 1 query."""
    query = (
        select(Invitation)
        .join(Invitation.meeting)
        .options(contains_eager(Invitation.meeting), joinedload(Invitation.user))
        .where(
            Invitation.response == ATTENDING, Meeting.status == ANNOUNCED, Meeting.ends_at >= since
        )
        .order_by(Meeting.starts_at, Meeting.id, Invitation.id)
    )
    if library_ids is not None:
        query = query.where(Invitation.library_id.in_(library_ids))
    return [
        Absence(
            key=f"meeting-{inv.meeting_id}:user-{inv.user_id}",
            kind="meeting",
            user_id=inv.user_id,
            user_name=inv.user.display_name,
            library_id=inv.library_id,
            start=inv.meeting.starts_at,
            end=inv.meeting.ends_at,
            title=inv.meeting.title,
            link=meeting_path(inv.meeting_id),
            updated_at=max(inv.updated_at, inv.meeting.updated_at),
        )
        for inv in db.session.scalars(query).unique()
    ]


def absences_fingerprint() -> tuple:
    """Changes whenever absences() could change; 1 query."""
    attending = Invitation.response == ATTENDING
    row = db.session.execute(
        select(
            *_meeting_columns(),
            select(func.max(Invitation.updated_at)).where(attending).scalar_subquery(),
            select(func.count(Invitation.id)).where(attending).scalar_subquery(),
            select(func.coalesce(func.sum(Invitation.revision), 0)).scalar_subquery(),
            select(func.max(User.updated_at)).scalar_subquery(),
        ).select_from(Meeting)
    ).one()
    return ("meeting-absences", *row)
