"""Every POST route of the app refuses a request without a CSRF token (French 400 page)."""

import pytest
from werkzeug.routing import IntegerConverter


def _post_urls(app):
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        values = {}
        for name, converter in rule._converters.items():
            values[name] = 1 if isinstance(converter, IntegerConverter) else "x"
        with app.test_request_context():
            urls.append(app.url_map.bind("localhost").build(rule.endpoint, values, method="POST"))
    return sorted(set(urls))


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_every_post_route_needs_the_token(app, client, coordinator, csrf_on):
    with client.session_transaction() as session:
        session["_user_id"] = coordinator.get_id()
        session["_fresh"] = True
    urls = _post_urls(app)
    assert len(urls) > 60  # every domain's forms are in the map
    refused = {url: client.post(url, data={"title": "x"}).status_code for url in urls}
    assert {url: code for url, code in refused.items() if code != 400} == {}
    page = client.post(urls[0]).get_data(as_text=True)
    assert "Le jeton de sécurité du formulaire est absent ou a expiré." in page
