"""Cross-domain contracts: agenda events, absences, fingerprints, follow-up."""

from datetime import UTC, date, datetime, timedelta

import pytest

from sesame_group.core.absences import Absence
from sesame_group.core.ical import CalendarEvent
from sesame_group.core.timeutil import paris_to_utc, utcnow
from sesame_group.meetings import agenda, followup, services
from tests.meetings.conftest import FUTURE_DAY, paris

SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def _answer(invitation, response, replacement=False):
    services.answer_invitation(
        invitation,
        response=response,
        needs_replacement=replacement,
        replacement_note="",
        comment="",
        representative=False,
    )


def test_public_events_exact(db, make_meeting, librarian):
    meeting = make_meeting(announce=True, agenda="**Bilan** <script>x</script>")
    make_meeting(title="Brouillon")
    (event,) = agenda.public_events(SINCE)
    assert event == CalendarEvent(
        uid=f"meeting-{meeting.id}@sesame.test",
        sequence=0,
        summary="Réunion de bilan annuel",
        start=datetime(2030, 3, 14, 8, 30, tzinfo=UTC),
        end=datetime(2030, 3, 14, 11, 30, tzinfo=UTC),
        updated_at=meeting.updated_at,
        status="CONFIRMED",
        location="Salle du conseil, Angoulême",
        description="Réunion de bilan annuel\n\nBilan",
        url=f"https://sesame.test/meetings/{meeting.id}",
        kind="meeting",
        link=f"/meetings/{meeting.id}",
    )


def test_cancelled_meeting_stays_in_feeds(db, make_meeting, coordinator):
    meeting = make_meeting(announce=True)
    services.cancel_meeting(meeting, by=coordinator, reason="Grève")
    db.session.commit()
    (event,) = agenda.public_events(SINCE)
    assert (event.status, event.sequence) == ("CANCELLED", 1)
    assert agenda.public_events(meeting.ends_at + timedelta(seconds=1)) == []


def test_personal_events_say_my_answer(db, make_meeting, librarian, other_librarian, invitation_of):
    meeting = make_meeting(announce=True)
    _answer(invitation_of(meeting, librarian), "attending", replacement=True)
    _answer(invitation_of(meeting, other_librarian), "maybe")
    db.session.commit()
    (mine,) = agenda.personal_events(librarian, SINCE)
    assert mine.description.split("\n")[0] == (
        "Votre réponse : je participerai. Remplacement demandé."
    )
    assert (mine.status, mine.sequence, mine.uid) == (
        "CONFIRMED",
        1,
        f"meeting-{meeting.id}@sesame.test",
    )
    (theirs,) = agenda.personal_events(other_librarian, SINCE)
    assert (theirs.status, theirs.description.split("\n")[0]) == (
        "TENTATIVE",
        "Votre réponse : peut-être.",
    )


def test_fingerprint_moves_with_answers_and_edits(
    db, make_meeting, librarian, invitation_of, coordinator
):
    meeting = make_meeting(announce=True)
    draft = make_meeting(title="Brouillon")
    invitation = invitation_of(meeting, librarian)
    before, mine = agenda.fingerprint(), agenda.fingerprint(librarian)
    latest = max(meeting.updated_at, draft.updated_at)
    assert before == ("meetings", latest, 2, 0, 1)
    assert mine == ("meetings", latest, 2, 0, 1, invitation.updated_at, 1, 0)
    _answer(invitation, "attending")  # within the same second: the revision sum moves
    db.session.commit()
    assert agenda.fingerprint(librarian)[5:] == (invitation.updated_at, 1, 1)
    assert agenda.fingerprint() == before
    services.cancel_meeting(meeting, by=coordinator, reason="x")
    db.session.commit()
    assert agenda.fingerprint()[2:] == (2, 1, 1)


