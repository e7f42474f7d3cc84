"""Countries in signatory entries, from the CLDR data of `undersigned.core.countries`:
a country written out ("…, Netherlands") and a country implied by a name ("Moroccan …")."""

import re
from functools import cache

from undersigned.core.countries import country_data, names_country, normalize

_PREFIX = 4  # names and their adjectives share their first letters: Peru/Peruano, Maroc/Marocain
# A continent named with a word some languages also use for one of its countries: 'América
# Latina', 'las Américas', 'Amérique du Sud' name a region, not the United States.
_CONTINENT = re.compile(
    r"\b(?:latin|central|south|north|lateinamerika|latino)\s*-?\s*americ\w*|"
    r"\bam[eé]ri(?:ca|que|ka)\s+(?:latin[ae]|del?\s+(?:sur|norte|sud|nord)|du\s+(?:sud|nord)|"
    r"central[e]?|y\s+el\s+caribe)\b|\bam[eé]ri(?:cas|ques)\b|"
    # a community named by its origin and its country at once ('Asian American', 'Filipino
    # American Associations'): people of two places, which names neither for the entry
    r"\b(?:asian|pacific|african|arab|filipino|latino|latina|latinx|mexican|korean|chinese|"
    r"japanese|vietnamese|indian|native|hispanic|caribbean|irish|italian|jewish|muslim|"
    r"armenian|haitian|cuban|puerto\s+rican)[\s-]+americans?\b",
    re.IGNORECASE,
)


_SHORT_FORMS = {"UK": "GB", "U.K.": "GB", "USA": "US", "U.S.A.": "US", "U.S.": "US"}
_SHORT_FORM = re.compile(r"(?<![\w.])(U\.K\.|U\.S\.A\.|U\.S\.|UK|USA)(?![\w])")


def country_named(text: str) -> str | None:
    """The country a text is exactly the name of ('Czech Republic', 'Russia'), in any CLDR
    language; None when it names none or could mean several ('Congo')."""
    codes = _codes(text)
    return next(iter(codes)) if len(codes) == 1 else None


def is_country_name(text: str) -> bool:
    """Whether the text is a country's name, also an ambiguous one ('Congo')."""
    return bool(_codes(text))


def _codes(text: str) -> frozenset[str]:
    key = normalize(text)
    if not key:
        return frozenset()
    # CLDR and ISO write some names with an article, people often without ("the Gambia")
    bare = key.removeprefix("the ")
    index = country_data().index
    return index.get(key) or index.get(bare) or index.get(f"the {bare}") or frozenset()


@cache
def _prefix_index() -> dict[str, frozenset[str]]:
    """First letters of every name's first word -> the countries: a cheap prefilter, so the
    exact rule (`names_country`) runs on a handful of candidates, not on every country."""
    index: dict[str, set[str]] = {}
    for key, codes in country_data().index.items():
        first = key.split()[0]
        index.setdefault(first[:_PREFIX], set()).update(codes)
    return {prefix: frozenset(codes) for prefix, codes in index.items()}


def countries_implied(*texts: str | None) -> list[str]:
    """The countries the texts name without doubt, by a name or an adjective in any
    language ('Moroccan', 'Deutschlands', '…of Ivory Coast'), in the order of their codes."""
    present = tuple(_CONTINENT.sub(" ", text) for text in texts if text)
    if not any(present):
        return []
    index = _prefix_index()
    candidates: set[str] = set()
    # the short forms CLDR does not list as names, written in capitals as a word of a name
    # ('Pirate Party UK'); 'UK / Global' names more than one place
    short = {
        _SHORT_FORMS[m] for text in present if "/" not in text for m in _SHORT_FORM.findall(text)
    }
    candidates |= short
    for text in present:
        for word in normalize(text).split():
            candidates |= index.get(word[:_PREFIX], frozenset())
    return sorted(code for code in candidates if code in short or names_country(present, code))
