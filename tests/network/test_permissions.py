"""Role matrix of every network URL: anonymous, other librarian, librarian, coordinator."""

from datetime import date

import pytest

from sesame_group.network.models import Closure

COVERED = {
    ("network.partners", "GET"),
    ("network.partner", "GET"),
    ("network.partner_form", "GET"),
    ("network.partner_form", "POST"),
    ("network.libraries", "GET"),
    ("network.library", "GET"),
    ("network.library_form", "GET"),
    ("network.library_form", "POST"),
    ("network.hours_form", "GET"),
    ("network.hours_form", "POST"),
    ("network.closures", "GET"),
    ("network.closures", "POST"),
    ("network.closure_delete", "POST"),
}

PARTNER = {
    "name": "Commune de Test",
    "kind": "commune",
    "insee_code": "16001",
    "population": "100",
    "population_year": "2021",
}
HOURS = {"rows-0-weekday": "1", "rows-0-opens": "09:00", "rows-0-closes": "12:00"}
CLOSURE = {"starts_on": "2030-01-02", "ends_on": "2030-01-03", "reason": "Inventaire"}


def _library_data(library):
    return {
        "name": "Médiathèque renommée",
        "partner_id": str(library.partner_id),
        "town": "Chalais",
    }


# (method, url template, data factory, expected for other librarian, librarian, coordinator)
CASES = [
    ("GET", "/network/partners", None, 200, 200, 200),
    ("GET", "/network/partners/{partner}", None, 200, 200, 200),
    ("GET", "/network/partners/new", None, 403, 403, 200),
    ("POST", "/network/partners/new", lambda lib: PARTNER, 403, 403, 302),
    ("GET", "/network/partners/{partner}/edit", None, 403, 403, 200),
    ("POST", "/network/partners/{partner}/edit", lambda lib: PARTNER, 403, 403, 302),
    ("GET", "/network/libraries", None, 200, 200, 200),
    ("GET", "/network/libraries/{library}", None, 200, 200, 200),
    ("GET", "/network/libraries/new", None, 403, 403, 200),
    ("POST", "/network/libraries/new", _library_data, 403, 403, 302),
    ("GET", "/network/libraries/{library}/edit", None, 403, 403, 200),
    ("POST", "/network/libraries/{library}/edit", _library_data, 403, 403, 302),
    ("GET", "/network/libraries/{library}/hours", None, 403, 200, 200),
    ("POST", "/network/libraries/{library}/hours", lambda lib: HOURS, 403, 302, 302),
    ("GET", "/network/libraries/{library}/closures", None, 403, 200, 200),
    ("POST", "/network/libraries/{library}/closures", lambda lib: CLOSURE, 403, 302, 302),
    ("POST", "/network/libraries/{library}/closures/{closure}/delete", None, 403, 302, 302),
]
ROLES = ["anonymous", "other_librarian", "librarian", "coordinator"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]} {c[1]}" for c in CASES])
def test_role_matrix(client, auth, db, librarian, other_librarian, coordinator, case, role):
    method, template, data, *expected = case
    library = librarian.library
    closure = Closure(
        library=library, starts_on=date(2030, 5, 1), ends_on=date(2030, 5, 2), reason="Travaux"
    )
    db.session.add(closure)
    db.session.commit()
    url = template.format(partner=library.partner_id, library=library.id, closure=closure.id)
    users = {"other_librarian": other_librarian, "librarian": librarian, "coordinator": coordinator}
    if role != "anonymous":
        auth.login_as(users[role])
    response = client.open(url, method=method, data=data(library) if data else None)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/accounts/login")
    else:
        assert response.status_code == expected[ROLES.index(role) - 1]


def test_unknown_ids_are_404(client, auth, coordinator, librarian, other_librarian, db):
    closure = Closure(
        library=other_librarian.library,
        starts_on=date(2030, 5, 1),
        ends_on=date(2030, 5, 2),
        reason="Travaux",
    )
    db.session.add(closure)
    db.session.commit()
    auth.login_as(coordinator)
    for url in (
        "/network/partners/999999",
        "/network/partners/999999/edit",
        "/network/libraries/999999",
        "/network/libraries/999999/edit",
        "/network/libraries/999999/hours",
        "/network/libraries/999999/closures",
    ):
        assert client.get(url).status_code == 404, url
    # a closure of another library through my library's URL
    url = f"/network/libraries/{librarian.library_id}/closures/{closure.id}/delete"
    assert client.post(url).status_code == 404
    assert db.session.get(Closure, closure.id) is not None


def test_ids_beyond_the_column_range_are_404(client, auth, coordinator):
    auth.login_as(coordinator)
    huge = 2**31
    for url in (
        f"/network/partners/{huge}",
        f"/network/libraries/{huge}",
        f"/network/libraries/{huge}/hours",
        f"/network/partners/{10**30}/edit",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/network/libraries/1/closures/{huge}/delete").status_code == 404
