from datetime import date

import pytest
from django.utils import timezone

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.core.models import AuditEvent
from undersigned.drafting.services import save_draft
from undersigned.organizations.models import Organization
from undersigned.publishing.selectors import build_document
from undersigned.signatures.models import Method, Signature
from undersigned.signatures.services import SigningRefused, record_signature
from undersigned.statements.models import State, Statement
from undersigned.statements.services import add_version, create_statement, set_statement_state

pytestmark = pytest.mark.django_db


def sign_url(statement, organization) -> str:
    return f"/account/statements/{statement.pk}/sign/{organization.pk}/"


def post_sign(client, statement, organization, **extra):
    version = statement.current_version()
    data = {"version_hash": version.content_hash, "confirm": "on", **extra}
    return client.post(sign_url(statement, organization), data)


def test_a_delegate_reads_the_exact_version_before_signing(client, example):
    organization = OrganizationFactory(
        country="DE", abbreviation="PTB", name="Partei der Arbeit Deutschlands"
    )
    client.force_login(make_delegate(organization))
    page = client.get(sign_url(example, organization)).content.decode()
    version = example.current_version()
    assert "05.01" in page and version.content_hash in page
    assert "Sign on behalf of PTB" in page


def test_an_organization_without_an_abbreviation_is_named_by_its_name(client, example, deliver):
    """Many organizations have none (an import does not make one up): every message names
    them by their name, never by an empty abbreviation."""
    organization = OrganizationFactory(country="ES", abbreviation="", name="Access Info Europe")
    delegate = make_delegate(organization)
    client.force_login(delegate)
    page = client.get(sign_url(example, organization)).content.decode()
    assert "On behalf of Access Info Europe<" in page
    assert "Sign on behalf of Access Info Europe" in page
    assert "()" not in page and "of  " not in page
    with deliver():
        post_sign(client, example, organization)
    again = post_sign(client, example, organization).content.decode()
    assert "Access Info Europe has already signed" in again
    receipt = next(m for m in deliver.outbox if m.to == [delegate.email])
    assert "on behalf of Access Info Europe" in receipt.body


def test_a_delegate_signs_and_the_public_list_and_as_of_date_change(client, example, deliver):
    organization = OrganizationFactory(
        country="DE", abbreviation="PTB", name="Partei der Arbeit Deutschlands", name_language="de"
    )
    delegate = make_delegate(organization)
    client.force_login(delegate)
    with deliver():
        response = post_sign(client, example, organization)
    assert response.status_code == 302
    signature = Signature.objects.get(organization=organization)
    assert (signature.method, signature.signed_by, signature.version_hash) == (
        Method.WEB, delegate, example.current_version().content_hash,
    )  # fmt: skip
    document = build_document(Statement.objects.get(pk=example.pk))
    assert [e.abbreviation for e in document.entries][15:17] == ["MLPD", "PTB"]
    today = timezone.localdate()
    assert document.heading == (
        f"Signatories (as of {today.day} {today:%B} {today.year}, further signatories possible):"
    )
    receipt = next(m for m in deliver.outbox if m.to == [delegate.email])
    assert example.current_version().content_hash in receipt.body
    assert "05.01" in receipt.body


def test_the_unticked_confirmation_is_refused(client, example):
    organization = OrganizationFactory()
    client.force_login(make_delegate(organization))
    response = client.post(
        sign_url(example, organization), {"version_hash": example.current_version().content_hash}
    )
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert not Signature.objects.filter(organization=organization).exists()


def test_a_delegate_of_two_organizations_signs_for_each_separately(client, example):
    first, second = OrganizationFactory(), OrganizationFactory()
    delegate = make_delegate(first)
    from undersigned.accounts.services import grant_delegation

    grant_delegation(delegate, organization=second, by=None)
    client.force_login(delegate)
    post_sign(client, example, first)
    assert set(
        Signature.objects.filter(signed_by=delegate).values_list("organization", flat=True)
    ) == {first.pk}
    post_sign(client, example, second)
    assert Signature.objects.filter(signed_by=delegate).count() == 2


