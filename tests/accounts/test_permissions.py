"""Role matrix of the accounts pages: anonymous, other library, librarian, coordinator."""

from datetime import timedelta

import pytest

from sesame_group.accounts import tokens

COVERED = {
    ("accounts.login", "GET"),
    ("accounts.login", "POST"),
    ("accounts.logout", "POST"),
    ("accounts.reset_request", "GET"),
    ("accounts.reset_request", "POST"),
    ("accounts.set_password", "GET"),
    ("accounts.set_password", "POST"),
    ("accounts.profile", "GET"),
    ("accounts.profile", "POST"),
    ("accounts.change_password", "POST"),
    ("accounts.members", "GET"),
    ("accounts.invite", "GET"),
    ("accounts.invite", "POST"),
    ("accounts.member", "GET"),
    ("accounts.member", "POST"),
    ("accounts.resend_invitation", "POST"),
    ("accounts.deactivate", "POST"),
    ("accounts.reactivate", "POST"),
}

# (method, url, expected for: anonymous, other librarian, librarian, coordinator)
MATRIX = [
    ("GET", "/accounts/login", (200, 200, 200, 200)),
    ("POST", "/accounts/login", (200, 200, 200, 200)),
    ("POST", "/accounts/logout", (302, 302, 302, 302)),
    ("GET", "/accounts/mot-de-passe-oublie", (200, 200, 200, 200)),
    ("POST", "/accounts/mot-de-passe-oublie", (200, 200, 200, 200)),
    ("GET", "/accounts/mot-de-passe/{token}", (200, 200, 200, 200)),
    ("POST", "/accounts/mot-de-passe/{token}", (200, 200, 200, 200)),
    ("GET", "/accounts/mot-de-passe/inconnu", (410, 410, 410, 410)),
    ("GET", "/accounts/profile", (302, 200, 200, 200)),
    # An empty POST re-submits the current values (Flask-WTF reads no form data).
    ("POST", "/accounts/profile", (302, 302, 302, 302)),
    ("POST", "/accounts/profile/password", (302, 200, 200, 200)),
    ("GET", "/accounts/members", (302, 403, 403, 200)),
    ("GET", "/accounts/members/invite", (302, 403, 403, 200)),
    ("POST", "/accounts/members/invite", (302, 403, 403, 200)),
    ("GET", "/accounts/members/{pending}", (302, 403, 403, 200)),
    ("POST", "/accounts/members/{pending}", (302, 403, 403, 302)),
    ("GET", "/accounts/members/{librarian}", (302, 403, 403, 200)),
    ("POST", "/accounts/members/{pending}/invitation", (302, 403, 403, 302)),
    ("POST", "/accounts/members/{pending}/deactivate", (302, 403, 403, 302)),
    ("POST", "/accounts/members/{inactive}/reactivate", (302, 403, 403, 302)),
]
ROLES = ("anonymous", "other", "librarian", "coordinator")


@pytest.mark.parametrize("method, template, expected", MATRIX)
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_role_matrix(
    client,
    db,
    auth,
    librarian,
    other_librarian,
    coordinator,
    create_user,
    method,
    template,
    expected,
    role_index,
):
    pending = create_user(library=librarian.library, password_hash=None, email="attente@example.fr")
    inactive = create_user(library=librarian.library, active=False, email="parti@example.fr")
    token = tokens._issue(pending, tokens.INVITE, timedelta(days=1))
    db.session.commit()
    user = (None, other_librarian, librarian, coordinator)[role_index]
    if user:
        auth.login_as(user)
    url = template.format(
        token=token, pending=pending.id, inactive=inactive.id, librarian=librarian.id
    )
    response = client.open(url, method=method, data={})
    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and user is None:
        assert response.headers["Location"].startswith("/accounts/login")


def test_librarian_sees_no_member_menu(client, auth, librarian, coordinator):
    auth.login_as(librarian)
    assert 'href="/accounts/members"' not in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login_as(coordinator)
    assert 'href="/accounts/members"' in client.get("/").get_data(as_text=True)


def test_member_page_shows_only_allowed_buttons(client, auth, coordinator, create_user):
    pending = create_user(password_hash=None)
    auth.login_as(coordinator)
    html = client.get(f"/accounts/members/{pending.id}").get_data(as_text=True)
    assert "Renvoyer l’invitation" in html
    assert "Invitation en attente" in html
    own = client.get(f"/accounts/members/{coordinator.id}").get_data(as_text=True)
    assert "Désactiver le compte" not in own
    assert "Renvoyer l’invitation" not in own
