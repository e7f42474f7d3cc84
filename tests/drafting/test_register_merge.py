"""Merging two organizations that are the same: what moves, what refuses, what the trail says."""

import pytest

from tests.factories import (
    OrganizationFactory,
    TranslationFactory,
    VersionFactory,
    make_delegate,
    make_secretariat,
)
from undersigned.accounts.models import Delegation
from undersigned.accounts.services import grant_delegation
from undersigned.core.audit import unexplained_rows, verify_chain
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.drafting.register import MergeRefused, merge_organizations, preview_merge
from undersigned.organizations.models import Organization
from undersigned.signatures.models import Method
from undersigned.signatures.services import record_signature, withdraw_signature
from undersigned.statements.services import set_statement_state

pytestmark = pytest.mark.django_db


def open_statement():
    return VersionFactory(statement__state="open", statement__number=7).statement


def sign(statement, organization, by):
    return record_signature(
        statement, organization=organization, method=Method.RECORDED, evidence="mail", by=by
    )


def test_a_merge_moves_signatures_delegations_and_names_to_the_organization_kept():
    by = make_secretariat()
    kept = OrganizationFactory(abbreviation="MLPD")
    merged = OrganizationFactory(abbreviation="M.L.P.D.")
    TranslationFactory(organization=kept, language="en", name="Kept's English name")
    TranslationFactory(organization=merged, language="en", name="Merged English name")
    TranslationFactory(organization=merged, language="es", name="Nombre")
    both, alone = make_delegate(kept), make_delegate(merged)
    grant_delegation(both, organization=merged, by=None)
    statement = open_statement()
    signature = sign(statement, merged, by)

    merge_organizations(kept, merged=merged, by=by)

    assert not Organization.objects.filter(pk=merged.pk).exists()
    signature.refresh_from_db()
    assert signature.organization_id == kept.pk
    assert sorted(
        Delegation.objects.active().filter(organization=kept).values_list("user_id", flat=True)
    ) == sorted([both.pk, alone.pk])
    assert dict(kept.translations.values_list("language", "name")) == {
        "en": "Kept's English name",
        "es": "Nombre",
    }
    event = AuditEvent.objects.filter(kind=EventKind.ORGANIZATION_MERGED).get()
    assert (event.organization_ref, event.data["merged"], event.data["signatures"]) == (
        kept.pk,
        merged.pk,
        [signature.pk],
    )
    assert event.data["translations"] == {"en": "Merged English name", "es": "Nombre"}


def test_the_trail_still_explains_a_signature_moved_by_a_merge():
    by = make_secretariat()
    kept, merged = OrganizationFactory(), OrganizationFactory()
    sign(open_statement(), merged, by)

    merge_organizations(kept, merged=merged, by=by)

    signatures = [str(row) for row in unexplained_rows() if row.row.startswith("signature")]
    assert (verify_chain(), signatures) == (None, [])


def test_a_merge_is_refused_when_both_signed_one_statement_and_names_it():
    by = make_secretariat()
    kept, merged = OrganizationFactory(), OrganizationFactory()
    statement = open_statement()
    sign(statement, kept, by)
    sign(statement, merged, by)
    events = AuditEvent.objects.count()

    with pytest.raises(MergeRefused) as refused:
        merge_organizations(kept, merged=merged, by=by)

    assert str(refused.value) == (
        "Both organizations signed “DOC00007 On the matter at hand”: the merge would leave "
        "two signatures of one organization. Withdraw one of them first."
    )
    assert Organization.objects.filter(pk=merged.pk).exists()
    assert AuditEvent.objects.count() == events


def test_a_withdrawn_signature_does_not_stop_a_merge():
    by = make_secretariat()
    kept, merged = OrganizationFactory(), OrganizationFactory()
    statement = open_statement()
    sign(statement, kept, by)
    sign(statement, merged, by)
    withdraw_signature(statement, organization=merged, by=by)

    merge_organizations(kept, merged=merged, by=by)

    assert kept.signatures.count() == 2


def test_an_organization_cannot_be_merged_into_itself():
    organization = OrganizationFactory()

    with pytest.raises(MergeRefused):
        merge_organizations(organization, merged=organization, by=make_secretariat())


def test_the_preview_counts_what_would_move():
    by = make_secretariat()
    kept, merged = OrganizationFactory(), OrganizationFactory()
    TranslationFactory(organization=kept, language="en")
    TranslationFactory(organization=merged, language="en")
    TranslationFactory(organization=merged, language="de")
    make_delegate(merged)
    sign(open_statement(), merged, by)

    preview = preview_merge(kept, merged=merged)

    assert (preview.signatures, preview.delegations, preview.refusals) == (1, 1, [])
    assert (preview.translations, preview.dropped_translations) == (["de"], ["en"])


def test_the_history_and_the_record_name_a_merged_organization_as_it_was_named(client):
    by = make_secretariat()
    kept = OrganizationFactory(abbreviation="MLPD", name="Marxistisch-Leninistische Partei")
    merged = OrganizationFactory(abbreviation="M.L.P.D.", name="MLPD (duplicate)")
    statement = open_statement()
    sign(statement, merged, by)
    merge_organizations(kept, merged=merged, by=by)
    set_statement_state(statement, to="published", by=by)
    client.force_login(by)

    history = client.get(f"/drafting/statements/{statement.pk}/history/").content.decode()
    record = client.get(f"/statements/{statement.document_id}/record/").content.decode()

    assert "signature of M.L.P.D. (" in history
    assert "signature of  (" not in history
    assert "<td>M.L.P.D.</td>" in record
