"""Reads of the actions pages: lists, detail, programme, export; constant statement counts."""

import csv
import io
from datetime import datetime
from decimal import Decimal

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import selectinload

from sesame_group.actions.labels import AUDIENCE_LABELS, FORMAT_LABELS, status_label
from sesame_group.actions.models import (
    ACCEPTED,
    COMPLETED,
    DRAFT,
    WITHDRAWN,
    ActionBudget,
    ActionComment,
    ActionDate,
    ActionProposal,
    ActionSupport,
)
from sesame_group.core.pagination import paginate
from sesame_group.core.permissions import is_librarian
from sesame_group.core.timeutil import PARIS, to_paris
from sesame_group.extensions import db
from sesame_group.network.models import Library


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """[1 January, next 1 January) in Paris, as aware instants."""
    return datetime(year, 1, 1, tzinfo=PARIS), datetime(year + 1, 1, 1, tzinfo=PARIS)


def _dated_in(year: int):
    start, end = year_bounds(year)
    return exists().where(
        ActionDate.proposal_id == ActionProposal.id,
        ActionDate.starts_at >= start,
        ActionDate.starts_at < end,
    )


def visible_to(user):
    """Drafts only for the proposing library's members."""
    if is_librarian(user) and user.library_id is not None:
        return or_(ActionProposal.status != DRAFT, ActionProposal.library_id == user.library_id)
    return ActionProposal.status != DRAFT


def list_proposals(
    user, *, status="", audience="", format="", year=None, mine=False, page=1, per_page=20
):
    """A page of proposals (4 statements) and {proposal id: (comments, supports)} (2 more)."""
    query = (
        select(ActionProposal)
        .where(visible_to(user))
        .options(selectinload(ActionProposal.library), selectinload(ActionProposal.dates))
        .order_by(ActionProposal.updated_at.desc(), ActionProposal.id.desc())
    )
    if status:
        query = query.where(ActionProposal.status == status)
    if audience:
        query = query.where(ActionProposal.audience == audience)
    if format:
        query = query.where(ActionProposal.format == format)
    if year:
        query = query.where(_dated_in(year))
    if mine and user.library_id is not None:
        query = query.where(ActionProposal.library_id == user.library_id)
    result = paginate(query, page, per_page)
    return result, counts([p.id for p in result.items])


def counts(ids: list[int]) -> dict[int, tuple[int, int]]:
    """{id: (public comments, supports)} in two statements."""
    if not ids:
        return {}
    comments = dict(
        db.session.execute(
            select(ActionComment.proposal_id, func.count())
            .where(ActionComment.proposal_id.in_(ids), ActionComment.internal.is_(False))
            .group_by(ActionComment.proposal_id)
        ).all()
    )
    supports = dict(
        db.session.execute(
            select(ActionSupport.proposal_id, func.count())
            .where(ActionSupport.proposal_id.in_(ids))
            .group_by(ActionSupport.proposal_id)
        ).all()
    )
    return {i: (comments.get(i, 0), supports.get(i, 0)) for i in ids}


def detail_options():
    return (
        selectinload(ActionProposal.library),
        selectinload(ActionProposal.author),
        selectinload(ActionProposal.partner_libraries),
        selectinload(ActionProposal.dates),
        selectinload(ActionProposal.decided_by),
    )


def get_proposal(proposal_id: int) -> ActionProposal | None:
    return db.session.scalar(
        select(ActionProposal).where(ActionProposal.id == proposal_id).options(*detail_options())
    )


def discussion(proposal, user, *, internal=False):
    """Top-level comments with their replies: [(comment, [replies])], authors loaded."""
    rows = db.session.scalars(
        select(ActionComment)
        .where(ActionComment.proposal_id == proposal.id, ActionComment.internal.is_(internal))
        .options(selectinload(ActionComment.author))
        .order_by(ActionComment.id)
    ).all()
    replies: dict[int, list] = {}
    for row in rows:
        if row.parent_id is not None:
            replies.setdefault(row.parent_id, []).append(row)
    return [(row, replies.get(row.id, [])) for row in rows if row.parent_id is None]


