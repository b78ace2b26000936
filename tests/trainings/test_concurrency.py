"""Capacity is a promise: many registrations at once from threads, on SQLite and PostgreSQL."""

import threading

import pytest
from sqlalchemy import select

from sesame_group.accounts.models import User
from sesame_group.extensions import db as _db
from sesame_group.trainings import registrations
from sesame_group.trainings.models import Registration, TrainingSession

THREADS = 12
pytestmark = pytest.mark.concurrency


def _hammer(app, session_id, user_ids):
    barrier = threading.Barrier(len(user_ids))
    errors = []

    def worker(user_id):
        with app.app_context():
            try:
                training = _db.session.get(TrainingSession, session_id)
                user = _db.session.get(User, user_id)
                _db.session.rollback()  # start the race from a clean transaction
                barrier.wait(timeout=30)
                registrations.register(training, user, by=user)
                _db.session.commit()
            except Exception as error:  # noqa: BLE001 - any error fails the test below
                _db.session.rollback()
                errors.append(repr(error))

    threads = [threading.Thread(target=worker, args=(uid,)) for uid in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_concurrent_registrations_never_overbook(app, db, create_training, make_librarians):
    training_id = create_training(capacity=3).id
    user_ids = [u.id for u in make_librarians(THREADS)]
    db.session.remove()
    errors = _hammer(app, training_id, user_ids)
    assert errors == []
    rows = db.session.execute(
        select(Registration.queue_number, Registration.status)
        .where(Registration.session_id == training_id)
        .order_by(Registration.queue_number)
    ).all()
    assert [q for q, _s in rows] == list(range(1, THREADS + 1))  # arrival order, no gaps
    assert [s for _q, s in rows] == ["confirmed"] * 3 + ["waiting"] * (THREADS - 3)
    assert db.session.get(TrainingSession, training_id).next_queue_number == THREADS + 1


def test_concurrent_cancellations_promote_each_seat_once(app, db, create_training, make_librarians):
    training = create_training(capacity=4)
    training_id = training.id
    people = make_librarians(10)
    regs = [registrations.register(training, p, by=p) for p in people]
    db.session.commit()
    cancel_ids = [r.id for r in regs[:4]]
    user_of = {r.id: r.user_id for r in regs}
    db.session.remove()
    barrier = threading.Barrier(len(cancel_ids))
    errors = []

    def worker(reg_id):
        with app.app_context():
            try:
                reg = _db.session.get(Registration, reg_id)
                user = _db.session.get(User, user_of[reg_id])
                _db.session.rollback()
                barrier.wait(timeout=30)
                registrations.cancel_registration(reg, by=user)
                _db.session.commit()
            except Exception as error:  # noqa: BLE001
                _db.session.rollback()
                errors.append(repr(error))

    threads = [threading.Thread(target=worker, args=(rid,)) for rid in cancel_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    statuses = db.session.scalars(
        select(Registration.status)
        .where(Registration.session_id == training_id)
        .order_by(Registration.queue_number)
    ).all()
    assert statuses == ["cancelled"] * 4 + ["confirmed"] * 4 + ["waiting"] * 2
