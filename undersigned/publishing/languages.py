"""Which language a reader gets: the Accept-Language header against the languages a statement
has. Pure: no database, no request objects."""

import re
from collections.abc import Iterable

from babel import Locale, UnknownLocaleError

_RANGE = re.compile(
    r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$"
)


def parse_accept_language(header: str) -> list[str]:
    """The language ranges of an Accept-Language header, most wanted first ("q=0" means "not
    this one" and is dropped; among equal weights the header's order counts)."""
    ranges = []
    for index, part in enumerate((header or "").split(",")):
        match = _RANGE.match(part)
        if not match:
            continue
        try:
            weight = float(match.group(2)) if match.group(2) is not None else 1.0
        except ValueError:
            continue
        if weight > 0:
            ranges.append((-weight, index, match.group(1).lower()))
    return [tag for _weight, _index, tag in sorted(ranges)]


def choose_language(header: str, available: Iterable[str], *, default: str) -> str:
    """The best of `available` for the header (RFC 4647 lookup, both ways: "de-CH" takes "de",
    "de" takes "de-AT"), else `default` (the statement's original language)."""
    languages = {code.lower(): code for code in available}
    for wanted in parse_accept_language(header):
        if wanted == "*":
            break
        if wanted in languages:
            return languages[wanted]
        parts = wanted.split("-")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = "-".join(parts[:cut])
            if prefix in languages:
                return languages[prefix]
        for code in sorted(languages):
            if code.startswith(wanted + "-"):
                return languages[code]
    return default


def language_name(code: str) -> str:
    """A language's name in that language, as a reader looks for it: "Deutsch", "Français"."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code
