"""Replacement status form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired, Length

from sesame_group.core.forms import no_html, strip_filter
from sesame_group.replacements.models import ARRANGED, NOT_NEEDED, TO_PLAN


class ReplacementForm(FlaskForm):
    status = RadioField(
        _l("Remplacement"),
        choices=[
            (TO_PLAN, _l("À prévoir")),
            (ARRANGED, _l("Prévu")),
            (NOT_NEEDED, _l("Non nécessaire")),
        ],
        validators=[InputRequired(_l("Choisissez un statut."))],
    )
    arranged_by = StringField(
        _l("Remplacé·e par"),
        filters=[strip_filter],
        validators=[Length(max=200, message=_l("200 caractères au plus.")), no_html],
    )
    reason = StringField(
        _l("Raison"),
        filters=[strip_filter],
        validators=[Length(max=300, message=_l("300 caractères au plus.")), no_html],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.status.data == ARRANGED and not self.arranged_by.data:
            self.arranged_by.errors.append(_l("Indiquez qui assure le remplacement."))
            valid = False
        if self.status.data == NOT_NEEDED and not self.reason.data:
            self.reason.errors.append(_l("Indiquez pourquoi aucun remplacement n’est nécessaire."))
            valid = False
        return valid
