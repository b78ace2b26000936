"""Demo replacement statuses: some absences on opening hours arranged, some not needed."""

from sqlalchemy import insert, select

from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db
from sesame_group.replacements import queries
from sesame_group.replacements.models import ARRANGED, NOT_NEEDED, Replacement

WHO = (
    "Marie, agente de la mairie",
    "Bénévole de l’association Lire ensemble",
    "Collègue de l’annexe",
)
WHY = ("Fermeture ce jour-là pour inventaire", "Ouverture assurée par une collègue présente")


def seed(scale, rng):
    """A third of the absences to plan get « arranged », a third « not needed » (bulk)."""
    if db.session.scalar(select(Replacement.id).limit(1)):
        return
    now, rows = utcnow(), []
    for library, plan in queries.still_to_plan(now):
        for index, row in enumerate(plan):
            choice = (index + rng.randint(0, 2)) % 3
            if choice == 2:
                continue  # stays « to plan »
            rows.append(
                {
                    "absence_key": row.absence.key,
                    "library_id": library.id,
                    "status": ARRANGED if choice == 0 else NOT_NEEDED,
                    "arranged_by": rng.choice(WHO) if choice == 0 else "",
                    "reason": rng.choice(WHY) if choice == 1 else "",
                    "sequence": 0,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    if rows:
        db.session.execute(insert(Replacement), rows)
