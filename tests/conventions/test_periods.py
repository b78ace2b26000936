"""Convention calendar rules: renewals, end date, status, notice periods."""

from datetime import date
from types import SimpleNamespace

import pytest

from sesame_group.conventions import periods


def convention(signed_on, terminated_on=None, max_years=3):
    return SimpleNamespace(signed_on=signed_on, terminated_on=terminated_on, max_years=max_years)


def test_three_yearly_periods_from_the_last_signature():
    assert periods.periods(date(2023, 3, 14)) == [
        (date(2023, 3, 14), date(2024, 3, 13)),
        (date(2024, 3, 14), date(2025, 3, 13)),
        (date(2025, 3, 14), date(2026, 3, 13)),
    ]
    assert periods.natural_end(date(2023, 3, 14)) == date(2026, 3, 13)


def test_signature_on_29_february_renews_on_28_february():
    assert periods.periods(date(2024, 2, 29))[1] == (date(2025, 2, 28), date(2026, 2, 27))


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2023, 3, 13), "not_started"),
        (date(2023, 3, 14), "active"),
        (date(2026, 1, 11), "active"),
        (date(2026, 1, 12), "ending_soon"),  # 60 days before 13 March 2026
        (date(2026, 3, 13), "ending_soon"),
        (date(2026, 3, 14), "ended"),
    ],
)
def test_status_on(today, expected):
    assert periods.status_on(convention(date(2023, 3, 14)), today) == expected


def test_terminated_convention_ends_on_its_termination_date():
    terminated = convention(date(2023, 3, 14), terminated_on=date(2024, 6, 30))
    assert periods.end_date(terminated) == date(2024, 6, 30)
    assert periods.status_on(terminated, date(2024, 6, 30)) == "ending_soon"
    assert periods.status_on(terminated, date(2024, 7, 1)) == "terminated"


def test_covers_year_keeps_the_year_the_convention_ends():
    ended = convention(date(2023, 3, 14))
    assert [y for y in range(2022, 2028) if periods.covers_year(ended, y)] == [
        2023,
        2024,
        2025,
        2026,
    ]


def test_notice_periods():
    assert periods.earliest_termination("amicable", date(2024, 12, 31)) == date(2025, 2, 28)
    assert periods.earliest_termination("formal_notice", date(2024, 12, 31)) == date(2025, 1, 30)
