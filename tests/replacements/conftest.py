"""Replacement fixtures: absences from a stand-in trainings/meetings source."""

from datetime import UTC, datetime

import pytest

from sesame_group.core.absences import Absence
from tests.calendar.conftest import (  # noqa: F401 - shared fixtures
    empty_feed_cache,
    fake_sources,
    make_event,
    make_token,
)

STAMP = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


@pytest.fixture
def make_absence():
    def make(user, start, end, item="training-day-12", title="Formation Cafeyn", **fields):
        values = {
            "key": f"{item}:user-{user.id}",
            "kind": "training",
            "user_id": user.id,
            "user_name": user.display_name,
            "library_id": user.library_id,
            "start": start,
            "end": end,
            "title": title,
            "link": "/trainings/12",
            "updated_at": STAMP,
        }
        values.update(fields)
        return Absence(**values)

    return make
