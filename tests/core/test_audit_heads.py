"""Signed heads anchor the audit trail outside the database: the two attacks a hash chain alone
lets through — deleting the newest events, and rewriting a past event with every later hash
recomputed by the published algorithm — pass the chain check and fail `verify-audit`."""

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.core.audit import check_heads, record_event, verify_chain
from undersigned.core.events import EventKind
from undersigned.core.heads import (
    Head,
    current_head,
    key_text,
    public_key,
    sign_unsigned_trail,
    signature_holds,
)
from undersigned.core.models import AuditEvent, AuditHead

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).parent.parent.parent / "docs" / "audit.md"
FIELDS = ("seq", "at", "kind", "actor", "statement", "organization", "data")


def published_hash(event: dict, previous: str) -> str:
    """The algorithm docs/audit.md publishes, as an attacker would use it."""
    body = json.dumps(
        {k: event[k] for k in FIELDS}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(previous.encode() + body.encode()).hexdigest()


def rewrite(seq: int, data: dict) -> None:
    """Change event `seq` in the database and recompute every later hash, so the chain holds."""
    previous = AuditEvent.objects.get(seq=seq).prev_hash
    for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        payload = event.payload()
        if event.seq == seq:
            payload["data"] = data
        digest = published_hash(payload, previous)
        AuditEvent.objects.filter(seq=event.seq).update(
            data=payload["data"], prev_hash=previous, hash=digest
        )
        previous = digest


def delete_after(seq: int, *, heads: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq > %s", [seq])
        if heads:
            cursor.execute(f"DELETE FROM {AuditHead._meta.db_table} WHERE seq > %s", [seq])


def verify_audit(*heads: str) -> str:
    """`verify-audit`'s exit code and what it wrote to standard error."""
    args = [arg for head in heads for arg in ("--head", head)]
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("verify-audit", *args, stderr=err)
    return f"{failed.value.returncode}: {err.getvalue()}{failed.value}"


# The two attacks -----------------------------------------------------------------------------


def test_rewriting_a_past_event_with_every_later_hash_recomputed_fails_verify_audit(example):
    target = AuditEvent.objects.filter(kind="signature.imported").order_by("seq")[3]
    last = AuditEvent.objects.order_by("-seq").first().seq

    rewrite(target.seq, {**target.data, "version": "01.00"})

    assert verify_chain() is None  # what verify-audit checked before signed heads
    assert verify_audit() == (
        f"1: The stored head (event #{target.seq}, signed {_signed_at(target.seq)}) gives event "
        f"#{target.seq} the hash {_stored_hash(target.seq)}, but the trail holds "
        f"{AuditEvent.objects.get(seq=target.seq).hash}: the trail was rewritten. "
        f"({last - target.seq} later stored head(s) fail too.)\n"
        "The audit trail does not match its signed heads: it was truncated or rewritten."
    )


def test_a_rewrite_whose_heads_are_deleted_too_leaves_the_newest_event_without_a_head(example):
    target = AuditEvent.objects.order_by("seq")[10]
    last = AuditEvent.objects.order_by("-seq").first().seq
    rewrite(target.seq, {**target.data, "reason": "changed"})
    AuditHead.objects.filter(seq__gte=target.seq)._raw_delete(connection.alias)

    assert verify_chain() is None
    report = verify_audit()

    assert report.startswith(
        f"1: The newest event #{last} has no valid signed head (the newest valid one covers "
        f"#{target.seq - 1}): events were written without the audit key, or the trail was "
        "rewritten and the heads of the rewritten events removed.\n"
    )


def test_a_rewrite_fails_against_a_head_its_signer_kept(example, tmp_path):
    kept = current_head()
    head_file = tmp_path / "receipt-head.json"
    head_file.write_text(kept.to_json())
    rewrite(5, {"forged": True})
    AuditHead.objects.all()._raw_delete(connection.alias)

    report = verify_audit(str(head_file))

    assert report.startswith(
        f"1: The given head (event #{kept.seq}, signed {kept.at}) gives event #{kept.seq} "
        f"the hash {kept.hash}, but the trail holds "
        f"{AuditEvent.objects.get(seq=kept.seq).hash}: the trail was rewritten.\n"
    )


def test_deleting_the_newest_events_and_their_heads_fails_against_a_kept_head(example, tmp_path):
    kept = current_head()
    delete_after(kept.seq - 3, heads=True)
    assert verify_chain() is None

    out = io.StringIO()
    call_command("verify-audit", stdout=out)  # nothing local can tell
    assert "The audit trail holds" in out.getvalue()
    report = verify_audit(kept.to_json())

    assert report == (
        f"1: The given head (event #{kept.seq}, signed {kept.at}) covers event #{kept.seq}, "
        f"but the trail ends at #{kept.seq - 3}: events were deleted after it (the trail was "
        "truncated).\n"
        "The audit trail does not match its signed heads: it was truncated or rewritten."
    )


def test_deleting_the_newest_events_but_not_their_heads_fails(example):
    last = AuditEvent.objects.order_by("-seq").first().seq
    delete_after(last - 2, heads=False)

    report = verify_audit()

    assert f"covers event #{last - 1}, but the trail ends at #{last - 2}" in report
    assert "(1 later stored head(s) fail too.)" in report


def test_a_head_signed_with_another_key_is_refused(example):
    kept = current_head()
    other = Ed25519PrivateKey.generate()
    forged = Head(kept.seq, kept.hash, kept.at, key_text(other.public_key()), "")
    forged = Head(
        forged.seq,
        forged.hash,
        forged.at,
        forged.key,
        base64.b64encode(other.sign(forged.message())).decode(),
    )
    assert signature_holds(forged, other.public_key())

    report = verify_audit(forged.to_json())

    assert f"was signed by another key ({forged.key}), not this site's" in report


def test_an_altered_head_does_not_verify(example):
    kept = current_head().as_dict()
    kept["seq"] -= 1  # the signature no longer covers what it says

    report = verify_audit(json.dumps(kept))

    assert "does not verify with this site's key: it was forged or altered." in report


def test_a_head_kept_before_more_signatures_still_holds(example, tmp_path, capsys):
    kept = current_head()
    with transaction.atomic():
        record_event(EventKind.SIGNATURE_WEB, actor=make_secretariat(), data={"n": 1})
    (tmp_path / "head.json").write_text(kept.to_json())

    call_command("verify-audit", "--head", str(tmp_path / "head.json"))

    assert "and 1 given signed head(s)" in capsys.readouterr().out
    assert current_head().seq == kept.seq + 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("no-such-file.json", "is neither a file nor a signed head's JSON"),
        ("{not json", "this is not JSON"),
        ('{"type": "something else"}', '"type": "undersigned.audit-head/1"'),
        ('{"type": "undersigned.audit-head/1", "seq": 3}', "lacks hash, at, key, signature"),
        ("pyproject.toml", 'No signed head ("type": "undersigned.audit-head/1") was found'),
    ],
)
def test_a_head_that_cannot_be_read_stops_with_status_2(example, value, message):
    with pytest.raises(CommandError, match=re.escape(message)) as refused:
        call_command("verify-audit", "--head", value)
    assert refused.value.returncode == 2


