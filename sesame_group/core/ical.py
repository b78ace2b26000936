"""iCalendar building shared by feeds, single-event downloads and mail attachments.

Rules from shared/ICAL.md: METHOD:PUBLISH, static Europe/Paris VTIMEZONE always, TZID on every
time, stable UIDs, SEQUENCE from revision counters, CANCELLED kept, DTSTAMP/LAST-MODIFIED from
rows (never "now"), no ATTENDEE, same data -> same bytes.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress
from icalendar.prop import vDuration

from sesame_group.core.timeutil import PARIS, as_utc

PRODID = "-//Département de la Charente//Sésame//FR"
STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")


@dataclass(frozen=True)
class CalendarEvent:
    """What a domain hands to the builder: one VEVENT.

    start/end: aware UTC datetimes, or dates for all-day items (end exclusive).
    updated_at: aware UTC, the row's last change (DTSTAMP and LAST-MODIFIED).
    """

    uid: str
    sequence: int
    summary: str
    start: datetime | date
    end: datetime | date
    updated_at: datetime
    status: str = "CONFIRMED"
    location: str = ""
    description: str = ""
    url: str = ""
    kind: str = ""  # "training" | "meeting" | "action": agenda filters, not written to iCal
    link: str = ""  # relative URL of the item's page, for in-app agenda links


def event_uid(kind: str, object_id: int) -> str:
    """« training-day-42@sesame.lacharente.fr »: stable for ever, no personal data."""
    return f"{kind}-{object_id}@{current_app.config['SERVER_HOST']}"


def paris_vtimezone() -> Timezone:
    """Static EU rule since 1996; DTSTART is the local time before each change."""
    tz = Timezone()
    tz.add("TZID", "Europe/Paris")
    for kind, name, off_from, off_to, onset, month in (
        (TimezoneDaylight, "CEST", 1, 2, datetime(1970, 3, 29, 2, 0), 3),
        (TimezoneStandard, "CET", 2, 1, datetime(1970, 10, 25, 3, 0), 10),
    ):
        sub = kind()
        sub.add("TZNAME", name)
        sub.add("TZOFFSETFROM", timedelta(hours=off_from))
        sub.add("TZOFFSETTO", timedelta(hours=off_to))
        sub.add("DTSTART", onset)
        sub.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        tz.add_component(sub)
    return tz


def _moment(value):
    if isinstance(value, datetime):
        return as_utc(value).astimezone(PARIS)
    return value


def _vevent(item: CalendarEvent) -> Event:
    if item.status not in STATUSES:
        raise ValueError(f"invalid STATUS {item.status}")
    event = Event()
    event.add("UID", item.uid)
    event.add("SEQUENCE", item.sequence)
    event.add("DTSTAMP", as_utc(item.updated_at))
    event.add("LAST-MODIFIED", as_utc(item.updated_at))
    event.add("DTSTART", _moment(item.start))
    event.add("DTEND", _moment(item.end))
    summary = item.summary
    if item.status == "CANCELLED":
        summary = f"Annulé : {summary}"
    event.add("SUMMARY", summary)
    event.add("STATUS", item.status)
    if item.location:
        event.add("LOCATION", item.location)
    description = item.description
    if item.url:
        description = f"{description}\n\n{item.url}".strip()
        event.add("URL", item.url)
    if description:
        event.add("DESCRIPTION", description)
    organizer = vCalAddress(f"mailto:{current_app.config['SERVICE_MAILBOX']}")
    organizer.params["CN"] = "Service départemental de la lecture"
    event.add("ORGANIZER", organizer)
    return event


def build_calendar(events, *, name: str, feed_uid: str) -> bytes:
    """A whole VCALENDAR as bytes; events are written in the order given (sort them)."""
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("METHOD", "PUBLISH")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("UID", feed_uid)
    cal.add("NAME", name)
    cal.add("X-WR-CALNAME", name)
    cal.add("REFRESH-INTERVAL", vDuration(timedelta(hours=4)), parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(timedelta(hours=4)))
    cal.add("X-WR-TIMEZONE", "Europe/Paris")
    cal.add_component(paris_vtimezone())
    for item in events:
        cal.add_component(_vevent(item))
    return cal.to_ical()


def single_event_ics(item: CalendarEvent, *, name: str = "Sésame") -> bytes:
    """One event as a file (download or mail attachment), same UID and SEQUENCE as feeds."""
    return build_calendar([item], name=name, feed_uid=f"single-{item.uid}")
