"""Role matrix of the actions pages: anonymous, other library, proposing library, coordinator."""

import pytest

from sesame_group.actions import permissions as perms
from sesame_group.actions.models import ActionProposal
from tests.actions.conftest import past_dates

COVERED = {
    ("actions.index", "GET"),
    ("actions.new", "GET"),
    ("actions.new", "POST"),
    ("actions.detail", "GET"),
    ("actions.ics", "GET"),
    ("actions.edit", "GET"),
    ("actions.edit", "POST"),
    ("actions.submit", "POST"),
    ("actions.withdraw", "GET"),
    ("actions.withdraw", "POST"),
    ("actions.review", "POST"),
    ("actions.cancel", "GET"),
    ("actions.cancel", "POST"),
    ("actions.announce", "POST"),
    ("actions.announce_all", "POST"),
    ("actions.comment", "POST"),
    ("actions.note", "POST"),
    ("actions.support", "POST"),
    ("actions.decide", "GET"),
    ("actions.decide", "POST"),
    ("actions.report", "GET"),
    ("actions.report", "POST"),
    ("actions.edit_date", "GET"),
    ("actions.edit_date", "POST"),
    ("actions.cancel_date", "GET"),
    ("actions.cancel_date", "POST"),
    ("actions.programme", "GET"),
    ("actions.set_budget", "POST"),
    ("actions.export", "GET"),
}

# (method, url template, expected for: anonymous, other librarian, librarian, coordinator)
MATRIX = [
    ("GET", "/actions/", (302, 200, 200, 200)),
    ("GET", "/actions/new", (302, 200, 200, 403)),
    ("POST", "/actions/new", (302, 200, 200, 403)),
    ("GET", "/actions/{draft}", (302, 403, 200, 403)),
    ("GET", "/actions/{submitted}", (302, 200, 200, 200)),
    ("GET", "/actions/{accepted}/agenda.ics", (302, 200, 200, 200)),
    ("GET", "/actions/{submitted}/agenda.ics", (302, 404, 404, 404)),
    ("GET", "/actions/{draft}/agenda.ics", (302, 403, 404, 403)),
    ("GET", "/actions/{draft}/edit", (302, 403, 200, 403)),
    ("POST", "/actions/{draft}/edit", (302, 403, 200, 403)),
    ("GET", "/actions/{submitted}/edit", (302, 403, 403, 403)),
    ("POST", "/actions/{accepted}/edit", (302, 403, 403, 403)),
    ("POST", "/actions/{draft}/submit", (302, 403, 302, 403)),
    ("POST", "/actions/{accepted}/submit", (302, 403, 403, 403)),
    ("GET", "/actions/{submitted}/withdraw", (302, 403, 200, 403)),
    ("POST", "/actions/{submitted}/withdraw", (302, 403, 302, 403)),
    ("POST", "/actions/{accepted}/withdraw", (302, 403, 403, 403)),
    ("POST", "/actions/{submitted}/review", (302, 403, 403, 302)),
    ("GET", "/actions/{accepted}/cancel", (302, 403, 200, 200)),
    ("POST", "/actions/{accepted}/cancel", (302, 403, 302, 302)),
    ("POST", "/actions/{submitted}/cancel", (302, 403, 403, 403)),
    ("POST", "/actions/{pending}/announce", (302, 403, 403, 302)),
    ("POST", "/actions/announce", (302, 403, 403, 302)),
    ("POST", "/actions/{submitted}/comments", (302, 200, 200, 200)),
    ("POST", "/actions/{draft}/comments", (302, 403, 403, 403)),
    ("POST", "/actions/{submitted}/notes", (302, 403, 403, 200)),
    ("POST", "/actions/{submitted}/support", (302, 302, 403, 403)),
    ("POST", "/actions/{draft}/support", (302, 403, 403, 403)),
    ("GET", "/actions/{submitted}/decision", (302, 403, 403, 200)),
    ("POST", "/actions/{submitted}/decision", (302, 403, 403, 200)),
    ("GET", "/actions/{past}/report", (302, 403, 200, 403)),
    ("POST", "/actions/{past}/report", (302, 403, 200, 403)),
    ("GET", "/actions/{accepted}/report", (302, 403, 403, 403)),
    ("GET", "/actions/dates/{date}", (302, 403, 200, 200)),
    ("POST", "/actions/dates/{date}", (302, 403, 200, 200)),
    ("GET", "/actions/dates/{submitted_date}", (302, 403, 403, 403)),
    ("GET", "/actions/dates/{date2}/cancel", (302, 403, 200, 200)),
    ("POST", "/actions/dates/{date2}/cancel", (302, 403, 302, 302)),
    ("GET", "/actions/programme", (302, 200, 200, 200)),
    ("POST", "/actions/programme/budget", (302, 403, 403, 400)),
    ("GET", "/actions/export.csv", (302, 403, 403, 200)),
]
ROLES = ("anonymous", "other", "librarian", "coordinator")


