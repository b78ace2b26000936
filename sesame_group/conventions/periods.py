"""Convention calendar rules, pure functions: renewals, end date, status on a given day."""

from datetime import date, timedelta

ENDING_SOON_DAYS = 60
AMICABLE_NOTICE_MONTHS = 2
FORMAL_NOTICE_DAYS = 30

ACTIVE, ENDING_SOON, ENDED, TERMINATED, NOT_STARTED = (
    "active",
    "ending_soon",
    "ended",
    "terminated",
    "not_started",
)
STATUSES = (ACTIVE, ENDING_SOON, ENDED, TERMINATED, NOT_STARTED)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def periods(signed_on: date, max_years: int = 3) -> list[tuple[date, date]]:
    """Yearly periods [start, end] inclusive: the first year, then tacit renewals."""
    return [
        (add_years(signed_on, n), add_years(signed_on, n + 1) - timedelta(days=1))
        for n in range(max_years)
    ]


def natural_end(signed_on: date, max_years: int = 3) -> date:
    """Last day covered when nobody terminates it."""
    return periods(signed_on, max_years)[-1][1]


def end_date(convention) -> date:
    """Last day covered: the termination date when terminated earlier, else the natural end."""
    natural = natural_end(convention.signed_on, convention.max_years)
    if convention.terminated_on and convention.terminated_on <= natural:
        return convention.terminated_on
    return natural


def status_on(convention, today: date) -> str:
    if today < convention.signed_on:
        return NOT_STARTED
    if convention.terminated_on and convention.terminated_on < today:
        return TERMINATED
    last = end_date(convention)
    if today > last:
        return ENDED
    if (last - today).days <= ENDING_SOON_DAYS:
        return ENDING_SOON
    return ACTIVE


def covers_year(convention, year: int) -> bool:
    """True when the convention is in force at least one day of `year`."""
    return convention.signed_on <= date(year, 12, 31) and end_date(convention) >= date(year, 1, 1)


def earliest_termination(kind: str, notice_on: date) -> date:
    """Amicable: two months' notice; formal notice left unanswered: thirty days."""
    if kind == "amicable":
        return add_months(notice_on, AMICABLE_NOTICE_MONTHS)
    return notice_on + timedelta(days=FORMAL_NOTICE_DAYS)
