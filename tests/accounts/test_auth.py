"""Login, logout, safe next, rate limit, deactivated sessions."""

import pytest
from sqlalchemy import func, select

from sesame_group.accounts.models import LoginAttempt
from tests.conftest import PASSWORD


def test_login_then_logout(client, auth, librarian):
    response = auth.login("  BIBLIO@Example.fr ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Bonjour, Lucie Biblio" in client.get("/").get_data(as_text=True)
    response = auth.logout()
    assert response.headers["Location"] == "/accounts/login"
    assert client.get("/").headers["Location"] == "/accounts/login"


def test_wrong_password_is_refused_in_french(client, librarian):
    response = client.post("/accounts/login", data={"email": librarian.email, "password": "faux"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Adresse ou mot de passe incorrect." in html
    assert f'value="{librarian.email}"' in html  # input kept


def test_unknown_address_gets_the_same_answer(client, librarian):
    known = client.post("/accounts/login", data={"email": librarian.email, "password": "x"})
    unknown = client.post("/accounts/login", data={"email": "personne@example.fr", "password": "x"})
    assert known.status_code == unknown.status_code == 200
    assert "Adresse ou mot de passe incorrect." in unknown.get_data(as_text=True)


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/accounts/profile", "/accounts/profile"),
        ("/network/?page=2", "/network/?page=2"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_login_follows_only_a_relative_next(client, librarian, target, expected):
    response = client.post(
        "/accounts/login",
        query_string={"next": target},
        data={"email": librarian.email, "password": PASSWORD},
    )
    assert response.headers["Location"] == expected


def test_anonymous_is_sent_to_login_with_next(client):
    response = client.get("/accounts/profile")
    assert response.headers["Location"] == "/accounts/login?next=%2Faccounts%2Fprofile"


def test_logout_requires_post(client, auth, librarian):
    auth.login_as(librarian)
    assert client.get("/accounts/logout").status_code == 405


def test_deactivated_user_cannot_log_in(client, db, librarian):
    librarian.active = False
    db.session.commit()
    response = client.post("/accounts/login", data={"email": librarian.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Adresse ou mot de passe incorrect." in response.get_data(as_text=True)


def test_open_session_of_deactivated_user_ends_on_next_request(client, db, auth, librarian):
    auth.login_as(librarian)
    assert client.get("/accounts/profile").status_code == 200
    librarian.active = False
    db.session.commit()
    response = client.get("/accounts/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login")


def test_invited_user_without_password_cannot_log_in(client, create_user):
    user = create_user(password_hash=None)
    response = client.post("/accounts/login", data={"email": user.email, "password": ""})
    assert "Indiquez votre mot de passe." in response.get_data(as_text=True)
    response = client.post("/accounts/login", data={"email": user.email, "password": "None"})
    assert "Adresse ou mot de passe incorrect." in response.get_data(as_text=True)


def _fail(client, email, address="10.0.0.1"):
    return client.post(
        "/accounts/login",
        data={"email": email, "password": "mauvais"},
        environ_base={"REMOTE_ADDR": address},
    )


def test_rate_limit_per_account_whatever_the_address(client, db, app, librarian):
    limit = app.config["LOGIN_ATTEMPTS"]
    for index in range(limit):
        assert _fail(client, librarian.email, f"10.0.1.{index}").status_code == 200
    response = client.post(
        "/accounts/login",
        data={"email": librarian.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.2.1"},
    )
    assert response.status_code == 429
    assert "Trop de tentatives de connexion. Réessayez dans 15 minutes." in response.get_data(
        as_text=True
    )
    # The refused attempt is not even recorded, and no session was opened.
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == limit
    assert client.get("/").status_code == 302


def test_rate_limit_per_address_whatever_the_account(client, app, librarian):
    for index in range(app.config["LOGIN_ATTEMPTS"]):
        _fail(client, f"inconnu{index}@example.fr", "10.9.9.9")
    assert _fail(client, librarian.email, "10.9.9.9").status_code == 429
    # Another address may still log in to that account.
    response = client.post(
        "/accounts/login",
        data={"email": librarian.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.9.9.10"},
    )
    assert response.status_code == 302


def test_old_failures_do_not_count(client, db, app, librarian):
    from datetime import timedelta

    from sesame_group.core.timeutil import utcnow

    old = utcnow() - timedelta(minutes=app.config["LOGIN_WINDOW_MINUTES"] + 1)
    db.session.add_all(
        LoginAttempt(email=librarian.email, address="10.0.0.1", created_at=old)
        for _ in range(app.config["LOGIN_ATTEMPTS"])
    )
    db.session.commit()
    response = client.post(
        "/accounts/login",
        data={"email": librarian.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert response.status_code == 302
