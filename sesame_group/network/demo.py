"""Demo partners, libraries, opening hours and closures of the Charente (bulk inserts)."""

from datetime import date, time, timedelta

from sqlalchemy import insert, select

from sesame_group.core.timeutil import paris_today, utcnow
from sesame_group.extensions import db
from sesame_group.network.models import Closure, Library, OpeningHour, Partner

FIRST_PARTNER = "Communauté de communes Lavalette-Tude-Dronne"

# (name, kind, INSEE or SIREN code, population 2021, main town)
PARTNERS = [
    (FIRST_PARTNER, "cc", "200070548", 14322, "Montmoreau"),
    ("Commune de Chalais", "commune", "16073", 1884, "Chalais"),
    ("Commune de Montbron", "commune", "16223", 2108, "Montbron"),
    ("Communauté d'agglomération du Grand Cognac", "ca", "200070514", 69858, "Cognac"),
    ("Communauté de communes des 4B Sud Charente", "cc", "200071421", 19521, "Barbezieux"),
    ("Communauté de communes Charente Limousine", "cc", "200071835", 35213, "Confolens"),
    ("Communauté de communes du Rouillacais", "cc", "241600451", 12102, "Rouillac"),
    ("Communauté de communes Val de Charente", "cc", "200070845", 18230, "Ruffec"),
    ("Communauté de communes Cœur de Charente", "cc", "200071900", 22118, "Mansle"),
    (
        "Communauté de communes La Rochefoucauld-Porte du Périgord",
        "cc",
        "200071868",
        25126,
        "La Rochefoucauld",
    ),
    ("Commune de Ruelle-sur-Touvre", "commune", "16286", 7330, "Ruelle-sur-Touvre"),
    ("Commune de Soyaux", "commune", "16374", 9498, "Soyaux"),
    ("Commune de La Couronne", "commune", "16113", 7705, "La Couronne"),
    ("Commune de Saint-Yrieix-sur-Charente", "commune", "16358", 7340, "Saint-Yrieix"),
    ("Commune de Gond-Pontouvre", "commune", "16154", 6190, "Gond-Pontouvre"),
    ("Commune de L'Isle-d'Espagnac", "commune", "16166", 5612, "L'Isle-d'Espagnac"),
    ("Commune de Champniers", "commune", "16078", 5637, "Champniers"),
    ("Commune de Fléac", "commune", "16138", 3812, "Fléac"),
    ("Commune de Nersac", "commune", "16244", 2516, "Nersac"),
    ("Commune de Puymoyen", "commune", "16271", 2474, "Puymoyen"),
    ("Commune de Magnac-sur-Touvre", "commune", "16199", 3010, "Magnac-sur-Touvre"),
    ("Commune de Brie", "commune", "16061", 4312, "Brie"),
    ("Commune de Dirac", "commune", "16118", 1488, "Dirac"),
    ("Commune de Vars", "commune", "16393", 2108, "Vars"),
    ("Commune de Chasseneuil-sur-Bonnieure", "commune", "16085", 3203, "Chasseneuil"),
    ("Commune de Saint-Claud", "commune", "16305", 1003, "Saint-Claud"),
    ("Commune de Montemboeuf", "commune", "16225", 690, "Montemboeuf"),
    ("Commune de Jarnac", "commune", "16167", 4381, "Jarnac"),
    ("Commune de Segonzac", "commune", "16366", 2186, "Segonzac"),
    ("Commune de Châteauneuf-sur-Charente", "commune", "16090", 3533, "Châteauneuf"),
    ("Commune de Baignes-Sainte-Radegonde", "commune", "16025", 1302, "Baignes"),
    ("Commune de Brossac", "commune", "16065", 497, "Brossac"),
    ("Commune d'Aubeterre-sur-Dronne", "commune", "16020", 378, "Aubeterre"),
    ("Commune de Villebois-Lavalette", "commune", "16408", 752, "Villebois-Lavalette"),
    ("Commune de Chabanais", "commune", "16070", 1688, "Chabanais"),
    ("Commune d'Aigre", "commune", "16005", 1102, "Aigre"),
    ("Commune de Mansle", "commune", "16206", 1594, "Mansle"),
    ("Commune de Blanzac-Porcheresse", "commune", "16046", 1006, "Blanzac"),
    ("Commune de Sigogne", "commune", "16369", 903, "Sigogne"),
    ("Commune de Hiersac", "commune", "16163", 1210, "Hiersac"),
]

