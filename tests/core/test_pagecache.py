import pytest
from django.db import transaction

from tests.factories import OrganizationFactory, make_secretariat
from undersigned.signatures.services import record_signature

pytestmark = pytest.mark.django_db


def test_anonymous_readers_get_the_cached_page_until_something_changes(
    client, example, django_assert_max_num_queries
):
    first = client.get("/statements/ICOR00359/")
    with django_assert_max_num_queries(1):  # the content generation, nothing else
        second = client.get("/statements/ICOR00359/")
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["ETag"] == first["ETag"]

    with transaction.atomic():
        record_signature(example, organization=OrganizationFactory(abbreviation="NEW"))
    third = client.get("/statements/ICOR00359/")
    assert "NEW" in third.content.decode()


def test_an_etag_match_is_answered_with_304_from_the_cache(client, example):
    etag = client.get("/statements/ICOR00359/")["ETag"]
    client.get("/statements/ICOR00359/")
    assert client.get("/statements/ICOR00359/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_signed_in_people_are_never_served_the_anonymous_copy(client, example):
    client.get("/statements/ICOR00359/")
    client.force_login(make_secretariat())
    page = client.get("/statements/ICOR00359/").content.decode()
    assert "Sign out" in page


def test_each_language_has_its_own_copy(client, example):
    english = client.get("/statements/ICOR00359/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    german = client.get("/statements/ICOR00359/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "ICOR Statement on the Events in Belarus</h1>" in english
    assert "ICOR-Erklärung" in german
