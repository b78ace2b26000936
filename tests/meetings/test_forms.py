"""Hostile input on every meetings form: French field errors, 403/404, no partial write."""

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from sesame_group.core.timeutil import utcnow
from sesame_group.meetings.models import Invitation, Meeting, MeetingDocument
from tests.meetings.test_flow import FORM, PDF


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def _page(response):
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": "x" * 161}, "160 caractères au plus."),
        ({"title": "<b>Bilan</b>"}, "Les caractères &lt; et &gt; ne sont pas autorisés."),
        ({"title": ""}, "Indiquez un titre."),
        ({"kind": "secret"}, "N&#39;est pas un choix valide."),
        ({"day": "2030-13-45"}, "N&#39;est pas une date valide."),
        ({"day": ""}, "Date invalide : utilisez le format jj/mm/aaaa."),
        ({"day": "3030-01-01"}, "Année entre 2000 et 2100."),
        ({"start_time": "25:99"}, "N&#39;est pas un horaire valide."),
        ({"start_time": ""}, "Heure invalide : utilisez le format hh:mm."),
        ({"end_time": "08:00"}, "L’heure de fin doit suivre l’heure de début."),
        (
            {"place": "<script>alert(1)</script>"},
            "Les caractères &lt; et &gt; ne sont pas autorisés.",
        ),
        ({"place": "p" * 201}, "200 caractères au plus."),
        ({"online_url": "javascript:alert(1)"}, "Lien invalide."),
        ({"online_url": "ftp://visio.example.fr/r"}, "Le lien doit commencer par https://."),
        ({"agenda": "a" * 20001}, "20000 caractères au plus."),
        ({"libraries": ["999"]}, "Choix inconnu."),
        ({"partners": ["abc"]}, "Choix incorrect, une ou plusieurs saisies ne peuvent pas être"),
        ({"day": "2001-01-01"}, "La réunion doit avoir lieu dans le futur."),
        ({"place": "", "online_url": ""}, "Indiquez un lieu ou un lien de visioconférence."),
    ],
)
def test_new_meeting_rejects_hostile_input(
    db, client, auth, coordinator, librarian, changes, message
):
    auth.login_as(coordinator)
    page = _page(client.post("/meetings/new", data={**FORM, **changes}))
    assert message in page
    assert 'role="alert"' in page
    assert _count(db, Meeting) == 0


def test_edit_keeps_the_meeting_on_bad_input(db, client, auth, coordinator, make_meeting):
    meeting = make_meeting(announce=True)
    auth.login_as(coordinator)
    page = _page(
        client.post(
            f"/meetings/{meeting.id}/edit", data={**FORM, "end_time": "09:00", "title": "Nouveau"}
        )
    )
    assert "L’heure de fin doit suivre l’heure de début." in page
    assert 'value="Nouveau"' in page  # input kept
    db.session.refresh(meeting)
    assert (meeting.title, meeting.sequence) == ("Réunion de bilan annuel", 0)


def test_cancelled_meeting_cannot_be_edited(db, client, auth, coordinator, make_meeting):
    meeting = make_meeting()
    auth.login_as(coordinator)
    client.post(f"/meetings/{meeting.id}/cancel", data={"reason": "Doublon"})
    assert client.get(f"/meetings/{meeting.id}/edit").status_code == 404


@pytest.mark.parametrize(
    "data, message",
    [
        ({"reason": ""}, "Indiquez le motif."),
        ({"reason": "r" * 501}, "500 caractères au plus."),
        ({"reason": "<img src=x>"}, "Les caractères &lt; et &gt; ne sont pas autorisés."),
    ],
)
def test_cancel_rejects_hostile_input(db, client, auth, coordinator, make_meeting, data, message):
    meeting = make_meeting(announce=True)
    auth.login_as(coordinator)
    assert message in _page(client.post(f"/meetings/{meeting.id}/cancel", data=data))
    assert db.session.scalar(select(Meeting.status)) == "announced"


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choisissez une réponse."),
        ({"response": "yes"}, "N&#39;est pas un choix valide."),
        (
            {"response": "maybe", "needs_replacement": "y"},
            "Un remplacement ne se demande que si vous participez.",
        ),
        ({"response": "attending", "comment": "c" * 1001}, "1000 caractères au plus."),
        (
            {"response": "attending", "comment": "<script>x</script>"},
            "Les caractères &lt; et &gt; ne sont pas autorisés.",
        ),
        (
            {"response": "attending", "needs_replacement": "y", "replacement_note": "n" * 501},
            "500 caractères au plus.",
        ),
    ],
)
def test_rsvp_rejects_hostile_input(db, client, auth, librarian, make_meeting, data, message):
    meeting = make_meeting(announce=True)
    auth.login_as(librarian)
    assert message in _page(client.post(f"/meetings/{meeting.id}/rsvp", data=data))
    assert db.session.execute(select(Invitation.response, Invitation.revision)).one() == (None, 0)


