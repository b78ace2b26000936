"""Business rules of cultural action proposals: workflow, decisions, comments, dates, report.

Services flush, never commit; mail goes through the outbox, audit entries for the
coordinator's actions, in the caller's transaction.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from sesame_group.accounts.models import User
from sesame_group.actions.models import (
    ACCEPTED,
    CANCELLED,
    CHANGES_REQUESTED,
    COMPLETED,
    DECLINED,
    DRAFT,
    SUBMITTED,
    UNDER_REVIEW,
    WITHDRAWN,
    ActionBudget,
    ActionComment,
    ActionDate,
    ActionProposal,
    ActionSupport,
)
from sesame_group.core import audit
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.mail import queue_mail
from sesame_group.core.timeutil import utcnow
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db
from sesame_group.network.models import Library

# The workflow, in one table: transition -> (allowed from, to).
TRANSITIONS = {
    "submit": ((DRAFT, CHANGES_REQUESTED), SUBMITTED),
    "start_review": ((SUBMITTED,), UNDER_REVIEW),
    "request_changes": ((SUBMITTED, UNDER_REVIEW), CHANGES_REQUESTED),
    "withdraw": ((DRAFT, SUBMITTED, UNDER_REVIEW, CHANGES_REQUESTED), WITHDRAWN),
    "accept": ((UNDER_REVIEW,), ACCEPTED),
    "decline": ((UNDER_REVIEW,), DECLINED),
    "complete": ((ACCEPTED,), COMPLETED),
    "cancel": ((ACCEPTED,), CANCELLED),
}
EDITABLE = (DRAFT, CHANGES_REQUESTED)


def _messages():
    return {
        "submit": _("Seul un brouillon ou une proposition à modifier peut être soumis."),
        "start_review": _("Seule une proposition soumise peut être mise en examen."),
        "request_changes": _(
            "Des modifications ne peuvent être demandées que sur une "
            "proposition soumise ou en cours d’examen."
        ),
        "withdraw": _("Une proposition ne peut plus être retirée après la décision."),
        "accept": _("Seule une proposition en cours d’examen peut être acceptée."),
        "decline": _("Seule une proposition en cours d’examen peut être refusée."),
        "complete": _("Seule une action acceptée peut recevoir son bilan."),
        "cancel": _("Seule une action acceptée peut être annulée."),
    }


def transition(proposal: ActionProposal, name: str) -> None:
    """Apply one workflow transition or raise InvalidTransition (French message)."""
    sources, target = TRANSITIONS[name]
    if proposal.status not in sources:
        raise InvalidTransition(_messages()[name])
    proposal.status = target


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


def _coordinators() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role == "coordinator", User.active.is_(True)).order_by(User.id)
        )
    )


def _url(proposal) -> str:
    return absolute_url("actions.detail", proposal_id=proposal.id)


def submit_proposal(proposal: ActionProposal, *, by: User) -> None:
    """draft/changes requested -> submitted. Side effects: one mail per active coordinator."""
    if not proposal.dates:
        raise DomainError(_("Indiquez au moins une date avant de soumettre."), "dates")
    transition(proposal, "submit")
    proposal.submitted_at = utcnow()
    db.session.flush()
    for coordinator in _coordinators():
        queue_mail(
            coordinator.email,
            _("Nouvelle proposition d’action culturelle : %(title)s", title=proposal.title),
            "actions/mail/submitted.txt",
            language=coordinator.language,
            proposal=proposal,
            url=_url(proposal),
        )


def withdraw_proposal(proposal: ActionProposal, *, by: User) -> None:
    """-> withdrawn (kept, never deleted); a pending decision is dropped."""
    transition(proposal, "withdraw")
    proposal.decision = proposal.granted_amount = proposal.decided_at = None
    proposal.decided_by_id = None
    db.session.flush()


def start_review(proposal: ActionProposal, *, by: User) -> None:
    """submitted -> under review. Side effects: audit entry."""
    transition(proposal, "start_review")
    audit.record(by, "action.review", proposal, proposal.title)


def request_changes(proposal: ActionProposal, *, by: User, note: str) -> None:
    """-> changes requested; the author gets a mail with the note. Audit entry."""
    if not (note or "").strip():
        raise DomainError(_("Indiquez les modifications attendues."), "note")
    transition(proposal, "request_changes")
    proposal.changes_note = note.strip()
    proposal.decision = proposal.granted_amount = proposal.decided_at = None
    proposal.decided_by_id = None
    audit.record(by, "action.request_changes", proposal, proposal.title)
    author = proposal.author
    queue_mail(
        author.email,
        _("Modifications demandées : %(title)s", title=proposal.title),
        "actions/mail/changes.txt",
        language=author.language,
        proposal=proposal,
        url=_url(proposal),
    )


def record_decision(
    proposal: ActionProposal,
    *,
    by: User,
    decision: str,
    granted_amount: Decimal | None,
    note: str,
    announce: bool = False,
) -> None:
    """Record (pending) the decision on a submitted proposal; announce it now if asked.

    accepted needs a granted amount >= 0 (it may differ from the request); declined needs a
    reason. A submitted proposal moves to under review. Side effects: audit entry; on
    announce, see announce_decision.
    """
    if decision not in (ACCEPTED, DECLINED):
        raise DomainError(_("Choisissez une décision."), "decision")
    if proposal.status == SUBMITTED:
        transition(proposal, "start_review")
    if proposal.status != UNDER_REVIEW:
        raise InvalidTransition(_("Cette proposition n’attend pas de décision."))
    note = (note or "").strip()
    if decision == ACCEPTED:
        if granted_amount is None:
            raise DomainError(_("Indiquez le montant accordé (0 si aucun)."), "granted_amount")
        if Decimal(granted_amount) < 0:
            raise DomainError(_("Le montant accordé ne peut pas être négatif."), "granted_amount")
    else:
        if not note:
            raise DomainError(_("Indiquez le motif du refus."), "note")
        granted_amount = None
    proposal.decision, proposal.granted_amount, proposal.decision_note = (
        decision,
        granted_amount,
        note,
    )
    proposal.decided_by_id, proposal.decided_at = by.id, utcnow()
    audit.record(by, "action.decide", proposal, f"{decision}: {proposal.title}")
    if announce:
        announce_decision(proposal, by=by)
    db.session.flush()


def announce_decision(proposal: ActionProposal, *, by: User) -> None:
    """Apply the pending decision: -> accepted/declined, mail to the author, audit entry.

    Accepted: its dates enter the agenda and the feeds (SEQUENCE bumped).
    """
    if proposal.decision is None or proposal.announced_at is not None:
        raise InvalidTransition(_("Aucune décision en attente d’annonce."))
    transition(proposal, "accept" if proposal.decision == ACCEPTED else "decline")
    proposal.announced_at = utcnow()
    for item in proposal.dates:
        item.sequence += 1
    audit.record(by, "action.announce", proposal, f"{proposal.decision}: {proposal.title}")
    db.session.flush()
    attachment = None
    if proposal.status == ACCEPTED:
        from sesame_group.actions.agenda import proposal_ics

        attachment = (
            f"action-culturelle-{proposal.id}.ics",
            "text/calendar",
            proposal_ics(proposal),
        )
    author = proposal.author
    queue_mail(
        author.email,
        _("Décision sur votre proposition : %(title)s", title=proposal.title),
        "actions/mail/decision.txt",
        language=author.language,
        attachment=attachment,
        proposal=proposal,
        url=_url(proposal),
    )
    db.session.flush()


def pending_decisions_query():
    return (
        select(ActionProposal)
        .where(
            ActionProposal.status == UNDER_REVIEW,
            ActionProposal.decision.is_not(None),
            ActionProposal.announced_at.is_(None),
        )
        .order_by(ActionProposal.id)
    )


def announce_pending(*, by: User) -> int:
    """Announce every pending decision at once (one mail each); returns how many."""
    proposals = db.session.scalars(pending_decisions_query().with_for_update()).all()
    for proposal in proposals:
        announce_decision(proposal, by=by)
    return len(proposals)


def add_comment(
    proposal: ActionProposal,
    *,
    by: User,
    body: str,
    parent_id: int | None = None,
    internal: bool = False,
) -> ActionComment:
    """A comment (or a coordinator's internal note); replies hang under a top-level comment.

    Side effects: the author of the proposal is mailed about public comments by others.
    """
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Le commentaire est vide."), "body")
    if proposal.status == DRAFT:
        raise InvalidTransition(_("On ne commente pas un brouillon."))
    parent = None
    if parent_id is not None:
        parent = db.session.get(ActionComment, parent_id)
        if parent is None or parent.proposal_id != proposal.id or parent.internal != internal:
            raise DomainError(_("Commentaire inconnu."), "parent_id")
        if parent.parent_id is not None:  # one level only: answer the thread
            parent = db.session.get(ActionComment, parent.parent_id)
    comment = ActionComment(
        proposal_id=proposal.id,
        author_id=by.id,
        body=body,
        parent_id=parent.id if parent else None,
        internal=internal,
    )
    db.session.add(comment)
    db.session.flush()
    if internal:
        audit.record(by, "action.note", proposal, proposal.title)
    elif by.id != proposal.author_id:
        author = proposal.author
        queue_mail(
            author.email,
            _("Nouveau commentaire sur « %(title)s »", title=proposal.title),
            "actions/mail/comment.txt",
            language=author.language,
            proposal=proposal,
            comment=comment,
            commenter=by,
            url=_url(proposal),
        )
    return comment


def toggle_support(proposal: ActionProposal, *, by: User) -> bool:
    """Support (or stop supporting) a proposal; one support per member. Returns supported."""
    db.session.scalar(
        select(ActionProposal.id).where(ActionProposal.id == proposal.id).with_for_update()
    )
    existing = db.session.scalar(
        select(ActionSupport).where(
            ActionSupport.proposal_id == proposal.id, ActionSupport.user_id == by.id
        )
    )
    if existing:
        db.session.delete(existing)
        db.session.flush()
        return False
    if proposal.status == DRAFT:
        raise InvalidTransition(_("On ne soutient pas un brouillon."))
    db.session.add(ActionSupport(proposal_id=proposal.id, user_id=by.id))
    db.session.flush()
    return True


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


def cancel_action(proposal: ActionProposal, *, by: User) -> None:
    """Cancel an accepted action; its dates stay in the feeds as cancelled (SEQUENCE + 1)."""
    transition(proposal, "cancel")
    for item in proposal.dates:
        item.sequence += 1
    if by.is_coordinator:
        audit.record(by, "action.cancel", proposal, proposal.title)
    db.session.flush()


def file_report(
    proposal: ActionProposal, *, by: User, actual_participants: int, assessment: str
) -> None:
    """accepted -> completed, after its last date, with attendance and assessment."""
    if actual_participants is None or actual_participants < 0:
        raise DomainError(
            _("Le nombre de participants ne peut pas être négatif."), "actual_participants"
        )
    if not (assessment or "").strip():
        raise DomainError(_("Rédigez le bilan."), "assessment")
    if proposal.status == ACCEPTED and (proposal.last_end is None or proposal.last_end > utcnow()):
        raise InvalidTransition(_("Le bilan se dépose après la dernière date de l’action."))
    transition(proposal, "complete")
    proposal.actual_participants = actual_participants
    proposal.assessment = assessment.strip()
    proposal.reported_at = utcnow()
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
