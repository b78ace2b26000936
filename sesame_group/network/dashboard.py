"""Dashboard panel: my library open now and its next closure; the coordinator's closures today."""

from sesame_group.core.timeutil import paris_today
from sesame_group.network import hours, queries
from sesame_group.network.permissions import can_manage_network


def panel(user):
    """Librarian: open-now status and next closure of their library. Coordinator: how many
    libraries are closed today for an exceptional closure."""
    today = paris_today()
    if can_manage_network(user):
        return "network/_panel.html", {
            "coordinator": True,
            "closed_today": queries.closures_on(today),
        }
    if getattr(user, "library_id", None) is None:
        return None
    library = queries.library_detail(user.library_id)
    if library is None:
        return None
    closures = hours.upcoming_closures(library, today)
    return "network/_panel.html", {
        "coordinator": False,
        "library": library,
        "status": hours.open_now(library),
        "next_closure": closures[0] if closures else None,
    }
