"""Pages end to end: the issue's scenario, hostile input on every form, mail, query counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sesame_group.actions.models import (
    ActionBudget,
    ActionComment,
    ActionDate,
    ActionProposal,
    ActionSupport,
)
from sesame_group.core.audit import AuditEntry
from sesame_group.core.timeutil import utcnow
from tests.actions.conftest import past_dates


def proposal_form(**overrides):
    data = {
        "title": "Atelier presse",
        "summary": "La presse sur tablette",
        "description": "Un **atelier**",
        "audience": "all",
        "format": "workshop",
        "resources": "Presse en ligne",
        "expected_participants": "20",
        "requested_amount": "400.50",
        "budget_breakdown": "- intervenant",
        "kakemonos": "1",
        "posters": "10",
        "cards": "100",
        "team_help": "",
        "dates-0-day": "2030-03-14",
        "dates-0-start": "09:30",
        "dates-0-end": "12:00",
        "dates-0-place": "Salle du conseil",
        "dates-1-day": "2030-07-02",
        "dates-1-start": "14:00",
        "dates-1-end": "17:00",
        "dates-1-place": "",
    }
    data.update(overrides)
    return data


def text(message) -> str:
    """Decoded text body of a mail received by the SMTP fixture."""
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


def count(model):
    from sesame_group.extensions import db

    return db.session.scalar(select(func.count()).select_from(model))


def test_issue_scenario(db, client, auth, librarian, other_librarian, coordinator, smtp_server):
    """Submit with two dates; another librarian comments and supports; two pending
    acceptances announced at once; dates in the feeds; report after the dates."""
    from sesame_group.actions import agenda

    auth.login_as(librarian)
    response = client.post("/actions/new", data=proposal_form())
    assert response.status_code == 302
    proposal = db.session.scalar(select(ActionProposal))
    assert proposal.requested_amount == Decimal("400.50")
    # Paris wall clock stored UTC: 9 h 30 in March (UTC+1), 14 h in July (UTC+2)
    assert [(d.starts_at.isoformat(), d.place) for d in proposal.dates] == [
        ("2030-03-14T08:30:00+00:00", "Salle du conseil"),
        ("2030-07-02T12:00:00+00:00", ""),
    ]
    assert client.post(f"/actions/{proposal.id}/submit").status_code == 302
    assert smtp_server.messages[-1]["To"] == "coord@example.fr"
    auth.logout()

    auth.login_as(other_librarian)
    page = client.get(f"/actions/{proposal.id}").get_data(as_text=True)
    assert "jeudi 14 mars 2030, 9\u202fh\u202f30 – 12\u202fh" in page
    client.post(f"/actions/{proposal.id}/comments", data={"body": "Super idée"})
    client.post(f"/actions/{proposal.id}/support")
    assert count(ActionSupport) == 1
    assert "Paul Autre a commenté" in text(smtp_server.messages[-1])
    assert smtp_server.messages[-1]["To"] == "biblio@example.fr"
    auth.logout()

    # a second proposal from the other library, then two pending acceptances
    auth.login_as(other_librarian)
    client.post("/actions/new", data=proposal_form(title="Ciné-club"))
    second = db.session.scalar(select(ActionProposal).where(ActionProposal.title == "Ciné-club"))
    client.post(f"/actions/{second.id}/submit")
    auth.logout()
    auth.login_as(coordinator)
    sent_before = len(smtp_server.messages)
    for item, amount in ((proposal, "300"), (second, "250")):
        response = client.post(
            f"/actions/{item.id}/decision",
            data={"decision": "accepted", "granted_amount": amount, "note": "Logo obligatoire"},
        )
        assert response.status_code == 302
    assert len(smtp_server.messages) == sent_before  # pending: nobody told yet
    assert agenda.public_events(utcnow() - timedelta(days=1)) == []
    listing = client.get("/actions/").get_data(as_text=True)
    assert "2 décisions en attente d’annonce." in listing
    client.post("/actions/announce")
    assert sorted(m["To"] for m in smtp_server.messages[sent_before:]) == [
        "autre@example.fr",
        "biblio@example.fr",
    ]
    db.session.expire_all()
    assert {p.status for p in db.session.scalars(select(ActionProposal))} == {"accepted"}
    events = agenda.public_events(utcnow() - timedelta(days=1))
    assert len(events) == 4
    mine = agenda.personal_events(librarian, utcnow() - timedelta(days=1))
    assert [e.uid for e in mine] == [f"action-date-{d.id}@sesame.test" for d in proposal.dates]
    audit = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert audit.count("action.decide") == 2 and audit.count("action.announce") == 2
    auth.logout()

    # the dates are over: the author files the report
    for item in db.session.get(ActionProposal, proposal.id).dates:
        item.starts_at -= timedelta(days=3650)
        item.ends_at -= timedelta(days=3650)
    db.session.commit()
    auth.login_as(librarian)
    response = client.post(
        f"/actions/{proposal.id}/report",
        data={"actual_participants": "23", "assessment": "Salle comble"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    done = db.session.get(ActionProposal, proposal.id)
    assert (done.status, done.actual_participants, done.assessment) == (
        "completed",
        23,
        "Salle comble",
    )
    page = client.get(f"/actions/{proposal.id}").get_data(as_text=True)
    assert "Participants effectifs : 23" in page and "Réalisée" in page


HOSTILE_PROPOSALS = [
    ({"title": "x" * 161}, "title", "160 caractères au plus."),
    ({"title": ""}, "title", "Indiquez le titre."),
    (
        {"title": "<script>alert(1)</script>"},
        "title",
        "Les caractères &lt; et &gt; ne sont pas autorisés.",
    ),
    ({"summary": "<b>gras</b>"}, "summary", "Les caractères &lt; et &gt; ne sont pas autorisés."),
    ({"description": "x" * 20_001}, "description", "20000 caractères au plus."),
    ({"requested_amount": "-10"}, "requested_amount", "Montant entre 0 et 1 000 000 €."),
    ({"requested_amount": "abc"}, "requested_amount", None),
    ({"expected_participants": "-3"}, "expected_participants", "Nombre entre 0 et 100 000."),
    ({"posters": "-1"}, "posters", "Nombre entre 0 et 100 000."),
    ({"audience": "martians"}, "audience", None),
    ({"dates-0-end": "08:00"}, "dates-0-end", "La fin doit être postérieure au début."),
    ({"dates-0-day": "2030-02-30"}, "dates-0-day", None),
    (
        {
            "dates-0-day": "",
            "dates-0-start": "",
            "dates-0-end": "",
            "dates-0-place": "",
            "dates-1-day": "",
            "dates-1-start": "",
            "dates-1-end": "",
        },
        None,
        "Indiquez au moins une date.",
    ),
    ({"dates-0-start": ""}, "dates-0-start", "Heure invalide : utilisez le format hh:mm."),
    ({"partner_libraries": "99999"}, "partner_libraries", None),
]


@pytest.mark.parametrize("overrides, field, message", HOSTILE_PROPOSALS)
def test_hostile_proposal_input_is_refused_without_write(
    db, client, auth, librarian, overrides, field, message
):
    auth.login_as(librarian)
    response = client.post("/actions/new", data=proposal_form(**overrides))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'role="alert"' in page
    if field:
        assert f'id="{field}-error"' in page
    if message:
        assert message.replace(" ", "\u00a0") in page or message in page
    assert count(ActionProposal) == 0 and count(ActionDate) == 0


def test_markdown_is_sanitised(db, client, auth, librarian, other_librarian, make_proposal):
    proposal = make_proposal(
        "submitted",
        description="Bonjour<script>alert(1)</script>"
        " [lien](javascript:alert(2)) <img src=x onerror=alert(3)>",
    )
    auth.login_as(other_librarian)
    client.post(
        f"/actions/{proposal.id}/comments",
        data={"body": "**oui** <iframe src=//evil></iframe><a onclick=x>y</a>"},
    )
    page = client.get(f"/actions/{proposal.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "javascript:" not in page
    assert "onerror" not in page and "<iframe" not in page and "onclick" not in page
    assert "<strong>oui</strong>" in page


def test_edit_by_author_keeps_input_on_error_and_replaces_dates(
    db, client, auth, librarian, make_proposal
):
    proposal = make_proposal()
    auth.login_as(librarian)
    page = client.get(f"/actions/{proposal.id}/edit").get_data(as_text=True)
    assert 'value="2030-03-14"' in page and 'value="14:00"' in page
    response = client.post(
        f"/actions/{proposal.id}/edit",
        data=proposal_form(title="Nouveau titre", requested_amount="-1"),
    )
    assert "Montant entre 0 et 1\u00a0000\u00a0000\u00a0€." in response.get_data(
        as_text=True
    ) or "Montant entre 0 et 1 000 000 €." in response.get_data(as_text=True)
    assert 'value="Nouveau titre"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ActionProposal, proposal.id).title == "Atelier presse en ligne"
    client.post(f"/actions/{proposal.id}/edit", data=proposal_form(title="Nouveau titre"))
    db.session.expire_all()
    edited = db.session.get(ActionProposal, proposal.id)
    assert edited.title == "Nouveau titre" and len(edited.dates) == 2
    assert edited.dates[0].place == "Salle du conseil"


def test_decision_form_hostile_input(db, client, auth, coordinator, make_proposal):
    proposal = make_proposal("submitted")
    auth.login_as(coordinator)
    cases = [
        ({"decision": "accepted", "granted_amount": "-1"}, "Montant entre 0 et 1 000 000 €."),
        ({"decision": "accepted"}, "Indiquez le montant accordé (0 si aucun)."),
        ({"decision": "declined", "note": ""}, "Indiquez le motif du refus."),
        ({"decision": "changes", "note": ""}, "Indiquez les modifications attendues."),
        ({"decision": "sneaky"}, None),
        ({"decision": "declined", "note": "x" * 5001}, "5000 caractères au plus."),
    ]
    for data, message in cases:
        page = client.post(f"/actions/{proposal.id}/decision", data=data).get_data(as_text=True)
        assert 'role="alert"' in page, data
        if message:
            assert message in page.replace("\u00a0", " "), data
    db.session.expire_all()
    stored = db.session.get(ActionProposal, proposal.id)
    assert (stored.status, stored.decision) == ("submitted", None)
    assert count(AuditEntry) == 0


def test_request_changes_mails_author(db, client, auth, coordinator, make_proposal, smtp_server):
    proposal = make_proposal("submitted")
    auth.login_as(coordinator)
    client.post(
        f"/actions/{proposal.id}/decision",
        data={"decision": "changes", "note": "Ajoutez un **devis**."},
    )
    db.session.expire_all()
    assert db.session.get(ActionProposal, proposal.id).status == "changes_requested"
    message = smtp_server.messages[-1]
    assert message["To"] == "biblio@example.fr"
    assert "Ajoutez un devis." in text(message)


def test_announce_one_at_once(db, client, auth, coordinator, make_proposal, smtp_server):
    proposal = make_proposal("submitted")
    auth.login_as(coordinator)
    client.post(
        f"/actions/{proposal.id}/decision",
        data={"decision": "declined", "note": "Hors calendrier", "announce": "y"},
    )
    db.session.expire_all()
    assert db.session.get(ActionProposal, proposal.id).status == "declined"
    body = text(smtp_server.messages[-1])
    assert "n’a pas été retenue" in body and "Hors calendrier" in body


def test_comment_hostile_input(db, client, auth, other_librarian, make_proposal):
    proposal = make_proposal("submitted")
    foreign = make_proposal("submitted", title="Autre")
    auth.login_as(other_librarian)
    client.post(f"/actions/{foreign.id}/comments", data={"body": "ailleurs"})
    foreign_comment = db.session.scalar(select(ActionComment.id))
    for data, message in (
        ({"body": ""}, "Le commentaire est vide."),
        ({"body": "x" * 5001}, "5000 caractères au plus."),
        ({"body": "ok", "parent_id": str(foreign_comment)}, "Commentaire inconnu."),
        ({"body": "ok", "parent_id": "abc"}, None),
    ):
        response = client.post(f"/actions/{proposal.id}/comments", data=data)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert 'role="alert"' in page
        if message:
            assert message.replace(" ", "\u00a0") in page or message in page
    assert count(ActionComment) == 1


def test_internal_notes_never_shown_to_librarians(
    db, client, auth, coordinator, librarian, make_proposal
):
    proposal = make_proposal("submitted")
    auth.login_as(coordinator)
    client.post(f"/actions/{proposal.id}/notes", data={"note-body": "Note secrète"})
    assert "Note secrète" in client.get(f"/actions/{proposal.id}").get_data(as_text=True)
    auth.logout()
    auth.login_as(librarian)
    page = client.get(f"/actions/{proposal.id}").get_data(as_text=True)
    assert "Note secrète" not in page and "Notes internes" not in page


def test_report_and_date_forms_hostile_input(db, client, auth, librarian, make_proposal):
    past = make_proposal("accepted", dates=past_dates())
    accepted = make_proposal("accepted")
    auth.login_as(librarian)
    for data, message in (
        ({"actual_participants": "-4", "assessment": "ok"}, "Nombre entre 0 et 100 000."),
        ({"actual_participants": "4", "assessment": ""}, "Rédigez le bilan."),
        ({"actual_participants": "x", "assessment": "ok"}, None),
    ):
        page = client.post(f"/actions/{past.id}/report", data=data).get_data(as_text=True)
        assert 'role="alert"' in page
        if message:
            assert message in page.replace("\u00a0", " ")
    date = accepted.dates[0]
    for data, message in (
        (
            {"day": "2030-04-01", "start": "15:00", "end": "14:00"},
            "La fin doit être postérieure au début.",
        ),
        ({"day": "01/04/2030", "start": "15:00", "end": "16:00"}, "N&#39;est pas une date valide."),
        (
            {"day": "", "start": "15:00", "end": "16:00"},
            "Date invalide : utilisez le format jj/mm/aaaa.",
        ),
        ({"day": "2030-04-01", "start": "25:00", "end": "26:00"}, None),
        (
            {"day": "2030-04-01", "start": "", "end": "16:00"},
            "Heure invalide : utilisez le format hh:mm.",
        ),
        ({"day": "2030-04-01", "start": "15:00", "end": "16:00", "place": "<b>x</b>"}, None),
    ):
        page = client.post(f"/actions/dates/{date.id}", data=data).get_data(as_text=True)
        assert 'role="alert"' in page
        if message:
            assert message in page
    db.session.expire_all()
    assert db.session.get(ActionProposal, past.id).status == "accepted"
    assert db.session.get(ActionDate, date.id).sequence == 1
    client.post(
        f"/actions/dates/{date.id}",
        data={"day": "2030-04-01", "start": "15:00", "end": "16:00", "place": "Hall"},
    )
    db.session.expire_all()
    moved = db.session.get(ActionDate, date.id)
    assert (moved.starts_at.isoformat(), moved.place, moved.sequence) == (
        "2030-04-01T13:00:00+00:00",
        "Hall",
        2,
    )


def test_budget_and_programme(db, client, auth, coordinator, make_proposal):
    make_proposal("accepted", granted=Decimal("300"))
    make_proposal("submitted", requested_amount=Decimal("100"))
    auth.login_as(coordinator)
    for data in (
        {"year": "2030", "amount": "-1"},
        {"year": "1800", "amount": "10"},
        {"year": "2030", "amount": "abc"},
    ):
        response = client.post("/actions/programme/budget", data=data)
        assert response.status_code == 400 and 'role="alert"' in response.get_data(as_text=True)
    assert count(ActionBudget) == 0
    client.post("/actions/programme/budget", data={"year": "2030", "amount": "5000"})
    page = (
        client.get("/actions/programme?year=2030")
        .get_data(as_text=True)
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
    )
    assert "Budget annuel</dt><dd>5 000,00 €" in page
    assert "Total demandé</dt><dd>450,00 €" in page
    assert "Total accordé</dt><dd>300,00 €" in page
    assert "Reste disponible</dt><dd>4 700,00 €" in page
    assert "mars 2030" in page


def test_csv_export(db, client, auth, coordinator, make_proposal):
    make_proposal()  # drafts are not exported
    make_proposal("accepted", title='=HYPERLINK("x")', granted=Decimal("280.5"))
    make_proposal("pending", title="En attente")
    auth.login_as(coordinator)
    response = client.get("/actions/export.csv?year=2030")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="actions-culturelles-2030.csv"' in response.headers["Content-Disposition"]
    lines = response.data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("N°;Titre;Bibliothèque;Collectivité;Statut")
    assert len(lines) == 4 and lines[-1] == ""
    assert "'=HYPERLINK" in lines[1] and ";Acceptée;" in lines[1] and ";280,50;" in lines[1]
    assert ";350,00;;;" in lines[2]  # pending decision not exported before it is announced


def test_filters(db, client, auth, librarian, other_librarian, make_proposal):
    make_proposal("submitted", title="Ciné jeunesse", audience="youth")
    make_proposal("accepted", title="Presse adultes")
    make_proposal("submitted", title="Chez les voisins", author=other_librarian)
    make_proposal(title="Mon brouillon")
    auth.login_as(other_librarian)
    page = client.get("/actions/").get_data(as_text=True)
    assert "Mon brouillon" not in page and "3 propositions" in page
    page = client.get("/actions/?audience=youth").get_data(as_text=True)
    assert "Ciné jeunesse" in page and "Presse adultes" not in page
    page = client.get("/actions/?status=accepted").get_data(as_text=True)
    assert "Presse adultes" in page and "Ciné jeunesse" not in page
    page = client.get("/actions/?mine=y").get_data(as_text=True)
    assert "Chez les voisins" in page and "Ciné jeunesse" not in page
    page = client.get("/actions/?year=2031").get_data(as_text=True)
    assert "Aucune proposition ne correspond." in page
    response = client.get("/actions/?status=bogus&year=abc")
    assert response.status_code == 200 and "3 propositions" in response.get_data(as_text=True)


def test_dashboard_panels(db, client, auth, librarian, coordinator, make_proposal):
    make_proposal()
    make_proposal("pending")
    make_proposal("accepted", dates=past_dates())
    auth.login_as(librarian)
    page = client.get("/").get_data(as_text=True)
    assert "1 brouillon" in page and "1 proposition en attente de décision" in page
    assert "1 bilan à déposer" in page
    auth.logout()
    auth.login_as(coordinator)
    assert "1 décision en attente d’annonce" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("n", [1, 3])
def test_list_detail_programme_use_constant_queries(
    db, client, auth, other_librarian, coordinator, make_proposal, count_queries, n
):
    items = []
    for i in range(n):
        proposal = make_proposal("accepted", title=f"Action {i}")
        items.append(proposal)
        from sesame_group.actions import services

        services.add_comment(proposal, by=other_librarian, body="Bravo")
        services.toggle_support(proposal, by=other_librarian)
    db.session.commit()
    auth.login_as(coordinator)
    measured = {}
    for name, url in (
        ("list", "/actions/"),
        ("detail", f"/actions/{items[-1].id}"),
        ("programme", "/actions/programme?year=2030"),
        ("export", "/actions/export.csv"),
    ):
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        measured[name] = len(queries)
    # user + list(count, page, libraries, dates) + 2 counts + pending count
    assert measured == {"list": 8, "detail": 11, "programme": 4, "export": 4}


def test_irreversible_actions_ask_for_confirmation(db, client, auth, librarian, make_proposal):
    submitted = make_proposal("submitted")
    accepted = make_proposal("accepted")
    auth.login_as(librarian)
    for url, question in (
        (f"/actions/{submitted.id}/withdraw", "restera visible comme retirée"),
        (f"/actions/{accepted.id}/cancel", "apparaîtront comme annulées"),
        (f"/actions/dates/{accepted.dates[1].id}/cancel", "marquée comme annulée"),
    ):
        page = client.get(url).get_data(as_text=True)
        assert question in page and f'<form method="post" action="{url}"' in page
    db.session.expire_all()
    assert db.session.get(ActionProposal, submitted.id).status == "submitted"
    assert db.session.get(ActionProposal, accepted.id).status == "accepted"
    client.post(f"/actions/dates/{accepted.dates[1].id}/cancel")
    client.post(f"/actions/{submitted.id}/withdraw")
    db.session.expire_all()
    assert db.session.get(ActionProposal, submitted.id).status == "withdrawn"
    assert db.session.get(ActionDate, accepted.dates[1].id).cancelled is True


def test_ics_download_and_acceptance_mail_attachment(
    db, client, auth, coordinator, librarian, make_proposal, smtp_server
):
    proposal = make_proposal("submitted")
    auth.login_as(coordinator)
    client.post(
        f"/actions/{proposal.id}/decision",
        data={"decision": "accepted", "granted_amount": "200", "announce": "y"},
    )
    mail = smtp_server.messages[-1]
    assert mail["To"] == "biblio@example.fr"
    (attachment,) = [part for part in mail.walk() if part.get_filename()]
    assert attachment.get_filename() == f"action-culturelle-{proposal.id}.ics"
    attached = attachment.get_payload(decode=True)
    auth.logout()
    auth.login_as(librarian)
    response = client.get(f"/actions/{proposal.id}/agenda.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.data == attached
    body = response.data.decode()
    for item in proposal.dates:
        assert f"UID:action-date-{item.id}@sesame.test\r\n" in body
    assert body.count("SEQUENCE:1\r\n") == 2 and "METHOD:PUBLISH" in body


def test_joint_action_through_the_form(db, client, auth, librarian, other_librarian):
    auth.login_as(librarian)
    page = client.get("/actions/new").get_data(as_text=True)
    assert f'<option value="{other_librarian.library_id}">' in page
    assert f'<option value="{librarian.library_id}">' not in page
    response = client.post(
        "/actions/new", data=proposal_form(partner_libraries=str(librarian.library_id))
    )
    assert 'id="partner_libraries-error"' in response.get_data(as_text=True)
    assert count(ActionProposal) == 0
    client.post(
        "/actions/new", data=proposal_form(partner_libraries=str(other_librarian.library_id))
    )
    proposal = db.session.scalar(select(ActionProposal))
    assert [lib.id for lib in proposal.partner_libraries] == [other_librarian.library_id]
    page = client.get(f"/actions/{proposal.id}").get_data(as_text=True)
    assert "Bibliothèques partenaires</dt><dd>Bibliothèque test" in page


def test_catalogue_resources_are_linked(db, client, auth, librarian):
    from sesame_group.resources.models import Resource

    press = Resource(name="Presse Sésame", provider="Cafeyn", category="presse")
    old = Resource(name="Ancienne", provider="X", category="jeux", active=False)
    db.session.add_all([press, old])
    db.session.commit()
    auth.login_as(librarian)
    page = client.get("/actions/new").get_data(as_text=True)
    assert f'<option value="{press.id}">Presse Sésame</option>' in page
    assert "Ancienne" not in page
    response = client.post("/actions/new", data=proposal_form(promoted=str(old.id)))
    assert 'id="promoted-error"' in response.get_data(as_text=True)
    assert count(ActionProposal) == 0
    client.post("/actions/new", data=proposal_form(promoted=str(press.id)))
    proposal = db.session.scalar(select(ActionProposal))
    assert [r.name for r in proposal.promoted] == ["Presse Sésame"]
    page = client.get(f"/actions/{proposal.id}").get_data(as_text=True)
    assert f'<a href="/resources/{press.id}">Presse Sésame</a>, Presse en ligne' in page
