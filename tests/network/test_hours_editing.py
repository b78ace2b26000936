"""Weekly hours and closures editing: librarians of the library and the coordinator."""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from sesame_group.core.audit import AuditEntry
from sesame_group.core.errors import DomainError
from sesame_group.core.timeutil import paris_today
from sesame_group.network import services
from sesame_group.network.models import Closure, OpeningHour

ORIGINAL = [(1, time(9, 30), time(12)), (1, time(14), time(18))]


def _rows(*ranges):
    data = {}
    for index, (weekday, opens, closes) in enumerate(ranges):
        data[f"rows-{index}-weekday"] = str(weekday)
        data[f"rows-{index}-opens"] = opens
        data[f"rows-{index}-closes"] = closes
    return data


def _hours(db, library):
    rows = db.session.execute(
        select(OpeningHour.weekday, OpeningHour.opens, OpeningHour.closes)
        .where(OpeningHour.library_id == library.id)
        .order_by(OpeningHour.weekday, OpeningHour.opens)
    )
    return [tuple(row) for row in rows]


def test_hours_form_prefills_ranges_and_blank_rows(client, auth, librarian):
    auth.login_as(librarian)
    page = client.get(f"/network/libraries/{librarian.library_id}/hours").get_data(as_text=True)
    assert 'name="rows-0-opens" type="time" value="09:30"' in page
    assert 'name="rows-1-closes" type="time" value="18:00"' in page
    assert 'name="rows-7-opens" type="time" value=""' in page
    assert 'name="rows-8-opens"' not in page
    assert '<option selected value="1">mardi</option>' in page
    assert page.count("<option selected") == 2  # blank rows start on « — jour — »


def test_librarian_replaces_weekly_hours(client, auth, librarian, db):
    auth.login_as(librarian)
    data = _rows(
        (1, "09:30", "12:00"),
        (1, "14:00", "18:30"),
        (5, "10:00", "12:00"),
        (3, "", ""),
        ("", "", ""),
    )
    response = client.post(f"/network/libraries/{librarian.library_id}/hours", data=data)
    assert response.headers["Location"] == f"/network/libraries/{librarian.library_id}"
    assert _hours(db, librarian.library) == [
        (1, time(9, 30), time(12)),
        (1, time(14), time(18, 30)),
        (5, time(10), time(12)),
    ]
    audit = db.session.execute(select(AuditEntry.actor_id, AuditEntry.action)).all()
    assert audit == [(librarian.id, "network.hours_update")]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Les horaires d’ouverture sont enregistrés." in page
    assert "samedi</th><td>10\u202fh – 12\u202fh</td>" in page


def test_emptying_every_row_closes_the_library_all_week(client, auth, coordinator, librarian, db):
    auth.login_as(coordinator)
    response = client.post(
        f"/network/libraries/{librarian.library_id}/hours", data=_rows((1, "", ""), (1, "", ""))
    )
    assert response.status_code == 302
    assert _hours(db, librarian.library) == []


