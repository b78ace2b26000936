"""Campaign results and participation, aggregated in SQL: a fixed number of statements
whatever the number of libraries, resources or evaluations."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Float, and_, case, cast, func, select

from sesame_group.extensions import db
from sesame_group.network.models import Library, Partner
from sesame_group.resources.models import (
    RECOMMENDATIONS,
    SCORES,
    USAGES,
    Campaign,
    Criterion,
    Evaluation,
    Resource,
    Score,
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
