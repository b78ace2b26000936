"""CLI commands of trainings: daily reminders (and waiting-list promotion once shares lift)."""

import click
from flask.cli import with_appcontext

from sesame_group.extensions import db


@click.command("send-reminders")
@click.option(
    "--days",
    default=None,
    type=click.IntRange(0, 60),
    help="Rappel envoyé ce nombre de jours avant la première journée "
    "(par défaut TRAININGS_REMINDER_DAYS, sinon 3).",
)
@with_appcontext
def send_reminders(days):
    """Email registrants before their training (never twice for the same day)."""
    from flask import current_app

    from sesame_group.core.mail import deliver_queued
    from sesame_group.trainings import registrations

    promoted = registrations.promote_all()
    if days is None:
        days = int(current_app.config.get("TRAININGS_REMINDER_DAYS", 3))
    sent = registrations.send_reminders(days)
    db.session.commit()
    deliver_queued(limit=10_000)
    click.echo(f"{sent} rappel(s) de formation, {promoted} promotion(s) depuis la liste d’attente.")


COMMANDS = (send_reminders,)
