"""The list of signatories: lines after the list's heading -> entries.

Shapes read: numbered or not, bulleted, one entry per line or wrapped over lines; the
abbreviation before the name (a tab stop or capitals) or in parentheses after it; the
translation in parentheses or after ' / ' or ' – '; the country after a comma, in
parentheses, in a table column or as a group heading ('Germany:'), else implied by the
name; individuals with their affiliation; separate headings for organizations and
individuals; continent headings; addressees ('To:', 'Cc:') skipped.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from undersigned.importing.parsers.countries import countries_implied, country_named
from undersigned.importing.parsers.wrapping import join_lines, squeeze
from undersigned.importing.result import Signatory

SIGNATORY_WORDS = (
    r"signator(?:y|ies)|signataires?|firmantes|firmatari[oe]?|unterzeichn\w*|"
    r"erstunterzeichn\w*|imzacılar|imzacilar|подписавш\w*|подписали|ondertekenaars|"
    r"signatários|assinantes|sygnatariusze|signed\s+by|signed|signatures"
)
_INDIVIDUALS = (
    r"individuals?|individual\s+signatories|personal\s+signatories|persons|personalities|"
    r"einzelpersonen|einzelunterzeichn\w*|personen|personnes|personnalités|personas|"
    r"personalidades|kişiler|bireyler|частные\s+лица|личности"
)
_ORGANIZATIONS = (
    r"organi[sz]ations?|organisationen|organizaciones|organizações|organizzazioni|"
    r"parties\s+and\s+organi[sz]ations|parteien\s+und\s+organisationen|örgütler|организации"
)
_ADDRESSEES = r"to|cc|bcc|an|à|a|para|kopie|copie|copia"

NUMBER = re.compile(r"^(\d{1,4})\s*[.)]\s*(?=\S)")
BULLET = re.compile(r"^[-*•–·]\s+")
_ADDRESSEE = re.compile(rf"^(?:{_ADDRESSEES})\s*:", re.IGNORECASE)
_INDIVIDUALS_HEADING = re.compile(rf"^(?:{_INDIVIDUALS})\b", re.IGNORECASE)
_ORGANIZATIONS_HEADING = re.compile(rf"^(?:{_ORGANIZATIONS})\b", re.IGNORECASE)
_CONTINUES = re.compile(r"([-–—/,(&+]|\b(?:of|and|the|de|du|des|del|der|und|et|y|la))$")
_ABBREVIATION = re.compile(r"^[A-Z0-9À-ÞČŠŽŞĞİ][A-Z0-9À-ÞČŠŽŞĞİ&./+\-]*$")
_LEADING_ABBREVIATION = re.compile(
    r"^(?P<abbr>[A-Z0-9À-ÞČŠŽŞĞİ][A-Z0-9À-ÞČŠŽŞĞİ&./+\-]+(?:\s+\([A-Z0-9À-Þ&./\- ]+\))?)"
    r"(?:\s*(?P<dash>[–—:-])\s+|\s+)(?=\S)"
)
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "do",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "dos",
        "das",
        "del",
        "y",
    ]
)
_TITLES = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|mme|m|sr|sra|hr|fr)\.?\s+)+", re.IGNORECASE)

_HEADER_WORDS = {
    "position": ("no", "nr", "n°", "nº", "№", "#", "pos", "position", "num"),
    "translation": ("translation", "english", "übersetzung", "traduction", "traducción"),
    "abbreviation": ("abbreviation", "abbr", "short", "kürzel", "abkürzung", "sigle", "sigla"),
    "country": ("country", "land", "pays", "país", "paese", "ülke", "страна", "staat"),
    "affiliation": ("affiliation", "institution", "function", "funktion", "zugehörigkeit"),
    "name": ("name", "organization", "organisation", "nom", "nombre", "örgüt", "signatory"),
}


def _plain(text: str) -> str:
    """Markdown emphasis and heading marks off, accents kept, dotted capital I folded."""
    text = re.sub(r"^#+\s*|[*_]{1,3}", "", text).strip()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).replace("\u0307", ""))


def is_list_heading(line: str) -> bool:
    """'Signatories (as of …):', 'Unterzeichner:', '## İmzacılar', 'Signed by:',
    'Individual signatories:' — a short line naming the list, not a sentence about it."""
    plain = _plain(line)
    if not plain or len(plain) > 160:
        return False
    bare = re.sub(r"\(.*\)", "", plain).strip().rstrip(":").strip()
    pattern = rf"^(?:\w+\s+){{0,3}}(?:{SIGNATORY_WORDS})\b"
    named = re.match(pattern, bare, re.IGNORECASE) or _group_heading_kind(plain) is not None
    return bool(named) and (plain.endswith(":") or len(bare.split()) <= 4)


def _group_heading_kind(plain: str) -> str | None:
    bare = plain.rstrip(":").strip()
    if len(bare.split()) > 5:
        return None
    if _INDIVIDUALS_HEADING.match(bare):
        return "individuals"
    if _ORGANIZATIONS_HEADING.match(bare):
        return "organizations"
    return None


@dataclass
class _Context:
    individuals: bool = False
    country: str | None = None
    columns: dict[int, str] | None = None  # table column -> field, from a header row
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    number: int | None
    lines: list[str]
    individuals: bool
    country: str | None


def parse_signatories(
    lines: list[str], *, heading: str = "", vocabulary: frozenset[str] = frozenset()
) -> tuple[list[Signatory], list[str]]:
    """The entries of a list of signatories (the lines after its heading), and warnings."""
    context = _Context(individuals=_group_heading_kind(_plain(heading)) == "individuals")
    entries = _segment(lines, context)
    signatories: list[Signatory] = []
    for entry in entries:
        # printed numbers, unless a second list numbers from 1 again
        last = signatories[-1].position if signatories else 0
        number = entry.number if entry.number is not None and entry.number > last else None
        position = number or len(signatories) + 1
        text = join_lines(entry.lines, vocabulary)
        signatory = _parse_entry(
            squeeze(text),
            position=position,
            country=entry.country,
            individual=entry.individuals,
            context=context,
        )
        if signatory is not None:
            signatories.append(signatory)
    return signatories, context.warnings


def _segment(lines: list[str], context: _Context) -> list[_Entry]:
    """Lines -> entries. A numbered line, a bullet, or (in an unnumbered list) a line that
    does not visibly continue the one before starts an entry; blank lines end one."""
    numbered = sum(bool(NUMBER.match(line.strip())) for line in lines) >= 2
    entries: list[_Entry] = []
    current: _Entry | None = None
    skipping = False  # inside an addressee block
    last_number = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            current, skipping = None, False
            continue
        if _ADDRESSEE.match(line) or skipping:
            current, skipping = None, True
            continue
        number = NUMBER.match(line)
        if number and numbered and 0 < int(number.group(1)) <= last_number + 5:
            last_number = int(number.group(1))
            current = _Entry(
                last_number, [line[number.end() :]], context.individuals, context.country
            )
            entries.append(current)
            continue
        if current is not None and _continues(current.lines[-1], line, numbered=numbered):
            current.lines.append(line)
            continue
        if _apply_heading(line, context):
            current = None
            continue
        if "@" in line or "://" in line:
            context.warnings.append(f"skipped a line in the list that is no entry: {line!r}")
            current = None
            continue
        bullet = BULLET.match(line)
        text = line[bullet.end() :] if bullet else line
        current = _Entry(None, [text], context.individuals, context.country)
        entries.append(current)
    return entries


def _continues(previous: str, line: str, *, numbered: bool) -> bool:
    if numbered:
        return not _is_heading_line(line)
    if BULLET.match(line) or "\t" in line:
        return False
    unbalanced = any(previous.count(a) > previous.count(b) for a, b in ("()", "[]", "„“", "«»"))
    return bool(unbalanced or _CONTINUES.search(previous) or line[0].islower() or line[0] in "([")


def _is_heading_line(line: str) -> bool:
    plain = _plain(line)
    return plain.endswith(":") and len(plain) < 60 and not NUMBER.match(plain)


def _apply_heading(line: str, context: _Context) -> bool:
    """Group headings change the context of the entries below them: a country ('Germany:'),
    a continent ('Europe'), organizations or individuals, a table's header row."""
    if "\t" in line:
        columns = _header_columns(line)
        if columns:
            context.columns = columns
            return True
        return False
    plain = _plain(line)
    bare = plain.rstrip(":").strip()
    kind = _group_heading_kind(plain)
    if kind:
        context.individuals = kind == "individuals"
        context.country = None
        return True
    country = country_named(bare)
    if country:
        context.country = country
        return True
    if _is_region(bare):
        context.country = None
        return True
    return is_list_heading(plain)


