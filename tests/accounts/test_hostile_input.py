"""Hostile input on every accounts form: a French field error, never a 500, nothing written."""

import pytest
from sqlalchemy import func, select

from sesame_group.accounts.models import LoginAttempt, User, UserToken
from sesame_group.core.audit import AuditEntry
from sesame_group.core.mail import OutboxMessage

LONG = "a" * 300
SCRIPT = "<script>alert(1)</script>"


def _counts(db):
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (User, UserToken, AuditEntry, OutboxMessage)
    )


def _users(db):
    return db.session.execute(
        select(
            User.id,
            User.email,
            User.display_name,
            User.role,
            User.library_id,
            User.language,
            User.active,
            User.password_hash,
        ).order_by(User.id)
    ).all()


INVITE = {
    "email": "neuf@example.fr",
    "display_name": "Neuf",
    "role": "librarian",
    "library": "{library}",
    "language": "fr",
}
INVITE_CASES = [
    ({"email": LONG + "@example.fr"}, "254 caractères au plus."),
    ({"email": "pas-une-adresse"}, "Adresse électronique invalide"),
    ({"email": "a@b@c.fr"}, "Adresse électronique invalide"),
    ({"email": ""}, "Indiquez une adresse électronique."),
    ({"display_name": SCRIPT}, "Les caractères &lt; et &gt; ne sont pas autorisés."),
    ({"display_name": LONG}, "120 caractères au plus."),
    ({"display_name": "   "}, "Indiquez un nom."),
    ({"role": "admin"}, "Choisissez une valeur de la liste."),
    ({"library": "999999"}, "Choisissez une valeur de la liste."),
    ({"library": "-3"}, "Choisissez une valeur de la liste."),
    ({"library": "un"}, "Choisissez une valeur de la liste."),
    ({"language": "de"}, "Choisissez une valeur de la liste."),
]


@pytest.mark.parametrize("change, message", INVITE_CASES)
def test_hostile_invitation(client, db, auth, coordinator, librarian, change, message):
    auth.login_as(coordinator)
    data = {**INVITE, "library": str(librarian.library_id), **change}
    before = _counts(db)
    response = client.post("/accounts/members/invite", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert 'role="alert"' in html
    assert SCRIPT not in html
    assert _counts(db) == before


MEMBER_CASES = [
    ({"display_name": SCRIPT}, "Les caractères &lt; et &gt; ne sont pas autorisés."),
    ({"display_name": LONG}, "120 caractères au plus."),
    ({"role": "superuser"}, "Choisissez une valeur de la liste."),
    ({"library": "424242"}, "Choisissez une valeur de la liste."),
    ({"library": ""}, "Un bibliothécaire doit être rattaché à une bibliothèque."),
]


@pytest.mark.parametrize("change, message", MEMBER_CASES)
def test_hostile_member_edit(client, db, auth, coordinator, librarian, change, message):
    auth.login_as(coordinator)
    data = {
        "display_name": "Lucie",
        "role": "librarian",
        "library": str(librarian.library_id),
        **change,
    }
    before, users = _counts(db), _users(db)
    response = client.post(f"/accounts/members/{librarian.id}", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert (_counts(db), _users(db)) == (before, users)


PROFILE_CASES = [
    ({"display_name": SCRIPT}, "Les caractères &lt; et &gt; ne sont pas autorisés."),
    ({"display_name": LONG}, "120 caractères au plus."),
    ({"display_name": ""}, "Indiquez un nom."),
    ({"language": "xx"}, "Choisissez une valeur de la liste."),
]


@pytest.mark.parametrize("change, message", PROFILE_CASES)
def test_hostile_profile(client, db, auth, librarian, change, message):
    auth.login_as(librarian)
    users = _users(db)
    response = client.post(
        "/accounts/profile", data={"display_name": "Lucie", "language": "fr", **change}
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _users(db) == users


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"pw-current_password": LONG, "pw-password": "x" * 20, "pw-confirm": "x" * 20},
            "200 caractères au plus.",
        ),
        (
            {
                "pw-current_password": "motdepasse-test",
                "pw-password": "x" * 201,
                "pw-confirm": "x" * 201,
            },
            "Entre 10 et 200 caractères.",
        ),
        (
            {"pw-current_password": "", "pw-password": "", "pw-confirm": ""},
            "Indiquez votre mot de passe actuel.",
        ),
    ],
)
def test_hostile_password_change(client, db, auth, librarian, data, message):
    auth.login_as(librarian)
    users = _users(db)
    response = client.post("/accounts/profile/password", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _users(db) == users


@pytest.mark.parametrize(
    "email, message",
    [
        (LONG + "@example.fr", "254 caractères au plus."),
        ("<b>@example.fr", "Adresse électronique invalide"),
        ("", "Indiquez une adresse électronique."),
    ],
)
def test_hostile_reset_request(client, db, librarian, email, message):
    before = _counts(db)
    response = client.post("/accounts/mot-de-passe-oublie", data={"email": email})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _counts(db) == before


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": LONG + "@example.fr", "password": "x"}, "254 caractères au plus."),
        ({"email": "biblio@example.fr", "password": "x" * 300}, "200 caractères au plus."),
        ({"email": SCRIPT, "password": "x"}, "Adresse ou mot de passe incorrect."),
    ],
)
def test_hostile_login(client, db, librarian, data, message):
    response = client.post("/accounts/login", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert SCRIPT not in html
    assert client.get("/").status_code == 302


def test_hostile_login_records_no_attempt_for_invalid_forms(client, db):
    client.post("/accounts/login", data={"email": LONG, "password": "x"})
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_hostile_set_password(client, db, librarian):
    from datetime import timedelta

    from sesame_group.accounts import tokens

    token = tokens._issue(librarian, tokens.RESET, timedelta(hours=1))
    db.session.commit()
    users = _users(db)
    response = client.post(
        f"/accounts/mot-de-passe/{token}", data={"password": "y" * 5000, "confirm": "y" * 5000}
    )
    assert response.status_code == 200
    assert "Entre 10 et 200 caractères." in response.get_data(as_text=True)
    assert _users(db) == users
