"""Reads shared by the trainings pages, dashboard and exports: constant statement counts."""

from collections import defaultdict
from datetime import date, datetime, time

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import selectinload

from sesame_group.accounts.models import User
from sesame_group.core.pagination import paginate
from sesame_group.core.timeutil import paris_to_utc, utcnow
from sesame_group.extensions import db
from sesame_group.trainings.models import (
    CANCELLED,
    CONFIRMED,
    DRAFT,
    PUBLISHED,
    WAITING,
    Attendance,
    Registration,
    TrainingDay,
    TrainingSession,
)


def _confirmed_subquery():
    return (
        select(func.count(Registration.id))
        .where(Registration.session_id == TrainingSession.id, Registration.status == CONFIRMED)
        .scalar_subquery()
    )


def session_list(
    user,
    *,
    when="upcoming",
    month: date | None = None,
    seats=False,
    mine=False,
    page=1,
    per_page=20,
    coordinator=False,
):
    """A Page of sessions with days loaded; 3 statements."""
    now = utcnow()
    future_day = exists().where(
        TrainingDay.session_id == TrainingSession.id, TrainingDay.ends_at >= now
    )
    query = select(TrainingSession).options(selectinload(TrainingSession.days))
    if not coordinator:
        query = query.where(TrainingSession.status != DRAFT)
    first_start = (
        select(func.min(TrainingDay.starts_at))
        .where(TrainingDay.session_id == TrainingSession.id)
        .scalar_subquery()
    )
    if when == "past":
        query = query.where(~future_day).order_by(first_start.desc(), TrainingSession.id.desc())
    else:
        query = query.where(future_day).order_by(first_start, TrainingSession.id)
    if month:
        start = paris_to_utc(datetime.combine(month, time()))
        next_month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        end = paris_to_utc(datetime.combine(next_month, time()))
        query = query.where(
            exists().where(
                TrainingDay.session_id == TrainingSession.id,
                TrainingDay.starts_at >= start,
                TrainingDay.starts_at < end,
            )
        )
    if seats:
        query = query.where(
            TrainingSession.status == PUBLISHED, _confirmed_subquery() < TrainingSession.capacity
        )
    if mine:
        query = query.where(
            exists().where(
                Registration.session_id == TrainingSession.id,
                Registration.user_id == user.id,
                Registration.status.in_((CONFIRMED, WAITING)),
            )
        )
    return paginate(query, page, per_page)


def counts(session_ids) -> dict[int, dict]:
    """{session id: {confirmed, waiting}} in one statement."""
    result = defaultdict(lambda: {CONFIRMED: 0, WAITING: 0})
    if not session_ids:
        return result
    rows = db.session.execute(
        select(Registration.session_id, Registration.status, func.count(Registration.id))
        .where(
            Registration.session_id.in_(session_ids), Registration.status.in_((CONFIRMED, WAITING))
        )
        .group_by(Registration.session_id, Registration.status)
    )
    for session_id, status, number in rows:
        result[session_id][status] = number
    return result


def my_registrations(user, session_ids) -> dict[int, Registration]:
    if not session_ids or user.role != "librarian":
        return {}
    return {
        r.session_id: r
        for r in db.session.scalars(
            select(Registration).where(
                Registration.user_id == user.id, Registration.session_id.in_(session_ids)
            )
        )
    }


def waiting_positions(session_id: int) -> dict[int, int]:
    """{registration id: position in the waiting list}."""
    ids = db.session.scalars(
        select(Registration.id)
        .where(Registration.session_id == session_id, Registration.status == WAITING)
        .order_by(Registration.queue_number)
    ).all()
    return {reg_id: index for index, reg_id in enumerate(ids, start=1)}


def registrants(session_id: int):
    """Every registration of a session with user and library (for the coordinator), 1 query."""
    return db.session.scalars(
        select(Registration)
        .where(Registration.session_id == session_id)
        .options(selectinload(Registration.user).selectinload(User.library))
        .order_by(Registration.status != CONFIRMED, Registration.queue_number)
    ).all()


