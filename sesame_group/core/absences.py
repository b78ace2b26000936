"""What trainings and meetings tell the replacement plan: a member away for a group event."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Absence:
    """One member away for one event occurrence (a training day, a meeting).

    key: stable for ever, e.g. "training-day-12:user-5"; the replacement plan stores its
    status against it. start/end: aware UTC datetimes.
    """

    key: str
    kind: str  # "training" | "meeting"
    user_id: int
    user_name: str
    library_id: int
    start: datetime
    end: datetime
    title: str
    link: str  # relative URL of the event page
    updated_at: datetime
