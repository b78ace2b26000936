"""Cultural action proposals, their dates, comments, supports and the yearly budget."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
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

# Fixed internal codes; labels live in labels.py.
DRAFT, SUBMITTED, UNDER_REVIEW, CHANGES_REQUESTED = (
    "draft",
    "submitted",
    "under_review",
    "changes_requested",
)
ACCEPTED, DECLINED, WITHDRAWN, COMPLETED, CANCELLED = (
    "accepted",
    "declined",
    "withdrawn",
    "completed",
    "cancelled",
)
STATUSES = (
    DRAFT,
    SUBMITTED,
    UNDER_REVIEW,
    CHANGES_REQUESTED,
    ACCEPTED,
    DECLINED,
    WITHDRAWN,
    COMPLETED,
    CANCELLED,
)
AUDIENCES = ("youth", "adults", "seniors", "all")
FORMATS = ("workshop", "demonstration", "meeting", "exhibition", "other")
# Statuses whose dates are calendar entries (cancelled ones stay, as CANCELLED).
CALENDAR_STATUSES = (ACCEPTED, COMPLETED, CANCELLED)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


action_partner_libraries = Table(
    "action_partner_libraries",
    db.metadata,
    Column("proposal_id", ForeignKey("action_proposals.id"), primary_key=True),
    Column("library_id", ForeignKey("libraries.id"), primary_key=True, index=True),
)

action_resources = Table(
    "action_resources",
    db.metadata,
    Column("proposal_id", ForeignKey("action_proposals.id"), primary_key=True),
    Column("resource_id", ForeignKey("resources.id"), primary_key=True, index=True),
)


class ActionProposal(TimestampMixin, db.Model):
    __tablename__ = "action_proposals"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("audience", AUDIENCES), name="audience"),
        CheckConstraint(_in("format", FORMATS), name="format"),
        CheckConstraint("requested_amount >= 0", name="requested_amount"),
        CheckConstraint("granted_amount IS NULL OR granted_amount >= 0", name="granted_amount"),
        CheckConstraint("expected_participants >= 0", name="expected_participants"),
        CheckConstraint("kakemonos >= 0 AND posters >= 0 AND cards >= 0", name="materials"),
        CheckConstraint(
            "actual_participants IS NULL OR actual_participants >= 0", name="actual_participants"
        ),
        CheckConstraint(
            "decision IS NULL OR decision IN ('accepted', 'declined')", name="decision"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    title: Mapped[str] = mapped_column(String(160))
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")  # Markdown, sanitised on display
    audience: Mapped[str] = mapped_column(String(10))
    format: Mapped[str] = mapped_column(String(15))
    resources: Mapped[str] = mapped_column(String(300), default="")
    expected_participants: Mapped[int] = mapped_column(Integer, default=0)
    requested_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    budget_breakdown: Mapped[str] = mapped_column(Text, default="")  # Markdown
    kakemonos: Mapped[int] = mapped_column(Integer, default=0)
    posters: Mapped[int] = mapped_column(Integer, default=0)
    cards: Mapped[int] = mapped_column(Integer, default=0)
    team_help: Mapped[str] = mapped_column(String(1000), default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Decision: recorded (pending) by the coordinator, applied when announced.
    decision: Mapped[str | None] = mapped_column(String(10))
    granted_amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    decision_note: Mapped[str] = mapped_column(Text, default="")  # conditions or reason
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changes_note: Mapped[str] = mapped_column(Text, default="")
    # Report after the action.
    actual_participants: Mapped[int | None] = mapped_column(Integer)
    assessment: Mapped[str] = mapped_column(Text, default="")  # Markdown
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    library = relationship("Library")
    author = relationship("User", foreign_keys=[author_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
    partner_libraries = relationship(
        "Library", secondary=action_partner_libraries, order_by="Library.name"
    )
    promoted = relationship("Resource", secondary=action_resources, order_by="Resource.name")
    dates = relationship(
        "ActionDate",
        back_populates="proposal",
        order_by="ActionDate.starts_at",
        cascade="all, delete-orphan",
    )
    comments = relationship("ActionComment", back_populates="proposal", order_by="ActionComment.id")
    supports = relationship("ActionSupport", back_populates="proposal")

    @property
    def library_ids(self) -> set[int]:
        return {self.library_id, *(lib.id for lib in self.partner_libraries)}

    @property
    def active_dates(self):
        return [d for d in self.dates if not d.cancelled]

    @property
    def first_start(self):
        starts = [d.starts_at for d in self.active_dates] or [d.starts_at for d in self.dates]
        return min(starts) if starts else None

    @property
    def last_end(self):
        ends = [d.ends_at for d in self.active_dates]
        return max(ends) if ends else None

    @property
    def decision_pending(self) -> bool:
        return self.decision is not None and self.announced_at is None


class ActionDate(TimestampMixin, db.Model):
    """One planned date: start and end instants (UTC), a place; `sequence` feeds SEQUENCE."""

    __tablename__ = "action_dates"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="range"),
        CheckConstraint("sequence >= 0", name="sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("action_proposals.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    sequence: Mapped[int] = mapped_column(Integer, default=0)

    proposal = relationship("ActionProposal", back_populates="dates")


class ActionComment(db.Model):
    """A comment (threaded one level by parent_id), or a coordinator's internal note."""

    __tablename__ = "action_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("action_proposals.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("action_comments.id"))
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[str] = mapped_column(Text)  # Markdown
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    proposal = relationship("ActionProposal", back_populates="comments")
    author = relationship("User")


class ActionSupport(db.Model):
    __tablename__ = "action_supports"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id", name="one_support"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("action_proposals.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    proposal = relationship("ActionProposal", back_populates="supports")


class ActionBudget(TimestampMixin, db.Model):
    """Yearly budget of the animation programme, set by the coordinator."""

    __tablename__ = "action_budgets"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
