"""Meetings, the libraries invited, each member's invitation (RSVP, attendance), documents."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sesame_group.core.models import TimestampMixin
from sesame_group.core.timeutil import UTCDateTime
from sesame_group.extensions import db

KINDS = ("annual_review", "group", "other")
DRAFT, ANNOUNCED, CANCELLED = "draft", "announced", "cancelled"
STATUSES = (DRAFT, ANNOUNCED, CANCELLED)
ATTENDING, NOT_ATTENDING, MAYBE = "attending", "not_attending", "maybe"
RESPONSES = (ATTENDING, NOT_ATTENDING, MAYBE)


class Meeting(TimestampMixin, db.Model):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("kind IN ('annual_review', 'group', 'other')", name="kind"),
        CheckConstraint("status IN ('draft', 'announced', 'cancelled')", name="status"),
        CheckConstraint("starts_at < ends_at", name="range"),
        CheckConstraint("sequence >= 0", name="sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    online_url: Mapped[str] = mapped_column(String(300), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=DRAFT, index=True)
    # SEQUENCE of the iCal event: bumped on every change an invitee should notice.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    invite_all: Mapped[bool] = mapped_column(Boolean, default=True)
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    minutes: Mapped[str] = mapped_column(Text, default="")
    minutes_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attendance_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    invited_libraries = relationship(
        "MeetingLibrary", cascade="all, delete-orphan", back_populates="meeting"
    )
    invitations = relationship("Invitation", back_populates="meeting", order_by="Invitation.id")
    documents = relationship(
        "MeetingDocument", back_populates="meeting", order_by="MeetingDocument.id"
    )

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    @property
    def is_cancelled(self) -> bool:
        return self.status == CANCELLED

    @property
    def is_announced(self) -> bool:
        return self.status == ANNOUNCED

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.place, self.online_url) if part)


class MeetingLibrary(db.Model):
    """A library invited to a meeting; none at all means every library."""

    __tablename__ = "meeting_libraries"
    __table_args__ = (UniqueConstraint("meeting_id", "library_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)

    meeting = relationship("Meeting", back_populates="invited_libraries")
    library = relationship("Library")


class Invitation(TimestampMixin, db.Model):
    """One member invited to one meeting: answer, replacement need, attendance."""

    __tablename__ = "meeting_invitations"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        CheckConstraint(
            "response IS NULL OR response IN ('attending', 'not_attending', 'maybe')",
            name="response",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)
    response: Mapped[str | None] = mapped_column(String(15))
    needs_replacement: Mapped[bool] = mapped_column(Boolean, default=False)
    replacement_note: Mapped[str] = mapped_column(String(500), default="")
    comment: Mapped[str] = mapped_column(String(1000), default="")
    is_representative: Mapped[bool] = mapped_column(Boolean, default=False)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended: Mapped[bool | None] = mapped_column(Boolean)
    # Added to the meeting's sequence in the personal feed (the answer shapes the event).
    revision: Mapped[int] = mapped_column(Integer, default=0)

    meeting = relationship("Meeting", back_populates="invitations")
    user = relationship("User")
    library = relationship("Library")


class MeetingDocument(db.Model):
    """A file attached to a meeting (minutes annex...), stored outside static/."""

    __tablename__ = "meeting_documents"
    __table_args__ = (CheckConstraint("size > 0", name="size"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    filename: Mapped[str] = mapped_column(String(160))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    mimetype: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    meeting = relationship("Meeting", back_populates="documents")
