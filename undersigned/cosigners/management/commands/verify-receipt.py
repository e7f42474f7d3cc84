"""`undersigned verify-receipt FILE [--key PEM_FILE_OR_URL] [--trail URL_OR_FILE] [--offline]`:
check a signer's receipt (receipt.json) without the site's database — the leaf leads to its
batch's root, the root is in the batch's audit event, the site's key signed a head naming that
event — and, unless `--offline`, that the statement's log as published since still holds the
signature, or says who took it off. Exit 0: valid; 1: invalid, with a sentence saying what
failed; 2: the receipt, the key or the log cannot be read."""

import json
import urllib.request
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management.base import BaseCommand, CommandError, CommandParser

from undersigned.cosigners.receipt_check import (
    ReceiptInvalid,
    ReceiptUnreadable,
    check,
    parse,
)

TIMEOUT = 20  # seconds for each fetch


def _read(source: str, *, what: str) -> bytes:
    """A file's bytes, or an http(s) URL's body."""
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=TIMEOUT) as answer:  # noqa: S310 - http(s) only
                return answer.read()
        return Path(source).read_bytes()
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read {what} {source}: {error}", returncode=2) from None


def _key(pem: bytes, source: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError:
        raise CommandError(f"{source} is not a public key in PEM.", returncode=2) from None
    if not isinstance(key, Ed25519PublicKey):
        raise CommandError(f"{source} is not an Ed25519 public key.", returncode=2)
    return key


def _with_start(url: str, start: int) -> str:
    return f"{url}{'&' if '?' in url else '?'}from={start}"


class Command(BaseCommand):
    help = "Check a signer's receipt (receipt.json) against the site's key and its published log."
    requires_system_checks = []  # a third party runs it without the site's database or keys

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the receipt.json downloaded from the receipt page")
        parser.add_argument(
            "--key",
            help="the site's audit key (PEM), a file or a URL; default: /audit/key/ of the site "
            "named in the receipt",
        )
        parser.add_argument(
            "--trail",
            help="the statement's published log of individuals (log.json), a file or a URL; "
            "default: the address the receipt names",
        )
        parser.add_argument(
            "--offline",
            action="store_true",
            help="fetch nothing: check the proof only (needs --key), not the later list",
        )

    def _log(self, trail: str, *, start: int) -> dict:
        """The published log from the receipt's batch on: a file as it is, a URL followed
        through its pages (`next`) to the end."""
        pages, following = [], start if trail.startswith(("http://", "https://")) else None
        while True:
            source = trail if following is None else _with_start(trail, following)
            try:
                page = json.loads(_read(source, what="the published log"))
            except ValueError:
                message = f"The published log {source} is not JSON."
                raise CommandError(message, returncode=2) from None
            pages.append(page)
            if following is None or not isinstance(page, dict) or page.get("next") is None:
                break
            if page["next"] <= following:
                raise CommandError(f"The published log {source} goes backwards.", returncode=2)
            following = page["next"]
        whole = pages[0]
        if isinstance(whole, dict):
            whole["batches"] = [b for page in pages for b in (page.get("batches") or [])]
        return whole

    def handle(self, *args: Any, **options: Any) -> None:
        raw = _read(options["file"], what="the receipt")
        try:
            receipt = parse(raw.decode("utf-8", errors="replace"))
        except ReceiptUnreadable as error:
            raise CommandError(f"{options['file']}: {error}", returncode=2) from None
        key_source = options["key"] or f"{str(receipt.get('site', '')).rstrip('/')}/audit/key/"
        if options["offline"] and not options["key"]:
            raise CommandError("--offline needs the site's key: give --key.", returncode=2)
        public = _key(_read(key_source, what="the key"), key_source)
        later = None
        trail = options["trail"] or (None if options["offline"] else receipt.get("log"))
        if trail:
            later = self._log(trail, start=int(receipt["batch"].get("first", 0)))
        try:
            verdict = check(receipt, public=public, later=later)
        except ReceiptUnreadable as error:
            raise CommandError(str(error), returncode=2) from None
        except ReceiptInvalid as error:
            raise CommandError(f"The receipt does not hold: {error}", returncode=1) from None
        except (KeyError, TypeError, IndexError, AttributeError):
            raise CommandError(
                "The receipt or the log is malformed: a field is missing or of the wrong kind.",
                returncode=2,
            ) from None
        for finding in verdict.findings:
            self.stdout.write(finding)
        if later is None:
            self.stdout.write("The later list was not checked (--offline, or no log given).")
        self.stdout.write("The receipt is valid.")