def support_state(proposal, user) -> tuple[int, bool]:
    """(number of supports, whether `user` supports) in one statement."""
    count, mine = db.session.execute(
        select(
            func.count(ActionSupport.id),
            func.count(ActionSupport.id).filter(ActionSupport.user_id == user.id),
        ).where(ActionSupport.proposal_id == proposal.id)
    ).one()
    return count, bool(mine)


def library_choices() -> list[tuple[int, str]]:
    return [
        (lib.id, f"{lib.name} ({lib.town})")
        for lib in db.session.execute(
            select(Library.id, Library.name, Library.town).order_by(Library.name, Library.id)
        ).all()
    ]


def resource_choices(proposal=None) -> list[tuple[int, str]]:
    """Active catalogue resources, plus those the proposal already promotes."""
    from sesame_group.resources.models import Resource

    kept = [r.id for r in proposal.promoted] if proposal is not None else []
    rows = db.session.execute(
        select(Resource.id, Resource.name)
        .where(or_(Resource.active.is_(True), Resource.id.in_(kept)))
        .order_by(Resource.name)
    ).all()
    return [(row.id, row.name) for row in rows]


def programme(year: int) -> dict:
    """Accepted and completed actions of `year` by Paris month of their first date, totals.

    Four statements: proposals, their dates, libraries, the budget.
    """
    proposals = db.session.scalars(
        select(ActionProposal)
        .where(_dated_in(year), ActionProposal.status.not_in((DRAFT, WITHDRAWN)))
        .options(selectinload(ActionProposal.dates), selectinload(ActionProposal.library))
        .order_by(ActionProposal.id)
    ).all()
    months: dict[int, list] = {}
    requested = granted = Decimal("0")
    for proposal in proposals:
        requested += proposal.requested_amount or 0
        if proposal.status in (ACCEPTED, COMPLETED):
            granted += proposal.granted_amount or 0
            months.setdefault(to_paris(proposal.first_start).month, []).append(proposal)
    for items in months.values():
        items.sort(key=lambda p: (p.first_start, p.id))
    budget = db.session.scalar(select(ActionBudget.amount).where(ActionBudget.year == year))
    return {
        "months": sorted(months.items()),
        "requested": requested,
        "granted": granted,
        "budget": budget,
        "remaining": (budget - granted) if budget is not None else None,
        "count": len(proposals),
    }


def pending_count() -> int:
    from sesame_group.actions.services import pending_decisions_query

    return db.session.scalar(select(func.count()).select_from(pending_decisions_query().subquery()))


def export_csv(year: int | None) -> bytes:
    """Every proposal but drafts, with its decision: UTF-8 with BOM, « ; », CRLF."""
    query = (
        select(ActionProposal)
        .where(ActionProposal.status != DRAFT)
        .options(
            selectinload(ActionProposal.library).selectinload(Library.partner),
            selectinload(ActionProposal.dates),
        )
        .order_by(ActionProposal.id)
    )
    if year:
        query = query.where(_dated_in(year))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "N°",
            "Titre",
            "Bibliothèque",
            "Collectivité",
            "Statut",
            "Public",
            "Format",
            "Première date",
            "Participants attendus",
            "Montant demandé",
            "Décision",
            "Montant accordé",
            "Conditions ou motif",
            "Participants réels",
        ]
    )
    for p in db.session.scalars(query).all():
        first = p.first_start
        writer.writerow(
            [
                p.id,
                _csv_text(p.title),
                p.library.name,
                p.library.partner.name,
                status_label(p.status),
                str(AUDIENCE_LABELS[p.audience]),
                str(FORMAT_LABELS[p.format]),
                to_paris(first).strftime("%d/%m/%Y") if first else "",
                p.expected_participants,
                _amount(p.requested_amount),
                {"accepted": "acceptée", "declined": "refusée"}.get(p.decision or "", "")
                if p.announced_at
                else "",
                _amount(p.granted_amount) if p.announced_at else "",
                _csv_text(p.decision_note) if p.announced_at else "",
                "" if p.actual_participants is None else p.actual_participants,
            ]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _amount(value) -> str:
    return "" if value is None else f"{Decimal(value):.2f}".replace(".", ",")


def _csv_text(value: str) -> str:
    """Neutralise spreadsheet formulas (=, +, -, @ at the start of a cell)."""
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
