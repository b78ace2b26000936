"""Jinja helpers of the meetings templates."""

from sesame_group.meetings.labels import answer_label, kind_label, status_label

GLOBALS = {
    "meeting_kind_label": kind_label,
    "meeting_status_label": status_label,
    "meeting_answer_label": answer_label,
}
