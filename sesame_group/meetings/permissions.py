"""Who may do what in meetings."""

from sesame_group.core.permissions import is_authenticated, is_coordinator
from sesame_group.meetings.models import DRAFT


def can_manage_meetings(user) -> bool:
    """Create, edit, announce, cancel; answers, attendance, minutes, documents."""
    return is_coordinator(user)


def can_view_meeting(user, meeting) -> bool:
    """Drafts stay with the coordinators; every member sees the others."""
    return is_coordinator(user) or (is_authenticated(user) and meeting.status != DRAFT)


def can_answer_invitation(user, invitation) -> bool:
    return is_authenticated(user) and invitation is not None and invitation.user_id == user.id


def can_read_minutes(user, meeting) -> bool:
    return is_coordinator(user) or (
        can_view_meeting(user, meeting) and meeting.minutes_published_at is not None
    )


def can_download_document(user, document) -> bool:
    """Members only: any signed-in member who may see the meeting."""
    return can_view_meeting(user, document.meeting)


PREDICATES = {
    "can_manage_meetings": can_manage_meetings,
    "can_view_meeting": can_view_meeting,
    "can_answer_invitation": can_answer_invitation,
    "can_read_minutes": can_read_minutes,
    "can_download_document": can_download_document,
}
