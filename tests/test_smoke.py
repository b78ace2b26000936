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
