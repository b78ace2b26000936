"""Reads of the member pages, relations loaded eagerly (a fixed number of statements)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from sesame_group.accounts.models import User
from sesame_group.accounts.services import search_filter
from sesame_group.extensions import db
from sesame_group.network.models import Library, Partner


def members_query(*, q=None, partner_id=None, library_id=None, role=None, active=None):
    """select(User) filtered for the member list, library and partner joined eagerly."""
    query = select(User).options(joinedload(User.library).joinedload(Library.partner))
    if q:
        query = query.where(search_filter(q))
    if partner_id:
        query = query.where(
            User.library_id.in_(select(Library.id).where(Library.partner_id == partner_id))
        )
    if library_id:
        query = query.where(User.library_id == library_id)
    if role:
        query = query.where(User.role == role)
    if active is not None:
        query = query.where(User.active.is_(active))
    return query.order_by(User.display_name, User.id)


def partner_choices() -> list[tuple[int, str]]:
    return [
        tuple(row)
        for row in db.session.execute(select(Partner.id, Partner.name).order_by(Partner.name))
    ]


def library_choices(partner_id=None) -> list[tuple[int, str]]:
    """(id, « Library — Partner ») ordered by name; one statement."""
    query = (
        select(Library.id, Library.name, Partner.name)
        .join(Partner)
        .order_by(Library.name, Library.id)
    )
    if partner_id:
        query = query.where(Library.partner_id == partner_id)
    return [(lid, f"{name} — {partner}") for lid, name, partner in db.session.execute(query)]