@pytest.fixture
def ids(make_proposal):
    draft = make_proposal()
    submitted = make_proposal("submitted")
    accepted = make_proposal("accepted")
    return {
        "draft": draft.id,
        "submitted": submitted.id,
        "accepted": accepted.id,
        "pending": make_proposal("pending").id,
        "past": make_proposal("accepted", dates=past_dates()).id,
        "date": accepted.dates[0].id,
        "date2": accepted.dates[1].id,
        "submitted_date": submitted.dates[0].id,
    }


@pytest.mark.parametrize("method, template, expected", MATRIX)
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_role_matrix(
    client,
    auth,
    librarian,
    other_librarian,
    coordinator,
    ids,
    method,
    template,
    expected,
    role_index,
):
    user = (None, other_librarian, librarian, coordinator)[role_index]
    if user:
        auth.login_as(user)
    response = client.open(template.format(**ids), method=method, data={})
    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and user is None:
        assert "/accounts/login" in response.headers["Location"]


def test_matrix_covers_every_rule(app):
    rules = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("actions.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert rules == COVERED
    adapter = app.url_map.bind("sesame.test")
    ids = dict.fromkeys(
        ("draft", "submitted", "accepted", "pending", "past", "date", "date2", "submitted_date"), 1
    )
    exercised = {
        (adapter.match(t.format(**ids).split("?")[0], method=m)[0], m) for m, t, _ in MATRIX
    }
    assert exercised == COVERED


def test_unknown_ids_are_404(client, auth, coordinator, librarian):
    for user in (coordinator, librarian):
        auth.login_as(user)
        for method, url in (
            ("GET", "/actions/999"),
            ("GET", "/actions/999/edit"),
            ("POST", "/actions/999/submit"),
            ("POST", "/actions/999/withdraw"),
            ("POST", "/actions/999/comments"),
            ("GET", "/actions/999/decision"),
            ("GET", "/actions/999/report"),
            ("GET", "/actions/dates/999"),
            ("POST", "/actions/dates/999/cancel"),
            ("GET", "/actions/programme?year=1999"),
            ("GET", "/actions/export.csv?year=3000"),
        ):
            if user is librarian and "export" in url:
                continue
            assert client.open(url, method=method).status_code == 404, (user, url)
        auth.logout()


def test_predicates_are_exposed_to_templates(app):
    for name, predicate in perms.PREDICATES.items():
        assert app.jinja_env.globals[name] is predicate


@pytest.mark.parametrize(
    "status, author_edits, author_withdraws, other_comments",
    [
        ("draft", True, True, False),
        ("submitted", False, True, True),
        ("under_review", False, True, True),
        ("changes_requested", True, True, True),
        ("accepted", False, False, True),
        ("declined", False, False, True),
        ("withdrawn", False, False, True),
        ("completed", False, False, True),
    ],
)
def test_state_rules(
    librarian, other_librarian, coordinator, status, author_edits, author_withdraws, other_comments
):
    proposal = ActionProposal(status=status, library_id=librarian.library_id)
    assert perms.can_edit_proposal(librarian, proposal) is author_edits
    assert perms.can_withdraw_proposal(librarian, proposal) is author_withdraws
    assert perms.can_comment_proposal(other_librarian, proposal) is other_comments
    # nobody outside the proposing library edits or withdraws; the coordinator neither
    for user in (other_librarian, coordinator):
        assert not perms.can_edit_proposal(user, proposal)
        assert not perms.can_withdraw_proposal(user, proposal)
