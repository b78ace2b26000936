"""Role matrix of resources: anonymous, other library, own library, coordinator."""

from datetime import timedelta

import pytest

COVERED = {
    ("resources.index", "GET"),
    ("resources.detail", "GET"),
    ("resources.new_resource", "GET"),
    ("resources.new_resource", "POST"),
    ("resources.edit_resource", "GET"),
    ("resources.edit_resource", "POST"),
    ("resources.campaigns", "GET"),
    ("resources.new_campaign", "GET"),
    ("resources.new_campaign", "POST"),
    ("resources.edit_campaign", "GET"),
    ("resources.edit_campaign", "POST"),
    ("resources.close_campaign", "POST"),
    ("resources.remind", "POST"),
    ("resources.campaign", "GET"),
    ("resources.library_progress", "GET"),
    ("resources.evaluate", "GET"),
    ("resources.evaluate", "POST"),
    ("resources.results", "GET"),
    ("resources.export_results", "GET"),
    ("resources.export_evaluations", "GET"),
}

# (method, url template, expected for: anonymous, other librarian, librarian, coordinator)
MATRIX = [
    ("GET", "/resources/", (302, 200, 200, 200)),
    ("GET", "/resources/{resource}", (302, 200, 200, 200)),
    ("GET", "/resources/{inactive}", (302, 403, 403, 200)),
    ("GET", "/resources/new", (302, 403, 403, 200)),
    ("POST", "/resources/new", (302, 403, 403, 200)),
    ("GET", "/resources/{resource}/edit", (302, 403, 403, 200)),
    ("POST", "/resources/{resource}/edit", (302, 403, 403, 200)),
    ("GET", "/resources/campaigns", (302, 200, 200, 200)),
    ("GET", "/resources/campaigns/new", (302, 403, 403, 200)),
    ("POST", "/resources/campaigns/new", (302, 403, 403, 200)),
    ("GET", "/resources/campaigns/{open}/edit", (302, 403, 403, 200)),
    ("POST", "/resources/campaigns/{open}/edit", (302, 403, 403, 200)),
    ("POST", "/resources/campaigns/{open}/close", (302, 403, 403, 302)),
    ("POST", "/resources/campaigns/{open}/remind", (302, 403, 403, 302)),
    ("GET", "/resources/campaigns/{open}", (302, 200, 200, 200)),
    ("GET", "/resources/campaigns/{open}/libraries/{library}", (302, 403, 200, 200)),
    ("GET", "/resources/campaigns/{open}/resources/{resource}", (302, 200, 200, 403)),
    ("POST", "/resources/campaigns/{open}/resources/{resource}", (302, 200, 200, 403)),
    ("GET", "/resources/campaigns/{open}/results", (302, 403, 403, 200)),
    ("GET", "/resources/campaigns/{closed}/results", (302, 200, 200, 200)),
    ("GET", "/resources/campaigns/{open}/results.csv", (302, 403, 403, 200)),
    ("GET", "/resources/campaigns/{closed}/results.csv", (302, 200, 200, 200)),
    ("GET", "/resources/campaigns/{closed}/evaluations.csv", (302, 403, 403, 200)),
]
ROLES = ("anonymous", "other", "librarian", "coordinator")


@pytest.mark.parametrize("method, template, expected", MATRIX)
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_role_matrix(
    client,
    auth,
    librarian,
    other_librarian,
    coordinator,
    create_resource,
    create_campaign,
    today,
    method,
    template,
    expected,
    role_index,
):
    resource = create_resource()
    inactive = create_resource(active=False)
    open_campaign = create_campaign(resources=[resource])
    closed = create_campaign(
        resources=[resource],
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=350),
        closed=True,
    )
    user = (None, other_librarian, librarian, coordinator)[role_index]
    if user:
        auth.login_as(user)
    url = template.format(
        resource=resource.id,
        inactive=inactive.id,
        open=open_campaign.id,
        closed=closed.id,
        library=librarian.library_id,
    )
    response = client.open(url, method=method, data={})
    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and user is None:
        assert "/accounts/login" in response.headers["Location"]


def test_unknown_ids_are_404(
    client, auth, coordinator, librarian, create_campaign, create_resource
):
    campaign = create_campaign()
    outside = create_resource()
    auth.login_as(coordinator)
    for url in (
        "/resources/999",
        "/resources/999/edit",
        "/resources/campaigns/999",
        "/resources/campaigns/999/edit",
        "/resources/campaigns/999/results",
        "/resources/campaigns/999/results.csv",
        "/resources/campaigns/999/evaluations.csv",
        f"/resources/campaigns/{campaign.id}/libraries/999",
    ):
        assert client.get(url).status_code == 404, url
    for url in ("/resources/campaigns/999/close", "/resources/campaigns/999/remind"):
        assert client.post(url).status_code == 404, url
    auth.logout()
    auth.login_as(librarian)
    # a resource that exists but is not in the campaign, and an unknown campaign
    assert (
        client.get(f"/resources/campaigns/{campaign.id}/resources/{outside.id}").status_code == 404
    )
    assert (
        client.post(f"/resources/campaigns/{campaign.id}/resources/{outside.id}").status_code == 404
    )
    assert client.get(f"/resources/campaigns/999/resources/{outside.id}").status_code == 404
