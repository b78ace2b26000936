"""Who may see and update replacement plans."""

from sesame_group.core.permissions import is_coordinator, is_member_of


def can_view_plan(user, library) -> bool:
    """The library's members and the coordinator."""
    return is_coordinator(user) or is_member_of(user, library)


def can_update_replacement(user, library) -> bool:
    """Members of the library plan their own replacements."""
    return is_member_of(user, library)


def can_view_overview(user) -> bool:
    """Absences still to plan across libraries: the coordinator."""
    return is_coordinator(user)


PREDICATES = {
    "can_view_plan": can_view_plan,
    "can_update_replacement": can_update_replacement,
    "can_view_overview": can_view_overview,
}
