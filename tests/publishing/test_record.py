"""The public record reads in the order its events were recorded, each signature with its
own date beside it."""

import re
from datetime import UTC, datetime

import pytest

from tests.factories import OrganizationFactory, make_secretariat
from undersigned.signatures.models import Method
from undersigned.signatures.services import record_signature
from undersigned.statements.models import State
from undersigned.statements.services import add_version, create_statement, set_statement_state

pytestmark = pytest.mark.django_db


def test_the_record_reads_in_recorded_order_with_each_signatures_own_date(client):
    secretariat = make_secretariat()
    statement = create_statement(
        language="en", title="On solidarity", short_title="Solidarity", body="Text.",
        author=secretariat,
    )  # fmt: skip
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    for abbreviation, year in (("LATE", 2021), ("EARLY", 2019)):
        record_signature(
            statement, organization=OrganizationFactory(abbreviation=abbreviation),
            method=Method.IMPORTED, signed_at=datetime(year, 5, 1, tzinfo=UTC),
            check_open=False,
        )  # fmt: skip
    set_statement_state(statement, to=State.PUBLISHED, by=secretariat)

    page = client.get(f"/statements/{statement.document_id}/record/").content.decode()

    body = page[page.index('aria-labelledby="events-heading"') :]
    rows = re.findall(r"<tr><td>(\d+)</td>(.*?)</tr>", body)
    numbers = [int(n) for n, _row in rows]
    assert numbers == sorted(numbers)
    signed = [re.sub(r"<[^>]+>", "|", row) for _n, row in rows if "LATE" in row or "EARLY" in row]
    assert ["LATE" in signed[0], "EARLY" in signed[1]] == [True, True]
    assert "1 May 2021" in signed[0] and "1 May 2019" in signed[1]
    assert "<th>Recorded</th>" in body and "<th>Signed</th>" in body


def test_the_record_names_the_statement_in_the_readers_language_where_it_has_a_text(client):
    secretariat = make_secretariat()
    statement = create_statement(
        language="en", title="On solidarity", short_title="Solidarity", body="Text.",
        author=secretariat,
    )  # fmt: skip
    add_version(
        statement, title="Sur la solidarité", short_title="Solidarité", body="Texte.",
        language="fr", source=statement.current_version(), author=secretariat,
    )  # fmt: skip
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    set_statement_state(statement, to=State.PUBLISHED, by=secretariat)
    url = f"/statements/{statement.document_id}/record/"

    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert '<span lang="fr">Sur la solidarité</span>' in french
    assert '<span lang="en">On solidarity</span>' in german