def test_a_saved_record_page_and_a_receipt_e_mail_serve_as_heads(
    example, tmp_path, django_capture_on_commit_callbacks
):
    from undersigned.core.tasks import run_pending
    from undersigned.signatures.services import record_signature

    page = tmp_path / "record.html"
    page.write_bytes(Client().get(f"/statements/{example.document_id}/record/").content)
    organization = OrganizationFactory()
    user = make_delegate(organization, email="delegate@example.org")  # the receipt is a signer's
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record_signature(example, organization=organization, by=user)
    run_pending()
    (receipt,) = [m for m in mail.outbox if m.body.startswith("You signed")]
    eml = tmp_path / "receipt.eml"
    eml.write_bytes(receipt.message().as_bytes())
    last = AuditEvent.objects.order_by("-seq").first().seq
    call_command("verify-audit", "--head", str(page), "--head", str(eml), stdout=io.StringIO())

    delete_after(last - 1, heads=True)  # the signature's event goes, with its head
    report = verify_audit(str(page), str(eml))

    assert f"The given head (event #{last}, signed " in report
    assert f"but the trail ends at #{last - 1}: events were deleted after it" in report
    assert f"(event #{last - 1}," not in report  # the page's older head still holds


# The key ---------------------------------------------------------------------------------


def test_every_event_gets_a_head_signed_with_a_key_made_once_in_the_data_directory(
    settings, example
):
    path = Path(settings.DATA_DIR) / "audit_key"
    heads = list(AuditHead.objects.order_by("seq"))
    events = list(AuditEvent.objects.order_by("seq"))

    assert [(h.seq, h.hash) for h in heads] == [(e.seq, e.hash) for e in events]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert len(base64.b64decode(path.read_text())) == 32
    assert {h.key for h in heads} == {key_text(public_key())}
    assert all(signature_holds(Head.from_row(h), public_key()) for h in heads)


