"""List pages, answers page, dashboard and exports run a fixed number of statements."""

import pytest

from sesame_group.meetings import services


def _answer(invitation):
    services.answer_invitation(
        invitation,
        response="attending",
        needs_replacement=True,
        replacement_note="Samedi",
        comment="",
        representative=False,
    )


@pytest.fixture
def populated(db, make_meeting, create_user, create_library, librarian, invitation_of):
    """`size` announced meetings, `size` extra libraries of distinct partners, all answering."""

    def make(size):
        members = [librarian] + [create_user(library=create_library()) for _ in range(size)]
        meetings = [make_meeting(announce=True, title=f"Réunion {n}") for n in range(size)]
        make_meeting(title="Brouillon")
        for meeting in meetings:
            for member in members[: len(members) - 1]:
                _answer(invitation_of(meeting, member))
        db.session.commit()
        return meetings

    return make


def _statements(client, count_queries, url):
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(
    "who, url, expected",
    [
        ("coordinator", "/meetings/", 5),
        ("librarian", "/meetings/", 4),
        ("coordinator", "/", None),
        ("librarian", "/", None),
        ("coordinator", "/meetings/{first}/answers", 3),
        ("coordinator", "/meetings/{first}/answers.csv", 2),
        ("librarian", "/meetings/{first}", 3),
    ],
)
def test_pages_run_constant_queries(
    db, client, auth, coordinator, librarian, populated, count_queries, size, who, url, expected
):
    meetings = populated(size)
    auth.login_as({"coordinator": coordinator, "librarian": librarian}[who])
    url = url.format(first=meetings[0].id)
    if expected is None:  # other domains' panels share the home page: compare sizes only
        from sesame_group.meetings import dashboard

        user = {"coordinator": coordinator, "librarian": librarian}[who]
        db.session.expire_all()
        assert user.id
        with count_queries() as queries:
            template, context = dashboard.panel(user)
        assert (template, len(queries)) == (
            "meetings/_panel.html",
            2 if who == "coordinator" else 1,
        )
        assert _statements(client, count_queries, url) > 0
        return
    assert _statements(client, count_queries, url) == expected
