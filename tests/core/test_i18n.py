"""Language: ?lang=, /langue/<lang>, profile, Accept-Language; <html lang> follows."""

from sesame_group.accounts.models import User


def lang_of(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_french_by_default(client):
    assert lang_of(client.get("/accounts/login")) == "fr"


def test_query_parameter_for_one_page(client):
    assert lang_of(client.get("/accounts/login?lang=en")) == "en"
    assert lang_of(client.get("/accounts/login")) == "fr"
    assert lang_of(client.get("/accounts/login?lang=xx")) == "fr"


def test_language_switch_sticks_and_returns_to_the_page(client):
    response = client.get("/langue/en?next=/accounts/login")
    assert response.headers["Location"] == "/accounts/login"
    assert lang_of(client.get("/accounts/login")) == "en"
    html = client.get("/accounts/login").get_data(as_text=True)
    assert 'href="/langue/fr?next=/accounts/login" lang="fr" hreflang="fr">Français</a>' in html
    client.get("/langue/fr")
    assert lang_of(client.get("/accounts/login")) == "fr"


def test_language_switch_ignores_an_external_next(client):
    assert client.get("/langue/en?next=https://evil.example/").headers["Location"] == "/"


def test_unknown_language_is_404(client):
    assert client.get("/langue/de").status_code == 404


def test_switch_is_saved_on_the_profile(client, db, auth, librarian):
    auth.login_as(librarian)
    client.get("/langue/en")
    assert db.session.get(User, librarian.id).language == "en"
    assert lang_of(client.get("/accounts/profile")) == "en"


def test_accept_language(client):
    response = client.get("/accounts/login", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert lang_of(response) == "en"
    response = client.get("/accounts/login", headers={"Accept-Language": "de"})
    assert lang_of(response) == "fr"


def test_mail_is_rendered_in_the_recipient_language(db, create_user):
    from sesame_group.accounts import tokens
    from sesame_group.core.mail import OutboxMessage

    user = create_user(language="en")
    tokens.request_reset(user.email)
    message = db.session.query(OutboxMessage).one()
    assert "https://sesame.test/accounts/mot-de-passe/" in message.body
