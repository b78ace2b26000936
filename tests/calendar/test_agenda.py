"""Agenda list and month grid over stand-in sources; « Ajouter à mon agenda » links."""

from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from flask import render_template_string
from icalendar import Calendar

from sesame_group.calendar.templating import google_calendar_url, webcal_url

FUTURE = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)


def test_list_shows_upcoming_with_my_version_first(
    client, auth, librarian, fake_sources, make_event
):
    past = FUTURE - timedelta(days=40)
    fake_sources["trainings"].public = [
        make_event(1, FUTURE, FUTURE + timedelta(hours=7), summary="Formation Cafeyn"),
        make_event(2, past, past + timedelta(hours=2), summary="Formation passée"),
    ]
    fake_sources["trainings"].personal = {
        librarian.id: [
            make_event(
                1,
                FUTURE,
                FUTURE + timedelta(hours=7),
                summary="Formation Cafeyn",
                status="TENTATIVE",
            )
        ]
    }
    fake_sources["meetings"].public = [
        make_event(
            5,
            FUTURE + timedelta(days=1),
            FUTURE + timedelta(days=1, hours=2),
            kind="meeting",
            summary="Bilan annuel",
            status="CANCELLED",
        )
    ]
    auth.login_as(librarian)
    page = client.get("/calendar/").get_data(as_text=True)
    assert "2 événements à venir" in page
    assert (
        '<a href="/trainings/1">Formation Cafeyn</a> <span class="badge badge--warn">'
        "Liste d’attente</span>" in page
    )
    assert '<a href="/meetings/5">Bilan annuel</a> <span class="badge badge--error">Annulé' in page
    assert page.index("Formation Cafeyn") < page.index("Bilan annuel")
    assert "Formation passée" not in page
    past_page = client.get("/calendar/?when=past").get_data(as_text=True)
    assert "1 événement passé" in past_page and "Formation passée" in past_page


def test_filters_by_type_and_mine(client, auth, librarian, fake_sources, make_event):
    fake_sources["trainings"].public = [make_event(1, FUTURE, FUTURE + timedelta(hours=7))]
    fake_sources["meetings"].public = [
        make_event(2, FUTURE, FUTURE + timedelta(hours=2), kind="meeting", summary="Réunion")
    ]
    fake_sources["meetings"].personal = {
        librarian.id: [
            make_event(2, FUTURE, FUTURE + timedelta(hours=2), kind="meeting", summary="Réunion")
        ]
    }
    auth.login_as(librarian)
    meetings_only = client.get("/calendar/?kind=meeting").get_data(as_text=True)
    assert "1 événement à venir" in meetings_only and "Réunion</a>" in meetings_only
    mine = client.get("/calendar/?scope=mine").get_data(as_text=True)
    assert "1 événement à venir" in mine and "Événement 1" not in mine
    hostile = client.get("/calendar/?kind=<script>&scope=x&when=1&page=-5")
    assert hostile.status_code == 200
    assert "2 événements à venir" in hostile.get_data(as_text=True)
    assert "<script>" not in hostile.get_data(as_text=True)


def test_month_grid_starts_on_monday_and_places_events(
    client, auth, librarian, fake_sources, make_event
):
    # March 2028 starts on a Wednesday: the grid runs from Monday 28 February to Sunday 2 April.
    fake_sources["trainings"].public = [
        make_event(
            1,
            datetime(2028, 3, 14, 8, 30, tzinfo=UTC),
            datetime(2028, 3, 14, 16, tzinfo=UTC),
            summary="Formation Cafeyn",
        )
    ]
    fake_sources["meetings"].public = [
        make_event(2, date(2028, 3, 20), date(2028, 3, 22), kind="meeting", summary="Salon")
    ]
    auth.login_as(librarian)
    page = client.get("/calendar/month?year=2028&month=3").get_data(as_text=True)
    assert "<caption>mars 2028</caption>" in page
    headers = page[page.index("<thead>") : page.index("</thead>")]
    assert headers.index(">lundi<") < headers.index(">mardi<") < headers.index(">dimanche<")
    cells = page.split('<td class="calendar-month__day')[1:]
    assert len(cells) == 35
    assert 'datetime="2028-02-28"' in cells[0] and 'datetime="2028-04-02"' in cells[-1]
    tuesday = next(c for c in cells if 'datetime="2028-03-14"' in c)
    assert '9\u202fh\u202f30 <a href="/trainings/1">Formation Cafeyn</a>' in tuesday
    salon_days = [c for c in cells if "Salon</a>" in c]
    assert len(salon_days) == 2  # 20 and 21 March: the all-day end is exclusive
    assert "Mois suivant : avril 2028" in page and "Mois précédent : février 2028" in page


def test_google_link_and_webcal(app, make_event):
    event = make_event(
        1,
        datetime(2028, 3, 14, 8, 30, tzinfo=UTC),
        datetime(2028, 3, 14, 16, tzinfo=UTC),
        summary="Formation & co",
    )
    with app.test_request_context():
        url = google_calendar_url(event)
        html = render_template_string(
            '{% from "calendar/_add_to_calendar.html" import add_to_calendar %}'
            '{{ add_to_calendar(event, ics_url="/trainings/1.ics") }}',
            event=event,
        )
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://calendar.google.com/calendar/render?")
    assert query["dates"] == ["20280314T083000Z/20280314T160000Z"]
    assert query["text"] == ["Formation & co"]
    assert query["ctz"] == ["Europe/Paris"]
    assert query["details"] == ["Programme de la journée\n\nhttps://sesame.test/trainings/1"]
    assert '<a href="/trainings/1.ics" download>' in html
    assert "Google Agenda" in html
    all_day = make_event(2, date(2028, 5, 20), date(2028, 5, 23))
    with app.test_request_context():
        assert parse_qs(urlsplit(google_calendar_url(all_day)).query)["dates"] == [
            "20280520/20280523"
        ]
    assert (
        webcal_url("https://sesame.test/calendar/public.ics")
        == "webcal://sesame.test/calendar/public.ics"
    )


def test_vtimezone_matches_zoneinfo_around_every_change_until_2040(client, fake_sources):
    body = client.get("/calendar/public.ics").data
    (vtimezone,) = Calendar.from_ical(body).walk("VTIMEZONE")
    declared, paris = vtimezone.to_tz(), ZoneInfo("Europe/Paris")
    for year in range(2026, 2041):
        for month in (3, 10):
            last_sunday = max(
                date(year, month, d) for d in range(25, 32) if date(year, month, d).weekday() == 6
            )
            for hour in (0, 4, 12):
                local = datetime(last_sunday.year, month, last_sunday.day, hour)
                assert (
                    local.replace(tzinfo=declared).utcoffset()
                    == local.replace(tzinfo=paris).utcoffset()
                ), local
