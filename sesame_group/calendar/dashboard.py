"""Dashboard panel of the calendar: my next events, and where to subscribe."""

from sesame_group.calendar import queries
from sesame_group.calendar.permissions import can_view_agenda
from sesame_group.core.timeutil import utcnow

SHOWN = 5


def panel(user):
    """(template, context) for the home page, or None."""
    if not can_view_agenda(user):
        return None
    events = queries.agenda_events(user, utcnow())
    return "calendar/_panel.html", {"events": events[:SHOWN], "total": len(events)}
