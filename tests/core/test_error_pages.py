import pytest

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_page_of_the_site(client, example):
    response = client.get("/statements/NOPE/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This page does not exist" in html
    assert "/statements/" in html
    assert "URLconf" not in html  # never Django's technical page


def test_the_demo_links_its_emails_to_the_address_it_serves_on():
    from undersigned.cli import demo_addr

    assert demo_addr(["--addr", "127.0.0.1:8017", "--no-serve"]) == "127.0.0.1:8017"
    assert demo_addr(["--addr=0.0.0.0:9000"]) == "0.0.0.0:9000"
    assert demo_addr([]) == "127.0.0.1:8000"


def test_a_request_not_understood_is_a_page_of_the_site_with_a_way_on(client, example):
    response = client.get("/statements/", HTTP_HOST="not-ours.example")

    assert response.status_code == 400
    html = response.content.decode()
    assert "This request could not be understood" in html
    assert 'href="/statements/"' in html
    assert "<h1>Bad Request (400)</h1>" not in html  # never Django's bare page


def test_a_request_not_understood_speaks_the_readers_language(client, example):
    response = client.get("/statements/", HTTP_HOST="not-ours.example", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 400
    assert "Cette requête n’a pas pu être comprise" in response.content.decode()
