import pytest

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.statements.models import State
from undersigned.statements.services import create_statement, set_statement_state

BODY = "\n\n".join(
    [
        "The first paragraph sets the scene.",
        "The second paragraph describes the events.",
        "The people will win if they organize.",
        "We call for solidarity with the workers.",
        "Workers of all countries, unite!",
    ]
)


@pytest.fixture
def secretariat(db):
    return make_secretariat(first_name="Sam", last_name="Secretary")


@pytest.fixture
def member(db):
    return OrganizationFactory(abbreviation="MLPD", name="Marxistisch-Leninistische Partei")


@pytest.fixture
def delegate(member):
    return make_delegate(member, email="delegate@mlpd.example")


@pytest.fixture
def outsider_organization(db):
    return OrganizationFactory(abbreviation="NOPE", is_member=False)


@pytest.fixture
def outsider(outsider_organization):
    """A delegate, but of an organization outside the coalition."""
    return make_delegate(outsider_organization, email="outsider@example.org")


@pytest.fixture
def draft(secretariat):
    return create_statement(
        language="en",
        title="On solidarity",
        short_title="Solidarity",
        body=BODY,
        label="05.01",
        author=secretariat,
    )


@pytest.fixture
def in_consultation(draft, secretariat):
    set_statement_state(draft, to=State.CONSULTATION, by=secretariat)
    return draft
