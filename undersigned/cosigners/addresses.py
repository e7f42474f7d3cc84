"""E-mail addresses of individual co-signers: the canonical form that makes one signature per
person and statement, and the domain that rate limits and refusals look at. Pure: no
database. The rules are in docs/cosigners.md."""

import re
from collections.abc import Collection

# Providers whose mailboxes ignore dots in the local part: "j.doe", "jdoe" and "J.Doe" are one
# mailbox (Gmail documents it; googlemail.com is the same service).
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
# A plain shape check; the confirmation e-mail is the real test of an address.
SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def email_domain(address: str) -> str:
    """The domain, lower case, without a trailing dot or IDNA differences."""
    domain = address.rpartition("@")[2].strip().rstrip(".").lower()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def domain_limit_key(domain: str, email_hash: str, *, policed: Collection[str]) -> str:
    """What the per-domain rate limit counts an address under: its domain, except at the
    providers in `policed` (UNDERSIGNED_COSIGNERS_POLICED_PROVIDERS), whose every address is an
    account the provider itself polices: there a real crowd signs from one domain, so each
    address is counted on its own (by the keyed hash of its canonical form), and the proof of
    work, the limit per network and the confirmation e-mail do the rest (docs/cosigners.md)."""
    if domain in policed:
        return f"{domain}:{email_hash}"
    return domain


def canonical_email(address: str) -> str:
    """One spelling per mailbox: lower case; the part after a "+" dropped (plus-addressing,
    "ana+petition@x.org" is ana@x.org's); dots dropped where the provider ignores them."""
    local, _at, _domain = address.strip().rpartition("@")
    domain = email_domain(address)
    local = local.lower().split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        domain = DOTLESS_DOMAINS[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"


def is_address(address: str) -> bool:
    local = address.rpartition("@")[0]
    return bool(SHAPE.fullmatch(address.strip())) and bool(local.split("+", 1)[0])
