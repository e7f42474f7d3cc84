"""Backups of a live site and their restore (`undersigned backup FILE`, `undersigned restore
FILE`; docs/operations.md).

A backup is one tar archive (gzip-compressed) holding:

    manifest.json          format, database engine, time, counts, the audit trail's head
    database.sqlite3       SQLite: a copy made by SQLite's online backup API
    database.pgdump        PostgreSQL: `pg_dump --format=custom`
    keys/secret_key        the key that signs sessions and links
    keys/audit_key         the key that signs the audit trail's head, where there is one
    media/…                uploaded files (the documents signatures were imported from)

The database copy is consistent while the site goes on writing: SQLite's backup API copies
one snapshot (in WAL mode writers go on meanwhile), and pg_dump reads the snapshot of a
transaction that also counts the rows the manifest reports, so the counts describe exactly
what was dumped. Uploaded files are copied after the database: a file is never referenced
by the copy without being in the archive, since files are only ever added.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from undersigned.core.audit import record_event, verify_chain
from undersigned.core.events import EventKind

FORMAT = "undersigned.backup/1"
# Keys kept as files in the data directory, and the variable that may give one instead.
KEY_FILES: dict[str, str | None] = {
    "secret_key": "UNDERSIGNED_SECRET_KEY",
    "audit_key": "UNDERSIGNED_AUDIT_KEY",
}
# What the manifest counts, by model label; a restore checks it finds the same numbers.
COUNTED = (
    "core.AuditEvent",
    "organizations.Organization",
    "statements.Statement",
    "statements.Version",
    "signatures.Signature",
    "auth.User",
)


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why, for an operator."""


class NotEmpty(BackupError):
    """A restore was asked into a site that already holds data."""


@dataclass
class Manifest:
    engine: str
    created_at: str
    counts: dict[str, int]
    audit_head: dict[str, Any] | None
    keys: list[str]
    files: dict[str, str] = field(default_factory=dict)  # archive name -> SHA-256
    format: str = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise BackupError(
                f"This is not an undersigned backup this version can read "
                f"(format {data.get('format')!r}, expected {FORMAT!r})."
            )
        return cls(**data)


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def find_program(name: str, *, search: list[str] | None = None) -> str:
    """A PostgreSQL client program: in UNDERSIGNED_PG_BIN when set, else on the PATH, else in
    the newest of Debian's /usr/lib/postgresql/<version>/bin (pg_dump must be at least as new
    as the server)."""
    if search is None:
        configured = getattr(settings, "PG_BIN", "")
        search = [configured] if configured else []
        search.append(os.environ.get("PATH", ""))
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"),
            key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
            reverse=True,
        )
        search += [str(p) for p in versions]
    found = shutil.which(name, path=os.pathsep.join(filter(None, search)))
    if found is None:
        raise BackupError(
            f"{name} was not found (looked in UNDERSIGNED_PG_BIN, the PATH and "
            f"/usr/lib/postgresql/*/bin). Install PostgreSQL's client programs "
            f"(Debian: apt-get install postgresql-client) or set UNDERSIGNED_PG_BIN."
        )
    return found


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the site's database: the password never shows on a command line."""
    params = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    options = params.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env


def _run(command: list[str], **kwargs: Any) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603 - a program we found, arguments we made
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def _tables() -> dict[str, str]:
    from django.apps import apps

    return {label: apps.get_model(label)._meta.db_table for label in COUNTED}


def _count(cursor: Any) -> tuple[dict[str, int], dict[str, Any] | None]:
    counts = {}
    for label, table in _tables().items():
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - table names from the models
        counts[label] = cursor.fetchone()[0]
    events = _tables()["core.AuditEvent"]
    cursor.execute(f"SELECT seq, hash FROM {events} ORDER BY seq DESC LIMIT 1")  # noqa: S608
    row = cursor.fetchone()
    return counts, ({"seq": row[0], "hash": row[1]} if row else None)


def _copy_sqlite(target: Path) -> tuple[dict[str, int], dict[str, Any] | None]:
    source = sqlite3.connect(connection.settings_dict["NAME"], timeout=20)
    try:
        copy = sqlite3.connect(target)
        try:
            # One step (pages=-1): one snapshot, however long the site goes on writing.
            source.backup(copy)
            return _count(copy.cursor())
        finally:
            copy.close()
    finally:
        source.close()


