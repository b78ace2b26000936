"""Fixtures of the resources tests: resources, campaigns, evaluations."""

from datetime import timedelta

import pytest

from sesame_group.core.timeutil import paris_today
from sesame_group.resources.models import Campaign, Criterion, Evaluation, Resource, Score

CRITERIA = (
    ("Facilité d’utilisation pour les lecteurs", 1),
    ("Qualité des contenus", 2),
    ("Adéquation avec nos publics", 1),
    ("Facilité de médiation", 1),
)


@pytest.fixture
def today():
    return paris_today()


@pytest.fixture
def create_resource(db):
    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        values = dict(
            name=f"Ressource {counter['n']:02d}",
            provider="Fournisseur",
            category="presse",
            description="",
            url="",
            active=True,
        )
        values.update(fields)
        resource = Resource(**values)
        db.session.add(resource)
        db.session.commit()
        return resource

    return make


@pytest.fixture
def create_campaign(db, today, create_resource):
    def make(
        resources=None,
        opens_on=None,
        closes_on=None,
        closed=False,
        title="Campagne test",
        criteria=CRITERIA,
    ):
        campaign = Campaign(
            title=title,
            opens_on=opens_on or today - timedelta(days=5),
            closes_on=closes_on or today + timedelta(days=10),
        )
        if closed:
            from sesame_group.core.timeutil import utcnow

            campaign.closed_at = utcnow()
        campaign.resources = resources if resources is not None else [create_resource()]
        campaign.criteria = [
            Criterion(position=i, label=label, weight=weight)
            for i, (label, weight) in enumerate(criteria)
        ]
        db.session.add(campaign)
        db.session.commit()
        return campaign

    return make


@pytest.fixture
def add_evaluation(db):
    def make(
        campaign,
        resource,
        library,
        scores=(3, 3, 3, 3),
        usage="occasional",
        recommendation="keep",
        comment="",
        by=None,
    ):
        evaluation = Evaluation(
            campaign_id=campaign.id,
            resource_id=resource.id,
            library_id=library.id,
            usage=usage,
            recommendation=recommendation,
            comment=comment,
            revision=1,
            created_by_id=by.id if by else None,
            updated_by_id=by.id if by else None,
        )
        evaluation.scores = [
            Score(criterion_id=c.id, score=s)
            for c, s in zip(campaign.criteria, scores, strict=False)
        ]
        db.session.add(evaluation)
        db.session.commit()
        return evaluation

    return make


def evaluation_data(
    campaign,
    scores=(4, 5, 3, 2),
    usage="regular",
    recommendation="keep",
    comment="Très utile.",
    revision=0,
):
    data = {f"score_{c.id}": str(s) for c, s in zip(campaign.criteria, scores, strict=False)}
    data.update(usage=usage, recommendation=recommendation, comment=comment, revision=str(revision))
    return data


def campaign_data(
    resources,
    title="Évaluation 2030",
    opens_on="2030-09-01",
    closes_on="2030-10-31",
    criteria=CRITERIA,
):
    data = {
        "title": title,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "resources": [str(r.id) for r in resources],
    }
    for i, (label, weight) in enumerate(criteria):
        data[f"criteria-{i}-criterion"] = label
        data[f"criteria-{i}-weight"] = str(weight)
    return data


def page(response) -> str:
    """The response body with HTML entities decoded (&lt; -> <, &#39; -> ')."""
    import html

    return html.unescape(response.get_data(as_text=True))
