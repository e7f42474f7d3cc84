"""The register in a real browser, at a desk and on a phone: the secretariat adds an
organization, makes a person its delegate and merges a duplicate into it; axe finds no WCAG
violation on any page of the way, and none is wider than the screen."""

import pytest

from tests.e2e.axe import axe_source, signed_in_context, violations
from tests.factories import OrganizationFactory, UserFactory, make_delegate, make_secretariat
from undersigned.accounts.models import Delegation
from undersigned.organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", SIZES)
def test_the_secretariat_adds_an_organization_a_delegate_and_merges_a_duplicate(
    live_server, browser, size
):
    secretariat = make_secretariat()
    UserFactory(email="anna@example.org", first_name="Anna", last_name="Arbeit")
    duplicate = OrganizationFactory(abbreviation="P.C.P.C.I.", name="PCPCI (entered twice)")
    make_delegate(duplicate, email="bo@example.org")
    source = axe_source()
    context = signed_in_context(browser, live_server, secretariat, viewport=SIZES[size])
    page = context.new_page()
    found: dict[str, dict] = {}

    def look() -> None:
        found.update({f"{page.url} {k}": v for k, v in violations(page, source).items()})
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("innerWidth"), (page.url, width)

    page.goto(live_server.url + "/account/")
    page.get_by_role("link", name="Register of organizations").click()
    look()
    page.get_by_role("link", name="Add an organization").click()
    page.locator("#id_abbreviation").fill("PCPCI")
    page.locator("#id_name").fill("Parti Communiste Prolétarien de Côte d'Ivoire")
    page.locator("#id_country").select_option("CI")
    page.locator("#id_translations").fill("en: Proletarian Communist Party of Ivory Coast")
    look()
    page.get_by_role("button", name="Add to the register").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "PCPCI"
    look()

    page.locator("#id_delegate-email").fill("anna@example.org")
    page.get_by_role("button", name="Add the delegate").click()
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text() == "anna@example.org is now a delegate."
    look()

    page.goto(live_server.url + f"/secretariat/organizations/{duplicate.pk}/")
    page.get_by_role("link", name="Merge into another organization").click()
    page.locator("#id_into").select_option(str(Organization.objects.get(abbreviation="PCPCI").pk))
    page.get_by_role("button", name="Show what would move").click()
    page.wait_for_load_state()
    assert "1 current delegate" in page.locator("#preview-heading + ul").inner_text()
    look()
    page.get_by_role("button", name="Merge P.C.P.C.I. into PCPCI").click()
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text() == "P.C.P.C.I. is merged into PCPCI."
    look()
    context.close()

    kept = Organization.objects.get(abbreviation="PCPCI")
    assert sorted(
        Delegation.objects.active().filter(organization=kept).values_list("user__email", flat=True)
    ) == ["anna@example.org", "bo@example.org"]
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert found == {}
