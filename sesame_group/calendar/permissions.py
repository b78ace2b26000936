"""Who may see the agenda and hold subscription links."""

from sesame_group.core.permissions import is_authenticated


def can_view_agenda(user) -> bool:
    return is_authenticated(user)


def can_manage_feed_tokens(user) -> bool:
    """Every member manages their own links (a token is always the current user's)."""
    return is_authenticated(user)


def can_have_library_feed(user) -> bool:
    """The absences feed of a library: its members."""
    return is_authenticated(user) and user.library_id is not None


PREDICATES = {
    "can_view_agenda": can_view_agenda,
    "can_manage_feed_tokens": can_manage_feed_tokens,
    "can_have_library_feed": can_have_library_feed,
}
