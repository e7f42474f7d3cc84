"""Batches and receipts: confirmed signatures sealed into Merkle batches, one audit event each;
the receipt's proof, and `verify-receipt` on a valid receipt and on every way one can fail."""

import json
import time
from io import StringIO

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from undersigned.core.audit import unexplained_rows, verify_chain
from undersigned.core.generation import content_generation
from undersigned.core.heads import canonical, public_key_pem
from undersigned.core.merkle import leaf_hash
from undersigned.core.models import AuditEvent
from undersigned.cosigners import receipts
from undersigned.cosigners.imported import ImportedPerson, record_imported_people
from undersigned.cosigners.models import Batch, IndividualSignature, Leaf, SignerState
from undersigned.cosigners.services import (
    confirm_signature,
    erase_own_data,
    moderate_signature,
    seal_pending_batches,
    sign_as_person,
    withdraw_own_signature,
)
from undersigned.operations.management.commands.worker import FrequentJobs

SITE = "http://testserver"


def confirmed(statement, version, n: int, *, start: int = 0) -> list[IndividualSignature]:
    signatures = []
    for i in range(start, start + n):
        signed = sign_as_person(
            statement,
            language="en",
            version_hash=version.content_hash,
            name=f"Person {i}",
            email=f"p{i}@example.org",
            affiliation="Uni",
        )
        signatures.append(confirm_signature(signed.signature)[0])
    return signatures


def individual_rows() -> list[str]:
    return [
        str(row)
        for row in unexplained_rows()
        if row.row.startswith(("individual", "batch", "leaves", "event"))
    ]


def receipt_of(signature, statement) -> dict:
    log_url = SITE + reverse("cosigners:log", args=[statement.document_id])
    return receipts.receipt(signature, site=SITE, log_url=log_url)


@pytest.fixture
def files(tmp_path, statement):
    """Writes a receipt, the site's key and the statement's log where verify-receipt reads
    them."""

    def write(receipt: dict, *, log: dict | None = None) -> dict[str, str]:
        paths = {
            "receipt": tmp_path / "receipt.json",
            "key": tmp_path / "audit-key.pem",
            "log": tmp_path / "log.json",
        }
        paths["receipt"].write_text(json.dumps(receipt))
        paths["key"].write_text(public_key_pem())
        paths["log"].write_text(json.dumps(log or receipts.log(statement)))
        return {name: str(path) for name, path in paths.items()}

    return write


def verify_receipt(*args: str) -> tuple[int, str]:
    """`verify-receipt`'s exit code and what it said."""
    out = StringIO()
    try:
        call_command("verify-receipt", *args, stdout=out)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue()


# Sealing ---------------------------------------------------------------------------------


def test_confirmed_signatures_are_sealed_in_one_batch_with_one_event(opening, statement, version):
    signatures = confirmed(statement, version, 3)
    before = AuditEvent.objects.count()

    (batch,) = seal_pending_batches()

    event = AuditEvent.objects.get(kind="individuals.batch")
    assert AuditEvent.objects.count() == before + 1
    assert (event.statement_ref, event.data) == (
        statement.pk,
        {"count": 3, "root": batch.root, "first": 0, "last": 2},
    )
    assert (batch.first, batch.count, batch.event_seq) == (0, 3, event.seq)
    assert list(batch.leaves.order_by("pk").values_list("signature", flat=True)) == [
        s.pk for s in signatures
    ]
    assert seal_pending_batches() == []
    assert (verify_chain(), individual_rows()) == (None, [])


def test_no_step_of_a_signature_writes_to_the_trail_before_the_batch(opening, statement, version):
    generation = content_generation(events_only=True)
    signatures = confirmed(statement, version, 3)
    withdraw_own_signature(signatures[0])
    assert content_generation(events_only=True) == generation
    seal_pending_batches()
    assert content_generation().seq == generation.seq + 1


def test_a_confirmation_makes_a_new_generation_before_its_batch(opening, statement, version):
    """The cached pages show the count without waiting for the worker's seal."""
    before = content_generation()
    (signature,) = confirmed(statement, version, 1)
    after = content_generation()

    assert after.seq == before.seq
    assert after.followed == (Leaf.objects.get(signature=signature).pk,)
    assert after.fingerprint != before.fingerprint


