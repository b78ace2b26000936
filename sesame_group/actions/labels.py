"""Translated labels of the fixed internal codes."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "draft": _l("Brouillon"),
    "submitted": _l("Soumise"),
    "under_review": _l("En cours d’examen"),
    "changes_requested": _l("Modifications demandées"),
    "accepted": _l("Acceptée"),
    "declined": _l("Refusée"),
    "withdrawn": _l("Retirée"),
    "completed": _l("Réalisée"),
    "cancelled": _l("Annulée"),
}
STATUS_BADGES = {
    "accepted": "ok",
    "completed": "ok",
    "declined": "error",
    "cancelled": "error",
    "changes_requested": "warn",
    "withdrawn": "warn",
}
AUDIENCE_LABELS = {
    "youth": _l("Jeunesse"),
    "adults": _l("Adultes"),
    "seniors": _l("Seniors"),
    "all": _l("Tout public"),
}
FORMAT_LABELS = {
    "workshop": _l("Atelier"),
    "demonstration": _l("Démonstration"),
    "meeting": _l("Rencontre"),
    "exhibition": _l("Exposition"),
    "other": _l("Autre"),
}
DECISION_LABELS = {"accepted": _l("Acceptation"), "declined": _l("Refus")}


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def status_badge(code: str) -> str:
    return STATUS_BADGES.get(code, "")
