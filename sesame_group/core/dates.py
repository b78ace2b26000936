"""French (and English) date and time formatting: « mardi 14 mars 2028, 9 h 30 – 17 h »."""

from datetime import date, datetime, time

from babel.dates import format_date as babel_date
from flask_babel import get_locale

from sesame_group.core.timeutil import to_paris

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"
EN_DASH = "\u2013"


def _lang() -> str:
    locale = get_locale()
    return locale.language if locale else "fr"


def _local(value):
    return to_paris(value) if isinstance(value, datetime) else value


def heure(value) -> str:
    """08:30 UTC in March -> « 9 h 30 »; 15:00 -> « 16 h »; English « 09:30 »."""
    local = _local(value)
    if isinstance(local, datetime):
        local = local.time()
    if _lang() != "fr":
        return f"{local.hour:02d}:{local.minute:02d}"
    minutes = "" if local.minute == 0 else f"{NNBSP}{local.minute:02d}"
    return f"{local.hour}{NNBSP}h{minutes}"


def jour(value, with_weekday: bool = True) -> str:
    """« mardi 14 mars 2028 », « 1er » on day 1; « Tuesday 14 March 2028 » in English."""
    day = _local(value)
    if isinstance(day, datetime):
        day = day.date()
    lang = _lang()
    if lang == "fr":
        number = "1er" if day.day == 1 else str(day.day)
        month_year = babel_date(day, "MMMM y", locale="fr")
        text = f"{number} {month_year}"
        if with_weekday:
            text = f"{babel_date(day, 'EEEE', locale='fr')} {text}"
        return text
    pattern = "EEEE d MMMM y" if with_weekday else "d MMMM y"
    return babel_date(day, pattern, locale="en")


def jour_court(value) -> str:
    """Tables and forms: « 14/03/2028 » (English « 14/03/2028 » too, day first)."""
    day = _local(value)
    if isinstance(day, datetime):
        day = day.date()
    return day.strftime("%d/%m/%Y")


def date_heure(value) -> str:
    """« mardi 14 mars 2028, 9 h 30 »."""
    return f"{jour(value)}, {heure(value)}"


def creneau(start: datetime, end: datetime) -> str:
    """« mardi 14 mars 2028, 9 h 30 – 17 h », or « du …, … au …, … » across days."""
    local_start, local_end = _local(start), _local(end)
    if local_start.date() == local_end.date():
        return f"{jour(start)}, {heure(start)} {EN_DASH} {heure(end)}"
    if _lang() == "fr":
        return f"du {jour(start)}, {heure(start)} au {jour(end)}, {heure(end)}"
    return f"from {jour(start)}, {heure(start)} to {jour(end)}, {heure(end)}"


def plage_jours(first: date, last: date) -> str:
    """« du 12 au 14 mars 2028 » / « 12 mars 2028 » for one day."""
    if first == last:
        return jour(first)
    if _lang() == "fr":
        return f"du {jour(first)} au {jour(last)}"
    return f"from {jour(first)} to {jour(last)}"


def plage_heures(opens: time, closes: time) -> str:
    """« 9 h 30 – 12 h »."""
    return f"{heure(opens)} {EN_DASH} {heure(closes)}"


def iso(value) -> str:
    """datetime attribute of <time>: local time with offset, or a bare date."""
    local = _local(value)
    if isinstance(local, datetime):
        return local.isoformat(timespec="minutes")
    return local.isoformat()


def weekday_name(index: int) -> str:
    """0 -> « lundi » / « Monday »."""
    return babel_date(date(2024, 1, 1 + index), "EEEE", locale=_lang())


FILTERS = {
    "heure": heure,
    "jour": jour,
    "jour_court": jour_court,
    "date_heure": date_heure,
    "creneau": creneau,
    "plage_jours": plage_jours,
    "plage_heures": plage_heures,
    "iso": iso,
    "weekday_name": weekday_name,
}
