"""What the conventions follow-up reads: trainings of a year, who completed them (2 queries)."""

from collections import defaultdict
from datetime import date, datetime, time

from sqlalchemy import select

from sesame_group.accounts.models import User
from sesame_group.core.timeutil import paris_to_utc, to_paris
from sesame_group.extensions import db
from sesame_group.network.models import Library
from sesame_group.trainings.models import (
    CANCELLED,
    PRESENT,
    Attendance,
    Registration,
    TrainingDay,
    TrainingSession,
)


def _year_bounds(year: int):
    return (
        paris_to_utc(datetime.combine(date(year, 1, 1), time())),
        paris_to_utc(datetime.combine(date(year + 1, 1, 1), time())),
    )


def _active_days(year: int):
    """(session id, title, day id, start) of non-cancelled days of published sessions having a
    non-cancelled day in the year."""
    start, end = _year_bounds(year)
    in_year = select(TrainingDay.session_id).where(
        TrainingDay.starts_at >= start, TrainingDay.starts_at < end, TrainingDay.status != CANCELLED
    )
    return (
        select(TrainingSession.id, TrainingSession.title, TrainingDay.id, TrainingDay.starts_at)
        .join(TrainingDay, TrainingDay.session_id == TrainingSession.id)
        .where(
            TrainingSession.status == "published",
            TrainingDay.status != CANCELLED,
            TrainingSession.id.in_(in_year),
        )
        .order_by(TrainingDay.starts_at, TrainingSession.id)
    )


def trainings_of_year(year: int) -> list[dict]:
    """[{id, title, first_day, last_day}] of non-cancelled sessions with a day in `year`."""
    sessions: dict[int, dict] = {}
    for session_id, title, _day_id, starts_at in db.session.execute(_active_days(year)):
        local = to_paris(starts_at).date()
        row = sessions.setdefault(
            session_id, {"id": session_id, "title": title, "first_day": local, "last_day": local}
        )
        row["last_day"] = max(row["last_day"], local)
    return sorted(sessions.values(), key=lambda r: (r["first_day"], r["id"]))


def completed_by_partner(year: int) -> dict[int, set[int]]:
    """{partner_id: {training ids}} where ONE librarian of one of the partner's libraries was
    present on every non-cancelled day of the training (2 queries)."""
    days_of: dict[int, set[int]] = defaultdict(set)
    for session_id, _title, day_id, _start in db.session.execute(_active_days(year)):
        days_of[session_id].add(day_id)
    if not days_of:
        return {}
    rows = db.session.execute(
        select(Registration.session_id, Registration.user_id, Library.partner_id, Attendance.day_id)
        .join(Attendance, Attendance.registration_id == Registration.id)
        .join(User, User.id == Registration.user_id)
        .join(Library, Library.id == User.library_id)
        .where(Attendance.status == PRESENT, Registration.session_id.in_(days_of))
    )
    present: dict[tuple, set[int]] = defaultdict(set)
    partners: dict[tuple, int] = {}
    for session_id, user_id, partner_id, day_id in rows:
        present[(session_id, user_id)].add(day_id)
        partners[(session_id, user_id)] = partner_id
    result: dict[int, set[int]] = defaultdict(set)
    for key, days in present.items():
        if days >= days_of[key[0]]:
            result[partners[key]].add(key[0])
    return dict(result)
