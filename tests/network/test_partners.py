"""Partner pages: list with library counts, create, edit, hostile input, audit, query counts."""

import pytest
from sqlalchemy import select

from sesame_group.core.audit import AuditEntry
from sesame_group.network.models import Partner

VALID = {
    "name": "Communauté de communes du Test",
    "kind": "cc",
    "insee_code": "200070548",
    "population": "14322",
    "population_year": "2021",
}


def _post(client, url, **changes):
    return client.post(url, data={**VALID, **changes})


def test_create_partner_records_row_and_audit(client, auth, coordinator, db):
    auth.login_as(coordinator)
    response = _post(client, "/network/partners/new")
    partner = db.session.scalars(select(Partner)).one()
    assert response.headers["Location"] == f"/network/partners/{partner.id}"
    assert (
        partner.name,
        partner.kind,
        partner.insee_code,
        partner.population,
        partner.population_year,
    ) == ("Communauté de communes du Test", "cc", "200070548", 14322, 2021)
    entries = db.session.execute(
        select(AuditEntry.actor_id, AuditEntry.action, AuditEntry.object_id)
    ).all()
    assert entries == [(coordinator.id, "network.partner_create", partner.id)]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "La collectivité « Communauté de communes du Test » est enregistrée." in page
    assert "14\u202f322 habitants (2021)" in page


def test_corsican_commune_code_accepted_and_upper_cased(client, auth, coordinator, db):
    auth.login_as(coordinator)
    response = _post(
        client,
        "/network/partners/new",
        name="Commune d’Ajaccio",
        kind="commune",
        insee_code="2a004",
    )
    assert response.status_code == 302
    assert db.session.scalars(select(Partner.insee_code)).all() == ["2A004"]


def test_edit_partner_keeps_its_own_name(client, auth, coordinator, create_partner, db):
    partner = create_partner(name="Commune de Chalais", insee_code="16073")
    auth.login_as(coordinator)
    response = _post(
        client,
        f"/network/partners/{partner.id}/edit",
        name="Commune de Chalais",
        kind="commune",
        insee_code="16073",
        population="1900",
    )
    assert response.status_code == 302
    db.session.refresh(partner)
    assert (partner.population, partner.insee_code) == (1900, "16073")
    assert db.session.scalars(select(AuditEntry.action)).all() == ["network.partner_update"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "x" * 161}, "160 caractères au plus."),
        (
            {"name": "<script>alert(1)</script>"},
            "Les caractères &lt; et &gt; ne sont pas autorisés.",
        ),
        ({"name": ""}, "Indiquez le nom."),
        (
            {"kind": "commune", "insee_code": "1607"},
            "Le code INSEE d’une commune compte 5 caractères (ex. 16073, 2A004).",
        ),
        (
            {"kind": "commune", "insee_code": "2C004"},
            "Le code INSEE d’une commune compte 5 caractères (ex. 16073, 2A004).",
        ),
        (
            {"kind": "cc", "insee_code": "16073"},
            "Le SIREN d’un EPCI compte 9 chiffres (ex. 200070548).",
        ),
        ({"kind": "ca", "insee_code": "<b>12345"}, "Le SIREN d’un EPCI compte 9 chiffres"),
        ({"population": "-5"}, "La population doit être positive ou nulle."),
        ({"population": "beaucoup"}, "N&#39;est pas un entier valide."),
        ({"population_year": "1850"}, "L’année doit être comprise entre 1990 et"),
        ({"population_year": "3000"}, "L’année doit être comprise entre 1990 et"),
        ({"kind": "metropole"}, "N&#39;est pas un choix valide."),
    ],
)
def test_hostile_partner_input_is_refused(client, auth, coordinator, db, changes, message):
    auth.login_as(coordinator)
    response = _post(client, "/network/partners/new", **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert 'role="alert"' in page
    assert db.session.scalars(select(Partner)).all() == []


def test_duplicate_partner_name_is_a_field_error(client, auth, coordinator, create_partner, db):
    create_partner(name="Commune de Chalais")
    auth.login_as(coordinator)
    response = _post(
        client,
        "/network/partners/new",
        name="commune de chalais",
        kind="commune",
        insee_code="16073",
    )
    assert "Une collectivité porte déjà ce nom." in response.get_data(as_text=True)
    assert db.session.scalar(select(Partner.name).where(Partner.insee_code == "16073")) is None


def test_partner_list_shows_library_counts_and_filters(
    client, auth, librarian, create_partner, create_library
):
    cc = create_partner(name="Communauté de communes Alpha", kind="cc", insee_code="200000001")
    create_library(partner=cc)
    create_library(partner=cc)
    create_partner(name="Commune Beta", kind="commune", insee_code="16002")
    auth.login_as(librarian)
    page = client.get("/network/partners?kind=cc").get_data(as_text=True)
    assert "Communauté de communes Alpha" in page
    assert "Commune Beta" not in page
    assert '<td class="num">2</td>' in page
    assert "1 collectivité" in page
    page = client.get("/network/partners?q=beta").get_data(as_text=True)
    assert ("Commune Beta" in page, "Communauté de communes Alpha" in page) == (True, False)
    assert '<td class="num">0</td>' in page
    # a librarian sees no edit button
    assert "Ajouter une collectivité" not in page


def test_partner_detail_lists_its_libraries(
    client, auth, coordinator, create_partner, create_library
):
    partner = create_partner(name="Commune de Montbron")
    create_library(partner=partner, name="Bibliothèque de Montbron")
    create_library(name="Ailleurs")
    auth.login_as(coordinator)
    page = client.get(f"/network/partners/{partner.id}").get_data(as_text=True)
    assert "Bibliothèque de Montbron" in page
    assert "Ailleurs" not in page
    assert "Modifier la collectivité" in page


@pytest.mark.parametrize("count", [1, 3])
def test_partner_list_runs_constant_queries(
    client, auth, coordinator, create_partner, create_library, count_queries, count
):
    for _i in range(count):
        create_library(partner=create_partner())
    auth.login_as(coordinator)
    client.get("/network/partners")  # warm-up: the logged-in user is loaded once
    with count_queries() as queries:
        response = client.get("/network/partners")
    assert response.status_code == 200
    # count, page, library counts
    assert len(queries) == 3


@pytest.mark.parametrize("count", [1, 3])
def test_partner_detail_runs_constant_queries(
    client, auth, coordinator, create_partner, create_library, add_closure, count_queries, count
):
    from datetime import date, time

    partner = create_partner()
    for _i in range(count):
        library = create_library(partner=partner, hours=[(2, time(9), time(12))])
        add_closure(library, date(2030, 1, 1), date(2030, 1, 2))
    auth.login_as(coordinator)
    client.get(f"/network/partners/{partner.id}")  # warm-up: the logged-in user is loaded once
    with count_queries() as queries:
        response = client.get(f"/network/partners/{partner.id}")
    assert response.status_code == 200
    assert (
        response.get_data(as_text=True).count("Fermé — ouvre")
        + response.get_data(as_text=True).count("Ouvert en ce moment")
        == count
    )
    # partner, libraries, opening hours, closures
    assert len(queries) == 4