def attendance_map(session_id: int) -> dict[tuple[int, int], str]:
    """{(registration id, day id): status}, 1 query."""
    rows = db.session.execute(
        select(Attendance.registration_id, Attendance.day_id, Attendance.status)
        .join(TrainingDay, TrainingDay.id == Attendance.day_id)
        .where(TrainingDay.session_id == session_id)
    )
    return {(reg_id, day_id): status for reg_id, day_id, status in rows}


def completed(registration_id: int, days, attendance: dict) -> bool:
    active = [d for d in days if d.status != CANCELLED]
    return bool(active) and all(
        attendance.get((registration_id, d.id)) == "present" for d in active
    )


def history(user):
    """My registrations (all states) with session, days and attendance: 2 statements."""
    regs = db.session.scalars(
        select(Registration)
        .where(Registration.user_id == user.id)
        .options(
            selectinload(Registration.session).selectinload(TrainingSession.days),
            selectinload(Registration.attendances),
        )
        .order_by(Registration.id.desc())
    ).all()
    regs.sort(key=lambda r: r.session.first_day or date.min, reverse=True)
    rows = []
    for reg in regs:
        marks = {a.day_id: a.status for a in reg.attendances}
        done = reg.status == CONFIRMED and completed(
            reg.id, reg.session.days, {(reg.id, k): v for k, v in marks.items()}
        )
        rows.append((reg, marks, done))
    return rows


def next_trainings(user, limit=5):
    """My confirmed/waiting registrations for sessions not over yet."""
    now = utcnow()
    regs = db.session.scalars(
        select(Registration)
        .join(Registration.session)
        .where(
            Registration.user_id == user.id,
            Registration.status.in_((CONFIRMED, WAITING)),
            TrainingSession.status == PUBLISHED,
            exists().where(
                TrainingDay.session_id == TrainingSession.id, TrainingDay.ends_at >= now
            ),
        )
        .options(selectinload(Registration.session).selectinload(TrainingSession.days))
        .order_by(Registration.id)
    ).all()
    regs = sorted(regs, key=lambda r: (r.session.first_day, r.session_id))
    return regs[:limit]


def coordinator_overview():
    """Drafts, sessions filling up or with a waiting list, past days without attendance."""
    now = utcnow()
    drafts = db.session.scalars(
        select(TrainingSession)
        .where(TrainingSession.status == DRAFT)
        .order_by(TrainingSession.id)
        .limit(10)
    ).all()
    upcoming = db.session.scalars(
        select(TrainingSession)
        .where(
            TrainingSession.status == PUBLISHED,
            exists().where(
                TrainingDay.session_id == TrainingSession.id, TrainingDay.ends_at >= now
            ),
        )
        .options(selectinload(TrainingSession.days))
        .order_by(TrainingSession.id)
    ).all()
    numbers = counts([s.id for s in upcoming])
    filling = [
        (s, numbers[s.id])
        for s in upcoming
        if numbers[s.id][WAITING] or numbers[s.id][CONFIRMED] >= 0.8 * s.capacity
    ]
    recorded = select(Attendance.id).where(Attendance.day_id == TrainingDay.id).exists()
    to_record = db.session.scalars(
        select(TrainingDay)
        .join(TrainingDay.session)
        .where(
            TrainingSession.status == PUBLISHED,
            TrainingDay.status != CANCELLED,
            TrainingDay.starts_at < now,
            ~recorded,
            select(Registration.id)
            .where(
                and_(
                    Registration.session_id == TrainingSession.id, Registration.status == CONFIRMED
                )
            )
            .exists(),
        )
        .options(selectinload(TrainingDay.session))
        .order_by(TrainingDay.starts_at.desc())
        .limit(10)
    ).all()
    return {"drafts": drafts, "filling": filling, "to_record": to_record}


def librarians():
    return db.session.execute(
        select(User.id, User.display_name, User.email)
        .where(User.role == "librarian", User.active.is_(True))
        .order_by(User.display_name, User.id)
    ).all()
