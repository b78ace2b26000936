"""Results: exact numbers, charts with text, visibility, CSV, participation, constant queries."""

from datetime import timedelta

import pytest

from sesame_group.resources import results as queries
from tests.resources.conftest import page


@pytest.fixture
def scenario(librarian, other_librarian, create_resource, create_campaign, add_evaluation, today):
    """Weights 1, 2, 1, 1. Chalais and the other library rate A; nobody rates B.
    Last year's campaign rated A 3 everywhere."""
    a, b = create_resource(name="A ressource"), create_resource(name="B ressource")
    previous = create_campaign(
        resources=[a],
        title="Campagne précédente",
        closed=True,
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=350),
    )
    add_evaluation(previous, a, librarian.library, scores=(3, 3, 3, 3))
    campaign = create_campaign(resources=[a, b], title="Campagne de l’année")
    add_evaluation(
        campaign,
        a,
        librarian.library,
        scores=(4, 5, 3, 2),
        usage="regular",
        recommendation="keep",
        comment="Très bien",
        by=librarian,
    )
    add_evaluation(
        campaign,
        a,
        other_librarian.library,
        scores=(2, 3, 3, 4),
        usage="never",
        recommendation="watch",
        comment="=1+1",
        by=other_librarian,
    )
    return campaign, previous, a, b


def test_results_exact_numbers(scenario, librarian, other_librarian):
    campaign, previous, a, b = scenario
    assert queries.previous_campaign(campaign).id == previous.id
    first, second = queries.results(campaign, previous)
    c = [criterion.id for criterion in campaign.criteria]
    assert (first.resource.id, first.count) == (a.id, 2)
    assert first.means == {c[0]: 3.0, c[1]: 4.0, c[2]: 3.0, c[3]: 3.0}
    assert first.weighted == pytest.approx(3.4)
    assert first.distribution == {1: 0, 2: 2, 3: 3, 4: 2, 5: 1}
    assert first.recommendations == {"keep": 1, "watch": 1, "drop": 0}
    assert first.usages == {"never": 1, "occasional": 0, "regular": 1}
    assert sorted((x.library, x.text) for x in first.comments) == sorted(
        [("Médiathèque de Chalais", "Très bien"), (other_librarian.library.name, "=1+1")]
    )
    assert (first.previous, first.trend) == (pytest.approx(3.0), "up")
    assert (second.resource.id, second.count, second.weighted, second.trend) == (
        b.id,
        0,
        None,
        None,
    )
    assert second.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}


def test_participation_by_partner(scenario, librarian, other_librarian, create_library):
    campaign, _previous, _a, _b = scenario
    create_library(partner=librarian.library.partner, name="Annexe de Chalais")
    rows = {row.id: row for row in queries.participation(campaign)}
    chalais = rows[librarian.library.partner_id]
    assert [(lib.name, lib.done) for lib in chalais.libraries] == [
        ("Annexe de Chalais", 0),
        ("Médiathèque de Chalais", 1),
    ]
    assert (chalais.evaluations, chalais.expected, chalais.complete, chalais.percent) == (
        1,
        4,
        0,
        25,
    )
    other = rows[other_librarian.library.partner_id]
    assert (other.evaluations, other.expected, other.complete, other.percent) == (1, 2, 0, 50)


def test_coordinator_sees_live_results_page(client, auth, coordinator, scenario):
    campaign, _previous, a, _b = scenario
    auth.login_as(coordinator)
    text = page(client.get(f"/resources/campaigns/{campaign.id}/results"))
    assert "résultats provisoires, visibles par la coordination seulement" in text
    assert "Comparaison avec la campagne précédente : Campagne précédente." in text
    assert (
        '<meter min="1" max="5" low="2.5" high="3.5" optimum="5" value="3.40">3,40 / 5</meter> 3,40'
        in text
    )
    assert "en hausse</span> (3,00 → 3,40)" in text
    assert "Conserver : 1 · À surveiller : 1 · Abandonner : 0" in text
    assert "aucune évaluation" in text
    # distribution bars: widths in steps of ten, numbers in the table
    assert text.count('class="bar w-100"') == 1 and text.count('class="bar w-70"') == 2
    assert text.count('class="bar w-30"') == 1
    assert "Usage : Régulièrement — 1" in text
    assert "<strong>Médiathèque de Chalais</strong> : Très bien" in text
    assert "style=" not in text and "<script>" not in text.split("</head>")[1]


