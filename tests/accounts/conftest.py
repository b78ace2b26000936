"""Accounts fixtures: read a mailed link back, age a token."""

import re

import pytest
from sqlalchemy import update

from sesame_group.accounts.models import UserToken
from sesame_group.core.timeutil import utcnow

LINK = re.compile(r"https://sesame\.test(/accounts/mot-de-passe/[A-Za-z0-9_\-]+)")


def subject_of(message) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(message["Subject"])))


def body_of(message) -> str:
    part = message.get_body(("plain",)) if hasattr(message, "get_body") else message
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


@pytest.fixture
def mailed_link():
    """The relative path of the set-password link in an arrived message."""

    def find(message) -> str:
        match = LINK.search(body_of(message))
        assert match, body_of(message)
        return match.group(1)

    return find


@pytest.fixture
def expire_tokens(db):
    def run():
        db.session.execute(update(UserToken).values(expires_at=utcnow().replace(year=2000)))
        db.session.commit()

    return run
