"""/healthz answers 200 with a working database, 503 without."""


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_sqlite_file_cannot_be_opened(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/absent/dir/sesame.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unavailable"}


def test_healthz_503_when_postgresql_does_not_answer(make_app):
    app = make_app(SQLALCHEMY_DATABASE_URI="postgresql://sesame:sesame@127.0.0.1:1/absent")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"
