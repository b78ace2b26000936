"""Training days as calendar events and absences (contract read by calendar and replacements)."""

from datetime import datetime

from flask import current_app, has_request_context, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, selectinload

from sesame_group.accounts.models import User
from sesame_group.core.absences import Absence
from sesame_group.core.ical import CalendarEvent, build_calendar, event_uid
from sesame_group.core.markdown import plain_text
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db
from sesame_group.trainings.models import (
    CANCELLED,
    CONFIRMED,
    PUBLISHED,
    WAITING,
    Registration,
    TrainingDay,
    TrainingSession,
)


def relative_url(endpoint: str, **values) -> str:
    """url_for without a request (CLI, services) and with one: a path on this site."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind(current_app.config["SERVER_HOST"]).build(endpoint, values)


def _links(session_id: int) -> tuple[str, str]:
    return (
        relative_url("trainings.detail", session_id=session_id),
        absolute_url("trainings.detail", session_id=session_id),
    )


def day_event(
    day: TrainingDay, session: TrainingSession, *, extra_sequence: int = 0, waiting: bool = False
) -> CalendarEvent:
    """One VEVENT for one training day; SEQUENCE = session revision + day sequence (+ row)."""
    cancelled = session.status == CANCELLED or day.status == CANCELLED
    status = "CANCELLED" if cancelled else ("TENTATIVE" if waiting else "CONFIRMED")
    link, url = _links(session.id)
    description = plain_text(session.description)
    if waiting:
        description = f"Liste d’attente.\n\n{description}".strip()
    return CalendarEvent(
        uid=event_uid("training-day", day.id),
        sequence=session.revision + day.sequence + extra_sequence,
        summary=session.title,
        start=day.starts_at,
        end=day.ends_at,
        updated_at=max(day.updated_at, session.updated_at),
        status=status,
        location=day.place or session.place or session.online_url,
        description=description,
        url=url,
        kind="training",
        link=link,
    )


def session_ics(session: TrainingSession, registration: Registration | None = None) -> bytes:
    """The .ics of a whole session: one VEVENT per day (download and mail attachment)."""
    waiting = registration is not None and registration.status == WAITING
    extra = registration.revision if registration is not None else 0
    events = [
        day_event(day, session, extra_sequence=extra, waiting=waiting)
        for day in sorted(session.days, key=lambda d: d.id)
    ]
    return build_calendar(
        events, name=f"Sésame — {session.title}", feed_uid=f"training-{session.id}@sesame"
    )


def _days_since(since: datetime):
    return (
        select(TrainingDay)
        .join(TrainingDay.session)
        .where(TrainingDay.ends_at >= since)
        .options(contains_eager(TrainingDay.session))
        .order_by(TrainingDay.starts_at, TrainingDay.id)
    )


def public_events(since: datetime) -> list[CalendarEvent]:
    """Published and cancelled-after-publication sessions, one event per day (1 query)."""
    query = _days_since(since).where(
        TrainingSession.status.in_((PUBLISHED, CANCELLED)),
        TrainingSession.published_at.is_not(None),
    )
    return [day_event(day, day.session) for day in db.session.scalars(query).unique()]


def personal_events(user, since: datetime) -> list[CalendarEvent]:
    """Days of the sessions I am registered for (waiting: TENTATIVE), 2 queries."""
    registrations = {
        reg.session_id: reg
        for reg in db.session.scalars(
            select(Registration).where(
                Registration.user_id == user.id, Registration.status.in_((CONFIRMED, WAITING))
            )
        )
    }
    if not registrations:
        return []
    query = _days_since(since).where(
        TrainingDay.session_id.in_(registrations), TrainingSession.status != "draft"
    )
    events = []
    for day in db.session.scalars(query).unique():
        reg = registrations[day.session_id]
        events.append(
            day_event(day, day.session, extra_sequence=reg.revision, waiting=reg.status == WAITING)
        )
    return events


def _state_columns(user=None) -> list:
    """max(updated_at), count and revision sums: any visible change moves one of them."""
    columns = []
    for model, counter, mine in (
        (TrainingDay, TrainingDay.sequence, False),
        (TrainingSession, TrainingSession.revision, False),
        (Registration, Registration.revision, True),
    ):
        for aggregate in (func.max(model.updated_at), func.count(model.id), func.sum(counter)):
            query = select(aggregate)
            if mine and user is not None:
                query = query.where(Registration.user_id == user.id)
            columns.append(query.scalar_subquery())
    return columns


def fingerprint(user=None) -> tuple:
    """Changes whenever public_events/personal_events could change (1 query)."""
    columns = _state_columns(user)
    if user is None:
        columns = columns[:6]
    return tuple(db.session.execute(select(*columns)).one())


def absences(library_ids: list[int] | None, since: datetime) -> list[Absence]:
    """Confirmed registrations x non-cancelled days of published sessions (1 query)."""
    query = (
        select(TrainingDay, Registration)
        .join(TrainingDay.session)
        .join(Registration, Registration.session_id == TrainingSession.id)
        .join(User, User.id == Registration.user_id)
        .where(
            TrainingDay.ends_at >= since,
            TrainingDay.status != CANCELLED,
            TrainingSession.status == PUBLISHED,
            Registration.status == CONFIRMED,
            User.library_id.is_not(None),
        )
        .options(contains_eager(TrainingDay.session), contains_eager(Registration.user))
        .order_by(TrainingDay.starts_at, TrainingDay.id, Registration.id)
    )
    if library_ids is not None:
        query = query.where(User.library_id.in_(library_ids))
    result = []
    for day, reg in db.session.execute(query).unique():
        session = day.session
        result.append(
            Absence(
                key=f"training-day-{day.id}:user-{reg.user_id}",
                kind="training",
                user_id=reg.user_id,
                user_name=reg.user.display_name,
                library_id=reg.user.library_id,
                start=day.starts_at,
                end=day.ends_at,
                title=session.title,
                link=relative_url("trainings.detail", session_id=session.id),
                updated_at=max(day.updated_at, session.updated_at, reg.updated_at),
            )
        )
    return result


def absences_fingerprint() -> tuple:
    """Changes whenever absences() could change (1 query)."""
    return tuple(db.session.execute(select(*_state_columns(None))).one())


def load_for_ics(session_id: int):
    return db.session.scalar(
        select(TrainingSession)
        .where(TrainingSession.id == session_id)
        .options(selectinload(TrainingSession.days))
    )
