"""Dashboard panel for actions."""

from sqlalchemy import func, select

from sesame_group.actions.models import (
    ACCEPTED,
    CHANGES_REQUESTED,
    DRAFT,
    SUBMITTED,
    UNDER_REVIEW,
    ActionDate,
    ActionProposal,
)
from sesame_group.actions.queries import pending_count
from sesame_group.core.permissions import is_coordinator, is_librarian
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db


def panel(user):
    """(template, context) for the home page, or None. Two statements."""
    if is_coordinator(user):
        to_review = db.session.scalar(
            select(func.count(ActionProposal.id)).where(
                ActionProposal.status.in_((SUBMITTED, UNDER_REVIEW)),
                ActionProposal.decision.is_(None),
            )
        )
        return "actions/_panel.html", {
            "coordinator": True,
            "to_review": to_review,
            "pending": pending_count(),
        }
    if not is_librarian(user) or user.library_id is None:
        return None
    rows = dict(
        db.session.execute(
            select(ActionProposal.status, func.count(ActionProposal.id))
            .where(ActionProposal.library_id == user.library_id)
            .group_by(ActionProposal.status)
        ).all()
    )
    last_end = (
        select(func.max(ActionDate.ends_at))
        .where(ActionDate.proposal_id == ActionProposal.id, ActionDate.cancelled.is_(False))
        .scalar_subquery()
    )
    to_report = db.session.scalar(
        select(func.count(ActionProposal.id)).where(
            ActionProposal.library_id == user.library_id,
            ActionProposal.status == ACCEPTED,
            last_end <= utcnow(),
        )
    )
    return "actions/_panel.html", {
        "coordinator": False,
        "drafts": rows.get(DRAFT, 0) + rows.get(CHANGES_REQUESTED, 0),
        "waiting": rows.get(SUBMITTED, 0) + rows.get(UNDER_REVIEW, 0),
        "accepted": rows.get(ACCEPTED, 0),
        "to_report": to_report,
    }
