"""Demo data for resources: a catalogue, last year's closed campaign with results and this
year's open campaign in progress (bulk inserts)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select

from sesame_group.accounts.models import User
from sesame_group.core.timeutil import paris_to_utc, paris_today
from sesame_group.extensions import db
from sesame_group.network.models import Library
from sesame_group.resources.labels import DEFAULT_CRITERIA
from sesame_group.resources.models import (
    Campaign,
    Criterion,
    Evaluation,
    Resource,
    Score,
    campaign_resources,
)

# (name, provider, category, url, since, cost, quality out of 5, description)
CATALOGUE = [
    (
        "Cafeyn",
        "Cafeyn",
        "presse",
        "https://www.cafeyn.co",
        2021,
        "5400.00",
        4.3,
        "Plus de 1 000 titres de presse française et internationale en lecture illimitée.",
    ),
    (
        "PressReader",
        "PressReader",
        "presse",
        "https://www.pressreader.com",
        2022,
        "6100.00",
        3.7,
        "Quotidiens et magazines du monde entier, le jour de leur parution.",
    ),
    (
        "Europresse",
        "Cision",
        "presse",
        "https://nouveau.europresse.com",
        2020,
        "3900.00",
        3.1,
        "Archives de presse et dossiers documentaires pour la recherche.",
    ),
    (
        "Médiathèque numérique ARTE – UniversCiné",
        "ARTE France et UniversCiné",
        "cinema",
        "https://www.mediatheque-numerique.com",
        2019,
        "8200.00",
        4.1,
        "Films de fiction, documentaires et séries en vidéo à la demande.",
    ),
    (
        "LaCinetek",
        "LaCinetek",
        "cinema",
        "https://www.lacinetek.com",
        2023,
        "2500.00",
        3.9,
        "Les grands films du XXe siècle choisis par des cinéastes.",
    ),
    (
        "Tënk",
        "Tënk",
        "cinema",
        "https://www.tenk.fr",
        2023,
        "1800.00",
        3.4,
        "Documentaires d’auteur, sélectionnés par des programmateurs.",
    ),
    (
        "MusicMe",
        "MusicMe",
        "musique",
        "https://www.musicme.com",
        2019,
        "4300.00",
        3.5,
        "Écoute de musique en streaming, tous genres, pour les abonnés.",
    ),
    (
        "Philharmonie à la demande",
        "Cité de la musique – Philharmonie de Paris",
        "musique",
        "https://pad.philharmoniedeparis.fr",
        2022,
        "0.00",
        3.8,
        "Concerts filmés, conférences et dossiers pédagogiques.",
    ),
    (
        "Toutapprendre",
        "Toutapprendre.com",
        "autoformation",
        "https://www.toutapprendre.com",
        2020,
        "6900.00",
        4.0,
        "Cours en ligne : langues, bureautique, code de la route, musique.",
    ),
    (
        "Skilleos",
        "Skilleos",
        "autoformation",
        "https://www.skilleos.com",
        2024,
        "3200.00",
        3.0,
        "Formations vidéo de loisirs et professionnelles.",
    ),
    (
        "Assimil en ligne",
        "Assimil",
        "autoformation",
        "https://www.assimil.com",
        2024,
        "2100.00",
        3.6,
        "Méthodes de langues en ligne, du débutant au perfectionnement.",
    ),
    (
        "Storyplay’r",
        "Storyplay’r",
        "jeunesse",
        "https://www.storyplayr.com",
        2021,
        "1900.00",
        4.4,
        "Albums jeunesse à lire et à écouter, pour les 3 – 8 ans.",
    ),
    (
        "Ma Petite Médiathèque",
        "CVS",
        "jeunesse",
        "https://www.mapetitemediatheque.fr",
        2022,
        "2300.00",
        3.3,
        "Films, musique et histoires pour les enfants.",
    ),
    (
        "Prêt numérique en bibliothèque (PNB)",
        "Dilicom",
        "livres",
        "https://www.pnb-dilicom.fr",
        2020,
        "12000.00",
        3.2,
        "Livres numériques empruntables, nouveautés des éditeurs.",
    ),
    (
        "Bibliovox",
        "Cyberlibris",
        "livres",
        "https://www.bibliovox.com",
        2022,
        "2700.00",
        2.9,
        "Bibliothèque de livres numériques documentaires et pratiques.",
    ),
    (
        "Jeux vidéo en bibliothèque (GameFlix)",
        "GameFlix",
        "jeux",
        "",
        2025,
        "1500.00",
        3.5,
        "Sélection de jeux vidéo indépendants à jouer en ligne.",
    ),
]
CAMPAIGN_RESOURCES = 8


def seed(scale, rng):
    if db.session.scalar(select(Resource.id).limit(1)):
        return
    today = paris_today()
    resources = _catalogue(today)
    libraries = db.session.execute(
        select(Library.id, Library.name, func.min(User.id))
        .join(User, User.library_id == Library.id)
        .where(User.role == "librarian")
        .group_by(Library.id, Library.name)
        .order_by(Library.id)
    ).all()
    coordinator = db.session.scalar(
        select(User.id).where(User.role == "coordinator").order_by(User.id).limit(1)
    )
    evaluated = resources[:CAMPAIGN_RESOURCES]
    past = _campaign(
        f"Évaluation des ressources {today.year - 1}",
        today.replace(year=today.year - 1, month=9, day=15),
        today.replace(year=today.year - 1, month=10, day=31),
        evaluated,
        coordinator,
        closed=True,
    )
    current = _campaign(
        f"Évaluation des ressources {today.year}",
        today - timedelta(days=20),
        today + timedelta(days=25),
        evaluated[:6] + resources[11:13],
        coordinator,
    )
    _evaluations(past, libraries, rng, share=0.7, shift=-0.3)
    _evaluations(
        current, [lib for lib in libraries if "Chalais" not in lib[1]], rng, share=0.35, shift=0.0
    )


def _catalogue(today):
    rows = [
        dict(
            name=name,
            provider=provider,
            category=category,
            url=url,
            subscribed_year=since,
            yearly_cost=Decimal(cost),
            description=text,
            active=True,
        )
        for name, provider, category, url, since, cost, _quality, text in CATALOGUE
    ]
    db.session.execute(insert(Resource), rows)
    by_name = {r.name: r for r in db.session.scalars(select(Resource))}
    resources = [by_name[row[0]] for row in CATALOGUE]
    for resource, row in zip(resources, CATALOGUE, strict=True):
        resource.quality = row[6]
    return resources


def _campaign(title, opens_on, closes_on, resources, coordinator, closed=False):
    campaign = Campaign(
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by_id=coordinator,
        closed_at=paris_to_utc(datetime.combine(closes_on, time(18))) if closed else None,
    )
    campaign.criteria = [
        Criterion(position=i, label=str(label), weight=2 if i == 1 else weight)
        for i, (label, weight) in enumerate(DEFAULT_CRITERIA)
    ]
    db.session.add(campaign)
    db.session.flush()
    db.session.execute(
        insert(campaign_resources),
        [{"campaign_id": campaign.id, "resource_id": r.id} for r in resources],
    )
    campaign.demo_resources = resources
    return campaign


def _evaluations(campaign, libraries, rng, share, shift):
    when = paris_to_utc(datetime.combine(min(campaign.closes_on, paris_today()), time(10)))
    rows, answers = [], []
    for library_id, _name, user_id in libraries:
        if rng.random() > share:
            continue
        for resource in campaign.demo_resources:
            if rng.random() < 0.2:
                continue
            scores = [
                max(1, min(5, round(resource.quality + shift + rng.gauss(0, 0.8))))
                for _criterion in campaign.criteria
            ]
            mean = sum(scores) / len(scores)
            rows.append(
                dict(
                    campaign_id=campaign.id,
                    resource_id=resource.id,
                    library_id=library_id,
                    usage=rng.choice(("never", "occasional", "occasional", "regular")),
                    recommendation="keep" if mean >= 3.5 else "watch" if mean >= 2.5 else "drop",
                    comment=rng.choice(COMMENTS) if rng.random() < 0.3 else "",
                    revision=1,
                    created_by_id=user_id,
                    updated_by_id=user_id,
                    created_at=when,
                    updated_at=when,
                )
            )
            answers.append(scores)
    if not rows:
        return
    ids = db.session.scalars(
        insert(Evaluation).returning(Evaluation.id, sort_by_parameter_order=True), rows
    ).all()
    db.session.execute(
        insert(Score),
        [
            {"evaluation_id": evaluation_id, "criterion_id": criterion.id, "score": score}
            for evaluation_id, scores in zip(ids, answers, strict=True)
            for criterion, score in zip(campaign.criteria, scores, strict=True)
        ],
    )


COMMENTS = [
    "Très apprécié des lecteurs seniors, mais la création de compte reste un frein.",
    "Peu d’usage malgré deux ateliers de présentation.",
    "Les enfants adorent ; nous l’utilisons en heure du conte.",
    "Catalogue riche, interface à revoir sur tablette.",
    "Nous manquons de temps pour en faire la médiation.",
    "Bon outil pour les ateliers numériques du samedi.",
]
