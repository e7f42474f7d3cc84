"""The wording of a document's own lines in the language of its text (not of the interface):
the signatories heading and its date. A version may carry its own wording instead."""

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal


@dataclass(frozen=True)
class Wording:
    open: str  # while further signatories are possible
    closed: str
    date_pattern: str  # CLDR pattern; the month name comes from CLDR in the text's language


WORDINGS = {
    "en": Wording(
        "Signatories (as of {date}, further signatories possible):",
        "Signatories (as of {date}):",
        "d MMMM y",
    ),
    "de": Wording(
        "Unterzeichner (Stand: {date}, weitere Unterzeichner möglich):",
        "Unterzeichner (Stand: {date}):",
        "d. MMMM y",
    ),
    "fr": Wording(
        "Signataires (au {date}, d’autres signataires sont possibles) :",
        "Signataires (au {date}) :",
        "d MMMM y",
    ),
    "es": Wording(
        "Firmantes (a {date}, es posible que se sumen más firmantes):",
        "Firmantes (a {date}):",
        "d 'de' MMMM 'de' y",
    ),
    "ru": Wording(
        "Подписавшие (на {date}, возможны новые подписи):",
        "Подписавшие (на {date}):",
        "d MMMM y 'г.'",
    ),
    "tr": Wording(
        "İmzacılar ({date} itibarıyla, yeni imzacılar eklenebilir):",
        "İmzacılar ({date} itibarıyla):",
        "d MMMM y",
    ),
}


def signatories_heading(language: str, *, as_of: date | None, open_for_signatures: bool) -> str:
    base = language.split("-")[0]
    wording = WORDINGS.get(base, WORDINGS["en"])
    if as_of is None:
        return wording.closed.split(" (")[0] + ":"
    locale = base if base in WORDINGS else "en"
    when = format_date(as_of, wording.date_pattern, locale=locale)
    return (wording.open if open_for_signatures else wording.closed).format(date=when)


@dataclass(frozen=True)
class PeopleWording:
    heading: str  # before the individuals' names; the importer knows each as a group heading
    more: str  # after the names printed, when there are more
    counted: str  # for a statement that only counts people, or prints none of them


PEOPLE_WORDINGS = {
    "en": PeopleWording(
        "Individual signatories:", "… and {n} more.", "Individuals who signed: {n}"
    ),
    "de": PeopleWording(
        "Unterzeichnende Einzelpersonen:",
        "… und {n} weitere.",
        "Unterzeichnende Einzelpersonen: {n}",
    ),
    "fr": PeopleWording(
        "Signataires à titre personnel :",
        "… et {n} de plus.",
        "Signataires à titre personnel : {n}",
    ),
    "es": PeopleWording(
        "Firmantes a título personal:", "… y {n} más.", "Firmantes a título personal: {n}"
    ),
    "ru": PeopleWording("Частные лица:", "… и ещё {n}.", "Подписавшие частные лица: {n}"),
    "tr": PeopleWording("İmzacı kişiler:", "… ve {n} kişi daha.", "İmzalayan kişi sayısı: {n}"),
}


def people_wording(language: str) -> tuple[PeopleWording, str]:
    """The wording of the individuals' part in the text's language (English for a language
    without one) and the locale its numbers are written in."""
    base = language.split("-")[0]
    if base not in PEOPLE_WORDINGS:
        return PEOPLE_WORDINGS["en"], "en"
    return PEOPLE_WORDINGS[base], base


def people_lines(language: str, *, printed: int, count: int) -> tuple[str, str]:
    """(heading, what follows the names): "and 98,765 more." after `printed` of `count` names;
    with no name printed, the heading is "" and the line says how many signed."""
    wording, locale = people_wording(language)
    if printed == 0:
        return "", wording.counted.format(n=format_decimal(count, locale=locale))
    rest = count - printed
    more = wording.more.format(n=format_decimal(rest, locale=locale)) if rest > 0 else ""
    return wording.heading, more
