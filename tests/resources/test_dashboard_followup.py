"""Dashboard panel, the follow-up contract read by conventions, reminders and demo data."""

import random
from datetime import date, timedelta

from sqlalchemy import select

from sesame_group.core.audit import AuditEntry
from sesame_group.core.mail import OutboxMessage
from sesame_group.core.timeutil import utcnow
from sesame_group.resources import dashboard, demo, followup
from sesame_group.resources.models import Campaign, Evaluation, Reminder, Resource
from tests.resources.conftest import page


def test_librarian_panel_shows_my_library_progress(
    client, auth, librarian, create_resource, create_campaign, add_evaluation, today
):
    a, b, c = (create_resource() for _ in range(3))
    campaign = create_campaign(
        resources=[a, b, c], title="Évaluation en cours", closes_on=today + timedelta(days=3)
    )
    create_campaign(
        resources=[a],
        title="Ancienne",
        closed=True,
        opens_on=today - timedelta(days=300),
        closes_on=today - timedelta(days=200),
    )
    add_evaluation(campaign, a, librarian.library)
    template, context = dashboard.panel(librarian)
    assert template == "resources/_panel.html"
    assert [(i["campaign"].title, i["done"], i["total"]) for i in context["campaigns"]] == [
        ("Évaluation en cours", 1, 3)
    ]
    auth.login_as(librarian)
    text = page(client.get("/"))
    assert "Ma bibliothèque : 1 ressource(s) évaluée(s) sur 3." in text
    assert "Évaluer les 2 ressources restantes" in text


def test_coordinator_panel_shows_participation(
    coordinator, librarian, other_librarian, create_campaign, add_evaluation
):
    campaign = create_campaign()
    add_evaluation(campaign, campaign.resources[0], librarian.library)
    _template, context = dashboard.panel(coordinator)
    (item,) = context["campaigns"]
    assert (item["complete"], item["libraries"], item["evaluations"], item["expected"]) == (
        1,
        2,
        1,
        2,
    )


def test_panel_query_count_is_constant(
    librarian,
    coordinator,
    create_library,
    create_resource,
    create_campaign,
    add_evaluation,
    count_queries,
):
    counts, campaign = [], None
    for size in (1, 3):
        if campaign is not None:  # one open campaign at a time
            campaign.closed_at = utcnow()
        resources = [create_resource() for _ in range(size)]
        campaign = create_campaign(resources=resources)
        for library in [create_library() for _ in range(size)] + [librarian.library]:
            add_evaluation(campaign, resources[0], library)
        with count_queries() as statements:
            dashboard.panel(librarian)
            dashboard.panel(coordinator)
        counts.append(len(statements))
    # librarian: campaigns, their resources, progress; coordinator: campaigns, resources,
    # participation (one per open campaign); plus reloading each user after the commits
    assert counts == [8, 8]


def test_followup_contract(
    librarian,
    other_librarian,
    create_library,
    create_campaign,
    create_resource,
    add_evaluation,
    count_queries,
):
    a, b = create_resource(), create_resource()
    old = create_campaign(
        resources=[a],
        title="2029",
        opens_on=date(2029, 9, 1),
        closes_on=date(2029, 10, 1),
        closed=True,
    )
    campaign = create_campaign(
        resources=[a, b],
        title="Évaluation 2030",
        opens_on=date(2030, 9, 1),
        closes_on=date(2030, 10, 31),
    )
    annex = create_library(partner=librarian.library.partner)
    for library in (librarian.library, annex):
        add_evaluation(campaign, a, library)
    add_evaluation(campaign, b, librarian.library)
    add_evaluation(old, a, other_librarian.library)
    with count_queries() as statements:
        found = followup.campaign_of_year(2030)
        by_partner = followup.evaluations_by_partner(2030)
    assert len(statements) == 2
    assert found == {
        "id": campaign.id,
        "title": "Évaluation 2030",
        "opens_on": date(2030, 9, 1),
        "closes_on": date(2030, 10, 31),
    }
    assert by_partner == {librarian.library.partner_id: 3}
    assert followup.evaluations_by_partner(2029) == {other_librarian.library.partner_id: 1}
    assert followup.campaign_of_year(2031) is None
    assert followup.evaluations_by_partner(2031) == {}


