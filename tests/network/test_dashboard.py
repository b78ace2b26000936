"""Network dashboard panel: my library open now and its next closure; closures today."""

from datetime import timedelta

from flask import render_template

from sesame_group.core.timeutil import paris_today
from sesame_group.network.dashboard import panel


def _render(app, user, result):
    template, context = result
    with app.test_request_context("/?lang=fr"):
        from flask_login import login_user

        login_user(user)
        return render_template(template, panel=context)


def test_librarian_panel_shows_status_and_next_closure(app, librarian, add_closure):
    today = paris_today()
    add_closure(librarian.library, today - timedelta(days=5), today - timedelta(days=4), "Passée")
    later = add_closure(
        librarian.library, today + timedelta(days=40), today + timedelta(days=41), "Travaux"
    )
    add_closure(
        librarian.library, today + timedelta(days=90), today + timedelta(days=91), "Encore après"
    )
    result = panel(librarian)
    assert result[0] == "network/_panel.html"
    assert result[1]["library"].id == librarian.library_id
    assert result[1]["next_closure"] is later
    html = _render(app, librarian, result)
    assert '<h2 id="panel-network">Médiathèque de Chalais</h2>' in html
    assert "(Travaux)" in html and "Encore après" not in html
    assert ("Ouvert en ce moment" in html) != ("Fermé" in html)


def test_librarian_panel_without_closure(app, librarian):
    html = _render(app, librarian, panel(librarian))
    assert "Aucune fermeture exceptionnelle prévue." in html


def test_coordinator_panel_counts_libraries_closed_today(
    app, coordinator, create_library, add_closure
):
    today = paris_today()
    first, second = create_library(), create_library()
    add_closure(first, today, today, "Inventaire")
    add_closure(first, today - timedelta(days=1), today + timedelta(days=1), "Doublon")
    add_closure(second, today + timedelta(days=1), today + timedelta(days=2), "Demain")
    result = panel(coordinator)
    assert result == ("network/_panel.html", {"coordinator": True, "closed_today": 1})
    html = _render(app, coordinator, result)
    assert "1 bibliothèque fermée exceptionnellement aujourd’hui" in html


def test_home_page_shows_the_network_panel(client, auth, librarian):
    auth.login_as(librarian)
    page = client.get("/").get_data(as_text=True)
    assert '<h2 id="panel-network">Médiathèque de Chalais</h2>' in page
    assert f'href="/network/libraries/{librarian.library_id}"' in page
