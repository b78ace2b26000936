"""Forms of resources: catalogue entry, campaign, evaluation, catalogue filters."""

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
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from sesame_group.core.forms import no_html, strip_filter
from sesame_group.resources.labels import (
    CATEGORY_LABELS,
    DEFAULT_CRITERIA,
    RECOMMENDATION_LABELS,
    USAGE_LABELS,
)
from sesame_group.resources.models import SCORES

DATE_MSG = _l("Date invalide : utilisez le format jj/mm/aaaa.")
CRITERIA_SLOTS = 6


def _max(n: int):
    return Length(max=n, message=_l("%(max)d caractères au plus.", max=n))


def web_address(form, field):
    if field.data and not field.data.lower().startswith(("https://", "http://")):
        raise ValidationError(str(_l("L’adresse doit commencer par https:// ou http://.")))
    if field.data and any(c.isspace() or c in "<>\"'" for c in field.data):
        raise ValidationError(str(_l("Adresse web invalide.")))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ResourceForm(FlaskForm):
    name = StringField(
        _l("Nom"),
        filters=[strip_filter],
        validators=[
            InputRequired(_l("Indiquez le nom.")),
            DataRequired(_l("Indiquez le nom.")),
            _max(120),
            no_html,
        ],
    )
    provider = StringField(
        _l("Fournisseur"),
        filters=[strip_filter],
        validators=[
            InputRequired(_l("Indiquez le fournisseur.")),
            DataRequired(_l("Indiquez le fournisseur.")),
            _max(120),
            no_html,
        ],
    )
    category = SelectField(
        _l("Catégorie"),
        choices=[("", _l("— choisir —"))] + list(CATEGORY_LABELS.items()),
        validators=[InputRequired(_l("Choisissez une catégorie."))],
    )
    description = TextAreaField(
        _l("Description"), filters=[strip_filter], validators=[Optional(), _max(2000), no_html]
    )
    url = StringField(
        _l("Adresse web"), filters=[strip_filter], validators=[Optional(), _max(300), web_address]
    )
    active = BooleanField(_l("Active (proposée aux lecteurs)"), default=True)
    subscribed_year = IntegerField(
        _l("Année d’abonnement"),
        validators=[Optional(), NumberRange(1990, 2100, message=_l("Année entre 1990 et 2100."))],
    )
    yearly_cost = DecimalField(
        _l("Coût annuel (€)"),
        places=2,
        validators=[
            Optional(),
            NumberRange(0, 10_000_000, message=_l("Montant entre 0 et 10 000 000 €.")),
        ],
    )

    def values(self) -> dict:
        return dict(
            name=self.name.data,
            provider=self.provider.data,
            category=self.category.data,
            description=self.description.data or "",
            url=self.url.data or "",
            active=bool(self.active.data),
            subscribed_year=self.subscribed_year.data,
            yearly_cost=self.yearly_cost.data,
        )


class CriterionForm(Form):
    criterion = StringField(
        _l("Critère"), filters=[strip_filter], validators=[Optional(), _max(120), no_html]
    )
    weight = IntegerField(
        _l("Poids"),
        default=1,
        validators=[Optional(), NumberRange(1, 10, message=_l("Poids entre 1 et 10."))],
    )

    def validate_weight(self, field):
        if self.criterion.data and field.data is None:
            raise ValidationError(str(_l("Indiquez le poids du critère.")))


