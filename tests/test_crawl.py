"""Every page of the site, for every role: no server error, no missing template, and every
HTML page under the site's one header, which names the person signed in."""

import re
from collections import Counter

import pytest
from django.test import Client

from tests.crawl import ROLES, SAME_FOR_EVERYONE, build_site, every_url, patterns, shown_name

HEADER = re.compile(r'<header class="site".*?</header>', re.S)


@pytest.fixture
def site(db, settings, deliver):
    settings.DEMO = True  # the outbox is one of the pages
    settings.EMAIL_BACKEND = "undersigned.core.mail.OutboxBackend"
    return build_site(deliver_to_outbox=deliver)


def crawl(site, role: str) -> list[tuple[str, str, int, str]]:
    """(pattern, URL, status, what is wrong) for every page the role asks for."""
    client = Client()
    person = site.people[role]
    if person is not None:
        client.force_login(person)
    seen = []
    for name, url in every_url(site):
        try:
            response = client.get(url)
        except Exception as error:  # the client re-raises what the view raised
            seen.append((name, url, 500, f"{type(error).__name__}: {error}"))
            continue
        seen.append((name, url, response.status_code, problem(response, url, person)))
    return seen


def problem(response, url: str, person) -> str:
    if response.status_code >= 500:
        return "server error"
    html = response.get("Content-Type", "").startswith("text/html")
    if not html or response.streaming or not response.content or 300 <= response.status_code < 400:
        return ""
    if url.startswith("/admin/"):
        return ""  # the admin is Django's own interface, with its own header
    header = HEADER.search(response.content.decode())
    if header is None:
        return "no site header"
    signed_in = person is not None and url not in SAME_FOR_EVERYONE
    if signed_in and shown_name(person) not in header.group(0):
        return "the header does not say who is signed in"
    return ""


# Pages that answer 404 or 403 by design: the API's "not found", /metrics without the metrics
# token configured, the signing page of an organization the secretariat does not represent, and
# a notice told to someone else (a notice is its reader's own).
BY_DESIGN = {
    "api:not_found": 1,
    "operations:metrics": 1,
    "signatures:sign": 1,
    "accounts:notice": 1,
}
EXPECTED_REFUSALS = {
    "secretariat": BY_DESIGN,
    "superuser": {
        **BY_DESIGN,
        "importing:review": 1,  # an upload is reviewed by the person who staged it
    },
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_without_error_and_under_the_site_header(site, role):
    seen = crawl(site, role)

    assert [f"{url} {status}: {what}" for _name, url, status, what in seen if what] == []
    assert {name for name, _url, _status, _what in seen} == {
        name or route for name, route in patterns()
    }


def test_the_secretariat_and_the_superuser_reach_every_page_of_the_site(site):
    """Pages that answer 404 or 403 to the people who run the site are broken links, except
    the few that exist to say "not found" or that take no GET."""
    for role in ("secretariat", "superuser"):
        refused = Counter(
            name
            for name, url, status, _what in crawl(site, role)
            if status in (403, 404) and not url.startswith("/admin/")
        )

        assert dict(refused) == EXPECTED_REFUSALS[role], role


def test_the_api_page_has_the_site_header_as_a_reader_signed_out_sees_it(site, client):
    client.force_login(site.people["secretariat"])

    header = HEADER.search(client.get("/api/v1/").content.decode()).group(0)

    assert 'href="/account/sign-in/?next=/api/v1/"' in header
    assert "Sam Secretariat" not in header
