"""A partner's commitments for a year, computed from what the platform already records.

Lines: every training day of the year attended (completed) by one of its librarians, the annual
review represented, cultural actions, evaluations in the year's campaign, a web presence. Each
line is met / not yet / missed with a reason; the overall status is the worst line. A fixed
number of statements for any number of partners: each domain's followup module answers for all
partners at once.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext

from sesame_group.actions import followup as actions
from sesame_group.meetings import followup as meetings
from sesame_group.resources import followup as resources
from sesame_group.trainings import followup as trainings

MET, NOT_YET, MISSED = "met", "not_yet", "missed"
ORDER = {MET: 0, NOT_YET: 1, MISSED: 2}


@dataclass
class Line:
    key: str
    label: str
    status: str
    reason: str


@dataclass
class Report:
    partner_id: int
    year: int
    lines: list[Line] = field(default_factory=list)

    @property
    def overall(self) -> str:
        if not self.lines:
            return NOT_YET
        return max((line.status for line in self.lines), key=ORDER.__getitem__)

    def line(self, key: str) -> Line | None:
        return next((line for line in self.lines if line.key == key), None)


@dataclass
class YearFacts:
    """What the other domains say about a year, read once for every partner."""

    trainings: list
    completed: dict
    reviews: list
    represented: dict
    actions: dict
    campaign: dict | None
    evaluations: dict

    @classmethod
    def read(cls, year: int) -> "YearFacts":
        return cls(
            trainings=trainings.trainings_of_year(year),
            completed=trainings.completed_by_partner(year),
            reviews=meetings.annual_reviews(year),
            represented=meetings.represented_partners(year),
            actions=actions.action_counts(year),
            campaign=resources.campaign_of_year(year),
            evaluations=resources.evaluations_by_partner(year),
        )


def compute(partners, year: int, today: date) -> dict[int, Report]:
    """{partner id: Report} for the given partners (their libraries loaded)."""
    facts = YearFacts.read(year)
    reports = {}
    for partner in partners:
        reports[partner.id] = Report(
            partner_id=partner.id,
            year=year,
            lines=[
                _trainings(facts, partner.id, today),
                _annual_review(facts, partner.id, today),
                _actions(facts, partner.id, year, today),
                _evaluations(facts, partner.id, today),
                _web_presence(partner),
            ],
        )
    return reports


def _trainings(facts: YearFacts, partner_id: int, today: date) -> Line:
    label = _("Chaque journée de formation suivie")
    if not facts.trainings:
        return Line("trainings", label, MET, _("Aucune formation programmée cette année."))
    done = facts.completed.get(partner_id, set())
    missed = [t for t in facts.trainings if t["id"] not in done and t["last_day"] < today]
    pending = [t for t in facts.trainings if t["id"] not in done and t["last_day"] >= today]
    if missed:
        return Line(
            "trainings",
            label,
            MISSED,
            _(
                "Aucun bibliothécaire présent à toutes les journées de : %(titles)s.",
                titles=", ".join(t["title"] for t in missed),
            ),
        )
    if pending:
        return Line(
            "trainings",
            label,
            NOT_YET,
            ngettext(
                "%(num)d formation à venir ou en cours : %(titles)s.",
                "%(num)d formations à venir ou en cours : %(titles)s.",
                len(pending),
                titles=", ".join(t["title"] for t in pending),
            ),
        )
    return Line(
        "trainings",
        label,
        MET,
        ngettext(
            "%(num)d formation suivie en entier.",
            "%(num)d formations suivies en entier.",
            len(facts.trainings),
        ),
    )


def _annual_review(facts: YearFacts, partner_id: int, today: date) -> Line:
    label = _("Réunion annuelle de bilan")
    if not facts.reviews:
        return Line("review", label, NOT_YET, _("Pas encore de réunion annuelle annoncée."))
    attended = facts.represented.get(partner_id, set())
    if any(review["id"] in attended for review in facts.reviews):
        return Line("review", label, MET, _("Partenaire représenté."))
    if all(review["day"] < today for review in facts.reviews):
        return Line(
            "review",
            label,
            MISSED,
            _(
                "Aucun bibliothécaire présent le %(day)s.",
                day=facts.reviews[-1]["day"].strftime("%d/%m/%Y"),
            ),
        )
    upcoming = min(review["day"] for review in facts.reviews if review["day"] >= today)
    return Line(
        "review", label, NOT_YET, _("Réunion prévue le %(day)s.", day=upcoming.strftime("%d/%m/%Y"))
    )


def _actions(facts: YearFacts, partner_id: int, year: int, today: date) -> Line:
    label = _("Actions culturelles de promotion")
    counts = facts.actions.get(partner_id, {"proposed": 0, "accepted": 0, "completed": 0})
    reason = _(
        "%(proposed)d proposée(s), %(accepted)d acceptée(s), %(completed)d réalisée(s).", **counts
    )
    if counts["completed"]:
        return Line("actions", label, MET, reason)
    if year < today.year:
        return Line("actions", label, MISSED, reason)
    return Line("actions", label, NOT_YET, reason)


def _evaluations(facts: YearFacts, partner_id: int, today: date) -> Line:
    label = _("Évaluation des ressources")
    campaign = facts.campaign
    if campaign is None:
        return Line(
            "evaluations", label, NOT_YET, _("Aucune campagne d’évaluation pour cette année.")
        )
    count = facts.evaluations.get(partner_id, 0)
    if count:
        return Line(
            "evaluations",
            label,
            MET,
            ngettext(
                "%(num)d évaluation remise (%(title)s).",
                "%(num)d évaluations remises (%(title)s).",
                count,
                title=campaign["title"],
            ),
        )
    if campaign["closes_on"] < today:
        return Line(
            "evaluations",
            label,
            MISSED,
            _(
                "Aucune évaluation remise avant la clôture du %(day)s.",
                day=campaign["closes_on"].strftime("%d/%m/%Y"),
            ),
        )
    return Line(
        "evaluations",
        label,
        NOT_YET,
        _(
            "Campagne ouverte jusqu’au %(day)s : aucune évaluation pour l’instant.",
            day=campaign["closes_on"].strftime("%d/%m/%Y"),
        ),
    )


def _web_presence(partner) -> Line:
    label = _("Présence web identifiée")
    urls = [lib.website_url for lib in partner.libraries if lib.website_url]
    if urls:
        return Line("web", label, MET, urls[0])
    return Line(
        "web",
        label,
        MISSED,
        _("Aucune adresse de site ou de page web n’est renseignée pour ses bibliothèques."),
    )
