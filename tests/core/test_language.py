import pytest

pytestmark = pytest.mark.django_db


def test_the_interface_language_is_chosen_by_a_link_and_kept_in_a_cookie(client, example):
    response = client.get("/language/de/", {"next": "/statements/"})
    assert response.status_code == 302
    assert response["Location"] == "/statements/"
    assert response.cookies["django_language"].value == "de"
    page = client.get("/statements/").content.decode()
    assert '<html lang="de">' in page


def test_an_unknown_language_or_a_foreign_next_url_is_refused(client):
    assert client.get("/language/xx/").status_code == 404
    response = client.get("/language/fr/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_public_pages_carry_no_csrf_token_for_anonymous_readers(client, example):
    for url in ["/", "/statements/", "/statements/ICOR00359/"]:
        response = client.get(url)
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
        assert "csrftoken" not in response.cookies, url
