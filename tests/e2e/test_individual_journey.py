"""A person signs a statement in Chromium: the secretariat opens it to individuals on its page,
a reader signs on the public page, confirms by the link in the e-mail (from the outbox), is
listed, then withdraws by the receipt's link and is no longer listed."""

import re
from email import policy
from email.parser import BytesParser

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import axe_source, report, violations
from tests.e2e.axe import signed_in_context as axe_context
from tests.e2e.test_signing_journey import signed_in_context
from tests.factories import VersionFactory, make_secretariat
from undersigned.core.mail import outbox_dir
from undersigned.core.tasks import run_pending
from undersigned.cosigners.services import (
    confirm_signature,
    seal_pending_batches,
    set_opening,
    sign_as_person,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.both_databases,  # its concurrency and locking are the database's
    pytest.mark.django_db(transaction=True),
]


def newest_message():
    newest = sorted(outbox_dir().glob("*.eml"))[-1]
    return BytesParser(policy=policy.default).parsebytes(newest.read_bytes())


def people(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("ul.people > li").all_inner_texts()]


def test_sign_confirm_listed_withdraw(live_server, browser, settings):
    settings.EMAIL_BACKEND = "undersigned.core.mail.OutboxBackend"
    settings.COSIGNERS_PROOF_OF_WORK = 2000  # the browser's script solves it for real
    settings.SITE_URL = live_server.url
    version = VersionFactory(statement__number=12, statement__further_signatories_possible=True)
    statement = version.statement
    public_url = f"{live_server.url}/statements/{statement.document_id}/en/"

    # The secretariat opens the English page to individuals, names listed, city asked.
    secretariat = signed_in_context(browser, make_secretariat(), live_server).new_page()
    secretariat.goto(f"{live_server.url}/secretariat/statements/{statement.pk}/")
    form = secretariat.locator("form.individuals-opening")
    form.get_by_label("Individuals").select_option("listed")
    form.get_by_label("City").select_option("asked")
    form.get_by_role("button", name="Save").click()
    expect(secretariat.locator("body")).to_contain_text("Individuals: settings saved.")

    # A reader signs on the public page.
    reader = browser.new_context(locale="fr-FR").new_page()
    reader.goto(public_url)
    assert "0 people have signed." in reader.locator("section.individuals").inner_text() or (
        "0 personne a signé." in reader.locator("section.individuals").inner_text()
    )
    reader.get_by_label(re.compile("Votre nom|Your name")).fill("Zoë Ziegler")
    reader.get_by_label(re.compile("Votre adresse e-mail|Your e-mail")).fill("zoe+x@example.org")
    reader.get_by_label(re.compile("Ville|City")).fill("Lyon")
    reader.locator("form.sign-as-person button[type=submit]").click()
    reader.wait_for_url("**/sign/sent/")  # after the script's proof of work
    assert reader.get_by_role("heading", level=1).inner_text() in (
        "Consultez votre boîte e-mail",
        "Check your mailbox",
    )
    reader.goto(public_url)
    assert people(reader) == []  # nothing shown before confirmation

    # The confirmation e-mail, in the language of the page signed, carries the link.
    run_pending()
    message = newest_message()
    assert message["To"] == "zoe+x@example.org"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert version.content_hash in body
    link = re.search(r"(http://\S+/people/confirm/\S+/)", body).group(1)
    reader.goto(link)
    reader.get_by_role("button").filter(has_text=re.compile("Confirm|Confirmer")).click()
    receipt_url = reader.url
    assert "/people/receipt/" in receipt_url
    assert version.content_hash in reader.locator("dl.receipt").inner_text()

    # Listed on the public page once the worker sealed the batch (every second; pages follow
    # the trail's batches, not each signature); the address is nowhere.
    seal_pending_batches()
    reader.goto(public_url)
    assert people(reader) == ["Zoë Ziegler"]
    assert "example.org" not in reader.content()

    # The receipt's e-mail has the same link; withdrawing takes the name off the list.
    run_pending()
    assert receipt_url in newest_message().get_body(preferencelist=("plain",)).get_content()
    reader.goto(receipt_url)
    reader.get_by_role("button").filter(has_text=re.compile("Withdraw|Retirer")).click()
    assert reader.locator(".receipt-state").inner_text() in ("withdrawn", "retirée", "Retirée")
    seal_pending_batches()
    reader.goto(public_url)
    assert people(reader) == []


