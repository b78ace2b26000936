"""Browser-level flows: register, waiting list, promotion by mail, management, attendance."""

from datetime import timedelta
from email.header import decode_header, make_header

from icalendar import Calendar
from sqlalchemy import func, select

from sesame_group.core.audit import AuditEntry
from sesame_group.core.mail import deliver_queued
from sesame_group.core.timeutil import paris_today
from sesame_group.trainings import registrations
from sesame_group.trainings.models import Attendance, Registration, TrainingDay, TrainingSession


def _subject(message):
    return str(make_header(decode_header(message["Subject"])))


def _flush(smtp_server):
    """Send what setup queued outside a request, then forget it."""
    deliver_queued()
    smtp_server.messages.clear()


def _ics_of(message):
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return Calendar.from_ical(parts[0].get_payload(decode=True))


def test_librarian_waits_then_is_promoted_by_mail(
    client, auth, db, create_training, librarian, make_librarians, coordinator, smtp_server
):
    training = create_training(capacity=1, days=2)
    (first,) = make_librarians(1)
    registrations.register(training, first, by=first)
    db.session.commit()
    _flush(smtp_server)
    auth.login_as(librarian)
    page = client.get(f"/trainings/{training.id}").get_data(as_text=True)
    assert "Rejoindre la liste d’attente" in page
    response = client.post(f"/trainings/{training.id}/inscription", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "La formation est complète : vous êtes sur la liste d’attente." in page
    assert "Liste d’attente, rang 1" in page
    assert [m["To"] for m in smtp_server.messages] == [librarian.email]
    assert _subject(smtp_server.messages[0]) == f"Liste d’attente : {training.title}"
    waiting_ics = _ics_of(smtp_server.messages[0])
    assert [str(e["STATUS"]) for e in waiting_ics.walk("VEVENT")] == ["TENTATIVE"] * 2
    # the first person cancels (coordinator does it for them): the seat goes to the librarian
    auth.logout()
    auth.login_as(coordinator)
    reg = db.session.scalar(select(Registration).where(Registration.user_id == first.id))
    page = client.get(f"/trainings/inscriptions/{reg.id}/annuler").get_data(as_text=True)
    assert "Confirmer l’annulation" in page
    client.post(f"/trainings/inscriptions/{reg.id}/annuler")
    promoted = smtp_server.messages[-1]
    assert promoted["To"] == librarian.email
    assert _subject(promoted) == f"Une place s’est libérée : {training.title}"
    body = next(p for p in promoted.walk() if p.get_content_type() == "text/plain")
    body = body.get_payload(decode=True).decode("utf-8")
    assert "votre inscription à la formation « Formation 1 » est confirmée" in body
    events = list(_ics_of(promoted).walk("VEVENT"))
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CONFIRMED"]
    assert [int(e["SEQUENCE"]) for e in events] == [3, 3]  # revision 2 (day added, published) + 1
    statuses = db.session.execute(
        select(Registration.user_id, Registration.status).order_by(Registration.queue_number)
    ).all()
    assert statuses == [(first.id, "cancelled"), (librarian.id, "confirmed")]
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.summary) == ("training.unregister", f"user {first.id}")


def test_coordinator_creates_publishes_and_records_two_day_attendance(
    client, auth, db, coordinator, librarian, make_librarians
):
    auth.login_as(coordinator)
    response = client.post(
        "/trainings/nouvelle",
        data={
            "title": "Presse en ligne",
            "description": "**Prise en main**",
            "capacity": "5",
            "place": "Médiathèque, Angoulême",
            "day": "2025-03-14",
            "start": "09:30",
            "end": "17:00",
            "registration_closes_on": "2025-03-10",
        },
    )
    training = db.session.scalar(select(TrainingSession))
    assert response.headers["Location"] == f"/trainings/{training.id}"
    assert (training.status, training.capacity, training.revision) == ("draft", 5, 0)
    day = training.days[0]
    assert (day.starts_at.isoformat(), day.ends_at.isoformat()) == (
        "2025-03-14T08:30:00+00:00",
        "2025-03-14T16:00:00+00:00",
    )
    client.post(
        f"/trainings/{training.id}/journees/nouvelle",
        data={"day": "2025-03-21", "start": "09:00", "end": "12:30"},
    )
    client.post(f"/trainings/{training.id}/publier")
    db.session.refresh(training)
    assert training.status == "published"
    other = make_librarians(1)[0]
    for person in (librarian, other):
        client.post(f"/trainings/{training.id}/inscrire", data={"user_id": person.id})
    regs = {r.user_id: r.id for r in db.session.scalars(select(Registration))}
    days = [d.id for d in training.days]
    for day_id in days:
        page = client.get(f"/trainings/journees/{day_id}/presences").get_data(as_text=True)
        assert "Lucie Biblio" in page
        client.post(
            f"/trainings/journees/{day_id}/presences",
            data={
                f"status-{regs[librarian.id]}": "present",
                f"status-{regs[other.id]}": "present" if day_id == days[0] else "excused",
            },
        )
    marks = db.session.execute(
        select(Attendance.day_id, Attendance.registration_id, Attendance.status).order_by(
            Attendance.id
        )
    ).all()
    assert marks == [
        (days[0], regs[librarian.id], "present"),
        (days[0], regs[other.id], "present"),
        (days[1], regs[librarian.id], "present"),
        (days[1], regs[other.id], "excused"),
    ]
    csv = client.get(f"/trainings/{training.id}/presences.csv")
    assert csv.data.decode("utf-8").splitlines() == [
        "\ufeffNom;Bibliothèque;14/03/2025;21/03/2025;Formation suivie",
        "Lucie Biblio;Médiathèque de Chalais;présent·e;présent·e;oui",
        f"{other.display_name};{other.library.name};présent·e;excusé·e;non",
    ]
    sheet = client.get(f"/trainings/journees/{days[0]}/emargement").get_data(as_text=True)
    assert "Feuille d’émargement" in sheet and sheet.count('<tr><th scope="row">') == 2
    auth.logout()
    auth.login_as(librarian)
    history = client.get("/trainings/historique").get_data(as_text=True)
    assert "Presse en ligne" in history and "Formation suivie" in history


