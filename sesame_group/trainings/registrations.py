"""Registration, waiting list, promotion, attendance and reminders: capacity is a promise."""

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from sesame_group.accounts.models import User
from sesame_group.core import audit
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.timeutil import paris_today, utcnow
from sesame_group.extensions import db
from sesame_group.network.models import Library
from sesame_group.trainings import notify
from sesame_group.trainings.models import (
    ATTENDANCE_STATUSES,
    CANCELLED,
    CONFIRMED,
    PUBLISHED,
    WAITING,
    Attendance,
    Registration,
    TrainingDay,
    TrainingSession,
)
from sesame_group.trainings.services import lock_session, registration_open


class SessionClosed(DomainError):
    pass


class AlreadyRegistered(DomainError):
    pass


def confirmed_count(session_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count(Registration.id)).where(
                Registration.session_id == session_id, Registration.status == CONFIRMED
            )
        )
        or 0
    )


def _partner_of(user_id: int) -> int | None:
    return db.session.scalar(
        select(Library.partner_id)
        .join(User, User.library_id == Library.id)
        .where(User.id == user_id)
    )


def _partner_confirmed(session_id: int) -> dict[int, int]:
    rows = db.session.execute(
        select(Library.partner_id, func.count(Registration.id))
        .join(User, User.id == Registration.user_id)
        .join(Library, Library.id == User.library_id)
        .where(Registration.session_id == session_id, Registration.status == CONFIRMED)
        .group_by(Library.partner_id)
    )
    return dict(rows.all())


def share_active(session: TrainingSession, today: date) -> bool:
    return bool(session.share_limit and session.share_until and today <= session.share_until)


def register(session: TrainingSession, user, *, by, today: date | None = None) -> Registration:
    """Register `user` for every day of the session: confirmed if a seat (and the partner's
    share) allows, else waiting in arrival order.

    Locks the session row first, so concurrent registrations never exceed the capacity.
    Side effects: a Registration (re-used when an old one was cancelled), a confirmation mail
    with the .ics, an audit entry when `by` is not the user. Flushes only.
    Raises SessionClosed, AlreadyRegistered, DomainError (not a librarian).
    """
    today = today or paris_today()
    session = lock_session(session.id)
    on_behalf = by.id != user.id
    if user.role != "librarian" or not user.active:
        raise DomainError(_("Seul·e un·e bibliothécaire actif·ve peut être inscrit·e."), "user")
    if not registration_open(session, today) and not (on_behalf and session.status == PUBLISHED):
        raise SessionClosed(_("Les inscriptions à cette formation sont fermées."))
    reg = db.session.scalar(
        select(Registration).where(
            Registration.session_id == session.id, Registration.user_id == user.id
        )
    )
    if reg is not None and reg.status != CANCELLED:
        raise AlreadyRegistered(
            _("%(name)s est déjà inscrit·e à cette formation.", name=user.display_name), "user"
        )
    status = CONFIRMED if _seat_for(session, user.id, today) else WAITING
    if reg is None:
        reg = Registration(session_id=session.id, user_id=user.id, revision=0)
        db.session.add(reg)
    else:
        reg.revision += 1
        reg.cancelled_at = None
    reg.status, reg.queue_number = status, session.next_queue_number
    session.next_queue_number += 1
    reg.registered_by_id = by.id
    db.session.flush()
    notify.registered(session, reg, user)
    if on_behalf:
        audit.record(by, "training.register", session, f"user {user.id}: {reg.status}")
    return reg


def _seat_for(
    session: TrainingSession, user_id: int, today: date, counts: dict | None = None
) -> bool:
    counts = counts if counts is not None else _partner_confirmed(session.id)
    if sum(counts.values()) >= session.capacity:
        return False
    if share_active(session, today):
        return counts.get(_partner_of(user_id), 0) < session.share_limit
    return True


def cancel_registration(reg: Registration, *, by, today: date | None = None) -> list:
    """Cancel a registration (kept, status cancelled); a freed seat promotes the waiting list.

    Returns the promoted registrations. Side effects: audit entry when `by` is someone else.
    Raises InvalidTransition when already cancelled or the session is over.
    """
    today = today or paris_today()
    session = lock_session(reg.session_id)
    db.session.refresh(reg)
    if reg.status == CANCELLED:
        raise InvalidTransition(_("Cette inscription est déjà annulée."))
    if session.last_day and session.last_day < today:
        raise InvalidTransition(_("La formation est terminée."))
    reg.status = CANCELLED
    reg.cancelled_at = utcnow()
    reg.revision += 1
    db.session.flush()
    if by.id != reg.user_id:
        audit.record(by, "training.unregister", session, f"user {reg.user_id}")
    return promote_waiting(session, today=today)


