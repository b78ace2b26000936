"""The agenda and follow-up contracts: events, uids, sequence, fingerprint, counts."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from sesame_group.actions import agenda, services
from sesame_group.actions.followup import action_counts
from sesame_group.core.ical import build_calendar
from tests.actions.conftest import future_dates, past_dates, values

SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def test_public_events_only_decided_accepted_items(db, make_proposal):
    for status in (
        "draft",
        "submitted",
        "under_review",
        "pending",
        "declined",
        "withdrawn",
        "changes_requested",
    ):
        make_proposal(status)
    accepted = make_proposal("accepted", title="Acceptée")
    cancelled = make_proposal("cancelled", title="Annulée")
    events = agenda.public_events(SINCE)
    assert [e.uid for e in events] == [
        f"action-date-{d.id}@sesame.test"
        for pair in zip(accepted.dates, cancelled.dates, strict=True)
        for d in pair
    ]
    first = events[0]
    assert (first.summary, first.status, first.sequence, first.kind) == (
        "Action culturelle : Acceptée",
        "CONFIRMED",
        1,
        "action",
    )
    assert first.start == datetime(2030, 3, 14, 13, 0, tzinfo=UTC)
    assert first.end == datetime(2030, 3, 14, 15, 0, tzinfo=UTC)
    assert first.location == "Salle 1, Médiathèque de Chalais, Angoulême"
    assert first.url == f"https://sesame.test/actions/{accepted.id}"
    assert first.link == f"/actions/{accepted.id}"
    assert first.description == "Découvrir la presse sur Sésame"
    assert {e.status for e in events[1::2]} == {"CANCELLED"}
    assert events[1].sequence == 2


def test_completed_kept_and_window_applies(db, make_proposal):
    done = make_proposal("completed", dates=past_dates())
    assert [e.uid for e in agenda.public_events(SINCE)] == [
        f"action-date-{done.dates[0].id}@sesame.test"
    ]
    assert agenda.public_events(datetime.now(UTC)) == []


def test_personal_events_for_proposing_and_joint_libraries(
    db, make_proposal, librarian, other_librarian, create_user, coordinator
):
    stranger = create_user(email="loin@example.fr")
    joint = services.create_proposal(
        librarian.library,
        by=librarian,
        values=values(),
        dates=future_dates(1),
        partner_library_ids=[other_librarian.library_id],
    )
    services.submit_proposal(joint, by=librarian)
    services.record_decision(
        joint,
        by=coordinator,
        decision="accepted",
        granted_amount=Decimal("0"),
        note="",
        announce=True,
    )
    db.session.commit()
    make_proposal("accepted", author=stranger)
    uid = f"action-date-{joint.dates[0].id}@sesame.test"
    assert [e.uid for e in agenda.personal_events(librarian, SINCE)] == [uid]
    assert [e.uid for e in agenda.personal_events(other_librarian, SINCE)] == [uid]
    assert len(agenda.personal_events(stranger, SINCE)) == 2
    assert agenda.personal_events(coordinator, SINCE) == []


def test_fingerprint_moves_with_visible_changes_only(
    db, make_proposal, librarian, other_librarian, coordinator
):
    pending = make_proposal("pending")
    before = agenda.fingerprint()
    assert agenda.fingerprint() == before
    services.add_comment(pending, by=other_librarian, body="Bravo")
    db.session.commit()
    assert agenda.fingerprint() == before
    services.announce_decision(pending, by=coordinator)
    db.session.commit()
    announced = agenda.fingerprint()
    assert announced != before
    item = pending.dates[0]
    services.reschedule_date(
        item,
        by=librarian,
        starts_at=item.starts_at + timedelta(hours=1),
        ends_at=item.ends_at + timedelta(hours=1),
        place=item.place,
    )
    db.session.commit()
    assert agenda.fingerprint() != announced
    assert agenda.fingerprint(librarian) != agenda.fingerprint(other_librarian)


@pytest.mark.parametrize("n", [1, 3])
def test_events_run_one_statement(db, make_proposal, librarian, count_queries, n):
    for _ in range(n):
        make_proposal("accepted")
    db.session.expire_all()
    assert librarian.library_id  # the user row is loaded before counting
    with count_queries() as queries:
        public = agenda.public_events(SINCE)
        personal = agenda.personal_events(librarian, SINCE)
        agenda.fingerprint(librarian)
    assert len(public) == len(personal) == 2 * n
    assert len(queries) == 3, "\n".join(q[:150] for q in queries)


def test_events_build_a_valid_calendar(db, app, make_proposal):
    proposal = make_proposal("accepted", title="Ciné, débat; et \\ plus")
    body = build_calendar(agenda.public_events(SINCE), name="Sésame", feed_uid="public@x")
    text = body.decode()
    uid = f"action-date-{proposal.dates[0].id}@sesame.test"
    assert f"UID:{uid}\r\n" in text
    assert "DTSTART;TZID=Europe/Paris:20300314T140000\r\n" in text
    assert "SEQUENCE:1\r\n" in text
    assert "SUMMARY:Action culturelle : Ciné\\, débat\\; et \\\\ plus\r\n" in text
    assert body == build_calendar(agenda.public_events(SINCE), name="Sésame", feed_uid="public@x")


def test_action_counts_per_partner(
    db, make_proposal, librarian, other_librarian, count_queries, coordinator
):
    make_proposal()  # draft: not proposed
    make_proposal("withdrawn")
    make_proposal("submitted")
    make_proposal("accepted")
    make_proposal("completed", dates=past_dates())  # a past year, not 2030
    joint = services.create_proposal(
        librarian.library,
        by=librarian,
        values=values(),
        dates=future_dates(1),
        partner_library_ids=[other_librarian.library_id],
    )
    services.submit_proposal(joint, by=librarian)
    services.record_decision(
        joint, by=coordinator, decision="declined", granted_amount=None, note="Non", announce=True
    )
    db.session.commit()
    with count_queries() as queries:
        counts = action_counts(2030)
    assert len(queries) == 2
    assert counts == {
        librarian.library.partner_id: {"proposed": 3, "accepted": 1, "completed": 0},
        other_librarian.library.partner_id: {"proposed": 1, "accepted": 0, "completed": 0},
    }
    assert action_counts(2001) == {}


def test_completed_action_counts_in_its_year(db, make_proposal, librarian):
    from sesame_group.actions.models import ActionDate
    from sesame_group.core.timeutil import paris_to_utc

    proposal = make_proposal("accepted", dates=past_dates())
    item = proposal.dates[0]
    # 31 December 2025, 23 h 30 – 23 h 50 Paris: still 2025 in Paris
    item.starts_at = paris_to_utc(datetime(2025, 12, 31, 23, 30))
    item.ends_at = paris_to_utc(datetime(2025, 12, 31, 23, 50))
    db.session.commit()
    services.file_report(proposal, by=librarian, actual_participants=5, assessment="Bien")
    db.session.commit()
    assert db.session.get(ActionDate, item.id).starts_at.year == 2025
    assert action_counts(2025) == {
        librarian.library.partner_id: {"proposed": 1, "accepted": 1, "completed": 1}
    }
    assert action_counts(2026) == {}
