"""Coordinator member list, detail, edit, deactivate and reactivate."""

import re

import pytest
from sqlalchemy import select

from sesame_group.accounts.models import User
from sesame_group.core.audit import AuditEntry

ROW = re.compile(r'<th scope="row"><a href="/accounts/members/\d+">([^<]+)</a></th>')


def names(response) -> list[str]:
    return ROW.findall(response.get_data(as_text=True))


@pytest.fixture
def network(create_partner, create_library, create_user, coordinator, librarian):
    """Two partners; Chalais (librarian) and two more members."""
    lavalette = create_partner(name="CC Lavalette-Tude-Dronne", kind="cc")
    montmoreau = create_library(name="Bibliothèque de Montmoreau", partner=lavalette)
    alice = create_user(
        email="alice.dupont@montmoreau.fr", display_name="Alice Dupont", library=montmoreau
    )
    bruno = create_user(
        email="bruno@montmoreau.fr", display_name="Bruno Zola", library=montmoreau, active=False
    )
    return {"partner": lavalette, "library": montmoreau, "alice": alice, "bruno": bruno}


def test_member_list_sorted_by_name(client, auth, coordinator, network):
    auth.login_as(coordinator)
    response = client.get("/accounts/members")
    assert names(response) == ["Alice Dupont", "Bruno Zola", "Coordination", "Lucie Biblio"]
    html = response.get_data(as_text=True)
    assert "4 membres trouvés" in html
    assert (
        'Bibliothèque de Montmoreau <span class="muted">(CC Lavalette-Tude-Dronne)</span>' in html
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "dupont"}, ["Alice Dupont"]),
        ({"q": "MONTMOREAU.fr"}, ["Alice Dupont", "Bruno Zola"]),
        ({"q": "%"}, []),
        ({"q": "_"}, []),
        ({"role": "coordinator"}, ["Coordination"]),
        ({"active": "0"}, ["Bruno Zola"]),
        ({"active": "1", "role": "librarian"}, ["Alice Dupont", "Lucie Biblio"]),
        ({"partner": "{partner}"}, ["Alice Dupont", "Bruno Zola"]),
        ({"library": "{chalais}"}, ["Lucie Biblio"]),
        ({"partner": "{partner}", "active": "1"}, ["Alice Dupont"]),
    ],
)
def test_member_filters(client, auth, coordinator, librarian, network, query, expected):
    auth.login_as(coordinator)
    values = {
        key: value.format(partner=network["partner"].id, chalais=librarian.library_id)
        for key, value in query.items()
    }
    assert names(client.get("/accounts/members", query_string=values)) == expected


def test_invalid_filters_are_ignored_without_error(client, auth, coordinator, network):
    auth.login_as(coordinator)
    response = client.get(
        "/accounts/members",
        query_string={
            "partner": "abc",
            "library": "99999",
            "role": "admin",
            "active": "peut-être",
            "page": "x",
            "q": "a" * 500,
        },
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Choisissez une valeur de la liste." in html
    assert "100 caractères au plus." in html
    assert names(response) == ["Alice Dupont", "Bruno Zola", "Coordination", "Lucie Biblio"]


def test_member_list_pagination(client, app, auth, coordinator, create_user, monkeypatch):
    monkeypatch.setitem(app.config, "MEMBERS_PER_PAGE", 2)
    for index in range(3):
        create_user(display_name=f"Membre {index}", email=f"m{index}@example.fr")
    auth.login_as(coordinator)
    first = client.get("/accounts/members")
    assert names(first) == ["Coordination", "Membre 0"]
    assert "Page 1 sur 2" in first.get_data(as_text=True)
    assert 'href="/accounts/members?page=2" rel="next"' in first.get_data(as_text=True)
    assert names(client.get("/accounts/members?page=2")) == ["Membre 1", "Membre 2"]
    assert names(client.get("/accounts/members?page=9")) == []


@pytest.mark.parametrize("size", [1, 3])
def test_member_list_query_count_is_constant(
    client, auth, coordinator, create_user, create_library, count_queries, size
):
    for index in range(size):
        create_user(library=create_library(), email=f"q{index}@example.fr")
    auth.login_as(coordinator)
    with count_queries() as queries:
        response = client.get("/accounts/members")
    assert len(names(response)) == size + 1
    # partners, libraries, count, page (the test's app context already holds the user)
    assert len(queries) == 4, queries


def test_member_detail_and_edit(client, db, auth, coordinator, librarian, network):
    auth.login_as(coordinator)
    alice = network["alice"]
    html = client.get(f"/accounts/members/{alice.id}").get_data(as_text=True)
    assert "<h1>Alice Dupont</h1>" in html
    assert "alice.dupont@montmoreau.fr" in html
    assert "Désactiver le compte" in html
    assert "Renvoyer l’invitation" not in html
    response = client.post(
        f"/accounts/members/{alice.id}",
        data={
            "display_name": "Alice Dupont-Martin",
            "role": "librarian",
            "library": str(librarian.library_id),
        },
    )
    assert response.headers["Location"] == f"/accounts/members/{alice.id}"
    db.session.refresh(alice)
    assert (alice.display_name, alice.library_id) == ("Alice Dupont-Martin", librarian.library_id)
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.actor_id, entry.action, entry.object_type, entry.object_id) == (
        coordinator.id,
        "member.update",
        "User",
        alice.id,
    )


