"""`flask seed-demo [--scale N]`: realistic Charente demo data, idempotent, bulk-inserted."""

import random

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from sesame_group.accounts import demo as accounts_demo
from sesame_group.actions import demo as actions_demo
from sesame_group.calendar import demo as calendar_demo
from sesame_group.conventions import demo as conventions_demo
from sesame_group.extensions import db
from sesame_group.meetings import demo as meetings_demo
from sesame_group.network import demo as network_demo
from sesame_group.network.models import Partner
from sesame_group.replacements import demo as replacements_demo
from sesame_group.resources import demo as resources_demo
from sesame_group.trainings import demo as trainings_demo

# Each step: seed(scale, rng) -> None, in dependency order; each commits after it runs.
STEPS = (
    network_demo.seed,
    accounts_demo.seed,
    resources_demo.seed,
    trainings_demo.seed,
    meetings_demo.seed,
    actions_demo.seed,
    calendar_demo.seed,
    replacements_demo.seed,
    conventions_demo.seed,
)

DEMO_PASSWORD = "sesame-demo"
DEMO_LOGINS = (
    ("coordination@lacharente.fr", "coordinateur·rice"),
    ("bibliothecaire@chalais.fr", "bibliothécaire (Médiathèque de Chalais)"),
    ("bibliothecaire@montbron.fr", "bibliothécaire (Bibliothèque de Montbron)"),
)


def seed(scale: int = 1, seed_value: int = 16) -> bool:
    """Seed every domain; returns False when demo data is already there."""
    if db.session.scalar(select(Partner.id).where(Partner.name == network_demo.FIRST_PARTNER)):
        return False
    rng = random.Random(seed_value)
    for step in STEPS:
        step(scale, rng)
        db.session.commit()
    return True


@click.command("seed-demo")
@click.option(
    "--scale",
    default=1,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Multiplies the volume (50 ≈ national size).",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has partners.")
@with_appcontext
def seed_demo(scale, if_empty):
    """Load demo data (partners, libraries, opening hours, members, ...)."""
    if if_empty and db.session.scalar(select(Partner.id).limit(1)):
        click.echo("Base déjà remplie : données de démonstration non chargées.")
    elif seed(scale):
        click.echo(f"Données de démonstration chargées (échelle {scale}).")
    else:
        click.echo("Données de démonstration déjà présentes.")
    click.echo(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD}) :")
    for email, role in DEMO_LOGINS:
        click.echo(f"  {email} — {role}")
