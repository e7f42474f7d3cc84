"""Invitations name the statement, speak the invited person's language on every page that
follows, and warn before inviting for an organization that has already signed."""

import re

import pytest

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.accounts.models import Invitation
from undersigned.accounts.services import profile_of
from undersigned.signatures.services import record_signature
from undersigned.statements.models import State
from undersigned.statements.services import create_statement, set_statement_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_secretariat()


@pytest.fixture
def statement(secretariat):
    statement = create_statement(
        language="en", title="On the harbour strike", short_title="Harbour strike",
        body="We, the undersigned, declare.\n\nLong live solidarity!", author=secretariat,
    )  # fmt: skip
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    return statement


def invite(client, statement, organization, *, email="nouvelle@example.org", **extra):
    return client.post(
        f"/secretariat/statements/{statement.pk}/",
        {
            "action": "invite",
            "invite-email": email,
            "invite-organization": organization.pk,
            "invite-language": "fr",
            **extra,
        },
    )


def test_the_invitation_names_the_statement_and_every_page_after_it_speaks_french(
    client, secretariat, statement, deliver
):
    organization = OrganizationFactory(abbreviation="PCF", is_member=False)
    client.force_login(secretariat)
    with deliver():
        assert invite(client, statement, organization).status_code == 302
    (message,) = [m for m in deliver.outbox if m.to == ["nouvelle@example.org"]]
    named = f"{statement.document_id} On the harbour strike"
    assert message.subject == f"Vous êtes invité·e à signer {named} pour PCF"
    assert named in message.body
    link = re.search(r"http://[^/\s]+(/account/invitation/\S+/)", message.body).group(1)

    client.logout()
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Accepter et se connecter" in page
    assert f"La déclaration qui attend sa signature : {named}." in page

    accepted = client.post(link, HTTP_ACCEPT_LANGUAGE="en")
    sign_page = f"/account/statements/{statement.pk}/sign/{organization.pk}/"
    assert accepted.status_code == 302 and accepted.url == sign_page
    page = client.get(sign_page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "PCF n’a pas encore signé : lisez le texte, puis signez à la fin." in page
    home = client.get("/account/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Votre accueil" in home and "à signer pour PCF" in home
    person = Invitation.objects.get().accepted_by
    assert profile_of(person).language == "fr"


def test_inviting_for_an_organization_that_has_signed_warns_and_sends_nothing_until_confirmed(
    client, secretariat, statement, deliver
):
    organization = OrganizationFactory(abbreviation="MLPD")
    record_signature(statement, organization=organization, by=make_delegate(organization))
    client.force_login(secretariat)
    with deliver():
        refused = invite(client, statement, organization)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert f"MLPD has already signed {statement.document_id} (version 01.00)" in page
    assert 'value="nouvelle@example.org"' in page  # the form is kept
    assert not Invitation.objects.exists()
    assert [m for m in deliver.outbox if m.to == ["nouvelle@example.org"]] == []
    with deliver():
        sent = invite(client, statement, organization, **{"invite-despite_signature": "on"})
    assert sent.status_code == 302
    assert Invitation.objects.get().organization == organization
    assert [m.to for m in deliver.outbox if m.to == ["nouvelle@example.org"]] == [
        ["nouvelle@example.org"]
    ]


def test_a_delegate_cannot_send_an_invitation_to_sign(client, statement):
    delegate = make_delegate(OrganizationFactory())
    client.force_login(delegate)
    assert invite(client, statement, OrganizationFactory()).status_code == 403
    assert not Invitation.objects.exists()
