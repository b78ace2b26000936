"""Feed tokens (secret subscription links) and the state of each rendered feed."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sesame_group.core.timeutil import UTCDateTime, utcnow
from sesame_group.extensions import db

TOKEN_KINDS = ("personal", "library")


class FeedToken(db.Model):
    """A subscription link of one user to one feed; only the SHA-256 of the secret is kept."""

    __tablename__ = "feed_tokens"
    __table_args__ = (CheckConstraint("kind IN ('personal', 'library')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class FeedState(db.Model):
    """What a feed last served: ETag of its bytes, when they last changed (never backwards),
    and the fingerprint of the inputs they were built from (304 without rebuilding)."""

    __tablename__ = "feed_states"

    feed_key: Mapped[str] = mapped_column(String(60), primary_key=True)  # public, library:3
    etag: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