def _is_region(text: str) -> bool:
    from babel import Locale

    from undersigned.importing.parsers.metadata import LANGUAGES

    folded = text.casefold()
    for language in LANGUAGES:
        territories = Locale.parse(language).territories
        if any(code.isdigit() and name.casefold() == folded for code, name in territories.items()):
            return True
    return False


def _header_columns(line: str) -> dict[int, str] | None:
    cells = [cell.strip().casefold().rstrip(".:") for cell in line.split("\t")]
    columns: dict[int, str] = {}
    for index, cell in enumerate(cells):
        for name, words in _HEADER_WORDS.items():
            if cell and any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", cell) for word in words):
                columns[index] = name
                break
        else:
            if cell:
                return None
    return columns if "name" in columns.values() else None


def _parse_entry(
    text: str, *, position: int, country: str | None, individual: bool, context: _Context
) -> Signatory | None:
    if not text:
        return None
    if "\t" in text:
        return _parse_cells(text.split("\t"), position=position, country=country, context=context)
    abbreviation = None
    separated = re.split(r" {3,}", text, maxsplit=1)
    if len(separated) == 2 and len(separated[0].split()) <= 5:
        abbreviation, text = separated
    elif not individual:
        leading = _LEADING_ABBREVIATION.match(text)
        rest = text[leading.end() :] if leading else ""
        words = len(rest.split())
        if leading and re.search(r"[a-zà-ÿ]", rest) and (words >= 2 or leading.group("dash")):
            abbreviation, text = leading.group("abbr"), rest
    text, explicit = _strip_country(text, context)
    if individual or (abbreviation is None and _looks_like_person(text)):
        name, _, affiliation = _split_top_level(text, ", ")
        if not affiliation:
            name, affiliation = _trailing_group(name)
        return Signatory(
            position=position,
            name=name.strip(),
            affiliation=(affiliation or "").strip() or None,
            country=explicit or country,
        )
    name, translation, abbreviation = _split_translation(text, abbreviation)
    return Signatory(
        position=position,
        abbreviation=abbreviation,
        name=name,
        translation=translation,
        country=explicit or country or _implied_country(name, translation, context),
    )


