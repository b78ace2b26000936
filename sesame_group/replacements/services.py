"""Setting the replacement status of an absence."""

from flask_babel import gettext as _
from sqlalchemy import select

from sesame_group.core.errors import DomainError
from sesame_group.extensions import db
from sesame_group.network.models import Library
from sesame_group.replacements.models import ARRANGED, NOT_NEEDED, STATUSES, Replacement


def set_replacement(
    library: Library, absence_key: str, status: str, *, arranged_by: str = "", reason: str = "", by
) -> Replacement:
    """Record who replaces the absent member (or why nobody needs to).

    Side effects: creates or updates the absence's Replacement row; `sequence` + 1 when
    something visible changed (library feed SEQUENCE). Flushes only. The library row is
    locked first, so two members saving at once cannot both create the row.
    Raises DomainError on an unknown status or a missing « by whom » / reason.
    """
    if status not in STATUSES:
        raise DomainError(_("Statut de remplacement inconnu."), "status")
    arranged_by = arranged_by.strip() if status == ARRANGED else ""
    reason = reason.strip() if status == NOT_NEEDED else ""
    if status == ARRANGED and not arranged_by:
        raise DomainError(_("Indiquez qui assure le remplacement."), "arranged_by")
    if status == NOT_NEEDED and not reason:
        raise DomainError(_("Indiquez pourquoi aucun remplacement n’est nécessaire."), "reason")
    db.session.execute(select(Library.id).where(Library.id == library.id).with_for_update())
    row = db.session.scalar(select(Replacement).where(Replacement.absence_key == absence_key))
    if row is None:
        row = Replacement(absence_key=absence_key, library_id=library.id, sequence=0)
        db.session.add(row)
    elif (row.status, row.arranged_by, row.reason) == (status, arranged_by, reason):
        return row
    else:
        row.sequence += 1
    row.status, row.arranged_by, row.reason, row.updated_by_id = status, arranged_by, reason, by.id
    db.session.flush()
    return row
