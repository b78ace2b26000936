"""CSV exports (UTF-8 with BOM, ';', decimal comma) of raw evaluations and of results."""

import csv
import io

from flask_babel import gettext as _

from sesame_group.core.timeutil import to_paris
from sesame_group.resources.labels import category_label, recommendation_label, usage_label
from sesame_group.resources.models import RECOMMENDATIONS, SCORES


def _decimal(value) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def evaluation_rows(campaign, evaluations):
    criteria = campaign.criteria
    header = [
        _("Partenaire"),
        _("Bibliothèque"),
        _("Ressource"),
        *[c.label for c in criteria],
        _("Score pondéré"),
        _("Usage en médiation"),
        _("Recommandation"),
        _("Commentaire"),
        _("Dernière modification"),
        _("Par"),
    ]
    weights = sum(c.weight for c in criteria) or 1
    body = []
    for e in evaluations:
        scores = [e.score_for(c.id) for c in criteria]
        weighted = sum((s or 0) * c.weight for s, c in zip(scores, criteria, strict=True)) / weights
        body.append(
            [
                e.library.partner.name,
                e.library.name,
                e.resource.name,
                *scores,
                _decimal(weighted),
                usage_label(e.usage),
                recommendation_label(e.recommendation),
                e.comment,
                to_paris(e.updated_at).strftime("%d/%m/%Y %H:%M"),
                e.updated_by.display_name if e.updated_by else "",
            ]
        )
    return header, body


def result_rows(campaign, results):
    criteria = campaign.criteria
    header = [
        _("Ressource"),
        _("Catégorie"),
        _("Évaluations"),
        *[_("Moyenne : %(label)s", label=c.label) for c in criteria],
        _("Score pondéré"),
        _("Campagne précédente"),
        *[_("Notes à %(score)d", score=s) for s in SCORES],
        *[recommendation_label(r) for r in RECOMMENDATIONS],
    ]
    body = [
        [
            r.resource.name,
            category_label(r.resource.category),
            r.count,
            *[_decimal(r.means.get(c.id)) for c in criteria],
            _decimal(r.weighted),
            _decimal(r.previous),
            *[r.distribution[s] for s in SCORES],
            *[r.recommendations[k] for k in RECOMMENDATIONS],
        ]
        for r in results
    ]
    return header, body


def to_csv(header, body) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_neutralise(cell) for cell in row] for row in body])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _neutralise(cell):
    """Spreadsheet formula injection: a text cell starting with = + - @ is read as text."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell
