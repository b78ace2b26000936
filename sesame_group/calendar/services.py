"""Feed tokens: creation (secret shown once), revocation, look-up by hash; the feed window."""

import hashlib
import secrets
from calendar import monthrange
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from sesame_group.calendar.models import TOKEN_KINDS, FeedToken
from sesame_group.core.errors import DomainError
from sesame_group.core.timeutil import paris_to_utc, paris_today, utcnow
from sesame_group.extensions import db

# last_used_at is written at most this often: a polled feed must not write on every request.
TOUCH_EVERY = timedelta(minutes=15)
WINDOW_MONTHS = 6


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def active_tokens(user) -> dict[str, FeedToken]:
    """The user's usable tokens by kind."""
    query = select(FeedToken).where(FeedToken.user_id == user.id, FeedToken.revoked_at.is_(None))
    return {token.kind: token for token in db.session.scalars(query)}


def create_token(user, kind: str, *, by) -> tuple[FeedToken, str]:
    """A new subscription link for `user`; returns the row and the secret (shown once).

    Side effects: the user's previous token of that kind is revoked (one link per feed).
    Flushes only. Raises DomainError for an unknown kind, or a library feed without library.
    """
    if kind not in TOKEN_KINDS:
        raise DomainError(_("Type de flux inconnu."), "kind")
    if kind == "library" and user.library_id is None:
        raise DomainError(_("Le flux des absences est réservé aux membres d’une bibliothèque."))
    now = utcnow()
    db.session.execute(
        update(FeedToken)
        .where(FeedToken.user_id == user.id, FeedToken.kind == kind, FeedToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    secret = secrets.token_urlsafe(32)  # 256 random bits
    token = FeedToken(user_id=user.id, kind=kind, token_hash=hash_token(secret), created_at=now)
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(token: FeedToken, *, by) -> None:
    """Stop a subscription link; the feed answers 404 from now on. Flushes only."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()


def find_token(secret: str, kind: str) -> FeedToken | None:
    """The active token of that kind whose owner is active, in one query; None otherwise."""
    if not secret or len(secret) > 100:
        return None
    query = (
        select(FeedToken)
        .options(joinedload(FeedToken.user))
        .where(
            FeedToken.token_hash == hash_token(secret),
            FeedToken.kind == kind,
            FeedToken.revoked_at.is_(None),
        )
    )
    token = db.session.scalar(query)
    if token is None or not token.user.active:
        return None
    if kind == "library" and token.user.library_id is None:
        return None
    return token


def touch_token(token: FeedToken) -> None:
    """Record the use of a link, at most once per TOUCH_EVERY. Flushes only."""
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        token.last_used_at = now
        db.session.flush()


def window_start(today: date | None = None) -> datetime:
    """Feeds carry items ending on or after Paris midnight six months before today (UTC)."""
    today = today or paris_today()
    year, month = today.year, today.month - WINDOW_MONTHS
    if month < 1:
        year, month = year - 1, month + 12
    day = min(today.day, monthrange(year, month)[1])
    return paris_to_utc(datetime(year, month, day))
