"""docs/audit.md's check of a receipt with standard tools, run exactly as written on a real
receipt, on a tampered one, and against the statement's published log."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from undersigned.cosigners.models import SignerState
from undersigned.cosigners.services import (
    confirm_signature,
    moderate_signature,
    seal_pending_batches,
    sign_as_person,
)

DOCS = Path(__file__).parent.parent.parent / "docs" / "audit.md"
pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("jq", "openssl", "sha256sum", "python3")),
    reason="jq, openssl, sha256sum, python3",
)


def blocks() -> list[str]:
    section = DOCS.read_text().split("## Receipts of individual signatures", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.DOTALL)


def run(commands: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", "-ec", commands], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def downloaded(opening, statement, version, tmp_path):
    """A signer's receipt.json as the receipt page gives it, and the site's key."""
    signatures = []
    for i in range(5):
        signed = sign_as_person(
            statement,
            language="en",
            version_hash=version.content_hash,
            name=f"Zoë {i}",
            email=f"z{i}@example.org",
            affiliation="Université",
        )
        signatures.append(confirm_signature(signed.signature))
    seal_pending_batches()
    signature, token = signatures[3]
    client = Client()
    (tmp_path / "receipt.json").write_bytes(
        client.get(reverse("cosigners:receipt_json", args=[token])).content
    )
    (tmp_path / "audit-key.pem").write_bytes(client.get("/audit/key/").content)
    return signature


def test_the_documented_commands_check_a_receipt_without_undersigned(downloaded, tmp_path):
    proof, _later = blocks()
    verified = run(proof, tmp_path)
    receipt = json.loads((tmp_path / "receipt.json").read_text())
    receipt["leaf"]["at"] = "2020-01-01T00:00:00.000000Z"
    (tmp_path / "receipt.json").write_text(json.dumps(receipt))
    tampered = run(proof, tmp_path)

    assert (verified.returncode, verified.stdout.strip().splitlines()[-1]) == (
        0,
        "Signature Verified Successfully",
    ), verified.stderr
    assert tampered.returncode == 1
    assert "the leaf does not lead to the root" in tampered.stderr


def test_the_documented_commands_refuse_an_altered_event(downloaded, tmp_path):
    proof, _later = blocks()
    receipt = json.loads((tmp_path / "receipt.json").read_text())
    receipt["event"]["at"] = "2020-01-01T00:00:00+00:00"
    (tmp_path / "receipt.json").write_text(json.dumps(receipt))
    altered = run(proof, tmp_path)
    assert altered.returncode != 0
    assert "Signature Verified Successfully" not in altered.stdout


def test_the_documented_commands_read_the_later_log(downloaded, tmp_path, statement, secretariat):
    _proof, later = blocks()
    log_url = reverse("cosigners:log", args=[statement.document_id])
    (tmp_path / "log.json").write_bytes(Client().get(log_url + "?from=0").content)
    still = run(later, tmp_path)
    moderate_signature(downloaded, to=SignerState.INVALIDATED, by=secretariat, reason="bot")
    seal_pending_batches()
    (tmp_path / "log.json").write_bytes(Client().get(log_url + "?from=0").content)
    taken_off = run(later, tmp_path)

    assert (still.returncode, still.stdout.split()) == (0, ["true", "confirmed"]), still.stderr
    assert (taken_off.returncode, taken_off.stdout.split()) == (0, ["true", "invalidated"])
