"""Absences against opening hours (closures, daylight saving), statuses, library feed."""

from datetime import UTC, date, datetime, time

from icalendar import Calendar
from sqlalchemy import select

from sesame_group.network.models import Closure
from sesame_group.replacements import queries
from sesame_group.replacements.models import Replacement

NN = "\u202f"  # the narrow no-break space of « 9 h 30 »


def _utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_overlaps_with_opening_hours_in_winter(app, librarian, fake_sources, make_absence):
    # Tuesday 14 March 2028, 9 h – 17 h Paris (UTC+1); open 9 h 30 – 12 h and 14 h – 18 h.
    absence = make_absence(librarian, _utc(2028, 3, 14, 8), _utc(2028, 3, 14, 16))
    fake_sources["trainings"].absence_list = [absence]
    library = queries.library_with_hours(librarian.library_id)
    (row,) = queries.plan(library, _utc(2028, 1, 1))
    assert row.overlaps == [
        (_utc(2028, 3, 14, 8, 30), _utc(2028, 3, 14, 11)),
        (_utc(2028, 3, 14, 13), _utc(2028, 3, 14, 16)),
    ]
    with app.test_request_context():
        texts = [queries.describe_overlap(*part) for part in row.overlaps]
    assert texts == [
        f"mardi 14 mars, 9{NN}h{NN}30 – 12{NN}h : ouverture au public",
        f"mardi 14 mars, 14{NN}h – 17{NN}h : ouverture au public",
    ]
    assert row.status == "to_plan"


def test_overlaps_after_the_change_to_summer_time(librarian, fake_sources, make_absence):
    # Tuesday 28 March 2028 (after 26 March): 9 h – 12 h Paris is 7 h – 10 h UTC.
    absence = make_absence(librarian, _utc(2028, 3, 28, 7), _utc(2028, 3, 28, 10))
    fake_sources["meetings"].absence_list = [absence]
    library = queries.library_with_hours(librarian.library_id)
    (row,) = queries.plan(library, _utc(2028, 1, 1))
    assert row.overlaps == [(_utc(2028, 3, 28, 7, 30), _utc(2028, 3, 28, 10))]


def test_closure_or_closed_day_means_no_overlap(db, librarian, fake_sources, make_absence):
    db.session.add(
        Closure(
            library_id=librarian.library_id,
            starts_on=date(2028, 3, 13),
            ends_on=date(2028, 3, 15),
            reason="Inventaire",
        )
    )
    db.session.commit()
    closed = make_absence(librarian, _utc(2028, 3, 14, 8), _utc(2028, 3, 14, 16))
    wednesday = make_absence(
        librarian, _utc(2028, 3, 22, 8), _utc(2028, 3, 22, 16), item="meeting-3"
    )
    fake_sources["trainings"].absence_list = [closed, wednesday]
    library = queries.library_with_hours(librarian.library_id)
    rows = queries.plan(library, _utc(2028, 1, 1))
    assert [(r.overlaps, r.status) for r in rows] == [([], "none"), ([], "none")]


def test_plan_page_lists_overlaps_and_status(client, auth, librarian, fake_sources, make_absence):
    fake_sources["trainings"].absence_list = [
        make_absence(librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16))
    ]
    auth.login_as(librarian)
    page = client.get(f"/replacements/libraries/{librarian.library_id}").get_data(as_text=True)
    assert "Plan de remplacement — Médiathèque de Chalais" in page
    assert f"mardi 17 mars, 9{NN}h{NN}30 – 12{NN}h : ouverture au public" in page
    assert f"mardi 17 mars, 14{NN}h – 17{NN}h : ouverture au public" in page
    assert "À prévoir" in page
    assert "Mettre à jour le remplacement de Lucie Biblio" in page
    href = page[: page.index("Mettre à jour le remplacement")].rsplit('href="', 1)[1].split('"')[0]
    form = client.get(href)
    assert form.status_code == 200
    assert "Remplacement de Lucie Biblio" in form.get_data(as_text=True)


