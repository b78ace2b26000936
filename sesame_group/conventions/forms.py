"""Convention and contribution forms."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from sesame_group.core.forms import no_html

DATE_MSG = _l("Date invalide : utilisez le format jj/mm/aaaa.")
YEAR_RANGE = NumberRange(2000, 2100, message=_l("Année entre 2000 et 2100."))


class ConventionForm(FlaskForm):
    signed_on = DateField(
        _l("Date de signature par la dernière partie"), validators=[InputRequired(DATE_MSG)]
    )


class AmendmentForm(FlaskForm):
    signed_on = DateField(_l("Date de l’avenant"), validators=[InputRequired(DATE_MSG)])
    text = TextAreaField(
        _l("Objet de l’avenant"),
        validators=[
            DataRequired(_l("Décrivez l’avenant.")),
            Length(max=2000, message=_l("2 000 caractères au plus.")),
            no_html,
        ],
    )


class TerminationForm(FlaskForm):
    kind = RadioField(
        _l("Type de résiliation"),
        choices=[
            ("amicable", _l("À l’amiable, avec un préavis de deux mois")),
            ("formal_notice", _l("Après une mise en demeure restée sans effet trente jours")),
        ],
        validators=[InputRequired(_l("Choisissez le type de résiliation."))],
    )
    notice_on = DateField(
        _l("Date du préavis ou de la mise en demeure"), validators=[InputRequired(DATE_MSG)]
    )
    terminated_on = DateField(
        _l("Date d’effet de la résiliation"), validators=[InputRequired(DATE_MSG)]
    )
    reason = StringField(
        _l("Motif"),
        validators=[
            DataRequired(_l("Indiquez le motif.")),
            Length(max=500, message=_l("500 caractères au plus.")),
            no_html,
        ],
    )


class RateForm(FlaskForm):
    year = IntegerField(
        _l("Année"), validators=[InputRequired(_l("Indiquez l’année.")), YEAR_RANGE]
    )
    rate = DecimalField(
        _l("Montant par habitant (€)"),
        places=4,
        validators=[
            InputRequired(_l("Indiquez le montant par habitant.")),
            NumberRange(0, 100, message=_l("Montant entre 0 et 100 €.")),
        ],
    )


class GenerateForm(FlaskForm):
    year = IntegerField(
        _l("Année"), validators=[InputRequired(_l("Indiquez l’année.")), YEAR_RANGE]
    )


class ContributionForm(FlaskForm):
    invoiced_on = DateField(_l("Titre de recettes émis le"), validators=[Optional()])
    paid_on = DateField(_l("Payé le"), validators=[Optional()])


class OverviewFilterForm(FlaskForm):
    class Meta:
        csrf = False

    year = IntegerField(
        _l("Année"), validators=[Optional(), YEAR_RANGE], default=lambda: date.today().year
    )
    status = SelectField(
        _l("Convention"),
        choices=[
            ("", _l("Toutes")),
            ("active", _l("En cours")),
            ("ending_soon", _l("Se termine sous 60 jours")),
            ("ended", _l("Terminée")),
            ("terminated", _l("Résiliée")),
            ("none", _l("Sans convention")),
        ],
        validators=[Optional()],
    )
    unpaid = SelectField(
        _l("Contribution"),
        choices=[("", _l("Toutes")), ("1", _l("Non payée"))],
        validators=[Optional()],
    )
    missed = SelectField(
        _l("Engagements"),
        choices=[("", _l("Tous")), ("1", _l("Au moins un engagement manqué"))],
        validators=[Optional()],
    )
