"""Demo data (every state, comments, supports) and the CLI command."""

import random

from sqlalchemy import func, select

from sesame_group.accounts.models import User
from sesame_group.actions import demo
from sesame_group.actions.models import (
    STATUSES,
    ActionBudget,
    ActionComment,
    ActionProposal,
    ActionSupport,
)
from sesame_group.core.mail import OutboxMessage


def test_demo_has_every_state_and_is_idempotent(db):
    from sesame_group.accounts import demo as accounts_demo
    from sesame_group.network import demo as network_demo
    from sesame_group.resources import demo as resources_demo

    rng = random.Random(16)
    for step in (network_demo.seed, accounts_demo.seed, resources_demo.seed):
        step(1, rng)
        db.session.commit()
    demo.seed(1, rng)
    db.session.commit()
    states = set(db.session.scalars(select(ActionProposal.status).distinct()))
    assert states == set(STATUSES)
    assert db.session.scalar(select(func.count(ActionComment.id))) > 0
    assert db.session.scalar(select(func.count(ActionComment.id)).where(ActionComment.internal))
    assert db.session.scalar(
        select(func.count(ActionComment.id)).where(ActionComment.parent_id.is_not(None))
    )
    assert db.session.scalar(select(func.count(ActionSupport.id))) > 0
    assert db.session.scalar(select(func.count(ActionBudget.id))) == 1
    pending = db.session.scalar(
        select(func.count(ActionProposal.id)).where(
            ActionProposal.status == "under_review", ActionProposal.decision.is_not(None)
        )
    )
    assert pending > 0
    chalais = db.session.scalar(
        select(func.count(ActionProposal.id))
        .join(ActionProposal.author)
        .where(User.email == "bibliothecaire@chalais.fr")
    )
    assert chalais > 0
    before = db.session.scalar(select(func.count(ActionProposal.id)))
    demo.seed(1, rng)
    assert db.session.scalar(select(func.count(ActionProposal.id))) == before


def test_announce_command(db, runner, make_proposal, coordinator, librarian):
    first, second = make_proposal("pending"), make_proposal("pending")
    result = runner.invoke(args=["announce-action-decisions", "--as", "biblio@example.fr"])
    assert result.exit_code != 0 and "Compte coordinateur inconnu." in result.output
    result = runner.invoke(args=["announce-action-decisions", "--as", "COORD@example.fr"])
    assert result.exit_code == 0 and "2 décision(s) annoncée(s)." in result.output
    db.session.expire_all()
    assert {db.session.get(ActionProposal, p.id).status for p in (first, second)} == {"accepted"}
    assert (
        db.session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.to_addr == "biblio@example.fr")
        )
        == 2
    )
