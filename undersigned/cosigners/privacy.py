"""What is kept of a signer that is not shown: keyed hashes (of the canonical e-mail, of the IP
network), so that duplicates and floods can be recognised without storing the address.

The key is derived from the site's secret key: without it, a hash cannot be matched against
guessed addresses or networks."""

import ipaddress
import unicodedata

from django.utils.crypto import salted_hmac

from undersigned.core.collation import sort_key
from undersigned.cosigners.names import sort_name

SORT_KEY_LENGTH = 240  # 60 weights: names that differ only after that sort by id


def keyed_hash(purpose: str, value: str) -> str:
    return salted_hmac(f"undersigned.cosigners.{purpose}", value, algorithm="sha256").hexdigest()


def network_of(address: str) -> str:
    """The network a client address belongs to: /24 for IPv4, /48 for IPv6 (one household or
    office, as one provider hands them out); "" for what is not an address."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def network_hash(address: str) -> str:
    network = network_of(address)
    return keyed_hash("network", network) if network else ""


def folded(text: str) -> str:
    """For searching: case and accents ignored ("muller" finds "Müller")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def collation_key(text: str) -> str:
    """The coalition's collation (core.collation) as a string whose byte order is the
    collation's order, so the database sorts by an index: each weight as four hex digits."""
    weights = sort_key(text.casefold())
    return "".join(f"{weight:04x}" for weight in weights)[:SORT_KEY_LENGTH]


def name_key(name: str) -> str:
    """The key a list of people sorts by: the surname's collation key, then the given names'
    (`names.sort_name`), apart by a zero weight, which sorts before any other: "Doe" before
    "Doe Jane" before "Doerr Adam"."""
    surname, given = sort_name(name)
    key = collation_key(surname)
    return (key + "0000" + collation_key(given) if given else key)[:SORT_KEY_LENGTH]
