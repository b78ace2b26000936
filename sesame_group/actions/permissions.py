"""Who may do what in actions."""

from sesame_group.actions.models import ACCEPTED, CHANGES_REQUESTED, DRAFT, SUBMITTED, UNDER_REVIEW
from sesame_group.core.permissions import is_authenticated, is_coordinator, is_librarian
from sesame_group.core.timeutil import utcnow

EDITABLE = (DRAFT, CHANGES_REQUESTED)
WITHDRAWABLE = (DRAFT, SUBMITTED, UNDER_REVIEW, CHANGES_REQUESTED)


def _of_library(user, proposal) -> bool:
    """Member of the proposing library (the author's library)."""
    return (
        is_librarian(user)
        and user.library_id is not None
        and user.library_id == proposal.library_id
    )


def can_view_proposals(user) -> bool:
    return is_authenticated(user)


def can_view_proposal(user, proposal) -> bool:
    """Drafts stay inside the proposing library; everything else is visible to members."""
    if proposal.status == DRAFT:
        return _of_library(user, proposal)
    return is_authenticated(user)


def can_propose(user) -> bool:
    return is_librarian(user) and user.library_id is not None


def can_edit_proposal(user, proposal) -> bool:
    return _of_library(user, proposal) and proposal.status in EDITABLE


def can_submit_proposal(user, proposal) -> bool:
    return can_edit_proposal(user, proposal)


def can_withdraw_proposal(user, proposal) -> bool:
    return _of_library(user, proposal) and proposal.status in WITHDRAWABLE


def can_comment_proposal(user, proposal) -> bool:
    return is_authenticated(user) and proposal.status != DRAFT


def can_support_proposal(user, proposal) -> bool:
    """Members of other libraries support a submitted proposal (one support each)."""
    return is_librarian(user) and proposal.status != DRAFT and not _of_library(user, proposal)


def can_see_internal_notes(user, proposal=None) -> bool:
    return is_coordinator(user)


def can_review_proposal(user, proposal=None) -> bool:
    return is_coordinator(user)


def can_manage_dates(user, proposal) -> bool:
    """Reschedule or cancel a date of an accepted action: its library or the coordinator."""
    return (_of_library(user, proposal) or is_coordinator(user)) and proposal.status == ACCEPTED


def can_cancel_action(user, proposal) -> bool:
    return can_manage_dates(user, proposal)


def can_report_action(user, proposal) -> bool:
    """After its last date, the library files the report of an accepted action."""
    if not (_of_library(user, proposal) and proposal.status == ACCEPTED):
        return False
    last_end = proposal.last_end
    return last_end is not None and last_end <= utcnow()


def can_view_programme(user) -> bool:
    return is_authenticated(user)


def can_manage_programme(user) -> bool:
    return is_coordinator(user)


PREDICATES = {
    "can_view_proposal": can_view_proposal,
    "can_propose": can_propose,
    "can_edit_proposal": can_edit_proposal,
    "can_submit_proposal": can_submit_proposal,
    "can_withdraw_proposal": can_withdraw_proposal,
    "can_comment_proposal": can_comment_proposal,
    "can_support_proposal": can_support_proposal,
    "can_see_internal_notes": can_see_internal_notes,
    "can_review_proposal": can_review_proposal,
    "can_manage_dates": can_manage_dates,
    "can_cancel_action": can_cancel_action,
    "can_report_action": can_report_action,
    "can_manage_programme": can_manage_programme,
}
