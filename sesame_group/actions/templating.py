"""Jinja helpers of the actions templates."""

from sesame_group.actions.labels import (
    AUDIENCE_LABELS,
    DECISION_LABELS,
    FORMAT_LABELS,
    status_badge,
    status_label,
)
from sesame_group.core.markdown import plain_text


def audience_label(code: str) -> str:
    return str(AUDIENCE_LABELS.get(code, code))


def format_label(code: str) -> str:
    return str(FORMAT_LABELS.get(code, code))


def decision_label(code: str) -> str:
    return str(DECISION_LABELS.get(code, code))


def month_name(month: int, year: int) -> str:
    """« mars 2028 » / « March 2028 »."""
    from datetime import date

    from babel.dates import format_date
    from flask_babel import get_locale

    locale = get_locale()
    return format_date(date(year, month, 1), "MMMM y", locale=locale.language if locale else "fr")


GLOBALS = {
    "plain_text": plain_text,
    "month_name": month_name,
    "action_status_label": status_label,
    "action_status_badge": status_badge,
    "action_audience_label": audience_label,
    "action_format_label": format_label,
    "action_decision_label": decision_label,
}
