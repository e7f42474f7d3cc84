"""The services of individual co-signers, against a real database and Django's mail outbox."""

import re

import pytest
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory, VersionFactory
from undersigned.core.audit import unexplained_rows, verify_chain
from undersigned.core.models import AuditEvent, Coalition
from undersigned.cosigners import selectors
from undersigned.cosigners.models import FieldUse, IndividualSignature, Leaf, Listing, SignerState
from undersigned.cosigners.periodic import forget_networks_of_closed_statements
from undersigned.cosigners.privacy import keyed_hash
from undersigned.cosigners.services import (
    CosigningRefused,
    confirm_signature,
    erase_own_data,
    export_individuals,
    forget_networks,
    moderate_signature,
    set_opening,
    sign_as_person,
    withdraw_own_signature,
)
from undersigned.statements.models import State

LINK = re.compile(r"http://\S+/people/(?:confirm|receipt)/(\S+)/")


def sign(statement, version, email="ana@example.org", name="Ana Lopez", **fields):
    return sign_as_person(
        statement,
        language="en",
        version_hash=version.content_hash,
        name=name,
        email=email,
        client_address="203.0.113.9",
        **fields,
    )


def kinds() -> list[str]:
    return list(AuditEvent.objects.values_list("kind", flat=True))


def leaves() -> list[str]:
    """The steps of signatures written to their statements' logs, in order."""
    return list(Leaf.objects.order_by("pk").values_list("kind", flat=True))


def test_the_secretariat_opens_a_statement_to_individuals_with_an_event(statement, secretariat):
    opening = set_opening(
        statement, language="en", listing=Listing.COUNTED, by=secretariat, city=FieldUse.SHOWN
    )
    assert (opening.listing, opening.asked(), opening.shown()) == (
        "counted",
        ["affiliation", "country", "city"],
        ["affiliation", "country", "city"],
    )
    event = AuditEvent.objects.get(kind="individuals.opening")
    assert event.data == {
        "language": "en",
        "from": None,
        "to": {"listing": "counted", "affiliation": "shown", "country": "shown", "city": "shown"},
    }


def test_saving_the_same_opening_again_records_nothing(opening, secretariat, statement):
    set_opening(
        statement,
        language="en",
        listing=Listing.LISTED,
        by=secretariat,
        affiliation=FieldUse.SHOWN,
        country=FieldUse.SHOWN,
        city=FieldUse.ASKED,
    )
    assert kinds().count("individuals.opening") == 1


def test_only_the_secretariat_opens_a_statement(statement, db):
    with pytest.raises(CosigningRefused, match="Only the secretariat"):
        set_opening(statement, language="en", listing=Listing.LISTED, by=UserFactory())
    assert not statement.openings.exists()


def test_a_language_without_a_text_cannot_be_opened(statement, secretariat):
    with pytest.raises(CosigningRefused, match="no text in this language"):
        set_opening(statement, language="fr", listing=Listing.LISTED, by=secretariat)


def test_a_bad_listing_is_refused(statement, secretariat):
    with pytest.raises(CosigningRefused, match="off, listed or counted"):
        set_opening(statement, language="en", listing="everyone", by=secretariat)


def test_signing_stores_the_person_apart_from_their_address_and_mails_a_link(
    opening, statement, version, deliver
):
    with deliver():
        signed = sign(
            statement,
            version,
            email="Ana+news@Example.org",
            affiliation="Uni",
            city="Lyon",
            country="fr",
        )
    signature = IndividualSignature.objects.get()
    assert signed.signature == signature
    assert (signature.state, signature.name, signature.affiliation, signature.country) == (
        "pending",
        "Ana Lopez",
        "Uni",
        "FR",
    )
    assert signature.version_hash == version.content_hash
    assert signature.email_hash == keyed_hash("email", "ana@example.org")
    assert signature.network_hash == keyed_hash("network", "203.0.113.0/24")
    assert "203.0.113" not in str(IndividualSignature.objects.values().get())
    (message,) = deliver.outbox
    assert message.to == ["Ana+news@Example.org"]
    assert LINK.search(message.body).group(1) == signed.token
    assert version.content_hash in message.body
    # Until confirmed, nothing of it is in the trail.
    assert (kinds().count("individual.signed"), leaves()) == (0, [])


def test_a_pending_signature_is_neither_counted_nor_listed(opening, statement, version):
    sign(statement, version)
    assert selectors.confirmed_count(statement) == 0
    assert list(selectors.listed_people(statement, opening).object_list) == []


