"""The register's pages: the secretariat keeps it on the site; everyone else is refused; a
refused form keeps what was typed and writes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    OrganizationFactory,
    TranslationFactory,
    UserFactory,
    VersionFactory,
    make_delegate,
    make_secretariat,
)
from undersigned.accounts.models import Delegation, Invitation
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.organizations.models import Organization
from undersigned.signatures.models import Method
from undersigned.signatures.services import record_signature

pytestmark = pytest.mark.django_db

PAGES = [
    ("get", "/secretariat/organizations/"),
    ("get", "/secretariat/organizations/new/"),
    ("post", "/secretariat/organizations/new/"),
    ("get", "/secretariat/organizations/{pk}/"),
    ("post", "/secretariat/organizations/{pk}/"),
    ("get", "/secretariat/organizations/{pk}/edit/"),
    ("post", "/secretariat/organizations/{pk}/edit/"),
    ("get", "/secretariat/organizations/{pk}/merge/"),
    ("post", "/secretariat/organizations/{pk}/merge/"),
]


@pytest.fixture
def organization():
    return OrganizationFactory(abbreviation="MLPD", name="Marxistisch-Leninistische Partei")


@pytest.fixture
def secretariat(client):
    person = make_secretariat()
    client.force_login(person)
    return person


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_the_public_is_sent_to_sign_in(client, organization, method, path):
    response = getattr(client, method)(path.format(pk=organization.pk))

    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/account/sign-in/")


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_a_delegate_and_a_person_without_a_role_are_refused(client, organization, method, path):
    for person in (make_delegate(organization), UserFactory()):
        client.force_login(person)
        response = getattr(client, method)(path.format(pk=organization.pk), {"name": "X"})
        assert response.status_code == 403
    assert AuditEvent.objects.exclude(kind=EventKind.DELEGATE_GRANTED).count() == 0


def test_the_secretariat_adds_an_organization_and_lands_on_its_page(client, secretariat):
    response = client.post(
        "/secretariat/organizations/new/",
        {"abbreviation": "PCPCI", "name": "Parti Communiste Prolétarien", "name_language": "fr",
         "country": "CI", "is_member": "on",
         "translations": "en: Proletarian Communist Party of Ivory Coast"},
    )  # fmt: skip

    organization = Organization.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        f"/secretariat/organizations/{organization.pk}/",
    )
    assert dict(organization.translations.values_list("language", "name")) == {
        "en": "Proletarian Communist Party of Ivory Coast"
    }
    assert list(AuditEvent.objects.values_list("kind", flat=True)) == [
        EventKind.ORGANIZATION_CREATED
    ]


def test_a_refused_organization_keeps_what_was_typed_and_writes_nothing(client, secretariat):
    response = client.post(
        "/secretariat/organizations/new/",
        {"abbreviation": "PCPCI", "name": "Parti Communiste Prolétarien", "country": "",
         "translations": "English name without a language"},
    )  # fmt: skip

    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Parti Communiste Prolétarien"' in page
    assert "Line 1 is not “language: name”." in page
    assert (Organization.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_the_errors_are_in_the_secretariats_language(client, secretariat):
    client.cookies["django_language"] = "fr"

    response = client.post("/secretariat/organizations/new/", {"name": "", "country": "FR"})

    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()


def test_a_change_removes_a_name_no_longer_listed(client, secretariat, organization):
    TranslationFactory(organization=organization, language="en", name="Old")

    response = client.post(
        f"/secretariat/organizations/{organization.pk}/edit/",
        {"abbreviation": "MLPD", "name": organization.name, "country": "DE",
         "translations": "fr: Parti marxiste-léniniste"},
    )  # fmt: skip

    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.country, organization.is_member) == ("DE", False)
    assert dict(organization.translations.values_list("language", "name")) == {
        "fr": "Parti marxiste-léniniste"
    }


def test_the_register_is_searched_by_a_countrys_name_in_any_language(client, secretariat):
    OrganizationFactory(abbreviation="MLPD", country="DE")
    OrganizationFactory(abbreviation="PCPCI", country="CI")

    german = client.get("/secretariat/organizations/", {"q": "Allemagne"}).content.decode()
    ivorian = client.get("/secretariat/organizations/", {"q": "pcp"}).content.decode()

    assert ("MLPD" in german, "PCPCI" in german) == (True, False)
    assert ("MLPD" in ivorian, "PCPCI" in ivorian) == (False, True)


def test_the_register_lists_in_the_coalitions_collation_and_pages(client, secretariat):
    for abbreviation in ("Zeta", "ÖKO", "attac", "Beta"):
        OrganizationFactory(abbreviation=abbreviation)

    page = client.get("/secretariat/organizations/").content.decode()

    positions = [page.index(f">{a}</a>") for a in ("attac", "Beta", "ÖKO", "Zeta")]
    assert positions == sorted(positions)


def test_the_secretariat_makes_an_account_a_delegate_and_ends_it(client, secretariat, organization):
    person = UserFactory(email="anna@example.org")

    client.post(
        f"/secretariat/organizations/{organization.pk}/",
        {"action": "add_delegate", "delegate-email": "Anna@example.org", "delegate-language": "en"},
    )
    delegation = Delegation.objects.active().get(organization=organization)
    response = client.post(
        f"/secretariat/organizations/{organization.pk}/",
        {"action": "end_delegation", "delegation": delegation.pk},
    )

    assert delegation.user == person
    assert response.status_code == 302
    assert not Delegation.objects.active().filter(organization=organization).exists()
    assert list(AuditEvent.objects.values_list("kind", flat=True)) == [
        EventKind.DELEGATE_GRANTED,
        EventKind.DELEGATE_REVOKED,
    ]


def test_an_address_without_an_account_is_invited(client, secretariat, organization, deliver):
    with deliver():
        response = client.post(
            f"/secretariat/organizations/{organization.pk}/",
            {"action": "add_delegate", "delegate-email": "new@example.org",
             "delegate-language": "fr"},
        )  # fmt: skip

    assert response.status_code == 302
    assert Invitation.objects.get().organization == organization
    assert [message.to for message in deliver.outbox] == [["new@example.org"]]


def test_a_delegate_added_twice_is_told_so_and_nothing_is_written(
    client, secretariat, organization
):
    make_delegate(organization, email="anna@example.org")
    events = AuditEvent.objects.count()

    response = client.post(
        f"/secretariat/organizations/{organization.pk}/",
        {"action": "add_delegate", "delegate-email": "anna@example.org", "delegate-language": "en"},
    )

    assert response.status_code == 400
    assert "anna@example.org is already a delegate of MLPD." in response.content.decode()
    assert AuditEvent.objects.count() == events


def test_a_merge_shows_what_moves_then_merges_on_confirmation(client, secretariat, organization):
    duplicate = OrganizationFactory(abbreviation="M.L.P.D.")
    make_delegate(duplicate)
    path = f"/secretariat/organizations/{duplicate.pk}/merge/"

    preview = client.get(path, {"into": organization.pk})
    response = client.post(path, {"into": organization.pk, "confirm": "yes"})

    assert preview.status_code == 200
    assert "1 current delegate" in preview.content.decode()
    assert Organization.objects.filter(pk=duplicate.pk).exists() is False
    assert response["Location"] == f"/secretariat/organizations/{organization.pk}/"


def test_a_refused_merge_names_the_statement_and_changes_nothing(client, secretariat, organization):
    duplicate = OrganizationFactory(abbreviation="M.L.P.D.")
    statement = VersionFactory(statement__state="open", statement__number=3).statement
    for signer in (organization, duplicate):
        record_signature(statement, organization=signer, method=Method.RECORDED, by=secretariat)
    events = AuditEvent.objects.count()
    path = f"/secretariat/organizations/{duplicate.pk}/merge/"

    preview = client.get(path, {"into": organization.pk})
    response = client.post(path, {"into": organization.pk, "confirm": "yes"})

    assert (preview.status_code, response.status_code) == (409, 409)
    assert "Both organizations signed “DOC00003 On the matter at hand”" in response.content.decode()
    assert Organization.objects.filter(pk=duplicate.pk).exists()
    assert AuditEvent.objects.count() == events


def test_the_secretariats_home_and_workspace_lead_to_the_register(client, secretariat):
    home = client.get("/account/").content.decode()
    workspace = client.get("/drafting/").content.decode()

    assert 'href="/secretariat/organizations/"' in home
    assert 'href="/secretariat/organizations/"' in workspace
    assert 'href="/admin/"' not in home


def test_an_organizations_page_costs_the_same_queries_for_one_signature_or_three(
    client, secretariat, organization
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/secretariat/organizations/{organization.pk}/").status_code == 200
        return len(captured)

    def signed(number: int) -> None:
        statement = VersionFactory(statement__state="open", statement__number=number).statement
        record_signature(statement, organization=organization, method=Method.RECORDED)

    signed(1)
    one = queries()
    signed(2)
    signed(3)

    assert queries() == one


def test_an_organization_is_international_only_when_the_secretariat_says_so(client, secretariat):
    """A country left at "—" is an oversight and refused; ticked international, the
    organization is registered with no country and shown as international."""
    typed = {"name": "Our World Is Not For Sale", "country": ""}

    forgotten = client.post("/secretariat/organizations/new/", typed)
    both = client.post(
        "/secretariat/organizations/new/", {**typed, "country": "BE", "international": "on"}
    )
    added = client.post("/secretariat/organizations/new/", {**typed, "international": "on"})

    assert (forgotten.status_code, both.status_code, added.status_code) == (400, 400, 302)
    assert "Choose the country, or mark the organization international." in (
        forgotten.content.decode()
    )
    assert "An international organization has no country" in both.content.decode()
    organization = Organization.objects.get()
    assert organization.country == ""
    assert AuditEvent.objects.get().data["fields"]["country"] == ""
    page = client.get(added["Location"]).content.decode()
    assert "<dd>international</dd>" in page
    edit = client.get(f"/secretariat/organizations/{organization.pk}/edit/").content.decode()
    assert 'id="id_international" checked' in edit


def test_the_register_filters_its_international_organizations(client, secretariat):
    OrganizationFactory(abbreviation="MLPD", country="DE")
    OrganizationFactory(abbreviation="OWINFS", country="")

    page = client.get("/secretariat/organizations/", {"country": "international"})

    listed = page.content.decode()
    assert '<option value="international" selected>international</option>' in listed
    assert ("OWINFS" in listed, "MLPD" in listed) == (True, False)
    assert "<td>international</td>" in listed


def test_the_form_does_not_say_an_empty_country_makes_an_organization_international(
    client, secretariat
):
    """The country left at "—" is refused; the box below says international, and the fields
    are labelled as sentences ("Website", not "website")."""
    page = client.get("/secretariat/organizations/new/").content.decode()

    assert "Empty for an international organization" not in page
    assert 'aria-describedby="id_international_helptext"' in page
    assert '<label for="id_website">Website:</label>' in page


def test_searching_international_finds_the_organizations_listed_so(client, secretariat):
    OrganizationFactory(abbreviation="MLPD", country="DE")
    OrganizationFactory(abbreviation="OWINFS", country="")

    english = client.get("/secretariat/organizations/", {"q": "internat"}).content.decode()
    french = client.get(
        "/secretariat/organizations/", {"q": "internationale"}, headers={"accept-language": "fr"}
    ).content.decode()

    assert ("OWINFS" in english, "MLPD" in english) == (True, False)
    assert "OWINFS" in french
