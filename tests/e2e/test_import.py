"""The secretariat imports a statement in the browser: upload, edit an entry, confirm."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import OrganizationFactory, make_secretariat
from undersigned.organizations.models import Organization
from undersigned.statements.models import Statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURE = Path(__file__).parents[1] / "fixtures" / "import" / "08_continents.txt"


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_secretariat_uploads_edits_an_entry_and_confirms(live_server, page):
    red_dawn = OrganizationFactory(abbreviation="RM", name="Rode Morgen", country="NL")
    sign_in(page, live_server, make_secretariat())

    page.goto(f"{live_server.url}/secretariat/import/")
    page.set_input_files("input[type=file]", str(FIXTURE))
    page.get_by_role("button", name="Read the files").click()
    page.wait_for_url(re.compile(r"/secretariat/import/[\w-]+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Review the import"
    assert not Statement.objects.exists()

    page.fill("input[name=entry-0-abbreviation]", "PCT")
    page.fill("input[name=entry-0-name]", "Parti Communiste du Togo")
    page.fill("input[name=entry-2-abbreviation]", "CPB")
    page.get_by_role("button", name="Confirm and create the draft").click()
    page.wait_for_url(re.compile(r"/secretariat/statements/\d+/$"))

    statement = Statement.objects.get()
    assert statement.state == "draft"
    assert statement.current_version().title == "Statement on the Anniversary of the Revolution"
    togo = Organization.objects.get(country="TG")
    assert (togo.abbreviation, togo.name) == ("PCT", "Parti Communiste du Togo")
    signatures = statement.signatures.order_by("signed_at")
    assert [s.organization.name for s in signatures] == [
        "Parti Communiste du Togo",
        "Rode Morgen",
        "Communist Party of Britain",
    ]
    assert signatures[1].organization == red_dawn
    assert {s.method for s in signatures} == {"imported"}
