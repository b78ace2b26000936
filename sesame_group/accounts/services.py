"""Account rules: creation, authentication with rate limit, passwords, member management."""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from sesame_group.accounts import tokens
from sesame_group.accounts.models import ROLES, LoginAttempt, User
from sesame_group.core import audit
from sesame_group.core.errors import DomainError
from sesame_group.core.i18n import LANGUAGES
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


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the user of the session cookie (see User.get_id).

    A deactivated user, or a session opened before the last password change, is logged out.
    """
    user_id, _sep, fingerprint = session_id.partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.active or fingerprint != user.session_fingerprint:
        return None
    return user


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def create_user(
    email, *, display_name, role, library=None, password=None, language="fr", by=None
) -> User:
    """Create an account (active). Raises EmailTaken, DomainError for a bad role/library.

    Side effects: one audit entry when `by` is given. Flushes only.
    """
    email = normalise_email(email)
    if len(email) > 254 or not _valid_email(email):
        raise DomainError(
            _("Adresse électronique invalide, par exemple prenom.nom@mairie.fr."), field="email"
        )
    if role not in ROLES:
        raise DomainError(_("Rôle inconnu."), field="role")
    if role == "librarian" and library is None:
        raise DomainError(
            _("Un bibliothécaire doit être rattaché à une bibliothèque."), field="library"
        )
    if find_user_by_email(email):
        raise EmailTaken(_("Cette adresse est déjà utilisée."), field="email")
    user = User(
        email=email,
        display_name=display_name,
        role=role,
        language=language,
        library_id=library.id if library is not None and role == "librarian" else None,
        password_hash=hash_password(password) if password else None,
    )
    db.session.add(user)
    db.session.flush()
    if by is not None:
        audit.record(by, "member.create", user, email)
    return user


def _valid_email(email: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _recent_failures(email: str, address: str) -> tuple[int, int]:
    since = utcnow() - timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])
    base = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.created_at >= since, LoginAttempt.succeeded.is_(False))
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
            _(
                "Trop de tentatives de connexion. Réessayez dans %(minutes)d minutes.",
                minutes=current_app.config["LOGIN_WINDOW_MINUTES"],
            )
        )
    user = find_user_by_email(email)
    # Hash something even for an unknown address: response time must not reveal accounts.
    stored = user.password_hash if user is not None and user.password_hash else _dummy_hash()
    ok = bool(
        check_password_hash(stored, password or "")
        and user is not None
        and user.password_hash
        and user.active
    )
    db.session.add(LoginAttempt(email=email, address=address[:64], succeeded=ok))
    db.session.flush()
    return user if ok else None


def _dummy_hash() -> str:
    if "dummy" not in _DUMMY:
        _DUMMY["dummy"] = hash_password("pas-un-vrai-mot-de-passe")
    return _DUMMY["dummy"]


_DUMMY: dict[str, str] = {}


def purge_old_attempts(days: int = 30) -> int:
    """Login attempts older than `days` are of no use to the rate limit."""
    cutoff = utcnow() - timedelta(days=days)
    result = db.session.execute(
        LoginAttempt.__table__.delete().where(LoginAttempt.created_at < cutoff)
    )
    return result.rowcount


def search_filter(term: str):
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"
    return or_(
        func.lower(User.display_name).like(like, escape="\\"), User.email.like(like, escape="\\")
    )


def set_password(user: User, password: str) -> None:
    """New password hash; open reset and invitation links of the user die. Flushes only."""
    user.password_hash = hash_password(password)
    tokens.revoke_tokens(user)
    db.session.flush()


def change_password(user: User, *, current: str, new: str) -> None:
    """Profile password change: the current password must be given. Raises DomainError."""
    if not (user.password_hash and check_password_hash(user.password_hash, current or "")):
        raise DomainError(_("Le mot de passe actuel est incorrect."), field="current_password")
    set_password(user, new)


def update_profile(user: User, *, display_name: str, language: str) -> None:
    """The member's own name and preferred language. Flushes only."""
    if language not in LANGUAGES:
        raise DomainError(_("Langue inconnue."), field="language")
    user.display_name, user.language = display_name, language
    db.session.flush()


def invite_member(email, *, display_name, role, library, language, by: User) -> User:
    """Create an account without password and mail it a set-password link.

    Side effects: user row; invitation token and mail; audit entries member.create and
    member.invite. Raises EmailTaken, DomainError (role, library). Flushes only.
    """
    if language not in LANGUAGES:
        raise DomainError(_("Langue inconnue."), field="language")
    user = create_user(
        email, display_name=display_name, role=role, library=library, language=language, by=by
    )
    tokens.send_invitation(user, by=by)
    return user


def resend_invitation(member: User, *, by: User) -> None:
    """A fresh invitation link (the previous ones die). Raises DomainError once set up."""
    if member.password_hash or not member.active:
        raise DomainError(_("Ce membre a déjà choisi son mot de passe ou est désactivé."))
    tokens.send_invitation(member, by=by)


def update_member(member: User, *, display_name, role, library, by: User) -> None:
    """Coordinator edit of name, role and library. Side effects: one audit entry. Flushes.

    Raises DomainError for a librarian without library or a coordinator demoting themself.
    """
    if role not in ROLES:
        raise DomainError(_("Rôle inconnu."), field="role")
    if role == "librarian" and library is None:
        raise DomainError(
            _("Un bibliothécaire doit être rattaché à une bibliothèque."), field="library"
        )
    if member.id == by.id and role != member.role:
        raise DomainError(_("Vous ne pouvez pas changer votre propre rôle."), field="role")
    member.display_name, member.role = display_name, role
    member.library_id = library.id if role == "librarian" else None
    db.session.flush()
    audit.record(by, "member.update", member, f"{member.email} : {role}")


def set_member_active(member: User, active: bool, *, by: User) -> None:
    """Deactivate (the member can no longer log in, open links die) or reactivate.

    Nothing is deleted. Side effects: one audit entry (member.deactivate / member.reactivate).
    Raises DomainError when a coordinator deactivates themself. Flushes only.
    """
    if member.id == by.id and not active:
        raise DomainError(_("Vous ne pouvez pas désactiver votre propre compte."))
    member.active = active
    if not active:
        tokens.revoke_tokens(member)
    db.session.flush()
    audit.record(by, "member.reactivate" if active else "member.deactivate", member, member.email)
