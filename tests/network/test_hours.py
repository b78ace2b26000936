"""Opening hours: UTC intervals, daylight saving, closures, French and English wording."""

from datetime import UTC, date, datetime, time

from flask_babel import force_locale

from sesame_group.network import hours

NNBSP = "\u202f"
TUESDAY_HOURS = [(1, time(9, 30), time(12)), (1, time(14), time(18))]


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_open_intervals_winter_day_is_utc_plus_one(create_library):
    library = create_library(hours=TUESDAY_HOURS)
    assert hours.open_intervals(library, date(2028, 1, 11)) == [
        (utc(2028, 1, 11, 8, 30), utc(2028, 1, 11, 11, 0)),
        (utc(2028, 1, 11, 13, 0), utc(2028, 1, 11, 17, 0)),
    ]


def test_open_intervals_summer_day_is_utc_plus_two(create_library):
    library = create_library(hours=TUESDAY_HOURS)
    assert hours.open_intervals(library, date(2028, 7, 11)) == [
        (utc(2028, 7, 11, 7, 30), utc(2028, 7, 11, 10, 0)),
        (utc(2028, 7, 11, 12, 0), utc(2028, 7, 11, 16, 0)),
    ]


def test_open_intervals_on_spring_forward_sunday(create_library):
    # 26 March 2028: 2 h -> 3 h; a Sunday opening 1 h - 5 h lasts 3 hours
    library = create_library(hours=[(6, time(1), time(5)), (6, time(10), time(12))])
    assert hours.open_intervals(library, date(2028, 3, 26)) == [
        (utc(2028, 3, 26, 0, 0), utc(2028, 3, 26, 3, 0)),
        (utc(2028, 3, 26, 8, 0), utc(2028, 3, 26, 10, 0)),
    ]
    # the Sunday before is still winter time
    assert hours.open_intervals(library, date(2028, 3, 19))[1] == (
        utc(2028, 3, 19, 9, 0),
        utc(2028, 3, 19, 11, 0),
    )


def test_open_intervals_on_fall_back_sunday(create_library):
    # 29 October 2028: 3 h -> 2 h; 10 h - 12 h is 9:00-11:00 UTC that day, 8:00-10:00 before
    library = create_library(hours=[(6, time(10), time(12))])
    assert hours.open_intervals(library, date(2028, 10, 29)) == [
        (utc(2028, 10, 29, 9, 0), utc(2028, 10, 29, 11, 0))
    ]
    assert hours.open_intervals(library, date(2028, 10, 22)) == [
        (utc(2028, 10, 22, 8, 0), utc(2028, 10, 22, 10, 0))
    ]


def test_open_intervals_empty_on_closure_and_closed_day(create_library, add_closure):
    library = create_library(hours=TUESDAY_HOURS)
    add_closure(library, date(2028, 1, 10), date(2028, 1, 12), "Inventaire")
    assert hours.open_intervals(library, date(2028, 1, 11)) == []
    assert hours.open_intervals(library, date(2028, 1, 13)) == []  # Thursday: no hours
    assert len(hours.open_intervals(library, date(2028, 1, 18))) == 2


def test_overlaps_cuts_to_opening_hours_across_days(create_library, add_closure):
    library = create_library(hours=TUESDAY_HOURS)
    # Tuesday 11 Jan 10:00 Paris to Tuesday 18 Jan 10:00 Paris
    parts = hours.overlaps(library, utc(2028, 1, 11, 9, 0), utc(2028, 1, 18, 9, 0))
    assert parts == [
        (utc(2028, 1, 11, 9, 0), utc(2028, 1, 11, 11, 0)),
        (utc(2028, 1, 11, 13, 0), utc(2028, 1, 11, 17, 0)),
        (utc(2028, 1, 18, 8, 30), utc(2028, 1, 18, 9, 0)),
    ]
    add_closure(library, date(2028, 1, 11), date(2028, 1, 11))
    assert hours.overlaps(library, utc(2028, 1, 11, 0), utc(2028, 1, 12, 0)) == []
    assert hours.overlaps(library, utc(2028, 1, 12, 0), utc(2028, 1, 11, 0)) == []


def test_is_open_at_bounds(create_library):
    library = create_library(hours=TUESDAY_HOURS)
    assert hours.is_open_at(library, utc(2028, 1, 11, 8, 30)) is True
    assert hours.is_open_at(library, utc(2028, 1, 11, 8, 29)) is False
    assert hours.is_open_at(library, utc(2028, 1, 11, 11, 0)) is False  # closes at 12 h Paris
    assert hours.is_open_at(library, utc(2028, 1, 11, 12, 0)) is False  # lunch break


