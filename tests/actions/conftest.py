"""Fixtures of the actions tests: proposals in any state, built through the services."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from sesame_group.actions import services
from sesame_group.actions.services import DateInput
from sesame_group.core.timeutil import paris_to_utc, utcnow


def values(**overrides):
    data = {
        "title": "Atelier presse en ligne",
        "summary": "Découvrir la presse sur Sésame",
        "description": "Un **atelier** pour tous.",
        "audience": "adults",
        "format": "workshop",
        "resources": "Presse en ligne",
        "expected_participants": 15,
        "requested_amount": Decimal("350.00"),
        "budget_breakdown": "- intervenant : 300 €",
        "kakemonos": 1,
        "posters": 10,
        "cards": 50,
        "team_help": "",
    }
    data.update(overrides)
    return data


def future_dates(n=2, start=datetime(2030, 3, 14, 14, 0)):
    return [
        DateInput(
            paris_to_utc(start + timedelta(days=7 * i)),
            paris_to_utc(start + timedelta(days=7 * i, hours=2)),
            f"Salle {i + 1}",
        )
        for i in range(n)
    ]


def past_dates(n=1):
    end = utcnow() - timedelta(days=2)
    return [
        DateInput(end - timedelta(hours=2) - timedelta(days=i), end - timedelta(days=i), "Salle")
        for i in range(n)
    ]


@pytest.fixture
def make_proposal(db, librarian, coordinator):
    """make_proposal(status="draft", author=librarian, dates=None, **values)."""

    def make(status="draft", author=None, dates=None, granted=Decimal("300"), **overrides):
        author = author or librarian
        proposal = services.create_proposal(
            author.library, by=author, values=values(**overrides), dates=dates or future_dates()
        )
        if status != "draft":
            services.submit_proposal(proposal, by=author)
        if status == "under_review":
            services.start_review(proposal, by=coordinator)
        if status == "changes_requested":
            services.request_changes(proposal, by=coordinator, note="Précisez le budget.")
        if status == "withdrawn":
            services.withdraw_proposal(proposal, by=author)
        if status in ("accepted", "completed", "cancelled", "pending"):
            services.record_decision(
                proposal,
                by=coordinator,
                decision="accepted",
                granted_amount=granted,
                note="Avec le logo du Département",
                announce=status != "pending",
            )
        if status == "declined":
            services.record_decision(
                proposal,
                by=coordinator,
                decision="declined",
                granted_amount=None,
                note="Budget épuisé",
                announce=True,
            )
        if status == "completed":
            services.file_report(
                proposal, by=author, actual_participants=12, assessment="Très bien."
            )
        if status == "cancelled":
            services.cancel_action(proposal, by=author)
        db.session.commit()
        return proposal

    return make
