"""Invitation and password-reset links, through a real SMTP server on loopback."""

from sqlalchemy import func, select

from sesame_group.accounts.models import User, UserToken
from sesame_group.accounts.tokens import hash_token
from sesame_group.core.audit import AuditEntry
from sesame_group.core.mail import OutboxMessage
from tests.accounts.conftest import body_of, subject_of

NEW_PASSWORD = "une phrase de passe solide"


def _invite(client, library, **fields):
    data = {
        "email": "Nouvelle.Membre@Mairie.fr",
        "display_name": "Nouvelle Membre",
        "role": "librarian",
        "library": str(library.id) if library else "",
        "language": "fr",
    }
    data.update(fields)
    return client.post("/accounts/members/invite", data=data)


def _set_password(client, path, password=NEW_PASSWORD, confirm=None):
    return client.post(path, data={"password": password, "confirm": confirm or password})


def test_invitation_mail_link_sets_password_once(
    client, db, auth, coordinator, librarian, smtp_server, mailed_link
):
    auth.login_as(coordinator)
    response = _invite(client, librarian.library)
    member = db.session.scalar(select(User).where(User.email == "nouvelle.membre@mairie.fr"))
    assert response.headers["Location"] == f"/accounts/members/{member.id}"
    assert (
        member.display_name,
        member.role,
        member.library_id,
        member.password_hash,
        member.active,
    ) == ("Nouvelle Membre", "librarian", librarian.library_id, None, True)
    [message] = smtp_server.messages
    assert message["To"] == "nouvelle.membre@mairie.fr"
    assert subject_of(message) == "Invitation au groupe de suivi Sésame"
    body = body_of(message)
    assert "Bonjour Nouvelle Membre," in body
    assert "Coordination vous invite à rejoindre Sésame" in body
    assert "expire dans 7 jours" in body
    path = mailed_link(message)
    # Only the hash of the token is stored.
    token = path.rsplit("/", 1)[1]
    [row] = db.session.scalars(select(UserToken)).all()
    assert (row.purpose, row.token_hash, row.user_id) == ("invite", hash_token(token), member.id)
    assert token not in row.token_hash
    assert [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [
        "member.create",
        "member.invite",
    ]

    auth.logout()
    page = client.get(path)
    assert "<h1>Activer votre compte</h1>" in page.get_data(as_text=True)
    response = _set_password(client, path)
    assert response.headers["Location"] == "/"
    assert "Bonjour, Nouvelle Membre" in client.get("/").get_data(as_text=True)
    auth.logout()
    assert auth.login("nouvelle.membre@mairie.fr", NEW_PASSWORD).status_code == 302
    auth.logout()
    # Single use.
    again = client.get(path)
    assert again.status_code == 410
    assert "Ce lien n’est plus valable" in again.get_data(as_text=True)
    assert _set_password(client, path, "autre mot de passe").status_code == 410


def test_expired_invitation_is_refused(
    client, db, auth, coordinator, librarian, smtp_server, mailed_link, expire_tokens
):
    auth.login_as(coordinator)
    _invite(client, librarian.library)
    auth.logout()
    path = mailed_link(smtp_server.messages[0])
    expire_tokens()
    response = _set_password(client, path)
    assert response.status_code == 410
    member = db.session.scalar(select(User).where(User.email == "nouvelle.membre@mairie.fr"))
    db.session.refresh(member)
    assert member.password_hash is None


def test_invitation_expiry_follows_config(client, db, app, auth, coordinator, librarian):
    from datetime import timedelta

    from sesame_group.core.timeutil import utcnow

    auth.login_as(coordinator)
    before = utcnow()
    _invite(client, librarian.library)
    row = db.session.scalar(select(UserToken))
    days = app.config["INVITATION_DAYS"]
    assert before + timedelta(days=days) <= row.expires_at <= utcnow() + timedelta(days=days)


def test_resend_invitation_kills_the_first_link(
    client, db, auth, coordinator, librarian, smtp_server, mailed_link
):
    auth.login_as(coordinator)
    _invite(client, librarian.library)
    member = db.session.scalar(select(User).where(User.email == "nouvelle.membre@mairie.fr"))
    response = client.post(f"/accounts/members/{member.id}/invitation")
    assert response.headers["Location"] == f"/accounts/members/{member.id}"
    first, second = (mailed_link(m) for m in smtp_server.messages)
    assert first != second
    auth.logout()
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    assert _set_password(client, second).status_code == 302


def test_resend_is_refused_once_the_password_is_set(client, auth, coordinator, librarian):
    auth.login_as(coordinator)
    assert client.post(f"/accounts/members/{librarian.id}/invitation").status_code == 403


def test_invitation_needs_a_library_for_a_librarian(client, db, auth, coordinator):
    auth.login_as(coordinator)
    response = _invite(client, None)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Un bibliothécaire doit être rattaché à une bibliothèque." in html
    assert 'value="Nouvelle Membre"' in html
    assert db.session.scalar(select(func.count()).select_from(User)) == 1
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_invitation_of_an_existing_address_is_refused(client, db, auth, coordinator, librarian):
    auth.login_as(coordinator)
    response = _invite(client, librarian.library, email="BIBLIO@example.fr")
    assert "Cette adresse est déjà utilisée." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(UserToken)) == 0


