"""Campaigns: open, edit, close (coordinator), with hostile input refused."""

from datetime import date, timedelta

from sqlalchemy import select

from sesame_group.core.audit import AuditEntry
from sesame_group.resources.models import Campaign, Evaluation
from tests.resources.conftest import CRITERIA, campaign_data, evaluation_data, page


def test_coordinator_opens_a_campaign(client, auth, coordinator, create_resource, db):
    cafeyn, musicme = create_resource(name="Cafeyn"), create_resource(name="MusicMe")
    create_resource(name="Non évaluée")
    auth.login_as(coordinator)
    form = client.get("/resources/campaigns/new").get_data(as_text=True)
    assert 'value="Facilité d’utilisation pour les lecteurs"' in form
    response = client.post("/resources/campaigns/new", data=campaign_data([cafeyn, musicme]))
    campaign = db.session.scalar(select(Campaign))
    assert response.headers["Location"] == f"/resources/campaigns/{campaign.id}"
    assert (campaign.title, campaign.opens_on, campaign.closes_on) == (
        "Évaluation 2030",
        date(2030, 9, 1),
        date(2030, 10, 31),
    )
    assert [r.name for r in campaign.resources] == ["Cafeyn", "MusicMe"]
    assert [(c.position, c.label, c.weight) for c in campaign.criteria] == [
        (i, label, weight) for i, (label, weight) in enumerate(CRITERIA)
    ]
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.object_id, entry.summary) == (
        "resources.campaign_open",
        campaign.id,
        "Évaluation 2030 (01/09/2030 – 31/10/2030)",
    )


HOSTILE = [
    ({"title": "x" * 161}, "160 caractères au plus."),
    ({"title": "<script>x</script>"}, "Les caractères < et > ne sont pas autorisés."),
    ({"opens_on": "2030-11-01"}, "La clôture doit suivre l’ouverture."),
    ({"closes_on": "31/02/2030"}, "N'est pas une date valide."),
    ({"closes_on": "3030-01-01"}, "Année entre 2000 et 2100."),
    ({"resources": []}, "Choisissez au moins une ressource."),
    ({"resources": ["999"]}, "n'est pas un choix valide pour ce champ."),
    ({"resources": ["-1"]}, "n'est pas un choix valide pour ce champ."),
    ({"criteria-0-weight": "0"}, "Poids entre 1 et 10."),
    ({"criteria-1-weight": "-3"}, "Poids entre 1 et 10."),
    ({"criteria-2-weight": "11"}, "Poids entre 1 et 10."),
    ({"criteria-3-criterion": "y" * 121}, "120 caractères au plus."),
    ({"criteria-3-criterion": "<i>x</i>"}, "Les caractères < et > ne sont pas autorisés."),
    ({f"criteria-{i}-criterion": "" for i in range(4)}, "Indiquez au moins un critère."),
]


def test_hostile_campaign_input_is_refused(client, auth, coordinator, create_resource, db):
    resource = create_resource()
    inactive = create_resource(active=False)
    auth.login_as(coordinator)
    for change, message in HOSTILE + [
        ({"resources": [str(inactive.id)]}, "n'est pas un choix valide pour ce champ.")
    ]:
        response = client.post("/resources/campaigns/new", data=campaign_data([resource]) | change)
        assert response.status_code == 200, change
        assert message in page(response), change
    assert db.session.scalars(select(Campaign)).all() == []
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_edit_campaign_before_any_evaluation(
    client, auth, coordinator, create_campaign, create_resource, db
):
    campaign = create_campaign()
    other = create_resource(name="Tënk")
    auth.login_as(coordinator)
    data = campaign_data([other], title="Renommée", criteria=(("Qualité", 3),))
    assert client.post(f"/resources/campaigns/{campaign.id}/edit", data=data).status_code == 302
    db.session.refresh(campaign)
    assert campaign.title == "Renommée"
    assert [r.name for r in campaign.resources] == ["Tënk"]
    assert [(c.label, c.weight) for c in campaign.criteria] == [("Qualité", 3)]


