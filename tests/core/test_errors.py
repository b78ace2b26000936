"""French error pages."""


def test_404_page_in_french(client):
    response = client.get("/nulle-part")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert '<html lang="fr">' in html
    assert "<h1>Page introuvable</h1>" in html
    assert "Cette page n’existe pas ou n’existe plus." in html


def test_403_page_in_french(client, auth, librarian):
    auth.login_as(librarian)
    response = client.get("/journal")
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "<h1>Accès refusé</h1>" in html
    assert "Vous n’avez pas les droits nécessaires pour accéder à cette page." in html


def test_405_page_in_french(client):
    response = client.get("/accounts/logout")
    assert response.status_code == 405
    assert "<h1>Méthode non autorisée</h1>" in response.get_data(as_text=True)


def test_500_page_in_french(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def boom():
        raise RuntimeError("panne")

    app.add_url_rule("/boom", "boom", boom)
    response = app.test_client().get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "<h1>Erreur interne</h1>" in html
    assert "panne" not in html


def test_500_page_in_french_when_the_database_is_down(make_app, tmp_path):
    app = make_app(
        PROPAGATE_EXCEPTIONS=False,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/absent/dir/sesame.db",
    )
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1"  # a logged-in member's cookie
    response = client.get("/accounts/profile")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert '<html lang="fr">' in html
    assert "<h1>Erreur interne</h1>" in html
