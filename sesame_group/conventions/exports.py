"""CSV (UTF-8 with BOM, ';') and XLSX exports of the follow-up overview and contributions."""

import csv
import io

from flask_babel import gettext as _
from openpyxl import Workbook

from sesame_group.conventions.labels import status_label


def overview_rows(rows, year):
    header = [
        _("Partenaire"),
        _("Population"),
        _("Convention signée le"),
        _("Fin"),
        _("État de la convention"),
        _("Contribution %(year)d (€)", year=year),
        _("Titre de recettes"),
        _("Payée le"),
        _("Engagements"),
    ]
    body = []
    for row in rows:
        contribution = row.contribution
        body.append(
            [
                row.partner.name,
                row.partner.population,
                row.convention.signed_on.strftime("%d/%m/%Y") if row.convention else "",
                row.end.strftime("%d/%m/%Y") if row.end else "",
                status_label(row.status),
                _money(contribution.amount) if contribution else "",
                contribution.invoiced_on.strftime("%d/%m/%Y")
                if contribution and contribution.invoiced_on
                else "",
                contribution.paid_on.strftime("%d/%m/%Y")
                if contribution and contribution.paid_on
                else "",
                status_label(row.report.overall),
            ]
        )
    return header, body


def contribution_rows(contributions):
    header = [
        _("Partenaire"),
        _("Année"),
        _("Population"),
        _("Année de la population"),
        _("Taux (€/hab.)"),
        _("Montant (€)"),
        _("Titre de recettes"),
        _("Payée le"),
    ]
    body = [
        [
            c.partner.name,
            c.year,
            c.population,
            c.population_year,
            _rate(c.rate),
            _money(c.amount),
            c.invoiced_on.strftime("%d/%m/%Y") if c.invoiced_on else "",
            c.paid_on.strftime("%d/%m/%Y") if c.paid_on else "",
        ]
        for c in contributions
    ]
    return header, body


def _money(value) -> str:
    return f"{value:.2f}".replace(".", ",")


def _rate(value) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",") if value is not None else ""


def to_csv(header, body) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(header, body, title) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in body:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
