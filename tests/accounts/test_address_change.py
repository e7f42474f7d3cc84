"""A person changes their own e-mail address: asked with the password (or, without one, from the
current address first), confirmed by a link to the new address, the old address told."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory, make_secretariat
from undersigned.accounts.models import AddressChange, Notice, SignInLink
from undersigned.accounts.services import send_sign_in_link
from undersigned.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/address/\S+/)", message.body).group(1)


def ask(client, email: str, password: str | None = PASSWORD):
    data = {"email": email} if password is None else {"email": email, "password": password}
    return client.post("/account/address/", data)


def test_a_person_changes_their_address_by_the_link_sent_to_the_new_one(client, deliver):
    user = UserFactory(username="ana@old.example.org", email="ana@old.example.org")
    client.force_login(user)
    preferences = client.get("/account/preferences/").content.decode()
    assert "ana@old.example.org" in preferences
    assert 'href="/account/address/"' in preferences

    with deliver():
        wrong = ask(client, "ana@new.example.org", password="not it")
    assert wrong.status_code == 400 and "Your password is not correct." in wrong.content.decode()
    assert deliver.outbox == []

    with deliver():
        asked = ask(client, "Ana@New.example.org")
    assert asked.status_code == 302 and asked["Location"] == "/account/preferences/"
    (confirm,) = deliver.outbox
    assert confirm.to == ["ana@new.example.org"]
    assert confirm.subject == "Confirm your new e-mail address"
    path = link_path(confirm)

    # Opening the link (as a mail scanner does) changes nothing; its button does.
    opened = client.get(path)
    assert opened.status_code == 200 and opened["Referrer-Policy"] == "same-origin"
    assert "Make ana@new.example.org the address of your account?" in opened.content.decode()
    user.refresh_from_db()
    assert user.email == "ana@old.example.org"

    with deliver():
        done = client.post(path)

    assert done.status_code == 200
    assert "Your account's address is now ana@new.example.org." in done.content.decode()
    user.refresh_from_db()
    assert (user.email, user.username) == ("ana@new.example.org", "ana@new.example.org")
    told = deliver.outbox[-1]
    assert len(deliver.outbox) == 2
    assert told.to == ["ana@old.example.org"]
    assert told.subject == "The e-mail address of your account was changed"
    assert "from ana@old.example.org to ana@new.example.org" in told.body
    event = AuditEvent.objects.filter(kind="account.address_changed").get()
    assert (event.actor_ref, event.data) == (user.pk, {"user": user.pk})
    assert client.post(path).status_code == 410  # once


def test_a_person_without_a_password_confirms_from_the_current_address_first(client, deliver):
    user = UserFactory(email="invited@old.example.org")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert 'name="password"' not in client.get("/account/address/").content.decode()

    with deliver():
        asked = ask(client, "invited@new.example.org", password=None)
    assert asked.status_code == 302
    (first,) = deliver.outbox
    assert first.to == ["invited@old.example.org"]
    assert "invited@new.example.org" in first.body
    first_path = link_path(first)
    assert client.get(first_path).status_code == 200

    with deliver():
        went_on = client.post(first_path)
    assert went_on.status_code == 200
    user.refresh_from_db()
    assert user.email == "invited@old.example.org"  # not yet: the new address is not proven
    second = deliver.outbox[-1]
    assert second.to == ["invited@new.example.org"]
    assert client.post(first_path).status_code == 410  # the first link did its one step

    with deliver():
        client.post(link_path(second))

    user.refresh_from_db()
    assert user.email == "invited@new.example.org"
    assert [message.to for message in deliver.outbox] == [
        ["invited@old.example.org"],
        ["invited@new.example.org"],
        ["invited@old.example.org"],
    ]


def test_an_address_another_account_has_is_refused_without_saying_whose(client, deliver):
    UserFactory(username="someone", email="taken@example.org")
    user = UserFactory()
    client.force_login(user)

    with deliver():
        refused = ask(client, "TAKEN@example.org")

    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Another account has this address. Choose another, or ask the secretariat." in page
    assert "someone" not in page
    assert deliver.outbox == [] and not AddressChange.objects.exists()


def test_an_address_taken_by_another_account_meanwhile_is_not_given_twice(client, deliver):
    user = UserFactory()
    client.force_login(user)
    with deliver():
        ask(client, "wanted@example.org")
    UserFactory(email="wanted@example.org")

    refused = client.post(link_path(deliver.outbox[0]))

    assert refused.status_code == 409
    user.refresh_from_db()
    assert user.email != "wanted@example.org"
    assert not AuditEvent.objects.filter(kind="account.address_changed").exists()


def test_asking_for_a_new_address_is_rate_limited_per_person(client, deliver):
    user = UserFactory()
    client.force_login(user)
    answers = [ask(client, f"new{n}@example.org", password="wrong").status_code for n in range(6)]

    assert answers == [400] * 5 + [429]
    assert ask(client, "new@example.org").status_code == 429  # the right password waits too


def test_an_expired_link_or_one_replaced_by_a_later_request_is_refused(client, deliver):
    user = UserFactory()
    client.force_login(user)
    with deliver():
        ask(client, "first@example.org")
    first = link_path(deliver.outbox[0])
    with deliver():
        ask(client, "second@example.org")
    second = link_path(deliver.outbox[-1])
    AddressChange.objects.filter(used_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert client.post(first).status_code == 410
    assert client.post(second).status_code == 410
    assert client.post("/account/address/forged.token/").status_code == 410
    user.refresh_from_db()
    assert user.email.startswith("person")


def test_sign_in_links_sent_to_the_old_address_no_longer_work(client, deliver):
    user = UserFactory()
    send_sign_in_link(user)
    client.force_login(user)
    with deliver():
        ask(client, "moved@example.org")

    client.post(link_path(deliver.outbox[0]))

    assert not SignInLink.objects.filter(used_at__isnull=True).exists()


def test_the_change_is_refused_to_whoever_is_not_signed_in(client):
    response = client.get("/account/address/")
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


def test_a_wrong_password_is_said_at_the_password_and_a_taken_address_at_the_address(client):
    """Above the fields, "Your password is not correct." stood over the new address, as if
    the address were wrong."""
    UserFactory(username="taken@example.org", email="taken@example.org")
    user = UserFactory(username="ana@old.example.org", email="ana@old.example.org")
    client.force_login(user)

    wrong = ask(client, "ana@new.example.org", password="not it")
    taken = ask(client, "taken@example.org")

    assert wrong.context["form"].errors == {"password": ["Your password is not correct."]}
    assert list(taken.context["form"].errors) == ["email"]


def undo_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/address/undo/\S+/)", message.body).group(1)


def changed_by_someone_else(client, deliver, user) -> tuple:
    """Someone signed in as `user` changes its address; returns the notice to the old one and
    the session they hold."""
    thief = client.__class__()
    thief.force_login(user)
    with deliver():
        ask(thief, "thief@elsewhere.example.org")
    with deliver():
        thief.post(link_path(deliver.outbox[-1]))
    return deliver.outbox[-1], thief


def test_the_old_address_puts_itself_back_signs_everyone_out_and_tells_the_secretariat(
    client, deliver
):
    secretariat = make_secretariat(email="secretariat@example.org")
    user = UserFactory(username="ana@old.example.org", email="ana@old.example.org")
    told, thief = changed_by_someone_else(client, deliver, user)
    assert told.to == ["ana@old.example.org"]
    path = undo_path(told)
    assert "within 7 days to put your address back" in told.body

    # Opening the link changes nothing; its button does.
    opened = client.get(path)
    assert opened.status_code == 200 and opened["Cache-Control"] == "no-store"
    assert "It was not me: put my address back" in opened.content.decode()
    user.refresh_from_db()
    assert user.email == "thief@elsewhere.example.org"

    with deliver():
        done = client.post(path)

    assert done.status_code == 200
    assert "The account's address is ana@old.example.org again." in done.content.decode()
    user.refresh_from_db()
    assert (user.email, user.username) == ("ana@old.example.org", "ana@old.example.org")
    assert not user.has_usable_password()
    # The session of whoever changed it ends; the password they knew signs in no more.
    assert thief.get("/account/preferences/").status_code == 302
    assert (
        client.post(
            "/account/sign-in/",
            {"action": "password", "pw-identifier": "ana@old.example.org", "pw-password": PASSWORD},
        ).status_code
        == 400
    )
    event = AuditEvent.objects.filter(kind="account.address_change_undone").get()
    assert event.data == {
        "user": user.pk,
        "taken_from": "thief@elsewhere.example.org",
        "back_to": "ana@old.example.org",
    }
    sent = {(message.to[0], message.subject) for message in deliver.outbox}
    assert ("secretariat@example.org", "An address change was undone: ana@old.example.org") in sent
    assert list(Notice.objects.filter(user=secretariat).values_list("template", "path")) == [
        ("address_undone", "/account/")
    ]
    assert [m.to for m in deliver.outbox if "password" in m.subject.lower()] == [
        ["ana@old.example.org"]
    ]
    assert client.post(path).status_code == 410  # once


def test_the_undo_link_of_a_later_change_cannot_take_the_account_back(client, deliver):
    """Whoever holds the new address gets an undo link of their own if they change it again;
    once the old address is put back, that link works no more."""
    user = UserFactory(username="ana@old.example.org", email="ana@old.example.org")
    first, thief = changed_by_someone_else(client, deliver, user)
    with deliver():
        ask(thief, "thief2@elsewhere.example.org")
    with deliver():
        thief.post(link_path(deliver.outbox[-1]))
    second = deliver.outbox[-1]
    assert second.to == ["thief@elsewhere.example.org"]

    with deliver():
        assert client.post(undo_path(first)).status_code == 200
    assert client.post(undo_path(second)).status_code == 410
    user.refresh_from_db()
    assert user.email == "ana@old.example.org"


def test_an_undo_link_expires(client, deliver):
    user = UserFactory(email="ana@old.example.org")
    told, _thief = changed_by_someone_else(client, deliver, user)
    AddressChange.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(undo_path(told)).status_code == 410
    user.refresh_from_db()
    assert user.email == "thief@elsewhere.example.org"
