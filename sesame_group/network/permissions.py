"""Who may manage partners and libraries."""

from sesame_group.core.permissions import is_authenticated, is_coordinator, is_member_of


def can_manage_network(user) -> bool:
    """Create and edit partners and libraries: the coordinator only."""
    return is_coordinator(user)


def can_view_network(user) -> bool:
    """Partner and library pages are open to every member."""
    return is_authenticated(user)


def can_view_library(user, library) -> bool:
    return is_authenticated(user)


def can_edit_library_hours(user, library) -> bool:
    """The coordinator, or the library's own librarians (hours and closures only)."""
    return is_coordinator(user) or is_member_of(user, library)


PREDICATES = {
    "can_manage_network": can_manage_network,
    "can_view_network": can_view_network,
    "can_view_library": can_view_library,
    "can_edit_library_hours": can_edit_library_hours,
}
