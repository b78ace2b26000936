"""Evaluations: one per library, resource and campaign; editable by the library until closing."""

import threading

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sesame_group.resources.models import Evaluation, Score
from tests.conftest import PASSWORD
from tests.resources.conftest import evaluation_data, page


def _url(campaign, resource):
    return f"/resources/campaigns/{campaign.id}/resources/{resource.id}"


def _stored(db):
    return [
        (
            e.library_id,
            e.resource_id,
            e.usage,
            e.recommendation,
            e.comment,
            e.revision,
            sorted((s.criterion_id, s.score) for s in e.scores),
        )
        for e in db.session.scalars(select(Evaluation).order_by(Evaluation.id))
    ]


def test_librarian_evaluates_three_resources(
    client, auth, librarian, create_resource, create_campaign, db
):
    resources = [create_resource(name=n) for n in ("Cafeyn", "MusicMe", "Tënk")]
    campaign = create_campaign(resources=resources)
    auth.login_as(librarian)
    before = page(client.get(f"/resources/campaigns/{campaign.id}"))
    assert "0 ressource(s) évaluée(s) sur 3." in before
    assert "Il reste 3 ressources à évaluer." in before
    for resource in resources:
        response = client.post(_url(campaign, resource), data=evaluation_data(campaign))
        assert response.headers["Location"] == f"/resources/campaigns/{campaign.id}"
    c = [c.id for c in campaign.criteria]
    expected_scores = sorted(zip(c, (4, 5, 3, 2), strict=True))
    assert _stored(db) == [
        (librarian.library_id, r.id, "regular", "keep", "Très utile.", 1, expected_scores)
        for r in resources
    ]
    evaluation = db.session.scalar(select(Evaluation))
    assert (evaluation.created_by_id, evaluation.updated_by_id) == (librarian.id, librarian.id)
    after = page(client.get(f"/resources/campaigns/{campaign.id}"))
    assert "3 ressource(s) évaluée(s) sur 3." in after
    assert "Modifier l’évaluation de Cafeyn" in after and "Lucie Biblio" in after


def test_colleague_edits_and_is_recorded_as_last_editor(
    client, auth, librarian, create_user, create_campaign, db
):
    colleague = create_user(library=librarian.library, display_name="Marc Collègue")
    campaign = create_campaign()
    resource = campaign.resources[0]
    auth.login_as(librarian)
    client.post(_url(campaign, resource), data=evaluation_data(campaign))
    auth.logout()
    auth.login_as(colleague)
    form = page(client.get(_url(campaign, resource)))
    assert 'name="revision" type="hidden" value="1"' in form
    assert "Très utile.</textarea>" in form
    response = client.post(
        _url(campaign, resource),
        data=evaluation_data(
            campaign,
            scores=(1, 1, 1, 1),
            recommendation="drop",
            comment="Finalement non.",
            revision=1,
        ),
    )
    assert response.status_code == 302
    evaluation = db.session.scalar(select(Evaluation))
    db.session.refresh(evaluation)
    assert (
        evaluation.revision,
        evaluation.recommendation,
        evaluation.comment,
        evaluation.created_by_id,
        evaluation.updated_by_id,
    ) == (2, "drop", "Finalement non.", librarian.id, colleague.id)
    assert sorted(s.score for s in evaluation.scores) == [1, 1, 1, 1]
    assert len(db.session.scalars(select(Score)).all()) == 4


def test_stale_form_does_not_overwrite_a_colleagues_answer(
    client, auth, librarian, create_campaign, add_evaluation, db
):
    campaign = create_campaign()
    resource = campaign.resources[0]
    add_evaluation(
        campaign,
        resource,
        librarian.library,
        recommendation="watch",
        comment="Saisie de la collègue",
    )
    auth.login_as(librarian)
    response = client.post(_url(campaign, resource), data=evaluation_data(campaign, revision=0))
    text = page(response)
    assert (
        "Une personne de votre bibliothèque a enregistré cette évaluation entre-temps : "
        "vérifiez ses réponses ci-dessous avant de modifier."
    ) in text
    assert "Saisie de la collègue</textarea>" in text
    evaluation = db.session.scalar(select(Evaluation))
    assert (evaluation.revision, evaluation.comment) == (1, "Saisie de la collègue")


