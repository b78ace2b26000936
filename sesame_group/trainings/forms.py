"""Training forms: shape only (lengths, ranges, dates in order); services decide the rest."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from sesame_group.core.forms import no_html, strip_filter
from sesame_group.core.timeutil import paris_to_utc

DATE_MSG = _l("Date invalide : utilisez le format jj/mm/aaaa.")
TIME_MSG = _l("Heure invalide : utilisez le format hh:mm.")
MIN_DATE, MAX_DATE = date(2000, 1, 1), date(2100, 12, 31)


class FrenchDateField(DateField):
    """A date (yyyy-mm-dd from date inputs, or dd/mm/yyyy typed) with a French error."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d/%m/%Y"], **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(DATE_MSG)) from error


class FrenchTimeField(TimeField):
    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%H:%M", "%H:%M:%S"], **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(TIME_MSG)) from error


def _text(label, size, required=False, html=False):
    validators = [DataRequired(_l("Ce champ est obligatoire."))] if required else [Optional()]
    validators.append(Length(max=size, message=_l("%(n)d caractères au plus.", n=size)))
    if not html:
        validators.append(no_html)
    return StringField(label, validators=validators, filters=[strip_filter])


def _plausible(form, field):
    if field.data and not MIN_DATE <= field.data <= MAX_DATE:
        raise ValidationError(_l("Date hors des limites (2000 – 2100)."))


class DayForm(FlaskForm):
    day = FrenchDateField(
        _l("Date de la journée"), validators=[InputRequired(DATE_MSG), _plausible]
    )
    start = FrenchTimeField(_l("Début (heure de Paris)"), validators=[InputRequired(TIME_MSG)])
    end = FrenchTimeField(_l("Fin (heure de Paris)"), validators=[InputRequired(TIME_MSG)])
    day_place = _text(_l("Lieu de la journée, s’il diffère"), 300)

    def validate_end(self, field):
        if self.start.data and field.data and field.data <= self.start.data:
            raise ValidationError(_l("La fin doit être après le début."))

    def slot(self):
        from sesame_group.trainings.services import DaySlot

        return DaySlot(
            paris_to_utc(datetime.combine(self.day.data, self.start.data)),
            paris_to_utc(datetime.combine(self.day.data, self.end.data)),
            self.day_place.data or "",
        )


class SessionForm(FlaskForm):
    title = _text(_l("Titre"), 200, required=True)
    description = TextAreaField(
        _l("Description (Markdown)"),
        filters=[strip_filter],
        validators=[Length(max=10000, message=_l("10 000 caractères au plus."))],
    )
    audience = _text(_l("Public"), 200)
    trainer = _text(_l("Formateur ou formatrice"), 200)
    resources_text = _text(_l("Ressources abordées"), 500)
    place = _text(_l("Lieu (adresse)"), 300)
    online_url = StringField(
        _l("Lien de la visioconférence"),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(max=300, message=_l("300 caractères au plus.")),
            URL(require_tld=False, message=_l("Adresse web invalide (https://…).")),
        ],
    )
    capacity = IntegerField(
        _l("Nombre de places"),
        validators=[
            InputRequired(_l("Indiquez le nombre de places.")),
            NumberRange(1, 500, message=_l("Entre 1 et 500 places.")),
        ],
    )
    registration_opens_on = FrenchDateField(
        _l("Ouverture des inscriptions"), validators=[Optional(), _plausible]
    )
    registration_closes_on = FrenchDateField(
        _l("Clôture des inscriptions"), validators=[Optional(), _plausible]
    )
    share_limit = IntegerField(
        _l("Places par partenaire (répartition équitable)"),
        validators=[Optional(), NumberRange(1, 50, message=_l("Entre 1 et 50 places."))],
    )
    share_until = FrenchDateField(
        _l("Répartition équitable jusqu’au"), validators=[Optional(), _plausible]
    )

    def validate_registration_closes_on(self, field):
        opens = self.registration_opens_on.data
        if opens and field.data and field.data < opens:
            raise ValidationError(_l("La clôture des inscriptions doit suivre leur ouverture."))

    def validate_share_until(self, field):
        if field.data and not self.share_limit.data:
            raise ValidationError(_l("Indiquez aussi le nombre de places par partenaire."))

    def values(self) -> dict:
        keys = (
            "title",
            "description",
            "audience",
            "trainer",
            "resources_text",
            "place",
            "online_url",
            "capacity",
            "registration_opens_on",
            "registration_closes_on",
            "share_limit",
            "share_until",
        )
        values = {key: getattr(self, key).data for key in keys}
        for key in ("description", "audience", "trainer", "resources_text", "place", "online_url"):
            values[key] = values[key] or ""
        return values


class NewSessionForm(SessionForm, DayForm):
    """A session and its first day."""


class CancelSessionForm(FlaskForm):
    reason = _text(_l("Motif de l’annulation"), 500, required=True)


class OnBehalfForm(FlaskForm):
    user_id = SelectField(
        _l("Bibliothécaire"), coerce=int, validators=[InputRequired(_l("Choisissez une personne."))]
    )


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    when = SelectField(
        _l("Période"),
        choices=[("upcoming", _l("À venir")), ("past", _l("Passées"))],
        default="upcoming",
        validators=[Optional()],
    )
    month = StringField(_l("Mois (aaaa-mm)"), validators=[Optional(), Length(max=7)])
    seats = BooleanField(_l("Avec des places libres"))
    mine = BooleanField(_l("Mes inscriptions"))

    def validate_month(self, field):
        try:
            datetime.strptime(field.data, "%Y-%m")
        except (TypeError, ValueError) as error:
            raise ValidationError(_l("Mois invalide : utilisez le format aaaa-mm.")) from error

    def month_start(self):
        if self.month.data and not self.month.errors:
            return datetime.strptime(self.month.data, "%Y-%m").date()
        return None
