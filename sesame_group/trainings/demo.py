"""Demo data for trainings: past sessions with attendance, upcoming ones, some full with a
waiting list, one draft and one cancelled. Idempotent, bulk-inserted."""

from datetime import datetime, time, timedelta

from sqlalchemy import func, insert, select

from sesame_group.accounts.models import User
from sesame_group.core.timeutil import paris_to_utc, paris_today, utcnow
from sesame_group.extensions import db
from sesame_group.trainings.models import Attendance, Registration, TrainingDay, TrainingSession

TOPICS = [
    ("Découvrir Sésame : la presse en ligne", "Cafeyn et Europresse : consulter, prêter, animer."),
    ("Cinéma à la demande pour les bibliothèques", "Catalogue, droits de prêt, idées d’animation."),
    ("Musique en ligne : écouter et faire écouter", "Prise en main, playlists, médiation."),
    ("Autoformation : langues et code de la route", "Accompagner les usagers dans leurs parcours."),
    ("Livres numériques et liseuses", "Prêt numérique, DRM, ateliers de découverte."),
    ("Médiation numérique : animer un atelier", "Construire une séance d’une heure."),
]
# The demo librarians of sesame_group/demo.py: registered to some upcoming sessions, never to
# the full ones, so a visitor can join a waiting list.
DEMO_ACCOUNTS = ("bibliothecaire@chalais.fr", "bibliothecaire@montbron.fr")
PLACES = [
    "Médiathèque départementale, 14 rue de Bellevue, 16000 Angoulême",
    "Médiathèque de Cognac, 10 rue du Minage, 16100 Cognac",
    "Salle du conseil, 31 boulevard Émile Roux, 16000 Angoulême",
]


def seed(scale, rng):
    if db.session.scalar(select(func.count(TrainingSession.id))):
        return
    coordinator = db.session.scalar(
        select(User.id).where(User.role == "coordinator").order_by(User.id)
    )
    librarians = db.session.scalars(
        select(User.id)
        .where(User.role == "librarian", User.active.is_(True), User.email.not_in(DEMO_ACCOUNTS))
        .order_by(User.id)
    ).all()
    demo_ids = db.session.scalars(
        select(User.id).where(User.email.in_(DEMO_ACCOUNTS)).order_by(User.email)
    ).all()
    today, now = paris_today(), utcnow()
    plans = []  # (offset days of first day, number of days, capacity, status, fill)
    for index in range(6 * scale):
        offset = rng.choice([-120, -60, -30, -10, 12, 25, 40, 70]) + index
        plans.append(
            (
                offset,
                1 + index % 2,
                rng.choice([8, 10, 12]),
                "published",
                (1.4, 0.5, 0.9)[index % 3],
            )
        )
    plans += [(50, 2, 10, "draft", 0), (35, 1, 10, "cancelled", 0.5)]
    for number, (offset, count, capacity, status, fill) in enumerate(plans):
        title, summary = TOPICS[number % len(TOPICS)]
        session = TrainingSession(
            title=title,
            description=f"{summary}\n\n**Prévoir** un ordinateur portable.",
            audience="Bibliothécaires du réseau",
            trainer=rng.choice(["Camille Formation", "Julien Numérique", "Équipe Sésame"]),
            resources_text="",
            place=rng.choice(PLACES),
            online_url="",
            capacity=capacity,
            status=status,
            cancel_reason="Formateur indisponible" if status == "cancelled" else "",
            revision=1 if status != "draft" else 0,
            published_at=now if status != "draft" else None,
            created_by_id=coordinator,
            registration_closes_on=today + timedelta(days=offset - 2),
        )
        for day_index in range(count):
            day = today + timedelta(days=offset + day_index * 7)
            session.days.append(
                TrainingDay(
                    starts_at=paris_to_utc(datetime.combine(day, time(9, 30))),
                    ends_at=paris_to_utc(datetime.combine(day, time(16, 30))),
                    place="",
                    sequence=0,
                    status="scheduled",
                )
            )
        db.session.add(session)
        db.session.flush()
        people = rng.sample(librarians, min(len(librarians), int(capacity * fill)))
        if status == "published" and offset > 0 and fill < 1:  # Lucie and Paul: registered
            people = [*demo_ids, *people][:capacity]
        _registrations(session, people, offset < 0 and status == "published", coordinator, rng)


def _registrations(session, people, past, coordinator, rng):
    rows = []
    for queue, user_id in enumerate(people, start=1):
        rows.append(
            {
                "session_id": session.id,
                "user_id": user_id,
                "queue_number": queue,
                "revision": 0,
                "status": "confirmed" if queue <= session.capacity else "waiting",
                "registered_by_id": user_id,
            }
        )
    session.next_queue_number = len(rows) + 1
    if rows:
        db.session.execute(insert(Registration), rows)
    if not past:
        return
    regs = db.session.scalars(
        select(Registration.id).where(
            Registration.session_id == session.id, Registration.status == "confirmed"
        )
    ).all()
    marks = [
        {
            "day_id": day.id,
            "registration_id": reg_id,
            "recorded_by_id": coordinator,
            "status": rng.choice(["present"] * 8 + ["excused", "absent"]),
        }
        for day in session.days
        for reg_id in regs
    ]
    if marks:
        db.session.execute(insert(Attendance), marks)
