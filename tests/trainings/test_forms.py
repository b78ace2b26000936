"""Hostile input on every trainings form: French field errors, 404/403, no partial write."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from sesame_group.core.timeutil import paris_today
from sesame_group.trainings import registrations
from sesame_group.trainings.models import Attendance, Registration, TrainingDay, TrainingSession

VALID = {
    "title": "Presse en ligne",
    "capacity": "5",
    "day": "2030-03-14",
    "start": "09:30",
    "end": "17:00",
}


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"title": "x" * 201}, "200 caractères au plus."),
        (
            {"title": "<script>alert(1)</script>"},
            "Les caractères &lt; et &gt; ne sont pas autorisés.",
        ),
        ({"title": ""}, "Ce champ est obligatoire."),
        ({"capacity": "-3"}, "Entre 1 et 500 places."),
        ({"capacity": "0"}, "Entre 1 et 500 places."),
        ({"capacity": "beaucoup"}, "Entre 1 et 500 places."),
        ({"end": "08:00"}, "La fin doit être après le début."),
        ({"day": "31/02/2030"}, "Date invalide : utilisez le format jj/mm/aaaa."),
        ({"day": "1850-01-01"}, "Date hors des limites (2000 – 2100)."),
        ({"start": "25:99"}, "Heure invalide : utilisez le format hh:mm."),
        (
            {"registration_opens_on": "2030-03-01", "registration_closes_on": "2030-02-01"},
            "La clôture des inscriptions doit suivre leur ouverture.",
        ),
        ({"share_until": "2030-03-01"}, "Indiquez aussi le nombre de places par partenaire."),
        ({"online_url": "javascript:alert(1)"}, "Adresse web invalide (https://…)."),
        ({"place": "p" * 301}, "300 caractères au plus."),
        ({"description": "d" * 10001}, "10 000 caractères au plus."),
    ],
)
def test_new_session_refuses(client, auth, db, coordinator, changes, message):
    auth.login_as(coordinator)
    response = client.post("/trainings/nouvelle", data={**VALID, **changes})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'role="alert"' in page
    assert db.session.scalar(select(func.count(TrainingSession.id))) == 0
    assert db.session.scalar(select(func.count(TrainingDay.id))) == 0


def test_new_session_keeps_input_on_error(client, auth, coordinator):
    auth.login_as(coordinator)
    page = client.post(
        "/trainings/nouvelle", data={**VALID, "capacity": "-1", "trainer": "Camille Formation"}
    )
    assert 'value="Camille Formation"' in page.get_data(as_text=True)


def test_description_html_is_sanitised(client, auth, db, coordinator):
    auth.login_as(coordinator)
    client.post(
        "/trainings/nouvelle",
        data={
            **VALID,
            "description": "**Gras** <script>alert(1)</script><img src=x onerror=alert(1)>",
        },
    )
    training = db.session.scalar(select(TrainingSession))
    page = client.get(f"/trainings/{training.id}").get_data(as_text=True)
    assert "<strong>Gras</strong>" in page
    assert "<script>alert" not in page and "onerror" not in page


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {"day": "2030-03-15", "start": "14:00", "end": "09:00"},
            "La fin doit être après le début.",
        ),
        (
            {"day": "", "start": "09:00", "end": "12:00"},
            "Date invalide : utilisez le format jj/mm/aaaa.",
        ),
        (
            {"day": "2030-03-15", "start": "09:00", "end": "12:00", "day_place": "<b>x</b>"},
            "Les caractères &lt; et &gt; ne sont pas autorisés.",
        ),
    ],
)
def test_day_forms_refuse(client, auth, db, coordinator, create_training, data, message):
    training = create_training()
    auth.login_as(coordinator)
    for url in (
        f"/trainings/{training.id}/journees/nouvelle",
        f"/trainings/journees/{training.days[0].id}/modifier",
    ):
        response = client.post(url, data=data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(TrainingDay.id))) == 1
    assert db.session.get(TrainingDay, training.days[0].id).sequence == 0


@pytest.mark.parametrize(
    "reason,message",
    [
        ("", "Ce champ est obligatoire."),
        ("r" * 501, "500 caractères au plus."),
        ("<i>non</i>", "ne sont pas autorisés"),
    ],
)
def test_cancel_form_refuses(client, auth, db, coordinator, create_training, reason, message):
    training = create_training()
    auth.login_as(coordinator)
    response = client.post(f"/trainings/{training.id}/annuler", data={"reason": reason})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(TrainingSession, training.id).status == "published"


def test_edit_capacity_below_registrations_is_a_field_error(
    client, auth, db, coordinator, create_training, make_librarians
):
    training = create_training(capacity=2)
    for person in make_librarians(2):
        registrations.register(training, person, by=person)
    db.session.commit()
    auth.login_as(coordinator)
    response = client.post(
        f"/trainings/{training.id}/modifier", data={"title": "Nouveau titre", "capacity": "1"}
    )
    assert response.status_code == 400
    assert "Déjà 2 personnes inscrites : la capacité ne peut être plus basse." in response.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert (
        db.session.get(TrainingSession, training.id).title,
        db.session.get(TrainingSession, training.id).capacity,
    ) == ("Formation 1", 2)


def test_register_member_refuses_coordinator_and_unknown(
    client, auth, db, coordinator, create_training
):
    training = create_training()
    auth.login_as(coordinator)
    page = client.post(
        f"/trainings/{training.id}/inscrire",
        data={"user_id": coordinator.id},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Seul·e un·e bibliothécaire actif·ve peut être inscrit·e." in page
    assert (
        client.post(f"/trainings/{training.id}/inscrire", data={"user_id": "abc"}).status_code
        == 404
    )
    assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_attendance_ignores_foreign_ids_and_refuses_bad_status(
    client, auth, db, coordinator, create_training, librarian, other_librarian
):
    past = paris_today() - timedelta(days=3)
    training, other = create_training(first=past), create_training(first=past)
    mine = registrations.register(training, librarian, by=coordinator)
    foreign = registrations.register(other, other_librarian, by=coordinator)
    db.session.commit()
    auth.login_as(coordinator)
    day_id = training.days[0].id
    page = client.post(
        f"/trainings/journees/{day_id}/presences",
        data={f"status-{mine.id}": "peut-être"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Présence invalide." in page
    assert db.session.scalar(select(func.count(Attendance.id))) == 0
    client.post(
        f"/trainings/journees/{day_id}/presences",
        data={f"status-{mine.id}": "absent", f"status-{foreign.id}": "present"},
    )
    rows = db.session.execute(select(Attendance.registration_id, Attendance.status)).all()
    assert rows == [(mine.id, "absent")]


def test_registration_twice_by_form_flashes(client, auth, db, create_training, librarian):
    training = create_training()
    auth.login_as(librarian)
    client.post(f"/trainings/{training.id}/inscription")
    page = client.post(f"/trainings/{training.id}/inscription", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Lucie Biblio est déjà inscrit·e à cette formation." in page
    assert db.session.scalar(select(func.count(Registration.id))) == 1


def test_attendance_refused_before_the_day(
    client, auth, db, coordinator, create_training, librarian
):
    training = create_training()
    reg = registrations.register(training, librarian, by=librarian)
    db.session.commit()
    auth.login_as(coordinator)
    page = client.post(
        f"/trainings/journees/{training.days[0].id}/presences",
        data={f"status-{reg.id}": "present"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Les présences se relèvent à partir du début de la journée." in page
    assert db.session.scalar(select(func.count(Attendance.id))) == 0


def test_cancelled_session_cannot_be_edited(client, auth, db, coordinator, create_training):
    training = create_training(status="cancelled")
    auth.login_as(coordinator)
    page = client.post(
        f"/trainings/{training.id}/modifier", data={"title": "Autre", "capacity": "3"}
    ).get_data(as_text=True)
    assert "Cette formation est annulée." in page
    db.session.expire_all()
    assert db.session.get(TrainingSession, training.id).title == "Formation 1"
