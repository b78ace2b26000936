"""Home page panels of the replacement plan and the calendar."""

from datetime import UTC, datetime


def _tuesday_absence(make_absence, user, item="training-day-12"):
    return make_absence(
        user, datetime(2099, 3, 17, 8, tzinfo=UTC), datetime(2099, 3, 17, 16, tzinfo=UTC), item=item
    )


def test_librarian_panel_counts_my_library(
    client, auth, librarian, fake_sources, make_absence, make_event
):
    fake_sources["trainings"].absence_list = [_tuesday_absence(make_absence, librarian)]
    fake_sources["trainings"].public = [
        make_event(
            12,
            datetime(2099, 3, 17, 8, tzinfo=UTC),
            datetime(2099, 3, 17, 16, tzinfo=UTC),
            summary="Formation Cafeyn",
        )
    ]
    auth.login_as(librarian)
    page = client.get("/").get_data(as_text=True)
    assert "1 remplacement à prévoir" in page
    assert "Lucie Biblio — Formation Cafeyn, mardi 17 mars 2099" in page
    assert "Voir le plan de remplacement de Médiathèque de Chalais" in page
    assert "Prochains événements" in page
    assert '<a href="/trainings/12">Formation Cafeyn</a>' in page


def test_coordinator_panel_counts_across_libraries(
    client, auth, coordinator, librarian, other_librarian, fake_sources, make_absence
):
    fake_sources["trainings"].absence_list = [
        _tuesday_absence(make_absence, librarian),
        _tuesday_absence(make_absence, other_librarian),
    ]
    auth.login_as(coordinator)
    page = client.get("/").get_data(as_text=True)
    # The other library has no opening hours: only Chalais's absence is on opening hours.
    assert "1 absence sur les heures d’ouverture reste à prévoir (1 bibliothèque)." in page