def test_coordinator_invitation_ignores_library(client, db, auth, coordinator, librarian):
    auth.login_as(coordinator)
    _invite(client, librarian.library, role="coordinator", language="en")
    member = db.session.scalar(select(User).where(User.email == "nouvelle.membre@mairie.fr"))
    assert (member.role, member.library_id, member.language) == ("coordinator", None, "en")


def test_invitation_mail_in_the_member_language(
    client, db, auth, coordinator, librarian, smtp_server
):
    auth.login_as(coordinator)
    _invite(client, librarian.library, language="en")
    [message] = smtp_server.messages
    # The English catalogue may lag; the link is there whatever the language.
    assert "https://sesame.test/accounts/mot-de-passe/" in body_of(message)


def _reset(client, email):
    return client.post("/accounts/mot-de-passe-oublie", data={"email": email})


SAME_ANSWER = (
    "Si un compte actif correspond à cette adresse, un courriel vient de lui être "
    "envoyé avec un lien pour choisir un nouveau mot de passe."
)


def test_reset_answer_is_the_same_for_unknown_addresses(client, db, librarian, smtp_server):
    answers = []
    for email in (librarian.email, "personne@example.fr"):
        response = _reset(client, email)
        answers.append((response.status_code, response.headers["Location"]))
        assert SAME_ANSWER in client.get("/accounts/login").get_data(as_text=True)
    assert answers == [(302, "/accounts/login")] * 2
    assert [m["To"] for m in smtp_server.messages] == [librarian.email]


def test_reset_sends_nothing_to_a_deactivated_account(client, db, librarian, smtp_server):
    librarian.active = False
    db.session.commit()
    assert _reset(client, librarian.email).headers["Location"] == "/accounts/login"
    assert smtp_server.messages == []


def test_reset_link_single_use_and_kills_other_links(
    client, db, auth, librarian, smtp_server, mailed_link
):
    _reset(client, librarian.email)
    _reset(client, librarian.email)
    first, second = (mailed_link(m) for m in smtp_server.messages)
    message = smtp_server.messages[0]
    assert subject_of(message) == "Sésame : nouveau mot de passe"
    assert "expire dans 2 heures" in body_of(message)
    page = client.get(second).get_data(as_text=True)
    assert "<h1>Choisir un nouveau mot de passe</h1>" in page
    assert _set_password(client, second).headers["Location"] == "/"
    auth.logout()
    assert client.get(second).status_code == 410
    assert client.get(first).status_code == 410  # the other reset link died too
    assert auth.login(librarian.email).status_code == 200  # old password gone
    assert auth.login(librarian.email, NEW_PASSWORD).status_code == 302


def test_expired_reset_link_is_refused(
    client, db, librarian, smtp_server, mailed_link, expire_tokens
):
    _reset(client, librarian.email)
    path = mailed_link(smtp_server.messages[0])
    expire_tokens()
    assert client.get(path).status_code == 410
    assert _set_password(client, path).status_code == 410


def test_reset_link_of_a_deactivated_account_is_refused(
    client, db, librarian, smtp_server, mailed_link
):
    _reset(client, librarian.email)
    path = mailed_link(smtp_server.messages[0])
    librarian.active = False
    db.session.commit()
    assert client.get(path).status_code == 410


def test_unknown_or_absurd_token_is_refused(client):
    for path in ("/accounts/mot-de-passe/inconnu", "/accounts/mot-de-passe/" + "a" * 500):
        response = client.get(path)
        assert response.status_code == 410
        assert "Demander un nouveau lien par courriel" in response.get_data(as_text=True)


def test_set_password_form_errors(client, db, librarian, smtp_server, mailed_link):
    _reset(client, librarian.email)
    path = mailed_link(smtp_server.messages[0])
    short = _set_password(client, path, "court").get_data(as_text=True)
    assert "Entre 10 et 200 caractères." in short
    other = _set_password(client, path, NEW_PASSWORD, "autre chose encore").get_data(as_text=True)
    assert "Les deux mots de passe diffèrent." in other
    long = _set_password(client, path, "x" * 201).get_data(as_text=True)
    assert "Entre 10 et 200 caractères." in long
    # The link still works after refused attempts.
    assert _set_password(client, path).status_code == 302


def test_password_token_is_redacted_from_logs():
    from sesame_group.core.security import redact

    line = '127.0.0.1 - - "GET /accounts/mot-de-passe/AbC-123_x HTTP/1.1" 200 -'
    assert redact(line) == '127.0.0.1 - - "GET /accounts/mot-de-passe/… HTTP/1.1" 200 -'


def test_reset_mails_are_capped_per_account(client, db, librarian, smtp_server):
    from sesame_group.accounts.tokens import RESETS_PER_WINDOW

    for _ in range(RESETS_PER_WINDOW + 2):
        assert _reset(client, librarian.email).headers["Location"] == "/accounts/login"
    assert len(smtp_server.messages) == RESETS_PER_WINDOW
