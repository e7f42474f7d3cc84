"""The statement's life in a real browser: the next step at once, closing behind a
confirmation (no script needed), and an invalid form that opens on its error summary."""

import pytest

from tests.e2e.test_drafting import signed_in
from tests.factories import make_secretariat
from undersigned.statements.models import State
from undersigned.statements.services import create_statement, set_statement_state

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def secretariat():
    return make_secretariat()


@pytest.fixture
def statement(secretariat):
    return create_statement(
        language="en", title="On solidarity", short_title="Solidarity",
        body="The first paragraph.\n\nWorkers of all countries, unite!", author=secretariat,
    )  # fmt: skip


@pytest.mark.parametrize("javascript", [True, False])
def test_publishing_is_the_next_step_and_closing_asks_first(
    live_server, browser, secretariat, statement, javascript
):
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    session = signed_in(browser, live_server, secretariat)
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    context.add_cookies(session.cookies())
    session.close()
    page = context.new_page()
    url = f"{live_server.url}/drafting/statements/{statement.pk}/"

    page.goto(url)
    assert "Open for signing" in page.title()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(url)
    assert page.locator(".messages").inner_text() == "The statement is now published."
    assert "Published" in page.title()

    page.get_by_role("button", name="Close…").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Close: “On solidarity”?"
    statement.refresh_from_db()
    assert statement.state == State.PUBLISHED  # asking changed nothing
    page.get_by_role("button", name="Close", exact=True).click()
    page.wait_for_url(url)

    statement.refresh_from_db()
    assert statement.state == State.CLOSED
    assert page.locator(".state-sentence").inner_text() == (
        "The statement is closed: it stays public and takes no more signatures."
    )
    context.close()


def test_an_invalid_form_opens_on_its_error_summary_which_leads_to_the_field(
    live_server, browser, secretariat, statement
):
    page = signed_in(browser, live_server, secretariat).new_page()
    page.goto(f"{live_server.url}/drafting/statements/{statement.pk}/edit/")

    page.get_by_label("Text").fill("The first paragraph, changed.")
    # The browser would stop an empty required note itself; the server's answer is tested.
    page.locator("#id_note").evaluate("note => note.removeAttribute('required')")
    page.get_by_role("button", name="Save as a new version").click()
    page.wait_for_load_state()

    summary = page.get_by_role("alert")
    assert summary.evaluate("element => element === document.activeElement")
    assert "Change note: This field is required." in summary.inner_text()
    summary.get_by_role("link", name="Change note: This field is required.").click()
    assert page.evaluate("document.activeElement.id") == "id_note"
    page.context.close()


def test_publishing_and_closing_from_the_state_page_come_back_to_it_with_their_message(
    live_server, browser, secretariat, statement
):
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    page = signed_in(browser, live_server, secretariat).new_page()
    url = f"{live_server.url}/secretariat/statements/{statement.pk}/"

    page.goto(url)
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert page.url == url
    assert page.locator(".messages").inner_text() == "The statement is now published."

    page.get_by_role("button", name="Close…").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="No, go back").get_attribute("href") == (
        f"/secretariat/statements/{statement.pk}/"
    )
    page.get_by_role("button", name="Close", exact=True).click()
    page.wait_for_load_state()

    assert page.url == url
    assert page.locator(".messages").inner_text() == "The statement is now closed."
    statement.refresh_from_db()
    assert statement.state == State.CLOSED
    page.context.close()
