"""CLI commands of resources."""

import click
from flask.cli import with_appcontext

from sesame_group.core.mail import deliver_queued
from sesame_group.core.timeutil import paris_today
from sesame_group.extensions import db
from sesame_group.resources import reminders


@click.command("send-evaluation-reminders")
@with_appcontext
def send_evaluation_reminders():
    """Remind, once, the libraries that have not finished a campaign closing within 7 days."""
    count = reminders.send_due_reminders(paris_today())
    db.session.commit()
    deliver_queued()
    click.echo(f"Relances envoyées : {count} bibliothèque(s).")


COMMANDS = (send_evaluation_reminders,)
