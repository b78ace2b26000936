"""Contracts read by calendar, replacements and conventions: exact values, constant queries."""

from datetime import UTC, date, datetime

import pytest

from sesame_group.core.timeutil import paris_to_utc
from sesame_group.trainings import agenda, followup, registrations, services
from sesame_group.trainings.models import Attendance

SINCE = datetime(2000, 1, 1, tzinfo=UTC)


def test_public_events_one_per_day_without_drafts(db, create_training):
    training = create_training(days=2, first=date(2030, 3, 14))
    create_training(status="draft")
    events = agenda.public_events(SINCE)
    assert [(e.uid, e.status, e.kind, e.link, e.sequence) for e in events] == [
        (
            f"training-day-{d.id}@sesame.test",
            "CONFIRMED",
            "training",
            f"/trainings/{training.id}",
            2,
        )
        for d in training.days
    ]
    assert events[0].start == paris_to_utc(datetime(2030, 3, 14, 9, 30))
    assert events[0].url == f"https://sesame.test/trainings/{training.id}"
    assert events[0].location == "Médiathèque départementale, Angoulême"


def test_public_events_keep_cancelled_sessions(db, create_training):
    training = create_training(status="cancelled")
    events = agenda.public_events(SINCE)
    assert [(e.uid, e.status, e.sequence) for e in events] == [
        (f"training-day-{training.days[0].id}@sesame.test", "CANCELLED", 2)
    ]


def test_personal_events_waiting_is_tentative(db, create_training, make_librarians):
    training = create_training(capacity=1)
    first, second = make_librarians(2)
    registrations.register(training, first, by=first)
    registrations.register(training, second, by=second)
    db.session.commit()
    assert [e.status for e in agenda.personal_events(first, SINCE)] == ["CONFIRMED"]
    assert [e.status for e in agenda.personal_events(second, SINCE)] == ["TENTATIVE"]
    fingerprint = agenda.fingerprint(second)
    registrations.cancel_registration(training.registrations[0], by=first)
    db.session.commit()
    assert agenda.personal_events(first, SINCE) == []
    assert [(e.status, e.sequence) for e in agenda.personal_events(second, SINCE)] == [
        ("CONFIRMED", 2)
    ]
    assert agenda.fingerprint(second) != fingerprint


def test_fingerprint_moves_on_cancellation(db, create_training, coordinator):
    training = create_training()
    before = agenda.fingerprint()
    services.cancel_session(training, by=coordinator, reason="Neige")
    db.session.commit()
    assert agenda.fingerprint() != before


def test_absences_confirmed_only(db, create_training, make_librarians, create_library, coordinator):
    library = create_library()
    training = create_training(capacity=1, days=2)
    confirmed, waiting = make_librarians(2, library=library)
    registrations.register(training, confirmed, by=confirmed)
    registrations.register(training, waiting, by=waiting)
    db.session.commit()
    result = agenda.absences([library.id], SINCE)
    assert [(a.key, a.user_id, a.library_id, a.kind) for a in result] == [
        (f"training-day-{d.id}:user-{confirmed.id}", confirmed.id, library.id, "training")
        for d in training.days
    ]
    assert agenda.absences([library.id + 1000], SINCE) == []
    before = agenda.absences_fingerprint()
    services.cancel_day(training.days[1], by=coordinator)
    db.session.commit()
    assert len(agenda.absences(None, SINCE)) == 1
    assert agenda.absences_fingerprint() != before


@pytest.mark.parametrize("size", [1, 3])
def test_agenda_queries_are_constant(db, create_training, make_librarians, count_queries, size):
    people = make_librarians(size)
    for _ in range(size):
        training = create_training(capacity=size, days=2)
        for person in people:
            registrations.register(training, person, by=person)
    db.session.commit()
    db.session.expire_all()
    assert people[0].id  # reload the user outside the count
    with count_queries() as queries:
        assert len(agenda.public_events(SINCE)) == 2 * size
    assert len(queries) == 1
    with count_queries() as queries:
        assert len(agenda.personal_events(people[0], SINCE)) == 2 * size
        assert len(agenda.absences(None, SINCE)) == 2 * size * size
        agenda.fingerprint(people[0])
        agenda.absences_fingerprint()
    assert len(queries) == 2 + 1 + 1 + 1


def _attend(db, training, reg, statuses, by):
    for day, status in zip(training.days, statuses, strict=True):
        registrations.record_attendance(day, {reg.id: status}, by=by)
    db.session.commit()


@pytest.mark.parametrize("size", [1, 3])
def test_followup_completed_by_partner(
    db, create_training, create_library, create_user, coordinator, count_queries, size
):
    year = 2025
    done_ids = []
    partners = []
    for index in range(size):
        training = create_training(capacity=5, days=2, first=date(year, 3, 2 + index))
        library = create_library()
        partners.append(library.partner_id)
        present, partial = (create_user(library=library), create_user(library=library))
        reg_present = registrations.register(training, present, by=coordinator)
        reg_partial = registrations.register(training, partial, by=coordinator)
        _attend(db, training, reg_present, ["present", "present"], coordinator)
        _attend(db, training, reg_partial, ["present", "absent"], coordinator)
        done_ids.append(training.id)
    other = create_training(capacity=5, first=date(year, 6, 1))
    (lonely,) = [create_user()]
    reg = registrations.register(other, lonely, by=coordinator)
    _attend(db, other, reg, ["excused"], coordinator)
    create_training(first=date(year + 1, 1, 5))
    cancelled = create_training(first=date(year, 5, 5), status="cancelled")
    db.session.expire_all()
    with count_queries() as queries:
        trainings = followup.trainings_of_year(year)
        completed = followup.completed_by_partner(year)
    assert len(queries) == 1 + 2
    assert [t["id"] for t in trainings] == [*done_ids, other.id]
    assert cancelled.id not in [t["id"] for t in trainings]
    assert trainings[0] == {
        "id": done_ids[0],
        "title": trainings[0]["title"],
        "first_day": date(year, 3, 2),
        "last_day": date(year, 3, 3),
    }
    assert completed == {partner: {tid} for partner, tid in zip(partners, done_ids, strict=True)}


def test_followup_ignores_cancelled_day(db, create_training, create_user, coordinator):
    training = create_training(days=2, first=date(2024, 4, 1))
    person = create_user()
    reg = registrations.register(training, person, by=coordinator)
    registrations.record_attendance(training.days[0], {reg.id: "present"}, by=coordinator)
    services.cancel_day(training.days[1], by=coordinator)
    db.session.commit()
    assert followup.completed_by_partner(2024) == {person.library.partner_id: {training.id}}
    assert followup.trainings_of_year(2024)[0]["last_day"] == date(2024, 4, 1)
    assert db.session.query(Attendance).count() == 1
    assert followup.trainings_of_year(2023) == [] and followup.completed_by_partner(2023) == {}
