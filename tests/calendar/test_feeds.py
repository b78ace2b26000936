"""Feeds over stand-in sources: parsed back with icalendar, HTTP caching, no cookie."""

import hashlib
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from sesame_group.calendar.models import FeedState
from sesame_group.extensions import db

PARIS = ZoneInfo("Europe/Paris")


def _events(body):
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_public_feed_parses_with_timezone_uids_sequence_and_cancelled(
    client, fake_sources, make_event
):
    fake_sources["trainings"].public = [
        # Saturday before and Monday after the change to summer time (26 March 2028).
        make_event(
            1,
            datetime(2028, 3, 25, 8, 0, tzinfo=UTC),
            datetime(2028, 3, 25, 16, 0, tzinfo=UTC),
            sequence=2,
        ),
        make_event(
            2,
            datetime(2028, 3, 27, 7, 0, tzinfo=UTC),
            datetime(2028, 3, 27, 15, 0, tzinfo=UTC),
            status="CANCELLED",
            sequence=3,
        ),
    ]
    fake_sources["meetings"].public = [
        make_event(
            7,
            datetime(2028, 5, 20, 12, 0, tzinfo=UTC),
            datetime(2028, 5, 20, 14, 30, tzinfo=UTC),
            kind="meeting",
            summary="Bilan annuel",
        ),
    ]
    response = client.get("/calendar/public.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.data
    assert b"\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n" in body
    assert b"DTSTART;TZID=Europe/Paris:20280325T090000\r\n" in body
    assert b"DTSTART;TZID=Europe/Paris:20280327T090000\r\n" in body
    calendar = Calendar.from_ical(body)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Sésame — agenda du groupe de suivi"
    assert str(calendar["UID"]) == "public-feed@sesame.test"
    events = _events(body)
    assert [str(e["UID"]) for e in events] == [
        "training-day-1@sesame.test",
        "training-day-2@sesame.test",
        "meeting-7@sesame.test",
    ]
    assert [int(e["SEQUENCE"]) for e in events] == [2, 3, 0]
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CANCELLED", "CONFIRMED"]
    assert str(events[1]["SUMMARY"]) == "Annulé : Événement 2"
    before, after = events[0]["DTSTART"].dt, events[1]["DTSTART"].dt
    assert (before.hour, before.utcoffset()) == (9, timedelta(hours=1))
    assert (after.hour, after.utcoffset()) == (9, timedelta(hours=2))
    assert events[2]["DTEND"].dt == datetime(2028, 5, 20, 16, 30, tzinfo=PARIS)
    assert events[0]["DTSTAMP"].dt == datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    assert b"ATTENDEE" not in body


def test_feed_passes_the_six_month_window_to_the_sources(client, fake_sources):
    from sesame_group.calendar.services import window_start

    client.get("/calendar/public.ics")
    assert fake_sources["trainings"].since == [window_start()]


def test_window_starts_at_paris_midnight_six_months_back():
    from sesame_group.calendar.services import window_start

    assert window_start(date(2028, 8, 31)) == datetime(2028, 2, 28, 23, 0, tzinfo=UTC)
    assert window_start(date(2028, 3, 15)) == datetime(2027, 9, 14, 22, 0, tzinfo=UTC)


def test_all_day_event_has_exclusive_date_end(client, fake_sources, make_event):
    fake_sources["meetings"].public = [
        make_event(3, date(2028, 5, 20), date(2028, 5, 23), kind="meeting")
    ]
    body = client.get("/calendar/public.ics").data
    assert b"DTSTART;VALUE=DATE:20280520\r\n" in body
    assert b"DTEND;VALUE=DATE:20280523\r\n" in body


def test_unchanged_feed_is_byte_identical_even_when_rebuilt(app, client, fake_sources, make_event):
    from sesame_group.calendar.feeds import clear_cache

    fake_sources["trainings"].public = [
        make_event(
            1, datetime(2028, 3, 14, 8, 30, tzinfo=UTC), datetime(2028, 3, 14, 16, tzinfo=UTC)
        )
    ]
    first = client.get("/calendar/public.ics")
    second = client.get("/calendar/public.ics")
    clear_cache()
    third = client.get("/calendar/public.ics")
    assert first.data == second.data == third.data
    assert first.headers["ETag"] == third.headers["ETag"]
    assert first.headers["ETag"] == f'"{hashlib.sha256(first.data).hexdigest()}"'
    assert first.headers["Last-Modified"] == third.headers["Last-Modified"]
    assert fake_sources["trainings"].calls["public_events"] == 2  # second came from the cache


def test_etag_and_last_modified_answer_304_without_rebuilding(
    app, client, fake_sources, make_event
):
    from sesame_group.calendar.feeds import clear_cache

    fake_sources["trainings"].public = [
        make_event(
            1, datetime(2028, 3, 14, 8, 30, tzinfo=UTC), datetime(2028, 3, 14, 16, tzinfo=UTC)
        )
    ]
    first = client.get("/calendar/public.ics")
    clear_cache()  # another process: no bytes in memory, only feed_states
    by_etag = client.get("/calendar/public.ics", headers={"If-None-Match": first.headers["ETag"]})
    by_date = client.get(
        "/calendar/public.ics", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert (by_etag.status_code, by_etag.data) == (304, b"")
    assert (by_date.status_code, by_date.data) == (304, b"")
    assert by_etag.headers["ETag"] == first.headers["ETag"]
    assert by_etag.headers["Cache-Control"] == "public, no-cache"
    assert fake_sources["trainings"].calls["public_events"] == 1
    stale = client.get("/calendar/public.ics", headers={"If-None-Match": '"autre"'})
    assert stale.status_code == 200 and stale.data == first.data


def test_head_has_headers_without_body_and_conditional_head_is_304(client, fake_sources):
    get = client.get("/calendar/public.ics")
    head = client.head("/calendar/public.ics")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(get.data))
    conditional = client.head(
        "/calendar/public.ics", headers={"If-None-Match": get.headers["ETag"]}
    )
    assert conditional.status_code == 304


def test_change_gives_new_etag_and_last_modified_never_goes_back(client, fake_sources, make_event):
    fake = fake_sources["trainings"]
    fake.public = [
        make_event(
            1, datetime(2028, 3, 14, 8, 30, tzinfo=UTC), datetime(2028, 3, 14, 16, tzinfo=UTC)
        )
    ]
    first = client.get("/calendar/public.ics")
    state = db.session.get(FeedState, "public")
    state.changed_at = datetime(2099, 1, 1, tzinfo=UTC)  # a clock ahead of ours
    db.session.commit()
    fake.public = []  # the item leaves the feed: MAX(updated_at) would go back
    second = client.get("/calendar/public.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert second.headers["ETag"] != first.headers["ETag"]
    assert second.headers["Last-Modified"] == "Thu, 01 Jan 2099 00:00:00 GMT"
    apple = client.get(
        "/calendar/public.ics", headers={"If-Modified-Since": "Thu, 01 Jan 2099 00:00:00 GMT"}
    )
    assert apple.status_code == 304


def test_rescheduled_item_moves_with_higher_sequence(client, fake_sources, make_event):
    fake = fake_sources["trainings"]
    fake.public = [
        make_event(
            1, datetime(2028, 3, 14, 8, 30, tzinfo=UTC), datetime(2028, 3, 14, 16, tzinfo=UTC)
        )
    ]
    client.get("/calendar/public.ics")
    fake.public = [
        make_event(
            1,
            datetime(2028, 3, 21, 8, 30, tzinfo=UTC),
            datetime(2028, 3, 21, 16, tzinfo=UTC),
            sequence=1,
            updated_at=datetime(2026, 2, 1, tzinfo=UTC),
        )
    ]
    (event,) = _events(client.get("/calendar/public.ics").data)
    assert event["DTSTART"].dt == datetime(2028, 3, 21, 9, 30, tzinfo=PARIS)
    assert int(event["SEQUENCE"]) == 1
    assert event["LAST-MODIFIED"].dt == datetime(2026, 2, 1, tzinfo=UTC)


def test_feed_sets_no_cookie_and_no_vary_even_for_a_logged_in_browser(
    client, auth, librarian, fake_sources
):
    auth.login_as(librarian)
    response = client.get("/calendar/public.ics")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "Vary" not in response.headers
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_feed_without_accept_header_is_served(client, fake_sources):
    headers = {"Accept": "application/json", "User-Agent": "Google-Calendar-Importer"}
    response = client.get("/calendar/public.ics", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"


def test_feed_query_count_does_not_depend_on_size(client, fake_sources, make_event, count_queries):
    counts = []
    for size in (1, 3):
        fake_sources["trainings"].public = [
            make_event(n, datetime(2028, 3, n, 8, tzinfo=UTC), datetime(2028, 3, n, 9, tzinfo=UTC))
            for n in range(1, size + 1)
        ]
        with count_queries() as cold:
            client.get("/calendar/public.ics")
        with count_queries() as warm:
            client.get("/calendar/public.ics")
        counts.append((len(cold), len(warm)))
    # cold: feed state read and upsert; warm: bytes and their state from memory
    assert counts == [(2, 0), (2, 0)]


def test_fingerprint_is_trusted_for_a_few_seconds_per_process(
    app, client, fake_sources, make_event
):
    app.config["CALENDAR_FINGERPRINT_TTL"] = 60
    fake = fake_sources["trainings"]
    first = client.get("/calendar/public.ics")
    fake.public = [
        make_event(
            1, datetime(2028, 3, 14, 8, 30, tzinfo=UTC), datetime(2028, 3, 14, 16, tzinfo=UTC)
        )
    ]
    within = client.get("/calendar/public.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert within.status_code == 304
    assert fake.calls["fingerprint"] == 1 and fake.calls["public_events"] == 1
    app.config["CALENDAR_FINGERPRINT_TTL"] = 0
    after = client.get("/calendar/public.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and b"training-day-1@sesame.test" in after.data
