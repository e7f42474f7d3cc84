"""Who hears of a signature or a withdrawal, and where their link leads (docs/drafting.md,
"Who is told"): every link must open a page its reader may see."""

import re

import pytest

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.signatures.models import Method
from undersigned.signatures.services import record_signature, sign_statement, withdraw_signature
from undersigned.statements.models import State
from undersigned.statements.services import create_statement, set_statement_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_secretariat(email="secretariat@example.org")


@pytest.fixture
def organization():
    return OrganizationFactory(abbreviation="MLPD", name="Marxistisch-Leninistische Partei")


@pytest.fixture
def open_statement(secretariat):
    statement = create_statement(
        language="en", title="On the dockers", short_title="Dockers", body="We support them.",
        label="01.01", author=secretariat,
    )  # fmt: skip
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    return statement


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_before_publication_each_link_of_a_signature_leads_to_a_page_its_reader_may_open(
    client, open_statement, organization, secretariat, deliver
):
    delegate = make_delegate(organization, email="one@mlpd.example")
    version = open_statement.current_version()

    with deliver():
        sign_statement(
            open_statement,
            organization=organization,
            by=delegate,
            version_hash=version.content_hash,
        )

    receipt = next(m for m in deliver.outbox if m.to == [delegate.email])
    notice = next(m for m in deliver.outbox if m.to == [secretariat.email])
    client.force_login(delegate)
    assert client.get(path_of(link_in(receipt))).status_code == 200
    assert (
        path_of(link_in(receipt))
        == f"/account/statements/{open_statement.pk}/sign/{organization.pk}/"
    )
    client.force_login(secretariat)
    assert path_of(link_in(notice)) == f"/secretariat/statements/{open_statement.pk}/"
    assert client.get(path_of(link_in(notice))).status_code == 200


def test_once_published_the_links_lead_to_the_public_record(
    open_statement, organization, secretariat, deliver
):
    delegate = make_delegate(organization, email="one@mlpd.example")
    set_statement_state(open_statement, to=State.PUBLISHED, by=secretariat)

    with deliver():
        record_signature(open_statement, organization=organization, by=delegate)

    receipt = next(m for m in deliver.outbox if m.to == [delegate.email])
    assert path_of(link_in(receipt)) == f"/statements/{open_statement.document_id}/record/"


def test_a_signature_the_secretariat_records_tells_the_organizations_delegates_not_you_signed(
    open_statement, organization, secretariat, deliver
):
    delegate = make_delegate(organization, email="one@mlpd.example")

    with deliver():
        record_signature(
            open_statement, organization=organization, method=Method.RECORDED,
            evidence="E-mail of 30 November", by=secretariat,
        )  # fmt: skip

    to_secretariat = [m for m in deliver.outbox if m.to == [secretariat.email]]
    assert [m.subject for m in to_secretariat] == [f"MLPD signed {open_statement.document_id}"]
    assert "You signed" not in to_secretariat[0].body
    (to_delegate,) = [m for m in deliver.outbox if m.to == [delegate.email]]
    assert "MLPD signed" in to_delegate.body and "recorded by the secretariat" in to_delegate.body


def test_the_other_delegate_of_an_organization_hears_that_a_colleague_withdrew_its_signature(
    open_statement, organization, deliver
):
    first = make_delegate(organization, email="one@mlpd.example")
    second = make_delegate(organization, email="two@mlpd.example")
    version = open_statement.current_version()
    sign_statement(
        open_statement, organization=organization, by=first, version_hash=version.content_hash
    )

    with deliver():
        withdraw_signature(open_statement, organization=organization, by=first)

    (to_first,) = [m for m in deliver.outbox if m.to == [first.email]]
    (to_second,) = [m for m in deliver.outbox if m.to == [second.email]]
    assert to_first.body.startswith("You withdrew the signature of MLPD")
    assert to_second.body.startswith("MLPD withdrew its signature")