def test_signing_twice_is_answered_calmly(client, example):
    organization = OrganizationFactory()
    client.force_login(make_delegate(organization))
    post_sign(client, example, organization)
    again = post_sign(client, example, organization)
    assert again.status_code == 409
    assert "has already signed" in again.content.decode()
    assert Signature.objects.filter(organization=organization).count() == 1


def test_a_delegate_withdraws_and_the_record_keeps_the_signature(client, example):
    organization = OrganizationFactory()
    client.force_login(make_delegate(organization))
    post_sign(client, example, organization)
    unconfirmed = client.post(sign_url(example, organization), {"action": "withdraw"})
    assert unconfirmed.status_code == 400
    assert Signature.objects.get(organization=organization).withdrawn_at is None
    response = client.post(
        sign_url(example, organization), {"action": "withdraw", "confirm_withdrawal": "on"}
    )
    assert response.status_code == 302
    signature = Signature.objects.get(organization=organization)
    assert signature.withdrawn_at is not None
    assert organization.abbreviation not in [
        e.abbreviation for e in build_document(example).entries
    ]
    kinds = list(
        AuditEvent.objects.filter(organization_ref=organization.pk).values_list("kind", flat=True)
    )
    assert kinds[-2:] == ["signature.web", "signature.withdrawn"]


def test_withdrawing_says_what_happens_to_the_list_in_each_state_of_the_statement(client, example):
    organization = OrganizationFactory(abbreviation="MLPD")
    secretariat = make_secretariat()
    client.force_login(make_delegate(organization))
    before = create_statement(
        language="en", title="On the dockers", short_title="Dockers", body="We support them.",
        label="01.01", author=secretariat,
    )  # fmt: skip
    set_statement_state(before, to=State.OPEN, by=secretariat)
    post_sign(client, before, organization)
    post_sign(client, example, organization)

    unpublished = client.get(sign_url(before, organization)).content.decode()
    published = client.get(sign_url(example, organization)).content.decode()

    assert "it leaves the public list" not in unpublished
    assert (
        "Withdraw the signature of MLPD: it will not be in the list of signatories when the "
        "statement is published." in unpublished
    )
    assert "Withdraw the signature of MLPD: it leaves the public list." in published


def test_a_text_changed_while_reading_is_not_signed(client, example):
    organization = OrganizationFactory()
    client.force_login(make_delegate(organization))
    old_hash = example.current_version().content_hash
    add_version(
        example, title="ICOR Statement on the Events in Belarus", short_title="x", body="Changed."
    )
    response = client.post(
        sign_url(example, organization), {"version_hash": old_hash, "confirm": "on"}
    )
    assert response.status_code == 409
    assert "The text changed while you were reading it" in response.content.decode()


def test_a_closed_statement_and_one_past_its_deadline_refuse_signatures(client, example):
    organization = OrganizationFactory()
    client.force_login(make_delegate(organization))
    Statement.objects.filter(pk=example.pk).update(
        signing_deadline=timezone.now() - timezone.timedelta(hours=1)
    )
    response = post_sign(client, example, organization)
    assert response.status_code == 409
    assert "no longer accepts signatures" in response.content.decode()
    Statement.objects.filter(pk=example.pk).update(signing_deadline=None, state=State.CLOSED)
    assert post_sign(client, example, organization).status_code == 409
    assert not Signature.objects.filter(organization=organization).exists()


def test_the_secretariat_records_a_signature_with_its_evidence(client, example):
    organization = OrganizationFactory()
    client.force_login(make_secretariat())
    response = client.post(
        f"/secretariat/statements/{example.pk}/",
        {"action": "record", "record-organization": organization.pk, "record-method": "recorded",
         "record-decided_on": "2020-09-25", "record-evidence": "Letter of 25 September"},
    )  # fmt: skip
    assert response.status_code == 302
    signature = Signature.objects.get(organization=organization)
    assert (signature.method, signature.decided_on, signature.evidence) == (
        Method.RECORDED, date(2020, 9, 25), "Letter of 25 September",
    )  # fmt: skip
    record = client.get("/statements/ICOR00359/record/").content.decode()
    assert "signature recorded by the secretariat" in record
    assert "2020-09-25" in record