def test_member_arranges_a_replacement(client, auth, librarian, fake_sources, make_absence):
    absence = make_absence(librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16))
    fake_sources["trainings"].absence_list = [absence]
    auth.login_as(librarian)
    url = f"/replacements/libraries/{librarian.library_id}/absences/{absence.key}"
    response = client.post(url, data={"status": "arranged", "arranged_by": " Marie (mairie) "})
    assert response.headers["Location"] == f"/replacements/libraries/{librarian.library_id}"
    row = Replacement.query.one()
    assert (
        row.absence_key,
        row.status,
        row.arranged_by,
        row.reason,
        row.sequence,
        row.updated_by_id,
    ) == (absence.key, "arranged", "Marie (mairie)", "", 0, librarian.id)
    client.post(url, data={"status": "not_needed", "reason": "Fermeture exceptionnelle"})
    client.post(url, data={"status": "not_needed", "reason": "Fermeture exceptionnelle"})
    row = Replacement.query.one()
    assert (row.status, row.arranged_by, row.reason, row.sequence) == (
        "not_needed",
        "",
        "Fermeture exceptionnelle",
        1,
    )
    page = client.get(f"/replacements/libraries/{librarian.library_id}").get_data(as_text=True)
    assert "Non nécessaire" in page and "Fermeture exceptionnelle" in page


def test_hostile_input_gives_field_errors_and_writes_nothing(
    db, client, auth, librarian, fake_sources, make_absence
):
    absence = make_absence(librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16))
    fake_sources["trainings"].absence_list = [absence]
    auth.login_as(librarian)
    url = f"/replacements/libraries/{librarian.library_id}/absences/{absence.key}"
    cases = [
        ({"status": "arranged", "arranged_by": ""}, "Indiquez qui assure le remplacement."),
        (
            {"status": "not_needed", "reason": "  "},
            "Indiquez pourquoi aucun remplacement n’est nécessaire.",
        ),
        ({"status": "arranged", "arranged_by": "x" * 201}, "200 caractères au plus."),
        (
            {"status": "arranged", "arranged_by": "<script>alert(1)</script>"},
            "Les caractères &lt; et &gt; ne sont pas autorisés.",
        ),
        ({"status": "annule"}, 'role="alert"'),
        ({}, 'role="alert"'),
    ]
    for data, message in cases:
        response = client.post(url, data=data)
        assert response.status_code == 200, data
        assert message in response.get_data(as_text=True), data
    assert db.session.scalars(select(Replacement)).all() == []


def test_absence_off_opening_hours_cannot_be_planned(
    client, auth, librarian, fake_sources, make_absence
):
    absence = make_absence(librarian, _utc(2099, 3, 18, 8), _utc(2099, 3, 18, 16))  # Wednesday
    fake_sources["trainings"].absence_list = [absence]
    auth.login_as(librarian)
    url = f"/replacements/libraries/{librarian.library_id}/absences/{absence.key}"
    assert client.get(url).status_code == 404


def test_someone_elses_absence_key_is_404(
    client, auth, librarian, other_librarian, fake_sources, make_absence
):
    theirs = make_absence(other_librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16))
    fake_sources["trainings"].absence_list = [theirs]
    auth.login_as(librarian)
    url = f"/replacements/libraries/{librarian.library_id}/absences/{theirs.key}"
    assert client.post(url, data={"status": "to_plan"}).status_code == 404
    assert Replacement.query.count() == 0


def test_coordinator_sees_only_absences_on_opening_hours_still_to_plan(
    client,
    auth,
    coordinator,
    librarian,
    create_user,
    create_library,
    fake_sources,
    make_absence,
    db,
):
    other = create_user(
        display_name="Ana Autre",
        library=create_library(name="Bibliothèque de Montbron", hours=[(1, time(10), time(12))]),
    )
    planned = make_absence(
        librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16), item="training-day-13"
    )
    fake_sources["trainings"].absence_list = [
        make_absence(librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16)),
        planned,
        make_absence(other, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16), title="Réunion X"),
        make_absence(other, _utc(2099, 3, 18, 8), _utc(2099, 3, 18, 16), item="meeting-4"),
    ]
    db.session.add(
        Replacement(
            absence_key=planned.key,
            library_id=librarian.library_id,
            status="arranged",
            arranged_by="Marie",
        )
    )
    db.session.commit()
    auth.login_as(coordinator)
    page = client.get("/replacements/").get_data(as_text=True)
    assert page.count("<tr>") == 4  # two tables: header + one row each
    assert "Bibliothèque de Montbron</a> — 1 absence à prévoir" in page
    assert "Médiathèque de Chalais</a> — 1 absence à prévoir" in page
    assert page.index("Bibliothèque de Montbron") < page.index("Médiathèque de Chalais")


