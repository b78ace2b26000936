"""Evaluation facts the partner follow-up (conventions) reads: one statement each."""

from datetime import date

from sqlalchemy import func, select

from sesame_group.extensions import db
from sesame_group.network.models import Library
from sesame_group.resources.models import Campaign, Evaluation


def _campaign_of_year_query(year: int):
    return (
        select(Campaign.id, Campaign.title, Campaign.opens_on, Campaign.closes_on)
        .where(Campaign.opens_on >= date(year, 1, 1), Campaign.opens_on <= date(year, 12, 31))
        .order_by(Campaign.opens_on.desc(), Campaign.id.desc())
        .limit(1)
    )


def campaign_of_year(year: int) -> dict | None:
    """The campaign opening in that year (the latest if several), or None."""
    row = db.session.execute(_campaign_of_year_query(year)).first()
    if row is None:
        return None
    return {"id": row.id, "title": row.title, "opens_on": row.opens_on, "closes_on": row.closes_on}


def evaluations_by_partner(year: int) -> dict[int, int]:
    """{partner id: evaluations submitted by its libraries in that year's campaign}."""
    campaign_id = _campaign_of_year_query(year).with_only_columns(Campaign.id).scalar_subquery()
    rows = db.session.execute(
        select(Library.partner_id, func.count(Evaluation.id))
        .join(Library, Library.id == Evaluation.library_id)
        .where(Evaluation.campaign_id == campaign_id)
        .group_by(Library.partner_id)
    )
    return dict(rows.all())
