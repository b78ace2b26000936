"""CSV exports of answers and attendance (spreadsheet-safe: no formula injection)."""

import csv
import io

from flask_babel import gettext as _

from sesame_group.core.timeutil import to_paris
from sesame_group.meetings.labels import answer_label

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8


def answers_csv(groups) -> bytes:
    header = [
        _("Collectivité"),
        _("Bibliothèque"),
        _("Membre"),
        _("Courriel"),
        _("Réponse"),
        _("Remplacement demandé"),
        _("Précisions"),
        _("Représentant"),
        _("Commentaire"),
        _("Répondu le"),
    ]
    rows = []
    for group in groups:
        for inv in group.invitations:
            answered = (
                to_paris(inv.responded_at).strftime("%d/%m/%Y %H:%M") if inv.responded_at else ""
            )
            rows.append(
                [
                    group.partner.name,
                    inv.library.name,
                    inv.user.display_name,
                    inv.user.email,
                    answer_label(inv.response),
                    _("oui") if inv.needs_replacement else _("non"),
                    inv.replacement_note,
                    _("oui") if inv.is_representative else _("non"),
                    inv.comment,
                    answered,
                ]
            )
    return to_csv(header, rows)


def attendance_csv(groups) -> bytes:
    header = [_("Collectivité"), _("Bibliothèque"), _("Membre"), _("Présence")]
    labels = {True: _("présent"), False: _("absent"), None: _("non saisie")}
    rows = [
        [group.partner.name, inv.library.name, inv.user.display_name, labels[inv.attended]]
        for group in groups
        for inv in group.invitations
    ]
    return to_csv(header, rows)
