"""send-meeting-reminders, the demo data and the dashboard panel."""

import random
from datetime import timedelta

from sqlalchemy import func, select

from sesame_group.core.mail import OutboxMessage
from sesame_group.core.timeutil import utcnow
from sesame_group.meetings import demo, documents, services
from sesame_group.meetings.models import Invitation, Meeting, MeetingDocument


def _panel(page):
    """Only the meetings section of the home page (other domains add theirs)."""
    return page.split('aria-labelledby="panel-meetings"')[1].split("</section>")[0]


def test_send_meeting_reminders_once(db, runner, make_meeting, librarian):
    meeting = make_meeting(announce=True, start=utcnow() + timedelta(days=5))
    db.session.query(OutboxMessage).delete()
    db.session.commit()
    result = runner.invoke(args=["send-meeting-reminders"])
    assert result.output == "1 rappel(s) de réunion ; 1 message(s) envoyé(s), 0 en échec.\n"
    result = runner.invoke(args=["send-meeting-reminders"])
    assert result.output == "0 rappel(s) de réunion ; 0 message(s) envoyé(s), 0 en échec.\n"
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).reminder_sent_at is not None
    assert db.session.scalars(select(OutboxMessage.subject)).all() == [
        "Rappel : Réunion de bilan annuel"
    ]


def test_reminder_days_option_is_bounded(runner):
    result = runner.invoke(args=["send-meeting-reminders", "--days", "-3"])
    assert result.exit_code == 2


def test_demo_seed_is_idempotent(db, coordinator, librarian, other_librarian):
    demo.seed(1, random.Random(1))
    db.session.commit()
    rows = db.session.execute(
        select(Meeting.kind, Meeting.status, Meeting.minutes_published_at.is_not(None)).order_by(
            Meeting.id
        )
    ).all()
    assert rows == [
        ("annual_review", "announced", True),
        ("annual_review", "announced", False),
        ("group", "announced", False),
        ("group", "draft", False),
    ]
    assert db.session.scalar(select(func.count(Invitation.id))) == 6
    assert (
        db.session.scalar(select(func.count(Invitation.id)).where(Invitation.attended.is_not(None)))
        == 2
    )
    (document,) = db.session.scalars(select(MeetingDocument)).all()
    assert (document.filename, document.mimetype) == ("compte-rendu-bilan.pdf", "application/pdf")
    with open(documents.path_of(document.stored_name), "rb") as handle:
        assert documents.sniff(handle.read()) == "application/pdf"
    demo.seed(1, random.Random(1))
    assert db.session.scalar(select(func.count(Meeting.id))) == 4


def test_librarian_panel_lists_pending_invitations(
    db, client, auth, librarian, make_meeting, invitation_of
):
    meeting = make_meeting(announce=True)
    answered = make_meeting(announce=True, title="Déjà répondu")
    services.answer_invitation(
        invitation_of(answered, librarian),
        response="maybe",
        needs_replacement=False,
        replacement_note="",
        comment="",
        representative=False,
    )
    db.session.commit()
    auth.login_as(librarian)
    page = _panel(client.get("/").get_data(as_text=True))
    assert "1 invitation attend votre réponse :" in page
    assert (
        f'<a href="/meetings/{meeting.id}#reponse">Répondre : Réunion de bilan annuel</a>'
        " (14/03/2030)"
    ) in page
    assert "Déjà répondu" not in page


def test_coordinator_panel_shows_answer_rates(
    db, client, auth, coordinator, librarian, other_librarian, make_meeting, invitation_of
):
    meeting = make_meeting(announce=True)
    services.answer_invitation(
        invitation_of(meeting, librarian),
        response="attending",
        needs_replacement=False,
        replacement_note="",
        comment="",
        representative=False,
    )
    db.session.commit()
    auth.login_as(coordinator)
    page = _panel(client.get("/").get_data(as_text=True))
    assert (
        f'<a href="/meetings/{meeting.id}/answers">Réunion de bilan annuel</a> (14/03/2030)'
        " : 1/2 réponses (50 %), 1 participant(s)"
    ) in page


def test_index_splits_upcoming_and_past(db, client, auth, librarian, make_meeting, held_meeting):
    upcoming = make_meeting(announce=True, title="À venir")
    past = held_meeting(title="Passée", hours=1)
    make_meeting(title="Brouillon caché")
    auth.login_as(librarian)
    page = client.get("/meetings/").get_data(as_text=True)
    assert f'<a href="/meetings/{upcoming.id}">À venir</a>' in page
    assert "Passée" not in page and "Brouillon caché" not in page
    assert "<caption>Réunions à venir (1)</caption>" in page
    page = client.get("/meetings/?past=1").get_data(as_text=True)
    assert f'<a href="/meetings/{past.id}">Passée</a>' in page
    assert "À venir" not in page
