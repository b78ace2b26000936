"""Digital resources, yearly evaluation campaigns, their criteria and the libraries' evaluations."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sesame_group.core.models import TimestampMixin
from sesame_group.core.timeutil import UTCDateTime, utcnow
from sesame_group.extensions import db

CATEGORIES = ("presse", "cinema", "musique", "autoformation", "jeunesse", "livres", "jeux")
USAGES = ("never", "occasional", "regular")
RECOMMENDATIONS = ("keep", "watch", "drop")
SCORES = (1, 2, 3, 4, 5)

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"

campaign_resources = Table(
    "campaign_resources",
    db.metadata,
    Column("campaign_id", ForeignKey("evaluation_campaigns.id"), primary_key=True),
    Column("resource_id", ForeignKey("resources.id"), primary_key=True),
)


class Resource(TimestampMixin, db.Model):
    __tablename__ = "resources"
    __table_args__ = (
        CheckConstraint(
            "category IN ('presse', 'cinema', 'musique', 'autoformation', "
            "'jeunesse', 'livres', 'jeux')",
            name="category",
        ),
        CheckConstraint("yearly_cost IS NULL OR yearly_cost >= 0", name="yearly_cost"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    provider: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(20), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    subscribed_year: Mapped[int | None] = mapped_column(Integer)
    yearly_cost: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))


class Campaign(TimestampMixin, db.Model):
    """A yearly evaluation campaign; open between opens_on and closes_on unless closed early."""

    __tablename__ = "evaluation_campaigns"
    __table_args__ = (CheckConstraint("opens_on <= closes_on", name="dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    opens_on: Mapped[date] = mapped_column(Date, index=True)
    closes_on: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    resources = relationship("Resource", secondary=campaign_resources, order_by="Resource.name")
    criteria = relationship(
        "Criterion",
        back_populates="campaign",
        order_by="Criterion.position",
        cascade="all, delete-orphan",
    )

    def phase(self, today: date) -> str:
        if self.closed_at is not None or today > self.closes_on:
            return CLOSED
        if today < self.opens_on:
            return UPCOMING
        return OPEN

    @property
    def total_weight(self) -> int:
        return sum(c.weight for c in self.criteria)


class Criterion(db.Model):
    """One rated criterion of a campaign (scale 1–5) and its weight in the score."""

    __tablename__ = "evaluation_criteria"
    __table_args__ = (CheckConstraint("weight >= 1 AND weight <= 10", name="weight"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("evaluation_campaigns.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(120))
    weight: Mapped[int] = mapped_column(Integer, default=1)

    campaign = relationship("Campaign", back_populates="criteria")


class Evaluation(TimestampMixin, db.Model):
    """One library's evaluation of one resource in one campaign; updated_at is the last edit."""

    __tablename__ = "evaluations"
    __table_args__ = (
        UniqueConstraint(
            "campaign_id",
            "resource_id",
            "library_id",
            name="uq_evaluations_campaign_resource_library",
        ),
        CheckConstraint("usage IN ('never', 'occasional', 'regular')", name="usage"),
        CheckConstraint("recommendation IN ('keep', 'watch', 'drop')", name="recommendation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("evaluation_campaigns.id"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), index=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)
    usage: Mapped[str] = mapped_column(String(12))
    recommendation: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    campaign = relationship("Campaign")
    resource = relationship("Resource")
    library = relationship("Library")
    updated_by = relationship("User", foreign_keys=[updated_by_id])
    scores = relationship("Score", back_populates="evaluation", cascade="all, delete-orphan")

    def score_for(self, criterion_id: int) -> int | None:
        return next((s.score for s in self.scores if s.criterion_id == criterion_id), None)


class Score(db.Model):
    __tablename__ = "evaluation_scores"
    __table_args__ = (
        UniqueConstraint(
            "evaluation_id", "criterion_id", name="uq_evaluation_scores_evaluation_criterion"
        ),
        CheckConstraint("score >= 1 AND score <= 5", name="score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("evaluation_criteria.id"), index=True)
    score: Mapped[int] = mapped_column(Integer)

    evaluation = relationship("Evaluation", back_populates="scores")


class Reminder(db.Model):
    """The one reminder a library gets before a campaign closes."""

    __tablename__ = "evaluation_reminders"
    __table_args__ = (
        UniqueConstraint(
            "campaign_id", "library_id", name="uq_evaluation_reminders_campaign_library"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("evaluation_campaigns.id"), index=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