def test_the_environments_key_signs_and_no_file_is_written(settings, db):
    seed = os.urandom(32)
    settings.AUDIT_KEY = base64.b64encode(seed).decode()
    with transaction.atomic():
        record_event(EventKind.SIGNATURE_WEB, organization=OrganizationFactory())

    expected = key_text(Ed25519PrivateKey.from_private_bytes(seed).public_key())
    assert current_head().key == expected
    assert not (Path(settings.DATA_DIR) / "audit_key").exists()
    assert check_heads() == []


def test_a_malformed_key_in_the_environment_is_named(settings, db):
    from undersigned.core.heads import AuditKeyError

    settings.AUDIT_KEY = "not-a-key"
    with (
        pytest.raises(AuditKeyError, match="UNDERSIGNED_AUDIT_KEY must be the base64 of 32"),
        transaction.atomic(),
    ):
        record_event(EventKind.SIGNATURE_WEB)
    assert AuditEvent.objects.count() == 0


def test_a_malformed_key_stops_every_command_before_it_starts(settings, db):
    from django.core.management.base import SystemCheckError

    settings.AUDIT_KEY = base64.b64encode(b"too short").decode()
    with pytest.raises(SystemCheckError, match=r"\(undersigned.E001\) UNDERSIGNED_AUDIT_KEY"):
        call_command("check")
    settings.AUDIT_KEY = ""
    (Path(settings.DATA_DIR) / "audit_key").write_text("not a key")
    with pytest.raises(SystemCheckError, match=r"audit_key must be the base64 of 32 random"):
        call_command("check")


def test_heads_without_the_key_they_were_signed_with_cannot_pass(settings, example):
    (Path(settings.DATA_DIR) / "audit_key").unlink()

    report = verify_audit()

    assert "There is no audit key" in report
    assert "so the signed heads cannot be checked" in report


def test_a_trail_from_before_signed_heads_gets_one_for_its_newest_event_when_migrated(example):
    AuditHead.objects.all()._raw_delete(connection.alias)
    assert check_heads()[0].startswith("The newest event #")

    sign_unsigned_trail()

    assert check_heads() == []
    assert AuditHead.objects.count() == 1


# Where heads are published ---------------------------------------------------------------


def test_the_record_page_the_key_and_the_head_publish_the_current_head(example):
    client = Client()
    head = current_head()

    record = client.get(f"/statements/{example.document_id}/record/").content.decode()
    key = client.get("/audit/key/")
    published = client.get("/audit/head/")

    assert f"<code>{head.to_json()}</code>" in record.replace("&quot;", '"')
    assert key["Content-Type"] == "text/plain; charset=utf-8"
    assert key.content.decode().startswith("-----BEGIN PUBLIC KEY-----")
    assert published["Content-Type"] == "application/json"
    assert Head.parse(published.content.decode()) == head


def test_the_head_answers_404_before_the_first_event(db):
    assert Client().get("/audit/head/").status_code == 404


def test_the_static_copy_holds_the_head_and_the_key_beside_the_pages(example, tmp_path):
    call_command("publish-site", str(tmp_path / "site"), "--base-url", "https://s.example.org/")
    head = current_head()

    site = tmp_path / "site"
    assert Head.parse((site / "audit" / "audit-head.json").read_text()) == head
    assert (site / "audit" / "audit-key.pem").read_text().startswith("-----BEGIN PUBLIC KEY")
    record = (site / "statements" / example.document_id / "record" / "index.html").read_text()
    assert head.to_json() in record.replace("&quot;", '"')
    assert re.findall(r'href="([^"]*audit[^"]*)"', record) == [
        "../../../audit/audit-head.json",
        "../../../audit/audit-key.pem",
    ]


