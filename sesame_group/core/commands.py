"""Core CLI commands."""

import click
from flask.cli import with_appcontext

from sesame_group.core.mail import deliver_queued


@click.command("send-mail")
@with_appcontext
def send_mail():
    """Send (or retry) every queued message in the outbox."""
    sent, failed = deliver_queued(limit=10_000)
    click.echo(f"{sent} message(s) envoyé(s), {failed} en échec.")
