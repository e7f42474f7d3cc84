"""The whole signing journey in Chromium: the secretariat invites a delegate, the delegate
follows the e-mailed link from the outbox, signs, and the public list changes; then withdraws."""

import re
from email import policy
from email.parser import BytesParser

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import OrganizationFactory, make_secretariat
from undersigned.core.mail import outbox_dir
from undersigned.core.tasks import run_pending
from undersigned.demo.example import load_example

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_context(browser, user, live_server, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB", **options)
    host = live_server.url.split("//")[1].split(":")[0]
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "domain": host, "path": "/"}])  # fmt: skip
    return context


def last_message_link(pattern: str) -> str:
    newest = sorted(outbox_dir().glob("*.eml"))[-1]
    message = BytesParser(policy=policy.default).parsebytes(newest.read_bytes())
    return re.search(pattern, message.get_body(preferencelist=("plain",)).get_content()).group(1)


def entries(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("ol.entries > li").all_inner_texts()]


def test_invite_sign_and_withdraw(live_server, browser, settings):
    settings.EMAIL_BACKEND = "undersigned.core.mail.OutboxBackend"
    settings.SITE_URL = live_server.url
    (statement,) = load_example()
    OrganizationFactory(
        abbreviation="PTB", name="Partei der Arbeit Deutschlands", name_language="de", country="DE"
    )

    # The secretariat invites a delegate for PTB.
    secretariat = signed_in_context(browser, make_secretariat(), live_server).new_page()
    secretariat.goto(f"{live_server.url}/secretariat/statements/{statement.pk}/")
    secretariat.get_by_label("E-mail of the delegate").fill("delegate@ptb.example")
    secretariat.locator("#id_invite-organization").select_option(
        label="PTB – Partei der Arbeit Deutschlands"
    )
    secretariat.get_by_role("button", name="Send the invitation").click()
    expect(secretariat.locator("body")).to_contain_text("Invitation sent to delegate@ptb.example")
    run_pending()

    # The delegate follows the link from the outbox, accepts, reads and signs.
    delegate = browser.new_context(locale="en-GB").new_page()
    delegate.goto(last_message_link(r"(http://\S+/account/invitation/\S+/)"))
    delegate.get_by_role("button", name="Accept and sign in").click()
    expect(delegate.locator("body")).to_contain_text("You now represent PTB")
    # The invitation was sent from this statement's page: accepting leads to its signing page.
    assert re.search(rf"/account/statements/{statement.pk}/sign/\d+/$", delegate.url)
    assert statement.current_version().content_hash in delegate.content()
    delegate.get_by_label(
        "I have read this version and sign it on behalf of my organization."
    ).check()
    delegate.get_by_role("button", name="Sign on behalf of PTB").click()
    expect(delegate.locator("body")).to_contain_text("PTB has signed ICOR00359")
    run_pending()

    # The public page shows the new entry in its place and the new as-of date.
    reader = browser.new_context(locale="en-GB").new_page()
    reader.goto(f"{live_server.url}/statements/ICOR00359/")
    listed = entries(reader)
    assert len(listed) == 33
    assert listed[15].startswith("MLPD") and listed[16].startswith(
        "PTB Partei der Arbeit Deutschlands"
    )
    today = timezone.localdate()
    heading = (
        f"Signatories (as of {today.day} {today:%B} {today.year}, further signatories possible):"
    )
    assert reader.locator("#signatories-heading").inner_text() == heading

    # The delegate withdraws; the entry disappears and the date goes back.
    delegate.get_by_label(re.compile("Withdraw the signature of PTB")).check()
    delegate.get_by_role("button", name="Withdraw the signature").click()
    expect(delegate.locator("body")).to_contain_text("was withdrawn")
    reader.reload()
    assert len(entries(reader)) == 32
    assert not any(e.startswith("PTB") for e in entries(reader))
    assert "21 September 2020" in reader.locator("#signatories-heading").inner_text()
