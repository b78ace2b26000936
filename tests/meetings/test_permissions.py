"""Role matrix of meetings: anonymous, other library's librarian, invited librarian, coordinator."""

import pytest

from sesame_group.meetings import services

COVERED = {
    ("meetings.index", "GET"),
    ("meetings.new", "GET"),
    ("meetings.new", "POST"),
    ("meetings.detail", "GET"),
    ("meetings.edit", "GET"),
    ("meetings.edit", "POST"),
    ("meetings.rsvp", "POST"),
    ("meetings.ics", "GET"),
    ("meetings.announce", "GET"),
    ("meetings.announce", "POST"),
    ("meetings.cancel", "GET"),
    ("meetings.cancel", "POST"),
    ("meetings.answers", "GET"),
    ("meetings.remind", "POST"),
    ("meetings.export_answers", "GET"),
    ("meetings.export_attendance", "GET"),
    ("meetings.attendance", "GET"),
    ("meetings.attendance", "POST"),
    ("meetings.minutes", "GET"),
    ("meetings.minutes", "POST"),
    ("meetings.upload", "POST"),
    ("meetings.document", "GET"),
}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# (method, url template, expected for: anonymous, other librarian, librarian, coordinator)
MATRIX = [
    ("GET", "/meetings/", (302, 200, 200, 200)),
    ("GET", "/meetings/new", (302, 403, 403, 200)),
    ("POST", "/meetings/new", (302, 403, 403, 200)),
    ("GET", "/meetings/{meeting}", (302, 200, 200, 200)),
    ("GET", "/meetings/{draft}", (302, 403, 403, 200)),
    ("GET", "/meetings/{meeting}/edit", (302, 403, 403, 200)),
    ("POST", "/meetings/{meeting}/edit", (302, 403, 403, 200)),
    ("POST", "/meetings/{meeting}/rsvp", (302, 403, 200, 403)),
    ("GET", "/meetings/{meeting}/reunion.ics", (302, 200, 200, 200)),
    ("GET", "/meetings/{draft}/reunion.ics", (302, 403, 403, 200)),
    ("GET", "/meetings/{draft}/announce", (302, 403, 403, 200)),
    ("POST", "/meetings/{draft}/announce", (302, 403, 403, 302)),
    ("GET", "/meetings/{meeting}/cancel", (302, 403, 403, 200)),
    ("POST", "/meetings/{meeting}/cancel", (302, 403, 403, 200)),
    ("GET", "/meetings/{meeting}/answers", (302, 403, 403, 200)),
    ("POST", "/meetings/{meeting}/remind", (302, 403, 403, 302)),
    ("GET", "/meetings/{meeting}/answers.csv", (302, 403, 403, 200)),
    ("GET", "/meetings/{held}/attendance.csv", (302, 403, 403, 200)),
    ("GET", "/meetings/{held}/attendance", (302, 403, 403, 200)),
    ("POST", "/meetings/{held}/attendance", (302, 403, 403, 302)),
    ("GET", "/meetings/{held}/minutes", (302, 403, 403, 200)),
    ("POST", "/meetings/{held}/minutes", (302, 403, 403, 302)),
    ("POST", "/meetings/{held}/documents", (302, 403, 403, 200)),
    ("GET", "/meetings/documents/{document}/cr.pdf", (302, 200, 200, 200)),
]
ROLES = ("anonymous", "other", "librarian", "coordinator")


@pytest.mark.parametrize("method, template, expected", MATRIX)
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_role_matrix(
    db,
    client,
    auth,
    librarian,
    other_librarian,
    coordinator,
    make_meeting,
    held_meeting,
    method,
    template,
    expected,
    role_index,
):
    only_mine = [librarian.library_id]
    meeting = make_meeting(announce=True, library_ids=only_mine)
    draft = make_meeting(title="Brouillon")
    held = held_meeting(library_ids=only_mine)
    document = services.add_document(held, "cr.pdf", PDF, by=coordinator)
    db.session.commit()
    user = (None, other_librarian, librarian, coordinator)[role_index]
    if user:
        auth.login_as(user)
    url = template.format(meeting=meeting.id, draft=draft.id, held=held.id, document=document.id)
    response = client.open(url, method=method, data={})
    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and user is None:
        assert response.headers["Location"].startswith("/accounts/login?next=")


def test_unknown_ids_are_404(client, auth, coordinator):
    auth.login_as(coordinator)
    for url in (
        "/meetings/999",
        "/meetings/999/edit",
        "/meetings/999/answers",
        "/meetings/999/attendance",
        "/meetings/999/minutes",
        "/meetings/999/reunion.ics",
        "/meetings/documents/999/x.pdf",
        "/meetings/999/answers.csv",
        "/meetings/999/cancel",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        "/meetings/999/rsvp",
        "/meetings/999/remind",
        "/meetings/999/documents",
        "/meetings/999/announce",
    ):
        assert client.post(url, data={}).status_code == 404, url
