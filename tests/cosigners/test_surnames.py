"""People are sorted by surname, as coalitions print their lists: the rule on made-up names in
several scripts, the same order on the list's page, in the CSV export and in the downloads,
and the stored key made again for the signatures signed before the rule."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from tests.cosigners.test_showing import names
from undersigned.cosigners.imported import ImportedPerson, record_imported_people
from undersigned.cosigners.models import IndividualSignature, Order
from undersigned.cosigners.names import sort_name
from undersigned.cosigners.privacy import collation_key, name_key
from undersigned.cosigners.selectors import export_rows, listed_people
from undersigned.publishing.renderers.text import render_text
from undersigned.publishing.selectors import build_document


@pytest.mark.database_free
@pytest.mark.parametrize(
    ("name", "surname", "given"),
    [
        ("Jane Doe", "Doe", "Jane"),
        ("Prof. Dr. Alexander Quast", "Quast", "Alexander"),
        ("Univ.-Prof. Mag. Anna Berger", "Berger", "Anna"),
        ("Mme Anne Lefort", "Lefort", "Anne"),
        ("Jane Doe, PhD", "Doe", "Jane"),
        ("Martin Lucas King Jr.", "King", "Martin Lucas"),
        ("Jane Doe (SPD)", "Doe", "Jane"),
        ("Doe, Jane", "Doe", "Jane"),
        ("Doe, Dr. Jane", "Doe", "Jane"),
        ("DOE Jane", "DOE", "Jane"),
        ("Jean-Marc DUVAL-ROCHE", "DUVAL-ROCHE", "Jean-Marc"),
        ("VAN DER BERG Jan", "VAN DER BERG", "Jan"),
        ("JD Vance", "Vance", "JD"),  # initials, not a surname in capitals
        ("JANE DOE", "DOE", "JANE"),  # all in capitals: no sign, the last word
        ("Ludwig van Halden", "Halden", "Ludwig van"),
        ("Иван Петров", "Петров", "Иван"),
        ("Γιώργος Παπαδόπουλος", "Παπαδόπουλος", "Γιώργος"),
        ("ПЕТРОВ Иван", "ПЕТРОВ", "Иван"),
        ("王小明", "王小明", ""),  # Han: the surname is written first
        ("山田 花子", "山田 花子", ""),
        ("김 민준", "김 민준", ""),
        ("Madonna", "Madonna", ""),
        ("  Jane   Doe ", "Doe", "Jane"),
    ],
)
def test_the_surname_is_found_whatever_the_way_the_name_is_written(name, surname, given):
    assert sort_name(name) == (surname, given)


@pytest.mark.database_free
def test_the_key_sorts_by_surname_then_given_names_in_the_coalitions_collation():
    people = ["Zoë Adler", "Prof. Dr. Alexander Quast", "Ärger Anna", "Adam Doerr", "Jane Doe",
              "Dr. Bea Doe", "Émile Örtel", "Otto Ostrow", "Doe"]  # fmt: skip

    assert sorted(people, key=name_key) == [
        "Zoë Adler",
        "Ärger Anna",
        "Doe",
        "Dr. Bea Doe",
        "Jane Doe",
        "Adam Doerr",
        "Émile Örtel",
        "Otto Ostrow",
        "Prof. Dr. Alexander Quast",
    ]


IMPORTED = ["Prof. Dr. Alexander Quast", "Dr. André Zimmer", "Andrea Bauer", "MÜLLER Jana"]
BY_SURNAME = ["Andrea Bauer", "MÜLLER Jana", "Prof. Dr. Alexander Quast", "Dr. André Zimmer"]


@pytest.fixture
def imported(statement, version, secretariat):
    people = [ImportedPerson(n, name, country="DE") for n, name in enumerate(IMPORTED, start=1)]
    record_imported_people(
        statement,
        people,
        source="0" * 64,
        signed_at=datetime(2021, 3, 1, tzinfo=UTC),
        by=secretariat,
    )
    return people


@pytest.mark.django_db
@pytest.mark.parametrize("order", [Order.NAME, Order.COUNTRY])
def test_imported_people_are_listed_by_surname_not_by_what_follows_their_title(
    statement, imported, order
):
    opening = statement.openings.get(language="en")

    assert names(listed_people(statement, opening, order=order)) == BY_SURNAME


@pytest.mark.django_db
def test_the_time_order_is_still_the_order_of_signing(statement, imported):
    opening = statement.openings.get(language="en")

    assert names(listed_people(statement, opening, order=Order.TIME)) == IMPORTED


@pytest.mark.django_db
def test_the_page_the_csv_and_the_downloads_print_the_same_order(statement, imported, secretariat):
    secretary = Client()
    secretary.force_login(secretariat)

    page = Client().get(f"/statements/{statement.document_id}/").content.decode()
    csv = secretary.get(f"/secretariat/statements/{statement.pk}/individuals.csv").content
    text = render_text(build_document(statement))

    def order(printed: str) -> list[str]:
        return sorted(BY_SURNAME, key=printed.index)

    assert order(page) == BY_SURNAME
    assert order(csv.decode("utf-8-sig")) == BY_SURNAME
    assert [row[0] for row in export_rows(statement)] == BY_SURNAME
    assert order(text) == BY_SURNAME


@pytest.fixture
def back_to_the_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_signatures_of_before_get_the_key_by_surname(statement, imported, back_to_the_latest):
    for row in IndividualSignature.objects.all():  # keyed as before, by the name as written
        IndividualSignature.objects.filter(pk=row.pk).update(name_key=collation_key(row.name))
    executor = MigrationExecutor(connection)
    executor.migrate([("cosigners", "0005_fewer_indexes")])
    executor.loader.build_graph()
    executor.migrate([("cosigners", "0006_name_key_by_surname")])

    keys = dict(IndividualSignature.objects.values_list("name", "name_key"))
    assert keys == {name: name_key(name) for name in IMPORTED}