def _dump_postgresql(target: Path) -> tuple[dict[str, int], dict[str, Any] | None]:
    import psycopg

    pg_dump = find_program("pg_dump")
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts, head = _count(cursor)
            # pg_dump reads the very snapshot just counted, held open by this transaction.
            _run(
                [
                    pg_dump,
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={target}",
                    f"--dbname={connection.settings_dict['NAME']}",
                ],
                env=_pg_environment(),
            )
        raw.rollback()
        return counts, head
    finally:
        raw.close()


def _key(name: str) -> str | None:
    """The key in use: the environment's, else the data directory's file."""
    if name == "secret_key":
        return settings.SECRET_KEY
    if name == "audit_key" and settings.AUDIT_KEY:
        return settings.AUDIT_KEY
    path = Path(settings.DATA_DIR) / name
    return path.read_text().strip() if path.exists() else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, *, mode: int = 0o600) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def make_backup(path: Path) -> Manifest:
    """Write a consistent backup of the running site to `path` (a new file, mode 600).

    Side effects: writes the file (first as `<path>.partial`, renamed when complete); reads
    the database without blocking writers; changes nothing in the site.
    """
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; a backup never overwrites a file.")
    kind = engine()
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".undersigned-backup-") as scratch:
        database = Path(scratch) / ("database.sqlite3" if kind == "sqlite" else "database.pgdump")
        if kind == "sqlite":
            counts, head = _copy_sqlite(database)
        else:
            counts, head = _dump_postgresql(database)
        media = Path(settings.MEDIA_ROOT)
        uploads = sorted(p for p in media.rglob("*") if p.is_file() and not p.is_symlink())
        keys = {name: value for name in KEY_FILES if (value := _key(name))}
        manifest = Manifest(
            engine=kind,
            created_at=created_at,
            counts=counts,
            audit_head=head,
            keys=sorted(keys),
            files={f"media/{p.relative_to(media).as_posix()}": _sha256(p) for p in uploads},
        )
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with (
            os.fdopen(descriptor, "wb") as handle,
            tarfile.open(fileobj=handle, mode="w:gz") as tar,
        ):
            _add_bytes(tar, "manifest.json", manifest.to_json(), mode=0o644)
            tar.add(database, arcname=database.name)
            for name, value in keys.items():
                _add_bytes(tar, f"keys/{name}", value.encode())
            for upload in uploads:
                tar.add(upload, arcname=f"media/{upload.relative_to(media).as_posix()}")
    partial.replace(path)
    return manifest


# Restore ----------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError:
        raise BackupError(
            "The archive has no manifest.json: it is not an undersigned backup."
        ) from None
    if member is None:
        raise BackupError("The archive's manifest.json is not a file.")
    return Manifest.from_json(member.read())


def _database_tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def what_is_there() -> list[str]:
    """What the site already holds, in words; empty when a restore may go ahead. The secret key
    file alone does not count: starting any command generates one for a new data directory."""
    found = []
    tables = _database_tables()
    if tables:
        found.append(f"the database has {len(tables)} table(s)")
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(p.is_file() for p in media.rglob("*")):
        found.append(f"{media} holds files")
    if (Path(settings.DATA_DIR) / "audit_key").exists():
        found.append(f"{Path(settings.DATA_DIR) / 'audit_key'} exists")
    return found


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"The archive names an unsafe path: {name!r}.")
    return path


def _restore_sqlite(archive: tarfile.TarFile) -> None:
    source_file = archive.extractfile("database.sqlite3")
    if source_file is None:
        raise BackupError("The archive has no database.sqlite3.")
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".undersigned-restore-") as scratch:
        copy = Path(scratch) / "database.sqlite3"
        with copy.open("wb") as handle:
            shutil.copyfileobj(source_file, handle)
        source = sqlite3.connect(copy)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode=WAL")
        finally:
            destination.close()
            source.close()


