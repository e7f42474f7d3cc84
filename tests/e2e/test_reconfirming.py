"""A delegate asked to sign a changed text again, in Chromium at a phone's width: the signing
page shows what changed, marked, with the screen readers' words hidden from sight."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_signing_journey import signed_in_context
from tests.factories import make_delegate, make_secretariat
from undersigned.demo.example import load_example
from undersigned.drafting.services import save_draft
from undersigned.organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_changes_since_the_signed_version_are_marked_and_fit_a_phone(browser, live_server):
    (statement,) = load_example()
    mlpd = Organization.objects.get(abbreviation="MLPD")
    delegate = make_delegate(mlpd)
    signed = statement.current_version()
    first, *rest = signed.body.split("\n\n")
    save_draft(
        statement,
        base_hash=signed.content_hash,
        title=signed.title,
        short_title=signed.short_title,
        body="\n\n".join([first + " The strikes go on.", *rest]),
        major=True,
        note="The strikes named.",
        by=make_secretariat(),
    )
    context = signed_in_context(browser, delegate, live_server)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})

    page.goto(f"{live_server.url}/account/statements/{statement.pk}/sign/{mlpd.pk}/")

    inserted = page.locator("ol.diff ins")
    expect(inserted).to_have_count(1)
    expect(inserted).to_contain_text("The strikes go on.")
    # "inserted:" is read out, not shown: the reader sees the new words alone.
    assert page.locator("ol.diff ins .visually-hidden").bounding_box()["width"] <= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.get_by_role("button", name="Sign on behalf of MLPD")).to_be_visible()
    context.close()
