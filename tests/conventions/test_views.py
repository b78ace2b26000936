"""Partner follow-up pages: overview, filters, partner page, forms, exports."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from sesame_group.conventions.models import Amendment, Contribution, ContributionRate, Convention
from sesame_group.conventions.periods import add_years
from sesame_group.core.timeutil import paris_today


@pytest.fixture
def network(create_partner, create_library, add_convention, add_contribution):
    """Three partners: one ending soon and unpaid, one active and paid, one without convention."""
    today = paris_today()
    ending = create_partner(name="Commune de Chalais", population=1884)
    create_library(
        partner=ending, name="Médiathèque de Chalais", website_url="https://mediatheque.chalais.fr"
    )
    add_convention(ending, add_years(today + timedelta(days=30), -3) + timedelta(days=1))
    add_contribution(ending, today.year, amount="282.60", invoiced_on=date(today.year, 1, 15))
    active = create_partner(name="Commune de Montbron", population=2108)
    create_library(partner=active, name="Bibliothèque de Montbron")
    add_convention(active, today - timedelta(days=100))
    add_contribution(
        active,
        today.year,
        amount="316.20",
        invoiced_on=date(today.year, 1, 15),
        paid_on=date(today.year, 2, 1),
    )
    create_partner(name="Commune de Brie", population=4312)
    return ending, active


def _names(html):
    return [
        name
        for name in ("Commune de Brie", "Commune de Chalais", "Commune de Montbron")
        if name in html
    ]


def test_overview_lists_every_partner_with_status(client, auth, coordinator, network):
    auth.login_as(coordinator)
    html = client.get("/conventions/").get_data(as_text=True)
    assert _names(html) == ["Commune de Brie", "Commune de Chalais", "Commune de Montbron"]
    assert "3 partenaires, année" in html
    assert "Se termine sous 60 jours" in html
    assert "282,60\u00a0€" in html
    assert "Sans convention" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=ending_soon", ["Commune de Chalais"]),
        ("status=active", ["Commune de Montbron"]),
        ("status=none", ["Commune de Brie"]),
        ("unpaid=1", ["Commune de Chalais"]),
    ],
)
def test_overview_filters(client, auth, coordinator, network, query, expected):
    auth.login_as(coordinator)
    html = client.get(f"/conventions/?{query}").get_data(as_text=True)
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    assert _names(rows) == expected


def test_overview_in_english(client, auth, coordinator, network):
    auth.login_as(coordinator)
    html = client.get("/conventions/?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "€282.60" in html


def test_bad_filter_values_fall_back_without_error(client, auth, coordinator, network):
    auth.login_as(coordinator)
    response = client.get("/conventions/?year=-4&status=<script>&unpaid=9")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).split("<main")[1]


def test_overview_query_count_is_constant(
    client,
    auth,
    coordinator,
    create_partner,
    create_library,
    add_convention,
    add_contribution,
    count_queries,
):
    auth.login_as(coordinator)

    def grow(n):
        for _ in range(n):
            partner = create_partner()
            create_library(partner=partner)
            add_convention(partner, date(2025, 1, 1))
            add_contribution(partner, paris_today().year)

    grow(2)
    with count_queries() as small:
        assert client.get("/conventions/").status_code == 200
    grow(15)
    with count_queries() as large:
        assert client.get("/conventions/").status_code == 200
    assert len(small) == len(large)


def test_csv_export_is_excel_friendly(client, auth, coordinator, network):
    auth.login_as(coordinator)
    response = client.get("/conventions/export.csv?status=ending_soon")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Partenaire"
    assert [row[0] for row in rows[1:]] == ["Commune de Chalais"]
    assert rows[1][1] == "1884"
    assert rows[1][4] == "Se termine sous 60 jours"
    assert rows[1][5] == "282,60"


def test_xlsx_export_of_contributions(client, auth, coordinator, network):
    auth.login_as(coordinator)
    year = paris_today().year
    response = client.get(f"/conventions/contributions/export.xlsx?year={year}&unpaid=1")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = list(sheet.values)
    assert values[0][:2] == ("Partenaire", "Année")
    assert [(row[0], row[1], row[5]) for row in values[1:]] == [
        ("Commune de Chalais", year, "282,60")
    ]


def test_partner_page_for_its_librarian(client, auth, create_user, network):
    ending, _active = network
    member = create_user(library=ending.libraries[0])
    auth.login_as(member)
    html = client.get(f"/conventions/partners/{ending.id}").get_data(as_text=True)
    assert "<h1>Commune de Chalais</h1>" in html
    assert "Présence web identifiée" in html
    assert "https://mediatheque.chalais.fr" in html
    assert "(reconduction tacite)" in html
    assert "Enregistrer une convention" not in html
    assert "Titre de recettes émis le" in html


def test_year_out_of_range_is_404(client, auth, coordinator, network):
    auth.login_as(coordinator)
    assert client.get(f"/conventions/partners/{network[0].id}?year=1789").status_code == 404
    assert client.get("/conventions/contributions?year=99999").status_code == 404


def test_record_a_convention_and_an_amendment(client, auth, coordinator, create_partner, db):
    partner = create_partner(name="Commune de Dirac")
    auth.login_as(coordinator)
    response = client.post(
        f"/conventions/partners/{partner.id}/new", data={"signed_on": "2025-09-01"}
    )
    assert response.status_code == 302
    convention = db.session.scalar(select(Convention).where(Convention.partner_id == partner.id))
    assert convention.signed_on == date(2025, 9, 1)
    response = client.post(
        f"/conventions/{convention.id}/amendment",
        data={"signed_on": "2025-10-01", "text": "Ajout de la presse."},
    )
    assert response.status_code == 302
    html = client.get(f"/conventions/partners/{partner.id}").get_data(as_text=True)
    assert "Ajout de la presse." in html


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"signed_on": "2025-02-31"}, "signed_on", "N&#39;est pas une date valide."),
        ({"signed_on": ""}, "signed_on", "Date invalide"),
        ({"signed_on": "2025-09-01" + "x" * 500}, "signed_on", "N&#39;est pas une date valide."),
    ],
)
def test_convention_form_hostile_input(
    client, auth, coordinator, create_partner, db, data, field, message
):
    partner = create_partner()
    auth.login_as(coordinator)
    response = client.post(f"/conventions/partners/{partner.id}/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error" role="alert">{message}' in html
    assert db.session.scalar(select(func.count(Convention.id))) == 0


@pytest.mark.parametrize(
    "text, message",
    [
        ("<script>alert(1)</script>", "Les caractères &lt; et &gt; ne sont pas autorisés."),
        ("x" * 2001, "2 000 caractères au plus."),
        ("", "Décrivez l’avenant."),
    ],
)
def test_amendment_hostile_text(
    client, auth, coordinator, create_partner, add_convention, db, text, message
):
    convention = add_convention(create_partner(), date(2025, 1, 1))
    auth.login_as(coordinator)
    html = client.post(
        f"/conventions/{convention.id}/amendment", data={"signed_on": "2025-02-01", "text": text}
    ).get_data(as_text=True)
    assert message in html.split('id="text-error"')[1][:200]
    assert "<script>alert" not in html
    assert db.session.scalar(select(func.count(Amendment.id))) == 0


def test_amendment_before_signature_is_a_field_error(
    client, auth, coordinator, create_partner, add_convention, db
):
    convention = add_convention(create_partner(), date(2025, 1, 1))
    auth.login_as(coordinator)
    html = client.post(
        f"/conventions/{convention.id}/amendment",
        data={"signed_on": "2024-12-31", "text": "Trop tôt"},
    ).get_data(as_text=True)
    assert (
        "Un avenant ne peut précéder la signature de la convention."
        in html.split('id="signed_on-error"')[1][:200]
    )


def test_reversed_termination_dates_are_refused(
    client, auth, coordinator, create_partner, add_convention, db
):
    convention = add_convention(create_partner(), date(2025, 1, 1))
    auth.login_as(coordinator)
    html = client.post(
        f"/conventions/{convention.id}/terminate",
        data={
            "kind": "amicable",
            "notice_on": "2025-06-01",
            "terminated_on": "2025-05-01",
            "reason": "Fusion",
        },
    ).get_data(as_text=True)
    assert "La résiliation ne peut prendre effet avant le 01/08/2025." in html
    db.session.refresh(convention)
    assert convention.terminated_on is None


@pytest.mark.parametrize(
    "rate, message",
    [
        ("-0.15", "Montant entre 0 et 100 €."),
        ("abc", "Not a valid decimal value."),
        ("1e9", "Montant entre 0 et 100 €."),
    ],
)
def test_negative_or_absurd_rate_is_refused(client, auth, coordinator, db, rate, message):
    auth.login_as(coordinator)
    response = client.post("/conventions/rates", data={"rate-year": "2026", "rate-rate": rate})
    assert response.status_code == 400
    assert 'id="rate-rate-error" role="alert">' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ContributionRate.id))) == 0


def test_set_rate_and_generate(client, auth, coordinator, create_partner, add_convention, db):
    partner = create_partner(population=14322)
    add_convention(partner, date(2025, 6, 1))
    auth.login_as(coordinator)
    assert (
        client.post(
            "/conventions/rates", data={"rate-year": "2026", "rate-rate": "0.15"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/conventions/contributions/generate", data={"generate-year": "2026"}
        ).status_code
        == 302
    )
    amount = db.session.scalar(select(Contribution.amount).where(Contribution.year == 2026))
    assert amount == Decimal("2148.30")
    html = client.get("/conventions/contributions?year=2026").get_data(as_text=True)
    assert "2\u202f148,30\u00a0€" in html
    assert "1 contribution en 2026" in html


def test_payment_form_keeps_dates_in_order(
    client, auth, coordinator, create_partner, add_contribution, db
):
    contribution = add_contribution(create_partner(), 2026)
    auth.login_as(coordinator)
    html = client.post(
        f"/conventions/contributions/{contribution.id}",
        data={"invoiced_on": "2026-04-10", "paid_on": "2026-04-01"},
    ).get_data(as_text=True)
    assert "Le paiement ne peut précéder le titre de recettes." in html
    db.session.refresh(contribution)
    assert contribution.invoiced_on is None
    assert (
        client.post(
            f"/conventions/contributions/{contribution.id}",
            data={"invoiced_on": "2026-04-01", "paid_on": "2026-04-10"},
        ).status_code
        == 302
    )
    db.session.refresh(contribution)
    assert contribution.paid_on == date(2026, 4, 10)


def test_overview_is_paginated_by_hundred(client, auth, coordinator, create_partner, db):
    from sesame_group.network.models import Partner

    db.session.add_all(
        [
            Partner(
                name=f"Commune {n:03d}",
                kind="commune",
                insee_code="16001",
                population=100,
                population_year=2021,
            )
            for n in range(101)
        ]
    )
    db.session.commit()
    auth.login_as(coordinator)
    first = client.get("/conventions/").get_data(as_text=True)
    assert "101 partenaires" in first
    assert "Commune 099" in first and "Commune 100" not in first
    assert "Page 1 sur 2" in first
    second = client.get("/conventions/?page=2").get_data(as_text=True)
    assert "Commune 100" in second and "Commune 099" not in second
    assert client.get("/conventions/?page=3").status_code == 404
