"""The whole journey of a statement in one browser session, without the admin: the secretariat
drafts it and moves it through consultation, signing, publication, translation and a major
version; each delegate learns of their part by e-mail, follows its link and does it."""

import re

import pytest
from django.core import mail

from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD, OrganizationFactory, make_delegate, make_secretariat
from undersigned.accounts.services import set_preferences
from undersigned.core.tasks import run_pending
from undersigned.statements.models import State, Statement

pytestmark = [
    pytest.mark.browser,
    pytest.mark.both_databases,  # the whole story, once on each database
    pytest.mark.django_db(transaction=True),
]

TITLE = "On the harbour strike"
BODY = "We, the undersigned, declare.\n\nThe harbour stands still.\n\nLong live solidarity!"
SPANISH = ["Nosotros, los abajo firmantes, declaramos.", "El puerto está parado.", "¡Viva!"]
DESKTOP = {"width": 1280, "height": 900}


def link_in_mail(to: str, path: str) -> str:
    """Send what waits, then the path of the link to `path` in the last message to `to`."""
    run_pending()
    messages = [m for m in mail.outbox if m.to == [to]]
    assert messages, f"no e-mail to {to}"
    found = re.search(rf"https?://[^/\s]+({path})", messages[-1].body)
    assert found, f"no link to {path} in:\n{messages[-1].body}"
    return found.group(1)


def last_subject(to: str) -> str:
    run_pending()
    return [m for m in mail.outbox if m.to == [to]][-1].subject


@pytest.fixture
def opened(request):
    """The pages a test opens; on failure, a picture of each in test-artifacts/."""
    pages = []
    yield pages
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, page in enumerate(pages):
            page.screenshot(
                path=str(ARTIFACTS / f"{request.node.name}-{number}.png"), full_page=True
            )
    for page in pages:
        page.context.close()