def test_the_next_batch_follows_the_last_and_holds_later_steps(opening, statement, version):
    first = confirmed(statement, version, 2)
    seal_pending_batches()
    confirmed(statement, version, 1, start=2)
    withdraw_own_signature(first[0])

    (batch,) = seal_pending_batches()

    assert (batch.first, batch.count) == (2, 2)
    assert list(batch.leaves.order_by("pk").values_list("kind", flat=True)) == [
        "confirmed",
        "withdrawn",
    ]
    assert individual_rows() == []


def test_a_confirmed_signature_waiting_for_its_batch_is_explained(opening, statement, version):
    confirmed(statement, version, 2)
    assert Leaf.objects.filter(batch=None).count() == 2
    assert individual_rows() == []


def test_the_limit_splits_a_batch_and_each_follows_the_last(opening, statement, version):
    confirmed(statement, version, 5)
    batches = seal_pending_batches(limit=2)
    assert [(b.first, b.count) for b in batches] == [(0, 2), (2, 2), (4, 1)]
    assert individual_rows() == []


def test_a_leaf_changed_after_sealing_is_named(opening, statement, version):
    signature = confirmed(statement, version, 2)[0]
    (batch,) = seal_pending_batches()
    leaf = signature.leaves.get()
    Leaf.objects.filter(pk=leaf.pk).update(body=leaf.body.replace('"confirmed"', '"held"'))
    assert individual_rows() == [
        f"batch #{batch.pk} (statement {statement.pk}, from leaf 0): "
        "has leaves that no longer give its root",
        f"individual signature #{signature.pk}: differs from its leaves",
    ]


def test_a_signature_confirmed_twice_in_the_log_is_named(opening, statement, version):
    signature = confirmed(statement, version, 1)[0]
    Leaf.objects.create(
        statement=statement, signature=signature, kind="confirmed", body=signature.leaves.get().body
    )
    assert individual_rows() == [
        f"individual signature #{signature.pk}: is confirmed more than once in the log"
    ]


def test_a_name_changed_behind_the_services_back_is_named(opening, statement, version):
    signature = confirmed(statement, version, 1)[0]
    IndividualSignature.objects.filter(pk=signature.pk).update(name="Someone Else")
    assert individual_rows() == [
        f"individual signature #{signature.pk}: has a name or fields other than its leaves say"
    ]


def test_moderation_and_erasure_are_leaves_and_explained(opening, statement, version, secretariat):
    held, erased = confirmed(statement, version, 2)
    moderate_signature(held, to=SignerState.HELD, by=secretariat, reason="burst")
    erase_own_data(erased)
    seal_pending_batches()
    assert list(Leaf.objects.order_by("pk").values_list("kind", flat=True)) == [
        "confirmed",
        "confirmed",
        "held",
        "withdrawn",
        "erased",
    ]
    assert individual_rows() == []


# Receipts --------------------------------------------------------------------------------


def test_a_receipt_has_its_proof_only_once_sealed(opening, statement, version):
    signature = confirmed(statement, version, 1)[0]
    assert receipt_of(signature, statement) is None
    seal_pending_batches()
    receipt = receipt_of(signature, statement)
    assert receipt["leaf"]["signature"] == signature.pk
    assert (receipt["index"], receipt["batch"]["count"], receipt["path"]) == (0, 1, [])
    assert receipt["head"]["seq"] == receipt["event"]["seq"]
    assert receipt["fields"]["name"] == "Person 0"


@pytest.mark.parametrize("n", [1, 2, 5, 8])
def test_every_receipt_of_a_batch_verifies(opening, statement, version, files, n):
    signatures = confirmed(statement, version, n)
    seal_pending_batches()
    for signature in signatures:
        paths = files(receipt_of(signature, statement))
        code, said = verify_receipt(
            paths["receipt"], "--key", paths["key"], "--trail", paths["log"]
        )
        assert code == 0, said
        assert "still holds the signature" in said and "The receipt is valid." in said


def test_a_receipt_verifies_offline_with_the_key_alone(opening, statement, version, files):
    signature = confirmed(statement, version, 3)[1]
    seal_pending_batches()
    paths = files(receipt_of(signature, statement))
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--offline")
    assert code == 0, said
    assert "The later list was not checked" in said


@pytest.fixture
def sealed_receipt(opening, statement, version):
    signature = confirmed(statement, version, 5)[2]
    seal_pending_batches()
    return receipt_of(signature, statement)


def test_a_tampered_leaf_is_invalid(sealed_receipt, files):
    sealed_receipt["leaf"]["signature"] += 1
    paths = files(sealed_receipt)
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--offline")
    assert (code, said) == (
        1,
        "The receipt does not hold: The leaf does not lead to the batch's root by its audit "
        "path: the leaf, its index or the path was changed.",
    )


