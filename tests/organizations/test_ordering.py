"""Lists of organizations follow the coalition's collation, case-insensitive, wherever they
are listed."""

import re

import pytest

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.accounts.services import grant_delegation
from undersigned.drafting.forms import InviteForm, RecordSignatureForm
from undersigned.drafting.selectors import dashboard
from undersigned.signatures.models import Method
from undersigned.signatures.selectors import statements_for_delegate
from undersigned.signatures.services import record_signature
from undersigned.statements.models import State
from undersigned.statements.services import create_statement, set_statement_state

pytestmark = pytest.mark.django_db

IN_ORDER = ["Alpha", "beta", "Österreich", "zeta"]


@pytest.fixture
def organizations():
    return [OrganizationFactory(abbreviation=a) for a in ("zeta", "Österreich", "beta", "Alpha")]


def test_the_choice_of_an_organization_in_forms_is_collated(organizations):
    for form in (InviteForm(), RecordSignatureForm()):
        labels = [label for value, label in form.fields["organization"].choices if value]
        assert [label.split(" ")[0] for label in labels] == IN_ORDER


def test_the_workspace_lists_members_who_have_not_signed_in_collation_order(organizations):
    secretariat = make_secretariat()
    statement = create_statement(
        language="en", title="T", short_title="T", body="Text.", author=secretariat
    )
    set_statement_state(statement, to=State.OPEN, by=secretariat)

    ((_state, (row,)),) = dashboard().groups

    assert [o.abbreviation for o in row.progress.missing] == IN_ORDER


def test_the_delegates_home_lists_their_organizations_in_collation_order(organizations):
    delegate = make_delegate(organizations[0])
    for organization in organizations[1:]:
        grant_delegation(delegate, organization=organization, by=None)

    groups = statements_for_delegate(delegate)

    assert [g["organization"].abbreviation for g in groups] == IN_ORDER


def test_the_secretariats_statement_page_lists_signatures_in_collation_order(client, organizations):
    secretariat = make_secretariat()
    statement = create_statement(
        language="en", title="T", short_title="T", body="Text.", author=secretariat
    )
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    for organization in organizations:
        record_signature(statement, organization=organization, method=Method.IMPORTED)
    client.force_login(secretariat)

    page = client.get(f"/secretariat/statements/{statement.pk}/").content.decode()

    listed = re.findall(r"<tr><td>([^<]+)</td><td>01\.00</td>", page)
    assert listed == IN_ORDER
