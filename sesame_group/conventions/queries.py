"""Reads for the partner follow-up: a fixed number of statements whatever the partner count."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sesame_group.conventions import commitments, periods
from sesame_group.conventions.models import Contribution, Convention
from sesame_group.extensions import db
from sesame_group.network.models import Partner


@dataclass
class PartnerFollowUp:
    partner: Partner
    conventions: list = field(default_factory=list)  # oldest first
    contribution: Contribution | None = None
    report: commitments.Report | None = None
    today: date | None = None

    @property
    def convention(self) -> Convention | None:
        return self.conventions[-1] if self.conventions else None

    @property
    def status(self) -> str:
        return periods.status_on(self.convention, self.today) if self.convention else "none"

    @property
    def end(self) -> date | None:
        return periods.end_date(self.convention) if self.convention else None


def follow_ups(year: int, today: date, partner_ids=None) -> list[PartnerFollowUp]:
    """Every partner (or those given) with conventions, the year's contribution and commitments."""
    partners_q = select(Partner).options(selectinload(Partner.libraries)).order_by(Partner.name)
    conventions_q = (
        select(Convention)
        .options(selectinload(Convention.amendments))
        .order_by(Convention.signed_on)
    )
    contributions_q = select(Contribution).where(Contribution.year == year)
    if partner_ids is not None:
        partners_q = partners_q.where(Partner.id.in_(partner_ids))
        conventions_q = conventions_q.where(Convention.partner_id.in_(partner_ids))
        contributions_q = contributions_q.where(Contribution.partner_id.in_(partner_ids))
    partners = db.session.scalars(partners_q).all()
    by_partner = defaultdict(list)
    for convention in db.session.scalars(conventions_q):
        by_partner[convention.partner_id].append(convention)
    contributions = {c.partner_id: c for c in db.session.scalars(contributions_q)}
    reports = commitments.compute(partners, year, today)
    return [
        PartnerFollowUp(
            partner=p,
            conventions=by_partner[p.id],
            contribution=contributions.get(p.id),
            report=reports[p.id],
            today=today,
        )
        for p in partners
    ]


def filter_follow_ups(rows, *, status="", unpaid=False, missed=False):
    if status:
        rows = [r for r in rows if r.status == status]
    if unpaid:
        rows = [r for r in rows if r.contribution is not None and not r.contribution.is_paid]
    if missed:
        rows = [r for r in rows if r.report.overall == commitments.MISSED]
    return rows


def contributions_of_year(year: int, *, unpaid_only: bool = False) -> list[Contribution]:
    query = (
        select(Contribution)
        .options(selectinload(Contribution.partner))
        .where(Contribution.year == year)
        .join(Contribution.partner)
        .order_by(Partner.name)
    )
    if unpaid_only:
        query = query.where(Contribution.paid_on.is_(None))
    return db.session.scalars(query).all()


def yearly_totals() -> list[tuple[int, object, object, int]]:
    """(year, amount due, amount paid, unpaid count) per year, newest first."""
    from sqlalchemy import case, func

    paid = func.sum(case((Contribution.paid_on.is_not(None), Contribution.amount), else_=0))
    unpaid = func.sum(case((Contribution.paid_on.is_(None), 1), else_=0))
    query = (
        select(Contribution.year, func.sum(Contribution.amount), paid, unpaid)
        .group_by(Contribution.year)
        .order_by(Contribution.year.desc())
    )
    return [tuple(row) for row in db.session.execute(query)]