def _parse_cells(
    cells: list[str], *, position: int, country: str | None, context: _Context
) -> Signatory | None:
    """A table row: by its header's columns where the table has one, else by the look of
    each cell (a number, a country, an abbreviation, then name and translation)."""
    fields: dict[str, str] = {}
    if context.columns:
        for index, cell in enumerate(cells):
            name = context.columns.get(index)
            if name and cell.strip():
                fields[name] = cell.strip()
    else:
        rest = []
        for cell in (cell.strip() for cell in cells):
            if not cell:
                continue
            if "position" not in fields and re.fullmatch(r"\d{1,4}\.?", cell):
                fields["position"] = cell
            elif "country" not in fields and country_named(cell):
                fields["country"] = cell
            else:
                rest.append(cell)
        if len(rest) >= 2 and _ABBREVIATION.match(rest[0]):
            fields["abbreviation"] = rest.pop(0)
        second = "affiliation" if context.individuals else "translation"
        fields.update(zip(("name", second), rest, strict=False))
    if not fields.get("name"):
        return None
    translation = fields.get("translation")
    if "country" in fields:
        country = country_named(fields["country"])
        if country is None:
            context.warnings.append(f"unknown country {fields['country']!r} for {fields['name']!r}")
    elif country is None and not context.individuals:
        country = _implied_country(fields["name"], translation, context)
    number = re.match(r"\d+", fields.get("position", ""))
    return Signatory(
        position=int(number.group(0)) if number else position,
        abbreviation=fields.get("abbreviation"),
        name=fields["name"],
        translation=translation if translation != fields["name"] else None,
        country=country,
        affiliation=fields.get("affiliation"),
    )


