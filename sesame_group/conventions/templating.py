"""Jinja helpers of the partner follow-up templates."""

from sesame_group.conventions import periods
from sesame_group.conventions.labels import status_badge, status_label


def convention_status(convention) -> str:
    from sesame_group.core.timeutil import paris_today

    return periods.status_on(convention, paris_today())


def convention_periods(convention):
    return periods.periods(convention.signed_on, convention.max_years)


GLOBALS = {
    "status_label": status_label,
    "status_badge": status_badge,
    "convention_status": convention_status,
    "convention_periods": convention_periods,
    "convention_end": periods.end_date,
}