def test_confirming_counts_and_lists_the_person_and_mails_the_receipt(
    opening, statement, version, deliver
):
    signed = sign(statement, version, affiliation="Uni", city="Lyon", country="FR")
    with deliver():
        signature, receipt = confirm_signature(signed.signature)
    assert (signature.state, signature.confirmed_at is not None) == ("confirmed", True)
    assert selectors.confirmed_count(statement) == 1
    # The city is asked but not shown.
    assert list(selectors.listed_people(statement, opening).object_list) == [
        selectors.Person(name="Ana Lopez", affiliation="Uni", country="FR")
    ]
    (message,) = deliver.outbox
    assert LINK.search(message.body).group(1) == receipt
    assert version.content_hash in message.body and "01.00" in message.body
    assert selectors.signature_of_receipt(receipt) == signature
    assert leaves() == ["confirmed"]
    assert "individual.confirmed" not in kinds()
    assert verify_chain() is None


def test_a_link_confirms_once(opening, statement, version):
    signed = sign(statement, version)
    confirm_signature(selectors.signature_to_confirm(signed.token))
    assert selectors.signature_to_confirm(signed.token) is None
    with pytest.raises(CosigningRefused, match="confirmed"):
        confirm_signature(signed.signature)
    assert leaves() == ["confirmed"]


def test_a_forged_link_finds_nothing(opening, statement, version):
    signed = sign(statement, version)
    selector = signed.token.split(".")[0]
    assert selectors.signature_to_confirm(f"{selector}.forged") is None
    assert selectors.signature_to_confirm("nodot") is None


@pytest.mark.parametrize("again", ["ana@example.org", "ANA@example.org", "ana+again@example.org"])
def test_one_signature_per_address_and_statement(opening, statement, version, deliver, again):
    first = sign(statement, version)
    confirm_signature(first.signature)
    with deliver():
        second = sign(statement, version, email=again, name="Someone Else")
    assert second.signature is None
    assert IndividualSignature.objects.count() == 1
    (notice,) = deliver.outbox
    assert notice.to == [again]
    assert "already" in notice.subject


def test_gmail_addresses_are_one_mailbox_whatever_their_dots(opening, statement, version):
    sign(statement, version, email="ana.lopez@gmail.com")
    assert sign(statement, version, email="AnaLopez+x@googlemail.com").signature is None


def test_signing_again_while_pending_sends_a_new_link_that_replaces_the_old(
    opening, statement, version, deliver
):
    first = sign(statement, version)
    with deliver():
        sign(statement, version)
    (message,) = deliver.outbox
    new_token = LINK.search(message.body).group(1)
    assert selectors.signature_to_confirm(first.token) is None
    assert selectors.signature_to_confirm(new_token) == first.signature


def test_a_withdrawn_signer_may_sign_again(opening, statement, version):
    first = sign(statement, version)
    confirm_signature(first.signature)
    withdraw_own_signature(first.signature)
    assert sign(statement, version).signature is not None


def test_a_statement_not_open_to_individuals_refuses(statement, version, db):
    with pytest.raises(CosigningRefused, match="does not take signatures of individuals"):
        sign(statement, version)
    assert IndividualSignature.objects.count() == 0


def test_a_closed_statement_refuses(opening, statement, version):
    statement.state = State.CLOSED
    statement.save()
    with pytest.raises(CosigningRefused, match="does not take signatures"):
        sign(statement, version)


def test_a_text_changed_meanwhile_is_refused(opening, statement, version):
    with pytest.raises(CosigningRefused, match="text changed"):
        sign_as_person(
            statement, language="en", version_hash="0" * 64, name="Ana", email="ana@example.org"
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "   "}, "Give your name"),
        ({"email": "not-an-address"}, "valid e-mail"),
        ({"country": "XX"}, "country from the list"),
        ({"name": "n" * 201}, "too long"),
    ],
)
def test_bad_input_is_refused_with_a_reason(opening, statement, version, fields, message):
    with pytest.raises(CosigningRefused, match=message):
        sign(statement, version, **fields)
    assert IndividualSignature.objects.count() == 0


def test_fields_the_opening_does_not_ask_are_not_stored(statement, version, secretariat):
    set_opening(
        statement,
        language="en",
        listing=Listing.COUNTED,
        by=secretariat,
        affiliation=FieldUse.NO,
        country=FieldUse.NO,
    )
    signature = sign(statement, version, affiliation="Secret", country="FR").signature
    assert (signature.affiliation, signature.country) == ("", "")


def test_refused_domains_and_their_subdomains_cannot_sign(opening, statement, version):
    coalition = Coalition.load()
    coalition.refused_email_domains = "throwaway.example\n@other.example\n"
    coalition.save()
    for address in ["a@throwaway.example", "b@mx.Throwaway.example", "c@other.example"]:
        with pytest.raises(CosigningRefused, match="cannot be used to sign"):
            sign(statement, version, email=address)
    assert sign(statement, version, email="d@example.org").signature is not None


