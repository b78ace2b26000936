"""Training sessions and days: create, edit, publish, cancel; subscribers told of every change."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from sesame_group.core import audit
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db
from sesame_group.trainings import notify
from sesame_group.trainings.models import (
    CANCELLED,
    DRAFT,
    PUBLISHED,
    SCHEDULED,
    TrainingDay,
    TrainingSession,
)

# Fields a registrant should notice when they change (iCal SEQUENCE + mail).
VISIBLE_FIELDS = ("title", "place", "online_url", "description")
SESSION_FIELDS = (
    "title",
    "description",
    "audience",
    "trainer",
    "resources_text",
    "place",
    "online_url",
    "capacity",
    "registration_opens_on",
    "registration_closes_on",
    "share_limit",
    "share_until",
)


@dataclass
class DaySlot:
    starts_at: datetime  # aware UTC
    ends_at: datetime
    place: str = ""


def lock_session(session_id: int) -> TrainingSession:
    """Re-read the session row with a row lock (PostgreSQL); SQLite is already serialised."""
    return db.session.scalars(
        select(TrainingSession)
        .where(TrainingSession.id == session_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _check_slot(slot: DaySlot) -> None:
    if slot.ends_at <= slot.starts_at:
        raise DomainError(_("La fin doit être après le début."), "end")


def create_session(values: dict, first_day: DaySlot, *, by) -> TrainingSession:
    """A draft session with its first day. Side effects: audit entry. Flushes only."""
    _check_slot(first_day)
    session = TrainingSession(
        status=DRAFT,
        revision=0,
        next_queue_number=1,
        created_by_id=by.id,
        **{k: values[k] for k in SESSION_FIELDS},
    )
    _check_dates(session)
    session.days.append(
        TrainingDay(
            starts_at=first_day.starts_at,
            ends_at=first_day.ends_at,
            place=first_day.place,
            status=SCHEDULED,
            sequence=0,
        )
    )
    db.session.add(session)
    db.session.flush()
    audit.record(by, "training.create", session, session.title)
    return session


def _check_dates(session: TrainingSession) -> None:
    opens, closes = session.registration_opens_on, session.registration_closes_on
    if opens and closes and closes < opens:
        raise DomainError(
            _("La clôture des inscriptions doit suivre leur ouverture."), "registration_closes_on"
        )
    if session.share_until and not session.share_limit:
        raise DomainError(_("Indiquez le nombre de places par partenaire."), "share_limit")


def update_session(session: TrainingSession, values: dict, *, by) -> list[str]:
    """Apply the form; returns the changed field names.

    Side effects: revision + 1 and a mail with the .ics to every registrant when a visible
    field changed; waiting list promoted when the capacity rose or the share changed; audit.
    Raises DomainError when the capacity falls below the confirmed registrations.
    """
    session = lock_session(session.id)
    _require_open(session)
    from sesame_group.trainings import registrations

    confirmed = registrations.confirmed_count(session.id)
    if values["capacity"] < confirmed:
        raise DomainError(
            _("Déjà %(n)d personnes inscrites : la capacité ne peut être plus basse.", n=confirmed),
            "capacity",
        )
    changed = [k for k in SESSION_FIELDS if getattr(session, k) != values[k]]
    for key in changed:
        setattr(session, key, values[key])
    _check_dates(session)
    visible = [k for k in VISIBLE_FIELDS if k in changed]
    if visible:
        _bump(session)
        labels = ", ".join(_visible_label(k) for k in visible)
        notify.session_changed(session, _("Modifié : %(fields)s.", fields=labels))
    if {"capacity", "share_limit", "share_until"} & set(changed):
        registrations.promote_waiting(session)
    if changed:
        audit.record(by, "training.update", session, ", ".join(changed))
    db.session.flush()
    return changed


def _visible_label(field: str) -> str:
    return {
        "title": _("titre"),
        "place": _("lieu"),
        "online_url": _("lien de la visioconférence"),
        "description": _("description"),
    }[field]


def _bump(session: TrainingSession) -> None:
    session.revision += 1
    session.updated_at = utcnow()


def add_day(session: TrainingSession, slot: DaySlot, *, by) -> TrainingDay:
    """A new day; registrants are told (mail + .ics). Audit entry. Flushes only."""
    _require_open(session)
    _check_slot(slot)
    day = TrainingDay(
        session=session,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        place=slot.place,
        status=SCHEDULED,
        sequence=0,
    )
    db.session.add(day)
    _bump(session)
    db.session.flush()
    notify.session_changed(session, _("Une journée a été ajoutée."))
    audit.record(by, "training.day_add", session, f"day {day.id}")
    return day


def update_day(day: TrainingDay, slot: DaySlot, *, by) -> bool:
    """Move a day or change its place; sequence + 1 and mail when anything changed."""
    _require_open(day.session)
    _check_slot(slot)
    if (day.starts_at, day.ends_at, day.place) == (slot.starts_at, slot.ends_at, slot.place):
        return False
    day.starts_at, day.ends_at, day.place = slot.starts_at, slot.ends_at, slot.place
    day.sequence += 1
    db.session.flush()
    notify.session_changed(day.session, _("Les horaires ou le lieu d’une journée ont changé."))
    audit.record(by, "training.day_update", day.session, f"day {day.id}")
    return True


def cancel_day(day: TrainingDay, *, by) -> None:
    """Cancel one day (kept, STATUS:CANCELLED in feeds); the last active day cannot go."""
    _require_open(day.session)
    if day.status == CANCELLED:
        raise InvalidTransition(_("Cette journée est déjà annulée."))
    if len(day.session.active_days) <= 1:
        raise DomainError(_("C’est la dernière journée : annulez plutôt la formation."))
    day.status = CANCELLED
    day.sequence += 1
    db.session.flush()
    notify.session_changed(day.session, _("Une journée a été annulée."))
    audit.record(by, "training.day_cancel", day.session, f"day {day.id}")


def _require_open(session: TrainingSession) -> None:
    if session.status == CANCELLED:
        raise InvalidTransition(_("Cette formation est annulée."))


def publish_session(session: TrainingSession, *, by) -> None:
    """Draft -> published. Side effects: published_at, audit entry."""
    if session.status != DRAFT:
        raise InvalidTransition(_("Seul un brouillon peut être publié."))
    session.status = PUBLISHED
    session.published_at = utcnow()
    _bump(session)
    db.session.flush()
    audit.record(by, "training.publish", session, session.title)


def cancel_session(session: TrainingSession, *, by, reason: str) -> None:
    """Cancel a session; nothing is deleted.

    Side effects: status cancelled with the reason, revision + 1 (feeds show
    STATUS:CANCELLED), one mail with the .ics per active registrant, audit entry.
    Registrations keep their status (history). Raises InvalidTransition when already cancelled.
    """
    session = lock_session(session.id)
    if session.status == CANCELLED:
        raise InvalidTransition(_("Cette formation est déjà annulée."))
    session.status = CANCELLED
    session.cancel_reason = reason
    _bump(session)
    db.session.flush()
    notify.session_changed(
        session, _("La formation est annulée : %(reason)s", reason=reason), cancelled=True
    )
    audit.record(by, "training.cancel", session, reason)


def registration_open(session: TrainingSession, today: date) -> bool:
    if session.status != PUBLISHED:
        return False
    if session.registration_opens_on and today < session.registration_opens_on:
        return False
    if session.registration_closes_on and today > session.registration_closes_on:
        return False
    last = session.last_day
    return last is None or today <= last
