import re

import pytest
from django.utils import timezone

from tests.factories import OrganizationFactory, UserFactory, make_delegate, make_secretariat
from undersigned.accounts.models import DelegateRequest, Delegation, Invitation
from undersigned.accounts.permissions import represents
from undersigned.accounts.services import (
    AccountError,
    decide_request,
    profile_of,
    revoke_delegation,
)
from undersigned.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def invite(client, deliver, *, statement, organization, email="new.delegate@example.org"):
    with deliver():
        response = client.post(
            f"/secretariat/statements/{statement.pk}/",
            {"action": "invite", "invite-email": email, "invite-organization": organization.pk,
             "invite-language": "en"},
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    return re.search(r"https?://[^/\s]+(/account/invitation/\S+/)", deliver.outbox[-1].body).group(
        1
    )


def test_the_secretariat_invites_a_delegate_who_accepts(client, example, deliver):
    organization = OrganizationFactory()
    client.force_login(make_secretariat())
    path = invite(client, deliver, statement=example, organization=organization)
    assert deliver.outbox[-1].to == ["new.delegate@example.org"]
    client.logout()

    assert client.get(path).status_code == 200  # opening the link changes nothing
    assert not Delegation.objects.filter(organization=organization).exists()
    response = client.post(path)

    assert response.status_code == 302
    delegation = Delegation.objects.get(organization=organization)
    assert delegation.user.email == "new.delegate@example.org"
    assert client.session["_auth_user_id"] == str(delegation.user.pk)
    kinds = list(
        AuditEvent.objects.filter(organization_ref=organization.pk).values_list("kind", flat=True)
    )
    assert kinds == ["invitation.sent", "delegate.granted"]


def test_an_invitation_is_used_once_and_expires(client, example, deliver):
    organization = OrganizationFactory()
    client.force_login(make_secretariat())
    path = invite(client, deliver, statement=example, organization=organization)
    client.logout()
    client.post(path)
    client.logout()
    assert client.post(path).status_code == 410
    client.force_login(make_secretariat())
    second = invite(
        client, deliver, statement=example, organization=organization, email="late@example.org"
    )
    client.logout()
    Invitation.objects.filter(email="late@example.org").update(expires_at=timezone.now())
    assert client.post(second).status_code == 410


def test_a_revoked_invitation_cannot_be_accepted(client, example, deliver):
    organization = OrganizationFactory()
    client.force_login(make_secretariat())
    path = invite(client, deliver, statement=example, organization=organization)
    invitation = Invitation.objects.get()
    client.post(
        f"/secretariat/statements/{example.pk}/",
        {"action": "revoke_invitation", "invitation": invitation.pk},
    )
    client.logout()
    assert client.post(path).status_code == 410
    assert not Delegation.objects.exists()


def test_a_person_asks_to_represent_an_organization_and_the_secretariat_approves(client):
    organization = OrganizationFactory()
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        "/account/request/", {"organization": organization.pk, "message": "I am the secretary."}
    )
    assert response.status_code == 302
    again = client.post("/account/request/", {"organization": organization.pk})
    assert again.status_code == 409
    secretariat = make_secretariat()
    client.force_login(secretariat)
    pending = DelegateRequest.objects.get()
    assert (
        client.post("/secretariat/requests/", {"request": pending.pk, "approve": "yes"}).status_code
        == 302
    )
    assert represents(person, organization)
    assert (
        client.post("/secretariat/requests/", {"request": pending.pk, "approve": "no"}).status_code
        == 409
    )


def test_a_declined_request_grants_nothing_and_keeps_the_reason():
    organization = OrganizationFactory()
    person = UserFactory()
    from undersigned.accounts.services import request_delegation

    pending = request_delegation(person, organization=organization, message="")
    decide_request(
        pending, approve=False, by=make_secretariat(), reason="Unknown to the member party."
    )
    pending.refresh_from_db()
    assert (pending.approved, pending.reason) == (False, "Unknown to the member party.")
    assert not represents(person, organization)
    with pytest.raises(AccountError):
        decide_request(pending, approve=True, by=make_secretariat())


def test_a_revoked_delegate_no_longer_represents_the_organization():
    organization = OrganizationFactory()
    delegate = make_delegate(organization)
    revoke_delegation(Delegation.objects.get(user=delegate), by=make_secretariat())
    assert not represents(delegate, organization)
    kinds = list(AuditEvent.objects.values_list("kind", flat=True))
    assert kinds == ["delegate.granted", "delegate.revoked"]


def test_a_delegate_cannot_reach_the_secretariat_pages(client, example):
    delegate = make_delegate(OrganizationFactory())
    client.force_login(delegate)
    assert client.get(f"/secretariat/statements/{example.pk}/").status_code == 403
    assert client.get("/secretariat/requests/").status_code == 403


def test_the_person_who_asked_is_told_the_decision_in_their_language(client, deliver):
    organization = OrganizationFactory(abbreviation="KOL", name="Kommunistische Organisation")
    person = UserFactory(email="asker@example.org")
    client.force_login(person)
    client.post("/account/request/", {"organization": organization.pk, "message": "Hello."})
    profile = profile_of(person)
    profile.language = "fr"
    profile.save(update_fields=["language"])
    pending = DelegateRequest.objects.get()

    with deliver():
        decide_request(pending, approve=False, by=make_secretariat(), reason="Inconnu.")

    (message,) = deliver.outbox
    assert message.to == ["asker@example.org"]
    assert message.subject == "Votre demande de représenter KOL a été refusée"
    assert "Motif" in message.body and "Inconnu." in message.body
    assert "/account/" in message.body
    home = client.get("/account/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Votre demande de représenter KOL a été refusée" in home


def test_an_approved_request_tells_the_person_they_now_represent_the_organization(deliver):
    organization = OrganizationFactory(abbreviation="KOL")
    person = UserFactory(email="asker@example.org")
    from undersigned.accounts.services import request_delegation

    pending = request_delegation(person, organization=organization, message="")

    with deliver():
        decide_request(pending, approve=True, by=make_secretariat())

    (message,) = deliver.outbox
    assert (message.to, message.subject) == (["asker@example.org"], "You now represent KOL")
