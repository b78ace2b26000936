"""Dates of accepted actions: reschedule, cancel (SEQUENCE bumped, rows kept)."""

from datetime import datetime

from flask_babel import gettext as _

from sesame_group.accounts.models import User
from sesame_group.actions.models import (
    ACCEPTED,
    ActionDate,
)
from sesame_group.core import audit
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db


def reschedule_date(
    item: ActionDate, *, by: User, starts_at: datetime, ends_at: datetime, place: str
) -> None:
    """Move a date of an accepted action; SEQUENCE + 1 when anything visible changed."""
    if item.proposal.status != ACCEPTED or item.cancelled:
        raise InvalidTransition(_("Seule une date active d’une action acceptée se modifie."))
    if ends_at <= starts_at:
        raise DomainError(_("La fin doit être postérieure au début."), "end_time")
    if (item.starts_at, item.ends_at, item.place) != (starts_at, ends_at, place):
        item.starts_at, item.ends_at, item.place = starts_at, ends_at, place
        item.sequence += 1
        item.proposal.updated_at = utcnow()
    if by.is_coordinator:
        audit.record(by, "action.reschedule", item.proposal, item.proposal.title)
    db.session.flush()


def cancel_date(item: ActionDate, *, by: User) -> None:
    """Cancel one date: kept, STATUS:CANCELLED in the feeds, SEQUENCE + 1."""
    if item.proposal.status != ACCEPTED or item.cancelled:
        raise InvalidTransition(_("Cette date ne peut pas être annulée."))
    if len(item.proposal.active_dates) <= 1:
        raise InvalidTransition(_("C’est la dernière date : annulez l’action entière."))
    item.cancelled = True
    item.sequence += 1
    if by.is_coordinator:
        audit.record(by, "action.cancel_date", item.proposal, item.proposal.title)
    db.session.flush()
