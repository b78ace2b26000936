"""Loading and error helpers shared by the meetings views."""

from flask import flash
from flask_login import current_user

from sesame_group.core.errors import DomainError
from sesame_group.core.permissions import require
from sesame_group.extensions import db
from sesame_group.meetings.models import Meeting
from sesame_group.meetings.permissions import can_manage_meetings


def load_meeting(meeting_id: int) -> Meeting:
    """The meeting or 404."""
    return db.get_or_404(Meeting, meeting_id)


def load_managed(meeting_id: int) -> Meeting:
    """The meeting or 404, then coordinator or 403."""
    meeting = load_meeting(meeting_id)
    require(can_manage_meetings(current_user))
    return meeting


def failed(form, error: DomainError) -> None:
    """Roll back and show the service's message next to its field (or as a flash)."""
    db.session.rollback()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")
