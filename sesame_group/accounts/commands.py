"""Account CLI commands: they call the same services as the forms."""

import click
from flask.cli import with_appcontext

from sesame_group.accounts import services
from sesame_group.core.errors import DomainError
from sesame_group.extensions import db
from sesame_group.network.models import Library


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(["coordinator", "librarian"]), required=True)
@click.option("--library", "library_id", type=int, help="Library id (librarians).")
@click.option("--password", help="Initial password (otherwise none is set).")
@click.option("--name", "display_name", help="Display name (defaults to the address).")
@with_appcontext
def create_user(email, role, library_id, password, display_name):
    """Create an active account."""
    library = db.session.get(Library, library_id) if library_id else None
    if library_id and library is None:
        raise click.BadParameter(f"library {library_id} does not exist", param_hint="--library")
    try:
        user = services.create_user(
            email, display_name=display_name or email, role=role, library=library, password=password
        )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Compte {user.email} créé (id {user.id}, rôle {user.role}).")
