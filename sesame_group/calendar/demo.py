"""Demo subscription links: the demo librarians already subscribe to their personal feed."""

from sqlalchemy import func, select

from sesame_group.accounts.models import User
from sesame_group.calendar.models import FeedToken
from sesame_group.calendar.services import create_token
from sesame_group.extensions import db

DEMO_SUBSCRIBERS = ("bibliothecaire@chalais.fr", "bibliothecaire@montbron.fr")


def seed(scale, rng):
    """A personal feed token for each demo librarian (the secret is not kept: regenerate it)."""
    if db.session.scalar(select(func.count(FeedToken.id))):
        return
    for user in db.session.scalars(select(User).where(User.email.in_(DEMO_SUBSCRIBERS))):
        create_token(user, "personal", by=user)
