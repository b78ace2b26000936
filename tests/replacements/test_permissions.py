"""Role matrix of the replacement plan: anonymous, other library, own library, coordinator."""

from datetime import UTC, datetime

import pytest

COVERED = {
    ("replacements.index", "GET"),
    ("replacements.library", "GET"),
    ("replacements.edit", "GET"),
    ("replacements.edit", "POST"),
}

# (method, url, data, expected for: anonymous, other librarian, librarian, coordinator)
MATRIX = [
    ("GET", "/replacements/", None, (302, 302, 302, 200)),
    ("GET", "/replacements/libraries/{library}", None, (302, 403, 200, 200)),
    ("GET", "/replacements/libraries/{library}/absences/{key}", None, (302, 403, 200, 403)),
    (
        "POST",
        "/replacements/libraries/{library}/absences/{key}",
        {"status": "not_needed", "reason": "Collègue présente"},
        (302, 403, 302, 403),
    ),
]
ROLES = ("anonymous", "other", "librarian", "coordinator")


@pytest.mark.parametrize("method, template, data, expected", MATRIX)
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_role_matrix(
    client,
    auth,
    librarian,
    other_librarian,
    coordinator,
    fake_sources,
    make_absence,
    method,
    template,
    data,
    expected,
    role_index,
):
    absence = make_absence(
        librarian, datetime(2099, 3, 17, 8, tzinfo=UTC), datetime(2099, 3, 17, 16, tzinfo=UTC)
    )  # a Tuesday
    fake_sources["trainings"].absence_list = [absence]
    user = (None, other_librarian, librarian, coordinator)[role_index]
    if user:
        auth.login_as(user)
    url = template.format(library=librarian.library_id, key=absence.key)
    response = client.open(url, method=method, data=data)
    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and user is None:
        assert response.headers["Location"].startswith("/accounts/login")


def test_librarian_index_redirects_to_own_library(client, auth, librarian, fake_sources):
    auth.login_as(librarian)
    response = client.get("/replacements/")
    assert response.headers["Location"] == f"/replacements/libraries/{librarian.library_id}"


def test_unknown_library_or_absence_is_404(
    client, auth, librarian, coordinator, fake_sources, make_absence
):
    auth.login_as(librarian)
    base = f"/replacements/libraries/{librarian.library_id}/absences"
    assert client.get("/replacements/libraries/999").status_code == 404
    assert client.get(f"{base}/training-day-1:user-1").status_code == 404
    assert client.post(f"{base}/<script>", data={"status": "to_plan"}).status_code == 404
