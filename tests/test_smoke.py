def test_login_page_in_french_by_default(client):
    response = client.get("/accounts/login")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert "<h1>Connexion</h1>" in html


def test_coordinator_logs_in_and_sees_dashboard(client, auth, coordinator):
    response = auth.login(coordinator.email)
    assert response.headers["Location"] == "/"
    html = client.get("/").get_data(as_text=True)
    assert "Bonjour, Coordination" in html


def test_ids_beyond_32_bits_are_404_not_500(client, auth, coordinator):
    auth.login_as(coordinator)
    for url in (
        "/conventions/partners/99999999999",
        "/trainings/99999999999",
        "/meetings/99999999999",
        "/actions/99999999999",
    ):
        assert client.get(url).status_code == 404, url
