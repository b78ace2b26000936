"""Subscription links: created once, stored as a hash, revoked, regenerated; personal feed."""

import hashlib
import logging
import threading
import urllib.request
from datetime import UTC, datetime

from icalendar import Calendar
from sqlalchemy import select
from werkzeug.serving import make_server

from sesame_group.calendar.models import FeedToken
from sesame_group.extensions import db


def _secret_from(page: str, kind: str) -> str:
    marker = "https://sesame.test/calendar/feeds/"
    start = page.index(marker) + len(marker)
    secret = page[start : page.index("/", start)]
    assert page[page.index("/", start) :].startswith(f"/{kind}.ics")
    return secret


def test_create_shows_the_link_once_and_stores_only_its_hash(client, auth, librarian):
    auth.login_as(librarian)
    response = client.post("/calendar/subscriptions/personal")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    secret = _secret_from(page, "personal")
    assert len(secret) == 43  # 32 random bytes, URL-safe base64
    assert "Copiez ce lien maintenant : il ne sera plus jamais affiché." in page
    assert f"webcal://sesame.test/calendar/feeds/{secret}/personal.ics" in page
    assert 'data-copy-target="feed-url-new"' in page
    (token,) = db.session.scalars(select(FeedToken)).all()
    assert (token.user_id, token.kind, token.token_hash, token.revoked_at) == (
        librarian.id,
        "personal",
        hashlib.sha256(secret.encode()).hexdigest(),
        None,
    )
    again = client.get("/calendar/subscriptions").get_data(as_text=True)
    assert secret not in again
    assert "Lien créé le" in again and "jamais" in again


def test_second_create_does_not_replace_the_link(client, auth, librarian, make_token):
    make_token(librarian)
    auth.login_as(librarian)
    response = client.post("/calendar/subscriptions/personal")
    assert response.status_code == 302
    assert len(db.session.scalars(select(FeedToken)).all()) == 1


def test_regenerate_confirms_then_old_link_stops(client, auth, librarian, make_token, fake_sources):
    _token, old = make_token(librarian)
    auth.login_as(librarian)
    confirm = client.get("/calendar/subscriptions/personal/regenerate").get_data(as_text=True)
    assert "les abonnements existants ne se mettront plus à jour" in confirm
    page = client.post("/calendar/subscriptions/personal/regenerate").get_data(as_text=True)
    new = _secret_from(page, "personal")
    assert client.get(f"/calendar/feeds/{old}/personal.ics").status_code == 404
    assert client.get(f"/calendar/feeds/{new}/personal.ics").status_code == 200


def test_revoke_confirms_then_feed_is_404(client, auth, librarian, make_token, fake_sources):
    token, secret = make_token(librarian)
    auth.login_as(librarian)
    confirm = client.get("/calendar/subscriptions/personal/revoke").get_data(as_text=True)
    assert "ne se mettront plus à jour" in confirm
    response = client.post("/calendar/subscriptions/personal/revoke")
    assert response.headers["Location"] == "/calendar/subscriptions"
    db.session.refresh(token)
    assert token.revoked_at is not None
    assert client.get(f"/calendar/feeds/{secret}/personal.ics").status_code == 404
    assert client.post("/calendar/subscriptions/personal/revoke").status_code == 404


