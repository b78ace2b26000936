"""Partners, libraries, weekly opening hours and closures."""

from datetime import date, time

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sesame_group.core.models import TimestampMixin
from sesame_group.extensions import db

PARTNER_KINDS = ("commune", "cc", "ca")  # commune, communauté de communes, d'agglomération


class Partner(TimestampMixin, db.Model):
    __tablename__ = "partners"
    __table_args__ = (
        CheckConstraint("kind IN ('commune', 'cc', 'ca')", name="kind"),
        CheckConstraint("population >= 0", name="population"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    insee_code: Mapped[str] = mapped_column(String(9))  # commune 5 digits, EPCI SIREN 9
    population: Mapped[int] = mapped_column(Integer)
    population_year: Mapped[int] = mapped_column(Integer)

    libraries = relationship("Library", back_populates="partner", order_by="Library.name")


class Library(TimestampMixin, db.Model):
    __tablename__ = "libraries"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    town: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    website_url: Mapped[str] = mapped_column(String(300), default="")

    partner = relationship("Partner", back_populates="libraries")
    members = relationship("User", back_populates="library", order_by="User.display_name")
    opening_hours = relationship(
        "OpeningHour",
        order_by="(OpeningHour.weekday, OpeningHour.opens)",
        cascade="all, delete-orphan",
        back_populates="library",
    )
    closures = relationship(
        "Closure",
        order_by="Closure.starts_on",
        cascade="all, delete-orphan",
        back_populates="library",
    )

    @property
    def full_address(self) -> str:
        parts = [self.address, f"{self.postal_code} {self.town}".strip()]
        return ", ".join(p for p in parts if p)


class OpeningHour(db.Model):
    """One opening range of a weekday, wall-clock time of the library (Europe/Paris)."""

    __tablename__ = "opening_hours"
    __table_args__ = (
        CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday"),
        CheckConstraint("opens < closes", name="range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = lundi
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)

    library = relationship("Library", back_populates="opening_hours")


class Closure(db.Model):
    __tablename__ = "closures"
    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))

    library = relationship("Library", back_populates="closures")
