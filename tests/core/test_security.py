"""Security baseline: headers, CSRF, session cookie, production secret."""

import re

import pytest
from sqlalchemy import select

from sesame_group.accounts.models import User
from tests.conftest import PASSWORD

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def test_security_headers_on_every_page(client):
    for url in ("/accounts/login", "/healthz", "/page-inconnue"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "default-src 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client, auth, coordinator):
    auth.login_as(coordinator)
    for url in (
        "/accounts/login",
        "/accounts/profile",
        "/accounts/members",
        "/accounts/members/invite",
        f"/accounts/members/{coordinator.id}",
        "/accounts/mot-de-passe-oublie",
        "/journal",
    ):
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "onclick" not in html, url


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def test_post_without_csrf_token_is_refused_in_french(client, db, csrf_on, librarian):
    response = client.post("/accounts/login", data={"email": librarian.email, "password": PASSWORD})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<h1>Requête invalide</h1>" in html
    assert "Le jeton de sécurité du formulaire est absent ou a expiré." in html
    assert client.get("/").status_code == 302  # not logged in


def test_post_with_csrf_token_is_accepted(client, csrf_on, librarian):
    token = TOKEN.search(client.get("/accounts/login").get_data(as_text=True)).group(1)
    response = client.post(
        "/accounts/login",
        data={"email": librarian.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302


def test_coordinator_action_without_csrf_token_changes_nothing(
    client, db, app, auth, coordinator, librarian, monkeypatch
):
    auth.login_as(coordinator)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = client.post(f"/accounts/members/{librarian.id}/deactivate")
    assert response.status_code == 400
    assert db.session.scalar(select(User.active).where(User.id == librarian.id)) is True


def test_session_cookie_flags_in_tests(client, librarian):
    response = client.post("/accounts/login", data={"email": librarian.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_session_cookie_is_secure_outside_debug(make_app):
    app = make_app(TESTING=False, SECRET_KEY="une-vraie-clé-de-production")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    cookie = app.test_client().get("/langue/en").headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_refuses_to_start_with_the_dev_secret(make_app, monkeypatch):
    from sesame_group.config import DEV_SECRET

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SESAME_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY n'est pas défini"):
        make_app(TESTING=False, SECRET_KEY=DEV_SECRET)


def test_gunicorn_style_dict_args_are_redacted():
    import logging

    from sesame_group.core.security import RedactFeedTokens

    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        '%(h)s "%(r)s" %(s)s',
        (
            {
                "h": "127.0.0.1",
                "r": "GET /calendar/feeds/SECRETtoken123/personal.ics HTTP/1.1",
                "s": "200",
            },
        ),
        None,
    )
    RedactFeedTokens().filter(record)
    line = record.getMessage()
    assert "SECRETtoken123" not in line
    assert line.startswith('127.0.0.1 "GET /calendar/feeds/') and line.endswith(" 200")
