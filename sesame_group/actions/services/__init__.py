"""Business rules of cultural action proposals: workflow, decisions, comments, dates, report.

Services flush, never commit; mail goes through the outbox, audit entries for the
coordinator's actions, in the caller's transaction.
"""

from sesame_group.actions.services.dates import cancel_date, reschedule_date
from sesame_group.actions.services.discussion import add_comment, toggle_support
from sesame_group.actions.services.proposals import (
    FIELDS,
    DateInput,
    create_proposal,
    set_budget,
    update_proposal,
)
from sesame_group.actions.services.workflow import (
    EDITABLE,
    TRANSITIONS,
    announce_decision,
    announce_pending,
    cancel_action,
    file_report,
    pending_decisions_query,
    record_decision,
    request_changes,
    start_review,
    submit_proposal,
    transition,
    withdraw_proposal,
)

__all__ = [
    "EDITABLE",
    "FIELDS",
    "TRANSITIONS",
    "DateInput",
    "add_comment",
    "announce_decision",
    "announce_pending",
    "cancel_action",
    "cancel_date",
    "create_proposal",
    "file_report",
    "pending_decisions_query",
    "record_decision",
    "request_changes",
    "reschedule_date",
    "set_budget",
    "start_review",
    "submit_proposal",
    "toggle_support",
    "transition",
    "update_proposal",
    "withdraw_proposal",
]
