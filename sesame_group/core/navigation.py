"""Header menu and site map: one list, filtered by what is registered and by role."""

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from sesame_group.core.permissions import is_coordinator

# (endpoint, label, coordinator only)
MENU = (
    ("dashboard.index", _l("Accueil"), False),
    ("trainings.index", _l("Formations"), False),
    ("meetings.index", _l("Réunions"), False),
    ("calendar.agenda", _l("Agenda"), False),
    ("replacements.index", _l("Remplacements"), False),
    ("resources.index", _l("Ressources"), False),
    ("actions.index", _l("Actions culturelles"), False),
    ("conventions.index", _l("Conventions"), False),
    ("network.libraries", _l("Bibliothèques"), False),
    ("network.partners", _l("Partenaires"), True),
    ("accounts.members", _l("Membres"), True),
    ("core.audit_log", _l("Journal"), True),
)


def has_endpoint(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def nav_items():
    coordinator = is_coordinator(current_user)
    return [
        (endpoint, label)
        for endpoint, label, coordinator_only in MENU
        if has_endpoint(endpoint) and (coordinator or not coordinator_only)
    ]


def current_lang() -> str:
    locale = get_locale()
    return locale.language if locale else "fr"


GLOBALS = {"has_endpoint": has_endpoint, "nav_items": nav_items, "current_lang": current_lang}
