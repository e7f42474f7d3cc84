import pytest

from tests.api.schema import assert_answer
from tests.factories import OrganizationFactory, SignatureFactory, StatementFactory, VersionFactory
from undersigned.statements.models import State


def abbreviations(client, query: str = "") -> list[str]:
    body = assert_answer(client.get(f"/api/v1/organizations/?{query}"), "organizations")
    return [organization["abbreviation"] for organization in body["results"]]


def test_organizations_are_those_that_signed_a_published_statement(client, example):
    OrganizationFactory(abbreviation="NEVER")  # signed nothing
    draft = VersionFactory(statement=StatementFactory(number=900, state=State.DRAFT))
    SignatureFactory(version=draft, organization=OrganizationFactory(abbreviation="DRAFTONLY"))

    body = assert_answer(client.get("/api/v1/organizations/?page_size=100"), "organizations")

    names = [organization["abbreviation"] for organization in body["results"]]
    assert body["count"] == 32
    assert names == sorted(names)
    assert "NEVER" not in names
    assert "DRAFTONLY" not in names


def test_an_organization_carries_its_names_country_and_continent(client, example):
    body = assert_answer(client.get("/api/v1/organizations/?country=TR"), "organizations")

    mlkp = next(o for o in body["results"] if o["abbreviation"] == "MLKP")
    assert mlkp["country"] == "TR"
    assert mlkp["continent"] == "europe"  # the coalition's override of UN M49
    assert mlkp["translations"]["en"]


def test_organizations_filter_by_country_and_continent(client, example):
    assert abbreviations(client, "country=DE") == ["MLPD"]
    assert abbreviations(client, "continent=oceania") == ["CPA/ML"]
    assert "MLKP" in abbreviations(client, "continent=europe&page_size=100")


def test_organizations_are_paginated(client, example):
    first = assert_answer(client.get("/api/v1/organizations/?page_size=10"), "organizations")
    fourth = assert_answer(
        client.get("/api/v1/organizations/?page_size=10&page=4"), "organizations"
    )

    assert (first["count"], first["pages"], len(first["results"])) == (32, 4, 10)
    assert len(fourth["results"]) == 2
    assert fourth["next"] is None


@pytest.mark.parametrize("query", ["country=Germany", "continent=Europe", "page_size=0"])
def test_bad_organization_filters_are_400(client, db, query):
    response = client.get(f"/api/v1/organizations/?{query}")

    assert_answer(response, "organizations", 400)
    assert set(response.json()) == {"error"}


def test_organization_list_costs_the_same_queries_for_one_or_three(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from undersigned.core.models import Coalition

    Coalition.load()
    version = VersionFactory(statement=StatementFactory(number=1))
    SignatureFactory(version=version)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/organizations/")
    SignatureFactory.create_batch(2, version=version)

    with CaptureQueriesContext(connection) as three:
        response = client.get("/api/v1/organizations/")

    assert response.json()["count"] == 3
    assert len(three) == len(one) <= 7
