"""Reads over the agenda sources (trainings, meetings, actions), merged and sorted."""

from datetime import date, datetime, time, timedelta

from sesame_group.calendar import sources
from sesame_group.core.timeutil import as_utc, paris_to_utc, to_paris


def instant(value) -> datetime:
    """Comparable start: aware UTC; an all-day date counts from Paris midnight."""
    if isinstance(value, datetime):
        return as_utc(value)
    return paris_to_utc(datetime.combine(value, time()))


def ordered(events) -> list:
    """One event per UID (first wins), by start then UID: same data, same order."""
    seen, unique = set(), []
    for event in events:
        if event.uid not in seen:
            seen.add(event.uid)
            unique.append(event)
    return sorted(unique, key=lambda e: (instant(e.start), e.uid))


def public_events(since: datetime, names=sources.AGENDA) -> list:
    return ordered(e for _n, m in sources.modules(names) for e in m.public_events(since))


def personal_events(user, since: datetime, names=sources.AGENDA) -> list:
    return ordered(e for _n, m in sources.modules(names) for e in m.personal_events(user, since))


def fingerprints(user=None, names=sources.AGENDA) -> tuple:
    return tuple((name, module.fingerprint(user)) for name, module in sources.modules(names))


def days_of(event) -> list[date]:
    """The Paris days an event covers (all-day ends are exclusive)."""
    if isinstance(event.start, datetime):
        first = to_paris(event.start).date()
        last = to_paris(event.end - timedelta(microseconds=1)).date()
    else:
        first, last = event.start, event.end - timedelta(days=1)
    last = max(first, last)
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


def _item_uid(absence_key: str) -> str:
    from flask import current_app

    return f"{absence_key.split(':', 1)[0]}@{current_app.config['SERVER_HOST']}"


def agenda_events(user, since: datetime, kind: str = "", scope: str = "") -> list:
    """What the agenda shows a member: the group's events with their own version of those
    they take part in (waiting list, cancelled); `scope` mine / library narrows it down."""
    mine = personal_events(user, since)
    events = mine if scope == "mine" else ordered([*mine, *public_events(since)])
    if scope == "library":
        uids = library_uids(user, since, mine)
        events = [e for e in events if e.uid in uids]
    if kind:
        events = [e for e in events if e.kind == kind]
    return events


def library_uids(user, since: datetime, mine: list) -> set[str]:
    """Events someone of the user's library attends, and the library's own actions."""
    if user.library_id is None:
        return set()
    uids = {e.uid for e in mine if e.kind == "action"}
    for _name, module in sources.modules(sources.ABSENCES):
        uids |= {_item_uid(a.key) for a in module.absences([user.library_id], since)}
    return uids


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) covering a month, as lists of seven dates."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    end = last + timedelta(days=6 - last.weekday())
    days = [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]
    return [days[i : i + 7] for i in range(0, len(days), 7)]


def by_day(events, first: date, last: date) -> dict[date, list]:
    """Events of each day between first and last (inclusive), in agenda order."""
    grid: dict[date, list] = {}
    for event in events:
        for day in days_of(event):
            if first <= day <= last:
                grid.setdefault(day, []).append(event)
    return grid
