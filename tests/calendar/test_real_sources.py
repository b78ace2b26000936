"""The feeds over the real trainings and meetings: the issue's « done when » end to end."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from sesame_group.extensions import db
from sesame_group.meetings import services as meetings
from sesame_group.meetings.models import Invitation
from sesame_group.trainings import registrations
from sesame_group.trainings import services as trainings
from sesame_group.trainings.services import DaySlot

PARIS = ZoneInfo("Europe/Paris")


def _utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def training(coordinator):
    """A published two-day training around the change to summer time (26 March 2028)."""

    def make(title="Formation Cafeyn", capacity=5, first=_utc(2028, 3, 25, 8, 30)):
        values = {
            "title": title,
            "description": "Prise en main",
            "audience": "",
            "trainer": "",
            "resources_text": "",
            "place": "Médiathèque de Chalais",
            "online_url": "",
            "capacity": capacity,
            "registration_opens_on": None,
            "registration_closes_on": None,
            "share_limit": None,
            "share_until": None,
        }
        session = trainings.create_session(
            values, DaySlot(first, first + timedelta(hours=8)), by=coordinator
        )
        # Tuesday after the change: 9 h 30 Paris is now 7 h 30 UTC.
        second = first + timedelta(days=3, hours=-1)
        trainings.add_day(session, DaySlot(second, second + timedelta(hours=8)), by=coordinator)
        trainings.publish_session(session, by=coordinator)
        db.session.commit()
        return session

    return make


def _events(body):
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_personal_feed_follows_reschedule_and_cancellation(
    client, coordinator, librarian, training, make_token
):
    session = training()
    registrations.register(session, librarian, by=coordinator)
    db.session.commit()
    _token, secret = make_token(librarian)
    url = f"/calendar/feeds/{secret}/personal.ics"
    first = client.get(url)
    events = _events(first.data)
    assert [e["DTSTART"].dt for e in events] == [
        datetime(2028, 3, 25, 9, 30, tzinfo=PARIS),
        datetime(2028, 3, 28, 9, 30, tzinfo=PARIS),
    ]
    assert [e["DTSTART"].dt.utcoffset() for e in events] == [timedelta(hours=1), timedelta(hours=2)]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    day_one, day_two = sorted(session.days, key=lambda d: d.id)
    sequences = [int(e["SEQUENCE"]) for e in events]
    trainings.update_day(
        day_two, DaySlot(_utc(2028, 3, 29, 7, 30), _utc(2028, 3, 29, 15, 30)), by=coordinator
    )
    trainings.cancel_day(day_one, by=coordinator)
    db.session.commit()
    second = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    cancelled, moved = _events(second.data)
    assert (str(cancelled["UID"]), str(cancelled["STATUS"])) == (
        f"training-day-{day_one.id}@sesame.test",
        "CANCELLED",
    )
    assert str(cancelled["SUMMARY"]) == "Annulé : Formation Cafeyn"
    assert moved["DTSTART"].dt == datetime(2028, 3, 29, 9, 30, tzinfo=PARIS)
    assert [int(cancelled["SEQUENCE"]), int(moved["SEQUENCE"])] == [
        sequences[0] + 1,
        sequences[1] + 1,
    ]
    assert client.get(url, headers={"If-None-Match": second.headers["ETag"]}).status_code == 304


def test_waiting_list_is_tentative_in_personal_feed(
    client, coordinator, librarian, other_librarian, training, make_token
):
    session = training(capacity=1)
    registrations.register(session, librarian, by=coordinator)
    registrations.register(session, other_librarian, by=coordinator)
    db.session.commit()
    _token, secret = make_token(other_librarian)
    events = _events(client.get(f"/calendar/feeds/{secret}/personal.ics").data)
    assert [str(e["STATUS"]) for e in events] == ["TENTATIVE", "TENTATIVE"]


def test_library_feed_and_plan_from_real_absences(
    client, auth, coordinator, librarian, training, make_token
):
    session = training()
    registrations.register(session, librarian, by=coordinator)
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    meeting = meetings.create_meeting(
        meetings.MeetingData(
            title="Réunion du groupe",
            kind="group",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="Angoulême",
        ),
        by=coordinator,
    )
    meetings.announce_meeting(meeting, by=coordinator)
    invitation = db.session.query(Invitation).filter_by(user_id=librarian.id).one()
    meetings.answer_invitation(
        invitation,
        response="attending",
        needs_replacement=True,
        replacement_note="",
        comment="",
        representative=False,
    )
    db.session.commit()
    _token, secret = make_token(librarian, "library")
    events = _events(client.get(f"/calendar/feeds/{secret}/library.ics").data)
    day_ids = sorted(d.id for d in session.days)
    assert sorted(str(e["UID"]) for e in events) == sorted(
        [f"absence-training-day-{i}-user-{librarian.id}@sesame.test" for i in day_ids]
        + [f"absence-meeting-{meeting.id}-user-{librarian.id}@sesame.test"]
    )
    by_uid = {str(e["UID"]): e for e in events}
    saturday = by_uid[f"absence-training-day-{day_ids[0]}-user-{librarian.id}@sesame.test"]
    tuesday = by_uid[f"absence-training-day-{day_ids[1]}-user-{librarian.id}@sesame.test"]
    assert str(saturday["SUMMARY"]) == "Absence : Lucie Biblio — Formation Cafeyn"
    assert str(saturday["DESCRIPTION"]).startswith(
        "Pas de remplacement : absence hors des heures d’ouverture au public."
    )
    assert str(tuesday["DESCRIPTION"]).split("\n")[:3] == [
        "mardi 28 mars, 9\u202fh\u202f30 – 12\u202fh : ouverture au public",
        "mardi 28 mars, 14\u202fh – 17\u202fh\u202f30 : ouverture au public",
        "Remplacement à prévoir.",
    ]
    auth.login_as(librarian)
    page = client.get(f"/replacements/libraries/{librarian.library_id}").get_data(as_text=True)
    assert "Réunion du groupe</a>" in page and "Formation Cafeyn</a>" in page
    assert "mardi 28 mars, 9\u202fh\u202f30 – 12\u202fh : ouverture au public" in page


@pytest.mark.parametrize("url_kind", ["public", "personal", "library"])
def test_feed_query_counts_do_not_depend_on_size(
    client, coordinator, librarian, training, make_token, count_queries, url_kind
):
    _t, personal = make_token(librarian)
    _t, library = make_token(librarian, "library")
    urls = {
        "public": "/calendar/public.ics",
        "personal": f"/calendar/feeds/{personal}/personal.ics",
        "library": f"/calendar/feeds/{library}/library.ics",
    }
    client.get(urls[url_kind])  # first use of the token recorded
    counts = []
    for size in (1, 3):
        while _sessions() < size:
            session = training(
                title=f"Formation {_sessions()}",
                first=_utc(2028, 3, 25, 8, 30) + timedelta(days=7 * _sessions()),
            )
            registrations.register(session, librarian, by=coordinator)
            db.session.commit()
        client.get("/healthz")  # the mail queued by the registrations goes out here
        with count_queries() as cold:
            client.get(urls[url_kind])
        with count_queries() as warm:
            client.get(urls[url_kind])
        counts.append((len(cold), len(warm)))
    assert counts[0] == counts[1]
    assert counts[0] == {"public": (6, 2), "personal": (10, 4), "library": (17, 10)}[url_kind]


def _sessions():
    from sesame_group.trainings.models import TrainingSession

    return db.session.query(TrainingSession).count()


def test_agenda_query_count_does_not_depend_on_size(
    client, auth, coordinator, librarian, training, count_queries
):
    auth.login_as(librarian)
    counts = []
    for size in (1, 3):
        while _sessions() < size:
            session = training(
                title=f"Formation {_sessions()}",
                first=_utc(2028, 3, 25, 8, 30) + timedelta(days=7 * _sessions()),
            )
            registrations.register(session, librarian, by=coordinator)
            db.session.commit()
        client.get("/healthz")  # the mail queued by the registrations goes out here
        with count_queries() as listing:
            page = client.get("/calendar/?scope=library")
        with count_queries() as grid:
            client.get("/calendar/month?year=2028&month=3")
        counts.append((len(listing), len(grid)))
        assert page.get_data(as_text=True).count("Formation ") >= size
    assert counts[0] == counts[1] == (10, 7)
