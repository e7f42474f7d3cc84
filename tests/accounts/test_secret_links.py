"""Links holding a secret (sign-in, invitation, password reset) are made by the mail task from
a row's id: a copy of the database, task table included, opens nothing."""

import re

import pytest
from django.db import connection

from tests.factories import OrganizationFactory, UserFactory, make_secretariat
from undersigned.accounts.services import (
    invite_delegate,
    send_password_reset,
    send_sign_in_link,
    sign_in_link_url,
)

pytestmark = pytest.mark.django_db


def every_task_row() -> str:
    """The whole task queue as a copy of the database would show it: every column of every
    row of the backend's table and of our deduplication keys."""
    with connection.cursor() as cursor:
        rows = []
        for table in ("django_tasks_database_dbtaskresult", "core_taskkey"):
            cursor.execute(f"SELECT * FROM {table}")
            rows += [repr(row) for row in cursor.fetchall()]
    return "\n".join(rows)


def secret_part(url: str) -> str:
    """The part of a link that opens it: the verifier of a sign-in or invitation link, the
    token of a password reset link."""
    path = url.rstrip("/").rsplit("/", 1)[-1]
    return path.split(".", 1)[1] if "." in path else path


def test_no_secret_link_is_stored_in_the_task_table_before_or_after_sending(client, deliver):
    person = UserFactory(email="person@example.org")
    secretariat = make_secretariat()
    organization = OrganizationFactory(abbreviation="PCPCI")

    with deliver():
        send_sign_in_link(person)
        invite_delegate(email="new@example.org", organization=organization, by=secretariat)
        send_password_reset(person)
        queued = every_task_row()

    urls = [re.search(r"https?://\S+", message.body).group(0) for message in deliver.outbox]
    assert len(urls) == 3
    sent = every_task_row()
    for url in urls:
        secret = secret_part(url)
        assert len(secret) >= 20
        assert secret not in queued
        assert secret not in sent
        assert url not in sent
    # The links work: made in the task, they are the ones the site accepts.
    sign_in, invitation, reset = (re.sub(r"^https?://[^/]+", "", url) for url in urls)
    assert client.post(sign_in).status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.get(invitation).status_code == 200
    assert client.get(reset, follow=True).status_code == 200


def test_a_link_sent_again_by_a_retry_is_the_same_link(deliver):
    """Made from the row and the secret key, the link of a message sent twice (a retry after
    the server took it) is the same one, and works."""
    person = UserFactory()
    with deliver():
        link = send_sign_in_link(person)
    assert sign_in_link_url(link.pk) in deliver.outbox[0].body
    assert sign_in_link_url(link.pk) == sign_in_link_url(link.pk)
