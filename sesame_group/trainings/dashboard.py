"""Dashboard panel for trainings: my next trainings; for the coordinator, what needs doing."""

from sesame_group.core.permissions import is_coordinator
from sesame_group.trainings import queries


def panel(user):
    """(template, context) for the home page, or None."""
    if is_coordinator(user):
        return "trainings/_panel.html", dict(coordinator=True, **queries.coordinator_overview())
    if user.role == "librarian":
        return "trainings/_panel.html", {"coordinator": False, "next": queries.next_trainings(user)}
    return None
