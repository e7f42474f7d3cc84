from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import OrganizationFactory, UserFactory, make_delegate, make_secretariat
from undersigned.accounts.services import profile_of, set_preferences
from undersigned.core.periodic import schedule_periodic
from undersigned.signatures.periodic import send_deadline_reminders
from undersigned.signatures.services import record_signature
from undersigned.statements.models import Statement

pytestmark = pytest.mark.django_db


def test_a_person_chooses_the_language_of_their_emails(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/account/preferences/").status_code == 200
    response = client.post("/account/preferences/", {"language": "fr"})
    assert response.status_code == 302
    assert profile_of(user).language == "fr"
    assert client.post("/account/preferences/", {"language": "xx"}).status_code == 400


def test_messages_are_written_in_the_recipients_language(example, deliver):
    organization = OrganizationFactory()
    delegate = make_delegate(organization)
    set_preferences(delegate, language="de")
    with deliver():
        record_signature(example, organization=organization, by=delegate)
    receipt = next(m for m in deliver.outbox if m.to == [delegate.email])
    assert "unterzeichnet" in (receipt.subject + receipt.body).lower()


def test_the_secretariat_hears_of_each_signature_or_gets_a_daily_digest(example, deliver):
    each, digest = make_secretariat(), make_secretariat()
    set_preferences(digest, language="en", secretariat_notifications="digest")
    with deliver():
        record_signature(example, organization=OrganizationFactory(abbreviation="NEW"))
    assert [m.to for m in deliver.outbox if "NEW signed ICOR00359" in m.subject] == [[each.email]]
    tomorrow = timezone.now() + timedelta(days=1)
    with deliver():
        schedule_periodic(tomorrow)
    digests = [m for m in deliver.outbox if m.to == [digest.email]]
    assert len(digests) == 1 and "ICOR00359: NEW" in digests[0].body


def test_members_that_have_not_signed_are_reminded_before_the_deadline(example, deliver, settings):
    settings.REMINDER_DAYS = 3
    late = OrganizationFactory(abbreviation="LATE", is_member=True)
    delegate = make_delegate(late)
    signed_delegate = make_delegate(example.signatures.first().organization)
    deadline = timezone.now() + timedelta(days=3)
    Statement.objects.filter(pk=example.pk).update(signing_deadline=deadline)
    with deliver():
        send_deadline_reminders.call(day=timezone.localdate().isoformat())
    reminded = [m.to for m in deliver.outbox if "closes for signatures" in m.subject]
    assert [delegate.email] in reminded
    assert [signed_delegate.email] not in reminded


def test_the_secretariat_hears_of_a_withdrawal(example, deliver):
    from undersigned.organizations.models import Organization
    from undersigned.signatures.services import withdraw_signature

    secretariat = make_secretariat()
    mlpd = Organization.objects.get(abbreviation="MLPD")
    with deliver():
        withdraw_signature(example, organization=mlpd, by=make_delegate(mlpd))
    notices = [m for m in deliver.outbox if m.to == [secretariat.email]]
    assert [m.subject for m in notices] == ["MLPD withdrew its signature from ICOR00359"]
