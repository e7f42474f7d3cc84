"""Showing individuals: the list in the coalition's order (alphabetical, by country, by time of
signing), the numbers by country, the list settings, country names in the reader's language,
and the counts on the statement's record."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from undersigned.core.models import AuditEvent
from undersigned.cosigners.models import FieldUse, IndividualSignature, Listing, Order, PeopleList
from undersigned.cosigners.selectors import (
    country_numbers,
    listed_people,
    opening_for,
    state_counts,
)
from undersigned.cosigners.services import (
    CosigningRefused,
    confirm_signature,
    moderate_signature,
    set_opening,
    set_people_list,
    sign_as_person,
)

# (name, country) in the order they confirm.
SIGNERS = [
    ("Zoë Weber", "DE"),
    ("Émile Roux", "AT"),
    ("Anna Vidal", "ES"),
    ("Ängel Huber", "AT"),
    ("Bruno Keller", "DE"),
    ("Carla Nobody", ""),
]


def confirm_all(statement, version, signers=SIGNERS) -> list[str]:
    """Signs and confirms each (name, country) through the services; returns the receipts."""
    receipts = []
    for i, (name, country) in enumerate(signers):
        signed = sign_as_person(
            statement,
            language="en",
            version_hash=version.content_hash,
            name=name,
            email=f"signer{i}@example.org",
            country=country,
        )
        receipts.append(confirm_signature(signed.signature)[1])
    return receipts


def names(page) -> list[str]:
    return [person.name for person in page.object_list]


@pytest.fixture
def signers(opening, statement, version):
    return confirm_all(statement, version)


def test_the_list_is_alphabetical_by_surname_in_the_coalitions_collation_by_default(
    opening, statement, signers
):
    page = listed_people(statement, opening)
    assert names(page) == [
        "Ängel Huber",
        "Bruno Keller",
        "Carla Nobody",
        "Émile Roux",
        "Anna Vidal",
        "Zoë Weber",
    ]


def test_by_country_the_countries_follow_their_names_in_the_readers_language(
    opening, statement, signers
):
    # English: Austria, Germany, Spain; German: Deutschland, Österreich, Spanien. No country last.
    english = listed_people(statement, opening, order=Order.COUNTRY, language="en")
    german = listed_people(statement, opening, order=Order.COUNTRY, language="de")
    assert names(english) == [
        "Ängel Huber",
        "Émile Roux",
        "Bruno Keller",
        "Zoë Weber",
        "Anna Vidal",
        "Carla Nobody",
    ]
    assert names(german) == [
        "Bruno Keller",
        "Zoë Weber",
        "Ängel Huber",
        "Émile Roux",
        "Anna Vidal",
        "Carla Nobody",
    ]


@pytest.mark.parametrize("per_page", [1, 2, 4, 5])
def test_pages_by_country_cut_across_countries_and_add_up_to_the_whole_list(
    opening, statement, signers, per_page
):
    whole = names(listed_people(statement, opening, order=Order.COUNTRY, per_page=100))
    pages = []
    for number in range(1, 7):
        page = listed_people(
            statement, opening, order=Order.COUNTRY, page=number, per_page=per_page, count=6
        )
        pages.extend(names(page))
        if not page.has_next():
            break
    assert pages == whole
    assert page.paginator.num_pages == -(-6 // per_page)


def test_the_list_by_time_follows_the_confirmations(opening, statement, version):
    first = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Aaron", email="a@x.org"
    )
    second = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Yusuf", email="y@x.org"
    )
    confirm_signature(second.signature)  # signed second, confirmed first
    confirm_signature(first.signature)
    assert names(listed_people(statement, opening, order=Order.TIME)) == ["Yusuf", "Aaron"]


def test_a_search_keeps_the_order_chosen(opening, statement, signers):
    found = listed_people(statement, opening, order=Order.COUNTRY, language="de", query="e")
    assert names(found) == ["Bruno Keller", "Zoë Weber", "Ängel Huber", "Émile Roux"]
    found = listed_people(statement, opening, order=Order.TIME, query="ROUX")
    assert names(found) == ["Émile Roux"]


def test_the_numbers_by_country_name_the_countries_in_the_readers_language(
    opening, statement, signers
):
    numbers = [(n.code, n.name, n.count) for n in country_numbers(statement, language="fr")]
    assert numbers == [
        ("DE", "Allemagne", 2),
        ("AT", "Autriche", 2),
        ("ES", "Espagne", 1),
        ("", "", 1),
    ]


def plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize("order", list(Order))
def test_no_order_sorts_the_rows_the_database_reads_the_list_by_an_index(
    opening, statement, signers, order
):
    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's query plan")
    with CaptureQueriesContext(connection) as queries:
        listed_people(statement, opening, order=order, count=6)
    lists = [q["sql"] for q in queries.captured_queries if '"name_key"' in q["sql"]]
    lists += [q["sql"] for q in queries.captured_queries if '"confirmed_at" ASC' in q["sql"]]
    assert lists
    for sql in lists:
        explained = plan(sql, None)
        assert "TEMP B-TREE" not in explained, explained
        assert "USING" in explained and "INDEX cosigner_" in explained, explained


def test_the_list_page_shows_country_names_numbers_and_the_order(
    client, opening, statement, signers
):
    PeopleList.objects.create(statement=statement, order=Order.COUNTRY)
    url = reverse("cosigners:people", args=[statement.document_id, "en"])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Bruno Keller</span> (Deutschland)" in html
    table = html[html.index('id="country-numbers-heading"') :]
    rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"number\">(\d+)</td></tr>", table)
    assert rows[:3] == [("Deutschland", "2"), ("Österreich", "2"), ("Spanien", "1")]
    assert html.index("Bruno Keller") < html.index("Ängel Huber") < html.index("Anna Vidal")


def test_no_numbers_by_country_where_the_country_is_not_shown(
    client, opening, statement, secretariat, signers
):
    set_opening(statement, language="en", listing=Listing.LISTED, by=secretariat,
                country=FieldUse.ASKED)  # fmt: skip
    url = reverse("cosigners:people", args=[statement.document_id, "en"])
    html = client.get(url).content.decode()
    assert "country-numbers" not in html and "Austria" not in html
    assert "Anna Vidal" in html


def test_the_pages_of_the_list_have_addresses_of_their_own(
    client, opening, statement, version, settings
):
    confirm_all(statement, version, [(f"Name {i:03d}", "FR") for i in range(101)])
    first = reverse("cosigners:people", args=[statement.document_id, "en"])
    second = reverse("cosigners:people_page", args=[statement.document_id, "en", 2])
    html = client.get(first).content.decode()
    assert f'href="{second}" rel="next"' in html
    html = client.get(second).content.decode()
    assert "Name 100" in html and "Name 099" not in html
    assert f'href="{first}" rel="prev"' in html
    searched = client.get(first, {"q": "name"}).content.decode()
    assert f'href="{first}?q=name&amp;page=2" rel="next"' in searched


def test_the_receipt_names_the_country_in_the_readers_language(client, opening, statement, version):
    (receipt,) = confirm_all(statement, version, [("Ana Lopez", "FR")])
    url = reverse("cosigners:receipt", args=[receipt])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<dd>Frankreich</dd>" in html
    assert "<dd>FR</dd>" not in html


def test_the_record_counts_individuals_by_state(client, opening, statement, secretariat, signers):
    held = IndividualSignature.objects.get(name="Anna Vidal")
    moderate_signature(held, to="held", by=secretariat)
    html = client.get(reverse("publishing:statement_record", args=[statement.document_id]))
    html = html.content.decode()
    rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"number\">(\d+)</td></tr>", html)
    assert rows == [
        ("confirmed", "5"),
        ("held for moderation", "1"),
        ("withdrawn", "0"),
        ("invalidated", "0"),
    ]
    assert state_counts(statement) == [(label, int(number)) for label, number in rows]
    log = reverse("cosigners:log", args=[statement.document_id])
    assert f'<a href="{log}">the statement\'s public log</a>' in html


def test_the_secretariat_chooses_the_order_and_the_names_in_the_downloads(
    client, statement, secretariat
):
    client.force_login(secretariat)
    manage = reverse("secretariat:statement", args=[statement.pk])
    assert "Order of the list" in client.get(manage).content.decode()
    response = client.post(
        reverse("cosigners:set_people_list", args=[statement.pk]),
        {"list-order": "country", "list-in_documents": "250"},
    )
    assert response.status_code == 302
    listed = PeopleList.objects.get(statement=statement)
    assert (listed.order, listed.in_documents) == ("country", 250)
    event = AuditEvent.objects.filter(kind="individuals.list").get()
    assert event.data == {"from": None, "to": {"order": "country", "in_documents": 250}}
    client.post(
        reverse("cosigners:set_people_list", args=[statement.pk]),
        {"list-order": "time", "list-in_documents": ""},
    )
    listed.refresh_from_db()
    assert (listed.order, listed.in_documents) == ("time", None)


def test_others_cannot_choose_the_order(client, statement):
    client.force_login(UserFactory())
    response = client.post(
        reverse("cosigners:set_people_list", args=[statement.pk]),
        {"list-order": "time", "list-in_documents": "5"},
    )
    assert response.status_code == 403
    assert not PeopleList.objects.exists()
    with pytest.raises(CosigningRefused):
        set_people_list(statement, order="time", in_documents=5, by=UserFactory())


def test_an_unknown_order_is_refused_and_nothing_changes(client, statement, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("cosigners:set_people_list", args=[statement.pk]),
        {"list-order": "random", "list-in_documents": "-1"},
        follow=True,
    )
    assert "Choose an order, and a number of names that is 0 or more." in response.content.decode()
    assert not PeopleList.objects.exists()
    assert opening_for(statement, "en") is None
