"""A delegate signs a statement with the keyboard alone: Tab, Shift+Tab, Enter, Space and
typing, from the home page to the receipt. Wherever the focus goes, it shows."""

import pytest

from tests.factories import PASSWORD, OrganizationFactory, make_delegate
from undersigned.demo.example import load_example

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the focused element looks like: whether an outline or a shadow marks it, and whether it
# is on the screen at all (a link moved off screen would take the focus unseen).
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const text = (element.innerText || element.value || element.name || '').trim();
  return {
    element: `${element.tagName.toLowerCase()} "${text.slice(0, 60)}"`,
    marked: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none',
    shown: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
  };
}"""


def tab_to(page, target, *, key: str = "Tab", limit: int = 150) -> list[str]:
    """Press `key` until `target` (a locator) has the focus; returns each element the focus
    passed through whose focus could not be seen (none, on an accessible page)."""
    unseen = []
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if not (focused["marked"] and focused["shown"]):
            unseen.append(f"{focused['element']} on {page.url}")
        if target.evaluate("element => element === document.activeElement"):
            return unseen
    raise AssertionError(f"{key} never reached {target} on {page.url} in {limit} presses")


def test_a_delegate_signs_with_the_keyboard_alone(live_server, browser):
    (statement,) = load_example()
    organization = OrganizationFactory(
        abbreviation="PTB", name="Partei der Arbeit Deutschlands", name_language="de", country="DE"
    )
    make_delegate(organization, username="dana", first_name="Dana")
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(live_server.url + "/")
    unseen = []

    # Sign in: from the header's link to the form, typing the name and the password.
    unseen += tab_to(page, page.get_by_role("link", name="Sign in"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/sign-in/**")
    unseen += tab_to(page, page.get_by_role("textbox", name="E-mail or user name"))
    page.keyboard.type("dana")
    unseen += tab_to(page, page.get_by_role("textbox", name="Password"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/")  # signing in from the front page leads home
    assert page.locator("header.site").get_by_text("Signed in as Dana").is_visible()

    # Away through the header and back to the delegate's home, then on to the statement that
    # waits for PTB.
    unseen += tab_to(page, page.get_by_role("link", name="Statements"))
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/statements/")
    unseen += tab_to(page, page.get_by_role("link", name="Your home"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/")
    waiting = page.locator("#waiting")  # the statement is also listed under its organization
    unseen += tab_to(page, waiting.get_by_role("link", name=statement.document_id))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/account/statements/{statement.pk}/sign/{organization.pk}/")

    # Tick the confirmation with Space; the button follows it, and Shift+Tab goes back to it.
    box = page.get_by_label("I have read this version and sign it on behalf of my organization.")
    unseen += tab_to(page, box)
    page.keyboard.press("Space")
    assert box.is_checked()
    button = page.get_by_role("button", name="Sign on behalf of PTB")
    unseen += tab_to(page, button, limit=1)
    unseen += tab_to(page, box, key="Shift+Tab", limit=1)
    assert box.is_checked()
    unseen += tab_to(page, button, limit=1)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The receipt.
    assert page.get_by_text("PTB has signed ICOR00359").first.is_visible()
    assert statement.signatures.filter(organization=organization).count() == 1
    assert unseen == []
