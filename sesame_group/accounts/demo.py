"""Demo coordinators and librarians (one password hash shared, so seeding stays fast)."""

from sqlalchemy import insert, select

from sesame_group.accounts.models import User
from sesame_group.accounts.services import hash_password
from sesame_group.core.timeutil import utcnow
from sesame_group.extensions import db
from sesame_group.network.models import Library

FIRST_NAMES = [
    "Camille",
    "Dominique",
    "Claire",
    "Sophie",
    "Julien",
    "Nathalie",
    "Isabelle",
    "Thomas",
    "Élodie",
    "Marion",
    "Laurent",
    "Sandrine",
    "Céline",
    "Pierre",
    "Aurélie",
    "Hélène",
    "Valérie",
    "Nicolas",
    "Anne",
    "Mathilde",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Laurent",
    "Girard",
    "Roux",
    "Fournier",
    "Morel",
    "Guérin",
    "Faure",
    "Mercier",
    "Boucher",
    "Chevalier",
    "Renaud",
    "Barbier",
    "Arnaud",
    "Rousseau",
    "Brunet",
    "Meunier",
]


def seed(scale, rng):
    from sesame_group.demo import DEMO_PASSWORD

    password = hash_password(DEMO_PASSWORD)
    now = utcnow()
    rows = [
        {
            "email": "coordination@lacharente.fr",
            "display_name": "Anne Coordination",
            "role": "coordinator",
            "password_hash": password,
            "language": "fr",
            "active": True,
        },
        {
            "email": "sdl@lacharente.fr",
            "display_name": "Marc Lecture",
            "role": "coordinator",
            "password_hash": password,
            "language": "fr",
            "active": True,
        },
    ]
    libraries = db.session.execute(
        select(Library.id, Library.name, Library.email).order_by(Library.id)
    ).all()
    for library_id, name, email in libraries:
        domain = email.split("@")[1] if "@" in email else "mairie.fr"
        count = 3 if "Médiathèque" in name else 2
        for index in range(count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            rows.append(
                {
                    "email": f"{_ascii(first)}.{_ascii(last)}.{library_id}.{index}@{domain}",
                    "display_name": f"{first} {last}",
                    "role": "librarian",
                    "library_id": library_id,
                    "password_hash": password,
                    "language": "fr",
                    "active": index < 2 or library_id % 4 != 0,
                }
            )
    for name, email in (
        ("Médiathèque de Chalais", "bibliothecaire@chalais.fr"),
        ("Bibliothèque de Montbron", "bibliothecaire@montbron.fr"),
    ):
        library_id = next(lid for lid, lname, _ in libraries if lname == name)
        rows.append(
            {
                "email": email,
                "display_name": "Lucie Chalais" if "chalais" in email else "Paul Montbron",
                "role": "librarian",
                "library_id": library_id,
                "password_hash": password,
                "language": "fr",
                "active": True,
            }
        )
    for row in rows:
        row.update(created_at=now, updated_at=now)
    db.session.execute(insert(User), rows)


def _ascii(text):
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
