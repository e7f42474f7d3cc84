import pytest
from django.utils import timezone

from tests.api.schema import assert_answer
from undersigned.signatures.models import Signature
from undersigned.signatures.selectors import signatory_entries

URL = "/api/v1/statements/ICOR00359/signatories/"


def selected(client, query: str = "") -> list[tuple[int, str]]:
    body = assert_answer(client.get(f"{URL}?{query}"), "signatories")
    return [(entry["position"], entry["abbreviation"]) for entry in body["results"]]


def test_signatories_are_the_printed_list_with_its_positions(client, example):
    body = assert_answer(client.get(URL), "signatories")

    expected = [(e.position, e.abbreviation, e.country) for e in signatory_entries(example)]
    assert [(s["position"], s["abbreviation"], s["country"]) for s in body["results"]] == expected
    assert (body["total"], body["count"], body["as_of"], body["version"]) == (
        32,
        32,
        "2020-09-21",
        "05.01",
    )
    assert body["results"][0] == {
        "position": 1,
        "abbreviation": "PCPCI",
        "name": "Parti Communiste Proletarien de Côte d'Ivoire",
        "name_language": "fr",
        "translation": "Proletarian Communist Party of Ivory Coast",
        "country": "CI",
        "country_shown": None,
        "continent": "africa",
        "signed_at": "2020-09-11T18:39:00+00:00",
        "organization_id": body["results"][0]["organization_id"],
    }


def test_country_filter_keeps_the_position(client, example):
    assert selected(client, "country=DE") == [(16, "MLPD")]


def test_continent_filter_follows_the_coalitions_overrides(client, example):
    assert selected(client, "continent=oceania") == [(13, "CPA/ML")]
    # The coalition counts Türkiye in Europe, UN M49 in Asia.
    assert "MLKP" in dict(map(reversed, selected(client, "continent=europe")))
    assert "MLKP" not in dict(map(reversed, selected(client, "continent=asia")))


def test_since_keeps_those_signed_on_or_after_the_date(client, example):
    assert selected(client, "since=2020-09-21") == [(32, "PS-GdT")]
    assert len(selected(client, "since=2020-09-20")) == 4
    assert selected(client, "since=2030-01-01") == []


def test_filters_combine(client, example):
    everyone = dict(selected(client))
    chosen = selected(client, "continent=europe&since=2020-09-20")

    assert sorted(abbreviation for _, abbreviation in chosen) == ["KSRD", "PR-ByH", "UPML"]
    assert all(everyone[position] == abbreviation for position, abbreviation in chosen)
    assert selected(client, "country=DE&continent=asia") == []


def test_a_withdrawn_signature_leaves_the_list(client, example):
    Signature.objects.filter(organization__abbreviation="MLPD").update(withdrawn_at=timezone.now())

    assert selected(client, "country=DE") == []
    assert len(selected(client)) == 31


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=de", "country is an ISO 3166-1 alpha-2 code in upper case such as DE, not 'de'."),
        ("country=XX", "country is an ISO 3166-1 alpha-2 code in upper case such as DE, not 'XX'."),
        (
            "country=DEU",
            "country is an ISO 3166-1 alpha-2 code in upper case such as DE, not 'DEU'.",
        ),
        (
            "continent=antarctica",
            "continent is one of africa, asia, oceania, europe, americas, not 'antarctica'.",
        ),
        ("since=21.09.2020", "since is a date written YYYY-MM-DD, not '21.09.2020'."),
        ("since=2020-02-30", "since is a date written YYYY-MM-DD, not '2020-02-30'."),
        ("since=20200921", "since is a date written YYYY-MM-DD, not '20200921'."),
    ],
)
def test_bad_filters_are_refused_with_a_message(client, example, query, message):
    response = client.get(f"{URL}?{query}")

    assert_answer(response, "signatories", 400)
    assert response.json() == {"error": message}