def test_a_signing_receipt_carries_a_head_that_covers_the_signature(
    example, django_capture_on_commit_callbacks
):
    from undersigned.core.tasks import run_pending
    from undersigned.signatures.services import record_signature
    from undersigned.statements.models import State

    statement = example
    assert statement.state == State.PUBLISHED
    organization = OrganizationFactory()
    user = make_delegate(organization, email="delegate@example.org")  # the receipt is a signer's
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record_signature(statement, organization=organization, by=user)
    signing = AuditEvent.objects.order_by("-seq").first()
    run_pending()

    (receipt,) = [m for m in mail.outbox if m.body.startswith("You signed")]
    line = next(x for x in receipt.body.splitlines() if x.startswith('{"at"'))
    head = Head.parse(line)
    assert head.seq >= signing.seq
    assert AuditEvent.objects.get(seq=head.seq).hash == head.hash
    assert signature_holds(head, public_key())


def test_the_signing_page_shows_a_head_that_covers_the_signature_once_signed(client, example):
    from tests.factories import make_delegate

    organization = OrganizationFactory()
    client.force_login(make_delegate(organization))
    url = f"/account/statements/{example.pk}/sign/{organization.pk}/"
    before = client.get(url).content.decode()
    version = example.current_version()
    client.post(url, {"version_hash": version.content_hash, "confirm": "on"})
    signing = AuditEvent.objects.order_by("-seq").first()

    after = client.get(url).content.decode().replace("&quot;", '"')

    assert "Signed head of the audit trail" not in before
    (line,) = re.findall(r'<p class="signed-head"><code>(.*?)</code>', after)
    head = Head.parse(line)
    assert (head.seq, head.hash) == (signing.seq, signing.hash)
    assert signing.kind == "signature.web"


# The third party's check, as docs/audit.md writes it ------------------------------------


@pytest.mark.skipif(not (shutil.which("jq") and shutil.which("openssl")), reason="jq, openssl")
def test_the_documented_commands_check_a_head_without_undersigned(example, tmp_path):
    (tmp_path / "head.json").write_text(Client().get("/audit/head/").content.decode())
    (tmp_path / "audit-key.pem").write_bytes(Client().get("/audit/key/").content)
    section = DOCS.read_text().split("## How a third party checks", 1)[1]
    commands = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    commands = "\n".join(line.strip() for line in commands.splitlines())

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(
            ["sh", "-ec", commands], cwd=tmp_path, capture_output=True, text=True, check=False
        )

    verified = run()
    head = json.loads((tmp_path / "head.json").read_text())
    head["at"] = "2020-01-01T00:00:00Z"  # altered: the signature no longer covers it
    (tmp_path / "head.json").write_text(json.dumps(head))
    altered = run()

    assert (verified.returncode, verified.stdout.strip()) == (0, "Signature Verified Successfully")
    assert altered.returncode != 0
    assert "Signature Verification Failure" in altered.stdout + altered.stderr


def test_the_documented_python_checks_a_trail_against_a_head(example, tmp_path):
    code = re.search(r"```python\n(.*?)```", DOCS.read_text(), re.DOTALL).group(1)
    namespace: dict = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102
    verify = namespace["verify"]
    head = current_head().as_dict()
    export = tmp_path / "chain.jsonl"

    call_command("export-audit", "-o", str(export))
    assert verify(str(export), head) == head["seq"]

    rewrite(4, {"forged": True})
    call_command("export-audit", "-o", str(tmp_path / "rewritten.jsonl"))
    with pytest.raises(ValueError, match=f"event {head['seq']} is not the one the head signed"):
        verify(str(tmp_path / "rewritten.jsonl"), head)

    delete_after(head["seq"] - 1, heads=True)
    call_command("export-audit", "-o", str(tmp_path / "truncated.jsonl"))
    with pytest.raises(ValueError, match=f"the head covers {head['seq']}: truncated"):
        verify(str(tmp_path / "truncated.jsonl"), head)


def _signed_at(seq: int) -> str:
    return Head.from_row(AuditHead.objects.get(seq=seq)).at


def _stored_hash(seq: int) -> str:
    return AuditHead.objects.get(seq=seq).hash
