"""Individuals and their moderation in Chromium, at a desktop's width and a phone's: a person
signs on the public page (the proof of work runs in the page), confirms by the e-mail's link,
sees the receipt and withdraws; the secretariat opens the trends, holds a signature and
releases it, previews the invalidation of a domain and confirms it. axe-core checks each page
on the way; nothing is wider than the screen."""

import re
from email import policy
from email.parser import BytesParser

import pytest

from tests.e2e.axe import axe_source, report, signed_in_context, violations
from tests.factories import VersionFactory, make_secretariat
from undersigned.core.mail import outbox_dir
from undersigned.core.tasks import run_pending
from undersigned.cosigners.models import IndividualSignature
from undersigned.cosigners.services import confirm_signature, set_opening, sign_as_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.both_databases,  # its concurrency and locking are the database's
    pytest.mark.django_db(transaction=True),
]

# The elements that stick out of the screen while their parent does not: what to fix.
WIDER = """width => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width
               && e.parentElement.getBoundingClientRect().right <= width)
  .map(e => `${e.tagName}.${e.className}`)"""
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def newest_body() -> str:
    newest = sorted(outbox_dir().glob("*.eml"))[-1]
    message = BytesParser(policy=policy.default).parsebytes(newest.read_bytes())
    return message.get_body(preferencelist=("plain",)).get_content()


def states() -> dict[str, str]:
    return dict(IndividualSignature.objects.order_by("pk").values_list("name", "state"))


@pytest.mark.parametrize("width", WIDTHS)
def test_sign_confirm_withdraw_then_moderate_and_invalidate_a_domain(
    live_server, browser, settings, width
):
    settings.EMAIL_BACKEND = "undersigned.core.mail.OutboxBackend"
    settings.COSIGNERS_PROOF_OF_WORK = 2000  # solved for real by the page's script
    settings.SITE_URL = live_server.url
    viewport = WIDTHS[width]
    source = axe_source()
    found: dict = {}

    def check(page) -> None:
        """axe on the page as it is; and the page fits the screen."""
        for (rule, target), summary in violations(page, source).items():
            found.setdefault((page.url, rule, target), (summary, [viewport["width"]]))
        wider = page.evaluate(WIDER, viewport["width"])
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], wider

    version = VersionFactory(statement__number=21, statement__further_signatories_possible=True)
    statement = version.statement
    secretariat = make_secretariat()
    set_opening(statement, language="en", listing="listed", by=secretariat)
    public_url = f"{live_server.url}/statements/{statement.document_id}/en/"

    # A person signs on the public page, confirms by the e-mailed link, withdraws.
    reader = signed_in_context(browser, live_server, None, viewport=viewport).new_page()
    reader.goto(public_url)
    check(reader)
    reader.get_by_role("textbox", name="Your name").fill("Zoë Ziegler")
    reader.get_by_role("textbox", name="Your e-mail address").fill("zoe@example.org")
    reader.locator("form.sign-as-person button[type=submit]").click()
    reader.wait_for_url("**/sign/sent/")
    check(reader)
    run_pending()
    link = re.search(r"(http://\S+/people/confirm/\S+/)", newest_body()).group(1)
    reader.goto(link)
    check(reader)
    reader.get_by_role("button", name=re.compile("Confirm")).click()
    reader.wait_for_url("**/people/receipt/**")
    assert version.content_hash in reader.locator("dl.receipt").inner_text()
    check(reader)
    reader.get_by_role("button", name=re.compile("Withdraw")).click()
    assert reader.locator(".receipt-state").inner_text() == "withdrawn"
    assert states() == {"Zoë Ziegler": "withdrawn"}

    # Meanwhile a flood from one domain, and one person from elsewhere.
    for i in range(3):
        sign_as_person(
            statement,
            language="en",
            version_hash=version.content_hash,
            name=f"Bot {i}",
            email=f"bot{i}@spam.example",
            client_address="203.0.113.7",
        )
    uni = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Uma", email="u@uni.org"
    )
    confirm_signature(uni.signature)

    # The secretariat opens the trends from the statement's page.
    staff = signed_in_context(browser, live_server, secretariat, viewport=viewport).new_page()
    staff.goto(f"{live_server.url}/secretariat/statements/{statement.pk}/")
    staff.get_by_role("link", name="Moderation: trends, holding, invalidating").click()
    domains = staff.locator("table", has=staff.get_by_role("columnheader", name="E-mail domain"))
    assert domains.get_by_role("row", name=re.compile("spam.example")).inner_text().split()[:2] == [
        "spam.example",
        "3",
    ]
    check(staff)

    # Holds Uma's signature, found by her domain: no longer counted on the public page.
    staff.get_by_role("link", name="Signatures: hold and release").click()
    staff.get_by_label("E-mail domain").fill("uni.org")
    staff.get_by_role("button", name="Search").click()
    staff.get_by_label("Choose Uma").check()
    staff.get_by_label("Reason").fill("checking")
    staff.get_by_role("button", name="Hold the chosen").click()
    assert "1 signature held." in staff.locator(".messages").inner_text()
    assert states()["Uma"] == "held"
    check(staff)
    reader.goto(public_url)
    assert "Uma" not in reader.locator("section.individuals").inner_text()

    # Releases it.
    staff.get_by_label("Choose Uma").check()
    staff.get_by_role("button", name="Release the chosen").click()
    assert "1 signature released." in staff.locator(".messages").inner_text()
    reader.goto(public_url)
    assert "Uma" in reader.locator("section.individuals").inner_text()

    # Previews the invalidation of the flooding domain from the trends, then confirms it.
    staff.get_by_role("link", name="Trends").click()
    staff.get_by_role("link", name="Preview invalidating (spam.example)").click()
    assert staff.locator(".preview-count").inner_text() == (
        "3 signatures would be invalidated: 0 confirmed, 3 pending, 0 held."
    )
    check(staff)
    staff.get_by_label("Reason").fill("one flood")
    staff.get_by_role("button", name="Invalidate 3 signatures").click()
    assert "3 signatures invalidated." in staff.locator(".messages").inner_text()
    assert states() == {
        "Zoë Ziegler": "withdrawn",
        "Bot 0": "invalidated",
        "Bot 1": "invalidated",
        "Bot 2": "invalidated",
        "Uma": "confirmed",
    }
    check(staff)
    assert not found, report(found)
