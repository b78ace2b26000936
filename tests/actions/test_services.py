"""Workflow, decisions, comments, supports, dates and report, through the services."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sesame_group.actions import services
from sesame_group.actions.models import (
    ActionBudget,
    ActionComment,
    ActionDate,
    ActionProposal,
    ActionSupport,
)
from sesame_group.core.audit import AuditEntry
from sesame_group.core.errors import DomainError, InvalidTransition
from sesame_group.core.mail import OutboxMessage
from tests.actions.conftest import future_dates, past_dates, values

ALL = (
    "draft",
    "submitted",
    "under_review",
    "changes_requested",
    "accepted",
    "declined",
    "withdrawn",
    "completed",
    "cancelled",
)
# transition -> states it is allowed from (every other state must refuse it)
ALLOWED = {
    "submit": {"draft", "changes_requested"},
    "start_review": {"submitted"},
    "request_changes": {"submitted", "under_review"},
    "withdraw": {"draft", "submitted", "under_review", "changes_requested"},
    "accept": {"under_review"},
    "decline": {"under_review"},
    "complete": {"accepted"},
    "cancel": {"accepted"},
}


def test_transition_table_is_the_single_source():
    assert {name: set(sources) for name, (sources, _) in services.TRANSITIONS.items()} == ALLOWED


@pytest.mark.parametrize("name", sorted(ALLOWED))
@pytest.mark.parametrize("state", ALL)
def test_every_transition_from_every_state(name, state):
    proposal = ActionProposal(status=state)
    if state in ALLOWED[name]:
        services.transition(proposal, name)
        assert proposal.status == services.TRANSITIONS[name][1]
    else:
        with pytest.raises(InvalidTransition) as error:
            services.transition(proposal, name)
        assert proposal.status == state
        assert error.value.message[0].isupper() and error.value.message.endswith(".")
        assert any(word in error.value.message for word in ("proposition", "action"))


def test_create_keeps_decimal_amount_and_utc_dates(db, make_proposal):
    proposal = make_proposal()
    db.session.expire_all()
    stored = db.session.get(ActionProposal, proposal.id)
    assert stored.requested_amount == Decimal("350.00")
    assert isinstance(stored.requested_amount, Decimal)
    assert [d.starts_at.isoformat() for d in stored.dates] == [
        "2030-03-14T13:00:00+00:00",
        "2030-03-21T13:00:00+00:00",
    ]
    assert stored.status == "draft"


def test_negative_amount_and_reversed_dates_are_refused(librarian):
    with pytest.raises(DomainError) as error:
        services.create_proposal(
            librarian.library,
            by=librarian,
            values=values(requested_amount=Decimal("-1")),
            dates=future_dates(),
        )
    assert error.value.field == "requested_amount"
    reversed_date = future_dates(1)[0]
    reversed_date.starts_at, reversed_date.ends_at = reversed_date.ends_at, reversed_date.starts_at
    with pytest.raises(DomainError) as error:
        services.create_proposal(
            librarian.library, by=librarian, values=values(), dates=[reversed_date]
        )
    assert error.value.message == "La fin doit être postérieure au début."
    with pytest.raises(DomainError):
        services.create_proposal(librarian.library, by=librarian, values=values(), dates=[])


def test_unknown_partner_library_is_refused(librarian, other_librarian):
    with pytest.raises(DomainError) as error:
        services.create_proposal(
            librarian.library,
            by=librarian,
            values=values(),
            dates=future_dates(),
            partner_library_ids=[9999],
        )
    assert error.value.field == "partner_libraries"
    proposal = services.create_proposal(
        librarian.library,
        by=librarian,
        values=values(),
        dates=future_dates(),
        partner_library_ids=[other_librarian.library_id, librarian.library_id],
    )
    assert [lib.id for lib in proposal.partner_libraries] == [other_librarian.library_id]


def test_submit_mails_every_active_coordinator(db, make_proposal, create_user, coordinator):
    create_user(role="coordinator", email="inactif@example.fr", active=False)
    proposal = make_proposal("submitted")
    assert proposal.status == "submitted" and proposal.submitted_at is not None
    mails = db.session.scalars(select(OutboxMessage)).all()
    assert [m.to_addr for m in mails] == ["coord@example.fr"]
    assert "Atelier presse en ligne" in mails[0].subject
    assert f"https://sesame.test/actions/{proposal.id}" in mails[0].body


def test_edit_only_in_editable_states(make_proposal, librarian):
    proposal = make_proposal("submitted")
    with pytest.raises(InvalidTransition):
        services.update_proposal(
            proposal, by=librarian, values=values(title="Autre"), dates=future_dates()
        )


def test_changes_requested_then_edit_and_resubmit(db, make_proposal, librarian):
    proposal = make_proposal("changes_requested")
    assert proposal.changes_note == "Précisez le budget."
    services.update_proposal(
        proposal, by=librarian, values=values(title="Atelier revu"), dates=future_dates(3)
    )
    services.submit_proposal(proposal, by=librarian)
    db.session.commit()
    assert proposal.status == "submitted" and len(proposal.dates) == 3


def test_withdrawn_proposal_is_kept(db, make_proposal):
    proposal = make_proposal("withdrawn")
    db.session.expire_all()
    assert db.session.get(ActionProposal, proposal.id).status == "withdrawn"
    assert db.session.scalar(select(func.count(ActionDate.id))) == 2


def test_pending_decisions_are_announced_together(db, make_proposal, coordinator, librarian):
    first = make_proposal("pending")
    second = make_proposal("submitted", title="Ciné-club")
    services.record_decision(
        second, by=coordinator, decision="accepted", granted_amount=Decimal("120.50"), note=""
    )
    db.session.commit()
    assert (first.status, second.status) == ("under_review", "under_review")
    assert first.decision_pending and second.decision_pending
    before = db.session.scalar(select(func.count(OutboxMessage.id)))
    assert services.announce_pending(by=coordinator) == 2
    db.session.commit()
    assert (first.status, second.status) == ("accepted", "accepted")
    assert second.granted_amount == Decimal("120.50")
    mails = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()[before:]
    assert [m.to_addr for m in mails] == ["biblio@example.fr", "biblio@example.fr"]
    assert "120,50\u00a0€" in mails[1].body
    assert [d.sequence for d in second.dates] == [1, 1]
    assert services.announce_pending(by=coordinator) == 0
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions.count("action.announce") == 2 and actions.count("action.decide") == 2


def test_decision_rules(db, make_proposal, coordinator):
    proposal = make_proposal("submitted")
    with pytest.raises(DomainError) as error:
        services.record_decision(
            proposal, by=coordinator, decision="accepted", granted_amount=Decimal("-5"), note=""
        )
    assert error.value.field == "granted_amount"
    db.session.rollback()
    with pytest.raises(DomainError) as error:
        services.record_decision(
            proposal, by=coordinator, decision="declined", granted_amount=None, note="  "
        )
    assert error.value.message == "Indiquez le motif du refus."
    db.session.rollback()
    services.record_decision(
        proposal,
        by=coordinator,
        decision="declined",
        granted_amount=None,
        note="Hors programme",
        announce=True,
    )
    db.session.commit()
    assert proposal.status == "declined" and proposal.announced_at is not None
    with pytest.raises(InvalidTransition):
        services.record_decision(
            proposal, by=coordinator, decision="accepted", granted_amount=Decimal("1"), note=""
        )
    with pytest.raises(InvalidTransition):
        services.withdraw_proposal(proposal, by=proposal.author)


def test_comments_thread_one_level_and_notify_the_author(
    db, make_proposal, other_librarian, librarian, coordinator
):
    proposal = make_proposal("submitted")
    before = db.session.scalar(select(func.count(OutboxMessage.id)))
    top = services.add_comment(proposal, by=other_librarian, body="Bravo")
    reply = services.add_comment(proposal, by=librarian, body="Merci", parent_id=top.id)
    deeper = services.add_comment(proposal, by=coordinator, body="Oui", parent_id=reply.id)
    note = services.add_comment(proposal, by=coordinator, body="Interne", internal=True)
    db.session.commit()
    assert (reply.parent_id, deeper.parent_id, note.internal) == (top.id, top.id, True)
    mails = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()[before:]
    # author mailed for the other librarian's and the coordinator's public comments only
    assert [m.to_addr for m in mails] == ["biblio@example.fr", "biblio@example.fr"]
    assert "Paul Autre" in mails[0].body and "Bravo" in mails[0].body
    with pytest.raises(DomainError):
        services.add_comment(proposal, by=other_librarian, body="x", parent_id=note.id)
    other = make_proposal("submitted", title="Autre")
    with pytest.raises(DomainError):
        services.add_comment(other, by=other_librarian, body="x", parent_id=top.id)


def test_draft_cannot_be_commented(make_proposal, other_librarian):
    with pytest.raises(InvalidTransition):
        services.add_comment(make_proposal(), by=other_librarian, body="x")


def test_one_support_per_member(db, make_proposal, other_librarian):
    proposal = make_proposal("submitted")
    assert services.toggle_support(proposal, by=other_librarian) is True
    db.session.commit()
    assert db.session.scalar(select(func.count(ActionSupport.id))) == 1
    assert services.toggle_support(proposal, by=other_librarian) is False
    db.session.commit()
    assert db.session.scalar(select(func.count(ActionSupport.id))) == 0


def test_reschedule_bumps_sequence_only_on_change(db, make_proposal, librarian):
    proposal = make_proposal("accepted")
    item = proposal.dates[0]
    assert item.sequence == 1
    services.reschedule_date(
        item, by=librarian, starts_at=item.starts_at, ends_at=item.ends_at, place=item.place
    )
    assert item.sequence == 1
    new_dates = future_dates(1)[0]
    services.reschedule_date(
        item,
        by=librarian,
        starts_at=new_dates.starts_at,
        ends_at=new_dates.ends_at,
        place="Auditorium",
    )
    db.session.commit()
    assert (item.sequence, item.place) == (2, "Auditorium")
    with pytest.raises(DomainError):
        services.reschedule_date(
            item, by=librarian, starts_at=item.ends_at, ends_at=item.starts_at, place=""
        )


def test_cancel_date_and_action_keep_rows(db, make_proposal, librarian):
    proposal = make_proposal("accepted")
    services.cancel_date(proposal.dates[1], by=librarian)
    with pytest.raises(InvalidTransition):
        services.cancel_date(proposal.dates[0], by=librarian)  # the last active date
    services.cancel_action(proposal, by=librarian)
    db.session.commit()
    assert proposal.status == "cancelled"
    assert [(d.cancelled, d.sequence) for d in proposal.dates] == [(False, 2), (True, 3)]


def test_report_only_after_the_last_date(db, make_proposal, librarian):
    future = make_proposal("accepted")
    with pytest.raises(InvalidTransition) as error:
        services.file_report(future, by=librarian, actual_participants=3, assessment="Bien")
    assert error.value.message == "Le bilan se dépose après la dernière date de l’action."
    past = make_proposal("accepted", dates=past_dates(2))
    with pytest.raises(DomainError):
        services.file_report(past, by=librarian, actual_participants=-1, assessment="Bien")
    services.file_report(past, by=librarian, actual_participants=18, assessment="Salle pleine")
    db.session.commit()
    assert (past.status, past.actual_participants) == ("completed", 18)


def test_budget_upsert_and_audit(db, coordinator):
    services.set_budget(2030, Decimal("15000"), by=coordinator)
    services.set_budget(2030, Decimal("18000.50"), by=coordinator)
    db.session.commit()
    assert db.session.scalars(select(ActionBudget.amount)).all() == [Decimal("18000.50")]
    with pytest.raises(DomainError):
        services.set_budget(2030, Decimal("-1"), by=coordinator)
    assert (
        db.session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "action.budget")
        )
        == 2
    )


def test_comment_count_excludes_internal_notes(db, make_proposal, coordinator, other_librarian):
    from sesame_group.actions.queries import counts

    proposal = make_proposal("submitted")
    services.add_comment(proposal, by=other_librarian, body="Public")
    services.add_comment(proposal, by=coordinator, body="Interne", internal=True)
    services.toggle_support(proposal, by=other_librarian)
    db.session.commit()
    assert counts([proposal.id]) == {proposal.id: (1, 1)}
    assert db.session.scalar(select(func.count(ActionComment.id))) == 2
