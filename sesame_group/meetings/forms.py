"""Meeting, announcement, cancellation, answer, minutes and document forms (shape only)."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, InputRequired, Length, Optional, ValidationError

from sesame_group.core.forms import no_html, strip_filter
from sesame_group.core.timeutil import paris_to_utc
from sesame_group.meetings.labels import KIND_LABELS, RESPONSE_LABELS
from sesame_group.meetings.services import MeetingData


def _max(n):
    return Length(max=n, message=_l("%(max)d caractères au plus.", max=n))


def _http_only(form, field):
    if field.data and not field.data.lower().startswith(("https://", "http://")):
        raise ValidationError(str(_l("Le lien doit commencer par https://.")))


class HtmlDateField(DateField):
    """<input type=date> accepts only ISO values: an unparsable entry is shown empty."""

    def _value(self):
        return self.data.isoformat() if self.data else ""


class HtmlTimeField(TimeField):
    def _value(self):
        return self.data.strftime("%H:%M") if self.data else ""


class IdsField(SelectMultipleField):
    """Multiple ids among the choices, with a French error for anything else."""

    def pre_validate(self, form):
        known = {choice.value for choice in self.choices or ()}
        if any(value not in known for value in self.data or ()):
            raise ValidationError(str(_l("Choix inconnu.")))


class MeetingForm(FlaskForm):
    title = StringField(
        _l("Titre"),
        filters=[strip_filter],
        validators=[DataRequired(_l("Indiquez un titre.")), _max(160), no_html],
    )
    kind = SelectField(
        _l("Type de réunion"),
        choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()],
        validators=[InputRequired(_l("Choisissez le type."))],
    )
    day = HtmlDateField(
        _l("Date"), validators=[InputRequired(_l("Date invalide : utilisez le format jj/mm/aaaa."))]
    )
    start_time = HtmlTimeField(
        _l("Heure de début"),
        validators=[InputRequired(_l("Heure invalide : utilisez le format hh:mm."))],
    )
    end_time = HtmlTimeField(
        _l("Heure de fin"),
        validators=[InputRequired(_l("Heure invalide : utilisez le format hh:mm."))],
    )
    place = StringField(
        _l("Lieu (adresse)"), filters=[strip_filter], validators=[Optional(), _max(200), no_html]
    )
    online_url = StringField(
        _l("Lien de visioconférence"),
        filters=[strip_filter],
        validators=[Optional(), _max(300), URL(message=_l("Lien invalide.")), _http_only],
    )
    agenda = TextAreaField(_l("Ordre du jour (Markdown)"), validators=[Optional(), _max(20000)])
    partners = IdsField(_l("Collectivités invitées"), coerce=int, validators=[Optional()])
    libraries = IdsField(_l("Bibliothèques invitées"), coerce=int, validators=[Optional()])

    def validate_day(self, field):
        if field.data and not 2000 <= field.data.year <= 2100:
            raise ValidationError(str(_l("Année entre 2000 et 2100.")))

    def validate_end_time(self, field):
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError(str(_l("L’heure de fin doit suivre l’heure de début.")))

    def to_data(self, libraries_of_partner) -> MeetingData:
        library_ids = set(self.libraries.data or ())
        for partner_id in self.partners.data or ():
            library_ids |= libraries_of_partner.get(partner_id, set())
        return MeetingData(
            title=self.title.data,
            kind=self.kind.data,
            starts_at=paris_to_utc(datetime.combine(self.day.data, self.start_time.data)),
            ends_at=paris_to_utc(datetime.combine(self.day.data, self.end_time.data)),
            place=self.place.data or "",
            online_url=self.online_url.data or "",
            agenda=self.agenda.data or "",
            library_ids=tuple(sorted(library_ids)),
        )


class AnnounceForm(FlaskForm):
    confirm_short_notice = BooleanField(_l("Annoncer malgré le préavis court"))


class CancelForm(FlaskForm):
    reason = StringField(
        _l("Motif de l’annulation"),
        filters=[strip_filter],
        validators=[DataRequired(_l("Indiquez le motif.")), _max(500), no_html],
    )


class RsvpForm(FlaskForm):
    response = RadioField(
        _l("Votre réponse"),
        choices=[SelectChoice(k, v) for k, v in RESPONSE_LABELS.items() if k],
        validators=[InputRequired(_l("Choisissez une réponse."))],
    )
    needs_replacement = BooleanField(
        _l("Ma bibliothèque a besoin d’un remplacement pendant la réunion")
    )
    replacement_note = StringField(
        _l("Précisions sur le remplacement"),
        filters=[strip_filter],
        validators=[Optional(), _max(500), no_html],
    )
    representative = BooleanField(_l("Je représente ma bibliothèque"))
    comment = TextAreaField(
        _l("Commentaire"), filters=[strip_filter], validators=[Optional(), _max(1000), no_html]
    )

    def validate_needs_replacement(self, field):
        if field.data and self.response.data != "attending":
            raise ValidationError(str(_l("Un remplacement ne se demande que si vous participez.")))


class MinutesForm(FlaskForm):
    minutes = TextAreaField(_l("Compte rendu (Markdown)"), validators=[Optional(), _max(50000)])
    publish = BooleanField(_l("Publier et prévenir les invités"))


class DocumentForm(FlaskForm):
    file = FileField(
        _l("Document (PDF, ODT ou DOCX, 10 Mo au plus)"),
        validators=[FileRequired(_l("Choisissez un fichier."))],
    )
