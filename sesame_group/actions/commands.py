"""CLI commands of actions."""

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from sesame_group.accounts.models import User
from sesame_group.actions import services
from sesame_group.extensions import db


@click.command("announce-action-decisions")
@click.option("--as", "email", required=True, help="Adresse du compte coordinateur.")
@with_appcontext
def announce_action_decisions(email):
    """Announce every pending cultural action decision (one mail each)."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_coordinator:
        raise click.ClickException("Compte coordinateur inconnu.")
    count = services.announce_pending(by=user)
    db.session.commit()
    click.echo(f"{count} décision(s) annoncée(s).")


COMMANDS = (announce_action_decisions,)