def test_is_open_at_around_spring_dst_change(create_library):
    # Monday 9 h - 10 h; clocks go forward on Sunday 26 March 2028
    library = create_library(hours=[(0, time(9), time(10))])
    assert hours.is_open_at(library, utc(2028, 3, 20, 8, 30)) is True  # 9 h 30 CET
    assert hours.is_open_at(library, utc(2028, 3, 27, 8, 30)) is False  # 10 h 30 CEST
    assert hours.is_open_at(library, utc(2028, 3, 27, 7, 30)) is True  # 9 h 30 CEST


def test_describe_week_in_french(app, create_library):
    library = create_library(hours=TUESDAY_HOURS + [(5, time(10), time(12))])
    with app.test_request_context("/?lang=fr"):
        assert hours.describe_week(library) == [
            f"mardi 9{NNBSP}h{NNBSP}30 – 12{NNBSP}h et 14{NNBSP}h – 18{NNBSP}h",
            f"samedi 10{NNBSP}h – 12{NNBSP}h",
        ]
        rows = hours.weekly_hours(library)
        assert [(r["name"], r["text"]) for r in rows][0] == ("lundi", "fermé")


def test_describe_week_in_english(app, create_library):
    library = create_library(hours=TUESDAY_HOURS)
    with app.test_request_context("/?lang=en"), force_locale("en"):
        # the joining word comes from the catalogue (translated by the lead); the rest is Babel
        (line,) = hours.describe_week(library)
        assert line.startswith("Tuesday 09:30 – 12:00 ")
        assert line.endswith(" 14:00 – 18:00")


def test_open_now_open_then_closed_with_next_opening(app, create_library):
    library = create_library(hours=TUESDAY_HOURS)
    with app.test_request_context("/?lang=fr"):
        status = hours.open_now(library, utc(2028, 1, 11, 9, 0))
        assert (status.is_open, status.next_change) == (True, utc(2028, 1, 11, 11, 0))
        assert status.label == f"Ouvert en ce moment — ferme à 12{NNBSP}h"
        status = hours.open_now(library, utc(2028, 1, 11, 11, 30))
        assert (status.is_open, status.next_change) == (False, utc(2028, 1, 11, 13, 0))
        assert status.label == f"Fermé — ouvre aujourd’hui à 14{NNBSP}h"
        status = hours.open_now(library, utc(2028, 1, 13, 10, 0))  # Thursday
        assert status.label == f"Fermé — ouvre mardi à 9{NNBSP}h{NNBSP}30"
        status = hours.open_now(library, utc(2028, 1, 10, 10, 0))  # Monday
        assert status.label == f"Fermé — ouvre demain à 9{NNBSP}h{NNBSP}30"


def test_open_now_during_closure_points_after_it(app, create_library, add_closure):
    library = create_library(hours=TUESDAY_HOURS)
    closure = add_closure(library, date(2028, 1, 10), date(2028, 1, 20), "Travaux")
    with app.test_request_context("/?lang=fr"):
        status = hours.open_now(library, utc(2028, 1, 11, 9, 0))
        assert status.is_open is False
        assert status.closure is closure
        assert status.next_change == utc(2028, 1, 25, 8, 30)
        assert status.label == (
            "Fermé exceptionnellement (Travaux) — "
            f"ouvre le mardi 25 janvier 2028 à 9{NNBSP}h{NNBSP}30"
        )


def test_open_now_around_autumn_dst_change(app, create_library):
    # Sunday 29 October 2028 clocks go back; Monday 30 opens 9 h Paris = 8:00 UTC (not 7:00)
    library = create_library(hours=[(0, time(9), time(12))])
    with app.test_request_context("/?lang=en"), force_locale("en"):
        status = hours.open_now(library, utc(2028, 10, 29, 12, 0))
        assert status.next_change == utc(2028, 10, 30, 8, 0)
        assert status.label.endswith(" 09:00")  # English time format
        assert hours.open_now(library, utc(2028, 10, 30, 7, 30)).is_open is False
        assert hours.open_now(library, utc(2028, 10, 30, 8, 0)).is_open is True


def test_open_now_without_hours(app, create_library):
    library = create_library()
    with app.test_request_context("/"):
        status = hours.open_now(library, utc(2028, 1, 11, 9, 0))
        assert (status.is_open, status.next_change, status.label) == (False, None, "Fermé")


def test_upcoming_closures_skips_past_ones(create_library, add_closure):
    library = create_library()
    add_closure(library, date(2028, 1, 1), date(2028, 1, 5), "Passée")
    later = add_closure(library, date(2028, 3, 1), date(2028, 3, 2), "Plus tard")
    soon = add_closure(library, date(2028, 1, 9), date(2028, 1, 12), "En cours")
    assert hours.upcoming_closures(library, date(2028, 1, 10)) == [soon, later]
