"""Reads of partners and libraries, relations loaded eagerly (constant statement counts)."""

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from sesame_group.core.pagination import Page, paginate
from sesame_group.extensions import db
from sesame_group.network.models import Closure, Library, Partner

PER_PAGE = 25


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def with_hours(query):
    """Options so hours.py can run over many libraries without further queries."""
    return query.options(selectinload(Library.opening_hours), selectinload(Library.closures))


def library_page(q: str = "", partner_id: int | None = None, page: int = 1) -> Page:
    """Libraries matching a name/town search and a partner, with partner, hours and closures."""
    query = with_hours(select(Library).options(selectinload(Library.partner)))
    if q:
        pattern = _like(q.lower())
        query = query.where(
            or_(
                func.lower(Library.name).like(pattern, escape="\\"),
                func.lower(Library.town).like(pattern, escape="\\"),
            )
        )
    if partner_id:
        query = query.where(Library.partner_id == partner_id)
    return paginate(query.order_by(Library.name, Library.id), page, PER_PAGE)


def library_detail(library_id: int) -> Library | None:
    query = with_hours(select(Library).where(Library.id == library_id)).options(
        selectinload(Library.partner), selectinload(Library.members)
    )
    return db.session.scalar(query)


def library_counts(partner_ids: list[int]) -> dict[int, int]:
    if not partner_ids:
        return {}
    rows = db.session.execute(
        select(Library.partner_id, func.count(Library.id))
        .where(Library.partner_id.in_(partner_ids))
        .group_by(Library.partner_id)
    )
    return dict(rows.all())


def partner_page(q: str = "", kind: str = "", page: int = 1) -> tuple[Page, dict[int, int]]:
    """A page of partners and {partner_id: number of libraries} (three statements)."""
    query = select(Partner)
    if q:
        query = query.where(func.lower(Partner.name).like(_like(q.lower()), escape="\\"))
    if kind:
        query = query.where(Partner.kind == kind)
    result = paginate(query.order_by(Partner.name, Partner.id), page, PER_PAGE)
    return result, library_counts([p.id for p in result.items])


def partner_detail(partner_id: int) -> Partner | None:
    query = (
        select(Partner)
        .where(Partner.id == partner_id)
        .options(with_hours_loader(Partner.libraries))
    )
    return db.session.scalar(query)


def with_hours_loader(relationship):
    loader = selectinload(relationship)
    return loader.options(selectinload(Library.opening_hours), selectinload(Library.closures))


def partner_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(select(Partner.id, Partner.name).order_by(Partner.name))
    return [(partner_id, name) for partner_id, name in rows]


def closures_on(day) -> int:
    """How many libraries are closed (closure) on that day."""
    return (
        db.session.scalar(
            select(func.count(func.distinct(Closure.library_id))).where(
                Closure.starts_on <= day, Closure.ends_on >= day
            )
        )
        or 0
    )
