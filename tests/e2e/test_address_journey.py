"""A delegate changes their own e-mail address on a phone, in Chromium: signs in, finds it under
the preferences, asks with the password, opens the link the new address received (Django's
outbox), confirms by its button, and the old address is told; its holder puts it back."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.axe import axe_source, violations
from tests.factories import PASSWORD, make_delegate
from undersigned.core.tasks import run_pending
from undersigned.organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 800}


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_delegate_changes_their_address_on_a_phone_and_the_old_one_is_told(
    browser, live_server, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    axe = axe_source()
    organization = Organization.objects.create(abbreviation="MLPD", name="MLPD", country="DE")
    delegate = make_delegate(organization, email="delegate@mlpd.example.org")
    delegate.set_password(PASSWORD)  # hashed by this run's hashers, whatever ran before
    delegate.save()
    context = browser.new_context(locale="en-GB", viewport=PHONE, bypass_csp=True)
    page = context.new_page()

    page.goto(f"{live_server.url}/account/sign-in/")
    page.locator("#id_pw-identifier").fill("delegate@mlpd.example.org")
    page.locator("#id_pw-password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/account/")
    page.goto(f"{live_server.url}/account/preferences/")
    expect(page.locator("main")).to_contain_text("delegate@mlpd.example.org")
    page.get_by_role("link", name="Change your e-mail address").click()
    page.wait_for_url("**/account/address/")
    assert fits_the_phone(page) and violations(page, axe) == {}

    page.get_by_label("New e-mail address").fill("new@mlpd.example.org")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_url("**/account/preferences/")
    expect(page.locator("main")).to_contain_text("A link is on its way to new@mlpd.example.org")

    run_pending()
    (message,) = mail.outbox
    assert message.to == ["new@mlpd.example.org"]
    link = re.search(r"(http://\S+/account/address/\S+/)", message.body).group(1)
    # Opened on the phone that reads the new address's mail, signed out.
    reader = browser.new_context(locale="en-GB", viewport=PHONE, bypass_csp=True).new_page()
    reader.goto(link)
    expect(reader.locator("main")).to_contain_text(
        "Make new@mlpd.example.org the address of your account?"
    )
    assert fits_the_phone(reader) and violations(reader, axe) == {}
    reader.get_by_role("button", name="Confirm the new address").click()
    expect(reader.get_by_role("status")).to_have_text(
        "Your account's address is now new@mlpd.example.org."
    )
    assert fits_the_phone(reader)

    run_pending()
    told = mail.outbox[-1]
    assert told.to == ["delegate@mlpd.example.org"]
    assert "new@mlpd.example.org" in told.body
    delegate.refresh_from_db()
    assert delegate.email == "new@mlpd.example.org"
    page.goto(f"{live_server.url}/account/preferences/")
    expect(page.locator("main")).to_contain_text("new@mlpd.example.org")

    # The old address's holder says it was not them: the address comes back, and the session
    # that changed it ends.
    undo = re.search(r"(http://\S+/account/address/undo/\S+/)", told.body).group(1)
    holder = browser.new_context(locale="en-GB", viewport=PHONE, bypass_csp=True).new_page()
    holder.goto(undo)
    assert fits_the_phone(holder) and violations(holder, axe) == {}
    holder.get_by_role("button", name="It was not me: put my address back").click()
    expect(holder.get_by_role("status")).to_contain_text(
        "The account's address is delegate@mlpd.example.org again."
    )
    assert fits_the_phone(holder) and violations(holder, axe) == {}
    delegate.refresh_from_db()
    assert delegate.email == "delegate@mlpd.example.org"
    page.goto(f"{live_server.url}/account/preferences/")
    page.wait_for_url("**/account/sign-in/**")
    context.close()
