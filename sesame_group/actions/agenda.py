"""Accepted actions' dates for the agenda and the iCal feeds (contract in TEAM.md).

One VEVENT per action date, uid event_uid("action-date", date.id); SEQUENCE is the date's
revision counter (bumped on announce, reschedule, cancellation); cancelled dates and actions
stay as STATUS:CANCELLED. Each function runs one statement.
"""

from datetime import datetime

from flask import current_app, has_request_context, url_for
from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import contains_eager

from sesame_group.actions.models import (
    CALENDAR_STATUSES,
    CANCELLED,
    ActionDate,
    ActionProposal,
    action_partner_libraries,
)
from sesame_group.core.ical import CalendarEvent, build_calendar, event_uid
from sesame_group.core.markdown import plain_text
from sesame_group.core.permissions import is_librarian
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db


def _link(proposal_id: int) -> str:
    if has_request_context():
        return url_for("actions.detail", proposal_id=proposal_id)
    return current_app.url_map.bind("localhost").build(
        "actions.detail", {"proposal_id": proposal_id}
    )


def _query(since: datetime):
    return (
        select(ActionDate)
        .join(ActionDate.proposal)
        .join(ActionProposal.library)
        .options(contains_eager(ActionDate.proposal).contains_eager(ActionProposal.library))
        .where(ActionProposal.status.in_(CALENDAR_STATUSES), ActionDate.ends_at >= since)
        .order_by(ActionDate.starts_at, ActionDate.id)
    )


def _event(item: ActionDate) -> CalendarEvent:
    proposal, library = item.proposal, item.proposal.library
    cancelled = item.cancelled or proposal.status == CANCELLED
    place = ", ".join(part for part in (item.place, library.name, library.full_address) if part)
    return CalendarEvent(
        uid=event_uid("action-date", item.id),
        sequence=item.sequence,
        summary=f"Action culturelle : {proposal.title}",
        start=item.starts_at,
        end=item.ends_at,
        updated_at=max(item.updated_at, proposal.updated_at),
        status="CANCELLED" if cancelled else "CONFIRMED",
        location=place,
        description=plain_text(proposal.summary),
        url=absolute_url("actions.detail", proposal_id=proposal.id),
        kind="action",
        link=_link(proposal.id),
    )


def public_events(since: datetime) -> list[CalendarEvent]:
    """Dates of accepted (or completed, or cancelled after acceptance) actions ending >= since."""
    return [_event(item) for item in db.session.scalars(_query(since)).unique()]


def _of_library(library_id: int):
    joint = exists().where(
        action_partner_libraries.c.proposal_id == ActionProposal.id,
        action_partner_libraries.c.library_id == library_id,
    )
    return or_(ActionProposal.library_id == library_id, joint)


def personal_events(user, since: datetime) -> list[CalendarEvent]:
    """My library's accepted actions (proposing or joint library); none for a coordinator."""
    if not is_librarian(user) or user.library_id is None:
        return []
    query = _query(since).where(_of_library(user.library_id))
    return [_event(item) for item in db.session.scalars(query).unique()]


def fingerprint(user=None) -> tuple:
    """Changes whenever public_events/personal_events could change (one statement)."""
    row = db.session.execute(
        select(
            func.count(ActionDate.id),
            func.max(ActionDate.updated_at),
            func.max(ActionProposal.updated_at),
            func.coalesce(func.sum(ActionDate.sequence), 0),
        )
        .join(ActionDate.proposal)
        .where(ActionProposal.status.in_(CALENDAR_STATUSES))
    ).one()
    count, dates_at, proposals_at, sequences = row
    key = ("actions", count, str(dates_at), str(proposals_at), int(sequences))
    if user is not None:
        key += (getattr(user, "library_id", None),)
    return key


def proposal_events(proposal) -> list[CalendarEvent]:
    """Every date of one accepted (completed, cancelled) action, as in the feeds."""
    return [_event(item) for item in sorted(proposal.dates, key=lambda d: (d.starts_at, d.id))]


def proposal_ics(proposal) -> bytes:
    """The action's dates as one .ics file: download and acceptance mail attachment."""
    return build_calendar(
        proposal_events(proposal),
        name=f"Sésame — {proposal.title}",
        feed_uid=event_uid("action", proposal.id),
    )
