"""Partners, libraries, weekly hours and closures: the writes. Services flush; callers commit."""

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from sesame_group.core.audit import record
from sesame_group.core.errors import DomainError
from sesame_group.extensions import db
from sesame_group.network import rules
from sesame_group.network.models import Closure, Library, OpeningHour, Partner

PARTNER_FIELDS = ("name", "kind", "insee_code", "population", "population_year")
LIBRARY_FIELDS = (
    "name",
    "partner_id",
    "address",
    "postal_code",
    "town",
    "email",
    "phone",
    "website_url",
)


def _check_partner(data: dict, partner: Partner | None = None) -> None:
    message = rules.insee_code_error(data["kind"], data["insee_code"])
    if message:
        raise DomainError(message, "insee_code")
    if data["population"] < 0:
        raise DomainError(_("La population doit être positive ou nulle."), "population")
    message = rules.population_year_error(data["population_year"])
    if message:
        raise DomainError(message, "population_year")
    query = select(Partner.id).where(func.lower(Partner.name) == data["name"].lower())
    if partner is not None:
        query = query.where(Partner.id != partner.id)
    if db.session.scalar(query) is not None:
        raise DomainError(_("Une collectivité porte déjà ce nom."), "name")


def save_partner(partner: Partner | None, data: dict, *, by) -> Partner:
    """Create (partner None) or update a partner from `data` (PARTNER_FIELDS).

    Side effects: one audit entry for `by`. Flushes only.
    Raises DomainError (with the field) on a bad code, population, year or a duplicate name.
    """
    _check_partner(data, partner)
    creating = partner is None
    partner = partner or Partner()
    for name in PARTNER_FIELDS:
        setattr(partner, name, data[name])
    db.session.add(partner)
    db.session.flush()
    record(
        by,
        "network.partner_create" if creating else "network.partner_update",
        partner,
        partner.name,
    )
    return partner


def save_library(library: Library | None, data: dict, *, by) -> Library:
    """Create (library None) or update a library from `data` (LIBRARY_FIELDS).

    Side effects: one audit entry for `by`. Flushes only.
    Raises DomainError when the partner does not exist or the web address is not http(s).
    """
    if db.session.get(Partner, data["partner_id"]) is None:
        raise DomainError(_("Collectivité inconnue."), "partner_id")
    message = rules.url_error(data["website_url"] or "")
    if message:
        raise DomainError(message, "website_url")
    creating = library is None
    library = library or Library()
    for name in LIBRARY_FIELDS:
        setattr(library, name, data[name] or ("" if name != "partner_id" else None))
    db.session.add(library)
    db.session.flush()
    record(
        by,
        "network.library_create" if creating else "network.library_update",
        library,
        library.name,
    )
    return library


def replace_weekly_hours(library: Library, ranges: list, *, by) -> None:
    """Replace the whole weekly schedule with `ranges` [(weekday, opens, closes)], all or nothing.

    Side effects: the library's opening hours rows replaced; one audit entry. Flushes only.
    Raises DomainError on a reversed or overlapping range (nothing is changed then).
    """
    if len(ranges) > rules.MAX_RANGES:
        raise DomainError(_("%(max)d plages au plus.", max=rules.MAX_RANGES), "rows")
    for weekday, opens, closes in ranges:
        if not 0 <= weekday <= 6 or opens >= closes:
            raise DomainError(_("L’heure de fermeture doit suivre l’heure d’ouverture."), "rows")
    if rules.overlap_errors([(i, *r) for i, r in enumerate(ranges)]):
        raise DomainError(_("Cette plage chevauche une autre plage du même jour."), "rows")
    # Serialise concurrent edits of the same schedule (PostgreSQL; SQLite already is).
    db.session.execute(select(Library.id).where(Library.id == library.id).with_for_update())
    db.session.execute(delete(OpeningHour).where(OpeningHour.library_id == library.id))
    db.session.expire(library, ["opening_hours"])
    db.session.add_all(
        OpeningHour(library_id=library.id, weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in ranges
    )
    db.session.flush()
    record(by, "network.hours_update", library, f"{len(ranges)} plage(s)")


def add_closure(library: Library, starts_on, ends_on, reason: str, *, by) -> Closure:
    """Add a closure (inclusive date range). Side effects: one audit entry. Flushes only.

    Raises DomainError when the end precedes the start or the closure lasts over a year.
    """
    message = rules.closure_error(starts_on, ends_on)
    if message:
        raise DomainError(message, "ends_on")
    closure = Closure(library_id=library.id, starts_on=starts_on, ends_on=ends_on, reason=reason)
    db.session.add(closure)
    db.session.flush()
    db.session.expire(library, ["closures"])
    record(by, "network.closure_add", library, f"{starts_on} – {ends_on} : {reason}")
    return closure


def delete_closure(closure: Closure, *, by) -> None:
    """Remove a closure (a typo or a cancelled closure). Side effects: one audit entry."""
    library = closure.library
    summary = f"{closure.starts_on} – {closure.ends_on} : {closure.reason}"
    db.session.delete(closure)
    db.session.flush()
    db.session.expire(library, ["closures"])
    record(by, "network.closure_delete", library, summary)