def test_a_major_version_asks_for_reconfirmation_and_the_list_shows_only_valid_signatures(
    example, deliver
):
    mlpd = Organization.objects.get(abbreviation="MLPD")
    delegate = make_delegate(mlpd)
    with deliver():
        save_draft(
            example,
            base_hash=example.current_version().content_hash,
            title="ICOR Statement on Belarus",
            short_title="Belarus",
            body="New text.",
            major=True,
            by=make_secretariat(),
        )
    assert example.current_version().label == "06.01"
    assert build_document(example).entries == []
    reconfirm = [m for m in deliver.outbox if m.to == [delegate.email]]
    assert len(reconfirm) == 1 and "06.01" in reconfirm[0].body
    record_signature(example, organization=mlpd, by=delegate)
    assert [e.abbreviation for e in build_document(example).entries] == ["MLPD"]
    assert Signature.objects.filter(organization=mlpd).count() == 2
    assert (
        Signature.objects.get(organization=mlpd, replaced_at__isnull=False).version.label == "05.01"
    )


def test_the_secretariat_carries_a_signature_over_with_a_reason(client, example):
    add_version(
        example, title="ICOR Statement on Belarus", short_title="Belarus", body="New.", major=True
    )
    rm = Signature.objects.get(organization__abbreviation="RM")
    client.force_login(make_secretariat())
    refused = client.post(
        f"/secretariat/statements/{example.pk}/",
        {"action": "carry", "carry-signature": rm.pk, "carry-reason": ""},
    )
    assert refused.status_code == 400
    client.post(
        f"/secretariat/statements/{example.pk}/",
        {"action": "carry", "carry-signature": rm.pk, "carry-reason": "Agreed by phone"},
    )
    assert [e.abbreviation for e in build_document(example).entries] == ["RM"]
    event = AuditEvent.objects.filter(kind="signature.carried_over").get()
    assert event.data["reason"] == "Agreed by phone"


def test_a_minor_version_carries_signatures_over(example):
    add_version(
        example,
        title="ICOR Statement on the Events in Belarus",
        short_title="x",
        body="Typo fixed.",
    )
    assert example.current_version().label == "05.02"
    assert len(build_document(example).entries) == 32


def test_only_a_delegate_of_the_organization_may_sign_for_it(example):
    organization = OrganizationFactory()
    outsider = make_delegate(OrganizationFactory())
    from undersigned.signatures.services import sign_statement

    with pytest.raises(SigningRefused, match="do not represent"):
        sign_statement(example, organization=organization, by=outsider,
                       version_hash=example.current_version().content_hash)  # fmt: skip


def test_after_a_change_of_substance_the_signing_page_says_what_was_signed_and_what_changed(
    client, example
):
    """A delegate who signed an earlier version is asked to sign again: the page says which
    version they signed, that it is not the current one, and shows what changed and why, so
    they need not read the whole text again to find it."""
    mlpd = Organization.objects.get(abbreviation="MLPD")
    client.force_login(make_delegate(mlpd))
    signed = example.current_version()
    first, *rest = signed.body.split("\n\n")
    save_draft(
        example,
        base_hash=signed.content_hash,
        title=signed.title,
        short_title=signed.short_title,
        body="\n\n".join([first + " The strike goes on.", *rest]),
        major=True,
        note="The strike goes on.",
        by=make_secretariat(),
    )
    page = client.get(sign_url(example, mlpd)).content.decode()
    assert "MLPD signed version 05.01, not the current version 06.01" in page
    assert "MLPD has signed (version 05.01)." not in page
    assert "What changed since version 05.01" in page
    assert "The strike goes on.</ins>" in page  # the insertion, marked
    assert page.count('class="diff-changed"') == 1  # the one changed paragraph, not the rest
    assert "<li>06.01: The strike goes on.</li>" in page  # its change note
    # The form to sign again comes before the trail's head and the withdrawal.
    assert page.index("Sign on behalf of MLPD") < page.index("Signed head of the audit trail")
