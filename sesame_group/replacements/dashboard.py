"""Dashboard panel of the replacement plan: absences on opening hours still to plan."""

from sesame_group.core.timeutil import utcnow
from sesame_group.replacements import queries
from sesame_group.replacements.permissions import can_view_overview


def panel(user):
    """Coordinator: count across libraries. Librarian: their library's next absences."""
    now = utcnow()
    if can_view_overview(user):
        groups = queries.still_to_plan(now)
        return "replacements/_panel.html", {
            "coordinator": True,
            "to_plan": sum(len(rows) for _lib, rows in groups),
            "libraries": len(groups),
        }
    if user.library_id is None:
        return None
    library = queries.library_with_hours(user.library_id)
    rows = [row for row in queries.plan(library, now) if row.overlaps]
    return "replacements/_panel.html", {
        "coordinator": False,
        "library": library,
        "rows": rows[:5],
        "to_plan": sum(1 for row in rows if row.to_plan),
    }
