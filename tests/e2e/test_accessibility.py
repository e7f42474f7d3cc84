"""Every page of the crawl, for each role, at a desktop's width and a phone's: axe-core finds
no violation of WCAG 2.0, 2.1 or 2.2 at level A or AA. The demo's statement is published, so
a consultation (its comment and amendment forms, the secretariat's decisions) and a form
returned with errors are checked besides."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from tests.crawl import ROLES, build_site, html_pages
from tests.e2e.axe import axe_source, report, signed_in_context, violations
from undersigned.drafting.services import add_comment, propose_amendment
from undersigned.statements.models import State
from undersigned.statements.services import create_statement, set_statement_state

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(settings, deliver):
    settings.DEMO = True  # the outbox is one of the pages
    settings.EMAIL_BACKEND = "undersigned.core.mail.OutboxBackend"
    return build_site(deliver_to_outbox=deliver)


def check(page, source: str, url: str, found: dict) -> None:
    """Run axe on the page at both widths (the page as it is, or `url` loaded first)."""
    if url:
        page.set_viewport_size(DESKTOP)
        page.goto(url)
    where = url or page.url
    for size in (DESKTOP, PHONE):  # the same page, laid out again at the phone's width
        page.set_viewport_size(size)
        for (rule, target), summary in violations(page, source).items():
            found.setdefault((where, rule, target), (summary, []))[1].append(size["width"])


@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_no_wcag_violation_on_any_page(live_server, browser, site, role, record_property):
    source = axe_source()
    urls = html_pages(site, role)
    if role == "superuser":  # the secretariat's pages are checked as the secretariat's
        theirs = set(html_pages(site, "secretariat"))
        urls = [url for url in urls if url not in theirs]
    context = signed_in_context(browser, live_server, site.people[role], viewport=DESKTOP)
    page = context.new_page()  # one page for the whole crawl: each check is a navigation

    started = time.monotonic()
    found = {}
    for url in urls:
        check(page, source, live_server.url + url, found)
    record_property("pages", len(urls))
    record_property("seconds", round(time.monotonic() - started, 1))
    context.close()

    assert not found, f"{len(found)} violations as {role}:\n{report(found)}"


def consultation(site):
    """A second statement in consultation: a comment and two open amendments by the
    delegate's organization."""
    secretariat, delegate = site.people["secretariat"], site.people["delegate"]
    organization = delegate.delegations.get().organization
    statement = create_statement(
        language="en",
        title="Statement in consultation",
        short_title="Consultation",
        body="The first paragraph.\n\nThe second paragraph.\n\nThe third paragraph.",
        author=secretariat,
    )
    set_statement_state(statement, to=State.CONSULTATION, by=secretariat)
    add_comment(statement, organization=organization, paragraph=1, text="Clearer.", by=delegate)
    for number in (2, 3):
        propose_amendment(
            statement,
            organization=organization,
            first_paragraph=number,
            last_paragraph=number,
            replacement=f"A better paragraph {number}.",
            reason="Shorter.",
            by=delegate,
        )
    return statement


FAULTY = {"delegate": "Send the comment", "secretariat": "Decline #2"}


@pytest.mark.parametrize("role", ["delegate", "secretariat"])
def test_axe_finds_no_wcag_violation_in_a_consultation_nor_on_a_form_with_errors(
    live_server, browser, site, role
):
    source = axe_source()
    statement = consultation(site)
    person = site.people[role]
    client = Client()
    client.force_login(person)
    urls = [
        url
        for url in (
            reverse(name, args=[statement.pk])
            for name in ("drafting:statement", "drafting:edit", "drafting:history")
        )
        if client.get(url).status_code == 200
    ]
    context = signed_in_context(browser, live_server, person, viewport=DESKTOP)
    page = context.new_page()
    found = {}
    for url in urls:
        check(page, source, live_server.url + url, found)

    # A form sent back with its errors: the delegate's comment without a paragraph or a text;
    # the secretariat's refusal of an amendment without its reason.
    page.goto(live_server.url + reverse("drafting:statement", args=[statement.pk]))
    button = page.get_by_role("button", name=FAULTY[role])
    button.evaluate("button => { button.form.noValidate = true; }")  # the server's errors
    with page.expect_navigation():
        button.click()
    assert page.locator(".errorlist, .messages .error").count() > 0
    check(page, source, "", found)
    context.close()

    assert urls
    assert not found, f"{len(found)} violations as {role}:\n{report(found)}"


# Forms sent back with their errors, one per role: (page, its button).
FORMS = {
    "anonymous": [("accounts:sign_in", [], "Sign in")],
    "delegate": [
        ("signatures:sign", ["statement", "organization"], "Withdraw the signature"),
        ("accounts:request", [], "Send the request"),
    ],
    "secretariat": [
        ("drafting:new", [], "Save the draft"),
        ("secretariat:statement", ["statement"], "Send the invitation"),
        ("secretariat:statement", ["statement"], "Record the signature"),
        ("secretariat:organization_new", [], "Add to the register"),
        ("secretariat:organization", ["organization"], "Add the delegate"),
    ],
}


@pytest.mark.parametrize("role", FORMS)
def test_axe_finds_no_wcag_violation_on_forms_sent_back_with_errors(
    live_server, browser, site, role
):
    source = axe_source()
    values = {"statement": site.statement.pk, "organization": site.values["organization_id"][0]}
    context = signed_in_context(browser, live_server, site.people[role], viewport=DESKTOP)
    page = context.new_page()
    found = {}
    for name, parameters, label in FORMS[role]:
        page.goto(live_server.url + reverse(name, args=[values[p] for p in parameters]))
        button = page.get_by_role("button", name=label, exact=True)
        button.evaluate("button => { button.form.noValidate = true; }")  # the server's errors
        with page.expect_navigation():
            button.click()
        assert page.locator(".errorlist, .messages .error").count() > 0, (name, label)
        check(page, source, "", found)
    context.close()

    assert not found, f"{len(found)} violations as {role}:\n{report(found)}"
