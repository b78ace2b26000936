"""Every URL rule of the app appears in some domain's permission matrix.

Each tests/<domain>/test_permissions.py defines COVERED: a set of (endpoint, method) pairs that
its parametrized role matrix exercises (anonymous, librarian of another library, librarian,
coordinator). A new view without a matrix row makes this test fail.
"""

from importlib import import_module

from sesame_group import DOMAINS

PUBLIC = {
    ("static", "GET"),
    ("core.healthz", "GET"),
    ("core.accessibility", "GET"),
    ("core.sitemap", "GET"),
    ("core.language", "GET"),
}


def _covered():
    covered = set(PUBLIC)
    for domain in ("core", *DOMAINS):
        try:
            module = import_module(f"tests.{domain}.test_permissions")
        except ModuleNotFoundError:
            continue
        covered |= set(module.COVERED)
    return covered


def test_every_rule_has_a_permission_row(app):
    rules = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert sorted(rules - _covered()) == []
