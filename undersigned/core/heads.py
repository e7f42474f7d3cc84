"""Signed heads: the audit trail anchored outside the database.

A hash chain shows that no past event was changed *unless* every later hash was recomputed,
and it cannot show that the newest events were deleted. A signed head closes both gaps: it says
"the trail held event number `seq`, whose hash is `hash`", signed with an Ed25519 key that is
kept outside the database (the environment's `UNDERSIGNED_AUDIT_KEY`, else `<data dir>/
audit_key`, made on first use, mode 600). Whoever holds a head — a signer's receipt, a saved
record page, the static site — can later show a trail wrong that lost the event the head names
or holds it with another hash; and someone who can write the database but cannot read the key
cannot sign a head for a trail they rewrote.

`record_event` signs a head for each event in the event's own transaction, so the newest event
always has one. The signed bytes are the canonical JSON (sorted keys, no spaces, UTF-8) of the
head without its `signature`; docs/audit.md shows how to check one without undersigned.
"""

import base64
import binascii
import contextlib
import html
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core import checks
from django.db import connection, transaction

from undersigned.core.models import AuditEvent, AuditHead

HEAD_TYPE = "undersigned.audit-head/1"
KEY_FILE = "audit_key"
FIELDS = ("type", "seq", "hash", "at", "key", "signature")
_HEX64 = re.compile(r"[0-9a-f]{64}")
# A head as a receipt e-mail or a saved record page shows it: keys sorted, no nested object.
_EMBEDDED = re.compile(r'\{[^{}]*"type":\s*"undersigned\.audit-head/1"[^{}]*\}')


class AuditKeyError(Exception):
    """The audit key cannot be read or made; the message says what to do."""


class HeadInvalid(ValueError):
    """A text that is not a signed head this version reads."""