def test_overview_and_plan_query_counts_are_constant(
    client, auth, coordinator, librarian, fake_sources, make_absence, count_queries
):
    counts = []
    for size in (1, 3):
        fake_sources["trainings"].absence_list = [
            make_absence(
                librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16), item=f"training-day-{n}"
            )
            for n in range(size)
        ]
        auth.login_as(coordinator)
        with count_queries() as overview:
            client.get("/replacements/")
        with count_queries() as plan:
            client.get(f"/replacements/libraries/{librarian.library_id}")
        counts.append((len(overview), len(plan)))
        auth.logout()
    assert counts[0] == counts[1]
    assert counts[0] == (4, 5)  # login, libraries + hours + closures, replacements


def test_library_feed_shows_absences_with_overlap_and_status(
    client, db, librarian, make_token, fake_sources, make_absence, make_event
):
    absence = make_absence(librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16))
    fake_sources["trainings"].absence_list = [absence]
    fake_sources["trainings"].public = [
        make_event(
            12,
            _utc(2099, 3, 17, 8),
            _utc(2099, 3, 17, 16),
            sequence=2,
            location="Archives départementales, Angoulême",
        )
    ]
    _token, secret = make_token(librarian, "library")
    url = f"/calendar/feeds/{secret}/library.ics"
    first = client.get(url)
    calendar = Calendar.from_ical(first.data)
    assert str(calendar["X-WR-CALNAME"]) == "Sésame — absences : Médiathèque de Chalais"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"absence-training-day-12-user-{librarian.id}@sesame.test"
    assert str(event["SUMMARY"]) == "Absence : Lucie Biblio — Formation Cafeyn"
    assert int(event["SEQUENCE"]) == 2
    assert str(event["LOCATION"]) == "Archives départementales, Angoulême"
    assert str(event["DESCRIPTION"]).split("\n") == [
        f"mardi 17 mars, 9{NN}h{NN}30 – 12{NN}h : ouverture au public",
        f"mardi 17 mars, 14{NN}h – 17{NN}h : ouverture au public",
        "Remplacement à prévoir.",
        "Événement : https://sesame.test/trainings/12",
        "",
        f"https://sesame.test/replacements/libraries/{librarian.library_id}",
    ]
    assert event["DTSTART"].dt.hour == 9 and str(event["DTSTART"].params["TZID"]) == "Europe/Paris"
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    db.session.add(
        Replacement(
            absence_key=absence.key,
            library_id=librarian.library_id,
            status="arranged",
            arranged_by="Marie",
            sequence=1,
        )
    )
    db.session.commit()
    second = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    (event,) = Calendar.from_ical(second.data).walk("VEVENT")
    assert int(event["SEQUENCE"]) == 3
    assert "Remplacement prévu : Marie" in str(event["DESCRIPTION"])


def test_library_feed_query_count_is_constant(
    client, librarian, make_token, fake_sources, make_absence, count_queries
):
    _token, secret = make_token(librarian, "library")
    client.get(f"/calendar/feeds/{secret}/library.ics")  # records the token's first use
    counts = []
    for size in (1, 3):
        fake_sources["meetings"].absence_list = [
            make_absence(
                librarian, _utc(2099, 3, 17, 8), _utc(2099, 3, 17, 16), item=f"meeting-{n}"
            )
            for n in range(size)
        ]
        with count_queries() as cold:
            client.get(f"/calendar/feeds/{secret}/library.ics")
        with count_queries() as warm:
            client.get(f"/calendar/feeds/{secret}/library.ics")
        counts.append((len(cold), len(warm)))
    # warm: token, library + hours + closures, replacements and members aggregates;
    # rebuilding adds the feed state, the replacements of the absences and the state upsert.
    assert counts == [(9, 6), (9, 6)]