def test_absences_are_attending_answers_on_live_meetings(
    db, make_meeting, librarian, other_librarian, invitation_of, coordinator
):
    meeting = make_meeting(announce=True)
    cancelled = make_meeting(announce=True, title="Annulée")
    _answer(invitation_of(meeting, librarian), "attending")
    _answer(invitation_of(meeting, other_librarian), "maybe")
    _answer(invitation_of(cancelled, librarian), "attending")
    services.cancel_meeting(cancelled, by=coordinator, reason="x")
    db.session.commit()
    expected = [
        Absence(
            key=f"meeting-{meeting.id}:user-{librarian.id}",
            kind="meeting",
            user_id=librarian.id,
            user_name="Lucie Biblio",
            library_id=librarian.library_id,
            start=meeting.starts_at,
            end=meeting.ends_at,
            title="Réunion de bilan annuel",
            link=f"/meetings/{meeting.id}",
            updated_at=max(meeting.updated_at, invitation_of(meeting, librarian).updated_at),
        )
    ]
    assert agenda.absences(None, SINCE) == expected
    assert agenda.absences([librarian.library_id], SINCE) == expected
    assert agenda.absences([other_librarian.library_id], SINCE) == []
    fingerprint = agenda.absences_fingerprint()
    assert fingerprint[0] == "meeting-absences"
    assert fingerprint[2:5] == (2, 1, 2)  # 2 meetings, sequence sum, both visible
    assert fingerprint[6] == 2  # attending answers (the cancelled meeting counts by status)


@pytest.mark.parametrize("size", [1, 3])
def test_contracts_run_in_constant_queries(
    db, make_meeting, librarian, invitation_of, count_queries, size
):
    for n in range(size):
        _answer(invitation_of(make_meeting(announce=True, title=f"R{n}"), librarian), "attending")
    db.session.commit()
    for call in (
        lambda: agenda.public_events(SINCE),
        lambda: agenda.personal_events(librarian, SINCE),
        lambda: agenda.absences(None, SINCE),
        agenda.fingerprint,
        lambda: agenda.fingerprint(librarian),
        agenda.absences_fingerprint,
        lambda: followup.annual_reviews(2030),
        lambda: followup.represented_partners(2030),
    ):
        db.session.expire_all()
        assert librarian.id  # reload the user outside the count
        with count_queries() as queries:
            result = call()
        assert len(queries) == 1, (call, queries)
        if isinstance(result, list) and result and isinstance(result[0], Absence):
            assert len(result) == size


def test_annual_reviews_use_the_paris_year(db, make_meeting):
    # 31 December 23:00 in Paris is 22:00 UTC; 1 January 00:30 in Paris is still 23:30 UTC.
    late = make_meeting(
        announce=True, start=paris_to_utc(datetime(2030, 12, 31, 23)), hours=1, title="Bilan 2030"
    )
    early = make_meeting(
        announce=True, start=paris_to_utc(datetime(2031, 1, 1, 0, 30)), hours=1, title="Bilan 2031"
    )
    make_meeting(announce=True, kind="group", title="Groupe")
    make_meeting(title="Brouillon de bilan")
    assert followup.annual_reviews(2030) == [
        {"id": late.id, "title": "Bilan 2030", "day": date(2030, 12, 31)}
    ]
    assert followup.annual_reviews(2031) == [
        {"id": early.id, "title": "Bilan 2031", "day": date(2031, 1, 1)}
    ]


def test_represented_partners_count_recorded_presence_only(
    db, held_meeting, librarian, other_librarian, create_user, invitation_of, coordinator
):
    meeting = held_meeting()
    assert followup.represented_partners(utcnow().year) == {}
    invitation_of(meeting, other_librarian).response = "attending"  # a promise, not a presence
    services.record_attendance(meeting, {invitation_of(meeting, librarian).id}, by=coordinator)
    db.session.commit()
    year = meeting.starts_at.astimezone(paris(FUTURE_DAY, 9).tzinfo).year
    assert followup.represented_partners(year) == {librarian.library.partner_id: {meeting.id}}
