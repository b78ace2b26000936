"""Library pages: list filters and pagination, detail, create and edit, hostile input."""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from sesame_group.core.audit import AuditEntry
from sesame_group.core.timeutil import paris_today
from sesame_group.network.models import Library

NNBSP = "\u202f"


def _data(partner_id, **changes):
    data = {
        "name": "Médiathèque de Montmoreau",
        "partner_id": str(partner_id),
        "address": "2 place du Champ de foire",
        "postal_code": "16190",
        "town": "Montmoreau",
        "email": "mediatheque@montmoreau.fr",
        "phone": "05 45 60 21 34",
        "website_url": "https://mediatheque.montmoreau.fr",
    }
    data.update(changes)
    return data


def test_create_library(client, auth, coordinator, create_partner, db):
    partner = create_partner()
    auth.login_as(coordinator)
    response = client.post("/network/libraries/new", data=_data(partner.id))
    library = db.session.scalars(select(Library)).one()
    assert response.headers["Location"] == f"/network/libraries/{library.id}"
    assert (
        library.name,
        library.partner_id,
        library.full_address,
        library.email,
        library.phone,
        library.website_url,
    ) == (
        "Médiathèque de Montmoreau",
        partner.id,
        "2 place du Champ de foire, 16190 Montmoreau",
        "mediatheque@montmoreau.fr",
        "05 45 60 21 34",
        "https://mediatheque.montmoreau.fr",
    )
    assert db.session.scalars(select(AuditEntry.action)).all() == ["network.library_create"]


def test_edit_library_optional_fields_can_be_emptied(client, auth, coordinator, librarian, db):
    library = librarian.library
    auth.login_as(coordinator)
    response = client.post(
        f"/network/libraries/{library.id}/edit",
        data=_data(
            library.partner_id,
            name="Médiathèque de Chalais",
            address="",
            postal_code="",
            email="",
            phone="",
            website_url="",
        ),
    )
    assert response.status_code == 302
    db.session.refresh(library)
    assert (library.address, library.postal_code, library.email, library.website_url) == (
        "",
        "",
        "",
        "",
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "y" * 161}, "name", "160 caractères au plus."),
        (
            {"name": "<img src=x onerror=alert(1)>"},
            "name",
            "Les caractères &lt; et &gt; ne sont pas autorisés.",
        ),
        ({"town": ""}, "town", "Indiquez la commune."),
        ({"postal_code": "1619"}, "postal_code", "Le code postal compte 5 chiffres."),
        ({"email": "pas-une-adresse"}, "email", "Adresse de courriel invalide."),
        ({"phone": "<script>"}, "phone", "Chiffres, espaces et + . - ( ) seulement."),
        (
            {"website_url": "javascript:alert(1)"},
            "website_url",
            "Adresse web invalide : elle commence par https:// ou http://.",
        ),
        ({"website_url": "https://" + "a" * 300}, "website_url", "300 caractères au plus."),
        ({"partner_id": "999999"}, "partner_id", "N&#39;est pas un choix valide."),
        ({"partner_id": "abc"}, "partner_id", "Choix non valide, ne peut pas être converti."),
    ],
)
def test_hostile_library_input_is_refused(
    client, auth, coordinator, create_partner, db, changes, field, message
):
    partner = create_partner()
    auth.login_as(coordinator)
    response = client.post("/network/libraries/new", data={**_data(partner.id), **changes})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error" role="alert">' in page
    assert message in page
    assert db.session.scalars(select(Library)).all() == []


