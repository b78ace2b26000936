"""Convention, amendment, rate and contribution rules (flush only; the caller commits)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from sesame_group.conventions import periods
from sesame_group.conventions.models import Amendment, Contribution, ContributionRate, Convention
from sesame_group.core import audit
from sesame_group.core.errors import DomainError
from sesame_group.extensions import db
from sesame_group.network.models import Partner

CENT = Decimal("0.01")


def contribution_amount(population: int, rate: Decimal) -> Decimal:
    """population x rate, rounded half up to the cent."""
    return (Decimal(population) * Decimal(rate)).quantize(CENT, rounding=ROUND_HALF_UP)


def create_convention(partner, *, signed_on: date, by) -> Convention:
    """A new convention for `partner`, starting at the last party's signature.

    Raises DomainError when it would start before the end of the partner's current one.
    Side effects: audit entry. Flushes only.
    """
    current = latest_convention(partner.id)
    if current and signed_on <= periods.end_date(current):
        raise DomainError(
            _(
                "La convention en cours couvre déjà cette date (jusqu’au %(day)s).",
                day=periods.end_date(current).strftime("%d/%m/%Y"),
            ),
            field="signed_on",
        )
    convention = Convention(partner_id=partner.id, signed_on=signed_on, max_years=3)
    db.session.add(convention)
    db.session.flush()
    audit.record(by, "convention.create", convention, f"{partner.name} {signed_on}")
    return convention


def latest_convention(partner_id: int) -> Convention | None:
    return db.session.scalar(
        select(Convention)
        .where(Convention.partner_id == partner_id)
        .order_by(Convention.signed_on.desc())
        .limit(1)
    )


def add_amendment(convention, *, signed_on: date, text: str, by) -> Amendment:
    """Note an amendment (avenant). Raises DomainError if dated before the signature."""
    if signed_on < convention.signed_on:
        raise DomainError(
            _("Un avenant ne peut précéder la signature de la convention."), field="signed_on"
        )
    amendment = Amendment(convention=convention, signed_on=signed_on, text=text)
    db.session.add(amendment)
    db.session.flush()
    audit.record(by, "convention.amend", convention, f"avenant du {signed_on}")
    return amendment


def terminate_convention(
    convention, *, kind: str, notice_on: date, terminated_on: date, reason: str, by
) -> None:
    """Terminate amicably (two months' notice) or after an unanswered formal notice (30 days).

    Raises DomainError when already terminated, ended, or the notice period is not respected.
    """
    if convention.terminated_on:
        raise DomainError(_("Cette convention est déjà résiliée."))
    if kind not in ("amicable", "formal_notice"):
        raise DomainError(_("Motif de résiliation inconnu."), field="kind")
    if notice_on < convention.signed_on:
        raise DomainError(_("Le préavis ne peut précéder la signature."), field="notice_on")
    earliest = periods.earliest_termination(kind, notice_on)
    if terminated_on < earliest:
        raise DomainError(
            _(
                "La résiliation ne peut prendre effet avant le %(day)s.",
                day=earliest.strftime("%d/%m/%Y"),
            ),
            field="terminated_on",
        )
    if terminated_on > periods.natural_end(convention.signed_on, convention.max_years):
        raise DomainError(_("Cette date est après la fin de la convention."), field="terminated_on")
    convention.termination_kind, convention.notice_on = kind, notice_on
    convention.terminated_on, convention.termination_reason = terminated_on, reason
    db.session.flush()
    audit.record(by, "convention.terminate", convention, f"{kind} {terminated_on}: {reason}")


def set_rate(year: int, rate: Decimal, *, by) -> ContributionRate:
    """Set the euros-per-inhabitant rate of a year; contributions not yet invoiced follow."""
    row = db.session.scalar(select(ContributionRate).where(ContributionRate.year == year))
    if row is None:
        row = ContributionRate(year=year, rate=rate)
        db.session.add(row)
    row.rate = rate
    for contribution in db.session.scalars(
        select(Contribution).where(Contribution.year == year, Contribution.invoiced_on.is_(None))
    ):
        contribution.rate = rate
        contribution.amount = contribution_amount(contribution.population, rate)
    db.session.flush()
    audit.record(by, "rate.set", row, f"{year}: {rate}")
    return row


def rate_for(year: int) -> Decimal | None:
    return db.session.scalar(select(ContributionRate.rate).where(ContributionRate.year == year))


def generate_contributions(year: int, *, by) -> int:
    """Create the missing contributions of `year` for every partner whose convention covers it.

    A contribution due for a year stays due when the convention ends during that year; existing
    rows are never changed. Returns the number created. Raises DomainError without a rate.
    """
    rate = rate_for(year)
    if rate is None:
        raise DomainError(_("Aucun taux n’est défini pour %(year)d.", year=year), field="year")
    existing = set(
        db.session.scalars(select(Contribution.partner_id).where(Contribution.year == year))
    )
    conventions = db.session.scalars(select(Convention)).all()
    covered = {c.partner_id for c in conventions if periods.covers_year(c, year)} - existing
    partners = db.session.scalars(
        select(Partner).where(Partner.id.in_(covered)).order_by(Partner.id)
    ).all()
    for partner in partners:
        db.session.add(
            Contribution(
                partner_id=partner.id,
                year=year,
                population=partner.population,
                population_year=partner.population_year,
                rate=rate,
                amount=contribution_amount(partner.population, rate),
            )
        )
    db.session.flush()
    audit.record(by, "contributions.generate", None, f"{year}: {len(partners)}")
    return len(partners)


def record_payment_steps(contribution, *, invoiced_on: date | None, paid_on: date | None, by):
    """Record the titre de recettes date and the payment date (payment needs an invoice)."""
    if paid_on and not invoiced_on:
        raise DomainError(
            _("Le paiement suit l’émission du titre de recettes."), field="invoiced_on"
        )
    if paid_on and invoiced_on and paid_on < invoiced_on:
        raise DomainError(_("Le paiement ne peut précéder le titre de recettes."), field="paid_on")
    contribution.invoiced_on, contribution.paid_on = invoiced_on, paid_on
    db.session.flush()
    audit.record(
        by, "contribution.update", contribution, f"titre {invoiced_on or '-'} payé {paid_on or '-'}"
    )