def test_reminders_once_per_unfinished_library(
    runner,
    librarian,
    other_librarian,
    create_user,
    create_campaign,
    add_evaluation,
    create_resource,
    coordinator,
    db,
    today,
):
    inactive = create_user(library=librarian.library, active=False, email="parti@example.fr")
    a, b = create_resource(), create_resource()
    campaign = create_campaign(resources=[a, b], closes_on=today + timedelta(days=5))
    create_campaign(resources=[a], title="Plus tard", closes_on=today + timedelta(days=30))
    add_evaluation(campaign, a, other_librarian.library)
    add_evaluation(campaign, b, other_librarian.library)  # finished: no reminder
    add_evaluation(campaign, a, librarian.library)
    result = runner.invoke(args=["send-evaluation-reminders"])
    assert result.output == "Relances envoyées : 1 bibliothèque(s).\n"
    assert [(r.campaign_id, r.library_id) for r in db.session.scalars(select(Reminder))] == [
        (campaign.id, librarian.library_id)
    ]
    messages = db.session.scalars(select(OutboxMessage)).all()
    assert [m.to_addr for m in messages] == ["biblio@example.fr"]
    assert inactive.email not in [m.to_addr for m in messages]
    assert messages[0].subject == "Sésame : évaluation des ressources à terminer"
    assert "Médiathèque de Chalais a évalué 1 ressource(s) sur 2." in messages[0].body
    assert f"https://sesame.test/resources/campaigns/{campaign.id}" in messages[0].body
    assert runner.invoke(args=["send-evaluation-reminders"]).output == (
        "Relances envoyées : 0 bibliothèque(s).\n"
    )
    assert len(db.session.scalars(select(OutboxMessage)).all()) == 1


def test_coordinator_reminds_from_the_campaign_page(
    client, auth, coordinator, librarian, create_campaign, db, smtp_server
):
    campaign = create_campaign()
    auth.login_as(coordinator)
    response = client.post(f"/resources/campaigns/{campaign.id}/remind", follow_redirects=True)
    assert "Relance envoyée à 1 bibliothèque(s)." in page(response)
    assert [m["To"] for m in smtp_server.messages] == ["biblio@example.fr"]
    assert db.session.scalar(select(AuditEntry.action)) == "resources.campaign_remind"
    again = client.post(f"/resources/campaigns/{campaign.id}/remind", follow_redirects=True)
    assert "Relance envoyée à 0 bibliothèque(s)." in page(again)


def test_demo_seed(librarian, other_librarian, coordinator, create_library, create_user, db):
    for name in ("Médiathèque de Montbron", "Bibliothèque de Ruffec"):
        create_user(library=create_library(name=name))
    demo.seed(1, random.Random(3))
    db.session.commit()
    assert len(db.session.scalars(select(Resource)).all()) == len(demo.CATALOGUE) == 16
    campaigns = db.session.scalars(select(Campaign).order_by(Campaign.opens_on)).all()
    assert [c.closed_at is not None for c in campaigns] == [True, False]
    assert [len(c.resources) for c in campaigns] == [8, 8]
    past_count = len(
        db.session.scalars(
            select(Evaluation).where(Evaluation.campaign_id == campaigns[0].id)
        ).all()
    )
    assert past_count > 0
    # Chalais is left with the whole open campaign to evaluate in the demo
    assert (
        db.session.scalars(
            select(Evaluation).where(
                Evaluation.campaign_id == campaigns[1].id,
                Evaluation.library_id == librarian.library_id,
            )
        ).all()
        == []
    )
    demo.seed(1, random.Random(3))  # idempotent
    assert len(db.session.scalars(select(Campaign)).all()) == 2
