"""Sorting by the Unicode Collation Algorithm, not by byte order ("Österreich" sorts with "O",
not after "Z")."""

from functools import cache, lru_cache


@cache
def _collator():
    from pyuca import Collator  # loading the collation table takes a moment: only when needed

    return Collator()


@lru_cache(maxsize=8192)  # the same country names are sorted on every page
def sort_key(text: str) -> tuple[int, ...]:
    """A key that orders strings as the UCA's default table (the CLDR root collation) does.

    The root collation is the right one for German, English, French, Dutch, Italian and most
    languages coalitions use; locales with their own tailoring (Swedish, Turkish, Spanish
    traditional) fall back to it. See docs/architecture.md.
    """
    return _collator().sort_key(text)
