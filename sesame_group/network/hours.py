"""Opening hours arithmetic: wall-clock ranges in Europe/Paris to UTC intervals, French wording.

Pure functions over a library whose `opening_hours` and `closures` are already loaded (use
`selectinload` for many libraries): nothing here runs a query. Wall-clock times are turned into
instants for each Paris day, so daylight saving is handled day by day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _

from sesame_group.core.dates import heure, jour, plage_heures, weekday_name
from sesame_group.core.timeutil import as_utc, paris_to_utc, to_paris, utcnow

# How far ahead open_now() looks for the next opening (closures last at most a year).
LOOKAHEAD_DAYS = 400


def day_ranges(library, weekday: int) -> list[tuple[time, time]]:
    """Wall-clock ranges of one weekday (0 = lundi), sorted and merged when they touch."""
    ranges = sorted((h.opens, h.closes) for h in library.opening_hours if h.weekday == weekday)
    merged: list[tuple[time, time]] = []
    for opens, closes in ranges:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def closure_on(library, day: date):
    """The closure covering that Paris day, or None."""
    for closure in library.closures:
        if closure.starts_on <= day <= closure.ends_on:
            return closure
    return None


def open_intervals(library, day: date) -> list[tuple[datetime, datetime]]:
    """Aware UTC intervals when the library is open to the public on that Paris day."""
    if closure_on(library, day) is not None:
        return []
    return [
        (paris_to_utc(datetime.combine(day, opens)), paris_to_utc(datetime.combine(day, closes)))
        for opens, closes in day_ranges(library, day.weekday())
    ]


def overlaps(library, start_utc: datetime, end_utc: datetime) -> list[tuple[datetime, datetime]]:
    """The parts of [start_utc, end_utc) that fall on the library's opening hours (UTC)."""
    start, end = as_utc(start_utc), as_utc(end_utc)
    if end <= start:
        return []
    parts = []
    day, last = to_paris(start).date(), to_paris(end).date()
    while day <= last:
        for opens, closes in open_intervals(library, day):
            lo, hi = max(opens, start), min(closes, end)
            if lo < hi:
                parts.append((lo, hi))
        day += timedelta(days=1)
    return parts


def is_open_at(library, when_utc: datetime) -> bool:
    when = as_utc(when_utc)
    return any(
        opens <= when < closes for opens, closes in open_intervals(library, to_paris(when).date())
    )


# -- Wording -------------------------------------------------------------------------------


def describe_ranges(ranges: list[tuple[time, time]]) -> str:
    """« 9 h 30 – 12 h et 14 h – 18 h » (English « 09:30 – 12:00 and 14:00 – 18:00 »)."""
    texts = [plage_heures(opens, closes) for opens, closes in ranges]
    if len(texts) <= 1:
        return "".join(texts)
    return _("%(first)s et %(last)s", first=", ".join(texts[:-1]), last=texts[-1])


def weekly_hours(library) -> list[dict]:
    """Seven rows, lundi first: {weekday, name, ranges, text}; text is « fermé » on closed days."""
    rows = []
    for weekday in range(7):
        ranges = day_ranges(library, weekday)
        rows.append(
            {
                "weekday": weekday,
                "name": weekday_name(weekday),
                "ranges": ranges,
                "text": describe_ranges(ranges) if ranges else _("fermé"),
            }
        )
    return rows


def describe_week(library) -> list[str]:
    """Only the open days: [« mardi 9 h 30 – 12 h et 14 h – 18 h », …]."""
    return [f"{row['name']} {row['text']}" for row in weekly_hours(library) if row["ranges"]]


def upcoming_closures(library, today: date) -> list:
    """Closures not over yet, soonest first."""
    return sorted((c for c in library.closures if c.ends_on >= today), key=lambda c: c.starts_on)


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    next_change: datetime | None  # aware UTC: closing time when open, next opening when closed
    closure: object | None  # the closure in force today, if any
    label: str  # « Ouvert en ce moment — ferme à 12 h » / « Fermé — ouvre mardi à 9 h 30 »


def _when_text(moment: datetime, now: datetime) -> str:
    local, today = to_paris(moment), to_paris(now).date()
    delta = (local.date() - today).days
    if delta == 0:
        return _("aujourd’hui à %(time)s", time=heure(moment))
    if delta == 1:
        return _("demain à %(time)s", time=heure(moment))
    if delta < 7:
        return _(
            "%(weekday)s à %(time)s", weekday=weekday_name(local.weekday()), time=heure(moment)
        )
    return _("le %(day)s à %(time)s", day=jour(local.date()), time=heure(moment))


def next_opening(library, now_utc: datetime) -> datetime | None:
    """The next opening instant strictly after now (None when no hours within the lookahead)."""
    if not library.opening_hours:
        return None
    now = as_utc(now_utc)
    day = to_paris(now).date()
    for offset in range(LOOKAHEAD_DAYS):
        for opens, _closes in open_intervals(library, day + timedelta(days=offset)):
            if opens > now:
                return opens
    return None


def open_now(library, now_utc: datetime | None = None) -> OpenStatus:
    """Open or closed at `now_utc` (default: now), with the next change and a French label."""
    now = as_utc(now_utc or utcnow())
    today = to_paris(now).date()
    for opens, closes in open_intervals(library, today):
        if opens <= now < closes:
            label = _("Ouvert en ce moment — ferme à %(time)s", time=heure(closes))
            return OpenStatus(True, closes, None, label)
    closure = closure_on(library, today)
    upcoming = next_opening(library, now)
    if closure is not None and upcoming is not None:
        label = _(
            "Fermé exceptionnellement (%(reason)s) — ouvre %(when)s",
            reason=closure.reason,
            when=_when_text(upcoming, now),
        )
    elif closure is not None:
        label = _("Fermé exceptionnellement (%(reason)s)", reason=closure.reason)
    elif upcoming is None:
        label = _("Fermé")
    else:
        label = _("Fermé — ouvre %(when)s", when=_when_text(upcoming, now))
    return OpenStatus(False, upcoming, closure, label)
