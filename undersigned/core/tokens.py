"""Secrets sent by e-mail (sign-in links, invitations): a public selector to find the row and
a verifier of which only a hash is stored, compared in constant time."""

import base64
import hashlib
import hmac
import secrets

from django.utils.crypto import salted_hmac


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


def derived_verifier(purpose: str, selector: str) -> str:
    """The verifier of a link, made from its selector and the secret key: the task sending the
    link makes it again from the row, so it is never stored, not even in the task queue."""
    digest = salted_hmac(f"undersigned.tokens.{purpose}", selector, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def new_derived_token(purpose: str) -> tuple[str, str]:
    """(selector, verifier hash) of a new link whose verifier is `derived_verifier`."""
    selector = secrets.token_urlsafe(12)
    return selector, hash_verifier(derived_verifier(purpose, selector))