def test_a_tampered_path_is_invalid(sealed_receipt, files):
    sealed_receipt["path"][0] = "00" * 32
    paths = files(sealed_receipt)
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--offline")
    assert code == 1
    assert "does not lead to the batch's root" in said


def test_a_tampered_root_and_path_together_fail_at_the_event(sealed_receipt, files):
    # Whoever rewrites leaf, path and root consistently still meets the event's hash.
    sealed_receipt["batch"]["root"] = sealed_receipt["batch"]["root"][::-1]
    sealed_receipt["event"]["data"]["root"] = sealed_receipt["batch"]["root"]
    sealed_receipt["path"], sealed_receipt["index"], sealed_receipt["batch"]["count"] = [], 0, 1
    sealed_receipt["batch"]["root"] = leaf_hash(canonical(sealed_receipt["leaf"])).hex()
    sealed_receipt["batch"]["first"] = 0
    paths = files(sealed_receipt)
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--offline")
    assert code == 1
    assert "The batch's audit event does not match its hash" in said


def test_a_wrong_key_is_invalid(sealed_receipt, files, tmp_path):
    paths = files(sealed_receipt)
    other = Ed25519PrivateKey.generate().public_key()
    pem = other.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (tmp_path / "other.pem").write_bytes(pem)
    code, said = verify_receipt(paths["receipt"], "--key", str(tmp_path / "other.pem"), "--offline")
    assert code == 1
    assert "not the site's" in said


