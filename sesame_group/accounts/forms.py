"""Account forms: shape only (lengths, choices); the services decide the rest."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from sesame_group.core.forms import no_html, strip_filter

PASSWORD_MIN = 10


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


LANGUAGES = [("fr", "Français"), ("en", "English")]
ROLES = [("librarian", _l("Bibliothécaire")), ("coordinator", _l("Coordinateur·rice"))]


def int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return -1  # refused by in_choices


def in_choices(form, field):
    """French message for a value that is not offered (hand-made POSTs, someone else's id)."""
    if field.data is not None and field.data not in {choice.value for choice in field.choices}:
        raise ValidationError(_l("Choisissez une valeur de la liste."))


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Adresse électronique"),
        validators=[
            DataRequired(_l("Indiquez votre adresse électronique.")),
            Length(max=254, message=_l("254 caractères au plus.")),
        ],
        render_kw={"autocomplete": "email"},
    )
    password = PasswordField(
        _l("Mot de passe"),
        validators=[
            DataRequired(_l("Indiquez votre mot de passe.")),
            Length(max=200, message=_l("200 caractères au plus.")),
        ],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Se connecter"))


EMAIL_VALIDATORS = [
    DataRequired(_l("Indiquez une adresse électronique.")),
    Length(max=254, message=_l("254 caractères au plus.")),
    Email(
        message=_l("Adresse électronique invalide, par exemple prenom.nom@mairie.fr."),
        check_deliverability=False,
    ),
]
NAME_VALIDATORS = [
    DataRequired(_l("Indiquez un nom.")),
    Length(max=120, message=_l("120 caractères au plus.")),
    no_html,
]


def _new_password_fields():
    password = PasswordField(
        _l("Nouveau mot de passe"),
        validators=[
            DataRequired(_l("Choisissez un mot de passe.")),
            Length(
                min=PASSWORD_MIN,
                max=200,
                message=_l("Entre %(min)d et 200 caractères.", min=PASSWORD_MIN),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Confirmation du mot de passe"),
        validators=[
            DataRequired(_l("Confirmez le mot de passe.")),
            EqualTo("password", message=_l("Les deux mots de passe diffèrent.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class SetPasswordForm(FlaskForm):
    password, confirm = _new_password_fields()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Mot de passe actuel"),
        validators=[
            DataRequired(_l("Indiquez votre mot de passe actuel.")),
            Length(max=200, message=_l("200 caractères au plus.")),
        ],
        render_kw={"autocomplete": "current-password"},
    )
    password, confirm = _new_password_fields()


class ResetRequestForm(FlaskForm):
    email = EmailField(
        _l("Adresse électronique"),
        validators=EMAIL_VALIDATORS,
        filters=[strip_filter],
        render_kw={"autocomplete": "email"},
    )


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Nom affiché"),
        validators=NAME_VALIDATORS,
        filters=[strip_filter],
        render_kw={"autocomplete": "name"},
    )
    language = SelectField(
        _l("Langue de l’interface et des courriels"),
        choices=options(LANGUAGES),
        validate_choice=False,
        validators=[in_choices],
    )


class MemberForm(FlaskForm):
    """Coordinator edit of a member; the invitation form adds address and language."""

    display_name = StringField(
        _l("Nom affiché"), validators=NAME_VALIDATORS, filters=[strip_filter]
    )
    role = SelectField(
        _l("Rôle"), choices=options(ROLES), validate_choice=False, validators=[in_choices]
    )
    library = SelectField(
        _l("Bibliothèque (obligatoire pour un·e bibliothécaire)"),
        coerce=int_or_none,
        validate_choice=False,
        validators=[in_choices],
    )

    def set_libraries(self, choices):
        self.library.choices = options([("", _l("— aucune —")), *choices])


class InviteForm(MemberForm):
    email = EmailField(
        _l("Adresse électronique"), validators=EMAIL_VALIDATORS, filters=[strip_filter]
    )
    language = SelectField(
        _l("Langue des courriels"),
        choices=options(LANGUAGES),
        validate_choice=False,
        validators=[in_choices],
    )


class MemberFilterForm(FlaskForm):
    """GET filters of the member list; an invalid value is ignored (and said so)."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Nom ou adresse"),
        validators=[Length(max=100, message=_l("100 caractères au plus."))],
        filters=[strip_filter],
    )
    partner = SelectField(
        _l("Partenaire"), coerce=int_or_none, validate_choice=False, validators=[in_choices]
    )
    library = SelectField(
        _l("Bibliothèque"), coerce=int_or_none, validate_choice=False, validators=[in_choices]
    )
    role = SelectField(
        _l("Rôle"),
        validate_choice=False,
        validators=[in_choices],
        choices=options([("", _l("Tous")), *ROLES]),
    )
    active = SelectField(
        _l("État"),
        validate_choice=False,
        validators=[in_choices],
        choices=options([("", _l("Tous")), ("1", _l("Actifs")), ("0", _l("Désactivés"))]),
    )

    def set_choices(self, partners, libraries):
        self.partner.choices = options([("", _l("Tous")), *partners])
        self.library.choices = options([("", _l("Toutes")), *libraries])

    def filters(self) -> dict:
        """The valid filters as keywords of queries.members_query."""
        self.validate()

        def ok(field):
            return field.data if not field.errors and field.data not in ("", None) else None

        active = ok(self.active)
        return {
            "q": ok(self.q),
            "partner_id": ok(self.partner),
            "library_id": ok(self.library),
            "role": ok(self.role),
            "active": None if active is None else active == "1",
        }
