"""A confirmation link works for UNDERSIGNED_COSIGNERS_CONFIRM_DAYS; an unconfirmed signature is
then deleted, its address with it, and the trail says how many (never who)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.cosigners.test_pages import LINK, form_data, sign_url
from undersigned.core.audit import unexplained_rows, verify_chain
from undersigned.core.models import AuditEvent
from undersigned.cosigners.models import IndividualSignature
from undersigned.cosigners.periodic import drop_unconfirmed_signatures
from undersigned.cosigners.services import drop_unconfirmed

pytestmark = pytest.mark.django_db


def age(days: float) -> None:
    IndividualSignature.objects.update(created_at=timezone.now() - timedelta(days=days))


def test_a_link_older_than_its_days_no_longer_confirms_and_says_why(
    client, opening, statement, version, deliver, settings
):
    settings.COSIGNERS_CONFIRM_DAYS = 7
    with deliver():
        client.post(sign_url(statement), form_data(version))
    path = LINK.search(deliver.outbox[0].body).group(1)
    age(7.01)

    shown = client.get(path)
    pressed = client.post(path)

    assert (shown.status_code, pressed.status_code) == (410, 410)
    assert "A confirmation link works for 7 days." in shown.content.decode()
    assert IndividualSignature.objects.get().state == "pending"


def test_signing_again_sends_a_link_whose_days_count_afresh(
    client, opening, statement, version, deliver
):
    with deliver():
        client.post(sign_url(statement), form_data(version))
    age(6.9)
    with deliver():
        client.post(sign_url(statement), form_data(version))
    age_of_new = timezone.now() - IndividualSignature.objects.get().created_at
    path = LINK.search(deliver.outbox[-1].body).group(1)

    assert age_of_new < timedelta(minutes=1)
    assert client.post(path).status_code == 302
    assert IndividualSignature.objects.get().state == "confirmed"


def test_unconfirmed_signatures_are_deleted_after_their_days_and_counted_in_the_trail(
    client, opening, statement, version, deliver
):
    with deliver():
        for n in range(3):
            client.post(sign_url(statement), form_data(version, email=f"p{n}@example.org"))
    stale = list(IndividualSignature.objects.order_by("pk")[:2])
    IndividualSignature.objects.filter(pk__in=[s.pk for s in stale]).update(
        created_at=timezone.now() - timedelta(days=8)
    )

    assert drop_unconfirmed() == 2

    assert list(IndividualSignature.objects.values_list("email", flat=True)) == ["p2@example.org"]
    (event,) = AuditEvent.objects.filter(kind="individuals.unconfirmed_dropped")
    assert (event.statement_ref, event.data) == (statement.pk, {"signatures": 2})
    assert not re.search(r"p[01]@example\.org", str(event.data))
    assert verify_chain() is None
    # the statement of the factories has no events of its own; its individuals have theirs
    assert [r for r in unexplained_rows() if r.row.startswith("individual")] == []
    assert drop_unconfirmed() == 0  # nothing twice, no empty event
    assert AuditEvent.objects.filter(kind="individuals.unconfirmed_dropped").count() == 1


def test_confirmed_signatures_are_never_dropped_whatever_their_age(
    client, opening, statement, version, deliver
):
    with deliver():
        client.post(sign_url(statement), form_data(version))
    path = LINK.search(deliver.outbox[0].body).group(1)
    client.post(path)
    age(400)

    drop_unconfirmed_signatures.call(day=timezone.localdate().isoformat())

    assert IndividualSignature.objects.get().state == "confirmed"
