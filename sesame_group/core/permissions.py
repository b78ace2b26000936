"""Permission mechanism: require() and the role predicates every domain combines."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

COORDINATOR = "coordinator"
LIBRARIAN = "librarian"


def require(condition: bool) -> None:
    """403 unless condition holds (the caller is already logged in)."""
    if not condition:
        abort(403)


def is_authenticated(user) -> bool:
    return bool(user and getattr(user, "is_authenticated", False))


def is_coordinator(user) -> bool:
    return is_authenticated(user) and user.role == COORDINATOR


def is_librarian(user) -> bool:
    return is_authenticated(user) and user.role == LIBRARIAN


def is_member_of(user, library) -> bool:
    return (
        is_authenticated(user)
        and library is not None
        and user.library_id is not None
        and user.library_id == library.id
    )


def coordinator_required(view):
    """Login, then coordinator or 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        require(is_coordinator(current_user))
        return view(*args, **kwargs)

    return wrapped


PREDICATES = {
    "is_coordinator": is_coordinator,
    "is_librarian": is_librarian,
    "is_member_of": is_member_of,
}
