"""Reads shared by the meetings pages, the dashboard and the exports (fixed statement counts)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from sesame_group.core.pagination import Page, paginate
from sesame_group.core.permissions import is_coordinator
from sesame_group.extensions import db
from sesame_group.meetings.models import ANNOUNCED, DRAFT, Invitation, Meeting
from sesame_group.network.models import Library, Partner

PER_PAGE = 20


def meetings_page(user, *, past: bool, now: datetime, page: int) -> Page:
    """Upcoming (soonest first) or past (latest first) meetings the user may see; 2 queries."""
    query = select(Meeting)
    if not is_coordinator(user):
        query = query.where(Meeting.status != DRAFT)
    if past:
        query = query.where(Meeting.ends_at < now).order_by(
            Meeting.starts_at.desc(), Meeting.id.desc()
        )
    else:
        query = query.where(Meeting.ends_at >= now).order_by(Meeting.starts_at, Meeting.id)
    return paginate(query, page, PER_PAGE)


def invitations_of(user, meeting_ids) -> dict[int, Invitation]:
    """{meeting id: the user's invitation}; 1 query (none without ids)."""
    if not meeting_ids:
        return {}
    query = select(Invitation).where(
        Invitation.user_id == user.id, Invitation.meeting_id.in_(meeting_ids)
    )
    return {inv.meeting_id: inv for inv in db.session.scalars(query)}


@dataclass
class Counts:
    invited: int = 0
    attending: int = 0
    not_attending: int = 0
    maybe: int = 0
    unanswered: int = 0
    replacements: int = 0

    @property
    def answered(self) -> int:
        return self.invited - self.unanswered

    @property
    def rate(self) -> int:
        """Answer rate in whole percent."""
        return round(100 * self.answered / self.invited) if self.invited else 0


def answer_counts(meeting_ids) -> dict[int, Counts]:
    """{meeting id: Counts}; 1 query (none without ids)."""
    if not meeting_ids:
        return {}
    query = (
        select(
            Invitation.meeting_id,
            Invitation.response,
            Invitation.needs_replacement,
            func.count(Invitation.id),
        )
        .where(Invitation.meeting_id.in_(meeting_ids))
        .group_by(Invitation.meeting_id, Invitation.response, Invitation.needs_replacement)
    )
    result = {meeting_id: Counts() for meeting_id in meeting_ids}
    for meeting_id, response, replacement, number in db.session.execute(query):
        counts = result[meeting_id]
        counts.invited += number
        name = response or "unanswered"
        setattr(counts, name, getattr(counts, name) + number)
        if response == "attending" and replacement:
            counts.replacements += number
    return result


@dataclass
class PartnerAnswers:
    partner: Partner
    invitations: list = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(inv.response for inv in self.invitations)

    @property
    def represented(self) -> bool:
        return any(inv.response == "attending" for inv in self.invitations)

    @property
    def attended(self) -> bool:
        return any(inv.attended for inv in self.invitations)


def invitations_by_partner(meeting: Meeting) -> list[PartnerAnswers]:
    """Every invitation with member, library and partner, grouped by partner; 1 query."""
    query = (
        select(Invitation)
        .join(Invitation.library)
        .join(Library.partner)
        .options(
            joinedload(Invitation.user),
            contains_eager(Invitation.library).contains_eager(Library.partner),
        )
        .where(Invitation.meeting_id == meeting.id)
        .order_by(Partner.name, Library.name, Invitation.id)
    )
    groups: dict[int, PartnerAnswers] = {}
    for invitation in db.session.scalars(query).unique():
        partner = invitation.library.partner
        groups.setdefault(partner.id, PartnerAnswers(partner)).invitations.append(invitation)
    return list(groups.values())


def unanswered(groups: list[PartnerAnswers]) -> list[Invitation]:
    """Invitations without an answer, in the groups' order (no query)."""
    return [inv for group in groups for inv in group.invitations if inv.response is None]


def pending_invitations(user, now: datetime, limit: int = 5) -> list[Invitation]:
    """Invitations to upcoming announced meetings the user has not answered; 1 query."""
    query = (
        select(Invitation)
        .join(Invitation.meeting)
        .options(contains_eager(Invitation.meeting))
        .where(
            Invitation.user_id == user.id,
            Invitation.response.is_(None),
            Meeting.status == ANNOUNCED,
            Meeting.starts_at > now,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def upcoming_announced(now: datetime, limit: int = 5) -> list[Meeting]:
    """The next announced meetings; 1 query."""
    query = (
        select(Meeting)
        .where(Meeting.status == ANNOUNCED, Meeting.starts_at > now)
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))
