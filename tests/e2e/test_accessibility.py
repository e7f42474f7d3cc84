"""Every page of the crawl, for each role, at a desktop's width and a phone's: axe-core finds
no violation of WCAG 2.0, 2.1 or 2.2 at level A or AA."""

import time

import pytest

from tests.crawl import ROLES, build_site, html_pages
from tests.e2e.axe import axe_source, report, signed_in_context, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(settings, deliver):
    settings.DEMO = True  # the outbox is one of the pages
    settings.EMAIL_BACKEND = "undersigned.core.mail.OutboxBackend"
    return build_site(deliver_to_outbox=deliver)


@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_no_wcag_violation_on_any_page(live_server, browser, site, role, record_property):
    source = axe_source()
    urls = html_pages(site, role)
    context = signed_in_context(browser, live_server, site.people[role], viewport=DESKTOP)
    page = context.new_page()  # one page for the whole crawl: each check is a navigation

    started = time.monotonic()
    found = {}
    for url in urls:
        page.set_viewport_size(DESKTOP)
        page.goto(live_server.url + url)
        for size in (DESKTOP, PHONE):  # the same page, laid out again at the phone's width
            page.set_viewport_size(size)
            for (rule, target), summary in violations(page, source).items():
                found.setdefault((url, rule, target), (summary, []))[1].append(size["width"])
    record_property("pages", len(urls))
    record_property("seconds", round(time.monotonic() - started, 1))
    context.close()

    assert not found, f"{len(found)} violations as {role}:\n{report(found)}"
