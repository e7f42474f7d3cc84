"""`undersigned backup` and `undersigned restore` on whichever database the suite runs (SQLite,
or PostgreSQL when DATABASE_URL points to one): a backup of a site that is being signed
restores into an empty one with its audit trail intact."""

import io
import json
import os
import secrets
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import OrganizationFactory
from undersigned.example import load_example
from undersigned.operations.backup import BackupError, find_program
from undersigned.signatures.models import Signature
from undersigned.signatures.services import record_signature

CLI = Path(sys.executable).parent / "undersigned"


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CLI, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def empty_site(tmp_path):
    """The environment of a new, empty site on the suite's database engine: a new data
    directory, and on PostgreSQL a new, empty database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "UNDERSIGNED_SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }
    env["UNDERSIGNED_DATA_DIR"] = str(tmp_path / "restored")
    if connection.vendor != "postgresql":
        yield env
        return
    params = connection.settings_dict
    name = f"{params['NAME']}_restored_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = quote(params["USER"], safe="")
    password = quote(params.get("PASSWORD") or "", safe="")
    env["DATABASE_URL"] = f"postgres://{user}:{password}@{params['HOST']}:{params['PORT']}/{name}"
    try:
        yield env
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(env: dict[str, str], code: str) -> dict:
    """Run Python in the restored site (`undersigned shell -c`), which prints one JSON object."""
    done = cli(env, "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


READ_RESTORED_SITE = """
import json
from undersigned.core.models import AuditEvent
from undersigned.signatures.models import Signature
events = list(AuditEvent.objects.order_by("seq"))
print(json.dumps({
    "signatures": Signature.objects.count(),
    "signature_events": sum(e.kind.startswith("signature.") for e in events),
    "kinds": [e.kind for e in events[-2:]],
    "head_before_restore": events[-2].hash,
}))
"""


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_signatures_are_written_restores_with_its_trail_intact(
    tmp_path, settings, empty_site
):
    (statement,) = load_example()
    organizations = OrganizationFactory.create_batch(60)
    (Path(settings.MEDIA_ROOT) / "imports" / "2026" / "11").mkdir(parents=True)
    evidence = Path(settings.MEDIA_ROOT) / "imports" / "2026" / "11" / "ICOR00359.pdf"
    evidence.write_bytes(b"%PDF-1.7 the signed original")
    audit_key = (Path(settings.DATA_DIR) / "audit_key").read_text()  # made by the first event
    signed: list[int] = []
    backed_up = threading.Event()
    failures: list[BaseException] = []

    def keep_signing() -> None:
        try:
            after_backup = 0
            for organization in organizations:
                signed.append(record_signature(statement, organization=organization).pk)
                after_backup += backed_up.is_set()
                if after_backup >= 3:
                    return
        except BaseException as error:  # reported by the test below
            failures.append(error)
        finally:
            connection.close()

    signer = threading.Thread(target=keep_signing)
    signer.start()
    deadline = time.monotonic() + 60
    while len(signed) < 3 and signer.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    archive = tmp_path / "site.tar.gz"
    try:
        call_command("backup", str(archive), stdout=io.StringIO())
    finally:
        backed_up.set()
        signer.join(timeout=120)
    assert failures == []
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    in_backup = manifest["counts"]["signatures.Signature"]
    # Taken while the signing went on: some of the new signatures are in it, some came after.
    assert 32 + 3 <= in_backup < Signature.objects.count()

    restored = cli(empty_site, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    verified = cli(empty_site, "verify-audit")
    assert verified.returncode == 0, verified.stderr
    assert "The audit trail holds" in verified.stdout

    site = query(empty_site, READ_RESTORED_SITE)
    assert site == {
        "signatures": in_backup,
        "signature_events": in_backup,  # each signature with its event: one snapshot
        "kinds": [site["kinds"][0], "site.restored"],
        "head_before_restore": manifest["audit_head"]["hash"],
    }
    data_dir = Path(empty_site["UNDERSIGNED_DATA_DIR"])
    assert (data_dir / "secret_key").read_text() == settings.SECRET_KEY
    assert (data_dir / "audit_key").read_text() == audit_key
    assert oct((data_dir / "audit_key").stat().st_mode & 0o777) == "0o600"
    restored_evidence = data_dir / "media" / "imports" / "2026" / "11" / "ICOR00359.pdf"
    assert restored_evidence.read_bytes() == b"%PDF-1.7 the signed original"


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_one_private_archive_with_manifest_keys_and_uploaded_files(tmp_path, settings):
    (Path(settings.MEDIA_ROOT) / "imports").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "imports" / "list.docx").write_bytes(b"PK evidence")
    OrganizationFactory.create_batch(2)
    archive = tmp_path / "site.tar.gz"

    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)

    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    with tarfile.open(archive) as tar:
        names = sorted(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
        secret = tar.extractfile("keys/secret_key").read().decode()
    assert names == sorted(
        ["manifest.json", database, "keys/secret_key", "media/imports/list.docx"]
    )
    assert secret == settings.SECRET_KEY
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert manifest["format"] == "undersigned.backup/1"
    assert manifest["engine"] == connection.vendor
    assert manifest["counts"]["organizations.Organization"] == 2
    assert manifest["keys"] == ["secret_key"]
    assert list(manifest["files"]) == ["media/imports/list.docx"]
    assert "2 Organization" in out.getvalue()
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.django_db(transaction=True)
def test_a_backup_never_overwrites_a_file(tmp_path):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"last week's backup")
    with pytest.raises(CommandError, match="exists already") as refused:
        call_command("backup", str(archive))
    assert refused.value.returncode == 2
    assert archive.read_bytes() == b"last week's backup"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_site_that_holds_data_and_changes_nothing(tmp_path):
    OrganizationFactory.create_batch(2)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    OrganizationFactory()

    with pytest.raises(CommandError, match="only goes into an empty site") as refused:
        call_command("restore", str(archive))

    assert refused.value.returncode == 2
    assert "the database has" in str(refused.value)
    from undersigned.organizations.models import Organization

    assert Organization.objects.count() == 3


def test_restore_refuses_a_backup_of_another_database_engine(tmp_path, db):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = {
        "format": "undersigned.backup/1",
        "engine": other,
        "created_at": "2026-11-30T12:00:00+00:00",
        "counts": {},
        "audit_head": None,
        "keys": [],
        "files": {},
    }
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match=f"This is a backup of a {other} site") as refused:
        call_command("restore", str(archive))
    assert refused.value.returncode == 1


def test_a_missing_pg_dump_is_named_with_how_to_install_it(tmp_path):
    with pytest.raises(BackupError, match=r"pg_dump was not found.*postgresql-client"):
        find_program("pg_dump", search=[str(tmp_path)])
