"""Jinja helpers of the network templates."""

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "commune": _l("Commune"),
    "cc": _l("Communauté de communes"),
    "ca": _l("Communauté d’agglomération"),
}


def partner_kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


GLOBALS = {"partner_kind_label": partner_kind_label}
