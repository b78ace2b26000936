"""Invitation and password-reset links: single use, expiring, stored only as a sha256 hash."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from sesame_group.accounts.models import User, UserToken
from sesame_group.core import audit
from sesame_group.core.errors import DomainError
from sesame_group.core.mail import queue_mail
from sesame_group.core.timeutil import utcnow
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db

INVITE, RESET = "invite", "reset"
RESETS_PER_WINDOW = 5  # reset mails per account within RESET_HOURS: no mailbox flooding


class InvalidToken(DomainError):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(user: User, purpose: str, lifetime: timedelta) -> str:
    """A new random token for `user` (only its hash is stored); the clear value is returned."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        UserToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=hash_token(token),
            expires_at=utcnow() + lifetime,
        )
    )
    db.session.flush()
    return token


def revoke_tokens(user: User, purpose: str | None = None) -> None:
    """Mark the user's unused tokens (of one purpose, or all) as used. Flushes only."""
    statement = (
        update(UserToken)
        .where(UserToken.user_id == user.id, UserToken.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if purpose:
        statement = statement.where(UserToken.purpose == purpose)
    db.session.execute(statement)


def send_invitation(user: User, *, by: User) -> None:
    """Mail `user` a set-password link valid INVITATION_DAYS days; older invitations die.

    Side effects: earlier unused invitation tokens revoked; one token row; one outbox mail;
    one audit entry for `by` (member.invite). Flushes only.
    """
    days = current_app.config["INVITATION_DAYS"]
    revoke_tokens(user, INVITE)
    token = _issue(user, INVITE, timedelta(days=days))
    with force_locale(user.language or "fr"):
        subject = _("Invitation au groupe de suivi Sésame")
    queue_mail(
        user.email,
        subject,
        "accounts/mail/invitation.txt",
        language=user.language,
        user=user,
        inviter=by,
        days=days,
        link=absolute_url("accounts.set_password", token=token),
    )
    audit.record(by, "member.invite", user, user.email)


def request_reset(email: str) -> None:
    """Mail a reset link (RESET_HOURS) when `email` is an active account; otherwise nothing.

    The caller answers the same either way, so no one learns which addresses exist. At most
    RESETS_PER_WINDOW links per account within RESET_HOURS (the others are silently dropped).
    Side effects: one token row and one outbox mail for an active account. Flushes only.
    """
    from sesame_group.accounts.services import find_user_by_email

    user = find_user_by_email(email)
    if user is None or not user.active or _recent_resets(user) >= RESETS_PER_WINDOW:
        return
    hours = current_app.config["RESET_HOURS"]
    token = _issue(user, RESET, timedelta(hours=hours))
    with force_locale(user.language or "fr"):
        subject = _("Sésame : nouveau mot de passe")
    queue_mail(
        user.email,
        subject,
        "accounts/mail/reset.txt",
        language=user.language,
        user=user,
        hours=hours,
        link=absolute_url("accounts.set_password", token=token),
    )


def _recent_resets(user: User) -> int:
    since = utcnow() - timedelta(hours=current_app.config["RESET_HOURS"])
    return db.session.scalar(
        select(func.count())
        .select_from(UserToken)
        .where(
            UserToken.user_id == user.id, UserToken.purpose == RESET, UserToken.created_at >= since
        )
    )


def find_valid_token(token: str) -> UserToken:
    """The unused, unexpired token of an active user. Raises InvalidToken."""
    row = None
    if token and len(token) <= 100:
        row = db.session.scalar(select(UserToken).where(UserToken.token_hash == hash_token(token)))
    if row is None or row.used_at is not None or row.expires_at <= utcnow() or not row.user.active:
        raise InvalidToken(
            _("Ce lien n’est plus valable : il a déjà servi ou a expiré. Demandez un nouveau lien.")
        )
    return row


def use_token(token_row: UserToken, password: str) -> User:
    """Set the password through a link; the link and every other open link of the user die.

    Side effects: password hash; all the user's unused tokens marked used. Flushes only.
    """
    from sesame_group.accounts.services import set_password

    user = token_row.user
    set_password(user, password)  # revokes every open link, this one included
    return user
