"""Languages named for a reader, from the Unicode CLDR (Babel)."""

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language


def language_name(
    code: str, *, in_language: str | None = None, own: bool = False, capitalized: bool = True
) -> str:
    """The language's CLDR name in the reader's interface language ("German"), with `own` its
    name in itself too, as a list to choose from shows it: "German — Deutsch". Inside a
    sentence, `capitalized=False` keeps CLDR's own case ("à traduire en espagnol")."""
    try:
        reader = Locale.parse((in_language or get_language() or "en").replace("-", "_"))
        theirs = reader.languages.get(code, code)
        # Only when asked: loading a language's own CLDR data costs memory in every process.
        own_name = Locale.parse(code).get_display_name(code) or code if own else theirs
    except (ValueError, UnknownLocaleError):
        return code
    if capitalized:
        theirs, own_name = theirs[:1].upper() + theirs[1:], own_name[:1].upper() + own_name[1:]
    return f"{theirs} — {own_name}" if own and theirs != own_name else theirs