# Weekly patterns: weekday -> [(opens, closes), ...]
PATTERNS = [
    {
        1: [(time(9, 30), time(12)), (time(14), time(18))],
        2: [(time(10), time(18))],
        4: [(time(14), time(18))],
        5: [(time(9, 30), time(12, 30))],
    },
    {2: [(time(14), time(18))], 5: [(time(10), time(12))]},
    {
        1: [(time(16), time(18, 30))],
        2: [(time(10), time(12)), (time(14), time(17))],
        3: [(time(16), time(18, 30))],
        5: [(time(9), time(12))],
    },
    {
        0: [(time(14), time(17))],
        2: [(time(9), time(12)), (time(13, 30), time(17, 30))],
        4: [(time(15), time(19))],
        5: [(time(9), time(13))],
    },
]
KINDS = ("Médiathèque", "Bibliothèque", "Point lecture")


def _partner_rows(scale):
    year = 2021
    for copy in range(scale):
        suffix = "" if copy == 0 else f" ({copy + 1})"
        for name, kind, code, population, town in PARTNERS:
            yield (
                {
                    "name": name + suffix,
                    "kind": kind,
                    "insee_code": code,
                    "population": population,
                    "population_year": year,
                    "created_at": utcnow(),
                    "updated_at": utcnow(),
                },
                town,
            )


def seed(scale, rng):
    rows = list(_partner_rows(scale))
    db.session.execute(insert(Partner), [row for row, _ in rows])
    ids = db.session.execute(select(Partner.id, Partner.name).order_by(Partner.id)).all()
    towns = {row["name"]: town for row, town in rows}
    libraries = []
    for partner_id, name in ids:
        town = towns[name]
        count = 1 if name.startswith("Commune") else 4
        for index in range(count):
            place = town if index == 0 else f"{town} — annexe {index}"
            kind = KINDS[0] if index == 0 and not name.startswith("Commune d") else KINDS[index % 3]
            if name.startswith("Commune de Chalais") or name.startswith("Commune de Montbron"):
                kind = "Médiathèque" if "Chalais" in name else "Bibliothèque"
            slug = town.lower().replace(" ", "-").replace("'", "")
            libraries.append(
                {
                    "name": f"{kind} de {place}",
                    "partner_id": partner_id,
                    "address": f"{rng.randint(1, 40)} rue de la République",
                    "postal_code": "16" + str(rng.randint(100, 730)),
                    "town": town,
                    "email": f"mediatheque@{slug}.fr",
                    "phone": f"05 45 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                    "website_url": f"https://mediatheque.{slug}.fr" if rng.random() < 0.8 else "",
                    "created_at": utcnow(),
                    "updated_at": utcnow(),
                }
            )
    db.session.execute(insert(Library), libraries)
    library_ids = db.session.scalars(select(Library.id).order_by(Library.id)).all()
    hours, closures = [], []
    today = paris_today()
    for position, library_id in enumerate(library_ids):
        pattern = PATTERNS[position % len(PATTERNS)]
        for weekday, ranges in pattern.items():
            for opens, closes in ranges:
                hours.append(
                    {"library_id": library_id, "weekday": weekday, "opens": opens, "closes": closes}
                )
        if position % 5 == 0:
            start = date(today.year, 12, 24)
            closures.append(
                {
                    "library_id": library_id,
                    "starts_on": start,
                    "ends_on": start + timedelta(days=8),
                    "reason": "Fêtes de fin d'année",
                }
            )
        if position % 7 == 0:
            start = today + timedelta(days=30 + position % 20)
            closures.append(
                {
                    "library_id": library_id,
                    "starts_on": start,
                    "ends_on": start + timedelta(days=2),
                    "reason": "Inventaire",
                }
            )
    db.session.execute(insert(OpeningHour), hours)
    if closures:
        db.session.execute(insert(Closure), closures)