def test_a_statement_from_draft_to_reconfirmation_without_the_admin(live_server, browser, opened):
    make_secretariat(email="staff@example.org", first_name="Sam", last_name="Staff")
    mlpd = OrganizationFactory(abbreviation="MLPD", name="Marxistisch-Leninistische Partei")
    pcpci = OrganizationFactory(abbreviation="PCPCI", name="Parti Communiste", country="CI")
    make_delegate(mlpd, email="dana@mlpd.example", first_name="Dana", last_name="Delegate")
    french = make_delegate(pcpci, email="felix@pcpci.example", first_name="Félix")
    set_preferences(french, language="fr")
    translator = OrganizationFactory(abbreviation="PCR-U", is_member=False)
    make_delegate(translator, email="tina@pcru.example", first_name="Tina", last_name="Translator")

    visited: list[str] = []

    def browse(**options):
        context = browser.new_context(locale="en-GB", viewport=DESKTOP, **options)
        context.on("request", lambda request: visited.append(request.url))
        opened.append(context.new_page())
        return opened[-1]

    def sign_in(page, email: str, *, french: bool = False) -> None:
        name = "Adresse e-mail ou nom d’utilisateur" if french else "E-mail or user name"
        page.get_by_label(name).fill(email)
        page.get_by_role("textbox", name="Mot de passe" if french else "Password").fill(PASSWORD)
        page.get_by_role("button", name="Se connecter" if french else "Sign in", exact=True).click()

    # The secretariat signs in, lands on its workspace and drafts a new statement.
    staff = browse()
    staff.goto(f"{live_server.url}/account/sign-in/")
    sign_in(staff, "staff@example.org")
    staff.wait_for_url(re.compile(r"/drafting/$"))
    staff.get_by_role("link", name="New statement").first.click()
    staff.get_by_label(re.compile(r"^Title")).fill(TITLE)
    staff.get_by_label("Short title").fill("Harbour strike")
    staff.get_by_label(re.compile(r"^Text")).fill(BODY)
    staff.get_by_role("button", name="Save the draft").click()
    staff.wait_for_url(re.compile(r"/drafting/statements/\d+/$"))
    statement = Statement.objects.get()
    page_of_statement = f"/drafting/statements/{statement.pk}/"

    # It starts the consultation, the next step on the statement's page.
    staff.get_by_role("button", name="Start the consultation").click()
    staff.wait_for_load_state()
    assert "The statement is now in consultation." in staff.locator(".messages").inner_text()

    # The delegate of MLPD follows the e-mail's link, signs in and lands on the consultation.
    delegate = browse()
    delegate.goto(live_server.url + link_in_mail("dana@mlpd.example", page_of_statement))
    sign_in(delegate, "dana@mlpd.example")
    delegate.wait_for_url(re.compile(re.escape(page_of_statement) + "$"))
    delegate.get_by_label(re.compile(r"^Paragraph")).fill("2")
    delegate.get_by_role("textbox", name=re.compile(r"^Comment")).fill("Name the railways too.")
    delegate.get_by_role("button", name="Send the comment").click()
    delegate.wait_for_load_state()
    delegate.get_by_label("From paragraph").fill("2")
    delegate.get_by_label("New text").fill("The harbour and the railways stand still.")
    delegate.get_by_label("Reason").fill("The railways strike too.")
    delegate.get_by_role("button", name="Propose the amendment").click()
    delegate.wait_for_load_state()
    assert "Amendment #1 is proposed." in delegate.locator(".messages").inner_text()

    # The secretariat is told, follows its link and accepts the amendment; the proposer is told.
    staff.goto(live_server.url + link_in_mail("staff@example.org", page_of_statement))
    staff.get_by_role("button", name="Accept #1").click()
    staff.wait_for_load_state()
    assert "Amendment #1 accepted" in staff.locator(".messages").inner_text()
    assert "accepted" in last_subject("dana@mlpd.example")

    # It opens the statement for signing.
    staff.get_by_role("button", name="Open for signing").click()
    staff.wait_for_load_state()
    statement.refresh_from_db()
    assert statement.state == State.OPEN

    # The French delegate is told in French, follows the link and signs, in French.
    sign_page = f"/account/statements/{statement.pk}/sign/{pcpci.pk}/"
    signer = browse()
    signer.goto(live_server.url + link_in_mail("felix@pcpci.example", sign_page))
    assert signer.locator("html").get_attribute("lang") == "en"  # before signing in
    sign_in(signer, "felix@pcpci.example")
    signer.wait_for_url(re.compile(re.escape(sign_page) + "$"))
    # The page speaks French; the text it signs keeps its own language, marked as such.
    assert signer.locator("html").get_attribute("lang") == "fr"
    assert signer.locator(".hash").evaluate("element => element.closest('[lang]').lang") == "fr"
    assert signer.get_by_role("heading", level=1).get_attribute("lang") == "en"
    signer.locator("input[name=confirm]").check()
    signer.get_by_role("button", name="Signer au nom de PCPCI").click()
    signer.wait_for_load_state()
    assert statement.signatures.active().get().organization == pcpci

    # The secretariat publishes it.
    staff.goto(live_server.url + page_of_statement)
    staff.get_by_role("button", name="Publish", exact=True).click()
    staff.wait_for_load_state()
    statement.refresh_from_db()
    assert statement.state == State.PUBLISHED
    assert statement.document_id in last_subject("felix@pcpci.example")

    # It names a translator into Spanish, who follows the e-mail, translates and publishes.
    staff.goto(f"{live_server.url}{page_of_statement}translations/")
    naming = staff.locator("form", has=staff.get_by_role("heading", name="Name a translator"))
    naming.get_by_label("Delegate").select_option(label="Tina Translator <tina@pcru.example>")
    naming.get_by_label("Language").select_option("es")
    naming.get_by_role("button", name="Name the translator").click()
    staff.wait_for_url(re.compile(r"/translations/$"))
    desk = browse()
    desk.goto(
        live_server.url + link_in_mail("tina@pcru.example", f"{page_of_statement}translations/")
    )
    sign_in(desk, "tina@pcru.example")
    desk.wait_for_url(re.compile(r"/translations/$"))
    start = desk.locator("form", has=desk.get_by_role("heading", name="Start a translation"))
    start.get_by_label("Language").select_option("es")
    start.get_by_role("button", name="Start translating").click()
    desk.wait_for_url(re.compile(r"/translations/es/$"))
    # The editor's two columns take the page's width, not the reading column's.
    original, text = (desk.locator(f"#p1 {part}").bounding_box() for part in (
        ".translate-original", ".translate-text"))  # fmt: skip
    assert text["x"] > original["x"] + original["width"] - 1
    assert original["width"] > 480 and text["width"] > 480
    desk.get_by_label("Title in Spanish", exact=True).fill("Sobre la huelga del puerto")
    desk.get_by_label("Short title in Spanish").fill("Huelga del puerto")
    for number, paragraph in enumerate(SPANISH, start=1):
        desk.get_by_label(f"Paragraph {number} in Spanish", exact=True).fill(paragraph)
    desk.get_by_role("button", name="Publish the translation").click()
    desk.wait_for_url(re.compile(r"/translations/$"))
    assert statement.versions.filter(language="es").exists()

    # The secretariat saves a major version; the signatory is asked to reconfirm.
    staff.goto(f"{live_server.url}{page_of_statement}edit/")
    staff.get_by_label(re.compile(r"^Text")).fill(BODY.replace("declare", "declare today"))
    staff.get_by_label(re.compile("A change of substance")).check()
    staff.get_by_label("Change note").fill("Dated to today.")
    staff.get_by_role("button", name="Save as a new version").click()
    staff.wait_for_load_state()
    assert "are asked by e-mail to sign it again" in staff.locator(".messages").inner_text()
    assert statement.current_version().major == 2
    assert link_in_mail("felix@pcpci.example", sign_page) == sign_page
    # From the page where it signed, the delegate goes home, where the reconfirmation waits.
    signer.reload()
    signer.get_by_role("link", name="Votre accueil : ce qui vous attend encore").click()
    signer.wait_for_url(re.compile(r"/account/$"))
    waiting = signer.locator("#waiting li.reconfirm")
    assert "PCPCI" in waiting.inner_text()
    waiting.get_by_role("link").click()
    signer.wait_for_url(re.compile(re.escape(sign_page) + "$"))
    signer.locator("input[name=confirm]").check()
    signer.get_by_role("button", name="Signer au nom de PCPCI").click()
    signer.wait_for_load_state()
    signature = statement.signatures.active().get()
    assert (signature.organization, signature.version.major) == (pcpci, 2)

    assert visited and not [url for url in visited if "/admin/" in url]
