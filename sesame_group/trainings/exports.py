"""CSV exports for French spreadsheets: UTF-8 with BOM, « ; » separator."""

import csv
import io

from flask_babel import gettext as _

from sesame_group.core.dates import jour_court
from sesame_group.trainings.models import CANCELLED

STATUS_LABELS = {
    "confirmed": "inscrit·e",
    "waiting": "liste d’attente",
    "cancelled": "annulée",
    "present": "présent·e",
    "excused": "excusé·e",
    "absent": "absent·e",
}


def _safe(cell):
    """No formula injection: a cell starting with = + - @ is quoted for spreadsheets."""
    text = str(cell)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_safe(cell) for cell in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _library(user):
    return user.library.name if user.library else ""


def registrants_csv(registrations, positions) -> bytes:
    header = [_("Nom"), _("Courriel"), _("Bibliothèque"), _("Statut"), _("Rang d’attente")]
    rows = [
        [
            r.user.display_name,
            r.user.email,
            _library(r.user),
            STATUS_LABELS[r.status],
            positions.get(r.id, ""),
        ]
        for r in registrations
    ]
    return _csv(header, rows)


def attendance_csv(session, registrations, attendance, completed) -> bytes:
    days = [d for d in session.days if d.status != CANCELLED]
    header = [
        _("Nom"),
        _("Bibliothèque"),
        *[jour_court(d.starts_at) for d in days],
        _("Formation suivie"),
    ]
    rows = []
    for reg in registrations:
        if reg.status != "confirmed":
            continue
        marks = [STATUS_LABELS.get(attendance.get((reg.id, d.id)), "") for d in days]
        rows.append(
            [
                reg.user.display_name,
                _library(reg.user),
                *marks,
                _("oui") if completed(reg.id) else _("non"),
            ]
        )
    return _csv(header, rows)
