"""The conventions every answer follows: validators and 304, CORS, errors in JSON."""

import pytest
from django.utils import timezone
from django.utils.http import http_date

from undersigned.signatures.models import Signature

URLS = [
    "/api/v1/",
    "/api/v1/openapi.json",
    "/api/v1/statements/",
    "/api/v1/statements/ICOR00359/",
    "/api/v1/statements/ICOR00359/versions/",
    "/api/v1/statements/ICOR00359/translations/",
    "/api/v1/statements/ICOR00359/signatories/?country=DE",
    "/api/v1/organizations/",
    "/feeds/statements/",
    "/feeds/statements/ICOR00359/signatories/",
]


@pytest.mark.parametrize("url", URLS)
def test_every_answer_has_validators_and_open_cors(client, example, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", URLS)
def test_the_same_etag_gets_304(client, example, url):
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", URLS)
def test_an_unchanged_resource_since_last_modified_gets_304(client, example, url):
    last_modified = client.get(url)["Last-Modified"]

    response = client.get(url, headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304


def test_a_change_gives_a_new_etag_and_a_full_answer(client, example):
    url = "/api/v1/statements/ICOR00359/signatories/"
    first = client.get(url)
    Signature.objects.filter(organization__abbreviation="MLPD").update(withdrawn_at=timezone.now())

    response = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]


def test_an_older_date_gets_the_full_answer(client, example):
    response = client.get("/api/v1/statements/", headers={"If-Modified-Since": http_date(0)})

    assert response.status_code == 200


def test_errors_carry_validators_and_cors_too(client, example):
    response = client.get("/api/v1/statements/?page=0")

    assert response.status_code == 400
    assert response["ETag"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_paths_below_the_api_are_404_in_json(client, db):
    response = client.get("/api/v1/nothing/here/")

    assert response.status_code == 404
    assert response.json() == {"error": "Nothing at /api/v1/nothing/here/."}


def test_a_path_without_its_final_slash_is_redirected(client, db):
    response = client.get("/api/v1/statements?page=2")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/statements/?page=2"


def test_the_api_is_read_only(client, example):
    response = client.post("/api/v1/statements/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {"error": "This API is read-only: use GET."}


def test_a_browser_may_ask_before_a_conditional_request(client, db):
    response = client.options("/api/v1/statements/")

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_answers_are_utf8_json_with_names_unescaped(client, example):
    response = client.get("/api/v1/organizations/?country=CI")

    assert response["Content-Type"] == "application/json"
    assert "Côte d'Ivoire".encode() in response.content
