"""Role matrix of the core and dashboard pages (the public ones are listed in PUBLIC)."""

import pytest

COVERED = {("core.audit_log", "GET"), ("dashboard.index", "GET")}

# (method, url, expected for: anonymous, other librarian, librarian, coordinator)
MATRIX = [
    ("GET", "/journal", (302, 403, 403, 200)),
    ("GET", "/", (302, 200, 200, 200)),
    ("GET", "/healthz", (200, 200, 200, 200)),
    ("GET", "/accessibilite", (200, 200, 200, 200)),
    ("GET", "/plan-du-site", (200, 200, 200, 200)),
    ("GET", "/langue/en", (302, 302, 302, 302)),
]
ROLES = ("anonymous", "other", "librarian", "coordinator")


@pytest.mark.parametrize("method, url, expected", MATRIX)
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_role_matrix(
    client, auth, librarian, other_librarian, coordinator, method, url, expected, role_index
):
    user = (None, other_librarian, librarian, coordinator)[role_index]
    if user:
        auth.login_as(user)
    response = client.open(url, method=method)
    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and user is None and url != "/langue/en":
        assert response.headers["Location"].startswith("/accounts/login")
