"""Outbox: queued in the transaction, sent after commit, failures kept and retried."""

import socket

from sqlalchemy import select

from sesame_group.core.mail import FAILED, QUEUED, SENT, OutboxMessage, deliver_queued, queue_mail


def _queue(db, to="lucie@example.fr"):
    message = queue_mail(
        to,
        "Essai",
        "accounts/mail/reset.txt",
        language="fr",
        user=type("U", (), {"display_name": "Lucie", "email": to})(),
        hours=2,
        link="https://sesame.test/x",
        attachment=("essai.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n"),
    )
    db.session.commit()
    return message


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_failed_send_stays_queued_then_send_mail_retries(app, db, runner, smtp_server, monkeypatch):
    message = _queue(db)
    assert message.status == QUEUED
    monkeypatch.setitem(app.config, "MAIL_PORT", _closed_port())
    assert deliver_queued() == (0, 1)
    db.session.refresh(message)
    assert (message.status, message.attempts) == (FAILED, 1)
    assert message.last_error
    monkeypatch.undo()  # back to the running SMTP server
    result = runner.invoke(args=["send-mail"])
    assert result.output.strip() == "1 message(s) envoyé(s), 0 en échec."
    db.session.refresh(message)
    assert (message.status, message.attempts, message.last_error) == (SENT, 2, None)
    [arrived] = smtp_server.messages
    assert arrived["To"] == "lucie@example.fr"
    parts = [part.get_filename() for part in arrived.walk() if part.get_filename()]
    assert parts == ["essai.ics"]


def test_rolled_back_mail_is_never_sent(db, smtp_server):
    queue_mail(
        "x@example.fr",
        "Annulé",
        "accounts/mail/reset.txt",
        user=type("U", (), {"display_name": "X", "email": "x@example.fr"})(),
        hours=2,
        link="https://sesame.test/x",
    )
    db.session.rollback()
    assert db.session.scalars(select(OutboxMessage)).all() == []
    assert deliver_queued() == (0, 0)
    assert smtp_server.messages == []


def test_without_smtp_settings_mail_is_written_as_eml(app, db):
    import os

    message = _queue(db)
    assert deliver_queued() == (1, 0)
    path = os.path.join(app.instance_path, "outbox", f"{message.id:08d}.eml")
    with open(path, "rb") as handle:
        content = handle.read()
    assert b"To: lucie@example.fr" in content
    os.remove(path)
