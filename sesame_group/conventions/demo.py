"""Demo conventions in every state, rates since 2023, paid and unpaid contributions."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select

from sesame_group.conventions import periods
from sesame_group.conventions.models import Amendment, Contribution, ContributionRate, Convention
from sesame_group.conventions.services import contribution_amount
from sesame_group.core.timeutil import paris_today, utcnow
from sesame_group.extensions import db
from sesame_group.network.models import Partner

RATES = {2023: Decimal("0.15"), 2024: Decimal("0.15"), 2025: Decimal("0.16")}


def _conventions_for(position: int, partner_id: int, today: date) -> list[dict]:
    """Cycle through the states: active, ending soon, ended then renewed, terminated, none."""
    state = position % 6
    rows = []
    if state == 0:  # active, signed some months ago
        rows.append(dict(signed_on=today - timedelta(days=200 + position % 90)))
    elif state == 1:  # third year ends within 60 days
        natural = today + timedelta(days=20 + position % 30)
        rows.append(dict(signed_on=periods.add_years(natural + timedelta(days=1), -3)))
    elif state == 2:  # an ended convention, then a new one
        first = periods.add_years(today, -4) - timedelta(days=position % 60)
        rows.append(dict(signed_on=first))
        rows.append(dict(signed_on=periods.natural_end(first) + timedelta(days=15)))
    elif state == 3:  # terminated amicably with two months' notice
        signed = periods.add_years(today, -2)
        notice = today - timedelta(days=120)
        rows.append(
            dict(
                signed_on=signed,
                termination_kind="amicable",
                notice_on=notice,
                terminated_on=periods.add_months(notice, 2),
                termination_reason="Fusion des réseaux de lecture publique",
            )
        )
    elif state == 4:  # ended without renewal
        rows.append(dict(signed_on=periods.add_years(today, -3) - timedelta(days=90)))
    else:  # no convention yet
        return []
    now = utcnow()
    for row in rows:
        row.update(partner_id=partner_id, max_years=3, created_at=now, updated_at=now)
        row.setdefault("termination_kind", None)
        row.setdefault("notice_on", None)
        row.setdefault("terminated_on", None)
        row.setdefault("termination_reason", None)
    return rows


def seed(scale, rng):
    if db.session.scalar(select(func.count(Convention.id))):
        return
    today = paris_today()
    now = utcnow()
    rates = dict(RATES)
    for year in range(2026, today.year + 1):
        rates[year] = Decimal("0.16")
    db.session.execute(
        insert(ContributionRate),
        [
            dict(year=year, rate=rate, created_at=now, updated_at=now)
            for year, rate in rates.items()
        ],
    )
    partners = db.session.execute(
        select(Partner.id, Partner.population, Partner.population_year).order_by(Partner.id)
    ).all()
    conventions = []
    for position, (partner_id, _population, _year) in enumerate(partners):
        conventions.extend(_conventions_for(position, partner_id, today))
    db.session.execute(insert(Convention), conventions)
    stored = db.session.scalars(select(Convention).order_by(Convention.id)).all()
    amendments = [
        dict(
            convention_id=c.id,
            signed_on=c.signed_on + timedelta(days=45),
            text="Ajout de la ressource d’autoformation au bouquet Sésame.",
            created_at=now,
            updated_at=now,
        )
        for c in stored
        if c.id % 5 == 0 and c.signed_on + timedelta(days=45) < today
    ]
    if amendments:
        db.session.execute(insert(Amendment), amendments)
    population = {pid: (pop, pyear) for pid, pop, pyear in partners}
    contributions = []
    for year, rate in sorted(rates.items()):
        covered = sorted({c.partner_id for c in stored if periods.covers_year(c, year)})
        for partner_id in covered:
            pop, pyear = population[partner_id]
            invoiced = paid = None
            if year < today.year:
                invoiced = date(year, 3, 15)
                paid = None if partner_id % 9 == 0 else date(year, 5, 2)
            elif partner_id % 3:
                invoiced = date(year, 3, 15) if date(year, 3, 15) <= today else None
                paid = date(year, 4, 20) if partner_id % 3 == 1 and invoiced else None
            contributions.append(
                dict(
                    partner_id=partner_id,
                    year=year,
                    population=pop,
                    population_year=pyear,
                    rate=rate,
                    amount=contribution_amount(pop, rate),
                    invoiced_on=invoiced,
                    paid_on=paid if paid and paid <= today else None,
                    created_at=now,
                    updated_at=now,
                )
            )
    db.session.execute(insert(Contribution), contributions)
