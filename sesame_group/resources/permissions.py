"""Who may do what in resources."""

from sesame_group.core.permissions import (
    is_authenticated,
    is_coordinator,
    is_librarian,
    is_member_of,
)
from sesame_group.core.timeutil import paris_today
from sesame_group.resources.models import CLOSED


def can_view_resources(user) -> bool:
    return is_authenticated(user)


def can_manage_resources(user) -> bool:
    """Catalogue, campaigns, reminders, raw evaluations: the coordinator."""
    return is_coordinator(user)


def can_see_cost(user) -> bool:
    return is_coordinator(user)


def can_evaluate(user) -> bool:
    """Librarians evaluate for their own library."""
    return is_librarian(user) and user.library_id is not None


def can_view_library_progress(user, library) -> bool:
    return is_coordinator(user) or is_member_of(user, library)


def can_view_results(user, campaign) -> bool:
    """The coordinator sees results live; members once the campaign is closed."""
    if is_coordinator(user):
        return True
    return is_authenticated(user) and campaign.phase(paris_today()) == CLOSED


PREDICATES = {
    "can_view_resources": can_view_resources,
    "can_manage_resources": can_manage_resources,
    "can_see_resource_cost": can_see_cost,
    "can_evaluate_resources": can_evaluate,
    "can_view_library_progress": can_view_library_progress,
    "can_view_campaign_results": can_view_results,
}