def test_erasing_empties_everything_personal_and_spends_the_receipt(opening, statement, version):
    signature, receipt = confirm_signature(sign(statement, version, affiliation="Uni").signature)
    erase_own_data(signature)
    row = IndividualSignature.objects.values().get()
    assert {k: row[k] for k in ("name", "affiliation", "email", "email_hash", "network_hash")} == {
        "name": "",
        "affiliation": "",
        "email": "",
        "email_hash": "",
        "network_hash": "",
    }
    assert row["state"] == "withdrawn"
    assert selectors.signature_of_receipt(receipt) is None
    assert selectors.confirmed_count(statement) == 0
    assert leaves() == ["confirmed", "withdrawn", "erased"]


def test_the_secretariat_holds_releases_and_invalidates(opening, statement, version, secretariat):
    signature, _receipt = confirm_signature(sign(statement, version).signature)
    moderate_signature(signature, to=SignerState.HELD, by=secretariat, reason="burst")
    assert selectors.confirmed_count(statement) == 0
    moderate_signature(signature, to=SignerState.CONFIRMED, by=secretariat)
    assert selectors.confirmed_count(statement) == 1
    moderate_signature(signature, to=SignerState.INVALIDATED, by=secretariat, reason="bot")
    assert selectors.confirmed_count(statement) == 0
    assert kinds()[-3:] == [
        "individual.held",
        "individual.released",
        "individual.invalidated",
    ]
    assert leaves() == ["confirmed", "held", "released", "invalidated"]
    # An invalidated address still holds its place: the same person cannot sign again.
    assert sign(statement, version).signature is None


def test_moderation_is_the_secretariats_alone(opening, statement, version):
    signature = sign(statement, version).signature
    with pytest.raises(CosigningRefused, match="Only the secretariat"):
        moderate_signature(signature, to=SignerState.INVALIDATED, by=UserFactory())
    signature.refresh_from_db()
    assert signature.state == "pending"


def test_a_confirmed_signature_cannot_be_released(opening, statement, version, secretariat):
    signature, _receipt = confirm_signature(sign(statement, version).signature)
    with pytest.raises(CosigningRefused, match="Only a held signature"):
        moderate_signature(signature, to=SignerState.CONFIRMED, by=secretariat)


def test_the_list_is_in_collation_order_paginated_and_searchable(opening, statement, version):
    for n, name in enumerate(["Zoë Ziegler", "Émile Zola", "adam Smith", "Ärger Anna"]):
        confirm_signature(sign(statement, version, email=f"p{n}@example.org", name=name).signature)
    names = [p.name for p in selectors.listed_people(statement, opening).object_list]
    assert names == ["Ärger Anna", "adam Smith", "Zoë Ziegler", "Émile Zola"]  # by surname
    found = selectors.listed_people(statement, opening, query="ZOLA")
    assert [p.name for p in found.object_list] == ["Émile Zola"]
    found = selectors.listed_people(statement, opening, query="arger")
    assert [p.name for p in found.object_list] == ["Ärger Anna"]


def test_a_counted_statement_lists_no_names(statement, version, secretariat):
    opening = set_opening(statement, language="en", listing=Listing.COUNTED, by=secretariat)
    confirm_signature(sign(statement, version).signature)
    assert selectors.confirmed_count(statement) == 1
    assert list(selectors.listed_people(statement, opening).object_list) == []


def test_the_export_has_every_signer_with_data(opening, statement, version):
    confirm_signature(sign(statement, version, name="=cmd|' /C calc'!A0").signature)
    (row,) = selectors.export_rows(statement)
    assert row[:6] == ("=cmd|' /C calc'!A0", "", "", "", "ana@example.org", "confirmed")


def test_only_the_secretariat_exports_the_signers(opening, statement, version):
    sign(statement, version)

    with pytest.raises(CosigningRefused, match="Only the secretariat"):
        export_individuals(statement, by=UserFactory())


def test_the_export_is_in_the_lists_order_whatever_the_state(opening, statement, version):
    """By the collation key byte by byte (PostgreSQL's "C"), which is the list's order."""
    for n, name in enumerate(["Zoë Ziegler", "Émile Zola", "adam Smith", "Ärger Anna"]):
        signed = sign(statement, version, email=f"p{n}@example.org", name=name).signature
        if n % 2:
            confirm_signature(signed)
    listed = [row[0] for row in selectors.export_rows(statement)]
    assert listed == ["Ärger Anna", "adam Smith", "Zoë Ziegler", "Émile Zola"]  # by surname


