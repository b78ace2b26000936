"""Dashboard panel of the partner follow-up."""

from sesame_group.conventions import queries
from sesame_group.conventions.commitments import MISSED
from sesame_group.conventions.periods import ENDING_SOON
from sesame_group.conventions.permissions import can_manage_conventions
from sesame_group.core.timeutil import paris_today


def panel(user):
    """Coordinator: conventions ending soon, unpaid contributions, missed commitments.
    Librarian: their partner's commitments this year."""
    today = paris_today()
    if can_manage_conventions(user):
        rows = queries.follow_ups(today.year, today)
        return "conventions/_panel.html", {
            "coordinator": True,
            "year": today.year,
            "ending_soon": sum(1 for r in rows if r.status == ENDING_SOON),
            "unpaid": sum(1 for r in rows if r.contribution and not r.contribution.is_paid),
            "missed": sum(1 for r in rows if r.report.overall == MISSED),
        }
    if user.library is None:
        return None
    (row,) = queries.follow_ups(today.year, today, partner_ids=[user.library.partner_id])
    return "conventions/_panel.html", {"coordinator": False, "year": today.year, "row": row}
