"""Capacity, waiting list in arrival order, promotion, fair share, cancellation."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from sesame_group.core.audit import AuditEntry
from sesame_group.core.errors import DomainError
from sesame_group.core.mail import OutboxMessage
from sesame_group.core.timeutil import paris_today
from sesame_group.trainings import registrations, services
from sesame_group.trainings.models import Registration


def _statuses(db, session):
    return [
        (r.user_id, r.status, r.queue_number)
        for r in db.session.scalars(
            select(Registration)
            .where(Registration.session_id == session.id)
            .order_by(Registration.queue_number)
        )
    ]


def test_register_when_full_joins_waitlist_in_order(db, create_training, make_librarians):
    training = create_training(capacity=2)
    people = make_librarians(4)
    for person in people:
        registrations.register(training, person, by=person)
    db.session.commit()
    assert _statuses(db, training) == [
        (people[0].id, "confirmed", 1),
        (people[1].id, "confirmed", 2),
        (people[2].id, "waiting", 3),
        (people[3].id, "waiting", 4),
    ]
    last = db.session.scalar(select(Registration).where(Registration.user_id == people[3].id))
    assert registrations.waiting_position(last) == 2


def test_cancel_promotes_first_waiting_and_mails(db, create_training, make_librarians):
    training = create_training(capacity=1)
    first, second, third = make_librarians(3)
    regs = [registrations.register(training, p, by=p) for p in (first, second, third)]
    db.session.commit()
    promoted = registrations.cancel_registration(regs[0], by=first)
    db.session.commit()
    assert [r.user_id for r in promoted] == [second.id]
    assert _statuses(db, training) == [
        (first.id, "cancelled", 1),
        (second.id, "confirmed", 2),
        (third.id, "waiting", 3),
    ]
    mails = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert mails[-1].to_addr == second.email
    assert mails[-1].subject == f"Une place s’est libérée : {training.title}"
    assert mails[-1].attachment_type == "text/calendar"
    assert regs[1].revision == 1


def test_cancelled_registration_is_kept_and_can_reregister_at_the_back(
    db, create_training, make_librarians
):
    training = create_training(capacity=1)
    first, second = make_librarians(2)
    reg = registrations.register(training, first, by=first)
    registrations.register(training, second, by=second)
    registrations.cancel_registration(reg, by=first)
    again = registrations.register(training, first, by=first)
    db.session.commit()
    assert again.id == reg.id
    assert _statuses(db, training) == [(second.id, "confirmed", 2), (first.id, "waiting", 3)]


def test_register_twice_refused(db, create_training, make_librarians):
    training = create_training()
    (person,) = make_librarians(1)
    registrations.register(training, person, by=person)
    with pytest.raises(DomainError) as error:
        registrations.register(training, person, by=person)
    assert error.value.message == f"{person.display_name} est déjà inscrit·e à cette formation."


def test_raising_capacity_promotes(db, create_training, make_librarians, coordinator):
    training = create_training(capacity=1)
    people = make_librarians(3)
    for person in people:
        registrations.register(training, person, by=person)
    db.session.commit()
    values = {k: getattr(training, k) for k in services.SESSION_FIELDS}
    values["capacity"] = 2
    assert services.update_session(training, values, by=coordinator) == ["capacity"]
    db.session.commit()
    assert [s for _u, s, _q in _statuses(db, training)] == ["confirmed", "confirmed", "waiting"]


def test_capacity_below_confirmed_refused(db, create_training, make_librarians, coordinator):
    training = create_training(capacity=2)
    for person in make_librarians(2):
        registrations.register(training, person, by=person)
    db.session.commit()
    values = {k: getattr(training, k) for k in services.SESSION_FIELDS}
    values["capacity"] = 1
    with pytest.raises(DomainError) as error:
        services.update_session(training, values, by=coordinator)
    assert error.value.field == "capacity"


def test_fair_share_makes_second_of_a_partner_wait_then_lifts(
    db, create_training, make_librarians, create_library
):
    today = paris_today()
    training = create_training(capacity=3, share_limit=1, share_until=today + timedelta(days=5))
    library = create_library()
    a1, a2 = make_librarians(2, library=library)
    (b1,) = make_librarians(1)
    for person in (a1, a2, b1):
        registrations.register(training, person, by=person)
    db.session.commit()
    assert [s for _u, s, _q in _statuses(db, training)] == ["confirmed", "waiting", "confirmed"]
    # the share date has passed: the waiting list is promoted in order
    assert registrations.promote_all(today=today + timedelta(days=6)) == 1
    db.session.commit()
    assert [s for _u, s, _q in _statuses(db, training)] == ["confirmed", "confirmed", "confirmed"]


def test_registration_closed_after_closing_date(db, create_training, make_librarians):
    training = create_training(registration_closes_on=paris_today() - timedelta(days=1))
    (person,) = make_librarians(1)
    with pytest.raises(DomainError) as error:
        registrations.register(training, person, by=person)
    assert error.value.message == "Les inscriptions à cette formation sont fermées."


def test_draft_and_cancelled_refuse_registration(db, create_training, make_librarians):
    (person,) = make_librarians(1)
    for status in ("draft", "cancelled"):
        training = create_training(status=status)
        with pytest.raises(DomainError):
            registrations.register(training, person, by=person)
    assert db.session.scalar(select(Registration.id)) is None


def test_coordinator_registers_on_behalf_with_audit(
    db, create_training, make_librarians, coordinator
):
    training = create_training(registration_closes_on=paris_today() - timedelta(days=1))
    (person,) = make_librarians(1)
    reg = registrations.register(training, person, by=coordinator)
    db.session.commit()
    assert (reg.status, reg.registered_by_id) == ("confirmed", coordinator.id)
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.actor_id, entry.summary) == (
        "training.register",
        coordinator.id,
        f"user {person.id}: confirmed",
    )


def test_coordinator_cannot_be_registered(db, create_training, coordinator):
    training = create_training()
    with pytest.raises(DomainError) as error:
        registrations.register(training, coordinator, by=coordinator)
    assert error.value.field == "user"
