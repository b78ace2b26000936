"""Dashboard panel for meetings: my pending invitations; coordinators: answer rates."""

from sesame_group.core.permissions import is_authenticated, is_coordinator
from sesame_group.core.timeutil import utcnow
from sesame_group.meetings import queries


def panel(user):
    """(template, context) for the home page, or None; 1 or 2 queries."""
    if not is_authenticated(user):
        return None
    now = utcnow()
    if is_coordinator(user):
        meetings = queries.upcoming_announced(now)
        counts = queries.answer_counts([m.id for m in meetings])
        return "meetings/_panel.html", {"coordinator": True, "meetings": meetings, "counts": counts}
    return "meetings/_panel.html", {
        "coordinator": False,
        "pending": queries.pending_invitations(user, now),
    }
