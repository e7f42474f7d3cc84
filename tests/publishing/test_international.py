"""An international organization (a network, a regional coalition: no one country) is listed
with no country, never a wrong one: on the public page, in every download and the API, and
read back from every download as an organization with no country."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from tests.factories import OrganizationFactory, SignatureFactory, VersionFactory
from tests.importing.test_round_trip import RENDER, printed
from undersigned.importing.parsers import parse_bytes
from undersigned.publishing.selectors import build_document
from undersigned.signatures.selectors import signatory_entries

pytestmark = pytest.mark.django_db

NETWORK = "Our World Is Not For Sale"


@pytest.fixture
def statement():
    version = VersionFactory(statement__number=412, title="On the TRIPS waiver")
    for name, country, day in (
        ("Third World Network", "", 1),
        ("Public Services International", "", 2),
        ("Attac e.V.", "DE", 3),
        (NETWORK, "", 4),
    ):
        SignatureFactory(
            version=version,
            organization=OrganizationFactory(
                abbreviation="", name=name, name_language="en", country=country
            ),
            signed_at=datetime(2021, 3, day, tzinfo=UTC),
        )
    return version.statement


def test_international_organizations_come_after_the_continents_with_no_country(statement):
    entries = signatory_entries(statement)

    assert [(e.name, e.country, e.country_label, e.continent) for e in entries] == [
        ("Attac e.V.", "DE", "Germany", "europe"),
        ("Third World Network", "", "", None),
        ("Public Services International", "", "", None),
        (NETWORK, "", "", None),
    ]


def test_a_territory_label_says_where_an_international_organization_works(statement):
    network = statement.signatures.get(organization__name=NETWORK).organization
    network.territory_label = "Global South"
    network.save()

    (entry,) = [e for e in signatory_entries(statement) if e.name == NETWORK]

    assert (entry.country, entry.country_label) == ("", "Global South")


def test_the_public_page_names_no_country_for_them(client, statement):
    page = client.get("/statements/DOC00412/").content.decode()

    assert f'<li value="4"><span class="name">{NETWORK}</span></li>' in page
    assert '<span class="name">Attac e.V.</span><span class="country">, Germany</span>' in page


@pytest.mark.parametrize("kind", list(RENDER))
def test_every_download_prints_them_with_no_country_and_reads_back(statement, kind):
    with translation.override("en"):
        document = build_document(statement)

    read = parse_bytes(RENDER[kind](document), f"statement.{kind}").to_dict()["signatories"]

    assert [(e["name"], e["country"]) for e in read] == [
        ("Attac e.V.", "DE"),
        ("Third World Network", None),
        ("Public Services International", None),
        (NETWORK, None),
    ]
    assert [e["country"] for e in printed(document)["signatories"]] == ["DE", None, None, None]


def test_the_json_download_and_the_api_give_no_country(client, statement):
    document = client.get("/api/v1/statements/DOC00412/signatories/").json()
    organizations = client.get("/api/v1/organizations/").json()

    assert [e["country"] for e in document["results"]] == ["DE", None, None, None]
    assert sorted(o["country"] or "" for o in organizations["results"]) == ["", "", "", "DE"]
