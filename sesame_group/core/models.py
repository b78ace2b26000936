"""Column helpers shared by every domain's models."""

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from sesame_group.core.timeutil import UTCDateTime, utcnow


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False
    )