def promote_waiting(session: TrainingSession, *, today: date | None = None) -> list:
    """The one promotion service: fill free seats from the waiting list in arrival order,
    skipping people over their partner's share while it applies.

    Called by every path that frees a seat (cancellation, capacity raised, share lifted).
    Side effects: promoted rows confirmed (revision + 1), one mail each with the .ics.
    """
    today = today or paris_today()
    session = lock_session(session.id)
    if session.status != PUBLISHED:
        return []
    counts = _partner_confirmed(session.id)
    waiting = db.session.scalars(
        select(Registration)
        .where(Registration.session_id == session.id, Registration.status == WAITING)
        .order_by(Registration.queue_number)
    ).all()
    promoted = []
    for reg in waiting:
        if sum(counts.values()) >= session.capacity:
            break
        if not _seat_for(session, reg.user_id, today, counts):
            continue
        reg.status, reg.promoted_at = CONFIRMED, utcnow()
        reg.revision += 1
        partner = _partner_of(reg.user_id)
        counts[partner] = counts.get(partner, 0) + 1
        promoted.append(reg)
    db.session.flush()
    for reg in promoted:
        notify.promoted(session, reg)
    return promoted


def promote_all(today: date | None = None) -> int:
    """Daily: once a share date has passed, promote in order. Returns promotions made."""
    ids = db.session.scalars(
        select(TrainingSession.id).where(
            TrainingSession.status == PUBLISHED,
            TrainingSession.id.in_(
                select(Registration.session_id).where(Registration.status == WAITING)
            ),
        )
    ).all()
    return sum(len(promote_waiting(db.session.get(TrainingSession, i), today=today)) for i in ids)


def waiting_position(reg: Registration) -> int | None:
    if reg.status != WAITING:
        return None
    return db.session.scalar(
        select(func.count(Registration.id)).where(
            Registration.session_id == reg.session_id,
            Registration.status == WAITING,
            Registration.queue_number <= reg.queue_number,
        )
    )


def record_attendance(day: TrainingDay, statuses: dict[int, str], *, by) -> int:
    """Set present/excused/absent for confirmed registrants of the day's session.

    `statuses` maps registration id -> status; unknown ids or statuses raise DomainError and
    nothing is written; a day not started yet or cancelled raises InvalidTransition.
    Returns the number of rows written. Audit entry.
    """
    if day.session.status == CANCELLED or day.status == CANCELLED:
        raise InvalidTransition(_("Cette journée est annulée."))
    if day.starts_at > utcnow():
        raise InvalidTransition(_("Les présences se relèvent à partir du début de la journée."))
    regs = {
        r.id: r
        for r in db.session.scalars(
            select(Registration).where(
                Registration.session_id == day.session_id, Registration.status == CONFIRMED
            )
        )
    }
    for reg_id, status in statuses.items():
        if reg_id not in regs or status not in ATTENDANCE_STATUSES:
            raise DomainError(_("Présence invalide."), "status")
    existing = {
        a.registration_id: a
        for a in db.session.scalars(select(Attendance).where(Attendance.day_id == day.id))
    }
    for reg_id, status in statuses.items():
        row = existing.get(reg_id)
        if row is None:
            db.session.add(
                Attendance(
                    day_id=day.id, registration_id=reg_id, status=status, recorded_by_id=by.id
                )
            )
        elif row.status != status:
            row.status, row.recorded_by_id = status, by.id
    db.session.flush()
    audit.record(by, "training.attendance", day.session, f"day {day.id}: {len(statuses)}")
    return len(statuses)


def send_reminders(days_before: int, today: date | None = None) -> int:
    """Mail confirmed registrants whose session's first active day is `days_before` days away
    or nearer (and not past); never twice for the same day. Returns mails queued."""
    today = today or paris_today()
    horizon = today + timedelta(days=days_before)
    regs = db.session.scalars(
        select(Registration)
        .join(Registration.session)
        .where(Registration.status == CONFIRMED, TrainingSession.status == PUBLISHED)
    ).all()
    sent = 0
    for reg in regs:
        days = reg.session.active_days
        upcoming = [d for d in days if today <= d.local_date <= horizon]
        if not upcoming or reg.reminded_for_day_id == upcoming[0].id:
            continue
        if days[0].local_date < today:  # the session already started: no reminder
            continue
        reg.reminded_for_day_id = upcoming[0].id
        notify.reminder(reg.session, reg, upcoming[0])
        sent += 1
    db.session.flush()
    return sent
