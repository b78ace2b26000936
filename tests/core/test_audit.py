"""The audit log page: who, what, which object, when; newest first; fixed query count."""

import re

import pytest

from sesame_group.core import audit

ROW = re.compile(r"<tr><td><time[^>]*>[^<]*</time></td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>")


def test_audit_log_lists_entries_newest_first(client, db, auth, coordinator, librarian):
    audit.record(coordinator, "member.deactivate", librarian, librarian.email)
    audit.record(None, "system.purge", None, "nettoyage")
    db.session.commit()
    auth.login_as(coordinator)
    html = client.get("/journal").get_data(as_text=True)
    assert "<h1>Journal des actions</h1>" in html
    assert ROW.findall(html) == [("système", "system.purge"), ("Coordination", "member.deactivate")]
    assert f"User {librarian.id}" in html
    assert "biblio@example.fr" in html
    assert "(2 au total)" in html


def test_audit_log_escapes_summaries(client, db, auth, coordinator):
    audit.record(coordinator, "x.y", None, "<script>alert(1)</script>")
    db.session.commit()
    auth.login_as(coordinator)
    html = client.get("/journal").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_audit_log_paginates(client, db, auth, coordinator):
    for index in range(51):
        audit.record(coordinator, f"action.{index}", None, "")
    db.session.commit()
    auth.login_as(coordinator)
    first = client.get("/journal").get_data(as_text=True)
    assert "Page 1 sur 2" in first
    assert "action.50" in first and "action.0<" not in first
    assert "action.0<" in client.get("/journal?page=2").get_data(as_text=True)


@pytest.mark.parametrize("size", [1, 3])
def test_audit_log_query_count_is_constant(
    client, db, auth, coordinator, create_user, count_queries, size
):
    for index in range(size):
        actor = create_user(role="coordinator", email=f"c{index}@example.fr")
        audit.record(actor, "member.update", actor, "")
    db.session.commit()
    auth.login_as(coordinator)
    with count_queries() as queries:
        html = client.get("/journal").get_data(as_text=True)
    assert len(ROW.findall(html)) == size
    assert len(queries) == 3, queries  # count, page, actors (selectinload)
