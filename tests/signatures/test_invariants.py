import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import OrganizationFactory, SignatureFactory, VersionFactory
from undersigned.signatures.models import Signature
from undersigned.signatures.services import AlreadySigned, SigningRefused, record_signature
from undersigned.statements.models import State

pytestmark = pytest.mark.django_db


def test_the_database_allows_one_active_signature_per_organization_and_statement():
    signature = SignatureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            statement=signature.statement,
            organization=signature.organization,
            version=signature.version,
        )
    assert Signature.objects.count() == 1


def test_signing_twice_is_refused_with_a_message():
    signature = SignatureFactory()
    with pytest.raises(AlreadySigned, match=signature.organization.abbreviation):
        record_signature(signature.statement, organization=signature.organization)
    assert Signature.objects.count() == 1


def test_an_organization_that_withdrew_may_sign_again():
    signature = SignatureFactory(withdrawn_at=timezone.now())
    again = record_signature(signature.statement, organization=signature.organization)
    assert again.is_active
    assert Signature.objects.filter(organization=signature.organization).count() == 2


def test_a_signature_records_the_hash_of_the_version_signed():
    version = VersionFactory()
    signature = record_signature(version.statement, organization=OrganizationFactory())
    assert signature.version == version
    assert signature.version_hash == version.content_hash


def test_a_closed_statement_refuses_signatures():
    version = VersionFactory(statement__state=State.CLOSED)
    with pytest.raises(SigningRefused, match="no longer accepts signatures"):
        record_signature(version.statement, organization=OrganizationFactory())
    assert Signature.objects.count() == 0


def test_a_statement_past_its_deadline_refuses_signatures():
    version = VersionFactory(
        statement__signing_deadline=timezone.now() - timezone.timedelta(days=1)
    )
    with pytest.raises(SigningRefused):
        record_signature(version.statement, organization=OrganizationFactory())
