"""Meetings fixtures: meetings made through the services, at fixed Paris wall-clock times."""

from datetime import datetime, time, timedelta

import pytest

from sesame_group.core.timeutil import paris_to_utc, utcnow
from sesame_group.meetings import services
from sesame_group.meetings.services import MeetingData

FUTURE_DAY = datetime(2030, 3, 14)  # a Thursday, winter time (UTC+1)


def paris(day: datetime, hour: int, minute: int = 0) -> datetime:
    return paris_to_utc(datetime.combine(day.date(), time(hour, minute)))


@pytest.fixture
def make_meeting(db, coordinator):
    """make_meeting(announce=False, start=<aware UTC>, ...) -> Meeting, committed.

    A meeting in the past is created and announced "back then" (services take `now`).
    """

    def make(
        *,
        announce=False,
        start=None,
        hours=3,
        title="Réunion de bilan annuel",
        kind="annual_review",
        place="Salle du conseil, Angoulême",
        online_url="",
        agenda="1. Bilan\n2. Projets",
        library_ids=(),
    ):
        start = start or paris(FUTURE_DAY, 9, 30)
        data = MeetingData(
            title=title,
            kind=kind,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            place=place,
            online_url=online_url,
            agenda=agenda,
            library_ids=tuple(library_ids),
        )
        then = min(utcnow(), start - timedelta(days=60))
        meeting = services.create_meeting(data, by=coordinator, now=then)
        if announce:
            services.announce_meeting(meeting, by=coordinator, now=then)
        db.session.commit()
        return meeting

    return make


@pytest.fixture
def held_meeting(make_meeting):
    """An announced annual review that started two hours ago."""

    def make(**fields):
        start = utcnow().replace(second=0) - timedelta(hours=2)
        return make_meeting(announce=True, start=start, **fields)

    return make


@pytest.fixture
def invitation_of(db):
    from sqlalchemy import select

    from sesame_group.meetings.models import Invitation

    def get(meeting, user):
        return db.session.scalar(
            select(Invitation).where(
                Invitation.meeting_id == meeting.id, Invitation.user_id == user.id
            )
        )

    return get
