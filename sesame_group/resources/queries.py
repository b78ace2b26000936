"""Reads of resources: catalogue, progress, participation and results, each in a fixed
number of statements whatever the number of libraries, resources or evaluations."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Float, and_, case, cast, func, or_, select
from sqlalchemy.orm import selectinload

from sesame_group.extensions import db
from sesame_group.network.models import Library, Partner
from sesame_group.resources.models import (
    RECOMMENDATIONS,
    SCORES,
    USAGES,
    Campaign,
    Criterion,
    Evaluation,
    Reminder,
    Resource,
    Score,
    campaign_resources,
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


@dataclass
class LibraryRow:
    id: int
    name: str
    done: int


@dataclass
class PartnerRow:
    id: int
    name: str
    expected_each: int
    libraries: list[LibraryRow] = field(default_factory=list)

    @property
    def evaluations(self) -> int:
        return sum(lib.done for lib in self.libraries)

    @property
    def expected(self) -> int:
        return self.expected_each * len(self.libraries)

    @property
    def complete(self) -> int:
        return sum(1 for lib in self.libraries if lib.done >= self.expected_each)

    @property
    def percent(self) -> int:
        return round(100 * self.evaluations / self.expected) if self.expected else 0


def participation(campaign: Campaign) -> list[PartnerRow]:
    """Every partner with its libraries and their evaluations in the campaign; 1 statement
    (campaign.resources already loaded)."""
    rows = db.session.execute(
        select(Partner.id, Partner.name, Library.id, Library.name, func.count(Evaluation.id))
        .join(Library, Library.partner_id == Partner.id)
        .outerjoin(
            Evaluation,
            and_(Evaluation.library_id == Library.id, Evaluation.campaign_id == campaign.id),
        )
        .group_by(Partner.id, Partner.name, Library.id, Library.name)
        .order_by(Partner.name, Library.name, Library.id)
    ).all()
    partners: dict[int, PartnerRow] = {}
    expected = len(campaign.resources)
    for partner_id, partner_name, library_id, library_name, done in rows:
        row = partners.setdefault(partner_id, PartnerRow(partner_id, partner_name, expected))
        row.libraries.append(LibraryRow(library_id, library_name, done))
    return list(partners.values())


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


@dataclass
class Comment:
    library: str
    text: str
    updated_at: datetime


@dataclass
class ResourceResult:
    resource: Resource
    count: int = 0
    means: dict = field(default_factory=dict)  # criterion id -> mean score
    weighted: float | None = None
    distribution: dict = field(default_factory=lambda: dict.fromkeys(SCORES, 0))
    recommendations: dict = field(default_factory=lambda: dict.fromkeys(RECOMMENDATIONS, 0))
    usages: dict = field(default_factory=lambda: dict.fromkeys(USAGES, 0))
    comments: list = field(default_factory=list)
    previous: float | None = None

    @property
    def trend(self) -> str | None:
        if self.weighted is None or self.previous is None:
            return None
        delta = round(self.weighted, 2) - round(self.previous, 2)
        return "up" if delta > 0 else "down" if delta < 0 else "same"

    @property
    def max_distribution(self) -> int:
        return max(self.distribution.values())


def results(campaign: Campaign, previous: Campaign | None) -> list[ResourceResult]:
    """Per resource of the campaign: counts, means, weighted score, distribution, tallies,
    comments, previous campaign's score. 6 statements (campaign criteria/resources loaded)."""
    by_resource = {r.id: ResourceResult(resource=r) for r in campaign.resources}
    for resource_id, means in _means(campaign.id).items():
        if resource_id in by_resource:
            by_resource[resource_id].means = {cid: mean for cid, (mean, _w) in means.items()}
            by_resource[resource_id].weighted = _weighted(means)
    _add_tallies(campaign.id, by_resource)
    _add_distribution(campaign.id, by_resource)
    _add_comments(campaign.id, by_resource)
    if previous is not None:
        for resource_id, means in _means(previous.id).items():
            if resource_id in by_resource:
                by_resource[resource_id].previous = _weighted(means)
    return list(by_resource.values())


def _means(campaign_id: int) -> dict[int, dict[int, tuple[float, int]]]:
    """{resource id: {criterion id: (mean, weight)}}."""
    rows = db.session.execute(
        select(
            Evaluation.resource_id,
            Score.criterion_id,
            Criterion.weight,
            func.avg(cast(Score.score, Float)),
        )
        .join(Score, Score.evaluation_id == Evaluation.id)
        .join(Criterion, Criterion.id == Score.criterion_id)
        .where(Evaluation.campaign_id == campaign_id)
        .group_by(Evaluation.resource_id, Score.criterion_id, Criterion.weight)
    )
    means: dict = {}
    for resource_id, criterion_id, weight, mean in rows:
        means.setdefault(resource_id, {})[criterion_id] = (float(mean), weight)
    return means


def _weighted(means: dict[int, tuple[float, int]]) -> float | None:
    """Weighted score: every evaluation rates every criterion, so the weighted mean of the
    criterion means equals the mean of the evaluations' weighted scores."""
    total = sum(weight for _mean, weight in means.values())
    if not total:
        return None
    return sum(mean * weight for mean, weight in means.values()) / total


def _add_tallies(campaign_id, by_resource):
    columns = [func.count(Evaluation.id)]
    columns += [
        func.sum(case((Evaluation.recommendation == r, 1), else_=0)) for r in RECOMMENDATIONS
    ]
    columns += [func.sum(case((Evaluation.usage == u, 1), else_=0)) for u in USAGES]
    rows = db.session.execute(
        select(Evaluation.resource_id, *columns)
        .where(Evaluation.campaign_id == campaign_id)
        .group_by(Evaluation.resource_id)
    )
    for resource_id, count, *tallies in rows:
        result = by_resource.get(resource_id)
        if result is None:
            continue
        result.count = count
        n = len(RECOMMENDATIONS)
        result.recommendations = dict(zip(RECOMMENDATIONS, map(int, tallies[:n]), strict=True))
        result.usages = dict(zip(USAGES, map(int, tallies[n:]), strict=True))


def _add_distribution(campaign_id, by_resource):
    rows = db.session.execute(
        select(Evaluation.resource_id, Score.score, func.count())
        .join(Score, Score.evaluation_id == Evaluation.id)
        .where(Evaluation.campaign_id == campaign_id)
        .group_by(Evaluation.resource_id, Score.score)
    )
    for resource_id, score, count in rows:
        if resource_id in by_resource:
            by_resource[resource_id].distribution[score] = count


def _add_comments(campaign_id, by_resource):
    rows = db.session.execute(
        select(Evaluation.resource_id, Library.name, Evaluation.comment, Evaluation.updated_at)
        .join(Library, Library.id == Evaluation.library_id)
        .where(Evaluation.campaign_id == campaign_id, Evaluation.comment != "")
        .order_by(Library.name, Evaluation.id)
    )
    for resource_id, library, text, updated_at in rows:
        if resource_id in by_resource:
            by_resource[resource_id].comments.append(Comment(library, text, updated_at))


def previous_campaign(campaign: Campaign) -> Campaign | None:
    return db.session.scalar(
        select(Campaign)
        .where(Campaign.opens_on < campaign.opens_on, Campaign.id != campaign.id)
        .order_by(Campaign.opens_on.desc(), Campaign.id.desc())
        .limit(1)
    )


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


def campaign_resource_ids(campaign_id: int) -> set[int]:
    return set(
        db.session.scalars(
            select(campaign_resources.c.resource_id).where(
                campaign_resources.c.campaign_id == campaign_id
            )
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
