"""Commitments computed from real trainings, meetings, actions and evaluations."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from sesame_group.actions.models import ActionDate, ActionProposal
from sesame_group.conventions import commitments
from sesame_group.conventions.commitments import MET, MISSED, NOT_YET
from sesame_group.core.timeutil import paris_to_utc
from sesame_group.meetings.models import Invitation, Meeting
from sesame_group.network.models import Partner
from sesame_group.resources.models import Campaign, Evaluation, Resource
from sesame_group.trainings.models import Attendance, Registration, TrainingDay, TrainingSession

TODAY = date(2026, 11, 25)


def at(day, hour):
    return paris_to_utc(datetime(day.year, day.month, day.day, hour))


def training(db, title, days):
    session = TrainingSession(title=title, capacity=10, status="published")
    db.session.add(session)
    db.session.flush()
    rows = [TrainingDay(session_id=session.id, starts_at=at(d, 9), ends_at=at(d, 17)) for d in days]
    db.session.add_all(rows)
    db.session.flush()
    return session, rows


def attend(db, session, user, days, queue):
    registration = Registration(
        session_id=session.id, user_id=user.id, status="confirmed", queue_number=queue
    )
    db.session.add(registration)
    db.session.flush()
    db.session.add_all(
        [
            Attendance(day_id=day.id, registration_id=registration.id, status="present")
            for day in days
        ]
    )


@pytest.fixture
def year_2026(db, librarian, other_librarian):
    """Chalais did everything so far; the other partner did nothing."""
    librarian.library.website_url = "https://mediatheque.chalais.fr"
    past, past_days = training(
        db, "Découvrir la presse en ligne", [date(2026, 3, 10), date(2026, 3, 17)]
    )
    training(db, "Films et musique", [date(2026, 12, 10)])
    attend(db, past, librarian, past_days, 1)
    attend(db, past, other_librarian, past_days[:1], 2)
    review = Meeting(
        title="Réunion annuelle 2026",
        kind="annual_review",
        status="announced",
        starts_at=at(date(2026, 6, 15), 14),
        ends_at=at(date(2026, 6, 15), 17),
    )
    db.session.add(review)
    db.session.flush()
    db.session.add_all(
        [
            Invitation(
                meeting_id=review.id,
                user_id=librarian.id,
                library_id=librarian.library_id,
                response="attending",
                attended=True,
            ),
            Invitation(
                meeting_id=review.id,
                user_id=other_librarian.id,
                library_id=other_librarian.library_id,
                response="attending",
                attended=False,
            ),
        ]
    )
    action = ActionProposal(
        library_id=librarian.library_id,
        author_id=librarian.id,
        status="completed",
        title="Heure du conte numérique",
        summary="Lectures sur tablette",
        audience="youth",
        format="workshop",
        requested_amount=Decimal("0"),
    )
    db.session.add(action)
    db.session.flush()
    db.session.add(
        ActionDate(
            proposal_id=action.id,
            starts_at=at(date(2026, 4, 8), 10),
            ends_at=at(date(2026, 4, 8), 12),
        )
    )
    campaign = Campaign(
        title="Évaluation 2026", opens_on=date(2026, 1, 10), closes_on=date(2026, 3, 31)
    )
    resource = Resource(name="Presse en ligne", provider="Cafeyn", category="presse")
    db.session.add_all([campaign, resource])
    db.session.flush()
    db.session.add(
        Evaluation(
            campaign_id=campaign.id,
            resource_id=resource.id,
            library_id=librarian.library_id,
            usage="regular",
            recommendation="keep",
        )
    )
    db.session.commit()
    return librarian.library.partner, other_librarian.library.partner


def statuses(report):
    return {line.key: line.status for line in report.lines}


def test_commitments_of_a_partner_who_did_everything_so_far(db, year_2026):
    chalais, _other = year_2026
    report = commitments.compute([chalais], 2026, TODAY)[chalais.id]
    assert statuses(report) == {
        "trainings": NOT_YET,
        "review": MET,
        "actions": MET,
        "evaluations": MET,
        "web": MET,
    }
    assert report.line("trainings").reason == "1 formation à venir ou en cours : Films et musique."
    assert report.line("actions").reason == "1 proposée(s), 1 acceptée(s), 1 réalisée(s)."
    assert report.overall == NOT_YET


def test_commitments_of_a_partner_who_missed_them(db, year_2026):
    _chalais, other = year_2026
    report = commitments.compute([other], 2026, TODAY)[other.id]
    assert statuses(report) == {
        "trainings": MISSED,
        "review": MISSED,
        "actions": NOT_YET,
        "evaluations": MISSED,
        "web": MISSED,
    }
    assert report.line("trainings").reason == (
        "Aucun bibliothécaire présent à toutes les journées de : Découvrir la presse en ligne."
    )
    assert report.line("review").reason == "Aucun bibliothécaire présent le 15/06/2026."
    assert report.overall == MISSED


def test_a_past_year_without_actions_is_missed(db, year_2026):
    _chalais, other = year_2026
    report = commitments.compute([other], 2025, TODAY)[other.id]
    assert report.line("actions").status == MISSED
    assert report.line("trainings").status == MET  # nothing was scheduled in 2025


def test_missed_filter_and_partner_page(client, auth, coordinator, librarian, year_2026):
    chalais, other = year_2026
    auth.login_as(coordinator)
    html = client.get("/conventions/?missed=1&year=2026").get_data(as_text=True)
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    assert other.name in rows and chalais.name not in rows
    auth.logout()
    auth.login_as(librarian)
    page = client.get(f"/conventions/partners/{chalais.id}?year=2026").get_data(as_text=True)
    assert "Réunion annuelle de bilan" in page
    assert "Partenaire représenté." in page


def test_commitments_read_a_fixed_number_of_statements(
    db, year_2026, create_partner, create_library, count_queries
):
    def run():
        partners = db.session.query(Partner).all()
        for partner in partners:
            _ = partner.libraries
        with count_queries() as statements:
            commitments.compute(partners, 2026, TODAY)
        return len(statements)

    small = run()
    for _ in range(10):
        create_library(partner=create_partner())
    assert run() == small
