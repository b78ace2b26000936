"""Fixtures of the partner follow-up tests."""

from datetime import date
from decimal import Decimal

import pytest

from sesame_group.conventions.models import Contribution, ContributionRate, Convention


@pytest.fixture
def add_convention(db):
    def make(partner, signed_on, **fields):
        convention = Convention(partner_id=partner.id, signed_on=signed_on, max_years=3, **fields)
        db.session.add(convention)
        db.session.commit()
        return convention

    return make


@pytest.fixture
def add_contribution(db):
    def make(partner, year, amount="150.00", invoiced_on=None, paid_on=None):
        contribution = Contribution(
            partner_id=partner.id,
            year=year,
            population=partner.population,
            population_year=partner.population_year,
            rate=Decimal("0.15"),
            amount=Decimal(amount),
            invoiced_on=invoiced_on,
            paid_on=paid_on,
        )
        db.session.add(contribution)
        db.session.commit()
        return contribution

    return make


@pytest.fixture
def rate_2023(db):
    rate = ContributionRate(year=2023, rate=Decimal("0.15"))
    db.session.add(rate)
    db.session.commit()
    return rate


@pytest.fixture
def chalais_partner(librarian):
    return librarian.library.partner


TODAY = date(2026, 11, 25)