def test_the_export_writes_a_version_label_of_any_size(opening, statement, version):
    for major, minor, label in [(12, 3, "12.03"), (123, 45, "123.45")]:
        newer = VersionFactory(statement=statement, language="en", major=major, minor=minor)
        sign(statement, newer, email=f"v{major}@example.org", name=f"V {major}")
        assert newer.label == label
    assert [row[7] for row in selectors.export_rows(statement)] == ["12.03", "123.45"]


def test_the_export_prints_the_version_and_the_times_in_iso_8601(opening, statement, version):
    """The database prints the times (no objects for 100,000 rows): as Python would."""
    confirmed, _receipt = confirm_signature(sign(statement, version).signature)
    pending = sign(statement, version, email="bo@example.org", name="Bo Zeller").signature
    confirmed.refresh_from_db()
    rows = selectors.export_rows(statement)
    assert [row[7:] for row in rows] == [
        (
            version.label,
            version.content_hash,
            confirmed.created_at.isoformat(timespec="seconds"),
            confirmed.confirmed_at.isoformat(timespec="seconds"),
        ),
        (
            version.label,
            version.content_hash,
            pending.created_at.isoformat(timespec="seconds"),
            "",
        ),
    ]


def test_signatures_of_another_statement_do_not_count(opening, statement, version):
    other = VersionFactory(statement__number=8).statement
    confirm_signature(sign(statement, version).signature)
    assert selectors.confirmed_count(other) == 0


def individual_rows() -> list[str]:
    """What verify-audit finds unexplained among individuals (the factories make statements
    and versions without their events)."""
    return [str(row) for row in unexplained_rows() if row.row.startswith(("individual", "opening"))]


def test_the_trail_explains_every_row(opening, statement, version, secretariat):
    signature, _receipt = confirm_signature(sign(statement, version).signature)
    moderate_signature(signature, to=SignerState.HELD, by=secretariat)
    erase_own_data(sign(statement, version, email="b@example.org").signature)
    assert individual_rows() == []


def test_a_row_changed_behind_the_services_back_is_named(opening, statement, version):
    signature = sign(statement, version).signature
    IndividualSignature.objects.filter(pk=signature.pk).update(state=SignerState.CONFIRMED)
    statement.openings.update(listing=Listing.COUNTED)
    assert individual_rows() == [
        f"individual signature #{signature.pk}: is confirmed but has no leaf recording it",
        f"opening #{opening.pk} (en): differs from its last event",
    ]


def test_the_emails_are_in_the_language_the_person_read_the_page_in(
    opening, statement, version, deliver
):
    with deliver():
        signed = sign_as_person(
            statement,
            language="en",
            version_hash=version.content_hash,
            name="Zoë",
            email="zoe@example.org",
            mail_language="fr",
        )
        confirm_signature(signed.signature)
    assert [message.subject for message in deliver.outbox] == [
        f"Confirmez votre signature de {statement.document_id}",
        f"Votre signature de {statement.document_id}",
    ]


def test_a_signature_cannot_be_confirmed_once_the_statement_closed(opening, statement, version):
    signed = sign(statement, version)
    statement.state = State.CLOSED
    statement.save()
    with pytest.raises(CosigningRefused, match="no longer accepts signatures"):
        confirm_signature(signed.signature)
    signed.signature.refresh_from_db()
    assert signed.signature.state == "pending"


def test_the_networks_are_forgotten_once_the_statement_closed(opening, statement, version):
    sign(statement, version)
    with pytest.raises(CosigningRefused, match="still accepts"):
        forget_networks(statement)
    forget_networks_of_closed_statements.call(day="2026-12-01")
    assert IndividualSignature.objects.exclude(network_hash="").count() == 1
    statement.state = State.CLOSED
    statement.save()
    forget_networks_of_closed_statements.call(day="2026-12-01")
    assert IndividualSignature.objects.exclude(network_hash="").count() == 0
    assert AuditEvent.objects.get(kind="individuals.networks_forgotten").data == {"signatures": 1}


def test_no_task_row_holds_the_secret_of_a_confirmation_or_a_receipt(
    opening, statement, version, deliver
):
    """The links are made by the mail task from the signature's id, as sign-in links are."""
    with deliver():
        signed = sign(statement, version)
        _signature, receipt = confirm_signature(signed.signature)
        rows = " ".join(str(row.__dict__) for row in DBTaskResult.objects.all())
        assert "individual_confirm" in rows and "individual_receipt" in rows
        assert signed.token.split(".")[1] not in rows
        assert receipt.split(".")[1] not in rows
    links = [LINK.search(message.body).group(1) for message in deliver.outbox]
    assert links == [signed.token, receipt]
