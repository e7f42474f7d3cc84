"""The drafting journey in a real browser: consultation, an amendment, its acceptance."""

import json
import re
from importlib.resources import files

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.statements.services import create_statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDED = "The workers of Belarus need their own revolutionary party."


def signed_in(browser, live_server, user):
    """A browser context carrying the session of `user` (signed in through Django's client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def example_text() -> dict:
    data = json.loads(files("undersigned.data").joinpath("icor.json").read_text("utf-8"))
    return next(v for v in data["statements"][0]["versions"] if v["label"] == "05.01")


def test_a_delegates_amendment_is_accepted_into_a_new_version(live_server, browser):
    text = example_text()
    organization = OrganizationFactory(abbreviation="MLPD", name="Marxistisch-Leninistische Partei")
    secretariat = make_secretariat()
    delegate = make_delegate(organization)
    paragraph_3 = text["body"].split("\n\n")[2]
    new_text = f"{paragraph_3} {ADDED}"
    statement = create_statement(
        language="en", title=text["title"], short_title=text["short_title"], body=text["body"],
        label="05.01", author=secretariat,
    )  # fmt: skip
    staff = signed_in(browser, live_server, secretariat).new_page()
    member = signed_in(browser, live_server, delegate).new_page()
    base = f"{live_server.url}/drafting/statements/{statement.pk}"

    # The secretariat opens the consultation: the next step on the statement's page.
    staff.goto(f"{base}/")
    staff.get_by_role("button", name="Start the consultation").click()
    staff.wait_for_load_state()
    assert "The statement is now in consultation." in staff.locator(".messages").inner_text()
    statement.refresh_from_db()
    assert statement.state == "consultation"

    # A delegate proposes an amendment to paragraph 3.
    member.goto(f"{base}/")
    assert member.locator("#p3 .ptext").inner_text().startswith("In the confrontation")
    member.get_by_label("From paragraph").fill("3")
    member.get_by_label("New text").fill(new_text)
    member.get_by_label("Reason").fill("Name the proletariat and its own demands.")
    member.get_by_role("button", name="Propose the amendment").click()
    member.wait_for_url(f"{base}/")
    assert "Amendment #1 is proposed." in member.locator(".messages").inner_text()

    # The secretariat accepts it.
    staff.goto(f"{base}/")
    heading = staff.get_by_role("heading", name="Amendment #1 by MLPD to ¶ 3")
    assert heading.is_visible()
    staff.get_by_role("button", name="Accept #1").click()
    staff.wait_for_url(f"{base}/")
    assert "Amendment #1 accepted: version 05.02." in staff.locator(".messages").inner_text()

    current = statement.current_version()
    assert current.label == "05.02"
    assert current.body.split("\n\n")[2] == new_text
    assert staff.locator("#p3 .ptext").inner_text() == new_text

    # The comparison shows the new words as insertions.
    staff.goto(f"{base}/diff/")
    assert staff.get_by_role("heading", level=1).inner_text() == "Changes from 05.01 EN to 05.02 EN"
    (inserted,) = staff.locator("ins").all_inner_texts()
    assert re.sub(r"\s+", " ", inserted).strip() == f"inserted: {ADDED}"  # in words, not by colour

    # The history credits the delegate's organization.
    member.goto(f"{base}/history/")
    history = member.locator("main").inner_text()
    assert "Amendment #1 by MLPD – Marxistisch-Leninistische Partei accepted" in history
    assert "amendment #1 by MLPD accepted into version 05.02" in history
    staff.context.close()
    member.context.close()