def test_a_truncated_receipt_is_unreadable(sealed_receipt, files, tmp_path):
    paths = files(sealed_receipt)
    text = (tmp_path / "receipt.json").read_text()
    (tmp_path / "receipt.json").write_text(text[: len(text) // 2])
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--offline")
    assert (code, said) == (2, f"{paths['receipt']}: The file is not JSON (was it cut short?).")


def test_a_missing_receipt_is_unreadable(tmp_path, db):
    code, said = verify_receipt(str(tmp_path / "nowhere.json"), "--offline", "--key", "x")
    assert code == 2
    assert said.startswith("Cannot read the receipt")


def test_a_withdrawal_by_the_signer_explains_the_absence(opening, statement, version, files):
    signature = confirmed(statement, version, 3)[1]
    seal_pending_batches()
    receipt = receipt_of(signature, statement)
    withdraw_own_signature(signature)
    confirmed(statement, version, 1, start=3)
    seal_pending_batches()
    paths = files(receipt)
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--trail", paths["log"])
    assert code == 0, said
    assert "no longer holds the signature: it was withdrawn by its signer" in said


def test_an_invalidation_is_shown_as_such(opening, statement, version, files, secretariat):
    signature = confirmed(statement, version, 2)[0]
    seal_pending_batches()
    receipt = receipt_of(signature, statement)
    moderate_signature(signature, to=SignerState.INVALIDATED, by=secretariat, reason="bot")
    seal_pending_batches()
    paths = files(receipt)
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--trail", paths["log"])
    assert code == 0, said
    assert "it was invalidated by the coalition" in said


def test_a_log_that_lost_the_receipts_batch_is_invalid(opening, statement, version, files):
    signature = confirmed(statement, version, 2)[0]
    seal_pending_batches()
    receipt = receipt_of(signature, statement)
    confirmed(statement, version, 1, start=2)
    seal_pending_batches()
    log = receipts.log(statement)
    del log["batches"][0]
    paths = files(receipt, log=log)
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--trail", paths["log"])
    assert code == 1
    assert "skips leaves 0 to 2" in said


def test_a_log_with_the_signature_dropped_from_its_batch_is_invalid(
    opening, statement, version, files
):
    signature = confirmed(statement, version, 3)[1]
    seal_pending_batches()
    receipt = receipt_of(signature, statement)
    log = receipts.log(statement)
    del log["batches"][0]["leaves"][1]
    paths = files(receipt, log=log)
    code, said = verify_receipt(paths["receipt"], "--key", paths["key"], "--trail", paths["log"])
    assert code == 1
    assert "do not give its root" in said


# Pages -----------------------------------------------------------------------------------


def test_the_receipt_page_promises_the_proof_then_offers_receipt_json(opening, statement, version):
    signed = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Ana", email="a@x.org"
    )
    _signature, token = confirm_signature(signed.signature)
    client = Client()
    page = client.get(reverse("cosigners:receipt", args=[token]))
    early = client.get(reverse("cosigners:receipt_json", args=[token]))
    seal_pending_batches()
    sealed = client.get(reverse("cosigners:receipt", args=[token]))
    download = client.get(reverse("cosigners:receipt_json", args=[token]))

    assert "comes within seconds" in page.content.decode()
    assert (early.status_code, early["Cache-Control"]) == (404, "no-store")
    assert reverse("cosigners:receipt_json", args=[token]) in sealed.content.decode()
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="receipt-')
    body = json.loads(download.content)
    assert (body["type"], body["site"], body["leaf"]["kind"]) == (
        "undersigned.receipt/1",
        SITE,
        "confirmed",
    )
    assert body["log"] == SITE + reverse("cosigners:log", args=[statement.document_id])


def test_the_log_is_public_and_starts_where_asked(opening, statement, version):
    confirmed(statement, version, 2)
    seal_pending_batches()
    confirmed(statement, version, 2, start=2)
    seal_pending_batches()
    url = reverse("cosigners:log", args=[statement.document_id])
    whole = Client().get(url).json()
    later = Client().get(url + "?from=2").json()
    assert [(b["first"], b["count"]) for b in whole["batches"]] == [(0, 2), (2, 2)]
    assert [(b["first"], b["count"]) for b in later["batches"]] == [(2, 2)]
    assert "Person" not in json.dumps(whole) and "example.org" not in json.dumps(whole)
    assert Client().get(url + "?from=x").status_code == 400


def test_the_worker_seals_what_waits(opening, statement, version):
    confirmed(statement, version, 2)
    call_command("worker", "--once", stdout=StringIO())
    assert Batch.objects.get().count == 2


@pytest.mark.django_db(transaction=True)
def test_the_workers_thread_seals_within_a_second_or_so(opening, statement, version, settings):
    settings.COSIGNERS_SEAL_MS = 100
    confirmed(statement, version, 2)
    frequent = FrequentJobs()
    frequent.start()
    try:
        deadline = time.monotonic() + 5
        while not Batch.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        waited = 5 - (deadline - time.monotonic())
    finally:
        frequent.stopped.set()
        frequent.join()
    assert Batch.objects.get().count == 2
    assert waited < 2


def test_imported_people_are_explained_by_their_event_then_by_their_leaves(
    statement, version, secretariat
):
    people = [ImportedPerson(position=1, name="Dr. Jane Doe"), ImportedPerson(2, "Li Wei")]
    jane, li = record_imported_people(
        statement, people, source="abc", signed_at=timezone.now(), by=secretariat
    )
    assert individual_rows() == []
    moderate_signature(jane, to=SignerState.HELD, by=secretariat, reason="check")
    seal_pending_batches()
    assert individual_rows() == []
    IndividualSignature.objects.filter(pk=li.pk).update(state=SignerState.WITHDRAWN)
    assert individual_rows() == [f"individual signature #{li.pk}: is withdrawn against its events"]


def test_the_receipt_email_says_the_proof_follows_on_its_page(opening, statement, version, deliver):
    signed = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Ana", email="a@x.org"
    )
    with deliver():
        _signature, token = confirm_signature(signed.signature)
    (message,) = deliver.outbox
    assert reverse("cosigners:receipt", args=[token]) in message.body
    assert "the proof that your name is on the list (receipt.json)" in message.body


def test_the_receipt_email_gives_the_moment_of_confirmation_in_the_signers_words(
    opening, statement, version, deliver
):
    signed = sign_as_person(
        statement, language="en", mail_language="fr", version_hash=version.content_hash,
        name="Ana", email="a@x.org",
    )  # fmt: skip
    with deliver():
        signature, _token = confirm_signature(signed.signature)
    (message,) = deliver.outbox
    moment = timezone.localtime(signature.confirmed_at)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]  # fmt: skip
    written = f"{moment.day} {months[moment.month - 1]} {moment.year} {moment:%H:%M} UTC"
    assert written in message.body
    assert signature.confirmed_at.isoformat() not in message.body


def test_the_log_comes_in_pages_that_never_split_a_batch(opening, statement, version, monkeypatch):
    monkeypatch.setattr(receipts, "LOG_PAGE", 3)
    for start in (0, 2, 4):
        confirmed(statement, version, 2, start=start)
        seal_pending_batches()
    first = receipts.log(statement)
    rest = receipts.log(statement, start=first["next"])
    assert ([(b["first"], b["count"]) for b in first["batches"]], first["next"]) == ([(0, 2)], 2)
    assert ([(b["first"], b["count"]) for b in rest["batches"]], rest["next"]) == ([(2, 2)], 4)
