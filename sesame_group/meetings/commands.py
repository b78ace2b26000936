"""CLI commands of meetings."""

import click
from flask import current_app
from flask.cli import with_appcontext

from sesame_group.core.mail import deliver_queued
from sesame_group.extensions import db
from sesame_group.meetings.services import send_due_reminders


@click.command("send-meeting-reminders")
@click.option(
    "--days",
    type=click.IntRange(1, 60),
    default=None,
    help="Jours avant la réunion (MEETING_REMINDER_DAYS, 7 par défaut).",
)
@with_appcontext
def send_meeting_reminders(days):
    """Remind invitees of meetings starting within N days (once per meeting)."""
    days = days or current_app.config.get("MEETING_REMINDER_DAYS", 7)
    sent = send_due_reminders(days)
    db.session.commit()
    delivered, failed = deliver_queued(limit=10_000)
    click.echo(
        f"{sent} rappel(s) de réunion ; {delivered} message(s) envoyé(s), {failed} en échec."
    )


COMMANDS = (send_meeting_reminders,)
