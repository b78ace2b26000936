"""Account forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("Adresse électronique"),
                       validators=[DataRequired(_l("Indiquez votre adresse électronique.")),
                                   Length(max=254, message=_l("254 caractères au plus."))],
                       render_kw={"autocomplete": "email"})
    password = PasswordField(_l("Mot de passe"),
                             validators=[DataRequired(_l("Indiquez votre mot de passe.")),
                                         Length(max=200, message=_l("200 caractères au plus."))],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Se connecter"))


EMAIL_VALIDATORS = [
    DataRequired(_l("Indiquez une adresse électronique.")),
    Length(max=254, message=_l("254 caractères au plus.")),
    Email(message=_l("Adresse électronique invalide, par exemple prenom.nom@mairie.fr."),
          check_deliverability=False),
]