def test_edit_place_bumps_revision_and_mails_registrants(
    client, auth, db, coordinator, create_training, librarian, smtp_server
):
    training = create_training(capacity=3)
    registrations.register(training, librarian, by=librarian)
    db.session.commit()
    _flush(smtp_server)
    auth.login_as(coordinator)
    data = {
        "title": training.title,
        "description": training.description,
        "capacity": "3",
        "place": "Salle du conseil, Cognac",
    }
    client.post(f"/trainings/{training.id}/modifier", data=data)
    db.session.refresh(training)
    assert (training.place, training.revision) == ("Salle du conseil, Cognac", 2)
    assert [_subject(m) for m in smtp_server.messages] == [f"Formation modifiée : {training.title}"]
    event = _ics_of(smtp_server.messages[0]).walk("VEVENT")[0]
    assert (str(event["LOCATION"]), int(event["SEQUENCE"])) == ("Salle du conseil, Cognac", 2)
    body = next(p for p in smtp_server.messages[0].walk() if p.get_content_type() == "text/plain")
    assert "Modifié : lieu." in body.get_payload(decode=True).decode("utf-8")
    client.post(f"/trainings/{training.id}/modifier", data=data)  # no change: no mail
    assert len(smtp_server.messages) == 1


def test_cancel_session_keeps_rows_and_mails_cancellation(
    client, auth, db, coordinator, create_training, librarian, smtp_server
):
    training = create_training(capacity=3)
    registrations.register(training, librarian, by=librarian)
    db.session.commit()
    _flush(smtp_server)
    auth.login_as(coordinator)
    page = client.post(
        f"/trainings/{training.id}/annuler",
        data={"reason": "Formateur malade"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Formation annulée : Formateur malade" in page
    assert db.session.scalar(select(func.count(Registration.id))) == 1
    message = smtp_server.messages[0]
    assert _subject(message) == f"Formation annulée : {training.title}"
    event = _ics_of(message).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == f"Annulé : {training.title}"
    response = client.post(
        f"/trainings/{training.id}/annuler", data={"reason": "Encore"}, follow_redirects=True
    )
    assert "Cette formation est déjà annulée." in response.get_data(as_text=True)


def test_ics_download_one_event_per_day(client, auth, create_training, librarian):
    training = create_training(days=3, first=paris_today() + timedelta(days=10))
    auth.login_as(librarian)
    response = client.get(f"/trainings/{training.id}.ics")
    assert response.mimetype == "text/calendar"
    first = (paris_today() + timedelta(days=10)).isoformat()
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="formation-{first}.ics"'
    cal = Calendar.from_ical(response.data)
    events = list(cal.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [
        f"training-day-{d.id}@sesame.test" for d in training.days
    ]
    assert all(e["DTSTART"].params["TZID"] == "Europe/Paris" for e in events)
    assert [e["DTSTART"].dt.strftime("%H:%M") for e in events] == ["09:30"] * 3
    assert b"ATTENDEE" not in response.data
    assert client.get(f"/trainings/{training.id}.ics").data == response.data


def test_index_filters_and_seats_left(
    client, auth, db, create_training, librarian, make_librarians
):
    full = create_training(capacity=1, title="Complète")
    create_training(capacity=4, title="Ouverte")
    create_training(title="Brouillon caché", status="draft")
    (person,) = make_librarians(1)
    registrations.register(full, person, by=person)
    db.session.commit()
    auth.login_as(librarian)
    page = client.get("/trainings/").get_data(as_text=True)
    assert "Complète" in page and "Ouverte" in page and "Brouillon caché" not in page
    assert "0 / 1" in page and "4 / 4" in page
    page = client.get("/trainings/?seats=y").get_data(as_text=True)
    assert "Ouverte" in page and "Complète" not in page
    page = client.get("/trainings/?mine=y").get_data(as_text=True)
    assert "Aucune formation ne correspond à ces critères." in page
    page = client.get("/trainings/?month=1999-99").get_data(as_text=True)
    assert "Mois invalide : utilisez le format aaaa-mm." in page
    assert "Ouverte" in page


def test_librarian_cancels_own_registration_with_confirmation(
    client, auth, db, create_training, librarian
):
    training = create_training()
    reg = registrations.register(training, librarian, by=librarian)
    db.session.commit()
    auth.login_as(librarian)
    page = client.get(f"/trainings/inscriptions/{reg.id}/annuler").get_data(as_text=True)
    assert "Confirmez-vous l’annulation de votre inscription à « Formation 1 » ?" in page
    assert db.session.get(Registration, reg.id).status == "confirmed"  # GET changes nothing
    page = client.post(f"/trainings/inscriptions/{reg.id}/annuler", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Inscription annulée." in page
    db.session.refresh(reg)
    assert reg.status == "cancelled"
    assert client.get(f"/trainings/inscriptions/{reg.id}/annuler").status_code == 403


def test_cancel_day_keeps_it_and_updates_sequence(client, auth, db, coordinator, create_training):
    training = create_training(days=2)
    auth.login_as(coordinator)
    first, second = training.days
    client.post(f"/trainings/journees/{second.id}/annuler")
    db.session.refresh(second)
    assert (second.status, second.sequence) == ("cancelled", 1)
    page = client.post(f"/trainings/journees/{first.id}/annuler", follow_redirects=True).get_data(
        as_text=True
    )
    assert "C’est la dernière journée : annulez plutôt la formation." in page
    assert (
        db.session.scalar(
            select(func.count(TrainingDay.id)).where(TrainingDay.status == "scheduled")
        )
        == 1
    )


def test_dashboard_panels(client, auth, db, create_training, librarian, coordinator):
    training = create_training(title="Musique en ligne")
    create_training(title="Brouillon à publier", status="draft")
    registrations.register(training, librarian, by=librarian)
    db.session.commit()
    auth.login_as(librarian)
    page = client.get("/").get_data(as_text=True)
    assert "Mes prochaines formations" in page and "Musique en ligne" in page
    auth.logout()
    auth.login_as(coordinator)
    page = client.get("/").get_data(as_text=True)
    assert "Brouillons à publier" in page and "Brouillon à publier" in page


def test_registration_not_yet_open(client, auth, db, create_training, librarian):
    opens = paris_today() + timedelta(days=5)
    training = create_training(registration_opens_on=opens)
    auth.login_as(librarian)
    page = client.get(f"/trainings/{training.id}").get_data(as_text=True)
    assert "Les inscriptions ouvriront le" in page and "M’inscrire" not in page
    page = client.post(f"/trainings/{training.id}/inscription", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Les inscriptions à cette formation sont fermées." in page
    assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_registrants_csv_for_spreadsheets(
    client, auth, db, create_training, create_user, coordinator
):
    training = create_training(capacity=1)
    first = create_user(display_name='=HYPERLINK("http://x")', email="a@example.fr")
    second = create_user(display_name="Zoé Attente", email="z@example.fr")
    for person in (first, second):
        registrations.register(training, person, by=person)
    db.session.commit()
    auth.login_as(coordinator)
    response = client.get(f"/trainings/{training.id}/inscrits.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="inscrits-formation-{training.id}.csv"'
    )
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert response.data.decode("utf-8").splitlines() == [
        "\ufeffNom;Courriel;Bibliothèque;Statut;Rang d’attente",
        f'"\'=HYPERLINK(""http://x"")";a@example.fr;{first.library.name};inscrit·e;',
        f"Zoé Attente;z@example.fr;{second.library.name};liste d’attente;1",
    ]


def test_pages_render_in_english(client, auth, db, create_training, librarian, coordinator):
    training = create_training(capacity=1, days=2)
    registrations.register(training, librarian, by=librarian)
    db.session.commit()
    auth.login_as(coordinator)
    for url in (
        "/trainings/?lang=en",
        f"/trainings/{training.id}?lang=en",
        "/?lang=en",
        f"/trainings/journees/{training.days[0].id}/presences?lang=en",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.get_data(as_text=True)
