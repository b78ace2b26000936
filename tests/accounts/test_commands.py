"""flask create-user: the same service as the invitation form."""

from sqlalchemy import select
from werkzeug.security import check_password_hash

from sesame_group.accounts.models import User


def test_create_coordinator_with_password(runner, db):
    result = runner.invoke(
        args=[
            "create-user",
            "Anne@LaCharente.fr",
            "--role",
            "coordinator",
            "--password",
            "phrase de passe longue",
            "--name",
            "Anne Coordination",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert (
        result.output.strip() == f"Compte anne@lacharente.fr créé (id {user.id}, rôle coordinator)."
    )
    assert (user.email, user.display_name, user.role, user.library_id, user.active) == (
        "anne@lacharente.fr",
        "Anne Coordination",
        "coordinator",
        None,
        True,
    )
    assert check_password_hash(user.password_hash, "phrase de passe longue")


def test_create_librarian_needs_an_existing_library(runner, db, create_library):
    result = runner.invoke(args=["create-user", "l@example.fr", "--role", "librarian"])
    assert result.exit_code == 1
    assert "Un bibliothécaire doit être rattaché à une bibliothèque." in result.output
    result = runner.invoke(
        args=["create-user", "l@example.fr", "--role", "librarian", "--library", "999"]
    )
    assert result.exit_code == 2
    assert "library 999 does not exist" in result.output
    library = create_library()
    result = runner.invoke(
        args=["create-user", "l@example.fr", "--role", "librarian", "--library", str(library.id)]
    )
    assert result.exit_code == 0
    user = db.session.scalar(select(User))
    assert (user.library_id, user.password_hash, user.display_name) == (
        library.id,
        None,
        "l@example.fr",
    )


def test_create_user_refuses_a_taken_address(runner, db, coordinator):
    result = runner.invoke(args=["create-user", "COORD@example.fr", "--role", "coordinator"])
    assert result.exit_code == 1
    assert "Cette adresse est déjà utilisée." in result.output


def test_pages_render_in_english(client, auth, coordinator, librarian):
    auth.login_as(coordinator)
    client.get("/langue/en")
    for url in (
        "/accounts/profile",
        "/accounts/members",
        "/accounts/members/invite",
        f"/accounts/members/{librarian.id}",
        "/journal",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.get_data(as_text=True)


def test_create_user_refuses_a_bad_address(runner, db):
    result = runner.invoke(args=["create-user", "pas-une-adresse", "--role", "coordinator"])
    assert result.exit_code == 1
    assert "Adresse électronique invalide" in result.output
    assert db.session.scalar(select(User)) is None
