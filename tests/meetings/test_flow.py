"""The issue's « done when », through the pages and a real SMTP server."""

from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from io import BytesIO

import icalendar
from sqlalchemy import select

from sesame_group.core.audit import AuditEntry
from sesame_group.core.mail import OutboxMessage
from sesame_group.core.timeutil import utcnow
from sesame_group.meetings import followup
from sesame_group.meetings.models import Invitation, Meeting

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FORM = {
    "title": "Réunion de bilan annuel 2030",
    "kind": "annual_review",
    "day": "2030-03-14",
    "start_time": "09:30",
    "end_time": "12:30",
    "place": "Salle du conseil, Angoulême",
    "online_url": "",
    "agenda": "1. **Bilan**\n2. Projets",
}


def _subject(message):
    return str(make_header(decode_header(message["Subject"])))


def _forget_outbox(db):
    """Mail queued by the fixtures' services is not what the test looks at."""
    db.session.query(OutboxMessage).delete()
    db.session.commit()


def _ics_of(message):
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return part.get_filename(), icalendar.Calendar.from_ical(part.get_payload(decode=True))


def _text_of(message):
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/plain"]
    return part.get_payload(decode=True).decode().replace("\r\n", "\n")


def test_announce_answer_attend_minutes(db, client, auth, coordinator, librarian, smtp_server):
    # The coordinator creates and announces next year's annual review.
    auth.login_as(coordinator)
    response = client.post("/meetings/new", data=FORM)
    meeting = db.session.scalar(select(Meeting))
    assert response.headers["Location"] == f"/meetings/{meeting.id}"
    assert (meeting.starts_at, meeting.ends_at, meeting.status) == (
        datetime(2030, 3, 14, 8, 30, tzinfo=UTC),
        datetime(2030, 3, 14, 11, 30, tzinfo=UTC),
        "draft",
    )
    assert smtp_server.messages == []
    response = client.post(f"/meetings/{meeting.id}/announce", data={})
    assert response.headers["Location"] == f"/meetings/{meeting.id}"

    (message,) = smtp_server.messages
    assert (message["To"], _subject(message)) == (
        "biblio@example.fr",
        "Invitation : Réunion de bilan annuel 2030",
    )
    body = _text_of(message)
    assert "jeudi 14 mars 2030, 9\u202fh\u202f30 – 12\u202fh\u202f30" in body
    assert f"https://sesame.test/meetings/{meeting.id}" in body
    assert "Ordre du jour :\n1. **Bilan**\n2. Projets\n" in body
    filename, calendar = _ics_of(message)
    assert filename == "reunion-2030-03-14.ics"
    (event,) = calendar.walk("VEVENT")
    assert (
        str(calendar["METHOD"]),
        str(event["UID"]),
        int(event["SEQUENCE"]),
        str(event["STATUS"]),
    ) == ("PUBLISH", f"meeting-{meeting.id}@sesame.test", 0, "CONFIRMED")
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2030, 3, 14, 9, 30)
    assert str(event["SUMMARY"]) == "Réunion de bilan annuel 2030"
    assert "Vous n’avez pas encore répondu." in str(event["DESCRIPTION"])
    assert "ATTENDEE" not in event

    # The librarian follows the mail link, logs in, answers « attending, replacement needed ».
    auth.logout()
    response = client.get(f"/meetings/{meeting.id}")
    assert response.headers["Location"] == f"/accounts/login?next=%2Fmeetings%2F{meeting.id}"
    response = client.post(
        response.headers["Location"], data={"email": librarian.email, "password": "motdepasse-test"}
    )
    assert response.headers["Location"] == f"/meetings/{meeting.id}"
    response = client.post(
        f"/meetings/{meeting.id}/rsvp",
        data={
            "response": "attending",
            "needs_replacement": "y",
            "replacement_note": "Permanence du mardi matin",
            "representative": "y",
            "comment": "J’apporte les chiffres",
        },
    )
    assert response.headers["Location"] == f"/meetings/{meeting.id}"
    invitation = db.session.scalar(select(Invitation))
    assert (
        invitation.response,
        invitation.needs_replacement,
        invitation.replacement_note,
        invitation.is_representative,
        invitation.comment,
        invitation.revision,
    ) == ("attending", True, "Permanence du mardi matin", True, "J’apporte les chiffres", 1)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Votre réponse est enregistrée." in page
    assert "<strong>participe</strong> — remplacement demandé." in page

    # The coordinator sees the answers by partner.
    auth.logout()
    auth.login_as(coordinator)
    page = client.get(f"/meetings/{meeting.id}/answers").get_data(as_text=True)
    partner = librarian.library.partner.name
    assert f"<caption>{partner} — représentée</caption>" in page
    assert "<td>oui : Permanence du mardi matin</td>" in page
    assert "1 réponse(s) sur 1 invitation(s) (100 %)" in page

    # The meeting takes place; attendance and minutes with a PDF.
    meeting.starts_at = utcnow() - timedelta(hours=3)
    meeting.ends_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    response = client.post(
        f"/meetings/{meeting.id}/attendance", data={"present": [str(invitation.id)]}
    )
    assert response.status_code == 302
    db.session.refresh(invitation)
    assert invitation.attended is True
    year = meeting.starts_at.year
    assert followup.represented_partners(year) == {librarian.library.partner_id: {meeting.id}}

    response = client.post(
        f"/meetings/{meeting.id}/minutes",
        data={
            "minutes": "### Bilan\n\n- Hausse de **18 %**\n\n<script>alert(1)</script>",
            "publish": "y",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/meetings/{meeting.id}/documents",
        data={"file": (BytesIO(PDF), "compte-rendu.pdf")},
        content_type="multipart/form-data",
    )
    assert response.headers["Location"] == f"/meetings/{meeting.id}/minutes"
    assert _subject(smtp_server.messages[-1]) == (
        "Compte rendu publié : Réunion de bilan annuel 2030"
    )

    auth.logout()
    auth.login_as(librarian)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert (
        '<div class="prose"><h3>Bilan</h3>\n<ul>\n<li>Hausse de <strong>18 %</strong></li>\n</ul>'
    ) in page
    assert "<script>alert" not in page
    document = meeting.documents[0]
    assert (
        f'href="/meetings/documents/{document.id}/compte-rendu.pdf">'
        "Télécharger compte-rendu.pdf</a>"
    ) in page
    response = client.get(f"/meetings/documents/{document.id}/compte-rendu.pdf")
    assert (response.data, response.mimetype) == (PDF, "application/pdf")
    assert response.headers["Content-Disposition"] == "attachment; filename=compte-rendu.pdf"
    auth.logout()
    response = client.get(f"/meetings/documents/{document.id}/compte-rendu.pdf")
    assert response.headers["Location"].startswith("/accounts/login")
    audit = db.session.execute(
        select(AuditEntry.action, AuditEntry.actor_id).order_by(AuditEntry.id)
    ).all()
    assert audit == [
        (action, coordinator.id)
        for action in (
            "meeting.create",
            "meeting.announce",
            "meeting.attendance",
            "meeting.minutes_publish",
            "meeting.document",
        )
    ]


def test_reschedule_then_cancel_mail_new_sequences(
    db, client, auth, coordinator, librarian, make_meeting, smtp_server
):
    meeting = make_meeting(announce=True)
    _forget_outbox(db)
    auth.login_as(coordinator)
    response = client.post(f"/meetings/{meeting.id}/edit", data={**FORM, "day": "2030-03-21"})
    assert response.headers["Location"] == f"/meetings/{meeting.id}"
    response = client.post(f"/meetings/{meeting.id}/cancel", data={"reason": "Salle fermée"})
    assert response.headers["Location"] == f"/meetings/{meeting.id}"
    moved, cancelled = smtp_server.messages
    assert _subject(moved) == "Nouvelle date : Réunion de bilan annuel 2030"
    assert _subject(cancelled) == "Annulation : Réunion de bilan annuel 2030"
    assert "Motif : Salle fermée" in _text_of(cancelled)
    (first,) = _ics_of(moved)[1].walk("VEVENT")
    (second,) = _ics_of(cancelled)[1].walk("VEVENT")
    assert (int(first["SEQUENCE"]), str(first["STATUS"])) == (1, "CONFIRMED")
    assert first.decoded("DTSTART").replace(tzinfo=None) == datetime(2030, 3, 21, 9, 30)
    assert (int(second["SEQUENCE"]), str(second["STATUS"]), str(second["SUMMARY"])) == (
        2,
        "CANCELLED",
        "Annulé : Réunion de bilan annuel 2030",
    )
    assert str(first["UID"]) == str(second["UID"]) == f"meeting-{meeting.id}@sesame.test"
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "<h1>Annulée : Réunion de bilan annuel 2030</h1>" in page


def test_short_notice_annual_review_needs_confirmation(
    db, client, auth, coordinator, librarian, make_meeting
):
    meeting = make_meeting(start=utcnow() + timedelta(days=10))
    auth.login_as(coordinator)
    page = client.get(f"/meetings/{meeting.id}/announce").get_data(as_text=True)
    assert "a lieu dans moins de 30 jours" in page
    page = client.post(f"/meetings/{meeting.id}/announce", data={}).get_data(as_text=True)
    assert "Préavis inférieur à 30 jours : cochez la case pour confirmer." in page
    assert db.session.scalar(select(Meeting.status)) == "draft"
    response = client.post(f"/meetings/{meeting.id}/announce", data={"confirm_short_notice": "y"})
    assert response.status_code == 302
    assert db.session.scalar(select(Meeting.status)) == "announced"


def test_remind_button_mails_the_unanswered(
    db, client, auth, coordinator, librarian, other_librarian, make_meeting, smtp_server
):
    meeting = make_meeting(announce=True)
    _forget_outbox(db)
    auth.login_as(librarian)
    client.post(f"/meetings/{meeting.id}/rsvp", data={"response": "not_attending"})
    auth.logout()
    auth.login_as(coordinator)
    page = client.get(f"/meetings/{meeting.id}/answers").get_data(as_text=True)
    other = other_librarian.library
    assert (
        f"<h2>Sans réponse</h2>\n<ul><li>Paul Autre ({other.name}, {other.partner.name})</li></ul>"
    ) in page
    assert "Relancer les 1 personne(s) sans réponse" in page
    response = client.post(f"/meetings/{meeting.id}/remind")
    assert response.headers["Location"] == f"/meetings/{meeting.id}/answers"
    assert [(m["To"], _subject(m)) for m in smtp_server.messages] == [
        ("autre@example.fr", "Votre réponse est attendue : Réunion de bilan annuel")
    ]


def test_ics_download(db, client, auth, librarian, make_meeting):
    meeting = make_meeting(announce=True)
    auth.login_as(librarian)
    response = client.get(f"/meetings/{meeting.id}/reunion.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="reunion-2030-03-14.ics"'
    )
    (event,) = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.id}@sesame.test"


def test_answers_and_attendance_csv(
    db, client, auth, coordinator, librarian, held_meeting, invitation_of
):
    meeting = held_meeting()
    invitation = invitation_of(meeting, librarian)
    invitation.response, invitation.comment = "attending", '=HYPERLINK("http://x")'
    invitation.attended = True
    db.session.commit()
    auth.login_as(coordinator)
    partner = librarian.library.partner.name
    response = client.get(f"/meetings/{meeting.id}/answers.csv")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="reponses-reunion-{meeting.id}.csv"'
    )
    lines = response.data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "Collectivité;Bibliothèque;Membre;Courriel;Réponse;Remplacement demandé;"
        "Précisions;Représentant;Commentaire;Répondu le"
    )
    assert lines[1] == (
        f"{partner};Médiathèque de Chalais;Lucie Biblio;biblio@example.fr;"
        'participe;non;;non;"\'=HYPERLINK(""http://x"")";'
    )
    response = client.get(f"/meetings/{meeting.id}/attendance.csv")
    assert response.data.decode("utf-8-sig").split("\r\n")[:2] == [
        "Collectivité;Bibliothèque;Membre;Présence",
        f"{partner};Médiathèque de Chalais;Lucie Biblio;présent",
    ]
