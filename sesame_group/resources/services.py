"""Business rules of resources: catalogue, campaigns, evaluations (reminders: reminders.py).

Services flush, never commit; the caller commits once (audit entries and mail in the same
transaction).
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from sesame_group.accounts.models import User
from sesame_group.core.audit import record
from sesame_group.core.errors import DomainError
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db
from sesame_group.network.models import Library
from sesame_group.resources.models import (
    OPEN,
    RECOMMENDATIONS,
    SCORES,
    USAGES,
    Campaign,
    Criterion,
    Evaluation,
    Resource,
    Score,
)

RESOURCE_FIELDS = (
    "name",
    "provider",
    "category",
    "description",
    "url",
    "active",
    "subscribed_year",
    "yearly_cost",
)


def create_resource(*, by: User, **fields) -> Resource:
    """Add a resource to the catalogue. Side effects: one audit entry. Raises on a taken name."""
    _check_name_free(fields["name"])
    resource = Resource(**{key: fields[key] for key in RESOURCE_FIELDS})
    db.session.add(resource)
    db.session.flush()
    record(by, "resources.resource_create", resource, resource.name)
    return resource


def update_resource(resource: Resource, *, by: User, **fields) -> None:
    """Change a resource. Side effects: one audit entry. Raises on a taken name."""
    _check_name_free(fields["name"], exclude_id=resource.id)
    for key in RESOURCE_FIELDS:
        setattr(resource, key, fields[key])
    db.session.flush()
    record(by, "resources.resource_update", resource, resource.name)


def _check_name_free(name: str, exclude_id: int | None = None) -> None:
    query = select(Resource.id).where(func.lower(Resource.name) == name.lower())
    if exclude_id is not None:
        query = query.where(Resource.id != exclude_id)
    if db.session.scalar(query) is not None:
        raise DomainError(_("Une ressource porte déjà ce nom."), "name")


def create_campaign(
    *,
    by: User,
    title: str,
    opens_on: date,
    closes_on: date,
    resource_ids: list[int],
    criteria: list[tuple[str, int]],
) -> Campaign:
    """Open a campaign (it accepts evaluations from opens_on to closes_on).

    Side effects: the campaign, its criteria and resources; one audit entry.
    Raises DomainError on reversed dates, no resource, no criterion or an unknown resource.
    """
    campaign = Campaign(title=title, created_by_id=by.id)
    _set_campaign_fields(campaign, title, opens_on, closes_on, resource_ids, criteria)
    db.session.add(campaign)
    db.session.flush()
    record(
        by,
        "resources.campaign_open",
        campaign,
        f"{title} ({opens_on:%d/%m/%Y} – {closes_on:%d/%m/%Y})",
    )
    return campaign


def update_campaign(
    campaign: Campaign,
    *,
    by: User,
    today: date,
    title: str,
    opens_on: date,
    closes_on: date,
    resource_ids: list[int],
    criteria: list[tuple[str, int]],
) -> None:
    """Change a campaign that is not closed; resources and criteria stay fixed once a library
    has evaluated. Side effects: one audit entry. Raises DomainError."""
    lock_campaign(campaign)
    if campaign.phase(today) == "closed":
        raise DomainError(_("La campagne est close : elle ne peut plus être modifiée."))
    if _has_evaluations(campaign):
        same_resources = sorted(resource_ids) == sorted(r.id for r in campaign.resources)
        same_criteria = [(str(label), weight) for label, weight in criteria] == [
            (c.label, c.weight) for c in campaign.criteria
        ]
        if not same_resources:
            raise DomainError(
                _(
                    "Des évaluations sont déjà saisies : les ressources de la "
                    "campagne ne peuvent plus changer."
                ),
                "resources",
            )
        if not same_criteria:
            raise DomainError(
                _("Des évaluations sont déjà saisies : les critères ne peuvent plus changer.")
            )
        _set_dates(campaign, title, opens_on, closes_on)
    else:
        _set_campaign_fields(campaign, title, opens_on, closes_on, resource_ids, criteria)
    db.session.flush()
    record(by, "resources.campaign_update", campaign, campaign.title)


def _set_dates(campaign, title, opens_on, closes_on):
    if closes_on < opens_on:
        raise DomainError(_("La clôture doit suivre l’ouverture."), "closes_on")
    campaign.title, campaign.opens_on, campaign.closes_on = title, opens_on, closes_on


def _set_campaign_fields(campaign, title, opens_on, closes_on, resource_ids, criteria):
    _set_dates(campaign, title, opens_on, closes_on)
    if not criteria:
        raise DomainError(_("Indiquez au moins un critère."))
    if not resource_ids:
        raise DomainError(_("Choisissez au moins une ressource."), "resources")
    resources = db.session.scalars(select(Resource).where(Resource.id.in_(resource_ids))).all()
    if len(resources) != len(set(resource_ids)):
        raise DomainError(_("Ressource inconnue."), "resources")
    campaign.resources = list(resources)
    campaign.criteria = [
        Criterion(position=index, label=str(label), weight=weight)
        for index, (label, weight) in enumerate(criteria)
    ]


def close_campaign(campaign: Campaign, *, by: User, today: date) -> None:
    """Close a campaign now: evaluations are frozen, members see the results.

    Side effects: closed_at set, closes_on brought forward to today; one audit entry.
    Raises DomainError when it is already closed."""
    lock_campaign(campaign)
    if campaign.closed_at is not None:
        raise DomainError(_("La campagne est déjà close."))
    campaign.closed_at = utcnow()
    campaign.closes_on = min(campaign.closes_on, today)
    if campaign.opens_on > campaign.closes_on:
        campaign.opens_on = campaign.closes_on
    db.session.flush()
    record(by, "resources.campaign_close", campaign, campaign.title)


def lock_campaign(campaign: Campaign) -> None:
    """Serialise writers on the campaign row (PostgreSQL; SQLite's BEGIN IMMEDIATE already
    does) and read its current state."""
    db.session.execute(
        select(Campaign)
        .where(Campaign.id == campaign.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def _has_evaluations(campaign: Campaign) -> bool:
    return (
        db.session.scalar(
            select(Evaluation.id).where(Evaluation.campaign_id == campaign.id).limit(1)
        )
        is not None
    )


def save_evaluation(
    campaign: Campaign,
    resource: Resource,
    library: Library,
    *,
    by: User,
    today: date,
    scores: dict[int, int],
    usage: str,
    recommendation: str,
    comment: str,
    revision: int,
) -> Evaluation:
    """Create or update the library's evaluation of the resource in the campaign.

    `revision` is the one the form was loaded with (0: no evaluation yet); if a colleague saved
    in between, nothing is written and DomainError asks to check their answer. The campaign row
    is locked, so two simultaneous first submissions never make two evaluations.
    Side effects: the evaluation (revision + 1, last editor) and its scores. Raises DomainError.
    """
    lock_campaign(campaign)
    if campaign.phase(today) != OPEN:
        raise DomainError(
            _("La campagne n’est pas ouverte : les évaluations ne sont pas modifiables.")
        )
    if resource not in campaign.resources:
        raise DomainError(_("Cette ressource ne fait pas partie de la campagne."))
    _check_answers(campaign, scores, usage, recommendation)
    evaluation = db.session.scalar(
        select(Evaluation).where(
            Evaluation.campaign_id == campaign.id,
            Evaluation.resource_id == resource.id,
            Evaluation.library_id == library.id,
        )
    )
    current = evaluation.revision if evaluation else 0
    if revision != current:
        raise DomainError(
            _(
                "Une personne de votre bibliothèque a enregistré cette évaluation "
                "entre-temps : vérifiez ses réponses ci-dessous avant de modifier."
            )
        )
    if evaluation is None:
        evaluation = Evaluation(
            campaign_id=campaign.id,
            resource_id=resource.id,
            library_id=library.id,
            created_by_id=by.id,
            revision=0,
        )
        db.session.add(evaluation)
    evaluation.usage, evaluation.recommendation, evaluation.comment = usage, recommendation, comment
    evaluation.revision = current + 1
    evaluation.updated_by_id = by.id
    evaluation.updated_at = utcnow()
    _set_scores(evaluation, scores)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise DomainError(
            _("Votre bibliothèque a déjà évalué cette ressource pour cette campagne.")
        ) from None
    return evaluation


def _check_answers(campaign, scores, usage, recommendation):
    if set(scores) != {c.id for c in campaign.criteria}:
        raise DomainError(_("Notez chaque critère."))
    if any(value not in SCORES for value in scores.values()):
        raise DomainError(_("Les notes vont de 1 à 5."))
    if usage not in USAGES:
        raise DomainError(_("Choisissez l’usage en médiation."), "usage")
    if recommendation not in RECOMMENDATIONS:
        raise DomainError(_("Choisissez une recommandation."), "recommendation")


def _set_scores(evaluation, scores):
    existing = {s.criterion_id: s for s in evaluation.scores}
    for criterion_id, value in scores.items():
        if criterion_id in existing:
            existing[criterion_id].score = value
        else:
            evaluation.scores.append(Score(criterion_id=criterion_id, score=value))
