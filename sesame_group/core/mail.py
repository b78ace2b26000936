"""Transactional outbox: mail is queued with the change that caused it, sent after commit."""

import os
import smtplib
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import Integer, LargeBinary, String, Text, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from sesame_group.core.timeutil import UTCDateTime, utcnow
from sesame_group.extensions import db

QUEUED, SENT, FAILED = "queued", "sent", "failed"
MAX_ATTEMPTS = 10


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_addr: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    attachment_name: Mapped[str | None] = mapped_column(String(120))
    attachment_type: Mapped[str | None] = mapped_column(String(80))
    attachment_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def queue_mail(
    to: str,
    subject: str,
    template: str,
    *,
    language: str = "fr",
    attachment: tuple[str, str, bytes] | None = None,
    **context,
) -> OutboxMessage:
    """Render `templates/<template>` in the recipient's language and queue it.

    Side effects: one OutboxMessage row (flushes only); sent after the caller commits.
    `attachment` is (filename, mimetype, bytes), e.g. an .ics file.
    """
    with force_locale(language or "fr"):
        body = render_template(template, **context)
    message = OutboxMessage(to_addr=to, subject=subject[:300], body=body)
    if attachment:
        message.attachment_name, message.attachment_type, message.attachment_data = attachment
    db.session.add(message)
    db.session.flush()
    db.session.info["mail_pending"] = True
    return message


def build_email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_SENDER"]
    email["To"] = message.to_addr
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain=current_app.config["SERVER_HOST"])
    email.set_content(message.body)
    if message.attachment_data is not None:
        mime = message.attachment_type or "application/octet-stream"
        maintype, _, subtype = mime.partition("/")
        email.add_attachment(
            message.attachment_data,
            maintype=maintype,
            subtype=subtype,
            filename=message.attachment_name,
        )
    return email


def _transport(email: EmailMessage, message_id: int) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        folder = os.path.join(current_app.instance_path, "outbox")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{message_id:08d}.eml"), "wb") as handle:
            handle.write(email.as_bytes())
        return
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=10) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def deliver_queued(limit: int = 200) -> tuple[int, int]:
    """Send queued and failed messages; returns (sent, failed). Commits after each message.

    A failed send stays in the outbox with its error and attempt count; nothing is deleted.
    """
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status.in_((QUEUED, FAILED)), OutboxMessage.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    sent = failed = 0
    for message in db.session.scalars(query).all():
        message.attempts += 1
        try:
            _transport(build_email(message), message.id)
        except (OSError, smtplib.SMTPException) as error:
            message.status, message.last_error = FAILED, str(error)[:500]
            failed += 1
        else:
            message.status, message.sent_at, message.last_error = SENT, utcnow(), None
            sent += 1
        db.session.commit()
    return sent, failed


@event.listens_for(Session, "after_commit")
def _mark_ready(session):
    if session.info.pop("mail_pending", False):
        session.info["mail_ready"] = True


@event.listens_for(Session, "after_soft_rollback")
def _forget_pending(session, previous_transaction):
    session.info.pop("mail_pending", None)


def init_mail(app):
    """After a request whose transaction queued mail and committed, send it."""

    @app.after_request
    def send_after_commit(response):
        if db.session().info.pop("mail_ready", False):
            deliver_queued()
        return response