class CampaignForm(FlaskForm):
    title = StringField(
        _l("Titre"),
        filters=[strip_filter],
        validators=[DataRequired(_l("Indiquez le titre.")), _max(160), no_html],
    )
    opens_on = DateField(_l("Ouverture"), validators=[InputRequired(DATE_MSG)])
    closes_on = DateField(_l("Clôture"), validators=[InputRequired(DATE_MSG)])
    resources = MultiCheckboxField(
        _l("Ressources évaluées"),
        coerce=int,
        validators=[DataRequired(_l("Choisissez au moins une ressource."))],
    )
    criteria = FieldList(
        FormField(CriterionForm), min_entries=CRITERIA_SLOTS, max_entries=CRITERIA_SLOTS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, entry in enumerate(self.criteria, start=1):
            entry.criterion.label.text = _l("Critère %(num)d", num=number)
            entry.weight.label.text = _l("Poids du critère %(num)d", num=number)

    def validate_closes_on(self, field):
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(str(_l("La clôture doit suivre l’ouverture.")))
        if field.data and not 2000 <= field.data.year <= 2100:
            raise ValidationError(str(_l("Année entre 2000 et 2100.")))

    def validate_opens_on(self, field):
        if field.data and not 2000 <= field.data.year <= 2100:
            raise ValidationError(str(_l("Année entre 2000 et 2100.")))

    def validate_criteria(self, field):
        if not self.criteria_values():
            raise ValidationError(str(_l("Indiquez au moins un critère.")))

    def criteria_values(self) -> list[tuple[str, int]]:
        return [
            (entry.criterion.data, entry.weight.data or 1)
            for entry in self.criteria
            if entry.criterion.data
        ]

    @classmethod
    def blank(cls, **kwargs):
        form = cls(formdata=None, **kwargs)
        for entry, (label, weight) in zip(form.criteria, DEFAULT_CRITERIA, strict=False):
            entry.criterion.data, entry.weight.data = str(label), weight
        return form


class EvaluationForm(FlaskForm):
    usage = RadioField(
        _l("Usage en médiation"),
        choices=list(USAGE_LABELS.items()),
        validators=[InputRequired(_l("Choisissez l’usage en médiation."))],
    )
    recommendation = RadioField(
        _l("Recommandation"),
        choices=list(RECOMMENDATION_LABELS.items()),
        validators=[InputRequired(_l("Choisissez une recommandation."))],
    )
    comment = TextAreaField(
        _l("Commentaire"), filters=[strip_filter], validators=[Optional(), _max(2000), no_html]
    )
    revision = IntegerField(
        widget=HiddenInput(),
        default=0,
        validators=[
            InputRequired(_l("Formulaire incomplet : rechargez la page.")),
            NumberRange(0, 1_000_000, message=_l("Formulaire incomplet : rechargez la page.")),
        ],
    )

    def scores(self, criteria) -> dict[int, int]:
        return {c.id: getattr(self, f"score_{c.id}").data for c in criteria}

    def score_fields(self, criteria):
        return [getattr(self, f"score_{c.id}") for c in criteria]


def evaluation_form(criteria, **kwargs) -> EvaluationForm:
    """An EvaluationForm with one 1–5 radio group per criterion (fields score_<id>)."""

    class CampaignEvaluationForm(EvaluationForm):
        pass

    for criterion in criteria:
        setattr(
            CampaignEvaluationForm,
            f"score_{criterion.id}",
            RadioField(
                criterion.label,
                coerce=int,
                choices=[(s, str(s)) for s in SCORES],
                validators=[InputRequired(_l("Donnez une note de 1 à 5."))],
            ),
        )
    return CampaignEvaluationForm(**kwargs)


class CatalogueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    category = SelectField(
        _l("Catégorie"),
        choices=[("", _l("Toutes"))] + list(CATEGORY_LABELS.items()),
        validators=[Optional()],
    )
    q = StringField(_l("Rechercher"), filters=[strip_filter], validators=[Optional(), _max(100)])


def campaign_form(campaign, choices: list[tuple[int, str]], *, submitted: bool) -> CampaignForm:
    """The campaign form: posted data, or the campaign's values, or the default criteria.
    Choices: the active resources, plus the campaign's own if some were deactivated since."""
    if submitted:
        form = CampaignForm()
    elif campaign is None:
        form = CampaignForm.blank()
    else:
        form = CampaignForm(
            formdata=None, obj=campaign, resources=[r.id for r in campaign.resources]
        )
        for entry, criterion in zip(form.criteria, campaign.criteria, strict=False):
            entry.criterion.data, entry.weight.data = criterion.label, criterion.weight
    known = {resource_id for resource_id, _name in choices}
    extra = [(r.id, r.name) for r in (campaign.resources if campaign else []) if r.id not in known]
    form.resources.choices = list(choices) + extra
    return form


def evaluation_initial(evaluation) -> dict:
    """Initial data of the evaluation form: the stored answers, or revision 0 for a new one."""
    if evaluation is None:
        return {"revision": 0}
    data = {
        "usage": evaluation.usage,
        "recommendation": evaluation.recommendation,
        "comment": evaluation.comment,
        "revision": evaluation.revision,
    }
    data.update({f"score_{s.criterion_id}": s.score for s in evaluation.scores})
    return data