def _restore_postgresql(archive: tarfile.TarFile) -> None:
    dump = archive.extractfile("database.pgdump")
    if dump is None:
        raise BackupError("The archive has no database.pgdump.")
    pg_restore = find_program("pg_restore")
    connection.close()
    with tempfile.TemporaryDirectory(prefix="undersigned-restore-") as scratch:
        copy = Path(scratch) / "database.pgdump"
        with copy.open("wb") as handle:
            shutil.copyfileobj(dump, handle)
        _run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(copy),
            ],
            env=_pg_environment(),
        )


def _restore_keys(archive: tarfile.TarFile, manifest: Manifest) -> list[str]:
    """Write the keys into the data directory; returns notes for the operator."""
    notes = []
    for name in manifest.keys:
        if name not in KEY_FILES:
            continue
        member = archive.extractfile(f"keys/{name}")
        if member is None:
            continue
        value = member.read().decode().strip()
        variable = KEY_FILES[name]
        given = os.environ.get(variable, "") if variable else ""
        if given:
            if given != value:
                notes.append(
                    f"{variable} is set and differs from the backup's {name}: set it to the "
                    f"backup's key (keys/{name} in the archive), or "
                    + (
                        "the audit trail's signed heads no longer verify."
                        if name == "audit_key"
                        else "signed links and sessions of the old site stop working."
                    )
                )
            continue
        path = Path(settings.DATA_DIR) / name
        path.unlink(missing_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(value)
    return notes


def _restore_media(archive: tarfile.TarFile, manifest: Manifest) -> None:
    media = Path(settings.MEDIA_ROOT)
    for name, digest in manifest.files.items():
        relative = _safe_member(name)
        if relative.parts[0] != "media":
            raise BackupError(f"The archive lists a file outside media/: {name!r}.")
        member = archive.extractfile(name)
        if member is None:
            raise BackupError(f"The archive lacks {name}, which its manifest lists.")
        target = media.joinpath(*relative.parts[1:])
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            shutil.copyfileobj(member, handle)
        if _sha256(target) != digest:
            raise BackupError(f"{name} does not match the checksum in the manifest.")


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    notes: list[str]


def restore_backup(path: Path) -> Restored:
    """Restore a backup into this site, which must be empty (a new data directory, an empty
    database): refuses with NotEmpty otherwise. Checks that the restored database holds the
    counts and the audit trail the manifest describes.

    Side effects: fills the database, writes the keys into the data directory (unless the
    environment gives them) and the uploaded files under MEDIA_ROOT, applies migrations of this
    version that the backup predates, and records a `site.restored` audit event.
    """
    from django.core.management import call_command

    try:
        archive = tarfile.open(path, mode="r:*")  # noqa: SIM115 - closed by the `with` below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} cannot be read as a backup: {error}") from None
    with archive:
        manifest = read_manifest(archive)
        kind = engine()
        if manifest.engine != kind:
            raise BackupError(
                f"This is a backup of a {manifest.engine} site; this site's database is "
                f"{kind}. Restore it into a {manifest.engine} database (DATABASE_URL)."
            )
        found = what_is_there()
        if found:
            raise NotEmpty(
                "A restore only goes into an empty site, and this one is not: "
                + "; ".join(found)
                + ". Use a new data directory and an empty database; nothing was changed."
            )
        if kind == "sqlite":
            _restore_sqlite(archive)
        else:
            _restore_postgresql(archive)
        notes = _restore_keys(archive, manifest)
        _restore_media(archive, manifest)
    with connection.cursor() as cursor:
        counts, head = _count(cursor)
    if counts != manifest.counts or head != manifest.audit_head:
        raise BackupError(
            f"The restored database does not hold what the backup's manifest says "
            f"(found {counts}, head {head}; expected {manifest.counts}, {manifest.audit_head})."
        )
    call_command("migrate", interactive=False, verbosity=0)
    broken = verify_chain()
    if broken is not None:
        raise BackupError(f"The restored audit trail is broken at {broken}.")
    with transaction.atomic():
        record_event(
            EventKind.SITE_RESTORED,
            data={
                "backup_created_at": manifest.created_at,
                "backup_head": manifest.audit_head,
                "engine": manifest.engine,
            },
        )
    return Restored(manifest=manifest, notes=notes)