def test_other_library_evaluates_separately(
    client, auth, librarian, other_librarian, create_campaign, add_evaluation, db
):
    campaign = create_campaign()
    resource = campaign.resources[0]
    add_evaluation(campaign, resource, librarian.library, comment="Chalais")
    auth.login_as(other_librarian)
    form = page(client.get(_url(campaign, resource)))
    assert "Chalais" not in form and 'name="revision" type="hidden" value="0"' in form
    client.post(_url(campaign, resource), data=evaluation_data(campaign, comment="Autre"))
    assert sorted(
        (e.library_id, e.comment) for e in db.session.scalars(select(Evaluation))
    ) == sorted([(librarian.library_id, "Chalais"), (other_librarian.library_id, "Autre")])
    # the other library's progress page is not theirs to read
    url = f"/resources/campaigns/{campaign.id}/libraries/{librarian.library_id}"
    assert client.get(url).status_code == 403


HOSTILE = [
    ({"score": "6"}, "N'est pas un choix valide."),
    ({"score": "0"}, "N'est pas un choix valide."),
    ({"score": "-1"}, "N'est pas un choix valide."),
    ({"score": "abc"}, "Choix non valide, ne peut pas être converti."),
    ({"score": ""}, "Donnez une note de 1 à 5."),
    ({"usage": "always"}, "N'est pas un choix valide."),
    ({"usage": ""}, "Choisissez l’usage en médiation."),
    ({"recommendation": "<b>keep</b>"}, "N'est pas un choix valide."),
    ({"comment": "x" * 2001}, "2000 caractères au plus."),
    ({"comment": "<script>alert(1)</script>"}, "Les caractères < et > ne sont pas autorisés."),
    ({"revision": "-1"}, "Formulaire incomplet : rechargez la page."),
    ({"revision": "abc"}, "Formulaire incomplet : rechargez la page."),
]


@pytest.mark.parametrize("change, message", HOSTILE)
def test_hostile_evaluation_input_is_refused(
    client, auth, librarian, create_campaign, db, change, message
):
    campaign = create_campaign()
    data = evaluation_data(campaign)
    if "score" in change:
        data[f"score_{campaign.criteria[1].id}"] = change.pop("score")
    data.update(change)
    auth.login_as(librarian)
    response = client.post(_url(campaign, campaign.resources[0]), data=data)
    assert response.status_code == 200
    assert message in page(response)
    assert db.session.scalars(select(Evaluation)).all() == []
    assert db.session.scalars(select(Score)).all() == []


def test_missing_criterion_is_refused(client, auth, librarian, create_campaign, db):
    campaign = create_campaign()
    data = evaluation_data(campaign)
    del data[f"score_{campaign.criteria[3].id}"]
    auth.login_as(librarian)
    response = client.post(_url(campaign, campaign.resources[0]), data=data)
    assert "Donnez une note de 1 à 5." in page(response)
    assert db.session.scalars(select(Evaluation)).all() == []


def test_unique_constraint_one_evaluation_per_library(create_campaign, librarian, db):
    campaign = create_campaign()
    resource = campaign.resources[0]
    for _ in range(2):
        db.session.add(
            Evaluation(
                campaign_id=campaign.id,
                resource_id=resource.id,
                library_id=librarian.library_id,
                usage="never",
                recommendation="keep",
                comment="",
                revision=1,
            )
        )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_simultaneous_first_submissions_make_one_evaluation(
    app, librarian, create_user, create_campaign, db
):
    colleague = create_user(library=librarian.library)
    campaign = create_campaign()
    url, data = _url(campaign, campaign.resources[0]), evaluation_data(campaign)
    emails = [librarian.email, colleague.email]
    barrier, statuses, texts = threading.Barrier(2), [], []
    db.session.commit()  # SQLite: release the test's own write lock before the threads run

    def submit(email):
        client = app.test_client()
        client.post("/accounts/login", data={"email": email, "password": PASSWORD})
        barrier.wait()
        response = client.post(url, data=data)
        statuses.append(response.status_code)
        texts.append(page(response))

    threads = [threading.Thread(target=submit, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 302]
    assert any("a enregistré cette évaluation entre-temps" in t for t in texts)
    db.session.expire_all()
    assert len(db.session.scalars(select(Evaluation)).all()) == 1
    assert len(db.session.scalars(select(Score)).all()) == 4


def test_coordinator_sees_any_librarys_progress(
    client, auth, coordinator, librarian, create_campaign, add_evaluation
):
    campaign = create_campaign()
    add_evaluation(campaign, campaign.resources[0], librarian.library, by=librarian)
    auth.login_as(coordinator)
    text = page(client.get(f"/resources/campaigns/{campaign.id}/libraries/{librarian.library_id}"))
    assert "Campagne test — Médiathèque de Chalais" in text
    assert "1 ressource(s) évaluée(s) sur 1." in text and "Lucie Biblio" in text
    assert "Modifier l’évaluation" not in text
