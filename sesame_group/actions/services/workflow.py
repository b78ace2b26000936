"""The proposal workflow: one transition table, submission, review, decisions, report."""

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
    ActionProposal,
)
from sesame_group.core import audit
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.mail import queue_mail
from sesame_group.core.timeutil import utcnow
from sesame_group.core.urls import absolute_url
from sesame_group.extensions import db

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


def _coordinators() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role == "coordinator", User.active.is_(True)).order_by(User.id)
        )
    )


def proposal_url(proposal) -> str:
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
            url=proposal_url(proposal),
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
        url=proposal_url(proposal),
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
        url=proposal_url(proposal),
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
