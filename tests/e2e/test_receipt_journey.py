"""A signer's receipt in Chromium, checked by the published tool: a reader signs on the public
page, confirms by the link in the e-mail (Django's outbox), is told that the proof comes within
seconds, finds it on the receipt page once the batch is sealed, downloads receipt.json, and
`undersigned verify-receipt` — a separate process, fetching the site's key and log over HTTP —
finds it valid."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import VersionFactory, make_secretariat
from undersigned.core.tasks import run_pending
from undersigned.cosigners import receipts
from undersigned.cosigners.models import FieldUse, IndividualSignature, Listing
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
UNDERSIGNED = Path(sys.executable).with_name("undersigned")


def test_sign_confirm_seal_download_and_verify_the_receipt(
    live_server, browser, settings, tmp_path, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.COSIGNERS_PROOF_OF_WORK = 2000  # the browser's script solves it for real
    settings.SITE_URL = live_server.url
    version = VersionFactory(statement__number=14, statement__further_signatories_possible=True)
    statement = version.statement
    set_opening(
        statement, language="en", listing=Listing.LISTED, by=make_secretariat(),
        affiliation=FieldUse.SHOWN,
    )  # fmt: skip

    reader = browser.new_context(locale="en-GB", accept_downloads=True).new_page()
    reader.goto(f"{live_server.url}/statements/{statement.document_id}/en/")
    reader.get_by_role("textbox", name="Your name").fill("Zoë Ziegler")
    reader.get_by_role("textbox", name=re.compile("Your e-mail")).fill("zoe@example.org")
    reader.get_by_role("textbox", name=re.compile("Affiliation")).fill("Université Lyon 2")
    reader.locator("form.sign-as-person button[type=submit]").click()
    reader.wait_for_url("**/sign/sent/")

    run_pending()
    (message,) = mail.outbox
    link = re.search(r"(http://\S+/people/confirm/\S+/)", message.body).group(1)
    reader.goto(link)
    reader.get_by_role("button", name=re.compile("Confirm")).click()
    reader.wait_for_url("**/people/receipt/**")
    assert "comes within seconds" in reader.locator("section.receipt-proof").inner_text()

    seal_pending_batches()  # what the worker does every second
    reader.reload()
    proof = reader.locator("section.receipt-proof")
    assert "Root of the batch" in proof.inner_text()
    with reader.expect_download() as download:
        proof.get_by_role("link", name=re.compile(r"Download the receipt")).click()
    # The command the page gives runs as written on the file as it downloaded.
    name = download.value.suggested_filename
    assert name.startswith(f"receipt-{statement.document_id}-") and name.endswith(".json")
    assert proof.locator("code").last.inner_text() == f"undersigned verify-receipt {name}"
    receipt = tmp_path / name
    download.value.save_as(receipt)
    assert json.loads(receipt.read_text())["fields"]["name"] == "Zoë Ziegler"

    # Others sign after; the log comes in pages of one batch, which the tool follows.
    monkeypatch.setattr(receipts, "LOG_PAGE", 1)
    other = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Bo", email="b@x.org"
    )
    confirm_signature(other.signature)
    seal_pending_batches()

    checked = subprocess.run(
        [str(UNDERSIGNED), "verify-receipt", str(receipt)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert "still holds the signature (2 batch(es) checked)" in checked.stdout
    assert checked.stdout.strip().endswith("The receipt is valid.")


def test_deleting_ones_data_asks_once_more_then_leads_back_to_the_statement(
    live_server, browser, settings
):
    settings.SITE_URL = live_server.url
    version = VersionFactory(statement__number=15, statement__further_signatories_possible=True)
    statement = version.statement
    set_opening(statement, language="en", listing=Listing.LISTED, by=make_secretariat())
    signed = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Ana", email="a@x.org"
    )
    _signature, token = confirm_signature(signed.signature)
    receipt_url = f"{live_server.url}/people/receipt/{token}/"

    reader = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 800}).new_page()
    reader.goto(receipt_url)
    reader.get_by_role("button", name="Delete my data").click()
    # One click on a button beside "Withdraw" must not delete what cannot be given back.
    assert reader.get_by_role("heading", level=1).inner_text() == "Delete your data?"
    assert IndividualSignature.objects.get().email == "a@x.org"
    reader.get_by_role("link", name="No, go back").click()
    assert reader.url == receipt_url
    assert "a@x.org" in reader.locator("dl.receipt").inner_text()

    reader.get_by_role("button", name="Delete my data").click()
    reader.get_by_role("button", name="Yes, delete my data").click()
    assert reader.get_by_role("heading", level=1).inner_text() == "Your data are deleted"
    assert IndividualSignature.objects.get().email == ""
    # The page leads on: to the statement the person had signed.
    reader.get_by_role("link", name="See the statement").click()
    # The click returns once the navigation is committed; the title comes with the load.
    reader.wait_for_url(f"{live_server.url}/statements/{statement.document_id}/en/")
    expect(reader).to_have_title(re.compile("^" + re.escape(version.title)))
