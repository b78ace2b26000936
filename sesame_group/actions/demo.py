"""Demo data for actions: proposals in every state, with dates, comments, supports, a budget."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from sesame_group.accounts.models import User
from sesame_group.actions.models import (
    ACCEPTED,
    AUDIENCES,
    CANCELLED,
    CHANGES_REQUESTED,
    COMPLETED,
    DECLINED,
    DRAFT,
    FORMATS,
    STATUSES,
    SUBMITTED,
    UNDER_REVIEW,
    WITHDRAWN,
    ActionBudget,
    ActionComment,
    ActionDate,
    ActionProposal,
    ActionSupport,
)
from sesame_group.core.timeutil import paris_to_utc, paris_today, utcnow
from sesame_group.extensions import db

IDEAS = [
    (
        "Atelier presse en ligne",
        "Lire son quotidien régional sur tablette avec Sésame.",
        "Presse en ligne",
    ),
    (
        "Ciné-club numérique",
        "Une projection suivie d’un débat, films du catalogue Sésame.",
        "Cinéma à la demande",
    ),
    (
        "Heure du conte numérique",
        "Des histoires lues et écoutées pour les 4-8 ans.",
        "Livres numériques jeunesse",
    ),
    ("Café code de la route", "Réviser le code en groupe avec l’autoformation.", "Autoformation"),
    (
        "Découverte musique en ligne",
        "Playlists des bibliothécaires et écoute partagée.",
        "Musique en ligne",
    ),
    (
        "Exposition « Sésame, ouvre-toi »",
        "Panneaux et bornes de démonstration pendant un mois.",
        "Toutes les ressources",
    ),
    (
        "Initiation langues étrangères",
        "Démarrer l’anglais ou l’espagnol avec les cours en ligne.",
        "Autoformation",
    ),
    (
        "Rencontre lecture numérique seniors",
        "Prendre en main une liseuse et le prêt numérique.",
        "Livres numériques",
    ),
]
COMMENTS = [
    "Belle idée ! Nous avons fait un atelier proche l’an dernier : **prévoir des tablettes "
    "chargées**.",
    "Pourriez-vous partager le support de présentation ?",
    "Nous serions partants pour une version itinérante dans notre secteur.",
    "Le créneau du mercredi après-midi marche très bien chez nous.",
]
NOTES = ["Budget cohérent avec le barème.", "À rapprocher de la demande voisine."]


def _state_dates(status: str, index: int, today):
    """Dates fitting the state: past for completed (and some accepted), future otherwise."""
    if status == COMPLETED or (status == ACCEPTED and index % 2 == 0):
        first = today - timedelta(days=20 + index % 60)
    elif status in (DECLINED, WITHDRAWN, CANCELLED):
        first = (
            today + timedelta(days=10 + index % 90)
            if index % 2
            else today - timedelta(days=15 + index % 30)
        )
    else:
        first = today + timedelta(days=25 + index % 120)
    count = 1 + index % 3
    dates = []
    for n in range(count):
        day = first + timedelta(days=7 * n)
        start = time(14, 0) if index % 2 else time(10, 0)
        end = time(16, 30) if index % 2 else time(12, 0)
        dates.append(
            ActionDate(
                starts_at=paris_to_utc(datetime.combine(day, start)),
                ends_at=paris_to_utc(datetime.combine(day, end)),
                place="Salle d’animation" if n == 0 else "Espace numérique",
                sequence=1 if status in (ACCEPTED, COMPLETED, CANCELLED) else 0,
            )
        )
    return dates


def seed(scale, rng):
    if db.session.scalar(select(func.count(ActionProposal.id))):
        return
    librarians = db.session.execute(
        select(User.id, User.library_id, User.email)
        .where(User.role == "librarian", User.active.is_(True))
        .order_by(User.id)
    ).all()
    coordinator_id = db.session.scalar(
        select(User.id).where(User.role == "coordinator").order_by(User.id).limit(1)
    )
    if not librarians or coordinator_id is None:
        return
    # The demo accounts first, so their pages show every state.
    librarians.sort(key=lambda row: (not row.email.startswith("bibliothecaire@"), row.id))
    by_library: dict[int, int] = {}
    for row in librarians:
        by_library.setdefault(row.library_id, row.id)
    authors = list(by_library.items())
    from sesame_group.resources.models import Resource

    catalogue = list(db.session.scalars(select(Resource).where(Resource.active.is_(True))))
    today, now = paris_today(), utcnow()
    total = max(len(STATUSES) * 2, min(len(authors), 40)) * scale
    proposals = []
    for index in range(total):
        # The first demo library gets one proposal in every state (its pages show them all).
        library_id, author_id = (
            authors[0] if index < len(STATUSES) else authors[index % len(authors)]
        )
        status = STATUSES[index % len(STATUSES)]
        title, summary, resources = IDEAS[index % len(IDEAS)]
        requested = Decimal(rng.choice((0, 150, 300, 450, 600, 800)))
        proposal = ActionProposal(
            library_id=library_id,
            author_id=author_id,
            status=status,
            title=title,
            summary=summary,
            description=f"{summary}\n\n- inscription à la bibliothèque\n"
            "- matériel prêté par le Département",
            audience=AUDIENCES[index % len(AUDIENCES)],
            format=FORMATS[index % len(FORMATS)],
            resources=resources,
            expected_participants=rng.randint(8, 40),
            requested_amount=requested,
            budget_breakdown=f"- intervenant : {requested} €",
            kakemonos=rng.randint(0, 2),
            posters=rng.choice((0, 10, 20)),
            cards=rng.choice((0, 50, 100)),
            team_help="",
            dates=_state_dates(status, index, today),
        )
        if catalogue:
            proposal.promoted = rng.sample(catalogue, min(len(catalogue), 1 + index % 2))
        if status != DRAFT:
            proposal.submitted_at = now - timedelta(days=30)
        if status == CHANGES_REQUESTED:
            proposal.changes_note = "Merci de détailler le budget de l’intervenant."
        if status in (ACCEPTED, COMPLETED, CANCELLED, DECLINED) or (
            status == UNDER_REVIEW and index % 2
        ):
            accepted = status != DECLINED
            proposal.decision = ACCEPTED if accepted else DECLINED
            proposal.granted_amount = (
                (requested * Decimal("0.8")).quantize(Decimal("1")) if accepted else None
            )
            proposal.decision_note = (
                "Logo du Département sur les affiches." if accepted else "Budget de l’année épuisé."
            )
            proposal.decided_by_id, proposal.decided_at = coordinator_id, now - timedelta(days=20)
            if status != UNDER_REVIEW:  # under review with a decision: pending announcement
                proposal.announced_at = now - timedelta(days=19)
        if status == COMPLETED:
            proposal.actual_participants = rng.randint(5, 45)
            proposal.assessment = "Public au rendez-vous ; plusieurs inscriptions à Sésame."
            proposal.reported_at = now - timedelta(days=3)
        proposals.append(proposal)
    db.session.add_all(proposals)
    db.session.flush()
    _discussions(proposals, librarians, coordinator_id, rng)
    db.session.add(ActionBudget(year=today.year, amount=Decimal("20000") * scale))
    db.session.flush()


def _discussions(proposals, librarians, coordinator_id, rng):
    comments, supports = [], []
    for proposal in proposals:
        if proposal.status == DRAFT:
            continue
        others = [row for row in librarians if row.library_id != proposal.library_id]
        for user in rng.sample(others, min(len(others), rng.randint(0, 4))):
            supports.append(ActionSupport(proposal_id=proposal.id, user_id=user.id))
        for n in range(rng.randint(0, 2)):
            comments.append(
                ActionComment(
                    proposal_id=proposal.id,
                    author_id=rng.choice(others).id,
                    body=COMMENTS[(proposal.id + n) % len(COMMENTS)],
                )
            )
        if proposal.status in (SUBMITTED, UNDER_REVIEW) and proposal.id % 2:
            comments.append(
                ActionComment(
                    proposal_id=proposal.id,
                    author_id=coordinator_id,
                    internal=True,
                    body=NOTES[proposal.id % len(NOTES)],
                )
            )
    db.session.add_all(comments + supports)
    db.session.flush()
    author_of = {p.id: p.author_id for p in proposals}
    replies = [
        ActionComment(
            proposal_id=c.proposal_id,
            parent_id=c.id,
            author_id=author_of[c.proposal_id],
            body="Merci, bonne remarque !",
        )
        for c in comments[::3]
        if not c.internal
    ]
    db.session.add_all(replies)
