"""UTC storage, Europe/Paris display."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

PARIS = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    """Aware UTC now, whole seconds."""
    return datetime.now(UTC).replace(microsecond=0)


def to_paris(dt: datetime) -> datetime:
    return as_utc(dt).astimezone(PARIS)


def as_utc(dt: datetime) -> datetime:
    """Naive datetimes are taken as UTC (SQLite hands them back naive)."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def paris_to_utc(naive_local: datetime) -> datetime:
    """A wall-clock time typed in a form (Europe/Paris) to aware UTC."""
    return naive_local.replace(tzinfo=PARIS).astimezone(UTC)


def paris_today():
    return utcnow().astimezone(PARIS).date()


class UTCDateTime(TypeDecorator):
    """Aware UTC in, aware UTC out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return as_utc(value)
