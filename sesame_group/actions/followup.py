"""What the conventions domain reads about cultural actions (contract in TEAM.md)."""

from sqlalchemy import select

from sesame_group.actions.models import (
    ACCEPTED,
    COMPLETED,
    DRAFT,
    WITHDRAWN,
    ActionProposal,
    action_partner_libraries,
)
from sesame_group.actions.queries import _dated_in
from sesame_group.extensions import db
from sesame_group.network.models import Library


def action_counts(year: int) -> dict[int, dict]:
    """{partner_id: {proposed, accepted, completed}} for proposals with a date in `year`.

    proposed: submitted and not withdrawn (whatever the decision); accepted: accepted or
    completed; completed: report filed. A joint action counts for every partner involved, once.
    Two statements.
    """
    rows = db.session.execute(
        select(ActionProposal.id, ActionProposal.status, Library.partner_id)
        .join(Library, Library.id == ActionProposal.library_id)
        .where(ActionProposal.status.not_in((DRAFT, WITHDRAWN)), _dated_in(year))
    ).all()
    if not rows:
        return {}
    status_of = {row.id: row.status for row in rows}
    pairs = {(row.id, row.partner_id) for row in rows}
    joint = db.session.execute(
        select(action_partner_libraries.c.proposal_id, Library.partner_id)
        .join(Library, Library.id == action_partner_libraries.c.library_id)
        .where(action_partner_libraries.c.proposal_id.in_(list(status_of)))
    ).all()
    pairs |= {(proposal_id, partner_id) for proposal_id, partner_id in joint}
    result: dict[int, dict] = {}
    for proposal_id, partner_id in sorted(pairs):
        counts = result.setdefault(partner_id, {"proposed": 0, "accepted": 0, "completed": 0})
        status = status_of[proposal_id]
        counts["proposed"] += 1
        counts["accepted"] += status in (ACCEPTED, COMPLETED)
        counts["completed"] += status == COMPLETED
    return result
