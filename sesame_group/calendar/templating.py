"""Jinja helpers of the calendar: « Ajouter à mon agenda » links for any CalendarEvent."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from babel.dates import format_date
from flask_babel import get_locale

from sesame_group.core.dates import creneau, plage_jours
from sesame_group.core.ical import CalendarEvent
from sesame_group.core.timeutil import as_utc

GOOGLE = "https://calendar.google.com/calendar/render"


def _google_moment(value) -> str:
    if isinstance(value, datetime):
        return as_utc(value).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")  # all-day: the end date is exclusive, as in iCal


def google_calendar_url(event: CalendarEvent) -> str:
    """Google Calendar's « add event » link: title, UTC times (or dates), place, details."""
    details = event.description
    if event.url:
        details = f"{details}\n\n{event.url}".strip()
    params = {
        "action": "TEMPLATE",
        "text": event.summary,
        "dates": f"{_google_moment(event.start)}/{_google_moment(event.end)}",
        "details": details[:1500],
        "location": event.location,
        "ctz": "Europe/Paris",
    }
    return f"{GOOGLE}?{urlencode(params)}"


def webcal_url(https_url: str) -> str:
    """The same feed URL with the webcal:// scheme (Apple Calendar, Outlook desktop)."""
    return "webcal://" + https_url.split("://", 1)[1]


def google_subscribe_url(https_url: str) -> str:
    """Google's (undocumented, widely used) one-click subscription link."""
    return "https://calendar.google.com/calendar/r?" + urlencode({"cid": webcal_url(https_url)})


def event_when(event: CalendarEvent) -> str:
    """« mardi 14 mars 2028, 9 h 30 – 17 h », or « du 20 au 22 mai 2028 » for all-day items."""
    if isinstance(event.start, datetime):
        return creneau(event.start, event.end)
    return plage_jours(event.start, max(event.start, event.end - timedelta(days=1)))


def month_title(first) -> str:
    """« mars 2028 » / « March 2028 »."""
    locale = get_locale()
    return format_date(first, "LLLL y", locale=locale.language if locale else "fr")


GLOBALS = {
    "event_when": event_when,
    "month_title": month_title,
    "google_calendar_url": google_calendar_url,
    "webcal_url": webcal_url,
    "google_subscribe_url": google_subscribe_url,
}
