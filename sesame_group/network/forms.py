"""Partner, library, weekly hours and closure forms (shape only; services hold the rules)."""

import re
from datetime import time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FieldList, Form, FormField, IntegerField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from sesame_group.core.dates import weekday_name
from sesame_group.core.forms import no_html, strip_filter
from sesame_group.network import rules

DATE_MSG = _l("Date invalide : utilisez le format jj/mm/aaaa.")
TIME_MSG = _l("Heure invalide : utilisez le format hh:mm.")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:h]([0-5]\d)(:[0-5]\d)?$")
KIND_CHOICES = [
    ("commune", _l("Commune")),
    ("cc", _l("Communauté de communes")),
    ("ca", _l("Communauté d’agglomération")),
]


def clean_text(value):
    """Strip, and drop control characters (PostgreSQL refuses NUL in text)."""
    return CONTROL_CHARS.sub("", strip_filter(value)) if isinstance(value, str) else value


def _max(n):
    return Length(max=n, message=_l("%(max)d caractères au plus.", max=n))


class PartnerForm(FlaskForm):
    name = StringField(
        _l("Nom"),
        filters=[clean_text],
        validators=[DataRequired(_l("Indiquez le nom.")), _max(160), no_html],
    )
    kind = SelectField(
        _l("Type de collectivité"),
        choices=KIND_CHOICES,
        validators=[InputRequired(_l("Choisissez le type."))],
    )
    insee_code = StringField(
        _l("Code INSEE (commune) ou SIREN (EPCI)"),
        filters=[clean_text, lambda v: v.upper() if v else v],
        validators=[DataRequired(_l("Indiquez le code.")), _max(9)],
    )
    population = IntegerField(
        _l("Population"),
        validators=[
            InputRequired(_l("Indiquez la population (un nombre entier).")),
            NumberRange(0, 100_000_000, message=_l("La population doit être positive ou nulle.")),
        ],
    )
    population_year = IntegerField(
        _l("Année de la population"),
        validators=[InputRequired(_l("Indiquez l’année (un nombre entier)."))],
    )

    def validate_insee_code(self, field):
        message = rules.insee_code_error(self.kind.data, field.data or "")
        if message:
            raise ValidationError(message)

    def validate_population_year(self, field):
        message = rules.population_year_error(field.data)
        if message:
            raise ValidationError(message)


class LibraryForm(FlaskForm):
    name = StringField(
        _l("Nom"),
        filters=[clean_text],
        validators=[DataRequired(_l("Indiquez le nom.")), _max(160), no_html],
    )
    partner_id = SelectField(
        _l("Collectivité"),
        coerce=int,
        validate_choice=True,
        validators=[InputRequired(_l("Choisissez la collectivité."))],
    )
    address = StringField(
        _l("Adresse"), filters=[clean_text], validators=[Optional(), _max(200), no_html]
    )
    postal_code = StringField(
        _l("Code postal"),
        filters=[clean_text],
        validators=[
            Optional(),
            Regexp(r"^\d{5}$", message=_l("Le code postal compte 5 chiffres.")),
        ],
    )
    town = StringField(
        _l("Commune"),
        filters=[clean_text],
        validators=[DataRequired(_l("Indiquez la commune.")), _max(100), no_html],
    )
    email = StringField(
        _l("Courriel"),
        filters=[clean_text],
        validators=[Optional(), _max(254), Email(_l("Adresse de courriel invalide."))],
    )
    phone = StringField(
        _l("Téléphone"),
        filters=[clean_text],
        validators=[
            Optional(),
            _max(20),
            Regexp(r"^[0-9 +().-]+$", message=_l("Chiffres, espaces et + . - ( ) seulement.")),
        ],
    )
    website_url = StringField(
        _l("Site web ou présence en ligne"),
        filters=[clean_text],
        validators=[Optional(), _max(300)],
    )

    def validate_website_url(self, field):
        message = rules.url_error(field.data or "")
        if message:
            raise ValidationError(message)


def _weekday_choices():
    return [("", _("— jour —"))] + [(str(index), weekday_name(index)) for index in range(7)]


def _parse_time(text: str):
    match = TIME_RE.match(text or "")
    if not match:
        return None
    return time(int(match.group(1)), int(match.group(2)))


class RangeRow(Form):
    """One opening range; a row whose two times are blank is ignored."""

    weekday = SelectField(_l("Jour"), coerce=str, choices=_weekday_choices, validate_choice=False)
    opens = StringField(
        _l("Ouverture"), filters=[clean_text], render_kw={"type": "time", "autocomplete": "off"}
    )
    closes = StringField(
        _l("Fermeture"), filters=[clean_text], render_kw={"type": "time", "autocomplete": "off"}
    )

    @property
    def is_blank(self) -> bool:
        return not self.opens.data and not self.closes.data

    def as_range(self):
        """(weekday, opens, closes) once validated."""
        return int(self.weekday.data), _parse_time(self.opens.data), _parse_time(self.closes.data)

    def validate_weekday(self, field):
        if field.data not in {str(i) for i in range(7)} and not (self.is_blank and not field.data):
            raise ValidationError(_l("Choisissez le jour."))

    def validate_opens(self, field):
        if not self.is_blank and _parse_time(field.data) is None:
            raise ValidationError(TIME_MSG)

    def validate_closes(self, field):
        if self.is_blank:
            return
        closes = _parse_time(field.data)
        if closes is None:
            raise ValidationError(TIME_MSG)
        opens = _parse_time(self.opens.data)
        if opens is not None and opens >= closes:
            raise ValidationError(_l("L’heure de fermeture doit suivre l’heure d’ouverture."))


class WeeklyHoursForm(FlaskForm):
    rows = FieldList(FormField(RangeRow), min_entries=1, max_entries=rules.MAX_RANGES + 10)

    def ranges(self):
        """[(weekday, opens, closes)] of the filled rows, once validated."""
        return [row.form.as_range() for row in self.rows if not row.form.is_blank]

    def validate_rows(self, field):
        filled = [
            (i, *row.form.as_range())
            for i, row in enumerate(field)
            if not row.errors and not row.form.is_blank
        ]
        for index, message in rules.overlap_errors(filled):
            field[index].closes.errors = [*field[index].closes.errors, message]
        if any(row.errors or row.closes.errors for row in field):
            raise ValidationError(_("Corrigez les plages signalées."))
        if len(self.ranges()) > rules.MAX_RANGES:
            raise ValidationError(_("%(max)d plages au plus.", max=rules.MAX_RANGES))


class ClosureForm(FlaskForm):
    starts_on = DateField(_l("Du"), validators=[InputRequired(DATE_MSG)])
    ends_on = DateField(_l("Au (inclus)"), validators=[InputRequired(DATE_MSG)])
    reason = StringField(
        _l("Motif"),
        filters=[clean_text],
        validators=[DataRequired(_l("Indiquez le motif.")), _max(200), no_html],
    )

    def validate_ends_on(self, field):
        message = rules.closure_error(self.starts_on.data, field.data)
        if message:
            raise ValidationError(message)


class LibraryFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Nom ou commune"), filters=[clean_text], validators=[Optional(), _max(100)])
    partner = SelectField(_l("Collectivité"), coerce=int, validators=[Optional()])


class PartnerFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Nom"), filters=[clean_text], validators=[Optional(), _max(100)])
    kind = SelectField(
        _l("Type"), choices=[("", _l("Tous"))] + KIND_CHOICES, validators=[Optional()]
    )