def test_edit_campaign_after_evaluations_keeps_resources(
    client, auth, coordinator, librarian, create_campaign, create_resource, add_evaluation, db
):
    resource = create_resource(name="Cafeyn")
    campaign = create_campaign(resources=[resource])
    add_evaluation(campaign, resource, librarian.library)
    other = create_resource(name="Tënk")
    auth.login_as(coordinator)
    response = client.post(
        f"/resources/campaigns/{campaign.id}/edit",
        data=campaign_data([resource, other], title="Autre titre"),
    )
    assert (
        "Des évaluations sont déjà saisies : les ressources de la campagne ne peuvent plus changer."
    ) in page(response)
    response = client.post(
        f"/resources/campaigns/{campaign.id}/edit",
        data=campaign_data(
            [resource],
            title="Autre titre",
            opens_on=campaign.opens_on.isoformat(),
            closes_on=(campaign.closes_on + timedelta(days=3)).isoformat(),
        ),
    )
    assert response.status_code == 302
    db.session.refresh(campaign)
    assert campaign.title == "Autre titre"
    assert [r.name for r in campaign.resources] == ["Cafeyn"]


def test_close_campaign_freezes_evaluations(
    client, auth, coordinator, librarian, create_campaign, db, today
):
    campaign = create_campaign()
    resource = campaign.resources[0]
    auth.login_as(coordinator)
    response = client.post(f"/resources/campaigns/{campaign.id}/close")
    assert response.headers["Location"] == f"/resources/campaigns/{campaign.id}"
    db.session.refresh(campaign)
    assert campaign.closed_at is not None and campaign.closes_on == today
    assert db.session.scalar(select(AuditEntry.action)) == "resources.campaign_close"
    again = client.post(f"/resources/campaigns/{campaign.id}/close", follow_redirects=True)
    assert "La campagne est déjà close." in page(again)
    edit = client.post(f"/resources/campaigns/{campaign.id}/edit", data=campaign_data([resource]))
    assert "La campagne est close : elle ne peut plus être modifiée." in page(edit)
    auth.logout()
    auth.login_as(librarian)
    url = f"/resources/campaigns/{campaign.id}/resources/{resource.id}"
    response = client.post(url, data=evaluation_data(campaign), follow_redirects=True)
    assert "La campagne n’est pas ouverte : les évaluations ne sont pas modifiables." in page(
        response
    )
    assert db.session.scalars(select(Evaluation)).all() == []


def test_upcoming_campaign_refuses_evaluations(client, auth, librarian, create_campaign, db, today):
    campaign = create_campaign(
        opens_on=today + timedelta(days=2), closes_on=today + timedelta(days=30)
    )
    auth.login_as(librarian)
    response = client.post(
        f"/resources/campaigns/{campaign.id}/resources/{campaign.resources[0].id}",
        data=evaluation_data(campaign),
    )
    assert response.headers["Location"] == f"/resources/campaigns/{campaign.id}"
    assert db.session.scalars(select(Evaluation)).all() == []


def test_campaign_list_shows_my_progress(
    client, auth, librarian, create_campaign, create_resource, add_evaluation
):
    first, second = create_resource(name="Cafeyn"), create_resource(name="MusicMe")
    campaign = create_campaign(resources=[first, second], title="Évaluation de l’année")
    add_evaluation(campaign, first, librarian.library)
    auth.login_as(librarian)
    text = page(client.get("/resources/campaigns"))
    assert "Évaluation de l’année" in text and "1 sur 2" in text and "Ouverte" in text
    assert "après la clôture" in text


def test_forged_criteria_indices_do_not_break_the_form(
    client, auth, coordinator, create_resource, db
):
    resource = create_resource()
    auth.login_as(coordinator)
    data = campaign_data([resource], criteria=())
    data.update(
        {
            "criteria-999999-criterion": "Forgé",
            "criteria-999999-weight": "2",
            **{f"criteria-{i}-criterion": f"C{i}" for i in range(10, 20)},
        }
    )
    response = client.post("/resources/campaigns/new", data=data)
    assert response.status_code == 302
    campaign = db.session.scalar(select(Campaign))
    # six slots at most are read, in index order
    assert [c.label for c in campaign.criteria] == ["C10", "C11", "C12", "C13", "C14", "C15"]
