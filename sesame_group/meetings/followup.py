"""What meetings tell the partner follow-up (conventions): annual reviews and who came."""

from datetime import datetime

from sqlalchemy import select

from sesame_group.core.timeutil import paris_to_utc, to_paris
from sesame_group.extensions import db
from sesame_group.meetings.models import ANNOUNCED, Invitation, Meeting
from sesame_group.network.models import Library


def _reviews_of(year: int):
    start = paris_to_utc(datetime(year, 1, 1))
    end = paris_to_utc(datetime(year + 1, 1, 1))
    return (
        Meeting.kind == "annual_review",
        Meeting.status == ANNOUNCED,
        Meeting.starts_at >= start,
        Meeting.starts_at < end,
    )


def annual_reviews(year: int) -> list[dict]:
    """Announced, non-cancelled annual reviews held that (Paris) year, by date; 1 query."""
    query = (
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .where(*_reviews_of(year))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return [
        {"id": row.id, "title": row.title, "day": to_paris(row.starts_at).date()}
        for row in db.session.execute(query)
    ]


def represented_partners(year: int) -> dict[int, set[int]]:
    """{partner id: {annual review ids}} where a member was recorded present; 1 query.

    Only recorded attendance counts: an « attending » answer is a promise, not a presence.
    """
    query = (
        select(Library.partner_id, Invitation.meeting_id)
        .join(Invitation.meeting)
        .join(Library, Library.id == Invitation.library_id)
        .where(*_reviews_of(year), Invitation.attended.is_(True))
    )
    result: dict[int, set[int]] = {}
    for partner_id, meeting_id in db.session.execute(query):
        result.setdefault(partner_id, set()).add(meeting_id)
    return result
