"""The secretariat imports a statement in the browser: upload, edit an entry, confirm."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.factories import OrganizationFactory, make_secretariat
from undersigned.core.tasks import run_pending
from undersigned.cosigners.models import IndividualSignature
from undersigned.organizations.models import Organization
from undersigned.statements.models import Statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURE = Path(__file__).parents[1] / "fixtures" / "import" / "08_continents.txt"


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def read_by_the_worker(page) -> None:
    """The upload's page says it is queued; a worker reads it; the page, reloading by itself,
    becomes the review."""
    assert page.get_by_role("heading", level=1).inner_text() == "Reading the file"
    assert page.get_by_role("status").inner_text().startswith("Queued")
    assert run_pending() == 1
    page.get_by_role("heading", level=1, name="Review the import").wait_for(timeout=10_000)


def uploaded(page, live_server, path: Path) -> None:
    """Signed in, the secretariat uploads `path` and is on its review once it is read."""
    page.goto(f"{live_server.url}/secretariat/import/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Read the files").click()
    page.wait_for_url(re.compile(r"/secretariat/import/[\w-]+/$"))
    read_by_the_worker(page)


def test_the_secretariat_uploads_edits_an_entry_and_confirms(live_server, page):
    red_dawn = OrganizationFactory(abbreviation="RM", name="Rode Morgen", country="NL")
    sign_in(page, live_server, make_secretariat())

    uploaded(page, live_server, FIXTURE)
    assert not Statement.objects.exists()

    page.fill("input[name=entry-0-abbreviation]", "PCT")
    page.fill("input[name=entry-0-name]", "Parti Communiste du Togo")
    page.fill("input[name=entry-2-abbreviation]", "CPB")
    page.get_by_role("button", name="Confirm the import").click()
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


REAL = (
    Path(__file__).parents[1] / "fixtures" / "import" / "real" / "en_owinfs_cso_letter_unctad.html"
)


def test_on_a_phone_the_secretariat_merges_two_entries_changes_a_kind_and_confirms(
    live_server, browser
):
    from undersigned.importing import services

    user = make_secretariat()
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, live_server, user)
        page.goto(f"{live_server.url}/secretariat/import/")
        page.set_input_files("input[type=file]", str(REAL))
        page.get_by_role("button", name="Read the files").click()
        page.wait_for_url(re.compile(r"/secretariat/import/[\w-]+/$"))
        read_by_the_worker(page)
        (pending,) = services.pending_imports(by=user)
        parsed = pending.review_entries()
        assert len(parsed) >= 3
        first_lines = parsed[0].lines + parsed[1].lines
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        page.get_by_role("button", name="Merge with the next entry (entry 1)").click()
        page.wait_for_url(re.compile(r"#entry-1$"))
        lines = page.locator("#entry-1 ol.lines code").all_inner_texts()
        assert lines == first_lines
        # the kind changes by keyboard: Tab to the entry's button, then Enter
        kind = "organization" if parsed[2].kind == "person" else "person"
        button = page.locator(f"button[value='{kind}:1']")
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"#entry-2$"))

        count = len(parsed) - 1
        for index in range(count):
            page.fill(f"input[name=entry-{index}-country]", "CH")
            page.keyboard.press("Escape")  # closes the list of countries
            if page.locator(f"input[name=entry-{index}-abbreviation]").count():
                page.fill(f"input[name=entry-{index}-abbreviation]", f"ORG{index}")
            if page.locator(f"select[name=entry-{index}-organization]").count():
                page.select_option(f"select[name=entry-{index}-organization]", "new")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_role("button", name="Confirm the import").click()
        page.wait_for_url(re.compile(r"/secretariat/statements/\d+/$"))
    finally:
        context.close()

    statement = Statement.objects.get()
    signatures = list(statement.signatures.order_by("signed_at"))
    people = list(IndividualSignature.objects.filter(statement=statement))
    organizations = [signature.organization.name for signature in signatures]
    names = organizations + [person.name for person in people]
    assert f"{parsed[0].name} {parsed[1].name}" in names  # merged, whatever its kind
    # a person is one of the statement's individual signatories, not an entry of the register
    kinds = [parsed[0].kind, kind, *(entry.kind for entry in parsed[3:])]
    assert (len(signatures), len(people)) == (kinds.count("organization"), kinds.count("person"))
    assert (parsed[2].name in organizations) == (kind == "organization")
    assert not Organization.objects.filter(is_member=True).exists()


def test_a_file_over_its_time_budget_shows_why_on_its_page(live_server, page, settings, tmp_path):
    settings.IMPORT_SECONDS = 1
    slow = tmp_path / "slow.txt"
    lines = "\n".join(f"{n}. Partido {n}" + " continued" * 400 for n in range(1, 4000))
    slow.write_text(f"Title\n\nText.\n\nSignatories:\n{lines}\n")
    sign_in(page, live_server, make_secretariat())

    page.goto(f"{live_server.url}/secretariat/import/")
    page.set_input_files("input[type=file]", str(slow))
    page.get_by_role("button", name="Read the files").click()
    page.wait_for_url(re.compile(r"/secretariat/import/[\w-]+/$"))
    assert run_pending() == 1
    heading = page.get_by_role("heading", level=1, name="This file could not be imported")
    heading.wait_for(timeout=10_000)

    alert = page.get_by_role("alert").inner_text()
    assert "Reading slow.txt took longer than 1 seconds, the limit for one file" in alert
    assert "Nothing was imported." in alert
    page.get_by_role("button", name="Dismiss").click()
    page.wait_for_url(f"{live_server.url}/secretariat/import/")
    assert page.get_by_role("heading", name="Being read").count() == 0
    assert not Statement.objects.exists()


SPANISH = (
    Path(__file__).parents[1]
    / "fixtures"
    / "import"
    / "real"
    / "es_manifiesto_salud_democratica.pdf"
)


@pytest.mark.parametrize("width", [1280, 390])
def test_an_archived_list_of_one_country_is_published_at_once_with_a_default_country(
    live_server, page, width
):
    """A real printed manifesto of 35 Spanish organizations, most without an abbreviation and
    none with a country: the review asks for one default country, not 35, and the statement of
    the archive is published at once."""
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, make_secretariat())
    uploaded(page, live_server, SPANISH)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the review overflows by {overflow} px at {width} px"

    page.get_by_label("Country of the organizations that name none").fill("ES")
    page.get_by_label("Published before: publish it at once").check()
    # The printed copy names its day without its year: the review asks for the date rather
    # than publish it on the day of the import, and keeps what was filled in.
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.locator("body")).to_contain_text("needs the day it was published")
    assert page.get_by_label("Country of the organizations that name none").input_value() == "ES"
    page.get_by_label("Date of the document").fill("2024-07-17")
    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_url(re.compile(r"/secretariat/statements/\d+/$"))

    statement = Statement.objects.get()
    assert "Imported and published with" in page.inner_text("body")
    assert statement.state == "published"
    created = Organization.objects.all()
    assert created.count() >= 30
    assert set(created.values_list("country", flat=True)) == {"ES"}
    assert created.filter(abbreviation="").count() >= 10


NETWORKS = FIXTURE.parent / "real" / "en_owinfs_ldc_trips_extension.pdf"


def beside_its_label(page, box_id: str) -> bool:
    """A checkbox on the line of its label, as the other boxes of the review are: not alone
    on a line above it, where it reads as belonging to the field before."""
    box = page.locator(f"#{box_id}").bounding_box()
    label = page.locator(f"label[for={box_id}]").bounding_box()
    return box["x"] < label["x"] and label["y"] <= box["y"] + box["height"] / 2 <= (
        label["y"] + label["height"]
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_international_boxes_of_the_review_sit_beside_their_labels(live_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, make_secretariat())
    uploaded(page, live_server, NETWORKS)

    assert beside_its_label(page, "id_header-published_before")
    assert beside_its_label(page, "id_header-default_international")
    assert beside_its_label(page, "id_entry-0-international")