def test_unknown_revoked_wrong_kind_or_inactive_owner_is_404(
    client, librarian, make_token, fake_sources
):
    _t, personal = make_token(librarian)
    _t, library = make_token(librarian, "library")
    assert client.get(f"/calendar/feeds/{library}/personal.ics").status_code == 404
    assert client.get(f"/calendar/feeds/{personal}/library.ics").status_code == 404
    unknown = client.get("/calendar/feeds/inconnu/personal.ics")
    assert (unknown.status_code, unknown.get_data(as_text=True)) == (404, "Flux introuvable.\n")
    assert unknown.headers["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in unknown.headers
    assert client.get(f"/calendar/feeds/{'x' * 500}/personal.ics").status_code == 404
    librarian.active = False
    db.session.commit()
    assert client.get(f"/calendar/feeds/{personal}/personal.ics").status_code == 404


def test_library_link_needs_a_library(client, auth, coordinator):
    auth.login_as(coordinator)
    assert client.post("/calendar/subscriptions/library").status_code == 403
    assert client.post("/calendar/subscriptions/autre").status_code == 404
    assert db.session.scalars(select(FeedToken)).all() == []


def test_personal_feed_shows_my_events_and_records_last_use(
    client, librarian, make_token, fake_sources, make_event
):
    token, secret = make_token(librarian)
    fake_sources["trainings"].personal = {
        librarian.id: [
            make_event(
                4,
                datetime(2028, 3, 14, 8, 30, tzinfo=UTC),
                datetime(2028, 3, 14, 16, tzinfo=UTC),
                status="TENTATIVE",
            )
        ]
    }
    response = client.get(f"/calendar/feeds/{secret}/personal.ics")
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["X-WR-CALNAME"]) == "Sésame — mon agenda"
    assert str(calendar["UID"]) == f"personal-{librarian.id}-feed@sesame.test"
    (event,) = calendar.walk("VEVENT")
    assert (str(event["UID"]), str(event["STATUS"])) == ("training-day-4@sesame.test", "TENTATIVE")
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert secret.encode() not in response.data
    db.session.refresh(token)
    assert token.last_used_at is not None


def test_personal_feed_query_count_is_constant(
    client, librarian, make_token, fake_sources, make_event, count_queries
):
    _token, secret = make_token(librarian)
    counts = []
    for size in (1, 3):
        fake_sources["meetings"].personal = {
            librarian.id: [
                make_event(
                    n,
                    datetime(2028, 4, n, 8, tzinfo=UTC),
                    datetime(2028, 4, n, 9, tzinfo=UTC),
                    kind="meeting",
                )
                for n in range(1, size + 1)
            ]
        }
        client.get(f"/calendar/feeds/{secret}/personal.ics")
        with count_queries() as queries:
            client.get(f"/calendar/feeds/{secret}/personal.ics")
        counts.append(len(queries))
    assert counts == [1, 1]  # token (with its owner); the bytes come from memory


def test_werkzeug_request_log_never_shows_the_token(
    app, caplog, librarian, make_token, fake_sources
):
    _token, secret = make_token(librarian)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            url = f"http://127.0.0.1:{server.port}/calendar/feeds/{secret}/personal.ics"
            with urllib.request.urlopen(url) as response:
                assert response.status == 200
            server.shutdown()
    finally:
        thread.join(5)
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any('"GET /calendar/feeds/…/personal.ics HTTP/1.1" 200' in line for line in lines)
    assert all(secret not in line for line in lines)


def test_exception_in_a_feed_is_logged_without_the_token(
    app, client, caplog, librarian, make_token, fake_sources
):
    _token, secret = make_token(librarian)
    fake_sources["trainings"].fail = True
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        with caplog.at_level(logging.ERROR):
            response = client.get(f"/calendar/feeds/{secret}/personal.ics")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert (response.status_code, response.get_data(as_text=True)) == (500, "Erreur du serveur.\n")
    text = caplog.text
    assert "Exception on /calendar/feeds/…/personal.ics [GET]" in text
    assert secret not in text


def test_subscription_page_explains_each_client_and_the_delay(client, auth, librarian):
    auth.login_as(librarian)
    page = client.get("/calendar/subscriptions").get_data(as_text=True)
    for text in (
        "<h3>Google Agenda</h3>",
        "<h3>Outlook (web, Outlook.com, Microsoft 365)</h3>",
        "<h3>Apple Calendar (Mac, iPhone, iPad)</h3>",
        "<h3>Thunderbird</h3>",
        "jusqu’à une journée, à apparaître dans Google Agenda ou Outlook",
        'value="https://sesame.test/calendar/public.ics" readonly',
        'href="webcal://sesame.test/calendar/public.ics"',
        "Créer mon lien d’abonnement personnel",
        "Créer mon lien d’abonnement aux absences",
    ):
        assert text in page, text
    assert "lien d’inscription" not in page
