"""Profile: name, language, password change asking the current one."""

from sqlalchemy import func, select

from sesame_group.accounts.models import UserToken
from tests.conftest import PASSWORD

NEW = "nouvelle phrase secrète"


def test_profile_page_shows_the_member(client, auth, librarian):
    auth.login_as(librarian)
    html = client.get("/accounts/profile").get_data(as_text=True)
    assert "<h1>Mon profil</h1>" in html
    assert "biblio@example.fr" in html
    assert "Médiathèque de Chalais" in html
    assert 'value="Lucie Biblio"' in html


def test_profile_updates_name_and_language(client, db, auth, librarian):
    auth.login_as(librarian)
    response = client.post(
        "/accounts/profile", data={"display_name": "  Lucie Martin ", "language": "en"}
    )
    assert response.headers["Location"] == "/accounts/profile"
    db.session.refresh(librarian)
    assert (librarian.display_name, librarian.language) == ("Lucie Martin", "en")
    assert '<html lang="en">' in client.get("/accounts/profile").get_data(as_text=True)


def test_profile_language_is_used_at_next_login(client, db, app, librarian):
    librarian.language = "en"
    db.session.commit()
    fresh = app.test_client()
    fresh.post("/accounts/login", data={"email": librarian.email, "password": PASSWORD})
    assert '<html lang="en">' in fresh.get("/accounts/profile").get_data(as_text=True)


def _change(client, current, new=NEW, confirm=None):
    return client.post(
        "/accounts/profile/password",
        data={"pw-current_password": current, "pw-password": new, "pw-confirm": confirm or new},
    )


def test_password_change_needs_the_current_password(client, db, auth, librarian):
    auth.login_as(librarian)
    response = _change(client, "pas le bon")
    assert response.status_code == 200
    assert "Le mot de passe actuel est incorrect." in response.get_data(as_text=True)
    auth.logout()
    assert auth.login(librarian.email).status_code == 302


def test_password_change_then_login_with_the_new_one(client, db, auth, librarian):
    from sesame_group.accounts import tokens

    auth.login_as(librarian)
    tokens.request_reset(librarian.email)  # an open reset link dies with the change
    db.session.commit()
    response = _change(client, PASSWORD)
    assert response.headers["Location"] == "/accounts/profile"
    assert (
        db.session.scalar(
            select(func.count()).select_from(UserToken).where(UserToken.used_at.is_(None))
        )
        == 0
    )
    auth.logout()
    assert auth.login(librarian.email).status_code == 200
    assert auth.login(librarian.email, NEW).status_code == 302


def test_password_change_form_errors_keep_the_profile_page(client, auth, librarian):
    auth.login_as(librarian)
    html = _change(client, PASSWORD, "court").get_data(as_text=True)
    assert "Entre 10 et 200 caractères." in html
    assert "<h1>Mon profil</h1>" in html
    html = _change(client, PASSWORD, NEW, "différente encore").get_data(as_text=True)
    assert "Les deux mots de passe diffèrent." in html


def test_password_change_ends_the_other_sessions(client, db, app, auth, librarian):
    other = app.test_client()

    def elsewhere(method, url, **kwargs):
        db.session.commit()  # SQLite: release the test's transaction
        with app.app_context():  # its own app context, as in production
            return other.open(url, method=method, **kwargs)

    elsewhere("POST", "/accounts/login", data={"email": librarian.email, "password": PASSWORD})
    assert elsewhere("GET", "/accounts/profile").status_code == 200
    auth.login_as(librarian)
    assert _change(client, PASSWORD).headers["Location"] == "/accounts/profile"
    db.session.commit()
    with app.app_context():  # a fresh context: the user is loaded from the cookie
        assert client.get("/accounts/profile").status_code == 200  # this session goes on
    assert elsewhere("GET", "/accounts/profile").status_code == 302  # the other one ends