def canonical(payload: dict[str, Any]) -> bytes:
    """The one serialisation that is hashed and signed (docs/audit.md)."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Head:
    """A signed head as it is published: in a record page, a receipt, `/audit/head/`."""

    seq: int
    hash: str
    at: str  # when it was signed, ISO 8601 in UTC
    key: str  # base64 of the raw Ed25519 public key
    signature: str  # base64 of the signature of `message()`

    def signed_fields(self) -> dict[str, Any]:
        return {
            "type": HEAD_TYPE,
            "seq": self.seq,
            "hash": self.hash,
            "at": self.at,
            "key": self.key,
        }

    def message(self) -> bytes:
        """The bytes the signature covers."""
        return canonical(self.signed_fields())

    def as_dict(self) -> dict[str, Any]:
        return {**self.signed_fields(), "signature": self.signature}

    def to_json(self) -> str:
        """One line, the form to keep and to give `verify-audit --head`."""
        return canonical(self.as_dict()).decode()

    @classmethod
    def from_row(cls, row: AuditHead) -> "Head":
        return cls(
            seq=row.seq,
            hash=row.hash,
            at=_timestamp(row.signed_at),
            key=row.key,
            signature=row.signature,
        )

    @classmethod
    def parse(cls, text: str) -> "Head":
        """A head from its JSON (as published); HeadInvalid, saying why, for anything else."""
        try:
            data = json.loads(text)
        except ValueError:
            raise HeadInvalid("A signed head is a JSON object; this is not JSON.") from None
        if not isinstance(data, dict) or data.get("type") != HEAD_TYPE:
            raise HeadInvalid(f'A signed head is a JSON object with "type": "{HEAD_TYPE}".')
        missing = [name for name in FIELDS if name not in data]
        if missing:
            raise HeadInvalid(f"The head lacks {', '.join(missing)}.")
        seq, digest = data["seq"], data["hash"]
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            raise HeadInvalid("The head's seq must be a positive whole number.")
        if not isinstance(digest, str) or not _HEX64.fullmatch(digest):
            raise HeadInvalid("The head's hash must be 64 hexadecimal digits.")
        if not all(isinstance(data[name], str) for name in ("at", "key", "signature")):
            raise HeadInvalid("The head's at, key and signature must be strings.")
        return cls(
            seq=seq, hash=digest, at=data["at"], key=data["key"], signature=data["signature"]
        )


def find_heads(text: str) -> list[Head]:
    """The signed heads in a text as people keep them: a head's JSON, or a receipt e-mail or a
    saved record page that shows one. HeadInvalid when there is none."""
    stripped = text.strip()
    if stripped.startswith("{"):
        return [Head.parse(stripped)]
    found = [Head.parse(match.group(0)) for match in _EMBEDDED.finditer(html.unescape(text))]
    if not found:
        raise HeadInvalid(f'No signed head ("type": "{HEAD_TYPE}") was found in it.')
    return found


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# The key ---------------------------------------------------------------------------------


def _seed(text: str, *, source: str) -> bytes:
    try:
        seed = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        seed = b""
    if len(seed) != 32:
        raise AuditKeyError(
            f"{source} must be the base64 of 32 random bytes (an Ed25519 key), for example "
            "the output of: python3 -c 'import base64, os; "
            "print(base64.b64encode(os.urandom(32)).decode())'"
        )
    return seed


def _create_key_file(path: Path) -> None:
    """Write a new key so that no process ever reads a half-written file: written aside, then
    linked into place, which fails if another process made one first (that one is kept)."""
    seed = base64.b64encode(secrets.token_bytes(32)).decode()
    descriptor, scratch = tempfile.mkstemp(dir=path.parent, prefix=".audit_key-")
    try:
        with os.fdopen(descriptor, "w") as handle:  # mkstemp makes it mode 600
            handle.write(seed)
        with contextlib.suppress(FileExistsError):  # another process's key stays
            os.link(scratch, path)
    finally:
        os.unlink(scratch)


@cache
def _load(given: str, path: str, create: bool) -> Ed25519PrivateKey | None:
    if given:
        return Ed25519PrivateKey.from_private_bytes(_seed(given, source="UNDERSIGNED_AUDIT_KEY"))
    file = Path(path)
    if not file.exists():
        if not create:
            return None
        _create_key_file(file)
    return Ed25519PrivateKey.from_private_bytes(_seed(file.read_text(), source=str(file)))


def check_audit_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """System check (every command, `serve` and `worker` included, runs it): a key that is given
    must be one, or the site would start and then refuse every write."""
    given, path = settings.AUDIT_KEY, key_path()
    try:
        if given:
            _seed(given, source="UNDERSIGNED_AUDIT_KEY")
        elif path.exists():
            _seed(path.read_text(), source=str(path))
    except AuditKeyError as error:
        return [checks.Error(str(error), id="undersigned.E001")]
    return []


def key_path() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE


def signing_key(*, create: bool = True) -> Ed25519PrivateKey | None:
    """The site's audit key: the environment's, else the data directory's (made when missing
    and `create`); None when there is none and none may be made."""
    key = _load(settings.AUDIT_KEY, str(key_path()), create)
    if key is None:
        _load.cache_clear()  # a key made later by another process must be found
    return key


def key_text(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def public_key(*, create: bool = True) -> Ed25519PublicKey | None:
    key = signing_key(create=create)
    return key.public_key() if key else None


def public_key_pem() -> str:
    """The public key as PEM (SubjectPublicKeyInfo), the form `openssl pkeyutl` reads."""
    key = public_key()
    assert key is not None  # made on first use
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


# Heads -----------------------------------------------------------------------------------


def sign_head(event: AuditEvent) -> AuditHead:
    """Sign and store the head that ends at `event`. Runs inside the event's transaction."""
    key = signing_key()
    assert key is not None  # made on first use
    signed_at = datetime.now(UTC).replace(microsecond=0)
    unsigned = Head(
        seq=event.seq,
        hash=event.hash,
        at=_timestamp(signed_at),
        key=key_text(key.public_key()),
        signature="",
    )
    signature = base64.b64encode(key.sign(unsigned.message())).decode()
    row = AuditHead(
        seq=unsigned.seq,
        hash=unsigned.hash,
        signed_at=signed_at,
        key=unsigned.key,
        signature=signature,
    )
    row.save(force_insert=True)
    return row


def sign_unsigned_trail(**kwargs: Any) -> None:
    """After `migrate`: a trail written before heads were signed gets one for its newest event,
    so it is anchored from then on. Never where heads exist: a trail that has some but lacks one
    for its newest event is the sign of a rewrite that `verify-audit` must report."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if AuditHead._meta.db_table not in tables or AuditHead.objects.exists():
        return  # migrated back before heads, or anchored already
    last = AuditEvent.objects.order_by("-seq").first()
    if last is not None:
        with transaction.atomic():
            sign_head(last)


def current_head() -> Head | None:
    """The newest stored head (the one covering the newest event), or None before any."""
    row = AuditHead.objects.order_by("-seq", "-pk").first()
    return Head.from_row(row) if row else None


def signature_holds(head: Head, public: Ed25519PublicKey) -> bool:
    """Whether `head` was signed by `public` (and names that key)."""
    if head.key != key_text(public):
        return False
    try:
        public.verify(base64.b64decode(head.signature, validate=True), head.message())
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True
