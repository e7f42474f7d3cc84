"""The translation journey in a real browser: the secretariat names a translator, who signs
in, translates beside the original, publishes; readers get the new language and its PDF."""

import re

import pypdfium2
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from tests.e2e.axe import axe_source, report, signed_in_context, violations
from tests.e2e.test_drafting import signed_in
from tests.factories import PASSWORD, make_delegate, make_secretariat
from undersigned.core.tasks import run_pending
from undersigned.demo.example import load_example
from undersigned.drafting.translation import start_translation, update_translation
from undersigned.organizations.models import Organization
from undersigned.statements.services import add_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Déclaration de l’ICOR sur les événements en Biélorussie"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def french(number: int) -> str:
    return f"Paragraphe {number} de la traduction française, écrit à côté de l’original."


def box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_a_named_translator_translates_side_by_side_and_readers_get_the_pdf(
    live_server, browser, tmp_path
):
    (statement,) = load_example()
    secretariat = make_secretariat(first_name="Sam", last_name="Secretariat")
    make_delegate(
        Organization.objects.get(abbreviation="MLPD"),
        email="translator@mlpd.example",
        first_name="Tomas",
        last_name="Translator",
    )

    # The secretariat names the translator on the statement's drafting page.
    staff = signed_in(browser, live_server, secretariat).new_page()
    staff.goto(f"{live_server.url}/drafting/statements/{statement.pk}/")
    naming = staff.locator("form", has=staff.get_by_role("heading", name="Name a translator"))
    delegate = naming.get_by_label("Delegate")
    delegate.select_option(label="Tomas Translator <translator@mlpd.example>")
    naming.get_by_label("Language").select_option("fr")
    naming.get_by_role("button", name="Name the translator").click()
    staff.wait_for_url(re.compile(r"/translations/$"))
    assert "is named translator into French" in staff.locator(".messages").inner_text()

    # The translator gets an e-mail, follows its link and signs in.
    run_pending()
    (message,) = [m for m in mail.outbox if m.to == ["translator@mlpd.example"]]
    link = re.search(r"https?://[^/\s]+(/\S+/translations/)", message.body).group(1)
    desk = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.goto(live_server.url + link)
    page.get_by_label("E-mail or user name").fill("translator@mlpd.example")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(rf"/drafting/statements/{statement.pk}/translations/$"))

    # They start the French translation of the current original, and see it side by side.
    start = page.locator("form", has=page.get_by_role("heading", name="Start a translation"))
    start.get_by_label("Language").select_option("fr")
    assert start.get_by_label("Translate from version").input_value() == str(
        statement.current_version().pk
    )
    start.get_by_role("button", name="Start translating").click()
    page.wait_for_url(re.compile(r"/translations/fr/$"))
    original, translation = box(page, "#p1 .translate-original"), box(page, "#p1 .translate-text")
    assert translation["x"] > original["x"] + original["width"] - 1  # beside it
    assert translation["y"] == original["y"]

    count = page.locator("textarea[name^='p-']").count()
    page.get_by_label("Title in French", exact=True).fill(TITLE)
    page.get_by_label("Short title in French").fill("Résolution de l’ICOR sur la Biélorussie")
    for number in range(1, count + 1):
        page.get_by_label(f"Paragraph {number} in French", exact=True).fill(french(number))
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r"/translations/fr/$"))
    assert "The draft is saved." in page.locator(".messages").inner_text()
    assert page.get_by_label("Paragraph 2 in French", exact=True).input_value() == french(2)
    page.get_by_role("button", name="Publish the translation").click()
    page.wait_for_url(re.compile(r"/translations/$"))
    assert "published as version 05.01" in page.locator(".messages").inner_text()

    # A reader gets the French text on the public page and downloads it as a PDF.
    reader = browser.new_context(locale="en-GB").new_page()
    reader.goto(f"{live_server.url}/statements/{statement.document_id}/")
    reader.get_by_role("navigation", name="Languages of this statement").get_by_role(
        "link", name="Français"
    ).click()
    reader.wait_for_url(re.compile(rf"/statements/{statement.document_id}/fr/$"))
    assert reader.get_by_role("heading", level=1).inner_text() == TITLE
    with reader.expect_download() as download_info:
        reader.get_by_role("link", name="PDF (Français)").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    assert download.suggested_filename.endswith("_ver 05.01_FR.pdf")
    pdf = pypdfium2.PdfDocument(str(target))
    text = " ".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))
    assert TITLE in " ".join(text.split())
    assert french(1) in " ".join(text.split())


def test_the_editor_stacks_on_a_phone_and_saves_without_javascript(live_server, browser):
    (statement,) = load_example()
    secretariat = make_secretariat(first_name="Sam", last_name="Secretariat")
    phone = browser.new_context(viewport=PHONE, locale="en-GB", java_script_enabled=False)
    client = Client()
    client.force_login(secretariat)
    name = settings.SESSION_COOKIE_NAME
    phone.add_cookies([{"name": name, "value": client.cookies[name].value, "url": live_server.url}])
    page = phone.new_page()
    page.goto(f"{live_server.url}/drafting/statements/{statement.pk}/translations/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    start = page.locator("form", has=page.get_by_role("heading", name="Start a translation"))
    start.get_by_label("Language").select_option("es")
    start.get_by_role("button", name="Start translating").click()
    page.wait_for_url(re.compile(r"/translations/es/$"))

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    original, translation = box(page, "#p1 .translate-original"), box(page, "#p1 .translate-text")
    assert translation["y"] >= original["y"] + original["height"] - 1  # below it
    page.get_by_label("Paragraph 1 in Spanish", exact=True).fill("Primer párrafo.")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r"/translations/es/$"))
    assert page.get_by_label("Paragraph 1 in Spanish", exact=True).input_value() == (
        "Primer párrafo."
    )


def test_axe_finds_no_wcag_violation_in_the_editor_with_marks_and_errors(live_server, browser):
    """The editor after an update to a newer original (changed paragraphs marked, with what
    changed) and sent back with a refused publication, at a desktop's width and a phone's."""
    (statement,) = load_example()
    secretariat = make_secretariat(first_name="Sam", last_name="Secretariat")
    draft = start_translation(
        statement, language="fr", source=statement.current_version(), by=secretariat
    )
    current = statement.current_version()
    body = current.body.replace("Lukashenko", "The dictator Lukashenko", 1)
    newer = add_version(
        statement, title=current.title, short_title=current.short_title, body=body, major=True
    )
    update_translation(draft, source=newer, by=secretariat)
    source = axe_source()
    context = signed_in_context(browser, live_server, secretariat, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/drafting/statements/{statement.pk}/translations/fr/")
    assert page.locator(".translate-row.changed").count() == 1
    page.get_by_role("button", name="Publish the translation").click()
    page.wait_for_load_state()
    assert "still empty" in page.locator(".error-summary").inner_text()

    found = {}
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        for (rule, target), summary in violations(page, source).items():
            found.setdefault((page.url, rule, target), (summary, []))[1].append(size["width"])
    context.close()

    assert not found, f"{len(found)} violations:\n{report(found)}"