def _strip_country(text: str, context: _Context) -> tuple[str, str | None]:
    """A country written after the name: ', Netherlands', ' (Netherlands)', ' – Germany'."""
    for separator in (", ", " – ", " — ", " - "):
        head, found, tail = _split_top_level(text, separator, last=True)
        if found and not tail.endswith(")"):
            code = country_named(tail.strip(" ."))
            if code:
                return head.strip(), code
            if _ambiguous_country(tail):
                context.warnings.append(f"{tail.strip()!r} could be several countries")
                return head.strip(), None
    head, group = _trailing_group(text)
    if group and (code := country_named(group)):
        return head, code
    return text, None


def _ambiguous_country(text: str) -> bool:
    from undersigned.importing.parsers.countries import is_country_name

    return is_country_name(text.strip(" .")) and country_named(text.strip(" .")) is None


def _split_translation(text: str, abbreviation: str | None) -> tuple[str, str | None, str | None]:
    """Name, translation, abbreviation. A trailing group in parentheses is an abbreviation
    ('(CPB)') or a translation (two words or more; one word such as '(Mashal)' or
    '(Marxist-Leninist)' belongs to the name). ' / ' or ' – ' between two names of two
    words or more separates a translation too, unless the group in parentheses repeats that
    separator ('Türkiye / Kürdistan (Turkey / Kurdistan)': the separator is in the name)."""
    head, group = _trailing_group(text)
    if group and abbreviation is None and _ABBREVIATION.match(group) and not group.isdigit():
        abbreviation, text = group, head
        head, group = _trailing_group(text)
    translation = None
    for separator in (" / ", " – ", " — "):
        name, found, other = _split_top_level(text, separator)
        other_head = _trailing_group(other)[0]
        if not found or (group and separator in group):
            continue
        if len(name.split()) >= 2 and len(other_head.split()) >= 2:
            text, translation = name, other
            break
    if translation is None and group and len(group.split()) >= 2:
        text, translation = head, group
    text = text.strip()
    if translation is not None and translation.strip() == text:
        translation = None
    return text, translation.strip() if translation else None, abbreviation


def _trailing_group(text: str) -> tuple[str, str | None]:
    """'Name (Group)' -> ('Name', 'Group'), matching nested brackets from the end."""
    text = text.rstrip()
    if not text.endswith((")", "]")):
        return text, None
    opening = "(" if text.endswith(")") else "["
    closing = text[-1]
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == closing:
            depth += 1
        elif text[index] == opening:
            depth -= 1
            if depth == 0:
                head = text[:index].rstrip()
                return (head, text[index + 1 : -1].strip()) if head else (text, None)
    return text, None


def _split_top_level(text: str, separator: str, *, last: bool = False) -> tuple[str, str, str]:
    """str.partition, ignoring separators inside brackets or quotes."""
    depth = 0
    positions = []
    for index, char in enumerate(text):
        if char in "([„“«":
            depth += 1 if char != "“" or depth == 0 else -1
        elif char in ")]“»" and depth > 0:
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            positions.append(index)
    if not positions:
        return text, "", ""
    index = positions[-1] if last else positions[0]
    return text[:index], separator, text[index + len(separator) :]


def _looks_like_person(text: str) -> bool:
    """'Jane Doe, Professor of Law, …': two to four capitalized words before a comma."""
    name, found, _ = _split_top_level(text, ", ")
    if not found:
        return False
    words = _TITLES.sub("", name).split()
    if not 2 <= len(words) <= 4:
        return False
    return all(word[0].isupper() or word.casefold() in _PARTICLES for word in words) and all(
        not _ABBREVIATION.match(word) or len(word) <= 2 for word in words
    )


def _implied_country(name: str, translation: str | None, context: _Context) -> str | None:
    found = countries_implied(name, translation)
    if len(found) > 1:
        context.warnings.append(f"{name!r} names several countries ({', '.join(found)})")
    return found[0] if len(found) == 1 else None
