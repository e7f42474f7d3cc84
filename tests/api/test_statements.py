from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.schema import assert_answer
from tests.factories import SignatureFactory, StatementFactory, VersionFactory
from undersigned.core.models import Coalition
from undersigned.statements.models import State
from undersigned.statements.services import add_version


def make_published(number: int, *, days_ago: int = 0, signatures: int = 1):
    statement = StatementFactory(
        number=number, published_at=timezone.now() - timedelta(days=days_ago)
    )
    version = VersionFactory(statement=statement, title=f"Statement {number}")
    for _ in range(signatures):
        SignatureFactory(version=version)
    return statement


def test_statements_lists_published_statements_newest_first(client, db):
    make_published(1, days_ago=3)
    make_published(2, days_ago=1, signatures=2)
    make_published(3, days_ago=2)

    body = assert_answer(client.get("/api/v1/statements/"), "statements")

    assert [s["document_id"] for s in body["results"]] == ["DOC00002", "DOC00003", "DOC00001"]
    assert [s["signatory_count"] for s in body["results"]] == [2, 1, 1]
    assert body["results"][0]["title"] == "Statement 2"
    assert body["results"][0]["links"]["self"] == "http://testserver/api/v1/statements/DOC00002/"


def test_statements_never_show_drafts_or_statements_in_consultation(client, db):
    make_published(1)
    for number, state in ((2, State.DRAFT), (3, State.CONSULTATION), (4, State.OPEN)):
        VersionFactory(statement=StatementFactory(number=number, state=state))
    VersionFactory(statement=StatementFactory(number=None, state=State.DRAFT))
    closed = make_published(5)
    closed.state = State.CLOSED
    closed.save()

    body = assert_answer(client.get("/api/v1/statements/"), "statements")

    assert sorted(s["document_id"] for s in body["results"]) == ["DOC00001", "DOC00005"]
    for number in (2, 3, 4):
        response = client.get(f"/api/v1/statements/DOC0000{number}/")
        assert_answer(response, "statement", 404)
        assert response.json() == {"error": f"There is no published statement DOC0000{number}."}
        assert client.get(f"/api/v1/statements/DOC0000{number}/signatories/").status_code == 404


def test_statements_are_paginated(client, db):
    for number in range(1, 6):
        make_published(number, days_ago=number)

    first = assert_answer(client.get("/api/v1/statements/?page_size=2"), "statements")
    last = assert_answer(client.get("/api/v1/statements/?page_size=2&page=3"), "statements")
    beyond = assert_answer(client.get("/api/v1/statements/?page_size=2&page=9"), "statements")

    assert (first["count"], first["pages"], first["page"], first["page_size"]) == (5, 3, 1, 2)
    assert [s["document_id"] for s in first["results"]] == ["DOC00001", "DOC00002"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/statements/?page_size=2&page=2"
    assert [s["document_id"] for s in last["results"]] == ["DOC00005"]
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/v1/statements/?page_size=2&page=2"
    assert beyond["results"] == []
    assert beyond["previous"] == "http://testserver/api/v1/statements/?page_size=2&page=3"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=0", "page must be a whole number from 1, not '0'."),
        ("page=-1", "page must be a whole number from 1, not '-1'."),
        ("page=two", "page must be a whole number from 1, not 'two'."),
        ("page_size=101", "page_size is at most 100, not 101."),
        ("page_size=1.5", "page_size must be a whole number from 1, not '1.5'."),
        ("page=", "page must be a whole number from 1, not ''."),
    ],
)
def test_bad_paging_is_refused_with_a_message(client, db, query, message):
    response = client.get(f"/api/v1/statements/?{query}")

    assert_answer(response, "statements", 400)
    assert response.json() == {"error": message}


def test_statement_list_costs_the_same_queries_for_one_or_three(client, db):
    Coalition.load()
    make_published(1, signatures=2)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/statements/")
    make_published(2, signatures=3)
    make_published(3, signatures=1)

    with CaptureQueriesContext(connection) as three:
        response = client.get("/api/v1/statements/")

    assert [s["signatory_count"] for s in response.json()["results"]] == [1, 3, 2]
    assert len(three) == len(one) <= 7


def test_one_statement_has_its_text_versions_and_signatories(client, example):
    body = assert_answer(client.get("/api/v1/statements/ICOR00359/"), "statement")

    assert body["document_id"] == "ICOR00359"
    assert body["version"] == "05.01"
    assert body["title"] == "ICOR Statement on the Events in Belarus"
    assert body["signatory_count"] == 32
    assert [s["position"] for s in body["signatories"]] == list(range(1, 33))
    assert [(v["label"], v["current"]) for v in body["versions"]] == [
        ("05.00", False),
        ("05.01", True),
    ]
    assert [(t["language"], t["source_label"]) for t in body["translations"]] == [("de", "05.01")]
    assert body["signatories_heading"] == (
        "Signatories (as of 21 September 2020, further signatories possible):"
    )
    assert body["body"].endswith(
        "Workers of all countries, unite!\nFor democracy, freedom and socialism!"
    )


def test_a_statement_is_found_by_its_number_however_written(client, example):
    body = assert_answer(client.get("/api/v1/statements/icor359/"), "statement")

    assert body["document_id"] == "ICOR00359"


@pytest.mark.parametrize(
    "document_id", ["ICOR00360", "XYZ00359", "ICOR", "ICOR99999999999999999999999", "359"]
)
def test_unknown_statements_are_404_in_json(client, example, document_id):
    for suffix in ("", "versions/", "translations/", "signatories/"):
        response = client.get(f"/api/v1/statements/{document_id}/{suffix}")

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"error": f"There is no published statement {document_id}."}


def test_versions_lists_the_original_language_versions_with_their_text(client, example):
    body = assert_answer(client.get("/api/v1/statements/ICOR00359/versions/"), "versions")

    assert body["count"] == 2
    assert [v["label"] for v in body["results"]] == ["05.00", "05.01"]
    assert body["results"][1]["body"].startswith("Lukashenko’s bourgeois-reactionary")
    assert body["results"][1]["source_label"] is None


def test_translations_name_the_version_they_translate(client, example):
    add_version(
        example,
        language="fr",
        title="Déclaration de l'ICOR sur les événements en Biélorussie",
        short_title="Résolution ICOR sur la Biélorussie",
        body="Le régime …",
    )

    body = assert_answer(client.get("/api/v1/statements/ICOR00359/translations/"), "translations")
    detail = assert_answer(client.get("/api/v1/statements/ICOR00359/"), "statement")

    translation = body["results"][-1]
    assert (
        translation["language"],
        translation["source_label"],
        translation["source_language"],
    ) == (
        "fr",
        "05.01",
        "en",
    )
    assert translation["body"] == "Le régime …"
    assert [t["language"] for t in body["results"]] == ["de", "fr"]
    assert [t["language"] for t in detail["translations"]] == ["de", "fr"]
    assert [v["language"] for v in detail["versions"]] == ["en", "en"]
