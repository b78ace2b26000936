"""French typography of dates and times (and the English variant)."""

from datetime import UTC, date, datetime, time

from flask_babel import force_locale

from sesame_group.core import dates

N = "\u202f"  # narrow no-break space


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_jour_in_french():
    assert dates.jour(date(2028, 3, 14)) == "mardi 14 mars 2028"
    assert dates.jour(date(2028, 3, 1)) == "mercredi 1er mars 2028"
    assert dates.jour(date(2028, 3, 1), with_weekday=False) == "1er mars 2028"
    assert dates.jour(date(2028, 3, 2)) == "jeudi 2 mars 2028"


def test_heure_in_french():
    assert dates.heure(time(9, 30)) == f"9{N}h{N}30"
    assert dates.heure(time(17, 0)) == f"17{N}h"
    assert dates.heure(time(0, 5)) == f"0{N}h{N}05"


def test_creneau_in_paris_time_winter_and_summer():
    # 14 March 2028: UTC+1.
    assert (
        dates.creneau(utc(2028, 3, 14, 8, 30), utc(2028, 3, 14, 16, 0))
        == f"mardi 14 mars 2028, 9{N}h{N}30 – 17{N}h"
    )
    # 1 July 2028: UTC+2.
    assert (
        dates.creneau(utc(2028, 7, 1, 7, 0), utc(2028, 7, 1, 10, 15))
        == f"samedi 1er juillet 2028, 9{N}h – 12{N}h{N}15"
    )


def test_creneau_across_days():
    assert (
        dates.creneau(utc(2028, 3, 14, 8, 0), utc(2028, 3, 15, 16, 0))
        == f"du mardi 14 mars 2028, 9{N}h au mercredi 15 mars 2028, 17{N}h"
    )


def test_date_heure_and_day_change_in_paris():
    # 23:30 UTC on 31 March is 1:30 on 1 April in Paris (summer time since 26 March).
    assert dates.date_heure(utc(2028, 3, 31, 23, 30)) == f"samedi 1er avril 2028, 1{N}h{N}30"


def test_plages():
    assert (
        dates.plage_jours(date(2028, 3, 12), date(2028, 3, 14))
        == "du dimanche 12 mars 2028 au mardi 14 mars 2028"
    )
    assert dates.plage_jours(date(2028, 3, 14), date(2028, 3, 14)) == "mardi 14 mars 2028"
    assert dates.plage_heures(time(9, 30), time(12)) == f"9{N}h{N}30 – 12{N}h"


def test_short_forms_and_iso():
    assert dates.jour_court(utc(2028, 3, 14, 23, 30)) == "15/03/2028"
    assert dates.iso(utc(2028, 3, 14, 8, 30)) == "2028-03-14T09:30+01:00"
    assert dates.iso(date(2028, 3, 14)) == "2028-03-14"
    assert dates.weekday_name(0) == "lundi"
    assert dates.weekday_name(6) == "dimanche"


def test_english_variants():
    with force_locale("en"):
        assert dates.jour(date(2028, 3, 14)) == "Tuesday 14 March 2028"
        assert dates.heure(time(9, 30)) == "09:30"
        assert (
            dates.creneau(utc(2028, 3, 14, 8, 30), utc(2028, 3, 14, 16, 0))
            == "Tuesday 14 March 2028, 09:30 – 17:00"
        )
        assert dates.weekday_name(0) == "Monday"


def test_filters_in_templates(app):
    rendered = app.jinja_env.from_string("{{ d | jour }} / {{ s | creneau(e) }}").render(
        d=date(2028, 3, 1), s=utc(2028, 3, 14, 8, 30), e=utc(2028, 3, 14, 16, 0)
    )
    assert rendered == f"mercredi 1er mars 2028 / mardi 14 mars 2028, 9{N}h{N}30 – 17{N}h"
