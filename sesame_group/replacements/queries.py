"""Absences of library staff compared with opening hours; the library feed's events.

Every function runs a fixed number of statements whatever the number of absences.
"""

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from sesame_group.accounts.models import User
from sesame_group.calendar import queries as agenda
from sesame_group.calendar import sources
from sesame_group.core.absences import Absence
from sesame_group.core.dates import EN_DASH, heure
from sesame_group.core.ical import CalendarEvent, event_uid
from sesame_group.core.timeutil import to_paris
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db
from sesame_group.network import hours
from sesame_group.network.models import Library
from sesame_group.replacements.models import ARRANGED, NOT_NEEDED, TO_PLAN, Replacement

NO_OVERLAP = "none"


@dataclass(frozen=True)
class PlanRow:
    absence: Absence
    overlaps: list  # [(start_utc, end_utc)] on public opening hours
    replacement: Replacement | None

    @property
    def status(self) -> str:
        """to_plan / arranged / not_needed, or « none » off opening hours."""
        if not self.overlaps:
            return NO_OVERLAP
        return self.replacement.status if self.replacement else TO_PLAN

    @property
    def to_plan(self) -> bool:
        return self.status == TO_PLAN


def library_with_hours(library_id: int) -> Library | None:
    """The library with its opening hours and closures loaded (3 statements)."""
    query = (
        select(Library)
        .where(Library.id == library_id)
        .options(selectinload(Library.opening_hours), selectinload(Library.closures))
    )
    return db.session.scalar(query)


def absences(library_ids: list[int] | None, since: datetime) -> list[Absence]:
    """Absences ending on or after `since` from every absence source, by start then key."""
    found = [
        a
        for _n, module in sources.modules(sources.ABSENCES)
        for a in module.absences(library_ids, since)
    ]
    return sorted(found, key=lambda a: (a.start, a.key))


def _replacements(keys) -> dict[str, Replacement]:
    if not keys:
        return {}
    query = select(Replacement).where(Replacement.absence_key.in_(sorted(keys)))
    return {r.absence_key: r for r in db.session.scalars(query)}


def plan(library: Library, since: datetime) -> list[PlanRow]:
    """The library's absences from `since` on, each with its overlaps and replacement."""
    found = absences([library.id], since)
    known = _replacements({a.key for a in found})
    return [PlanRow(a, hours.overlaps(library, a.start, a.end), known.get(a.key)) for a in found]


def still_to_plan(since: datetime) -> list[tuple[Library, list[PlanRow]]]:
    """Coordinator overview: per library (by name), absences on opening hours to plan."""
    found = absences(None, since)
    ids = sorted({a.library_id for a in found})
    libraries = {}
    if ids:
        query = (
            select(Library)
            .where(Library.id.in_(ids))
            .options(selectinload(Library.opening_hours), selectinload(Library.closures))
        )
        libraries = {library.id: library for library in db.session.scalars(query)}
    known = _replacements({a.key for a in found})
    grouped: dict[int, list[PlanRow]] = {}
    for absence in found:
        library = libraries.get(absence.library_id)
        if library is None:
            continue
        row = PlanRow(
            absence, hours.overlaps(library, absence.start, absence.end), known.get(absence.key)
        )
        if row.to_plan:
            grouped.setdefault(library.id, []).append(row)
    return sorted(
        ((libraries[i], rows) for i, rows in grouped.items()),
        key=lambda item: (item[0].name, item[0].id),
    )


def find_row(library: Library, key: str, since: datetime) -> PlanRow | None:
    return next((row for row in plan(library, since) if row.absence.key == key), None)


# -- Wording --------------------------------------------------------------------------------


def day_without_year(moment: datetime) -> str:
    """« mardi 14 mars », « samedi 1er avril »; English « Tuesday 14 March »."""
    day = to_paris(moment).date()
    locale = get_locale()
    if locale is None or locale.language == "fr":
        number = "1er" if day.day == 1 else str(day.day)
        weekday = format_date(day, "EEEE", locale="fr")
        return f"{weekday} {number} {format_date(day, 'MMMM', locale='fr')}"
    return format_date(day, "EEEE d MMMM", locale="en")


def describe_overlap(start: datetime, end: datetime) -> str:
    """« mardi 14 mars, 9 h 30 – 12 h : ouverture au public »."""
    return _(
        "%(day)s, %(start)s %(dash)s %(end)s : ouverture au public",
        day=day_without_year(start),
        start=heure(start),
        dash=EN_DASH,
        end=heure(end),
    )


def describe_status(row: PlanRow) -> str:
    if row.status == NO_OVERLAP:
        return _("Pas de remplacement : absence hors des heures d’ouverture au public.")
    if row.status == ARRANGED:
        return _("Remplacement prévu : %(who)s", who=row.replacement.arranged_by)
    if row.status == NOT_NEEDED:
        return _("Remplacement non nécessaire : %(reason)s", reason=row.replacement.reason)
    return _("Remplacement à prévoir.")


# -- Library feed ---------------------------------------------------------------------------


def library_fingerprint(library: Library) -> tuple:
    """Changes whenever library_events() could: absences, their events, replacements, hours,
    closures, members' names (3 statements plus the sources' fingerprints)."""
    replacement = db.session.execute(
        select(
            func.count(Replacement.id),
            func.max(Replacement.updated_at),
            func.coalesce(func.sum(Replacement.sequence), 0),
        ).where(Replacement.library_id == library.id)
    ).one()
    members = db.session.execute(
        select(func.count(User.id), func.max(User.updated_at)).where(User.library_id == library.id)
    ).one()
    return (
        tuple(
            (name, module.absences_fingerprint())
            for name, module in sources.modules(sources.ABSENCES)
        ),
        agenda.fingerprints(None, sources.ABSENCES),
        tuple(replacement),
        tuple(members),
        library.name,
        library.full_address,
        tuple(
            (h.weekday, h.opens.isoformat(), h.closes.isoformat()) for h in library.opening_hours
        ),
        tuple((c.starts_on.isoformat(), c.ends_on.isoformat()) for c in library.closures),
    )


def library_events(library: Library, since: datetime) -> list[CalendarEvent]:
    """« Absence : <member> — <event> » per absence, overlaps and status in the description."""
    rows = plan(library, since)
    items = {e.uid: e for e in agenda.public_events(since, sources.ABSENCES)}
    page = absolute_url("replacements.library", library_id=library.id)
    return [_absence_event(row, items, page) for row in rows]


def _absence_event(row: PlanRow, items: dict, page: str) -> CalendarEvent:
    absence, replacement = row.absence, row.replacement
    item = items.get(f"{absence.key.split(':', 1)[0]}@{current_app.config['SERVER_HOST']}")
    stamps = [absence.updated_at] + [x.updated_at for x in (item, replacement) if x is not None]
    lines = [describe_overlap(*part) for part in row.overlaps]
    lines.append(describe_status(row))
    if item is not None and item.url:
        lines.append(_("Événement : %(url)s", url=item.url))
    return CalendarEvent(
        uid=event_uid("absence", absence.key.replace(":", "-")),
        sequence=(item.sequence if item else 0) + (replacement.sequence if replacement else 0),
        summary=_("Absence : %(name)s — %(title)s", name=absence.user_name, title=absence.title),
        start=absence.start,
        end=absence.end,
        updated_at=max(stamps),
        location=item.location if item else "",
        description="\n".join(lines),
        url=page,
        kind="absence",
        link=absence.link,
    )
