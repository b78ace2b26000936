"""List pages and the dashboard run a constant number of statements (1 and 3 items)."""

import pytest

from sesame_group.trainings import registrations

PAGES = {  # url -> statements, whatever the number of sessions and registrants
    "index": ("/trainings/", 7),
    "mine": ("/trainings/?mine=y", 7),
    "detail": ("/trainings/{t}", 6),
    "history": ("/trainings/historique", 6),
}


def _seed(db, create_training, make_librarians, librarian, size):
    people = make_librarians(size)
    trainings = []
    for _ in range(size):
        training = create_training(capacity=size, days=2)
        for person in [librarian, *people]:
            registrations.register(training, person, by=person)
        trainings.append(training)
    db.session.commit()
    return trainings


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("page", ["index", "mine", "detail", "history"])
def test_librarian_pages_constant(
    client, auth, db, create_training, make_librarians, librarian, count_queries, size, page
):
    trainings = _seed(db, create_training, make_librarians, librarian, size)
    auth.login_as(librarian)
    url, expected = PAGES[page]
    with count_queries() as queries:
        response = client.get(url.format(t=trainings[-1].id))
    assert response.status_code == 200
    assert len(queries) == expected


@pytest.mark.parametrize("size", [1, 3])
def test_coordinator_detail_and_dashboard_constant(
    client, auth, db, create_training, make_librarians, librarian, coordinator, count_queries, size
):
    trainings = _seed(db, create_training, make_librarians, librarian, size)
    auth.login_as(coordinator)
    counts = []
    for url in (
        f"/trainings/{trainings[-1].id}",
        "/trainings/",
        f"/trainings/journees/{trainings[-1].days[0].id}/presences",
        f"/trainings/{trainings[-1].id}/presences.csv",
    ):
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts == COORDINATOR_COUNTS


COORDINATOR_COUNTS = [8, 4, 4, 4]


@pytest.mark.parametrize("size", [1, 3])
def test_dashboard_panel_constant(
    db, create_training, make_librarians, librarian, coordinator, count_queries, size
):
    from sesame_group.trainings.dashboard import panel

    _seed(db, create_training, make_librarians, librarian, size)
    create_training(status="draft")
    db.session.expire_all()
    assert librarian.id and coordinator.id  # reload both outside the count
    with count_queries() as queries:
        template, context = panel(librarian)
    assert (template, len(context["next"]), len(queries)) == ("trainings/_panel.html", size, 3)
    with count_queries() as queries:
        _template, context = panel(coordinator)
    assert (len(context["drafts"]), len(context["filling"]), len(queries)) == (1, size, 5)
