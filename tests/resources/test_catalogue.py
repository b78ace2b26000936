"""Catalogue pages: browse, filter, costs for the coordinator only, create and edit resources."""

from decimal import Decimal

from sqlalchemy import select

from sesame_group.core.audit import AuditEntry
from sesame_group.resources.models import Resource
from tests.resources.conftest import page as text

VALID = {
    "name": "Cafeyn",
    "provider": "Cafeyn",
    "category": "presse",
    "description": "Presse en ligne.",
    "url": "https://www.cafeyn.co",
    "active": "y",
    "subscribed_year": "2021",
    "yearly_cost": "5400.50",
}


def test_librarian_browses_active_resources_without_costs(client, auth, librarian, create_resource):
    create_resource(name="Cafeyn", yearly_cost=Decimal("5400"))
    create_resource(name="MusicMe", category="musique")
    create_resource(name="Ancienne ressource", active=False)
    auth.login_as(librarian)
    page = client.get("/resources/").get_data(as_text=True)
    assert "2 ressources" in page
    assert "Cafeyn" in page and "MusicMe" in page
    assert "Ancienne ressource" not in page
    assert "Coût annuel" not in page and "5\u202f400" not in page


def test_filter_by_category_and_text(client, auth, librarian, create_resource):
    create_resource(name="Cafeyn", description="magazines")
    create_resource(name="MusicMe", category="musique")
    auth.login_as(librarian)
    page = client.get("/resources/?category=musique").get_data(as_text=True)
    assert "1 ressource" in page and "MusicMe" in page and "Cafeyn" not in page
    page = client.get("/resources/?q=MAGAZ").get_data(as_text=True)
    assert "1 ressource" in page and "Cafeyn" in page and "MusicMe" not in page
    # an unknown category is a field error, the full list stays
    page = client.get("/resources/?category=<script>").get_data(as_text=True)
    assert "2 ressources" in page and "<script>" not in page


def test_coordinator_sees_costs_and_inactive(client, auth, coordinator, create_resource):
    resource = create_resource(name="Cafeyn", yearly_cost=Decimal("5400"))
    create_resource(name="Ancienne ressource", active=False)
    auth.login_as(coordinator)
    page = client.get("/resources/").get_data(as_text=True)
    assert "Ancienne ressource" in page and "inactive" in page
    assert "5\u202f400,00\u00a0€" in page
    detail = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert "5\u202f400,00\u00a0€" in detail


def test_coordinator_creates_a_resource(client, auth, coordinator, db):
    auth.login_as(coordinator)
    response = client.post("/resources/new", data=VALID)
    resource = db.session.scalar(select(Resource))
    assert response.headers["Location"] == f"/resources/{resource.id}"
    assert (
        resource.name,
        resource.provider,
        resource.category,
        resource.url,
        resource.active,
        resource.subscribed_year,
        resource.yearly_cost,
    ) == ("Cafeyn", "Cafeyn", "presse", "https://www.cafeyn.co", True, 2021, Decimal("5400.50"))
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.object_id, entry.summary) == (
        "resources.resource_create",
        resource.id,
        "Cafeyn",
    )


def test_coordinator_edits_a_resource(client, auth, coordinator, create_resource, db):
    resource = create_resource(name="Cafeyn")
    auth.login_as(coordinator)
    response = client.post(
        f"/resources/{resource.id}/edit", data=VALID | {"name": "Cafeyn Premium", "active": ""}
    )
    assert response.status_code == 302
    db.session.refresh(resource)
    assert (resource.name, resource.active) == ("Cafeyn Premium", False)
    assert db.session.scalar(select(AuditEntry.action)) == "resources.resource_update"


HOSTILE = [
    ({"name": "x" * 121}, "120 caractères au plus."),
    ({"name": "<b>Cafeyn</b>"}, "Les caractères < et > ne sont pas autorisés."),
    ({"provider": ""}, "Indiquez le fournisseur."),
    ({"description": "<script>alert(1)</script>"}, "Les caractères < et > ne sont pas autorisés."),
    ({"description": "x" * 2001}, "2000 caractères au plus."),
    ({"url": "javascript:alert(1)"}, "L’adresse doit commencer par https:// ou http://."),
    ({"url": 'https://a.fr/"onmouseover=x'}, "Adresse web invalide."),
    ({"yearly_cost": "-10"}, "Montant entre 0 et 10 000 000 €."),
    ({"subscribed_year": "3000"}, "Année entre 1990 et 2100."),
    ({"category": "tout"}, "N'est pas un choix valide."),
]


def test_hostile_resource_input_is_refused(client, auth, coordinator, db):
    auth.login_as(coordinator)
    for change, message in HOSTILE:
        response = client.post("/resources/new", data=VALID | change)
        assert response.status_code == 200, change
        assert message in text(response), change
    assert db.session.scalars(select(Resource)).all() == []


def test_duplicate_name_is_a_field_error(client, auth, coordinator, create_resource, db):
    create_resource(name="Cafeyn")
    auth.login_as(coordinator)
    response = client.post("/resources/new", data=VALID | {"name": "CAFEYN"})
    assert "Une ressource porte déjà ce nom." in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Resource)).all()) == 1


def test_catalogue_query_count_is_constant(
    client, auth, coordinator, create_resource, count_queries
):
    auth.login_as(coordinator)
    counts = []
    for size in (1, 3):
        for _ in range(size):
            create_resource()
        with count_queries() as queries:
            assert client.get("/resources/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_active_resource_choices_for_other_domains(create_resource, count_queries):
    b, a = create_resource(name="MusicMe"), create_resource(name="Cafeyn")
    create_resource(name="Ancienne", active=False)
    from sesame_group.resources.queries import active_resource_choices

    expected = [(a.id, "Cafeyn"), (b.id, "MusicMe")]
    with count_queries() as statements:
        assert active_resource_choices() == expected
    assert len(statements) == 1


def test_an_empty_edit_post_changes_nothing(client, auth, coordinator, create_resource, db):
    resource = create_resource(name="Cafeyn")
    auth.login_as(coordinator)
    response = client.post(f"/resources/{resource.id}/edit", data={})
    assert "Indiquez le nom." in text(response) and "Choisissez une catégorie." in text(response)
    db.session.refresh(resource)
    assert (resource.name, resource.active) == ("Cafeyn", True)
