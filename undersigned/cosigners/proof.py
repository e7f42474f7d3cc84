"""A proof of work before a person's signature is taken, made and checked here (no third-party
service, no cookie): the ALTCHA scheme. The server hands out a challenge, the SHA-256 of a salt
and a secret number below a maximum, signed with a key derived from the site's secret key; the
browser finds the number by trying them (about half the maximum on average) and sends it with
the form. A crowd of scripts pays that for every signature; a person waits a moment once.

Pure except for the signing key: no database (the view spends a solution once)."""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time

from django.utils.crypto import salted_hmac

VALID_SECONDS = 600


def _sign(text: str) -> str:
    return salted_hmac("undersigned.cosigners.proof", text, algorithm="sha256").hexdigest()


def _digest(salt: str, number: int) -> str:
    return hashlib.sha256(f"{salt}{number}".encode()).hexdigest()


def new_challenge(max_number: int, *, now: float | None = None) -> dict:
    """A challenge for the browser (ALTCHA's JSON): the salt carries its expiry."""
    expires = int((time.time() if now is None else now) + VALID_SECONDS)
    salt = f"{secrets.token_hex(12)}?expires={expires}"
    challenge = _digest(salt, secrets.randbelow(max_number + 1))
    return {
        "algorithm": "SHA-256",
        "challenge": challenge,
        "maxnumber": max_number,
        "salt": salt,
        "signature": _sign(challenge),
    }


def solve(challenge: dict) -> str:
    """What a browser sends back (base64 of JSON): here for tests and for docs/cosigners.md."""
    for number in range(challenge["maxnumber"] + 1):
        if _digest(challenge["salt"], number) == challenge["challenge"]:
            fields = ("algorithm", "challenge", "salt", "signature")
            payload = {"number": number, **{k: challenge[k] for k in fields}}
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise ValueError("no number solves this challenge")


def verified(payload: str, *, now: float | None = None) -> str | None:
    """The challenge a genuine, unexpired solution answers (to spend it once), else None."""
    try:
        data = json.loads(base64.b64decode(payload.encode(), validate=True))
        salt, challenge, number = data["salt"], data["challenge"], int(data["number"])
        signature = data["signature"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    if not all(isinstance(v, str) for v in (salt, challenge, signature)):
        return None
    _random, _sep, expires = salt.partition("?expires=")
    if not expires.isdigit() or int(expires) < (time.time() if now is None else now):
        return None
    if not hmac.compare_digest(_sign(challenge), signature):
        return None
    if not hmac.compare_digest(_digest(salt, number), challenge):
        return None
    return challenge
