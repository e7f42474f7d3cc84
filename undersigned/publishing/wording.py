"""The wording of a document's own lines in the language of its text (not of the interface):
the signatories heading and its date. A version may carry its own wording instead."""

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date


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
