"""Translated labels for the fixed status codes of the follow-up."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "active": _l("En cours"),
    "ending_soon": _l("Se termine sous 60 jours"),
    "ended": _l("Terminée"),
    "terminated": _l("Résiliée"),
    "not_started": _l("Pas encore en vigueur"),
    "none": _l("Sans convention"),
    "met": _l("Respecté"),
    "not_yet": _l("Pas encore"),
    "missed": _l("Manqué"),
    "amicable": _l("À l’amiable"),
    "formal_notice": _l("Après mise en demeure"),
}
BADGES = {
    "active": "ok",
    "met": "ok",
    "ending_soon": "warn",
    "not_yet": "warn",
    "not_started": "warn",
    "ended": "error",
    "terminated": "error",
    "missed": "error",
    "none": "error",
}


def status_label(code: str) -> str:
    return str(LABELS.get(code, code))


def status_badge(code: str) -> str:
    return BADGES.get(code, "warn")