def test_rsvp_after_the_start_is_refused(db, client, auth, librarian, held_meeting):
    meeting = held_meeting()
    auth.login_as(librarian)
    page = _page(client.post(f"/meetings/{meeting.id}/rsvp", data={"response": "attending"}))
    assert "La réunion a commencé : les réponses sont closes." in page
    assert db.session.scalar(select(Invitation.response)) is None


def test_rsvp_to_a_meeting_of_other_libraries_is_403(
    db, client, auth, librarian, other_librarian, make_meeting
):
    meeting = make_meeting(announce=True, library_ids=[other_librarian.library_id])
    auth.login_as(librarian)
    assert (
        client.post(f"/meetings/{meeting.id}/rsvp", data={"response": "attending"}).status_code
        == 403
    )
    assert db.session.scalar(select(Invitation.response)) is None


@pytest.mark.parametrize("present", [["abc"], ["999"], ["-1"]])
def test_attendance_rejects_foreign_or_bad_ids(
    db, client, auth, coordinator, librarian, held_meeting, invitation_of, present
):
    meeting = held_meeting()
    auth.login_as(coordinator)
    mine = str(invitation_of(meeting, librarian).id)
    response = client.post(f"/meetings/{meeting.id}/attendance", data={"present": [mine, *present]})
    page = _page(response)
    assert (
        "Une personne cochée n’est pas invitée à cette réunion." in page
        or "Liste de présence invalide." in page
    )
    assert db.session.scalar(select(Invitation.attended)) is None
    assert db.session.scalar(select(Meeting.attendance_recorded_at)) is None


def test_attendance_before_the_meeting_is_refused(db, client, auth, coordinator, make_meeting):
    meeting = make_meeting(announce=True)
    auth.login_as(coordinator)
    page = _page(client.post(f"/meetings/{meeting.id}/attendance", data={}))
    assert "La présence se saisit une fois la réunion commencée." in page


def test_minutes_reject_overlong_and_render_safely(
    db, client, auth, coordinator, librarian, held_meeting
):
    meeting = held_meeting()
    auth.login_as(coordinator)
    page = _page(
        client.post(
            f"/meetings/{meeting.id}/minutes", data={"minutes": "m" * 50001, "publish": "y"}
        )
    )
    assert "50000 caractères au plus." in page
    assert db.session.scalar(select(Meeting.minutes_published_at)) is None
    hostile = (
        "<img src=x onerror=alert(1)> [clic](javascript:alert(2)) "
        '<a href="https://ok.example/" onclick="x()">ok</a>'
    )
    client.post(f"/meetings/{meeting.id}/minutes", data={"minutes": hostile, "publish": "y"})
    auth.logout()
    auth.login_as(librarian)
    page = _page(client.get(f"/meetings/{meeting.id}"))
    minutes = page.split("<h2>Compte rendu</h2>")[1].split("</div>")[0]
    assert "onerror" not in minutes and "javascript:" not in minutes
    assert "onclick" not in minutes and "<img" not in minutes
    assert '<a href="https://ok.example/" rel="noopener noreferrer">ok</a>' in minutes


def test_unpublished_minutes_stay_hidden(db, client, auth, coordinator, librarian, held_meeting):
    meeting = held_meeting()
    auth.login_as(coordinator)
    client.post(f"/meetings/{meeting.id}/minutes", data={"minutes": "Secret de brouillon"})
    auth.logout()
    auth.login_as(librarian)
    assert "Secret de brouillon" not in _page(client.get(f"/meetings/{meeting.id}"))


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


ODT = _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")])
DOCX = _zip([("[Content_Types].xml", "<x/>"), ("word/document.xml", "<x/>")])


@pytest.mark.parametrize(
    "name, data, stored",
    [
        ("cr.pdf", PDF, ("cr.pdf", "application/pdf")),
        ("Compte rendu.odt", ODT, ("Compte rendu.odt", "application/vnd.oasis.opendocument.text")),
        (
            "annexe.docx",
            DOCX,
            (
                "annexe.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
        ),
        ("../../etc/pass<wd>.pdf", PDF, ("passwd.pdf", "application/pdf")),
        ("..\\..\\etc\\passwd.pdf", PDF, ("etcpasswd.pdf", "application/pdf")),
        ("rapport.exe", PDF, ("rapport.pdf", "application/pdf")),
    ],
)
def test_upload_accepts_documents_by_content(
    db, client, auth, coordinator, held_meeting, app, name, data, stored
):
    meeting = held_meeting()
    auth.login_as(coordinator)
    response = client.post(
        f"/meetings/{meeting.id}/documents",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    document = db.session.scalar(select(MeetingDocument))
    assert (document.filename, document.mimetype, document.size) == (*stored, len(data))
    assert "static" not in app.instance_path
    with open(f"{app.instance_path}/meeting_documents/{document.stored_name}", "rb") as handle:
        assert handle.read() == data


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "cr.pdf",
            b"<html><script>alert(1)</script></html>",
            "Seuls les fichiers PDF, ODT et DOCX sont acceptés.",
        ),
        (
            "cr.docx",
            _zip([("evil.txt", "x")]),
            "Seuls les fichiers PDF, ODT et DOCX sont acceptés.",
        ),
        ("cr.pdf", b"PK\x03\x04broken", "Seuls les fichiers PDF, ODT et DOCX sont acceptés."),
        ("cr.pdf", b"", "Le fichier est vide."),
        ("gros.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "Le fichier dépasse 10 Mo."),
    ],
)
def test_upload_rejects_other_content(
    db, client, auth, coordinator, held_meeting, name, data, message
):
    meeting = held_meeting()
    auth.login_as(coordinator)
    page = _page(
        client.post(
            f"/meetings/{meeting.id}/documents",
            data={"file": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )
    )
    assert message in page
    assert _count(db, MeetingDocument) == 0


def test_upload_without_file(db, client, auth, coordinator, held_meeting):
    meeting = held_meeting()
    auth.login_as(coordinator)
    assert "Choisissez un fichier." in _page(
        client.post(f"/meetings/{meeting.id}/documents", data={})
    )


def test_document_download_headers_for_members(
    db, client, auth, librarian, coordinator, make_meeting
):
    from sesame_group.meetings import services

    meeting = make_meeting(announce=True, start=utcnow() + timedelta(days=90))
    document = services.add_document(meeting, "ordre-du-jour.pdf", PDF, by=coordinator)
    db.session.commit()
    auth.login_as(librarian)
    response = client.get(f"/meetings/documents/{document.id}/ordre-du-jour.pdf")
    assert response.headers["Content-Disposition"] == "attachment; filename=ordre-du-jour.pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_summer_time_is_converted_from_paris(db, client, auth, coordinator):
    auth.login_as(coordinator)
    client.post("/meetings/new", data={**FORM, "day": "2030-06-20"})
    meeting = db.session.scalar(select(Meeting))
    assert (meeting.starts_at.hour, meeting.starts_at.minute, meeting.ends_at.hour) == (7, 30, 10)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert (
        '<time datetime="2030-06-20T09:30+02:00">jeudi 20 juin 2030, 9\u202fh\u202f30 – '
        "12\u202fh\u202f30</time>"
    ) in page


def test_agenda_markdown_is_sanitised(db, client, auth, librarian, make_meeting):
    meeting = make_meeting(
        announce=True,
        agenda=(
            "1. **Bilan**\n2. <iframe src=//evil></iframe><style>*{}</style>"
            "[x](javascript:alert(1))"
        ),
    )
    auth.login_as(librarian)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    agenda = page.split("<h2>Ordre du jour</h2>")[1].split("<h2")[0]
    assert "<li><strong>Bilan</strong></li>" in agenda
    assert "<iframe" not in agenda and "<style" not in agenda and "javascript:" not in agenda
