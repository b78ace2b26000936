"""Loading and error helpers shared by the meetings views."""

from functools import partial

from flask_login import current_user

from sesame_group.core.forms import show_domain_error
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


# A refused service call: message next to its field, else a flash.
failed = partial(show_domain_error, fallback="flash")
