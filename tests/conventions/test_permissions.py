"""Role matrix of the partner follow-up: anonymous, other library, own library, coordinator."""

from datetime import date

import pytest

COVERED = {
    ("conventions.index", "GET"),
    ("conventions.export", "GET"),
    ("conventions.partner", "GET"),
    ("conventions.new_convention", "GET"),
    ("conventions.new_convention", "POST"),
    ("conventions.add_amendment", "GET"),
    ("conventions.add_amendment", "POST"),
    ("conventions.terminate", "GET"),
    ("conventions.terminate", "POST"),
    ("conventions.contributions", "GET"),
    ("conventions.export_contributions", "GET"),
    ("conventions.set_rate", "POST"),
    ("conventions.generate", "POST"),
    ("conventions.edit_contribution", "GET"),
    ("conventions.edit_contribution", "POST"),
}

# (method, url template, expected for: anonymous, other librarian, librarian, coordinator)
MATRIX = [
    ("GET", "/conventions/", (302, 302, 302, 200)),
    ("GET", "/conventions/export.csv", (302, 403, 403, 200)),
    ("GET", "/conventions/partners/{partner}", (302, 403, 200, 200)),
    ("GET", "/conventions/partners/{partner}/new", (302, 403, 403, 200)),
    ("POST", "/conventions/partners/{partner}/new", (302, 403, 403, 200)),
    ("GET", "/conventions/{convention}/amendment", (302, 403, 403, 200)),
    ("POST", "/conventions/{convention}/amendment", (302, 403, 403, 200)),
    ("GET", "/conventions/{convention}/terminate", (302, 403, 403, 200)),
    ("POST", "/conventions/{convention}/terminate", (302, 403, 403, 200)),
    ("GET", "/conventions/contributions", (302, 403, 403, 200)),
    ("GET", "/conventions/contributions/export.xlsx", (302, 403, 403, 200)),
    ("POST", "/conventions/rates", (302, 403, 403, 400)),
    ("POST", "/conventions/contributions/generate", (302, 403, 403, 400)),
    ("GET", "/conventions/contributions/{contribution}", (302, 403, 403, 200)),
    ("POST", "/conventions/contributions/{contribution}", (302, 403, 403, 302)),
]
ROLES = ("anonymous", "other", "librarian", "coordinator")


@pytest.mark.parametrize("method, template, expected", MATRIX)
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_role_matrix(
    client,
    auth,
    librarian,
    other_librarian,
    coordinator,
    add_convention,
    add_contribution,
    method,
    template,
    expected,
    role_index,
):
    partner = librarian.library.partner
    convention = add_convention(partner, date(2025, 1, 10))
    contribution = add_contribution(partner, 2025)
    user = (None, other_librarian, librarian, coordinator)[role_index]
    if user:
        auth.login_as(user)
    url = template.format(
        partner=partner.id, convention=convention.id, contribution=contribution.id
    )
    response = client.open(url, method=method, data={})
    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and user is None:
        assert "/accounts/login" in response.headers["Location"]


def test_librarian_index_redirects_to_own_partner(client, auth, librarian):
    auth.login_as(librarian)
    response = client.get("/conventions/")
    assert response.headers["Location"].endswith(
        f"/conventions/partners/{librarian.library.partner_id}"
    )


def test_unknown_ids_are_404_for_the_coordinator(client, auth, coordinator):
    auth.login_as(coordinator)
    for url in (
        "/conventions/partners/999",
        "/conventions/999/amendment",
        "/conventions/999/terminate",
        "/conventions/contributions/999",
        "/conventions/export.pdf",
        "/conventions/partners/999/new",
    ):
        assert client.get(url).status_code == 404, url
