"""Countries: continents and names from the Unicode CLDR (data/countries.json, built by
scripts/build_country_data.py), display names from Babel, and the rule that decides whether an
organization's name already says its country.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError

CONTINENTS = ("africa", "asia", "oceania", "europe", "americas")

# Endings by which a country's name becomes an adjective or an inflected form in the languages
# our coalitions write in: Moroccan, Paraguayo, Deutschlands, marocain, Belarusian, Schweizer,
# türkischen, Nepalese. Morphology, not a list of countries.
_SUFFIXES = (
    "s",
    "es",
    "n",
    "an",
    "ian",
    "ean",
    "vian",
    "ese",
    "i",
    "ic",
    "ish",
    "er",
    "ern",
    "o",
    "a",
    "os",
    "as",
    "ian",
    "ien",
    "ienne",
    "ain",
    "aine",
    "ais",
    "aise",
    "ano",
    "ana",
    "anos",
    "anas",
    "eno",
    "ena",
    "ense",
    "isch",
    "ische",
    "ischen",
    "ischer",
    "isches",
    "skij",
    "skaja",
    "skoj",
    "ski",
    "ska",
    "sky",
    "li",
    "lı",
    "lu",
    "lü",
    "ya",
    "yan",
    "e",
    "en",
    "ens",
)
_SUFFIX_SET = frozenset(_SUFFIXES)
_VOWELS = "aeiouy"


def normalize(text: str) -> str:
    """Case-folded, accents removed, punctuation as spaces: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = (
        decomposed
        if decomposed.isascii()  # no accent to take off: most names, and cheap to tell
        else "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )
    stripped = stripped.replace("ı", "i").replace("ß", "ss")
    return " ".join(re.findall(r"\w+", stripped.replace("’", "").replace("'", "")))


@dataclass(frozen=True)
class CountryData:
    continents: dict[str, str]
    names: dict[str, tuple[str, ...]]
    # normalized name -> the countries it may mean; a name meaning more than one is not proof
    index: dict[str, frozenset[str]]
    source: str


def _base_names(name: str) -> list[str]:
    """'Congo - Kinshasa', 'Congo (DRC)' and 'Congo, The Democratic Republic of the' are also
    just 'Congo': the part a reader would write alone. Such short forms make the ambiguity
    visible (Congo is both Congos) instead of hiding it."""
    bases = []
    for separator in (" - ", " – ", " (", ", "):
        if separator in name:
            bases.append(name.split(separator)[0])
    if ", " in name:
        head, tail = name.split(", ", 1)
        bases.append(f"{tail} {head}")
    return bases


@cache
def country_data() -> CountryData:
    raw = json.loads(files("undersigned.data").joinpath("countries.json").read_text("utf-8"))
    continents = {code: entry["continent"] for code, entry in raw["countries"].items()}
    names: dict[str, tuple[str, ...]] = {}
    index: dict[str, set[str]] = {}
    import pycountry

    for code, entry in raw["countries"].items():
        all_names = set(entry["names"])
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attribute in ("name", "official_name", "common_name"):
                value = getattr(iso, attribute, None)
                if value:
                    all_names.add(value)
        names[code] = tuple(sorted(all_names))
        for name in all_names:
            for variant in (name, *_base_names(name)):
                key = normalize(variant)
                if key:
                    index.setdefault(key, set()).add(code)
    return CountryData(
        continents=continents,
        names=names,
        index={key: frozenset(codes) for key, codes in index.items()},
        source=raw["source"],
    )


# Kosovo has no ISO 3166-1 code yet; XK, from the range ISO leaves to its users, is the code the
# European Commission, the IMF, SWIFT and CLDR give it. It is offered: a person or an organization
# in Kosovo must find where they are, and a form that left it out would take a side in a dispute
# that is not the coalition's to decide (Serbia is offered too, for whoever sees it so).
KOSOVO = "XK"


@cache
def country_codes() -> frozenset[str]:
    """The countries a form offers and a person or an organization may be in: the ISO 3166-1
    alpha-2 codes that CLDR places in a continent (UN M49), and Kosovo. CLDR's containment also
    holds codes ISO does not assign to a country, which are left out: regions ("QO", Outlying
    Oceania) and parts of a country ("CQ" Sark, in Guernsey; "EA" Ceuta and Melilla and "IC" the
    Canary Islands, in Spain). Antarctica ("AQ") is in no continent of M49 and so in no list.
    One list for every form that chooses a country, the individuals' signing form, the
    register's and the import's."""
    import pycountry

    iso = {country.alpha_2 for country in pycountry.countries}
    return frozenset(code for code in country_data().continents if code in iso or code == KOSOVO)


def continent_of(country: str, overrides: dict[str, str] | None = None) -> str | None:
    """The continent (UN M49 via CLDR) of an ISO 3166-1 alpha-2 code, unless the coalition
    counts the country elsewhere (many count Türkiye in Europe, M49 in Western Asia)."""
    if overrides and country in overrides:
        return overrides[country]
    return country_data().continents.get(country)


def countries_in(continent: str, overrides: dict[str, str] | None = None) -> list[str]:
    return [
        code for code in country_data().continents if continent_of(code, overrides) == continent
    ]


def country_name(
    country: str, language: str, overrides: dict[str, dict[str, str]] | None = None
) -> str:
    """The country's name in a language: the coalition's own wording first, else CLDR's."""
    if overrides:
        own = overrides.get(language, {}).get(country)
        if own:
            return own
    return _cldr_country_name(country, language)


@cache
def _cldr_country_name(country: str, language: str) -> str:
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    return locale.territories.get(country) or Locale("en").territories.get(country, country)


def _stems(word: str) -> set[str]:
    stems = {word}
    if len(word) >= 5 and word[-1] in _VOWELS:
        stems.add(word[:-1])  # Morocco -> Morocc(an), Colombia -> Colombi(an), Kenya -> Keny(an)
    return stems


def _word_matches(name_word: str, text_word: str, *, last: bool) -> bool:
    if name_word == text_word:
        return True
    if not last or len(name_word) < 4:
        return False
    for stem in _stems(name_word):
        if text_word.startswith(stem) and text_word[len(stem) :] in _SUFFIX_SET:
            return True
    return False


def _contains_name(text_words: list[str], name_words: list[str]) -> bool:
    n = len(name_words)
    for start in range(len(text_words) - n + 1):
        if all(
            _word_matches(name_words[i], text_words[start + i], last=i == n - 1) for i in range(n)
        ):
            return True
    return False


@cache
def _unambiguous_names(country: str) -> tuple[tuple[str, ...], ...]:
    """The country's names (word lists) that mean this country and no other."""
    data = country_data()
    found: set[tuple[str, ...]] = set()
    for name in data.names.get(country, ()):
        for variant in (name, *_base_names(name)):
            key = normalize(variant)
            if not key or data.index.get(key) != frozenset({country}):
                continue
            if len(key) < 4 and " " not in key:
                continue  # "UK", "US": too short to trust inside running text
            found.add(tuple(key.split()))
    return tuple(sorted(found))


@cache
def names_country(texts: tuple[str, ...], country: str) -> bool:
    """Whether the texts (an organization's name and its translation) name the country without
    doubt: by one of its names or an adjective formed from one, in any language, where that
    name means this country and no other ('Congo' alone could be either Congo)."""
    words = [normalize(text).split() for text in texts if text]
    return any(
        _contains_name(text_words, list(name_words))
        for name_words in _unambiguous_names(country)
        for text_words in words
    )
