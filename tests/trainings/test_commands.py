"""send-reminders (daily cron) and demo data."""

import random
from datetime import timedelta

from sqlalchemy import func, select

from sesame_group.core.mail import OutboxMessage
from sesame_group.core.timeutil import paris_today
from sesame_group.trainings import registrations
from sesame_group.trainings.models import Attendance, Registration, TrainingSession


def test_send_reminders_once_per_day(
    runner, db, create_training, librarian, make_librarians, smtp_server
):
    soon = create_training(capacity=1, first=paris_today() + timedelta(days=2), title="Bientôt")
    later = create_training(first=paris_today() + timedelta(days=20), title="Plus tard")
    (waiting,) = make_librarians(1)
    registrations.register(soon, librarian, by=librarian)
    registrations.register(soon, waiting, by=waiting)
    registrations.register(later, librarian, by=librarian)
    db.session.commit()
    sent_before = len(smtp_server.messages)
    result = runner.invoke(args=["send-reminders", "--days", "3"])
    assert result.output == (
        "1 rappel(s) de formation, 0 promotion(s) depuis la liste d’attente.\n"
    )
    reminders = db.session.scalars(
        select(OutboxMessage.to_addr).where(OutboxMessage.subject == "Rappel : Bientôt")
    ).all()
    assert reminders == [librarian.email]
    assert len(smtp_server.messages) - sent_before >= 1
    result = runner.invoke(args=["send-reminders", "--days", "3"])
    assert result.output.startswith("0 rappel(s)")


def test_send_reminders_skips_cancelled_sessions(runner, db, create_training, librarian):
    training = create_training(first=paris_today() + timedelta(days=1))
    registrations.register(training, librarian, by=librarian)
    db.session.commit()
    from sesame_group.trainings import services

    services.cancel_session(training, by=librarian, reason="Annulée")
    db.session.commit()
    assert runner.invoke(args=["send-reminders"]).output.startswith("0 rappel(s)")


def test_demo_seed_is_idempotent(db):
    from sesame_group.accounts import demo as accounts_demo
    from sesame_group.network import demo as network_demo
    from sesame_group.trainings import demo

    rng = random.Random(16)
    network_demo.seed(1, rng)
    accounts_demo.seed(1, rng)
    db.session.commit()
    demo.seed(1, rng)
    db.session.commit()
    statuses = dict(
        db.session.execute(
            select(Registration.status, func.count()).group_by(Registration.status)
        ).all()
    )
    assert statuses["confirmed"] > 0 and statuses["waiting"] > 0
    assert db.session.scalar(select(func.count(Attendance.id))) > 0
    sessions = dict(
        db.session.execute(
            select(TrainingSession.status, func.count()).group_by(TrainingSession.status)
        ).all()
    )
    assert sessions == {"published": 6, "draft": 1, "cancelled": 1}
    demo.seed(1, rng)
    assert db.session.scalar(select(func.count(TrainingSession.id))) == 8
    over = db.session.execute(
        select(TrainingSession.id)
        .join(Registration)
        .where(Registration.status == "confirmed")
        .group_by(TrainingSession.id, TrainingSession.capacity)
        .having(func.count(Registration.id) > TrainingSession.capacity)
    ).all()
    assert over == []
