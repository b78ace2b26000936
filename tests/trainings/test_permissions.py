"""Role matrix over every trainings URL rule: anonymous, other library, librarian, coordinator."""

import pytest

from sesame_group.trainings import registrations

COVERED = {
    ("trainings.index", "GET"),
    ("trainings.history", "GET"),
    ("trainings.new", "GET"),
    ("trainings.new", "POST"),
    ("trainings.detail", "GET"),
    ("trainings.edit", "GET"),
    ("trainings.edit", "POST"),
    ("trainings.publish", "POST"),
    ("trainings.cancel", "GET"),
    ("trainings.cancel", "POST"),
    ("trainings.register", "POST"),
    ("trainings.register_member", "POST"),
    ("trainings.unregister", "GET"),
    ("trainings.unregister", "POST"),
    ("trainings.day_new", "GET"),
    ("trainings.day_new", "POST"),
    ("trainings.day_edit", "GET"),
    ("trainings.day_edit", "POST"),
    ("trainings.day_cancel", "POST"),
    ("trainings.attendance", "GET"),
    ("trainings.attendance", "POST"),
    ("trainings.sheet", "GET"),
    ("trainings.ics", "GET"),
    ("trainings.registrants_csv", "GET"),
    ("trainings.attendance_csv", "GET"),
}

ROLES = ("anonymous", "other", "librarian", "coordinator")
# (method, url template, expected status for other / librarian / coordinator); anonymous: 302
MATRIX = [
    ("GET", "/trainings/", (200, 200, 200)),
    ("GET", "/trainings/historique", (200, 200, 403)),
    ("GET", "/trainings/nouvelle", (403, 403, 200)),
    ("POST", "/trainings/nouvelle", (403, 403, 400)),
    ("GET", "/trainings/{t}", (200, 200, 200)),
    ("GET", "/trainings/{t}/modifier", (403, 403, 200)),
    ("POST", "/trainings/{t}/modifier", (403, 403, 400)),
    ("POST", "/trainings/{t}/publier", (403, 403, 302)),
    ("GET", "/trainings/{t}/annuler", (403, 403, 200)),
    ("POST", "/trainings/{t}/annuler", (403, 403, 400)),
    ("POST", "/trainings/{t}/inscription", (302, 302, 403)),
    ("POST", "/trainings/{t}/inscrire", (403, 403, 302)),
    ("GET", "/trainings/inscriptions/{r}/annuler", (403, 200, 200)),
    ("POST", "/trainings/inscriptions/{r}/annuler", (403, 302, 302)),
    ("GET", "/trainings/{t}/journees/nouvelle", (403, 403, 200)),
    ("POST", "/trainings/{t}/journees/nouvelle", (403, 403, 400)),
    ("GET", "/trainings/journees/{d}/modifier", (403, 403, 200)),
    ("POST", "/trainings/journees/{d}/modifier", (403, 403, 400)),
    ("POST", "/trainings/journees/{d}/annuler", (403, 403, 302)),
    ("GET", "/trainings/journees/{d}/presences", (403, 403, 200)),
    ("POST", "/trainings/journees/{d}/presences", (403, 403, 302)),
    ("GET", "/trainings/journees/{d}/emargement", (403, 403, 200)),
    ("GET", "/trainings/{t}.ics", (200, 200, 200)),
    ("GET", "/trainings/{t}/inscrits.csv", (403, 403, 200)),
    ("GET", "/trainings/{t}/presences.csv", (403, 403, 200)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,url,expected", MATRIX)
def test_role_matrix(
    client,
    auth,
    create_training,
    librarian,
    other_librarian,
    coordinator,
    role,
    method,
    url,
    expected,
):
    training = create_training(capacity=5, days=2)
    reg = registrations.register(training, librarian, by=librarian)
    from sesame_group.extensions import db

    db.session.commit()
    target = url.format(t=training.id, r=reg.id, d=training.days[0].id)
    users = {"other": other_librarian, "librarian": librarian, "coordinator": coordinator}
    if role != "anonymous":
        auth.login_as(users[role])
    data = {"user_id": other_librarian.id} if target.endswith("/inscrire") else {}
    response = client.open(target, method=method, data=data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/accounts/login")
    else:
        assert response.status_code == expected[ROLES.index(role) - 1]


@pytest.mark.parametrize("role,status", [("other", 403), ("librarian", 403), ("coordinator", 200)])
def test_draft_visible_to_coordinators_only(
    client, auth, create_training, librarian, other_librarian, coordinator, role, status
):
    draft = create_training(status="draft")
    users = {"other": other_librarian, "librarian": librarian, "coordinator": coordinator}
    auth.login_as(users[role])
    assert client.get(f"/trainings/{draft.id}").status_code == status
    assert client.get(f"/trainings/{draft.id}.ics").status_code == status


def test_unknown_ids_are_404(client, auth, coordinator):
    auth.login_as(coordinator)
    for url in (
        "/trainings/999",
        "/trainings/999/modifier",
        "/trainings/journees/999/presences",
        "/trainings/inscriptions/999/annuler",
        "/trainings/999.ics",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/trainings/999/inscrire", data={"user_id": 1}).status_code == 404
