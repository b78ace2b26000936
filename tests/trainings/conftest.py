"""Trainings fixtures: create_training(...) through the services, like the views do."""

from datetime import date, datetime, time, timedelta

import pytest

from sesame_group.core.timeutil import paris_to_utc, paris_today
from sesame_group.trainings import services
from sesame_group.trainings.services import DaySlot


def slot(day: date, start=time(9, 30), end=time(17), place=""):
    return DaySlot(
        paris_to_utc(datetime.combine(day, start)), paris_to_utc(datetime.combine(day, end)), place
    )


@pytest.fixture
def create_training(db, coordinator):
    counter = {"n": 0}

    def make(capacity=2, days=1, first=None, status="published", **fields):
        counter["n"] += 1
        first = first or paris_today() + timedelta(days=30)
        values = {
            "title": f"Formation {counter['n']}",
            "description": "Prise en main.",
            "audience": "",
            "trainer": "",
            "resources_text": "",
            "place": "Médiathèque départementale, Angoulême",
            "online_url": "",
            "capacity": capacity,
            "registration_opens_on": None,
            "registration_closes_on": None,
            "share_limit": None,
            "share_until": None,
        }
        values.update(fields)
        session = services.create_session(values, slot(first), by=coordinator)
        for index in range(1, days):
            services.add_day(session, slot(first + timedelta(days=index)), by=coordinator)
        if status in ("published", "cancelled"):
            services.publish_session(session, by=coordinator)
        if status == "cancelled":
            services.cancel_session(session, by=coordinator, reason="Test")
        db.session.commit()
        return session

    return make


@pytest.fixture
def make_librarians(create_user, create_library):
    def make(count, library=None):
        return [create_user(library=library or create_library()) for _ in range(count)]

    return make
