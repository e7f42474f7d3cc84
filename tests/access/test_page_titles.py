"""Every page of people names itself in its title, not only the coalition: a browser's tab, a
screen reader and the history tell them apart (WCAG 2.4.2)."""

import pytest
from django.test import Client

from tests.factories import OrganizationFactory, make_delegate, make_secretariat

pytestmark = pytest.mark.django_db


def title(client: Client, path: str) -> str:
    page = client.get(path).content.decode()
    return page.split("<title>", 1)[1].split("</title>", 1)[0]


def test_pages_of_links_and_requests_say_what_they_are_in_their_title():
    reader, delegate, secretariat = Client(), Client(), Client()
    delegate.force_login(make_delegate(OrganizationFactory()))
    secretariat.force_login(make_secretariat())

    assert title(reader, "/account/link/no-such-link/").startswith("This link cannot be used — ")
    assert title(reader, "/account/invitation/no-such-one/").startswith(
        "This invitation cannot be used — "
    )
    assert title(delegate, "/account/request/").startswith("Ask to represent an organization — ")
    assert title(secretariat, "/secretariat/requests/").startswith("Delegate requests — ")


def test_with_no_request_waiting_the_secretariat_is_led_back_to_its_workspace():
    secretariat = Client()
    secretariat.force_login(make_secretariat())

    page = secretariat.get("/secretariat/requests/").content.decode()

    assert 'href="/drafting/">Secretariat workspace</a>' in page.split('id="main"', 1)[1]