def test_promotion_to_coordinator_drops_the_library(client, db, auth, coordinator, network):
    auth.login_as(coordinator)
    alice = network["alice"]
    client.post(
        f"/accounts/members/{alice.id}",
        data={"display_name": "Alice Dupont", "role": "coordinator", "library": ""},
    )
    db.session.refresh(alice)
    assert (alice.role, alice.library_id) == ("coordinator", None)


def test_coordinator_cannot_demote_or_deactivate_themself(client, db, auth, coordinator, librarian):
    auth.login_as(coordinator)
    response = client.post(
        f"/accounts/members/{coordinator.id}",
        data={
            "display_name": "Coordination",
            "role": "librarian",
            "library": str(librarian.library_id),
        },
    )
    assert "Vous ne pouvez pas changer votre propre rôle." in response.get_data(as_text=True)
    assert client.post(f"/accounts/members/{coordinator.id}/deactivate").status_code == 403
    db.session.refresh(coordinator)
    assert (coordinator.role, coordinator.active) == ("coordinator", True)
    assert db.session.scalar(select(AuditEntry)) is None


def test_deactivate_then_reactivate(client, db, app, auth, coordinator, network):
    from tests.conftest import PASSWORD

    alice = network["alice"]
    alice_client = app.test_client()

    def as_alice(method, url, **kwargs):
        db.session.commit()  # SQLite: release the test's transaction (BEGIN IMMEDIATE)
        with app.app_context():  # her own app context and session, as in production
            return alice_client.open(url, method=method, **kwargs)

    as_alice("POST", "/accounts/login", data={"email": alice.email, "password": PASSWORD})
    assert as_alice("GET", "/accounts/profile").status_code == 200

    auth.login_as(coordinator)
    response = client.post(f"/accounts/members/{alice.id}/deactivate")
    assert response.headers["Location"] == f"/accounts/members/{alice.id}"
    db.session.refresh(alice)
    assert alice.active is False
    html = client.get(f"/accounts/members/{alice.id}").get_data(as_text=True)
    assert "Le compte de Alice Dupont est désactivé." in html
    assert "Réactiver le compte" in html
    # Her open session ends; she cannot log in again.
    assert as_alice("GET", "/accounts/profile").status_code == 302
    again = as_alice("POST", "/accounts/login", data={"email": alice.email, "password": PASSWORD})
    assert again.status_code == 200
    # Deactivating twice is refused; reactivating works.
    assert client.post(f"/accounts/members/{alice.id}/deactivate").status_code == 403
    client.post(f"/accounts/members/{alice.id}/reactivate")
    db.session.refresh(alice)
    assert alice.active is True
    assert client.post(f"/accounts/members/{alice.id}/reactivate").status_code == 403
    actions = [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["member.deactivate", "member.reactivate"]
    assert db.session.get(User, alice.id) is not None  # nothing deleted


def test_unknown_member_is_404(client, auth, coordinator):
    auth.login_as(coordinator)
    for method, url in (
        ("GET", "/accounts/members/999"),
        ("POST", "/accounts/members/999"),
        ("POST", "/accounts/members/999/invitation"),
        ("POST", "/accounts/members/999/deactivate"),
        ("POST", "/accounts/members/999/reactivate"),
    ):
        assert client.open(url, method=method).status_code == 404, url
