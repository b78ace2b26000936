"""Calendar fixtures: stand-in agenda sources, feed tokens, an emptied feed cache."""

from datetime import UTC, datetime

import pytest

from sesame_group.calendar import feeds, services, sources
from sesame_group.core.ical import CalendarEvent, event_uid
from tests.calendar.fakes import FakeAgenda

STAMP = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def empty_feed_cache(app):
    """Each test starts with no feed in memory, and fingerprints checked on every request."""
    app.config["CALENDAR_FINGERPRINT_TTL"] = 0
    with app.app_context():
        feeds.clear_cache()
    yield
    app.config.pop("CALENDAR_FINGERPRINT_TTL")


@pytest.fixture
def fake_sources():
    """Trainings, meetings and actions replaced by stand-ins for the test's duration."""
    fakes = {name: FakeAgenda(name) for name in sources.AGENDA}
    for name, fake in fakes.items():
        sources.register(name, fake)
    yield fakes
    for name in fakes:
        sources.unregister(name)


@pytest.fixture
def make_event():
    def make(object_id, start, end, kind="training", **fields):
        uid_kind = {"training": "training-day", "meeting": "meeting", "action": "action-date"}[kind]
        values = {
            "uid": event_uid(uid_kind, object_id),
            "sequence": 0,
            "summary": f"Événement {object_id}",
            "start": start,
            "end": end,
            "updated_at": STAMP,
            "location": "Médiathèque de Chalais, 16210 Chalais",
            "description": "Programme de la journée",
            "kind": kind,
            "url": f"https://sesame.test/{kind}s/{object_id}",
            "link": f"/{kind}s/{object_id}",
        }
        values.update(fields)
        return CalendarEvent(**values)

    return make


@pytest.fixture
def make_token(db):
    def make(user, kind="personal"):
        token, secret = services.create_token(user, kind, by=user)
        db.session.commit()
        return token, secret

    return make
