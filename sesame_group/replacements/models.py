"""Replacement status of one absence on the library's opening hours."""

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sesame_group.core.models import TimestampMixin
from sesame_group.extensions import db

TO_PLAN, ARRANGED, NOT_NEEDED = "to_plan", "arranged", "not_needed"
STATUSES = (TO_PLAN, ARRANGED, NOT_NEEDED)


class Replacement(TimestampMixin, db.Model):
    """Keyed by core.absences.Absence.key (« training-day-12:user-5 »), stable for ever.

    No row means « to plan ». `sequence` goes up on every change, so the absence's event in
    the library feed gets a higher SEQUENCE.
    """

    __tablename__ = "replacements"
    __table_args__ = (
        CheckConstraint("status IN ('to_plan', 'arranged', 'not_needed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    absence_key: Mapped[str] = mapped_column(String(80), unique=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=TO_PLAN)
    arranged_by: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(300), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sequence: Mapped[int] = mapped_column(Integer, default=0)

    updated_by = relationship("User")
    library = relationship("Library")
