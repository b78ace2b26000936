"""Agenda filters (GET) and the token confirmation form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

KINDS = (
    ("", _l("Tous")),
    ("training", _l("Formations")),
    ("meeting", _l("Réunions")),
    ("action", _l("Actions culturelles")),
)
SCOPES = (
    ("", _l("Tout le groupe")),
    ("mine", _l("Mes événements")),
    ("library", _l("Ma bibliothèque")),
)
WHEN = (("upcoming", _l("À venir")), ("past", _l("Passés")))


class AgendaFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Type"), choices=KINDS, default="")
    scope = SelectField(_l("Qui"), choices=SCOPES, default="")
    when = SelectField(_l("Période"), choices=WHEN, default="upcoming")

    def values(self) -> dict:
        """Valid values only; anything else falls back to the default."""
        self.validate()
        return {
            name: (
                getattr(self, name).data
                if not getattr(self, name).errors
                else getattr(self, name).default
            )
            for name in ("kind", "scope", "when")
        }


class ConfirmForm(FlaskForm):
    """An empty form: CSRF only."""