@pytest.mark.parametrize(
    ("ranges", "message"),
    [
        ([(1, "12:00", "09:00")], "L’heure de fermeture doit suivre l’heure d’ouverture."),
        ([(1, "10:00", "10:00")], "L’heure de fermeture doit suivre l’heure d’ouverture."),
        ([(1, "25:00", "26:00")], "Heure invalide : utilisez le format hh:mm."),
        ([(1, "<script>", "12:00")], "Heure invalide : utilisez le format hh:mm."),
        ([(1, "9" * 5000, "12:00")], "Heure invalide : utilisez le format hh:mm."),
        ([(1, "09:00", "")], "Heure invalide : utilisez le format hh:mm."),
        ([(9, "09:00", "12:00")], "Choisissez le jour."),
        ([("lundi", "09:00", "12:00")], "Choisissez le jour."),
        ([("", "09:00", "12:00")], "Choisissez le jour."),
        (
            [(2, "09:00", "12:00"), (2, "11:30", "14:00")],
            "Cette plage chevauche une autre plage du même jour.",
        ),
        (
            [(2, "08:00", "18:00"), (2, "09:00", "10:00")],
            "Cette plage chevauche une autre plage du même jour.",
        ),
    ],
)
def test_bad_hours_are_refused_and_nothing_changes(client, auth, librarian, db, ranges, message):
    auth.login_as(librarian)
    data = _rows((4, "14:00", "17:00"), *ranges)  # a valid row first: all or nothing
    response = client.post(f"/network/libraries/{librarian.library_id}/hours", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert "Corrigez les plages signalées." in page
    assert 'role="alert"' in page
    assert _hours(db, librarian.library) == ORIGINAL
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_overlap_with_touching_ranges_is_allowed(client, auth, librarian, db):
    auth.login_as(librarian)
    data = _rows((2, "09:00", "12:00"), (2, "12:00", "14:00"))
    response = client.post(f"/network/libraries/{librarian.library_id}/hours", data=data)
    assert response.status_code == 302
    assert _hours(db, librarian.library) == [(2, time(9), time(12)), (2, time(12), time(14))]


def test_librarian_of_a_cannot_edit_hours_of_b(client, auth, librarian, other_librarian, db):
    auth.login_as(other_librarian)
    response = client.post(
        f"/network/libraries/{librarian.library_id}/hours", data=_rows((0, "08:00", "20:00"))
    )
    assert response.status_code == 403
    assert _hours(db, librarian.library) == ORIGINAL
    response = client.post(
        f"/network/libraries/{librarian.library_id}/closures",
        data={"starts_on": "2030-01-01", "ends_on": "2030-01-02", "reason": "Piratage"},
    )
    assert response.status_code == 403
    assert db.session.scalars(select(Closure)).all() == []


def test_replace_weekly_hours_service_is_all_or_nothing(librarian, coordinator, db):
    library = librarian.library
    with pytest.raises(DomainError) as error:
        services.replace_weekly_hours(
            library, [(0, time(9), time(12)), (0, time(11), time(13))], by=coordinator
        )
    assert error.value.message == "Cette plage chevauche une autre plage du même jour."
    with pytest.raises(DomainError):
        services.replace_weekly_hours(
            library, [(0, time(9), time(12)), (3, time(12), time(9))], by=coordinator
        )
    db.session.rollback()
    assert _hours(db, library) == ORIGINAL


def test_add_and_delete_a_closure(client, auth, librarian, db):
    auth.login_as(librarian)
    year = paris_today().year + 1
    url = f"/network/libraries/{librarian.library_id}/closures"
    response = client.post(
        url,
        data={
            "starts_on": f"{year}-12-24",
            "ends_on": f"{year + 1}-01-02",
            "reason": "Fêtes de fin d’année",
        },
    )
    assert response.headers["Location"] == url
    closure = db.session.scalars(select(Closure)).one()
    assert (closure.library_id, closure.starts_on, closure.ends_on, closure.reason) == (
        librarian.library_id,
        date(year, 12, 24),
        date(year + 1, 1, 2),
        "Fêtes de fin d’année",
    )
    page = client.get(url).get_data(as_text=True)
    assert "La fermeture est enregistrée." in page
    assert f"24 décembre {year} au " in page
    response = client.post(f"{url}/{closure.id}/delete")
    assert response.headers["Location"] == url
    assert db.session.scalars(select(Closure)).all() == []
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["network.closure_add", "network.closure_delete"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"starts_on": "2030-03-10", "ends_on": "2030-03-01"},
            "ends_on",
            "La fin de la fermeture doit suivre son début.",
        ),
        (
            {"starts_on": "2030-01-01", "ends_on": "2031-06-01"},
            "ends_on",
            "Une fermeture dure un an au plus.",
        ),
        ({"starts_on": "2030-02-30"}, "starts_on", "valide"),
        ({"starts_on": "demain"}, "starts_on", "valide"),
        ({"reason": ""}, "reason", "Indiquez le motif."),
        ({"reason": "r" * 201}, "reason", "200 caractères au plus."),
        (
            {"reason": "<script>alert(1)</script>"},
            "reason",
            "Les caractères &lt; et &gt; ne sont pas autorisés.",
        ),
    ],
)
def test_bad_closure_is_refused(client, auth, librarian, db, data, field, message):
    auth.login_as(librarian)
    full = {"starts_on": "2030-01-01", "ends_on": "2030-01-02", "reason": "Inventaire", **data}
    response = client.post(f"/network/libraries/{librarian.library_id}/closures", data=full)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error" role="alert">' in page
    assert message in page
    assert db.session.scalars(select(Closure)).all() == []


def test_add_closure_service_refuses_reversed_dates(librarian, coordinator, db):
    with pytest.raises(DomainError) as error:
        services.add_closure(
            librarian.library, date(2030, 1, 5), date(2030, 1, 1), "x", by=coordinator
        )
    assert (error.value.field, error.value.message) == (
        "ends_on",
        "La fin de la fermeture doit suivre son début.",
    )


def test_closures_page_lists_only_upcoming(client, auth, librarian, add_closure):
    today = paris_today()
    add_closure(librarian.library, today - timedelta(days=9), today - timedelta(days=8), "Ancienne")
    add_closure(librarian.library, today, today + timedelta(days=1), "En cours")
    auth.login_as(librarian)
    page = client.get(f"/network/libraries/{librarian.library_id}/closures").get_data(as_text=True)
    assert "En cours" in page and "Ancienne" not in page


def test_too_many_ranges_are_refused(client, auth, librarian, db):
    ranges = [
        (day, f"{hour:02d}:00", f"{hour:02d}:30") for day in range(7) for hour in (8, 9, 10, 11, 12)
    ]
    auth.login_as(librarian)
    response = client.post(f"/network/libraries/{librarian.library_id}/hours", data=_rows(*ranges))
    assert "28 plages au plus." in response.get_data(as_text=True)
    assert _hours(db, librarian.library) == ORIGINAL


def test_post_without_csrf_token_is_refused(app, client, auth, librarian, db):
    auth.login_as(librarian)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(
            f"/network/libraries/{librarian.library_id}/hours", data=_rows((0, "08:00", "20:00"))
        )
        closure = client.post(
            f"/network/libraries/{librarian.library_id}/closures",
            data={"starts_on": "2030-01-01", "ends_on": "2030-01-02", "reason": "Sans jeton"},
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert (response.status_code, closure.status_code) == (400, 400)
    assert _hours(db, librarian.library) == ORIGINAL
    assert db.session.scalars(select(Closure)).all() == []
