"""Forms of the actions pages; Paris wall-clock dates converted to UTC for the services."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from sesame_group.actions.labels import AUDIENCE_LABELS, FORMAT_LABELS, STATUS_LABELS
from sesame_group.actions.services import DateInput
from sesame_group.core.forms import no_html, strip_filter
from sesame_group.core.timeutil import paris_to_utc

DATE_MSG = _l("Date invalide : utilisez le format jj/mm/aaaa.")
TIME_MSG = _l("Heure invalide : utilisez le format hh:mm.")
MAX_AMOUNT = 1_000_000
AMOUNT_RANGE = NumberRange(0, MAX_AMOUNT, message=_l("Montant entre 0 et 1 000 000 €."))
COUNT_RANGE = NumberRange(0, 100_000, message=_l("Nombre entre 0 et 100 000."))
DATE_ROWS = 4


def _max(n: int):
    return Length(max=n, message=_l("%(max)d caractères au plus.", max=n))


def _time_field(label):
    return TimeField(label, validators=[Optional()], format="%H:%M")


class DateEntryForm(Form):
    """One planned date; a row left entirely blank is ignored."""

    day = DateField(_l("Jour"), validators=[Optional()])
    start = _time_field(_l("Début"))
    end = _time_field(_l("Fin"))
    place = StringField(_l("Lieu"), filters=[strip_filter], validators=[_max(200), no_html])

    def is_blank(self) -> bool:
        return not (self.day.raw_data and self.day.raw_data[0]) and not any(
            (f.raw_data and f.raw_data[0].strip()) for f in (self.start, self.end, self.place)
        )

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if not ok or self.is_blank():
            if self.day.raw_data and self.day.raw_data[0] and self.day.data is None:
                ok = False
            return ok
        for field, message in ((self.day, DATE_MSG), (self.start, TIME_MSG), (self.end, TIME_MSG)):
            if field.data is None:
                field.errors = [*field.errors, message]
                ok = False
        if ok and self.end.data <= self.start.data:
            self.end.errors = [*self.end.errors, _l("La fin doit être postérieure au début.")]
            ok = False
        return ok

    def to_input(self) -> DateInput:
        return DateInput(
            starts_at=paris_to_utc(datetime.combine(self.day.data, self.start.data)),
            ends_at=paris_to_utc(datetime.combine(self.day.data, self.end.data)),
            place=self.place.data or "",
        )


def _choices(labels):
    return [(code, label) for code, label in labels.items()]


class ProposalForm(FlaskForm):
    title = StringField(
        _l("Titre"),
        filters=[strip_filter],
        validators=[DataRequired(_l("Indiquez le titre.")), _max(160), no_html],
    )
    summary = StringField(
        _l("Résumé"),
        filters=[strip_filter],
        validators=[DataRequired(_l("Indiquez un résumé.")), _max(300), no_html],
    )
    description = TextAreaField(_l("Description (Markdown)"), validators=[_max(20_000)])
    audience = SelectField(
        _l("Public"),
        choices=_choices(AUDIENCE_LABELS),
        validators=[InputRequired(_l("Choisissez le public."))],
    )
    format = SelectField(
        _l("Format"),
        choices=_choices(FORMAT_LABELS),
        validators=[InputRequired(_l("Choisissez le format."))],
    )
    promoted = SelectMultipleField(
        _l("Ressources du catalogue mises en avant"), coerce=int, validate_choice=True
    )
    resources = StringField(
        _l("Autres ressources ou précisions"),
        filters=[strip_filter],
        validators=[_max(300), no_html],
    )
    partner_libraries = SelectMultipleField(
        _l("Bibliothèques partenaires (action commune)"), coerce=int, validate_choice=True
    )
    dates = FieldList(FormField(DateEntryForm), min_entries=DATE_ROWS, max_entries=12)
    expected_participants = IntegerField(
        _l("Participants attendus"),
        default=0,
        validators=[InputRequired(_l("Indiquez un nombre.")), COUNT_RANGE],
    )
    requested_amount = DecimalField(
        _l("Cofinancement demandé (€)"),
        places=2,
        default=0,
        validators=[InputRequired(_l("Indiquez un montant.")), AMOUNT_RANGE],
    )
    budget_breakdown = TextAreaField(
        _l("Budget prévisionnel détaillé (Markdown)"), validators=[_max(5000)]
    )
    kakemonos = IntegerField(
        _l("Kakémonos"),
        default=0,
        validators=[InputRequired(_l("Indiquez un nombre.")), COUNT_RANGE],
    )
    posters = IntegerField(
        _l("Affiches"),
        default=0,
        validators=[InputRequired(_l("Indiquez un nombre.")), COUNT_RANGE],
    )
    cards = IntegerField(
        _l("Cartes lecteur Sésame"),
        default=0,
        validators=[InputRequired(_l("Indiquez un nombre.")), COUNT_RANGE],
    )
    team_help = TextAreaField(
        _l("Aide souhaitée de l’équipe départementale"),
        filters=[strip_filter],
        validators=[_max(1000), no_html],
    )

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok and not self.date_inputs():
            self.dates.errors.append(str(_l("Indiquez au moins une date.")))
            ok = False
        return ok

    def date_inputs(self) -> list[DateInput]:
        return [entry.form.to_input() for entry in self.dates if not entry.form.is_blank()]

    def values(self) -> dict:
        return {
            name: getattr(self, name).data
            for name in (
                "title",
                "summary",
                "description",
                "audience",
                "format",
                "resources",
                "expected_participants",
                "requested_amount",
                "budget_breakdown",
                "kakemonos",
                "posters",
                "cards",
                "team_help",
            )
        }


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Décision"),
        choices=[
            ("accepted", _l("Accepter")),
            ("declined", _l("Refuser")),
            ("changes", _l("Demander des modifications (envoyé tout de suite)")),
        ],
        validators=[InputRequired(_l("Choisissez une décision."))],
    )
    granted_amount = DecimalField(
        _l("Montant accordé (€)"), places=2, validators=[Optional(), AMOUNT_RANGE]
    )
    note = TextAreaField(
        _l("Conditions, motif du refus ou modifications attendues"), validators=[_max(5000)]
    )
    announce = BooleanField(_l("Annoncer tout de suite (sinon, la décision reste en attente)"))


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Commentaire (Markdown)"),
        validators=[DataRequired(_l("Le commentaire est vide.")), _max(5000)],
    )
    parent_id = IntegerField(_l("En réponse à"), validators=[Optional()])


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Note interne (Markdown)"),
        validators=[DataRequired(_l("La note est vide.")), _max(5000)],
    )


class ReportForm(FlaskForm):
    actual_participants = IntegerField(
        _l("Participants effectifs"),
        validators=[InputRequired(_l("Indiquez le nombre de participants.")), COUNT_RANGE],
    )
    assessment = TextAreaField(
        _l("Bilan (Markdown)"), validators=[DataRequired(_l("Rédigez le bilan.")), _max(10_000)]
    )


class DateForm(FlaskForm):
    day = DateField(_l("Jour"), validators=[InputRequired(DATE_MSG)])
    start = TimeField(_l("Début"), format="%H:%M", validators=[InputRequired(TIME_MSG)])
    end = TimeField(_l("Fin"), format="%H:%M", validators=[InputRequired(TIME_MSG)])
    place = StringField(_l("Lieu"), filters=[strip_filter], validators=[_max(200), no_html])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok and self.end.data <= self.start.data:
            self.end.errors.append(_l("La fin doit être postérieure au début."))
            ok = False
        return ok

    def instants(self):
        return (
            paris_to_utc(datetime.combine(self.day.data, self.start.data)),
            paris_to_utc(datetime.combine(self.day.data, self.end.data)),
        )


class BudgetForm(FlaskForm):
    year = IntegerField(
        _l("Année"),
        validators=[
            InputRequired(_l("Indiquez l’année.")),
            NumberRange(2000, 2100, message=_l("Année entre 2000 et 2100.")),
        ],
    )
    amount = DecimalField(
        _l("Budget annuel (€)"),
        places=2,
        validators=[
            InputRequired(_l("Indiquez le budget.")),
            NumberRange(0, 100_000_000, message=_l("Montant entre 0 et 100 000 000 €.")),
        ],
    )


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(
        _l("Statut"), choices=[("", _l("Tous"))] + _choices(STATUS_LABELS), validators=[Optional()]
    )
    audience = SelectField(
        _l("Public"),
        choices=[("", _l("Tous"))] + _choices(AUDIENCE_LABELS),
        validators=[Optional()],
    )
    format = SelectField(
        _l("Format"), choices=[("", _l("Tous"))] + _choices(FORMAT_LABELS), validators=[Optional()]
    )
    year = IntegerField(
        _l("Année"),
        validators=[Optional(), NumberRange(2000, 2100, message=_l("Année entre 2000 et 2100."))],
    )
    mine = BooleanField(_l("Seulement ma bibliothèque"))
