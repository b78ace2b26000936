"""Account rules: creation, authentication with rate limit, passwords."""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from sesame_group.accounts.models import ROLES, LoginAttempt, User
from sesame_group.core import audit
from sesame_group.core.errors import DomainError
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db


class TooManyAttempts(DomainError):
    pass


class EmailTaken(DomainError):
    pass


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the user of the session cookie (inactive ones are refused)."""
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def create_user(email, *, display_name, role, library=None, password=None, language="fr",
                by=None) -> User:
    """Create an account (active). Raises EmailTaken, DomainError for a bad role/library.

    Side effects: one audit entry when `by` is given. Flushes only.
    """
    email = normalise_email(email)
    if role not in ROLES:
        raise DomainError(_("Rôle inconnu."), field="role")
    if role == "librarian" and library is None:
        raise DomainError(_("Un bibliothécaire doit être rattaché à une bibliothèque."),
                          field="library")
    if find_user_by_email(email):
        raise EmailTaken(_("Cette adresse est déjà utilisée."), field="email")
    user = User(email=email, display_name=display_name, role=role, language=language,
                library_id=library.id if library is not None and role == "librarian" else None,
                password_hash=hash_password(password) if password else None)
    db.session.add(user)
    db.session.flush()
    if by is not None:
        audit.record(by, "member.create", user, email)
    return user


def _recent_failures(email: str, address: str) -> tuple[int, int]:
    since = utcnow() - timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])
    base = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.created_at >= since, LoginAttempt.succeeded.is_(False)
    )
    by_email = db.session.scalar(base.where(LoginAttempt.email == email))
    by_address = db.session.scalar(base.where(LoginAttempt.address == address))
    return by_email or 0, by_address or 0


def authenticate(email: str, password: str, *, address: str) -> User | None:
    """The active user with these credentials, or None. Every attempt is recorded.

    Raises TooManyAttempts after LOGIN_ATTEMPTS failures in LOGIN_WINDOW_MINUTES for this
    account or this address (checked before the password, so guessing stops). Flushes only.
    """
    email = normalise_email(email)[:254]
    limit = current_app.config["LOGIN_ATTEMPTS"]
    if max(_recent_failures(email, address)) >= limit:
        raise TooManyAttempts(
            _("Trop de tentatives de connexion. Réessayez dans %(minutes)d minutes.",
              minutes=current_app.config["LOGIN_WINDOW_MINUTES"])
        )
    user = find_user_by_email(email)
    ok = bool(user and user.password_hash and user.active
              and check_password_hash(user.password_hash, password or ""))
    db.session.add(LoginAttempt(email=email, address=address[:64], succeeded=ok))
    db.session.flush()
    return user if ok else None


def purge_old_attempts(days: int = 30) -> int:
    """Login attempts older than `days` are of no use to the rate limit."""
    cutoff = utcnow() - timedelta(days=days)
    result = db.session.execute(
        LoginAttempt.__table__.delete().where(LoginAttempt.created_at < cutoff)
    )
    return result.rowcount


def search_filter(term: str):
    like = f"%{term.lower()}%"
    return or_(func.lower(User.display_name).like(like), User.email.like(like))