def test_library_list_search_filter_and_pagination(
    client, auth, librarian, create_partner, create_library
):
    partner = create_partner(name="Commune de Brie")
    for index in range(26):
        create_library(partner=partner, name=f"Point lecture {index:02d}", town="Brie")
    create_library(name="Médiathèque 100% _spéciale", town="Cognac")
    auth.login_as(librarian)
    page = client.get("/network/libraries?q=brie").get_data(as_text=True)
    assert "26 bibliothèques" in page
    assert "Point lecture 24" in page and "Point lecture 25" not in page
    assert "Page 1 sur 2" in page
    page = client.get("/network/libraries?q=brie&page=2").get_data(as_text=True)
    assert "Point lecture 25" in page and "Point lecture 00" not in page
    page = client.get(f"/network/libraries?partner={librarian.library.partner_id}")
    assert "1 bibliothèque<" in page.get_data(as_text=True)
    assert "Médiathèque de Chalais" in page.get_data(as_text=True)
    # LIKE wildcards are taken literally
    page = client.get("/network/libraries?q=100%25 _").get_data(as_text=True)
    assert "1 bibliothèque<" in page and "Médiathèque 100% _spéciale" in page
    page = client.get("/network/libraries?q=" + "z" * 500).get_data(as_text=True)
    assert "100 caractères au plus." in page
    assert client.get("/network/libraries?page=-3&partner=abc").status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_library_list_runs_constant_queries(
    client, auth, coordinator, create_library, add_closure, count_queries, count
):
    for _i in range(count):
        library = create_library(hours=[(1, time(9), time(12))])
        add_closure(library, date(2030, 1, 1), date(2030, 1, 2))
    auth.login_as(coordinator)
    client.get("/network/libraries")  # warm-up: the logged-in user is loaded once
    with count_queries() as queries:
        response = client.get("/network/libraries")
    assert response.status_code == 200
    # partner choices, count, page, partners, opening hours, closures
    assert len(queries) == 6


def test_library_detail_shows_everything(client, auth, librarian, create_user, add_closure):
    library = librarian.library
    library.website_url = "https://mediatheque.chalais.fr"
    library.email = "mediatheque@chalais.fr"
    today = paris_today()
    add_closure(library, today - timedelta(days=20), today - timedelta(days=10), "Passée")
    add_closure(library, date(today.year + 1, 8, 1), date(today.year + 1, 8, 15), "Congés d’été")
    create_user(library=library, display_name="Zoé Inactive", active=False)
    auth.login_as(librarian)
    page = client.get(f"/network/libraries/{library.id}").get_data(as_text=True)
    tuesday = f"9{NNBSP}h{NNBSP}30 – 12{NNBSP}h et 14{NNBSP}h – 18{NNBSP}h"
    assert f'<tr><th scope="row">mardi</th><td>{tuesday}</td></tr>' in page
    assert '<tr><th scope="row">lundi</th><td><span class="muted">fermé</span></td></tr>' in page
    assert (
        f"1er août {today.year + 1} au " in page
        and f"15 août {today.year + 1} : Congés d’été</li>" in page
    )
    assert "Congés d’été" in page and "Passée" not in page
    assert '<a href="https://mediatheque.chalais.fr" rel="noopener noreferrer">' in page
    assert "Lucie Biblio" in page and "Zoé Inactive" not in page
    assert ("Ouvert en ce moment" in page) != ("Fermé — ouvre" in page)
    assert "Modifier les horaires" in page
    assert "Modifier la bibliothèque" not in page


def test_library_detail_in_english(client, auth, librarian):
    auth.login_as(librarian)
    page = client.get(f"/network/libraries/{librarian.library_id}?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert '<th scope="row">Tuesday</th><td>09:30 – 12:00' in page
    assert "14:00 – 18:00</td>" in page


def test_library_detail_runs_constant_queries(
    client, auth, coordinator, librarian, count_queries, create_user
):
    for _i in range(3):
        create_user(library=librarian.library)
    auth.login_as(coordinator)
    client.get(f"/network/libraries/{librarian.library_id}")  # warm-up: user loaded once
    with count_queries() as queries:
        response = client.get(f"/network/libraries/{librarian.library_id}")
    assert response.status_code == 200
    # library, partner, members, opening hours, closures
    assert len(queries) == 5


def test_other_librarian_sees_no_edit_links(client, auth, librarian, other_librarian):
    auth.login_as(other_librarian)
    page = client.get(f"/network/libraries/{librarian.library_id}").get_data(as_text=True)
    assert "Modifier les horaires" not in page and "Gérer les fermetures" not in page


def test_control_characters_are_dropped_not_a_database_error(
    client, auth, coordinator, create_partner, db
):
    partner = create_partner()
    auth.login_as(coordinator)
    assert client.get("/network/libraries?q=ab%00c").status_code == 200
    assert client.get("/network/partners?q=%00").status_code == 200
    response = client.post(
        "/network/libraries/new",
        data=_data(partner.id, name="Média\x00thèque\x07", town="Brie\x00"),
    )
    assert response.status_code == 302
    assert db.session.execute(select(Library.name, Library.town)).one() == ("Médiathèque", "Brie")
