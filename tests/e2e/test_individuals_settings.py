"""The individuals' settings sit at the foot of the secretariat's long statement page: saving
them brings the person back to that section with its message in sight, on a phone too."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_signing_journey import signed_in_context
from tests.factories import VersionFactory, make_secretariat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_saving_the_settings_shows_their_message_in_the_section_on_a_phone(live_server, browser):
    version = VersionFactory(statement__number=14, statement__further_signatories_possible=True)
    context = signed_in_context(browser, make_secretariat(), live_server, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/secretariat/statements/{version.statement.pk}/")

    opening = page.locator("form.individuals-opening")
    opening.get_by_label("Individuals").select_option("listed")
    opening.get_by_role("button", name="Save").click()
    page.wait_for_url("**#individuals")

    saved = page.locator("#individuals .messages").get_by_text("Individuals: settings saved.")
    expect(saved).to_be_in_viewport()
    assert page.locator("main > [role=status]").count() == 0  # not also at the top

    page.locator("form.individuals-list").get_by_label("Order").select_option("time")
    page.locator("form.individuals-list").get_by_role("button", name="Save").click()
    page.wait_for_url("**#individuals")
    listed = page.locator("#individuals .messages")
    expect(listed.get_by_text("List of individuals: settings saved.")).to_be_in_viewport()
    context.close()
