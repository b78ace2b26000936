"""Conventions signed by partners, their amendments, yearly rates and contributions."""

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sesame_group.core.models import TimestampMixin
from sesame_group.extensions import db

TERMINATION_KINDS = ("amicable", "formal_notice")


class Convention(TimestampMixin, db.Model):
    """One convention: a year from the last signature, tacitly renewed up to three years."""

    __tablename__ = "conventions"
    __table_args__ = (
        CheckConstraint("max_years >= 1 AND max_years <= 3", name="max_years"),
        CheckConstraint(
            "termination_kind IS NULL OR termination_kind IN ('amicable', 'formal_notice')",
            name="termination_kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    signed_on: Mapped[date] = mapped_column(Date)
    max_years: Mapped[int] = mapped_column(Integer, default=3)
    notice_on: Mapped[date | None] = mapped_column(Date)
    terminated_on: Mapped[date | None] = mapped_column(Date)
    termination_kind: Mapped[str | None] = mapped_column(String(20))
    termination_reason: Mapped[str | None] = mapped_column(String(500))

    partner = relationship("Partner")
    amendments = relationship(
        "Amendment",
        order_by="Amendment.signed_on",
        back_populates="convention",
        cascade="all, delete-orphan",
    )


class Amendment(TimestampMixin, db.Model):
    __tablename__ = "convention_amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    signed_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)

    convention = relationship("Convention", back_populates="amendments")


class ContributionRate(TimestampMixin, db.Model):
    """Euros per inhabitant for a year (2023: 0.15)."""

    __tablename__ = "contribution_rates"
    __table_args__ = (CheckConstraint("rate >= 0", name="rate"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))


class Contribution(TimestampMixin, db.Model):
    """What a partner owes for a year: population x rate, rounded to the cent."""

    __tablename__ = "contributions"
    __table_args__ = (
        UniqueConstraint("partner_id", "year", name="uq_contributions_partner_year"),
        CheckConstraint("population >= 0", name="population"),
        CheckConstraint("amount >= 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    population: Mapped[int] = mapped_column(Integer)
    population_year: Mapped[int] = mapped_column(Integer)
    rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    invoiced_on: Mapped[date | None] = mapped_column(Date)  # titre de recettes émis
    paid_on: Mapped[date | None] = mapped_column(Date)

    partner = relationship("Partner")

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None
