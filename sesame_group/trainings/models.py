"""Training sessions, their days, registrations (with waiting list) and attendance per day."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sesame_group.core.models import TimestampMixin
from sesame_group.core.timeutil import UTCDateTime
from sesame_group.extensions import db

DRAFT, PUBLISHED, CANCELLED = "draft", "published", "cancelled"
SCHEDULED = "scheduled"
CONFIRMED, WAITING = "confirmed", "waiting"
PRESENT, EXCUSED, ABSENT = "present", "excused", "absent"
ATTENDANCE_STATUSES = (PRESENT, EXCUSED, ABSENT)


class TrainingSession(TimestampMixin, db.Model):
    """A training: one or more days, a capacity, a registration window, a state."""

    __tablename__ = "training_sessions"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'cancelled')", name="status"),
        CheckConstraint("capacity >= 1", name="capacity"),
        CheckConstraint("share_limit IS NULL OR share_limit >= 1", name="share_limit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(200), default="")
    trainer: Mapped[str] = mapped_column(String(200), default="")
    resources_text: Mapped[str] = mapped_column(String(500), default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int] = mapped_column(Integer)
    registration_opens_on: Mapped[date | None] = mapped_column(Date)
    registration_closes_on: Mapped[date | None] = mapped_column(Date)
    share_limit: Mapped[int | None] = mapped_column(Integer)  # seats per partner ...
    share_until: Mapped[date | None] = mapped_column(Date)  # ... until this date (inclusive)
    status: Mapped[str] = mapped_column(String(10), default=DRAFT, index=True)
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)  # iCal SEQUENCE part
    next_queue_number: Mapped[int] = mapped_column(Integer, default=1)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    days = relationship(
        "TrainingDay",
        back_populates="session",
        order_by="TrainingDay.starts_at",
        cascade="all, delete-orphan",
    )
    registrations = relationship(
        "Registration", back_populates="session", order_by="Registration.queue_number"
    )

    @property
    def active_days(self):
        return [day for day in self.days if day.status != CANCELLED]

    @property
    def first_day(self) -> date | None:
        days = self.active_days or self.days
        return days[0].local_date if days else None

    @property
    def last_day(self) -> date | None:
        days = self.active_days or self.days
        return days[-1].local_date if days else None


class TrainingDay(TimestampMixin, db.Model):
    __tablename__ = "training_days"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="range"),
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(300), default="")  # overrides the session's
    status: Mapped[str] = mapped_column(String(10), default=SCHEDULED)
    sequence: Mapped[int] = mapped_column(Integer, default=0)

    session = relationship("TrainingSession", back_populates="days")

    @property
    def local_date(self) -> date:
        from sesame_group.core.timeutil import to_paris

        return to_paris(self.starts_at).date()

    @property
    def where(self) -> str:
        return self.place or self.session.place or self.session.online_url


class Registration(TimestampMixin, db.Model):
    """One person on one session; cancelled rows stay. queue_number = arrival order."""

    __tablename__ = "training_registrations"
    __table_args__ = (
        UniqueConstraint("session_id", "user_id", name="uq_training_registrations_session_user"),
        CheckConstraint("status IN ('confirmed', 'waiting', 'cancelled')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    queue_number: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_for_day_id: Mapped[int | None] = mapped_column(ForeignKey("training_days.id"))

    session = relationship("TrainingSession", back_populates="registrations")
    user = relationship("User", foreign_keys=[user_id])
    attendances = relationship("Attendance", back_populates="registration")


class Attendance(TimestampMixin, db.Model):
    __tablename__ = "training_attendances"
    __table_args__ = (
        UniqueConstraint("day_id", "registration_id", name="uq_training_attendances_day_reg"),
        CheckConstraint("status IN ('present', 'excused', 'absent')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("training_days.id"), index=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("training_registrations.id"), index=True
    )
    status: Mapped[str] = mapped_column(String(10))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    day = relationship("TrainingDay")
    registration = relationship("Registration", back_populates="attendances")
