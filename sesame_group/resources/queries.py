"""Reads of resources: catalogue, campaigns, a library's progress, raw evaluations, each in a
fixed number of statements (results and participation: results.py)."""

from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import selectinload

from sesame_group.extensions import db
from sesame_group.network.models import Library
from sesame_group.resources.models import (
    Campaign,
    Evaluation,
    Reminder,
    Resource,
)


def catalogue(category: str = "", text: str = "", include_inactive: bool = False):
    """select() of resources, filtered, by name (for paginate)."""
    query = select(Resource).order_by(Resource.name)
    if category:
        query = query.where(Resource.category == category)
    if text:
        pattern = f"%{text.lower()}%"
        query = query.where(
            or_(
                func.lower(Resource.name).like(pattern),
                func.lower(Resource.provider).like(pattern),
                func.lower(Resource.description).like(pattern),
            )
        )
    if not include_inactive:
        query = query.where(Resource.active.is_(True))
    return query


def load_campaign(campaign_id: int) -> Campaign | None:
    return db.session.scalar(
        select(Campaign)
        .where(Campaign.id == campaign_id)
        .options(selectinload(Campaign.criteria), selectinload(Campaign.resources))
    )


def campaigns_with_counts(library_id: int | None) -> list[tuple[Campaign, int, int]]:
    """[(campaign, evaluations, my library's evaluations)], newest first; 2 statements."""
    campaigns = db.session.scalars(
        select(Campaign)
        .options(selectinload(Campaign.resources))
        .order_by(Campaign.opens_on.desc(), Campaign.id.desc())
    ).all()
    mine = Evaluation.library_id == (library_id or 0)
    counts = {
        row.campaign_id: (row.total, row.mine or 0)
        for row in db.session.execute(
            select(
                Evaluation.campaign_id,
                func.count().label("total"),
                func.sum(case((mine, 1), else_=0)).label("mine"),
            ).group_by(Evaluation.campaign_id)
        )
    }
    return [(c, *counts.get(c.id, (0, 0))) for c in campaigns]


def current_campaigns(today: date) -> list[Campaign]:
    return list(
        db.session.scalars(
            select(Campaign)
            .options(selectinload(Campaign.resources))
            .where(
                Campaign.closed_at.is_(None),
                Campaign.opens_on <= today,
                Campaign.closes_on >= today,
            )
            .order_by(Campaign.closes_on)
        )
    )


def library_evaluations(campaign: Campaign, library_id: int) -> dict[int, Evaluation]:
    """{resource id: evaluation} of one library in the campaign; 2 statements."""
    rows = db.session.scalars(
        select(Evaluation)
        .options(selectinload(Evaluation.updated_by))
        .where(Evaluation.campaign_id == campaign.id, Evaluation.library_id == library_id)
    ).all()
    return {e.resource_id: e for e in rows}


def load_evaluation(campaign: Campaign, resource_id: int, library_id: int) -> Evaluation | None:
    return db.session.scalar(
        select(Evaluation)
        .options(selectinload(Evaluation.scores))
        .where(
            Evaluation.campaign_id == campaign.id,
            Evaluation.resource_id == resource_id,
            Evaluation.library_id == library_id,
        )
    )


def unfinished_libraries(campaign: Campaign) -> list[tuple[Library, int]]:
    """Libraries not yet reminded that have not evaluated every resource, with their count."""
    done = func.count(Evaluation.id)
    reminded = (
        select(Reminder.id)
        .where(Reminder.campaign_id == campaign.id, Reminder.library_id == Library.id)
        .exists()
    )
    rows = db.session.execute(
        select(Library, done)
        .options(selectinload(Library.members))
        .outerjoin(
            Evaluation,
            and_(Evaluation.library_id == Library.id, Evaluation.campaign_id == campaign.id),
        )
        .where(~reminded)
        .group_by(Library.id)
        .having(done < len(campaign.resources))
        .order_by(Library.name)
    ).all()
    return [(library, count) for library, count in rows]


def raw_evaluations(campaign: Campaign) -> list[Evaluation]:
    """Every evaluation with library, partner, resource, scores and last editor; 4 statements."""
    return list(
        db.session.scalars(
            select(Evaluation)
            .where(Evaluation.campaign_id == campaign.id)
            .join(Library, Library.id == Evaluation.library_id)
            .join(Resource, Resource.id == Evaluation.resource_id)
            .options(
                selectinload(Evaluation.scores),
                selectinload(Evaluation.library).selectinload(Library.partner),
                selectinload(Evaluation.resource),
                selectinload(Evaluation.updated_by),
            )
            .order_by(Library.name, Resource.name)
        )
    )


def active_resource_choices() -> list[tuple[int, str]]:
    """[(id, name)] of the active resources, by name: for other domains' forms (trainings and
    cultural actions link to resources). 1 statement."""
    return [
        (row.id, row.name)
        for row in db.session.execute(
            select(Resource.id, Resource.name)
            .where(Resource.active.is_(True))
            .order_by(Resource.name)
        )
    ]