def test_members_see_results_only_after_closing(client, auth, coordinator, librarian, scenario):
    campaign, *_ = scenario
    auth.login_as(librarian)
    url = f"/resources/campaigns/{campaign.id}/results"
    assert client.get(url).status_code == 403
    assert client.get(url + ".csv").status_code == 403
    assert "après la clôture" in page(client.get("/resources/campaigns"))
    auth.logout()
    auth.login_as(coordinator)
    client.post(f"/resources/campaigns/{campaign.id}/close")
    auth.logout()
    auth.login_as(librarian)
    text = page(client.get(url))
    assert "3,40 / 5" in text and "résultats provisoires" not in text
    assert "Télécharger les évaluations brutes" not in text


def test_results_csv(client, auth, coordinator, scenario):
    campaign, *_ = scenario
    auth.login_as(coordinator)
    response = client.get(f"/resources/campaigns/{campaign.id}/results.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="resultats-campagne-{campaign.id}.csv"'
    )
    lines = response.data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "Ressource;Catégorie;Évaluations;Moyenne : Facilité d’utilisation pour les lecteurs;"
        "Moyenne : Qualité des contenus;Moyenne : Adéquation avec nos publics;"
        "Moyenne : Facilité de médiation;Score pondéré;Campagne précédente;Notes à 1;Notes à 2;"
        "Notes à 3;Notes à 4;Notes à 5;Conserver;À surveiller;Abandonner"
    )
    assert lines[1:] == [
        "A ressource;Presse;2;3,00;4,00;3,00;3,00;3,40;3,00;0;2;3;2;1;1;1;0",
        "B ressource;Presse;0;;;;;;;0;0;0;0;0;0;0;0",
        "",
    ]


def test_raw_evaluations_csv(client, auth, coordinator, scenario, librarian, other_librarian):
    campaign, *_ = scenario
    auth.login_as(coordinator)
    response = client.get(f"/resources/campaigns/{campaign.id}/evaluations.csv")
    lines = response.data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Partenaire;Bibliothèque;Ressource;Facilité d’utilisation")
    rows = sorted(line.split(";")[1:11] for line in lines[1:-1])
    assert rows == sorted(
        [
            [
                "Médiathèque de Chalais",
                "A ressource",
                "4",
                "5",
                "3",
                "2",
                "3,80",
                "Régulièrement",
                "Conserver",
                "Très bien",
            ],
            [
                other_librarian.library.name,
                "A ressource",
                "2",
                "3",
                "3",
                "4",
                "3,00",
                "Jamais",
                "À surveiller",
                "'=1+1",
            ],  # a formula is neutralised for spreadsheets
        ]
    )
    assert lines[1].endswith(";" + ("Lucie Biblio" if "Chalais" in lines[1] else "Paul Autre"))


def _grow(size, create_library, create_resource, create_campaign, add_evaluation):
    libraries = [create_library() for _ in range(size)]
    resources = [create_resource() for _ in range(size)]
    campaign = create_campaign(resources=resources)
    for library in libraries:
        for resource in resources:
            add_evaluation(campaign, resource, library, comment="Avis")
    return campaign, libraries


@pytest.mark.parametrize(
    "path", ["/results", "/results.csv", "/evaluations.csv", "", "/libraries/{library}"]
)
def test_campaign_pages_query_count_is_constant(
    client,
    auth,
    coordinator,
    create_library,
    create_resource,
    create_campaign,
    add_evaluation,
    count_queries,
    path,
):
    auth.login_as(coordinator)
    counts = []
    for size in (1, 3):
        campaign, libraries = _grow(
            size, create_library, create_resource, create_campaign, add_evaluation
        )
        url = f"/resources/campaigns/{campaign.id}" + path.format(library=libraries[-1].id)
        with count_queries() as statements:
            assert client.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_campaign_list_query_count_is_constant(
    client,
    auth,
    librarian,
    create_library,
    create_resource,
    create_campaign,
    add_evaluation,
    count_queries,
):
    auth.login_as(librarian)
    counts = []
    for size in (1, 3):
        campaign, _libs = _grow(
            size, create_library, create_resource, create_campaign, add_evaluation
        )
        add_evaluation(campaign, campaign.resources[0], librarian.library)
        with count_queries() as statements:
            assert client.get("/resources/campaigns").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]
