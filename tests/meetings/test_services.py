"""Meeting rules: invitations, answers, revisions, reminders, attendance, minutes."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from sesame_group.core.audit import AuditEntry
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.mail import OutboxMessage
from sesame_group.core.timeutil import utcnow
from sesame_group.meetings import services
from sesame_group.meetings.models import Invitation, Meeting
from sesame_group.meetings.services import MeetingData
from tests.meetings.conftest import FUTURE_DAY, paris


def _outbox(db):
    return db.session.execute(
        select(OutboxMessage.to_addr, OutboxMessage.subject).order_by(OutboxMessage.id)
    ).all()


def _data(meeting, **changes):
    values = {
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "online_url": meeting.online_url,
        "agenda": meeting.agenda,
        "library_ids": tuple(r.library_id for r in meeting.invited_libraries),
    }
    values.update(changes)
    return MeetingData(**values)


def test_announce_invites_every_active_librarian_and_mails_them(
    db, make_meeting, librarian, other_librarian, create_user, coordinator
):
    create_user(email="parti@example.fr", active=False)
    meeting = make_meeting()
    assert services.announce_meeting(meeting, by=coordinator) == 2
    db.session.commit()
    rows = db.session.execute(
        select(Invitation.user_id, Invitation.library_id, Invitation.response).order_by(
            Invitation.user_id
        )
    ).all()
    assert rows == [
        (librarian.id, librarian.library_id, None),
        (other_librarian.id, other_librarian.library_id, None),
    ]
    assert _outbox(db) == [
        ("biblio@example.fr", "Invitation : Réunion de bilan annuel"),
        ("autre@example.fr", "Invitation : Réunion de bilan annuel"),
    ]
    assert (meeting.status, meeting.sequence) == ("announced", 0)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["meeting.create", "meeting.announce"]


def test_announce_selected_libraries_only(db, make_meeting, librarian, other_librarian):
    meeting = make_meeting(announce=True, library_ids=[librarian.library_id])
    assert [i.user_id for i in meeting.invitations] == [librarian.id]
    assert meeting.invite_all is False


def test_announce_twice_is_refused(make_meeting, coordinator):
    meeting = make_meeting(announce=True)
    with pytest.raises(InvalidTransition) as error:
        services.announce_meeting(meeting, by=coordinator)
    assert error.value.message == "Seul un brouillon peut être annoncé."


def test_create_refuses_reversed_times_and_past_dates(coordinator):
    start = paris(FUTURE_DAY, 14)
    with pytest.raises(DomainError) as error:
        services.create_meeting(
            MeetingData("T", "group", start, start - timedelta(hours=1), place="Ici"),
            by=coordinator,
        )
    assert (error.value.field, error.value.message) == (
        "ends_at",
        "L’heure de fin doit suivre l’heure de début.",
    )
    past = utcnow() - timedelta(days=1)
    with pytest.raises(DomainError) as error:
        services.create_meeting(
            MeetingData("T", "group", past, past + timedelta(hours=1), place="Ici"), by=coordinator
        )
    assert error.value.field == "day"
    with pytest.raises(DomainError) as error:
        services.create_meeting(
            MeetingData("T", "group", start, start + timedelta(hours=1)), by=coordinator
        )
    assert error.value.message == "Indiquez un lieu ou un lien de visioconférence."


def test_answer_changes_bump_the_invitation_revision(db, make_meeting, librarian, invitation_of):
    meeting = make_meeting(announce=True)
    invitation = invitation_of(meeting, librarian)
    answer = {
        "needs_replacement": False,
        "replacement_note": "",
        "comment": "",
        "representative": False,
    }
    services.answer_invitation(invitation, response="maybe", **answer)
    assert (invitation.response, invitation.revision) == ("maybe", 1)
    services.answer_invitation(invitation, response="maybe", **{**answer, "comment": "ok"})
    assert (invitation.revision, invitation.comment) == (1, "ok")
    services.answer_invitation(
        invitation,
        response="attending",
        needs_replacement=True,
        replacement_note="Samedi matin",
        comment="",
        representative=True,
    )
    assert (
        invitation.response,
        invitation.needs_replacement,
        invitation.replacement_note,
        invitation.is_representative,
        invitation.revision,
    ) == ("attending", True, "Samedi matin", True, 2)


def test_replacement_needs_attending(make_meeting, librarian, invitation_of):
    invitation = invitation_of(make_meeting(announce=True), librarian)
    with pytest.raises(DomainError) as error:
        services.answer_invitation(
            invitation,
            response="not_attending",
            needs_replacement=True,
            replacement_note="",
            comment="",
            representative=False,
        )
    assert error.value.field == "needs_replacement"


def test_one_representative_per_library(db, make_meeting, librarian, create_user, invitation_of):
    colleague = create_user(library=librarian.library)
    meeting = make_meeting(announce=True)
    first, second = invitation_of(meeting, librarian), invitation_of(meeting, colleague)
    answer = {
        "response": "attending",
        "needs_replacement": False,
        "replacement_note": "",
        "comment": "",
    }
    services.answer_invitation(first, representative=True, **answer)
    services.answer_invitation(second, representative=True, **answer)
    db.session.commit()
    assert (first.is_representative, second.is_representative) == (False, True)


def test_answers_close_when_the_meeting_starts(held_meeting, librarian, invitation_of):
    invitation = invitation_of(held_meeting(), librarian)
    with pytest.raises(InvalidTransition) as error:
        services.answer_invitation(
            invitation,
            response="attending",
            needs_replacement=False,
            replacement_note="",
            comment="",
            representative=False,
        )
    assert error.value.message == "La réunion a commencé : les réponses sont closes."


def test_visible_change_bumps_sequence_and_mails_reschedule(
    db, make_meeting, librarian, coordinator
):
    meeting = make_meeting(announce=True)
    db.session.query(OutboxMessage).delete()
    assert services.update_meeting(meeting, _data(meeting), by=coordinator) == 0
    assert meeting.sequence == 0
    later = meeting.starts_at + timedelta(days=7)
    sent = services.update_meeting(
        meeting, _data(meeting, starts_at=later, ends_at=later + timedelta(hours=3)), by=coordinator
    )
    assert (sent, meeting.sequence) == (1, 1)
    services.update_meeting(meeting, _data(meeting, place="Autre salle"), by=coordinator)
    assert meeting.sequence == 2
    assert [s for _to, s in _outbox(db)] == [
        "Nouvelle date : Réunion de bilan annuel",
        "Modification : Réunion de bilan annuel",
    ]


def test_update_invites_members_added_since(db, make_meeting, librarian, create_user, coordinator):
    meeting = make_meeting(announce=True)
    newcomer = create_user(email="nouvelle@example.fr", library=librarian.library)
    services.update_meeting(meeting, _data(meeting), by=coordinator)
    assert sorted(i.user_id for i in meeting.invitations) == [librarian.id, newcomer.id]
    assert _outbox(db)[-1] == ("nouvelle@example.fr", "Invitation : Réunion de bilan annuel")


def test_cancel_keeps_the_meeting_and_bumps_sequence(db, make_meeting, librarian, coordinator):
    meeting = make_meeting(announce=True)
    assert services.cancel_meeting(meeting, by=coordinator, reason="Salle indisponible") == 1
    db.session.commit()
    assert db.session.execute(
        select(Meeting.status, Meeting.sequence, Meeting.cancel_reason)
    ).one() == ("cancelled", 1, "Salle indisponible")
    with pytest.raises(InvalidTransition):
        services.cancel_meeting(meeting, by=coordinator, reason="encore")
    with pytest.raises(InvalidTransition):
        services.update_meeting(meeting, _data(meeting), by=coordinator)


def test_cancelling_a_draft_mails_nobody(db, make_meeting, librarian, coordinator):
    meeting = make_meeting()
    assert services.cancel_meeting(meeting, by=coordinator, reason="Doublon") == 0
    assert _outbox(db) == []


def test_remind_mails_only_the_unanswered(
    db, make_meeting, librarian, other_librarian, coordinator, invitation_of
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
    db.session.query(OutboxMessage).delete()
    assert services.remind_unanswered(meeting, by=coordinator) == 1
    assert _outbox(db) == [
        ("autre@example.fr", "Votre réponse est attendue : Réunion de bilan annuel")
    ]
    assert invitation_of(meeting, other_librarian).reminded_at is not None


def test_due_reminders_go_once_and_skip_those_who_declined(
    db, make_meeting, librarian, other_librarian, invitation_of
):
    soon = utcnow() + timedelta(days=3)
    meeting = make_meeting(announce=True, start=soon)
    make_meeting(announce=True, start=utcnow() + timedelta(days=30), title="Plus tard")
    services.answer_invitation(
        invitation_of(meeting, other_librarian),
        response="not_attending",
        needs_replacement=False,
        replacement_note="",
        comment="",
        representative=False,
    )
    db.session.query(OutboxMessage).delete()
    assert services.send_due_reminders(7) == 1
    assert services.send_due_reminders(7) == 0
    assert _outbox(db) == [("biblio@example.fr", "Rappel : Réunion de bilan annuel")]


def test_attendance_with_a_foreign_id_writes_nothing(
    db, held_meeting, make_meeting, librarian, coordinator, invitation_of
):
    meeting = held_meeting()
    other = make_meeting(announce=True)
    foreign = invitation_of(other, librarian).id
    mine = invitation_of(meeting, librarian).id
    with pytest.raises(DomainError):
        services.record_attendance(meeting, {mine, foreign}, by=coordinator)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).where(Invitation.attended.is_not(None))) == 0
    services.record_attendance(meeting, {mine}, by=coordinator)
    assert invitation_of(meeting, librarian).attended is True


def test_attendance_before_the_meeting_is_refused(make_meeting, coordinator):
    with pytest.raises(InvalidTransition):
        services.record_attendance(make_meeting(announce=True), set(), by=coordinator)


def test_minutes_publication_mails_once(db, held_meeting, librarian, coordinator):
    meeting = held_meeting()
    db.session.query(OutboxMessage).delete()
    assert services.save_minutes(meeting, "Brouillon", publish=False, by=coordinator) == 0
    assert meeting.minutes_published_at is None
    assert services.save_minutes(meeting, "## Bilan", publish=True, by=coordinator) == 1
    assert services.save_minutes(meeting, "## Bilan v2", publish=True, by=coordinator) == 0
    assert _outbox(db) == [("biblio@example.fr", "Compte rendu publié : Réunion de bilan annuel")]
    with pytest.raises(DomainError):
        services.save_minutes(meeting, "  ", publish=True, by=coordinator)
