"""Convention, rate and contribution rules."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from sesame_group.conventions import services
from sesame_group.conventions.models import Contribution
from sesame_group.core.audit import AuditEntry
from sesame_group.core.errors import DomainError


@pytest.mark.parametrize(
    "population, rate, expected",
    [
        (14322, "0.15", "2148.30"),
        (1884, "0.15", "282.60"),
        (1, "0.125", "0.13"),  # half up, not banker's rounding
        (3, "0.155", "0.47"),  # 0.465 -> 0.47
        (0, "0.15", "0.00"),
    ],
)
def test_contribution_amount_rounds_half_up_to_the_cent(population, rate, expected):
    assert services.contribution_amount(population, Decimal(rate)) == Decimal(expected)


def test_new_convention_cannot_overlap_the_current_one(
    db, coordinator, create_partner, add_convention
):
    partner = create_partner()
    add_convention(partner, date(2023, 3, 14))
    with pytest.raises(DomainError) as refused:
        services.create_convention(partner, signed_on=date(2026, 3, 13), by=coordinator)
    assert refused.value.field == "signed_on"
    assert "13/03/2026" in refused.value.message
    renewed = services.create_convention(partner, signed_on=date(2026, 3, 14), by=coordinator)
    db.session.commit()
    assert services.latest_convention(partner.id).id == renewed.id
    assert (
        db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()))
        == "convention.create"
    )


def test_amicable_termination_needs_two_months_notice(
    db, coordinator, create_partner, add_convention
):
    convention = add_convention(create_partner(), date(2024, 1, 10))
    with pytest.raises(DomainError) as refused:
        services.terminate_convention(
            convention,
            kind="amicable",
            notice_on=date(2025, 1, 31),
            terminated_on=date(2025, 3, 30),
            reason="Fusion",
            by=coordinator,
        )
    assert refused.value.field == "terminated_on"
    assert "31/03/2025" in refused.value.message
    services.terminate_convention(
        convention,
        kind="amicable",
        notice_on=date(2025, 1, 31),
        terminated_on=date(2025, 3, 31),
        reason="Fusion",
        by=coordinator,
    )
    assert convention.terminated_on == date(2025, 3, 31)
    with pytest.raises(DomainError):
        services.terminate_convention(
            convention,
            kind="amicable",
            notice_on=date(2025, 2, 1),
            terminated_on=date(2025, 5, 1),
            reason="Encore",
            by=coordinator,
        )


def test_formal_notice_termination_after_thirty_days(coordinator, create_partner, add_convention):
    convention = add_convention(create_partner(), date(2024, 1, 10))
    with pytest.raises(DomainError):
        services.terminate_convention(
            convention,
            kind="formal_notice",
            notice_on=date(2025, 1, 1),
            terminated_on=date(2025, 1, 30),
            reason="Impayés",
            by=coordinator,
        )
    services.terminate_convention(
        convention,
        kind="formal_notice",
        notice_on=date(2025, 1, 1),
        terminated_on=date(2025, 1, 31),
        reason="Impayés",
        by=coordinator,
    )
    assert convention.termination_kind == "formal_notice"


def test_termination_after_the_natural_end_is_refused(coordinator, create_partner, add_convention):
    convention = add_convention(create_partner(), date(2023, 1, 10))
    with pytest.raises(DomainError) as refused:
        services.terminate_convention(
            convention,
            kind="formal_notice",
            notice_on=date(2025, 12, 1),
            terminated_on=date(2026, 2, 1),
            reason="Trop tard",
            by=coordinator,
        )
    assert refused.value.field == "terminated_on"


def test_generate_contributions_for_covered_partners_only(
    db, coordinator, create_partner, add_convention, rate_2023
):
    covered = create_partner(population=14322)
    ended_during = create_partner(population=1884)
    not_covered = create_partner(population=500)
    add_convention(covered, date(2022, 6, 1))
    add_convention(ended_during, date(2020, 4, 1))  # natural end 31 March 2023: still due
    add_convention(not_covered, date(2024, 1, 1))
    assert services.generate_contributions(2023, by=coordinator) == 2
    assert services.generate_contributions(2023, by=coordinator) == 0  # idempotent
    db.session.commit()
    rows = db.session.execute(
        select(Contribution.partner_id, Contribution.amount).order_by(Contribution.partner_id)
    ).all()
    assert rows == [(covered.id, Decimal("2148.30")), (ended_during.id, Decimal("282.60"))]


def test_generate_without_rate_is_refused(coordinator):
    with pytest.raises(DomainError) as refused:
        services.generate_contributions(2031, by=coordinator)
    assert refused.value.field == "year"


def test_new_rate_updates_only_contributions_not_yet_invoiced(
    db, coordinator, create_partner, add_contribution, rate_2023
):
    pending = add_contribution(create_partner(population=1000), 2023)
    invoiced = add_contribution(create_partner(population=1000), 2023, invoiced_on=date(2023, 3, 1))
    services.set_rate(2023, Decimal("0.2"), by=coordinator)
    db.session.commit()
    assert (pending.amount, invoiced.amount) == (Decimal("200.00"), Decimal("150.00"))
    assert services.rate_for(2023) == Decimal("0.2")


def test_payment_needs_an_invoice_before_it(coordinator, create_partner, add_contribution):
    contribution = add_contribution(create_partner(), 2025)
    with pytest.raises(DomainError) as refused:
        services.record_payment_steps(
            contribution, invoiced_on=None, paid_on=date(2025, 4, 1), by=coordinator
        )
    assert refused.value.field == "invoiced_on"
    with pytest.raises(DomainError) as refused:
        services.record_payment_steps(
            contribution, invoiced_on=date(2025, 4, 2), paid_on=date(2025, 4, 1), by=coordinator
        )
    assert refused.value.field == "paid_on"
    services.record_payment_steps(
        contribution, invoiced_on=date(2025, 3, 1), paid_on=date(2025, 4, 1), by=coordinator
    )
    assert contribution.is_paid