def test_the_pages_of_individuals_pass_axe(live_server, browser, settings):
    """WCAG 2.2 A and AA on each page a signer sees: the statement's page with the form and a
    list, the form returned with errors, the mailbox page, the confirmation, the receipt, the
    whole list, and the secretariat's settings."""
    source = axe_source()
    settings.EMAIL_BACKEND = "undersigned.core.mail.OutboxBackend"
    settings.COSIGNERS_PROOF_OF_WORK = 2000
    version = VersionFactory(statement__number=13, statement__further_signatories_possible=True)
    statement = version.statement
    secretariat = make_secretariat()
    set_opening(statement, language="en", listing="listed", by=secretariat, city="asked")
    signed = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Ana", email="a@x.org"
    )
    _signature, receipt = confirm_signature(signed.signature)
    pending = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Bo", email="b@x.org"
    )
    base = f"{live_server.url}/statements/{statement.document_id}/en/"
    found = {}
    page = axe_context(browser, live_server, None).new_page()

    def check(url: str | None = None) -> None:
        if url:
            page.goto(url)
        for (rule, target), summary in violations(page, source).items():
            found.setdefault((url or page.url, rule, target), (summary, [1280]))

    check(base)
    # Sent with nothing filled in (past the browser's own checks): the form with its errors.
    page.locator("form.sign-as-person").evaluate("form => { form.noValidate = true; }")
    page.locator("form.sign-as-person button[type=submit]").click()
    page.wait_for_url("**/sign/")
    assert "This field is required." in page.content()
    check()
    for url in (
        f"{base}sign/sent/",
        f"{base}people/",
        f"{live_server.url}/people/confirm/{pending.token}/",
        f"{live_server.url}/people/receipt/{receipt}/",
    ):
        check(url)
    staff = axe_context(browser, live_server, secretariat).new_page()
    staff.goto(f"{live_server.url}/secretariat/statements/{statement.pk}/")
    for (rule, target), summary in violations(staff, source).items():
        found.setdefault((staff.url, rule, target), (summary, [1280]))
    assert not found, report(found)


def test_after_an_error_the_language_links_keep_the_reader_on_the_form(
    live_server, browser, settings
):
    settings.COSIGNERS_PROOF_OF_WORK = 0
    version = VersionFactory(statement__number=14, statement__further_signatories_possible=True)
    statement = version.statement
    set_opening(statement, language="en", listing="listed", by=make_secretariat())
    reader = browser.new_context(locale="en-GB").new_page()
    reader.goto(f"{live_server.url}/statements/{statement.document_id}/en/")

    reader.get_by_role("textbox", name="Your name").fill("Ana Lopez")
    reader.get_by_label("Your e-mail address").fill("ana@localhost")  # the browser lets it by
    reader.locator("form.sign-as-person button[type=submit]").click()
    reader.wait_for_load_state()
    assert "Give a valid e-mail address." in reader.get_by_role("alert").inner_text()

    reader.get_by_role("link", name="Français").click()
    reader.wait_for_load_state()

    assert reader.url == f"{live_server.url}/statements/{statement.document_id}/en/sign/"
    assert reader.get_by_role("heading", level=1).inner_text() == "Ajoutez votre nom"
    reader.get_by_role("textbox", name="Votre nom").fill("Ana Lopez")
    reader.get_by_label("Votre adresse e-mail").fill("ana@example.org")
    reader.get_by_role("button", name="Signer").click()
    reader.wait_for_url("**/sign/sent/")
    reader.context.close()
