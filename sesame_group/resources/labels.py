"""French labels of the resources' enumerations (lazy, translated at render time)."""

from flask_babel import lazy_gettext as _l

CATEGORY_LABELS = {
    "presse": _l("Presse"),
    "cinema": _l("Cinéma et vidéo"),
    "musique": _l("Musique"),
    "autoformation": _l("Autoformation"),
    "jeunesse": _l("Jeunesse"),
    "livres": _l("Livres numériques"),
    "jeux": _l("Jeux"),
}
USAGE_LABELS = {
    "never": _l("Jamais"),
    "occasional": _l("Occasionnellement"),
    "regular": _l("Régulièrement"),
}
RECOMMENDATION_LABELS = {
    "keep": _l("Conserver"),
    "watch": _l("À surveiller"),
    "drop": _l("Abandonner"),
}
PHASE_LABELS = {
    "upcoming": _l("À venir"),
    "open": _l("Ouverte"),
    "closed": _l("Close"),
}
DEFAULT_CRITERIA = (
    (_l("Facilité d’utilisation pour les lecteurs"), 1),
    (_l("Qualité des contenus"), 1),
    (_l("Adéquation avec nos publics"), 1),
    (_l("Facilité de médiation"), 1),
)


def category_label(value: str) -> str:
    return str(CATEGORY_LABELS.get(value, value))


def usage_label(value: str) -> str:
    return str(USAGE_LABELS.get(value, value))


def recommendation_label(value: str) -> str:
    return str(RECOMMENDATION_LABELS.get(value, value))


def phase_label(value: str) -> str:
    return str(PHASE_LABELS.get(value, value))
