"""Role matrix of the calendar: anonymous, other library, own library, coordinator.

Feeds take no session: a valid token is the only credential, whoever calls."""

import pytest

COVERED = {
    ("calendar.agenda", "GET"),
    ("calendar.month", "GET"),
    ("calendar.subscriptions", "GET"),
    ("calendar.create_token", "POST"),
    ("calendar.regenerate", "GET"),
    ("calendar.regenerate", "POST"),
    ("calendar.revoke", "GET"),
    ("calendar.revoke", "POST"),
    ("calendar.public_feed", "GET"),
    ("calendar.personal_feed", "GET"),
    ("calendar.library_feed", "GET"),
}

# (method, url, expected for: anonymous, other librarian, librarian, coordinator)
MATRIX = [
    ("GET", "/calendar/", (302, 200, 200, 200)),
    ("GET", "/calendar/month?year=2028&month=3", (302, 200, 200, 200)),
    ("GET", "/calendar/subscriptions", (302, 200, 200, 200)),
    ("POST", "/calendar/subscriptions/personal", (302, 302, 302, 302)),  # link exists already
    ("POST", "/calendar/subscriptions/library", (302, 302, 302, 403)),
    ("GET", "/calendar/subscriptions/personal/regenerate", (302, 200, 200, 200)),
    ("POST", "/calendar/subscriptions/personal/regenerate", (302, 200, 200, 200)),
    ("GET", "/calendar/subscriptions/library/regenerate", (302, 200, 200, 403)),
    ("GET", "/calendar/subscriptions/personal/revoke", (302, 200, 200, 200)),
    ("POST", "/calendar/subscriptions/personal/revoke", (302, 302, 302, 302)),
    ("POST", "/calendar/subscriptions/library/revoke", (302, 302, 302, 403)),
    ("GET", "/calendar/public.ics", (200, 200, 200, 200)),
    ("GET", "/calendar/feeds/{personal}/personal.ics", (200, 200, 200, 200)),
    ("GET", "/calendar/feeds/{library}/library.ics", (200, 200, 200, 200)),
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
    make_token,
    fake_sources,
    method,
    template,
    expected,
    role_index,
):
    secrets = {}
    for user in (other_librarian, librarian, coordinator):
        make_token(user, "personal")
        if user.library_id:
            make_token(user, "library")
    _t, secrets["personal"] = make_token(librarian, "personal")
    _t, secrets["library"] = make_token(librarian, "library")
    user = (None, other_librarian, librarian, coordinator)[role_index]
    if user:
        auth.login_as(user)
    response = client.open(template.format(**secrets), method=method)
    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and user is None:
        assert response.headers["Location"].startswith("/accounts/login")


def test_bad_month_or_kind_is_404(client, auth, librarian):
    auth.login_as(librarian)
    for url in (
        "/calendar/month?year=1999&month=1",
        "/calendar/month?year=2028&month=13",
        "/calendar/subscriptions/autre/revoke",
        "/calendar/subscriptions/autre/regenerate",
    ):
        assert client.get(url).status_code == 404, url
