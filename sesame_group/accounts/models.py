"""Users and their single-use tokens."""

import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sesame_group.core.models import TimestampMixin
from sesame_group.core.timeutil import UTCDateTime, utcnow
from sesame_group.extensions import db

ROLES = ("coordinator", "librarian")


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('coordinator', 'librarian')", name="role"),
        CheckConstraint("role = 'coordinator' OR library_id IS NOT NULL", name="librarian_library"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    library_id: Mapped[int | None] = mapped_column(ForeignKey("libraries.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(5), default="fr")
    password_hash: Mapped[str | None] = mapped_column(String(255))

    library = relationship("Library", back_populates="members")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return bool(self.active)

    def get_id(self) -> str:
        """Session id: the user id and a fingerprint of the password hash, so that changing
        the password ends every other session of the account."""
        return f"{self.id}:{self.session_fingerprint}"

    @property
    def session_fingerprint(self) -> str:
        if not self.password_hash:
            return "-"
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    def __repr__(self):
        return f"<User {self.id} {self.role}>"


class UserToken(db.Model):
    """Invitation or password-reset link: single use, expiring, stored as a hash."""

    __tablename__ = "user_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(10))  # invite | reset
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")


class LoginAttempt(db.Model):
    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
