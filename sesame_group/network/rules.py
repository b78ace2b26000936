"""Validation rules shared by the forms and the services (messages in French)."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from flask_babel import gettext as _

from sesame_group.core.timeutil import paris_today

MAX_RANGES = 28  # four ranges a day, every day
MAX_CLOSURE_DAYS = 366
COMMUNE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
SIREN = re.compile(r"^\d{9}$")


def insee_code_error(kind: str, code: str) -> str | None:
    """Commune: INSEE code, 5 characters (2A/2B for Corsica); EPCI: SIREN, 9 digits."""
    if kind == "commune" and not COMMUNE_CODE.match(code):
        return _("Le code INSEE d’une commune compte 5 caractères (ex. 16073, 2A004).")
    if kind in ("cc", "ca") and not SIREN.match(code):
        return _("Le SIREN d’un EPCI compte 9 chiffres (ex. 200070548).")
    return None


def population_year_error(year: int | None) -> str | None:
    if year is None or not 1990 <= year <= paris_today().year:
        return _("L’année doit être comprise entre 1990 et %(year)d.", year=paris_today().year)
    return None


def url_error(url: str) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in "<>\"' "):
        return _("Adresse web invalide : elle commence par https:// ou http://.")
    return None


def closure_error(starts_on: date | None, ends_on: date | None) -> str | None:
    if starts_on is None or ends_on is None:
        return None
    if ends_on < starts_on:
        return _("La fin de la fermeture doit suivre son début.")
    if ends_on - starts_on >= timedelta(days=MAX_CLOSURE_DAYS):
        return _("Une fermeture dure un an au plus.")
    return None


def overlap_errors(rows) -> list[tuple[object, str]]:
    """rows: [(key, weekday, opens, closes)] -> [(key, message)] for each range overlapping an
    earlier one of the same day."""
    errors = []
    latest_close: dict[int, object] = {}
    for key, weekday, opens, closes in sorted(rows, key=lambda r: (r[1], r[2], r[3])):
        if weekday in latest_close and opens < latest_close[weekday]:
            errors.append((key, _("Cette plage chevauche une autre plage du même jour.")))
        latest_close[weekday] = max(closes, latest_close.get(weekday, closes))
    return errors
