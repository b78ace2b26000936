"""Creating and editing proposals; the yearly programme budget."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from sesame_group.accounts.models import User
from sesame_group.actions.models import (
    DRAFT,
    ActionBudget,
    ActionDate,
    ActionProposal,
)
from sesame_group.actions.services.workflow import EDITABLE
from sesame_group.core import audit
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.extensions import db
from sesame_group.network.models import Library


@dataclass
class DateInput:
    """A planned date as aware UTC instants (the form converts from Paris wall-clock)."""

    starts_at: datetime
    ends_at: datetime
    place: str = ""


FIELDS = (
    "title",
    "summary",
    "description",
    "audience",
    "format",
    "resources",
    "expected_participants",
    "requested_amount",
    "budget_breakdown",
    "kakemonos",
    "posters",
    "cards",
    "team_help",
)


def _check_values(values: dict, dates: list[DateInput]) -> None:
    if values["requested_amount"] is None or Decimal(values["requested_amount"]) < 0:
        raise DomainError(_("Le montant demandé ne peut pas être négatif."), "requested_amount")
    for name in ("expected_participants", "kakemonos", "posters", "cards"):
        if values[name] is None or values[name] < 0:
            raise DomainError(_("Ce nombre ne peut pas être négatif."), name)
    if not dates:
        raise DomainError(_("Indiquez au moins une date."), "dates")
    for item in dates:
        if item.ends_at <= item.starts_at:
            raise DomainError(_("La fin doit être postérieure au début."), "dates")


def _partner_libraries(library_id: int, ids) -> list[Library]:
    ids = {int(i) for i in ids or ()} - {library_id}
    if not ids:
        return []
    libraries = db.session.scalars(select(Library).where(Library.id.in_(ids))).all()
    if len(libraries) != len(ids):
        raise DomainError(_("Bibliothèque partenaire inconnue."), "partner_libraries")
    return list(libraries)


def _resources(ids) -> list:
    from sesame_group.resources.models import Resource

    ids = {int(i) for i in ids or ()}
    if not ids:
        return []
    resources = db.session.scalars(select(Resource).where(Resource.id.in_(ids))).all()
    if len(resources) != len(ids):
        raise DomainError(_("Ressource inconnue."), "promoted")
    return list(resources)


def create_proposal(
    library: Library,
    *,
    by: User,
    values: dict,
    dates: list[DateInput],
    partner_library_ids=(),
    resource_ids=(),
) -> ActionProposal:
    """A new draft of `library` by `by`. Side effects: proposal and date rows. Flushes only."""
    _check_values(values, dates)
    proposal = ActionProposal(
        library_id=library.id,
        author_id=by.id,
        status=DRAFT,
        **{name: values[name] for name in FIELDS},
    )
    proposal.partner_libraries = _partner_libraries(library.id, partner_library_ids)
    proposal.promoted = _resources(resource_ids)
    proposal.dates = [
        ActionDate(starts_at=d.starts_at, ends_at=d.ends_at, place=d.place) for d in dates
    ]
    db.session.add(proposal)
    db.session.flush()
    return proposal


def update_proposal(
    proposal: ActionProposal,
    *,
    by: User,
    values: dict,
    dates: list[DateInput],
    partner_library_ids=(),
    resource_ids=(),
) -> None:
    """Edit a draft (or a proposal sent back for changes); its dates are replaced.

    Dates of an undecided proposal are in no feed yet, so replacing them loses nothing.
    """
    if proposal.status not in EDITABLE:
        raise InvalidTransition(_("Une proposition soumise ou décidée ne se modifie plus."))
    _check_values(values, dates)
    for name in FIELDS:
        setattr(proposal, name, values[name])
    proposal.partner_libraries = _partner_libraries(proposal.library_id, partner_library_ids)
    proposal.promoted = _resources(resource_ids)
    proposal.dates = [
        ActionDate(starts_at=d.starts_at, ends_at=d.ends_at, place=d.place) for d in dates
    ]
    db.session.flush()


def set_budget(year: int, amount: Decimal, *, by: User) -> ActionBudget:
    """Set the yearly programme budget. Side effects: audit entry."""
    if amount is None or Decimal(amount) < 0:
        raise DomainError(_("Le budget ne peut pas être négatif."), "amount")
    budget = db.session.scalar(
        select(ActionBudget).where(ActionBudget.year == year).with_for_update()
    )
    if budget is None:
        budget = ActionBudget(year=year, amount=amount)
        db.session.add(budget)
    else:
        budget.amount = amount
    db.session.flush()
    audit.record(by, "action.budget", budget, f"{year}: {amount}")
    return budget
