"""Secrets sent by e-mail (sign-in links, invitations): a public selector to find the row and
a verifier of which only a hash is stored, compared in constant time."""

import hashlib
import hmac
import secrets


def new_token() -> tuple[str, str, str]:
    """(selector, verifier, verifier hash); the link carries "selector.verifier"."""
    selector = secrets.token_urlsafe(12)
    verifier = secrets.token_urlsafe(24)
    return selector, verifier, hash_verifier(verifier)


def hash_verifier(verifier: str) -> str:
    return hashlib.sha256(verifier.encode()).hexdigest()


def split_token(token: str) -> tuple[str, str] | None:
    selector, dot, verifier = token.partition(".")
    if not dot or not selector or not verifier or len(token) > 200:
        return None
    return selector, verifier


def verifier_matches(verifier: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_verifier(verifier), stored_hash)
