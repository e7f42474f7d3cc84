"""A list of signatories, as blocks -> entries.

Each list item is one entry and each table row one entry, however their source wraps; the
lines of a paragraph are entries one by one, a wrapped line joining the entry before it
where it visibly continues it (an open bracket, a trailing comma or 'of', a lower-case
start, a numbered list's unnumbered line). Group headings set the context of the entries
below them: a country ('Germany:'), a continent, 'Organizations' / 'Individuals'. Table
columns are told by their header or, without one, by what their cells hold across rows."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

from undersigned.importing.parsers.countries import countries_implied, country_named
from undersigned.importing.parsers.entries import (
    ABBREVIATION,
    DOUBT_KIND,
    EntryContext,
    abbreviates,
    enumerated_name,
    function_then_company,
    implied_country,
    is_institution,
    is_institution_word,
    parse_entry,
    person_name_shape,
    person_parts,
    place_name,
    role_and_affiliation,
    role_words,
    split_outside_brackets,
    split_title,
)
from undersigned.importing.parsers.metadata import region_names
from undersigned.importing.parsers.vocabulary import (
    ADDRESSEES,
    CLOSINGS,
    COPIES,
    COPIES_COLON,
    INDIVIDUALS,
    ORGANIZATIONS,
    SALUTATIONS,
    SALUTATIONS_PUNCTUATED,
    SIGNATORY_WORDS,
    SUPPORTERS,
    TITLE_PREFIX,
    TITLE_SUFFIX,
    has_organization_word,
    stopwords,
)
from undersigned.importing.parsers.wrapping import join_lines
from undersigned.importing.readers.blocks import Block, squeeze
from undersigned.importing.result import Signatory

# an entry's printed number: '12. ', '3) ', '7 '; not a date's day ('06.05.2009')
NUMBER = re.compile(
    r"^(\d{1,6})\s*[.)]\s*(?=\S)(?!\d{1,2}[./]\d{2,4}\s*$)|^(\d{1,6})\s+(?=[^\d\s])"
)
BULLET = re.compile(r"^[-*•–·▪◦●■□➢►✓✔]\s*")
_ADDRESSEE = re.compile(rf"^(?:{ADDRESSEES})\s*:", re.IGNORECASE)
_INDIVIDUALS_HEADING = re.compile(
    rf"^(?:[\w-]+\s+){{0,2}}(?:{INDIVIDUALS})(?:\s+[\w-]+){{0,2}}$", re.IGNORECASE
)
_ORGANIZATIONS_HEADING = re.compile(
    rf"^(?:[\w-]+\s+){{0,2}}(?:{ORGANIZATIONS})(?:\s+[\w-]+){{0,2}}$", re.IGNORECASE
)
_CONTINUES = re.compile(
    r"([-–—/,(&+]|(?<!\S)(?:of|and|the|de|du|des|del|der|und|et|y|la|für|for))$"
)

_HEADER_WORDS = {
    "position": ("no", "nr", "n°", "nº", "№", "#", "pos", "position", "num", "number"),
    "translation": ("translation", "english", "übersetzung", "traduction", "traducción",
                    "english name", "name in english"),
    "abbreviation": ("abbreviation", "abbr", "acronym", "short", "kürzel", "abkürzung",
                     "sigle", "sigla", "acronyme"),
    "country": ("country", "land", "pays", "país", "pais", "paese", "ülke", "страна",
                "країна", "staat", "nation", "location", "country/region"),
    "role": ("position", "title", "role", "function", "funktion", "fonction", "cargo",
             "función", "должность", "job title", "occupation"),
    "affiliation": ("affiliation", "institution", "zugehörigkeit", "organisation",
                    "organization", "organización", "organisation / institution",
                    "university", "employer", "institución", "établissement"),
    "name": ("name", "organization name", "organisation name", "nom", "nombre", "örgüt",
             "signatory", "signataire", "firmante", "full name", "имя", "фио", "ім'я",
             "фамилия", "фамилия и имя", "имя и фамилия", "прізвище", "nom et prénom",
             "prénom et nom", "nombre y apellido", "nombre y apellidos", "vorname", "nachname",
             "organisation", "organization", "organización"),
    "description": ("description", "about", "comment", "comments", "remarks", "notes",
                    "sector", "type", "website", "web", "email", "city", "ville", "ciudad",
                    "stadt", "region", "région", "date", "year", "signed", "link", "links",
                    "contact", "contacto", "kontakt", "profile", "profil", "perfil", "url",
                    "homepage", "linkedin", "twitter", "github", "mastodon"),
}  # fmt: skip


def plain(text: str, *, fold: bool = True) -> str:
    """Markdown emphasis and heading marks off, accents kept, dotted capital I folded (to
    compare; not where the text is shown: `fold=False`)."""
    if "#" in text or "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    text = text.strip()
    if text.isascii() or not fold:
        return text  # nothing to compose or fold
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).replace("\u0307", ""))


_EMPHASIS = re.compile(r"^#+\s*|[*_]{1,3}")


_ORNAMENTS = " –—-~=*·•|_"
# emoji and symbols at a heading's ends, with their variation selectors and joiners
_PICTOGRAPHS = re.compile(
    r"^[\s\u200d\ufe0f\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]+|"
    r"[\s\u200d\ufe0f\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]+$"
)


def is_list_heading(line: str) -> bool:
    """'Signatories (as of …):', 'Unterzeichner:', '## İmzacılar', 'Signed by:',
    'Individual signatories:' — a short line naming the list, not a sentence about it."""
    plain_line = plain(line)
    if not plain_line or len(plain_line) > 200:
        return False
    bare = re.sub(r"\(.*\)", "", plain_line).strip().rstrip(":").strip()
    bare = bare.strip(_ORNAMENTS)  # a heading set between dashes: '–Die Unterzeichnenden–'
    # or between pictographs: '🔥 ORGANISATIONER SOM STÅR BAKOM 🔥', '✊ Signatories ✊'
    bare = _PICTOGRAPHS.sub("", bare).strip(_ORNAMENTS)
    if not (plain_line.endswith(":") or len(bare.split()) <= 6):
        return False
    pieces = re.split(r"\s{3,}", bare)
    if len(pieces) > 1 and not _LIST_HEADING.match(pieces[0]):
        # pieces a tab stop apart, the first naming no list: a page's menu printed at its
        # top ('Carta Abierta   Firmantes   Contacto'), not the heading of a list
        return False
    return bool(_LIST_HEADING.match(bare)) or group_heading_kind(plain_line) is not None


_LIST_HEADING = re.compile(rf"^(?:[\w'’-]+\s+){{0,4}}(?:{SIGNATORY_WORDS})\b", re.IGNORECASE)


def is_closing(line: str) -> bool:
    """'Sincerely,', 'Mit solidarischen Grüßen', 'Atentamente,' — a letter's closing."""
    bare = plain(line).strip().rstrip(",:.!").strip()
    return bool(re.fullmatch(rf"(?:{CLOSINGS})", bare, re.IGNORECASE))


# the words a letter's last sentence ends in when it closes the letter ('… le porgo i più cari
# saluti.', '… verbleiben wir mit freundlichen Grüßen.', '… with our warm regards.')
_CLOSING_SENTENCE = re.compile(
    r"(?:^|\s)(?:saluti|regards|gr(?:ü|ue)(?:ß|ss)en|salutations(?:\s+[\w-]+){0,2}|"
    r"saludos(?:\s+\w+)?|saudações(?:\s+\w+)?|cumprimentos|уважением|повагою)[.!]?$",
    re.IGNORECASE,
)


def closes_letter(text: str) -> bool:
    """'Sincerely,' or a paragraph whose last, short sentence closes the letter: 'Nell'attesa
    di una sua risposta, le porgo i più cari saluti.'"""
    if is_closing(text):
        return True
    bare = plain(text)
    last = re.split(r"(?<=[.!?])\s+", bare)[-1]
    return len(last.split()) <= 15 and bool(_CLOSING_SENTENCE.search(last))


def group_heading_kind(text: str) -> str | None:
    """'Organizations', 'Individual signatories:', 'Signing organisations' -> the kind of
    the entries below; None for anything else ('Revolutionary Organization, Congo')."""
    bare = re.sub(r"\(.*?\)", "", plain(text)).rstrip(":").strip()
    if "," in bare and len(bare.split()) <= 6:
        # 'ASAMBLEAS, ONGs Y OTRAS INSTITUCIONES', 'Scholars, artists and writers': kinds of
        # kinds of signers enumerated, each naming the same kind ('Jane Doe, individual' is
        # an entry)
        parts = [p for p in re.split(r",\s*|\s+(?:and|y|e|et|und|&)\s+", bare, flags=re.I) if p]
        kinds = {group_heading_kind(part) for part in parts}
        return kinds.pop() if len(kinds) == 1 else None
    if len(bare.split()) > 5 or "," in bare:
        return None
    if _INDIVIDUALS_HEADING.match(bare):
        return "individuals"
    if _ORGANIZATIONS_HEADING.match(bare):
        return "organizations"
    return None


_SUPPORTERS_HEADING = re.compile(rf"(?:{SUPPORTERS})", re.IGNORECASE)


def is_supporters_heading(line: str) -> bool:
    """'Destekleyenler', 'Unterstützer*innen:', 'Apoiadores', 'Soutiens :': the heading of a
    group of supporters, which a list may hold after its first signers."""
    return bool(_SUPPORTERS_HEADING.fullmatch(plain(line).rstrip(":").strip()))


def is_addressee(line: str) -> bool:
    return bool(_ADDRESSEE.match(line.strip()))


# A press release's addressee line: 'BASIN ve KAMUOYUNA', 'AN DIE PRESSE', 'À LA PRESSE'
_PRESS_ADDRESSEE = re.compile(
    r"(?:to\s+(?:the\s+)?(?:press|media)(?:\s+and\s+(?:the\s+)?public)?|"
    r"(?:basına?|kamuoyuna)(?:\s+ve\s+(?:kamuoyuna|basına))?|"
    r"an\s+die\s+(?:presse|medien|redaktionen)(?:\s+und\s+(?:die\s+)?öffentlichkeit)?|"
    r"à\s+la\s+presse|aux\s+(?:médias|rédactions)|à\s+l[’']attention\s+des\s+médias|"
    r"a\s+la\s+(?:prensa|opinión\s+pública)|a\s+los\s+medios(?:\s+de\s+comunicación)?|"
    r"(?:à|a)\s+imprensa|à\s+opinião\s+pública|alla\s+stampa|ai\s+media|"
    r"для\s+(?:прессы|сми)|до\s+уваги\s+змі)",
    re.IGNORECASE,
)


def is_press_addressee(line: str) -> bool:
    """'BASIN ve KAMUOYUNA', 'AN DIE PRESSE', 'À LA PRESSE', 'To the press,': whom a press
    release speaks to, no one signing."""
    return bool(_PRESS_ADDRESSEE.fullmatch(plain(line).strip(" ,.:;!")))


_COPY_LINE = re.compile(rf"^(?:(?:{COPIES})(?![\w-])|(?:{COPIES_COLON})\s*:)", re.IGNORECASE)


def is_copy_line(line: str) -> bool:
    """'cc:', 'Na vědomí:', 'K rukám …', 'Zur Kenntnis:', 'Copie à :', 'Per conoscenza:', 'Em
    cópia:': who gets a copy of the letter. They are addressees, and so are the names after
    such a line: the list of signatories has ended."""
    return bool(_COPY_LINE.match(plain(line)))


# A call to sign: 'Sign here', '→ Sign the letter via GitHub', 'Firma aquí', 'Signez !',
# 'Jetzt unterzeichnen', 'Assine aqui'; 'Firma' alone before a name is a company
_CALL_TO_SIGN = re.compile(
    r"^(?:(?:please\s+|click\s+here\s+to\s+|jetzt\s+|bitte\s+)?"
    r"(?:sign(?:\s+(?:here|now|up|on|it|this|the|our|via|at|online)\b.*)?|co-?sign\b.*|"
    r"add\s+your\s+(?:name|signature|organi[sz]ation)\b.*|endorse\s+(?:this|the|our)\b.*|"
    r"firma(?:r)?\s+(?:aquí|aqui|acá|qui|ahora|ya|online|la|el|esta|este|questa|questo)\b.*|"
    r"(?:firme|firmad|firmate)(?:\s+(?:aquí|aqui|qui|ahora|ya|la|el|esta|questa)\b.*)?|suma\s+tu\s+(?:firma|nombre)\b.*|súmate\b.*|adhiere\b.*|"
    r"aderisci\b.*|sottoscrivi\b.*|signe[zr]\b.*|ajoutez\s+votre\b.*|"
    r"unterzeichnen\b.*|unterschreiben\b.*|mitzeichnen\b.*|zeichnen\s+sie\b.*|"
    r"assine\b.*|assinar\b.*|подпи(?:сать|шите|саться)\b.*|підпи(?:сати|шіть)\b.*|"
    r"podepi(?:sat|šte)\b.*|podpí(?:sať|šte)\b.*))$",
    re.IGNORECASE,
)
_SIGN_LINK = re.compile(
    r"^(?:https?://|www\.)\S*(?:sign|firm|unterz|unterschr|assin|petition|pledge)\S*$",
    re.IGNORECASE,
)


# A call for support: 'Kurumsal desteğinizi x@y.org adresine bir e-mail ile belirtebilirsiniz.',
# 'Unterstützen Sie den Aufruf: Mail an x@y.de', 'Pour soutenir l'appel, écrivez à x@y.fr'
_SUPPORT_WORD = re.compile(
    r"(?<!\w)(?:desteğ\w*|destek\w*|support\w*|endors\w*|unterstütz\w*|soutien\w*|souten\w*|"
    r"apoi\w*|apoy\w*|adhe\w*|adhé\w*|sosten\w*|aderi\w*|поддерж\w*|підтрим\w*)",
    re.IGNORECASE,
)
_ADDRESS_IN_TEXT = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def is_call_to_sign(line: str) -> bool:
    """A line asking the reader to sign, or a link to where one signs, or a sentence saying
    where to send one's support: no signatory."""
    text = plain(line).strip()
    text = re.sub(r"^[^\w\[(]+|[^\w)]+$", "", text)  # arrows, pointing hands, '!'
    text = re.sub(r"^\[([^\]]*)\]\([^)]*\)$", r"\1", text)  # a Markdown link's text
    if not text:
        return False
    words = text.split()
    if len(words) <= 10 and (_CALL_TO_SIGN.match(text) or _SIGN_LINK.match(text)):
        return True
    # a sentence (words of prose in lower case) naming support and where to send it
    stop = stopwords()
    bare = [w.strip(",.;:!?()") for w in words]
    prose = sum(w.isalpha() and w.islower() and w not in stop for w in bare)
    return (
        4 <= len(words) <= 40
        and prose >= 3
        and bool(_SUPPORT_WORD.search(text) and _ADDRESS_IN_TEXT.search(text))
    )


_SALUTATION = re.compile(rf"^(?:{SALUTATIONS})\s+\S", re.IGNORECASE)
_SALUTATION_PUNCTUATED = re.compile(
    rf"^(?:{SALUTATIONS_PUNCTUATED})\b.{{0,80}}[,:!]$", re.IGNORECASE
)


def is_salutation(line: str) -> bool:
    """'Dear members of the council,', 'Sehr geehrte Damen und Herren', 'Madame, Monsieur,',
    'Cari colleghi,', 'Уважаемые коллеги!': the line that opens a letter. Inside a list it
    starts the next letter, and it never names a signatory."""
    text = plain(line)
    if not text or len(text.split()) > 12:
        return False
    if _SALUTATION.match(text):
        return True
    return len(text.split()) <= 6 and bool(_SALUTATION_PUNCTUATED.match(text))


@dataclass
class _Candidate:
    number: int | None
    text: str
    lines: list[str]
    where: str
    context_individuals: bool | None
    context_country: str | None
    cells: list[str] | None = None
    fields: dict[str, str] | None = None
    table: int = 0
    lead: str | None = None  # the bold name the entry starts with
    card: list[str] | None = None  # the lines under the name of a card, one part each
    group: int = 0  # the groups a supporters' heading opens, counted from 0


def parse_signatories(
    blocks: list[Block],
    *,
    heading: str = "",
    vocabulary: frozenset[str] = frozenset(),
    abbreviations: frozenset[str] = frozenset(),
    ours: bool = False,
) -> tuple[list[Signatory], list[str]]:
    """The entries of a list of signatories (its blocks, after its heading), and warnings;
    `ours` for a document we printed (it carries our reference line)."""
    context = EntryContext(abbreviations=abbreviations, ours=ours)
    kind = group_heading_kind(heading)
    if kind:
        context.individuals = kind == "individuals"
    columns = _table_columns(blocks)  # marks a header row found by its words
    candidates = _headings_in_capitals(_candidates(blocks, context, vocabulary))
    candidates = [
        replace(candidate, text=part) if part is not candidate.text else candidate
        for candidate in candidates
        for part in (
            # people sharing one bracket, once their entry's wrapped lines are joined
            (candidate.cells is None and not candidate.fields and not candidate.lead
             and shared_description(candidate.text)) or [candidate.text]
        )
    ]  # fmt: skip
    for candidate in candidates:
        if candidate.cells is None and not candidate.fields:
            # 'Dana Holt   https://…/in/dana/': a column of profile links beside the names
            candidate.text = _LINK_COLUMN.sub("", candidate.text)
    texts = [c.text for c in candidates if c.cells is None and not c.fields]
    front = sum(bool(_TAB_STOP.search(text)) for text in texts)
    context.front_abbreviations = bool(texts) and front * 3 >= len(texts)
    context.function_then_company = function_then_company(texts)
    signatories: list[Signatory] = []
    groups: list[int] = []  # each entry's group
    cards: list[tuple[Signatory, list[str]]] = []
    marked: list[
        tuple[Signatory, str, list[str], dict[int, str]]
    ] = []  # kinds a column of the table names
    last = 0
    printed: list[str] = []  # the cells of a table's header printed as a line, if any
    printed_columns: dict[int, str] = {}
    for candidate in candidates:
        context.individuals = candidate.context_individuals
        context.country = candidate.context_country
        # printed numbers, unless a group numbers from 1 again
        number = (
            candidate.number if candidate.number is not None and candidate.number > last else None
        )
        position = number or (signatories[-1].position + 1 if signatories else 1)
        if candidate.fields:
            entry = _from_fields(candidate.fields, position=position, context=context)
        elif candidate.cells is not None:
            entry = _from_cells(
                candidate.cells, columns.get(candidate.table, {}), position=position,
                context=context,
            )  # fmt: skip
            kind = marked_kind(candidate.cells, columns.get(candidate.table, {}))
            if entry is not None and kind:
                marked.append((entry, kind, candidate.cells, columns.get(candidate.table, {})))
        elif _TALLY.fullmatch(candidate.text.strip()):
            continue  # 'Companies: 12 Individuals: 40': a count of the list, no entry
        elif printed and len(cells := _printed_cells(candidate, printed_columns)) == len(printed):
            # a row under a table's header printed as lines: its cells at the header's tab stops
            entry = _from_cells(cells, printed_columns, position=position, context=context)
        else:
            candidate.text = _without_closing_quote(_without_signing_date(candidate.text))
            entry = parse_entry(
                candidate.text, position=position, context=context, lead=candidate.lead
            )
            if entry is not None and candidate.card:
                cards.append((entry, candidate.card))
        if entry is None or not entry.name:
            continue
        if _AND_OTHERS.match(entry.name):
            continue  # 'u.a.', 'and others': the list says it goes on, names no one
        if (
            not candidate.cells
            and not candidate.fields
            and not _named_by_lead(candidate)
            and _sentence(candidate.text)
        ):
            context.warnings.append(
                f"skipped a line in the list that reads as a sentence: {candidate.text[:80]!r}"
            )
            continue
        if candidate.cells is None and not candidate.fields and _header_line(candidate.text):
            # 'Name   Contact': a table's header printed as a line
            printed = _TAB_PARTS.split(candidate.text.strip())
            printed_columns = _header_columns(printed) or {}
            if not printed_columns:
                printed = []
            continue
        for field in ("role", "affiliation"):
            if _ADDRESS_ONLY.fullmatch(getattr(entry, field) or ""):
                setattr(entry, field, None)  # a link to a profile is how to reach them
        entry.lines = candidate.lines
        entry.where = candidate.where
        signatories.append(entry)
        groups.append(candidate.group)
        last = entry.position
    # each group a supporters' heading opens settles its kinds apart: eight bare names after
    # eleven organizations are people, not organizations by the majority above them
    for group in sorted(set(groups)):
        _settle_kinds(
            [entry for entry, g in zip(signatories, groups, strict=True) if g == group],
            function_company=context.function_then_company,
        )
    for entry, described in cards:
        _card_parts(entry, described)
    for entry, kind, cells, table in marked:
        _as_marked(entry, kind, cells, table, context)
    return signatories, context.warnings


# 'Companies: 12 Projects: 3 Individuals: 40', a count shown above a list: labels and figures
_TALLY = re.compile(r"(?:[^\W\d_][^:\d]{0,40}:\s*\d[\d.,\s]*){2,}")


def marked_kind(cells: list[str], columns: dict[int, str]) -> str | None:
    """The kind a row's cell in a column of kinds names ('Company', 'Individual')."""
    for index, name in columns.items():
        if name == "kind" and index < len(cells):
            return cell_kind(cells[index])
    return None


def _as_marked(
    entry: Signatory, kind: str, cells: list[str], columns: dict[int, str], context: EntryContext
) -> None:
    """The kind the table says, over the one the entry's reading guessed: a person's name
    read as an organization's is split into title and name; an organization's name read
    as a person's is its name cell whole."""
    if entry.kind == kind:
        return
    if DOUBT_KIND in entry.doubts:
        entry.doubts.remove(DOUBT_KIND)
    if kind == "person":
        entry.kind = "person"
        if entry.abbreviation and not entry.affiliation:
            entry.affiliation = entry.abbreviation
        entry.abbreviation = entry.translation = None
        if not entry.title:
            entry.title, entry.name = split_title(entry.name)
        if entry.country in countries_implied(entry.name, None):
            entry.country = None  # 'Satyajit Ghana': a surname, which names no country
        _as_person(entry)
        return
    named = next((cells[i] for i, name in columns.items() if name == "name" and i < len(cells)), "")
    entry.kind, entry.name = "organization", squeeze(named.replace("\n", " ")).strip() or entry.name
    entry.title = entry.role = entry.affiliation = None
    entry.country = entry.country or implied_country(entry.name, entry.translation, context)


_LINK_COLUMN = re.compile(
    r"(?<=\S)(?: {3,}|\t)(?:https?://|www\.)\S+$|(?<=\S)(?: {3,}|\t)[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"
)
_LINK_END = re.compile(r"(?:https?://|www\.)\S*$")
_ADDRESS_ONLY = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


_TAB_PARTS = re.compile(r" {3,}|\t")


def _printed_cells(candidate: _Candidate, columns: dict[int, str]) -> list[str]:
    """A line's parts at its tab stops, its printed number first where the header's first
    column is the number ('1   Jane Roe   2019   Kenya' under 'No.   Name   Year   Country')."""
    parts = _TAB_PARTS.split(candidate.text.strip())
    if columns.get(0) == "position" and candidate.number is not None:
        parts = [str(candidate.number), *parts]
    return parts


def _header_line(text: str) -> bool:
    """A line of a table's column names apart by tab stops ('Name   Contact'), a name
    abbreviated ('No.') or qualified ('Graduation Year') as labels are."""
    parts = [part.strip().casefold().rstrip(":.") for part in _TAB_PARTS.split(text)]
    words = {word for names in _HEADER_WORDS.values() for word in names}
    return len(parts) >= 2 and all(
        part in words or (len(part.split()) <= 3 and part.split()[-1] in words) for part in parts
    )


def _capitals(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1]
    # an acronym's plural keeps its small 's' ('ASAMBLEAS, ONGs Y OTRAS INSTITUCIONES'); one
    # word of capitals joined by a hyphen ('AFL-CIO') is an organization's name, no heading
    return (
        len(words) >= 2
        and len(text.split()) >= 2
        and all(w.isupper() or _PLURAL_ACRONYM.match(w) for w in words)
    )


_PLURAL_ACRONYM = re.compile(r"^[A-ZÀ-Þ]{2,}s$")


def _headings_in_capitals(candidates: list[_Candidate]) -> list[_Candidate]:
    """'ASAMBLEAS, ONGs Y OTRAS INSTITUCIONES', 'PERSONALIDADES': in a list whose entries are
    not written in capitals, a line in capitals heads a group; it names no one."""
    lines = [c for c in candidates if c.cells is None and not c.fields]
    shouting = [c for c in lines if _capitals(c.text) and c.number is None]
    if not shouting or len(shouting) * 6 > len(lines):
        return candidates
    kept: list[_Candidate] = []
    individuals: bool | None = None
    changed = False
    for candidate in candidates:
        if candidate in shouting:
            kind = group_heading_kind(candidate.text)
            individuals, changed = (kind == "individuals") if kind else individuals, True
            continue
        if changed and individuals is not None:
            candidate.context_individuals = individuals
        kept.append(candidate)
    return kept


def _settle_kinds(signatories: list[Signatory], *, function_company: bool = False) -> None:
    """An entry that could be either takes the kind most of the list has; where the list
    is mixed, it stays marked as doubtful for the review."""
    _people_by_shared_codes(signatories)
    _people_by_list_shape(signatories)
    _places_no_description(signatories)
    people = sum(e.kind == "person" and not e.doubts for e in signatories)
    organizations = sum(e.kind == "organization" and not e.doubts for e in signatories)
    clear = (
        people == 0
        or organizations == 0
        or max(people, organizations) > 3 * min(people, organizations)
    )
    # an entry is doubtful because it is shaped like a person's name ('Eugenia Lee') and
    # nothing else tells: a list made mostly of such is a list of people, its few clear
    # 'organizations' names that merely are not so shaped ('Raju', 'dhananjay kumar')
    doubtful = sum(DOUBT_KIND in e.doubts for e in signatories)
    people_by_shape = people + doubtful > 3 * organizations and doubtful > people
    for entry in signatories:
        if people_by_shape and entry.kind == "organization" and _no_sign_of_organization(entry):
            entry.kind = "person"
            _as_person(entry, function_company=function_company)
            continue
        if DOUBT_KIND not in entry.doubts:
            continue
        described = entry.role  # what followed a dash, kept by `parse_entry`
        if (people > organizations or people_by_shape) and not entry.abbreviation:
            entry.kind = "person"
            entry.role, entry.affiliation = role_and_affiliation(
                described or entry.translation or ""
            )
            entry.translation = None
            _as_person(entry, function_company=function_company)
        else:
            entry.role = None  # an organization's description is no part of its entry
        if clear:
            entry.doubts.remove(DOUBT_KIND)
    _institutions_of_people(signatories)


def _people_by_shared_codes(signatories: list[Signatory]) -> None:
    """'Anna Rossi (MI)', 'Marco Bianchi (MI)', 'Luca Verdi (GE)': a code of two or three
    capitals after a name shaped like a person's, which several entries share, is where
    they live (a province, a state), not an abbreviation: no two organizations of a list
    share one. Where such entries are half the list or more, they are people, and the code,
    a place, is kept nowhere."""

    def coded(entry: Signatory) -> bool:
        code = entry.abbreviation or ""
        return (
            entry.kind == "organization"
            and 2 <= len(code) <= 3
            and code.isalpha()
            and code.isupper()
            and person_name_shape(entry.name)
            and not abbreviates(code, entry.name)
        )

    codes = Counter(entry.abbreviation for entry in signatories if coded(entry))
    if not codes or codes.most_common(1)[0][1] < 3 or codes.total() * 2 < len(signatories):
        return
    for entry in signatories:
        if coded(entry):
            entry.kind, entry.abbreviation = "person", None
            if DOUBT_KIND in entry.doubts:
                entry.doubts.remove(DOUBT_KIND)
            _as_person(entry)


def _place_parts(text: str) -> list[str] | None:
    """'Twin Cities, MN', 'Sydney': the parts of a description that reads as places only (a
    town or a region of one to three capitalized words, a state's code), else None."""
    parts = [part.strip() for part in text.split(",")]
    for part in parts:
        words = [w for w in part.split() if w.casefold() not in _PLACE_PARTICLES]
        if re.fullmatch(r"[A-Z]{2}", part):
            continue
        if not (
            1 <= len(words) <= 3
            and all(
                w[:1].isupper() and re.fullmatch(r"[^\W\d_][^\W\d_.-]*(?:[.-][^\W\d_]*)*", w)
                for w in words
            )
            and not any(w.isupper() and len(w) > 1 for w in words)
            and not role_words(part)
            and not is_institution_word(part)
            and not has_organization_word(part)
        ):
            return None
    return parts


_PLACE_PARTICLES = frozenset(("de", "del", "da", "do", "la", "le", "of", "the", "am", "an"))


def _places_no_description(signatories: list[Signatory]) -> None:
    """'Rowan Bunning, Sydney, Australia', 'Emerson Mills, Bend, OR': in a list whose
    people mostly describe themselves by where they live (a town and its country, or a town
    and its state's code), the places are neither a role nor an institution, and are kept
    nowhere but in the country. A single town ('Ana Vidal (Ripollet)') alone is no sign."""
    described = [e for e in signatories if e.kind == "person" and (e.role or e.affiliation)]
    if len(described) < 5:
        return
    placed = []
    for entry in described:
        text = ", ".join(filter(None, [entry.role, entry.affiliation]))
        parts = _place_parts(text)
        if parts is not None:
            placed.append((entry, bool(entry.country) or len(parts) > 1))
    if sum(sure for _, sure in placed) * 2 < len(described):
        return
    for entry, _ in placed:
        entry.role = entry.affiliation = None


def _institutions_of_people(signatories: list[Signatory]) -> None:
    """'Rita Moura (UFAL)', 'Mel Gorman (SUSE)': in a list of people, capitals after a name
    shaped like a person's that are not its initials name where the person works, not an
    organization's abbreviation; two capitals ('(RJ)') a state. A list of people: four times
    as many as organizations."""
    people = sum(e.kind == "person" for e in signatories)
    if people < 10 or people < 4 * (len(signatories) - people):
        return
    for entry in signatories:
        if (
            entry.kind == "organization"
            and entry.abbreviation
            and not entry.translation
            and person_name_shape(entry.name)
            and not abbreviates(entry.abbreviation, entry.name)
        ):
            # two capitals are a state's code ('(RJ)'): where, not who, and kept nowhere
            where = entry.abbreviation if len(entry.abbreviation) > 2 else None
            entry.kind, entry.affiliation, entry.abbreviation = "person", where, None
            if DOUBT_KIND in entry.doubts:
                entry.doubts.remove(DOUBT_KIND)
            _as_person(entry)


def _people_by_list_shape(signatories: list[Signatory]) -> None:
    """In a list of people written 'Name, Institution', an entry of the same shape whose
    name reads as no person's only by its letters ('DAVID MYERS, UCLA', 'yosef kaplan, …',
    a name in another script) is a person too: the list's shape says what its first part
    is. Its first part must hold no organization's word and no figure.

    Where people are only half the list or more, the first part may be a first name alone
    or several joined ('Gabriel, élève de CM2', 'Laury, Ysé et Pia, famille en vacance':
    neighbours and children sign so on a local campaign's page), if what follows reads as
    a person's description: a function, or words in lower case that name no organization."""
    described = sum(
        e.kind == "person" and bool(e.role or e.affiliation) and not e.doubts for e in signatories
    )
    if described < 10 or described * 10 < len(signatories) * 5:
        return
    strict = described * 10 >= len(signatories) * 8
    for entry in signatories:
        if entry.kind != "organization" or entry.abbreviation or entry.translation:
            continue
        joined = _JOINED_NAMES.match(entry.name)
        dashed = _DASHED.match(entry.name)
        if joined:
            head, comma, rest = joined["head"], ",", joined["rest"]
        elif dashed and "," not in dashed["head"]:
            head, comma, rest = dashed["head"], ",", dashed["rest"]  # 'Aileen - Reader'
        else:
            head, comma, rest = entry.name.partition(",")
        head, rest = head.strip(), rest.strip()
        if not strict and not (
            (rest[:1].islower() or role_words(rest)) and not has_organization_word(rest)
        ):
            continue
        if (
            not comma
            or not rest
            or not 1 <= len(head.split()) <= 5
            or has_organization_word(head)
            or re.search(r"\d", head)
            or re.fullmatch(r"(?:[^\W\d_]{1,2}\.\s?-?)+", rest)  # 'Stebel, S.C.': initials
        ):
            continue
        if entry.country and entry.country in countries_implied(entry.name, None):
            entry.country = None  # 'Dominique, sétoise …' names a woman, not Dominica
        title, name = split_title(head)
        entry.kind, entry.name, entry.title = "person", name, title
        entry.role, entry.affiliation = role_and_affiliation(rest)
        _as_person(entry)


# people that a comma and a conjunction join before their one description: 'Laury, Ysé et
# Pia, famille en vacance', 'Ana and Luis Pérez, neighbours'
_NAME_WORD = r"[A-ZÀ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*"
_JOINED_NAMES = re.compile(
    rf"^(?P<head>{_NAME_WORD}(?:\s{_NAME_WORD})*(?:,\s{_NAME_WORD})*"
    rf"\s(?:et|and|y|und|e|&)\s{_NAME_WORD}(?:\s{_NAME_WORD})*),\s(?P<rest>\S.*)$"
)

_DASHED = re.compile(r"^(?P<head>[^-–—]+?)\s+[-–—]\s+(?P<rest>\S.*)$")

# 'Oriol Mor (Ripollet)'; a birth name ('(ne Gramlich)', '(geb. Kern)') is part of the name
_TRAILING_BRACKET = re.compile(
    r"^(?P<name>[^()]+?)\s*\((?!n[ée]e?\b|geb\.|born\b|nacid[ao]\b)(?P<inner>[^()]+)\)\s*$",
    re.IGNORECASE,
)


def _as_person(entry: Signatory, *, function_company: bool = False) -> None:
    """What an organization's reading left in an entry that turns out to be a person: a
    country its name seemed to name ('Teresa Franco', 'Maurici …' is Catalan for Mauritius)
    is none, since a person's own name never tells a country (one ending in a country's
    name is more likely an organization's); a bracket after the name
    ('Oriol Mor (Ripollet)') describes the person."""
    words = entry.name.split()
    if (
        entry.country
        and entry.country in countries_implied(entry.name, entry.translation)
        # a name ending in its country ('Nação Hip Hop Brasil') is an organization's, unless
        # a role or an institution describes it ('João França – Ator', 'Bernardo Buarque de
        # Hollanda – FGV-CPDOC'): a surname, then, which names no country
        and (
            country_named(words[-1] if words else "") != entry.country
            or bool(entry.role or entry.affiliation)
        )
    ):
        entry.country = None
    found = _TRAILING_BRACKET.match(entry.name)
    if found and not (entry.role or entry.affiliation):
        entry.name = found["name"]
        inner = found["inner"].strip()
        # a bracket naming a place only is where the person belongs, not their role
        entry.role, entry.affiliation = (
            (None, inner)
            if place_name(inner)
            else role_and_affiliation(inner, bracketed=function_company)
        )


def _no_sign_of_organization(entry: Signatory) -> bool:
    """An 'organization' only because its name is not shaped like a person's ('Raju',
    'dhananjay kumar'): no abbreviation, translation or organization's word."""
    return not (
        entry.abbreviation
        or entry.translation
        or entry.doubts
        or has_organization_word(entry.name)
        or re.search(r"\d", entry.name)
    )


def _candidates(
    blocks: list[Block], context: EntryContext, vocabulary: frozenset[str]
) -> list[_Candidate]:
    """Blocks -> the texts of entries, with the group context each stands in."""
    candidates: list[_Candidate] = []
    individuals: bool | None = context.individuals
    country: str | None = None
    group = 0
    skipping = False

    def add(number, text, lines, where, **extra) -> None:
        if is_call_to_sign(text) or is_press_addressee(text):
            return  # 'Sign here', a link to sign, 'AN DIE PRESSE': no one signing
        candidates.append(
            _Candidate(number, text, lines, where, individuals, country, group=group, **extra)
        )

    for block in blocks:
        if block.note or block.kind == "furniture":
            continue
        if block.kind in ("heading", "paragraph") and STOPPER.match(block.text):
            break  # the list's notes, sources or contacts: the list has ended
        if block.kind in ("heading", "paragraph") and is_copy_line(block.lines[0]):
            break  # the names after 'cc:' are those a copy goes to
        if block.kind in ("heading", "item") and is_salutation(block.text):
            if candidates:
                break  # 'Dear …,': the next letter begins
            continue
        if block.kind == "row":
            filled = [cell for cell in block.cells or [] if cell.strip()]
            if len(filled) == 1 and (block.header or group_heading_kind(filled[0])):
                # a table headed 'Individuals' or 'Organisations' names the kind of its rows
                heading = _heading(filled[0])
                if heading is not None:
                    individuals, country, group = _apply(heading, individuals, country, group)
                    continue
            if block.header:
                continue
            add(None, block.text, block.lines, block.where, cells=block.cells, table=block.table)
            continue
        if block.kind == "item":
            text = _join_item(block.lines, vocabulary)
            if block.fields:
                add(_number(block.number), text, block.lines, block.where, fields=block.fields)
                continue
            heading = _heading(text) if len(block.lines) == 1 else None
            if heading is not None:
                individuals, country, group = _apply(heading, individuals, country, group)
                continue
            lead = block.leads[0] if block.leads else None
            add(_number(block.number), text, block.lines, block.where, lead=lead)
            continue
        if block.kind == "heading":
            heading = _heading(block.text)
            if heading is not None:
                individuals, country, group = _apply(heading, individuals, country, group)
            continue
        semicolons = _semicolon_entries(block, vocabulary)
        if semicolons:
            # 'Jane Doe, sociologue ; John Roe, militant ; …' wrapped over the page's lines;
            # before the cards: a first line 'Jane Doe; John Roe, PhD.;' names no one alone
            for part in semicolons:
                add(None, part, [part], block.where)
            continue
        if _card(block):
            # 'Jane Doe<br>University of X': a short block whose first line names someone
            # and whose other lines describe them is one entry
            parts = _card_lines(block.lines)
            text = squeeze(", ".join(parts))
            described = parts[1:]
            add(None, text, list(block.lines), block.where, lead=block.lines[0].strip(),
                card=described)  # fmt: skip
            continue
        run = _name_role_run(squeeze(join_lines(block.lines, vocabulary)))
        if block.wrapped and run and len(run) > len(block.lines):
            # the page wrapped a run of 'Name, Role' entries: more entries than lines
            for part in run:
                add(None, part, [part], block.where)
            continue
        pairs = _name_and_description_pairs(block)
        if pairs:
            for name, description in pairs:
                text = squeeze(f"{name.strip().rstrip(',')}, {description.strip()}")
                add(None, text, [name, description], block.where, lead=name.strip())
            continue
        # a paragraph: its lines, one entry each unless a line continues the one before
        numbered = sum(bool(NUMBER.match(line)) for line in block.lines) >= max(
            1, len(block.lines) // 3
        )
        current: list[str] | None = None
        leads = block.leads or [None] * len(block.lines)
        separated = _separated_lines(block)
        for line, lead in zip(block.lines, leads, strict=False):
            line = line.strip()
            if not line:
                continue
            if not any(character.isalnum() for character in line):
                current = None  # a rule drawn in characters ('===', '* * *') parts, names nothing
                continue
            if STOPPER.match(line):
                return candidates
            if is_copy_line(line):
                return candidates  # the names after 'cc:' are those a copy goes to
            if is_call_to_sign(line):
                current = None
                continue
            if is_salutation(line):
                if candidates:
                    return candidates  # 'Dear …,': the next letter begins
                current = None
                continue
            if is_addressee(line) or skipping:
                skipping = is_addressee(line) or skipping
                continue
            number = NUMBER.match(line)
            if number and numbered:
                text = line[number.end() :]
                current = [text]
                add(int(number.group(1) or number.group(2)), text, [line], block.where)
                continue
            if (
                current is not None
                and not separated
                and _continues(current[-1], line, numbered=numbered, wrapped=block.wrapped)
            ):
                current.append(line)
                candidates[-1].text = squeeze(join_lines(current, vocabulary))
                candidates[-1].lines.append(line)
                continue
            heading = _heading(line)
            if heading is not None:
                individuals, country, group = _apply(heading, individuals, country, group)
                current = None
                continue
            if ("@" in line and " " not in line.strip()) or line.startswith(
                ("http://", "https://")
            ):
                context.warnings.append(f"skipped a line in the list that is no entry: {line!r}")
                current = None
                continue
            bullet = BULLET.match(line)
            text = line[bullet.end() :] if bullet else line
            parts = split_enumeration(text) if not lead else [text]
            if len(parts) == 1 and len(block.lines) >= 3:
                # one line of a list holding two 'Name, Role' entries run together
                parts = _name_role_run(text) or parts
            for part in parts:
                add(None, squeeze(part), [line], block.where, lead=lead if part is text else None)
            current = [text] if len(parts) == 1 else None
        skipping = False
    return candidates


_QUOTES = '„“”«»‹›‘’‚"'


def _without_closing_quote(text: str) -> str:
    """'Prof. Dr. Thomas Wetzel, Karlsruher Institut für Technologie (KIT)“': the mark that
    closes a quoted declaration after its last signer is no part of the entry. Only a mark
    closing nothing the entry opened goes (an apostrophe stays: 'Gerhard Gross’' is rare,
    'Mothers’' a word)."""
    stripped = text.rstrip()
    if stripped[-1:] not in '“”»"' or any(mark in stripped[:-1] for mark in _QUOTES):
        return text
    return stripped[:-1].rstrip()


def _without_signing_date(text: str) -> str:
    """'Gene Gendel, New York, NY, Aug 4, 2019' -> 'Gene Gendel, New York, NY': the day a
    person signed, printed last after their name, is no part of the entry (and a line of
    a name and that date alone is no dateline)."""
    from undersigned.importing.parsers.metadata import find_date

    found = find_date(text)
    if not found:
        return text
    start, end = found[1]
    head = text[:start].rstrip()
    if text[end:].strip(" .") or not head.endswith(",") or ":" in head:
        return text
    if not person_name_shape(split_title(head.split(",")[0])[1]):
        return text
    return head.rstrip(" ,")


def _named_by_lead(candidate: _Candidate) -> bool:
    """'**Ricardo** - *Reader and fan!*': the document sets the name apart in bold and a
    separator follows it; what comes after describes the one named, however it ends."""
    lead = candidate.lead
    if not lead or not candidate.text.startswith(lead) or len(lead.split()) > 5:
        return False
    return bool(re.match(r"\s*(?:[-–—,/|]|\()", candidate.text[len(lead) :]))


# one sentence ending and the next beginning: a word of four small letters or more and a full
# stop ('çağrılmıştır. Şimdiye'), not an abbreviation ('Univ. Stuttgart', 'Prof. Dr.')
_TWO_SENTENCES = re.compile(r"[^\W\d_A-ZÀ-ÞİŞĞ]{4,}[.!?]\s+[A-ZÀ-ÞİŞĞ]")


def _sentence(text: str) -> bool:
    """A line inside a list that is prose or a date, not someone's name."""
    from undersigned.importing.parsers.document import is_meta_line
    from undersigned.importing.parsers.finder import likeness

    words = text.split()
    if text.endswith(("!", "?")) and len(words) >= 3 and any(w[:1].islower() for w in words):
        return True  # a slogan or a question closing the text ('Klimaschutz ist kein Verbrechen!')
    if len(words) <= 6:
        return is_meta_line(text)
    if len(words) > 30 and _TWO_SENTENCES.search(text):
        # 'İstanbul Emniyet Müdürü Celalettin Cerrah, kamuoyunda … çağrılmıştır. Şimdiye …':
        # a paragraph of the body that begins with a name, not an entry and its description
        return True
    head = person_parts(text)[0]
    if head != text and (person_name_shape(head) or has_organization_word(head)):
        return False  # 'Marilou Gougeon - Patiente atteinte d'un cancer …'
    if len(words) <= 8 or likeness(text) >= 0.3:
        return False
    parts = split_outside_brackets(text.rstrip(" ."), ",")
    # 'Kamihenen, organización de comunidades …, Córdoba, Argentina.': an entry ending in
    # its country
    return not (len(parts) >= 3 and len(parts[0].split()) <= 8 and country_named(parts[-1].strip()))


def _semicolon_entries(block: Block, vocabulary: frozenset[str]) -> list[str] | None:
    """A paragraph of entries separated by semicolons, its lines broken anywhere."""
    if len(block.lines) < 2:
        return None
    return semicolon_parts(block.lines, vocabulary)


def semicolon_parts(lines: list[str], vocabulary: frozenset[str]) -> list[str] | None:
    """The entries of lines that separate them by semicolons ('MgA. Jana Nová; prof. Ivan
    Malý, CSc.; …'), wherever the lines break, or None where they do not."""
    text = squeeze(join_lines([line.rstrip("\\ ") for line in lines], vocabulary))
    # a part's last full stop is left to the entry, which keeps a degree's ('…, PhD.')
    parts = [part.strip(" ;") for part in re.split(r"\s*;\s*", text) if part.strip(" ;.")]
    if len(parts) < 4 or sum(line.rstrip().endswith(";") for line in lines) * 2 > len(lines):
        return None  # one entry a line, each closed by its semicolon: read line by line
    if any(len(part.split()) > 25 for part in parts):
        return None
    return parts


_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_NAME_WORD = rf"(?:[{_UPPER}][\w’'-]+|[{_UPPER}]\.)"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|le|la|del|dos|das|ben|bin|al|el)"
# where the next 'Name, ' starts in a run of 'Name, Role' entries: after a lower-case word
# (the role before it), two to four capitalized words ('Marie-Charlotte Allam', 'Raul
# Magni-Berton', 'Marit van Dijk') and a comma
_NEXT_NAME = re.compile(
    rf"(?<=[a-zà-ÿ)]) (?={_NAME_WORD}(?: {_PARTICLE})*(?: {_NAME_WORD}(?: {_PARTICLE})*){{1,3}}, )"
)


# words a role goes on after ('Professor of', 'directeur de', 'Sociology and')
_LINKS = frozenset(
    {"of", "and", "the", "for", "at", "in", "on", "to", "with", "from", "de", "des", "du", "la",
     "le", "les", "et", "en", "au", "aux", "y", "del", "el", "los", "las", "e", "da", "do",
     "dos", "das", "em", "für", "und", "der", "die", "von", "zu", "im", "am", "di", "della",
     "dei", "per"}
)  # fmt: skip


def _name_role_run(text: str) -> list[str] | None:
    """'Jane Doe, Professor of law John Roe, Lecturer in history …': entries of a person's
    name and role run together, the line breaks between them lost (a Markdown list without
    its breaks, printed): split before each name that follows a role."""
    cuts = [0]
    for match in _NEXT_NAME.finditer(text):
        before = text[: match.start()].split()
        # a role ends in a lower-case word that is not a link: 'Professor of⏎Consumer
        # Science, …' and 'Coordinador del Campus Santa Cruz, …' go on
        if before and before[-1][0].islower() and before[-1].casefold() not in _LINKS:
            cuts.append(match.start())
    parts = [text[a:b].strip() for a, b in pairwise([*cuts, len(text)]) if text[a:b].strip()]
    if len(parts) < 2:
        return None
    for part in parts:
        name, comma, role = part.partition(", ")
        if not comma or len(name.split()) > 5 or len(role.split()) > 12:
            return None
        if not person_name_shape(name) or has_organization_word(name):
            return None
        if _sentence(role) or role.rstrip().endswith((".", ":", "?", "!")):
            return None
    return parts


def _name_and_description_pairs(block: Block) -> list[tuple[str, str]] | None:
    """A block of names each followed by a line about them (two cards run together)."""
    lines = [line for line in block.lines if line.strip()]
    if len(lines) < 4 or len(lines) % 2:
        return None
    pairs = list(zip(lines[::2], lines[1::2], strict=True))
    for name, description in pairs:
        if NUMBER.match(name) or not person_name_shape(_head(name)):
            return None
        if person_name_shape(_head(description)):
            return None
    return pairs


def _head(line: str) -> str:
    return TITLE_SUFFIX.sub("", re.sub(r",.*", "", TITLE_PREFIX.sub("", line))).strip()


def _card(block: Block) -> bool:
    lines = [line.strip() for line in block.lines if line.strip()]
    if not 2 <= len(lines) <= 4 or NUMBER.match(lines[0]) or BULLET.match(lines[0]):
        return False
    leads = block.leads or []
    if leads and leads[0] and leads[0].strip() == lines[0] and not any(leads[1:]):
        return True  # the reader saw the first line alone in bold: a name over its lines

    if not person_name_shape(_head(lines[0])):
        return False
    # a line under the name that begins with a function ('Deputy Chair, AFUO', 'Президент
    # Української Ради') describes the person, however capitalized
    return not any(
        (person_name_shape(_head(line)) and not role_words(line.split()[0])) or NUMBER.match(line)
        for line in lines[1:]
    )


def _card_lines(lines: list[str]) -> list[str]:
    """A card's lines, a line that visibly continues the one before ('President, Ukrainian
    Association of' / 'Western Australia Inc') joined to it."""
    out: list[str] = []
    for line in lines:
        line = squeeze(line).strip(" ,")
        if not line:
            continue
        if out and re.search(r"(?<!\S)(?:of|and|the|for|de|du|des|der|und|et|y)$", out[-1], re.I):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _card_parts(entry: Signatory, described: list[str]) -> None:
    """A person's card of two lines under the name, each one part: the one that reads as a
    function is the role, the other the institution, in whichever order the card prints
    them ('Harvard Law School' over 'Executive Director, Library'), even where a part holds
    a comma that reading the joined text would cut at."""
    if entry.kind != "person" or len(described) != 2:
        return
    first, second = described
    if role_words(second) and not role_words(first):
        entry.affiliation, entry.role = first, second
    elif role_words(first) and not role_words(second) and is_institution(second):
        entry.role, entry.affiliation = first, second


# What ends a list: its notes, sources, contacts
STOPPER = re.compile(
    r"^(?:end\s?notes|foot\s?notes|notes|references|sources|bibliography|contacts?|"
    r"press\s+contacts?|media\s+contacts?|anmerkungen|fußnoten|quellen|kontakt|"
    r"références|notes\s+de\s+bas|contact\s+presse|notas|referencias|fuentes|contactos?|"
    r"contatos?|for\s+more\s+information|pour\s+plus\s+d['’]informations?|"
    r"para\s+m[aá]s\s+informaci[oó]n|weitere\s+informationen|"
    r"примечания|источники|контакты)\b(?!\s+(?:of|for|de|des|du|für)\b)",
    re.IGNORECASE,
)
_AND_OTHERS = re.compile(
    r"^(?:u\.\s?a\.?|usw\.?|etc\.?|and\s+(?:many\s+)?(?:others|more)|y\s+otr[oa]s|"
    r"et\s+al\.?|et\s+d['’]autres|e\s+altri|и\s+другие|…|\.\.\.)$",
    re.IGNORECASE,
)
_TAB_STOP = re.compile(r"^\S.{0,40}? {3,}\S")
_ENUMERATORS = (" * ", " • ", " · ", " ▪ ", " | ", "; ")
_LAST_AND = re.compile(r",?\s+(?:and|und|et|y|e|и|ve)\s+(?=\S)")


# a closing bracket glued to the capitalized word after it: two entries whose break was lost
_GLUED_BRACKET = re.compile(r"(?<=\))(?=[A-ZÀ-Þ][^\W\d_])")


def _one_person(parts: list[str]) -> bool:
    """A person's name, then their honours, units and institution: 'Name, Unit, Institution'
    with more commas than usual, no second name among them."""
    name = split_title(parts[0])[1]
    return (
        person_name_shape(name)
        and not has_organization_word(name)
        and not any(person_name_shape(split_title(part)[1]) for part in parts[1:])
        and any(has_organization_word(part) for part in parts[1:])
    )


# 'Jane Roe, John Doe et Ann Lee (Directeurs, Example SA)': people who share what the bracket
# says of them
_SHARED = re.compile(r"^(?P<names>[^()]{3,200}?)\s*\((?P<about>[^()]{2,200})\)$")
_NAMES_AND = re.compile(r"\s*,\s*|\s+(?:and|und|et|y|e|i|ve|и|&)\s+")


def shared_description(text: str) -> list[str] | None:
    """'A, B et C (Directeurs Hasgard)' -> 'A (Directeurs Hasgard)', 'B (…)', 'C (…)':
    several people in one entry who share the bracket after the last of them. First names
    alone before a full name share its family name ('Antoine, Nicolas et Sébastien
    Ducoulombier'). Every part must be a person's name."""
    found = _SHARED.match(text.strip())
    if not found or not role_words(found["about"]):
        return None  # the bracket must say what they do ('Directeurs', 'co-gérants de …')
    names = [name.strip() for name in _NAMES_AND.split(found["names"].strip())]
    # a comma between two of them: 'and' alone may join the parts of one name ('Augusto e
    # Souza', 'Ortega y Gasset')
    if len(names) < 2 or not all(names) or "," not in found["names"]:
        return None
    last = names[-1].split()
    if not _plain_person_name(names[-1]) or len(last) < 2:
        return None
    family = " ".join(last[1:])
    people = []
    for name in names[:-1]:
        if len(name.split()) == 1 and name[:1].isupper() and name.isalpha():
            name = f"{name} {family}"  # a first name alone shares the family name after it
        if not _plain_person_name(name):
            return None
        people.append(name)
    people.append(names[-1])
    return [f"{name} ({found['about'].strip()})" for name in people]


def _plain_person_name(text: str) -> bool:
    """A person's name and nothing else: no role, no organization's word, four words at most."""
    return (
        len(text.split()) <= 4
        and person_name_shape(text)
        and not role_words(text)
        and not has_organization_word(text)
    )


def split_enumeration(line: str) -> list[str]:
    """'A * B * C', 'A; B; C', 'A, B, C und D': several entries written on one line."""
    text = line.strip().lstrip("*•·▪").strip()
    glued = _GLUED_BRACKET.split(text)
    if len(glued) > 1 and all(part.count("(") == part.count(")") for part in glued):
        # 'Olvid (France)OpenCloud (Germany)': a line break lost after a closing bracket
        return [part for glued_part in glued for part in split_enumeration(glued_part)]
    # 'Jane Roe (Editor; engineer; author)': a separator inside a bracket parts what it
    # says of one entry, not entries (where the brackets close as they open)
    balanced = text.count("(") == text.count(")")
    for separator in _ENUMERATORS:
        split = split_outside_brackets(text, separator) if balanced else text.split(separator)
        parts = [part.strip(" ;") for part in split]
        if len(parts) >= 3 or (len(parts) == 2 and separator.strip() in "*•·▪"):
            return [part for part in parts if part]
    parts = [part.strip() for part in split_outside_brackets(text, ",")]
    if len(parts) < 4 or enumerated_name(text):
        return [line]
    if _one_person(parts):
        return [line]  # 'Jane Doe, AC, School of Physics, Some University': one person
    if parts:
        last = _LAST_AND.split(parts[-1])
        if len(last) == 2 and all(word[:1].isupper() for word in last):
            parts[-1:] = last
    capitalized = all(part[:1].isupper() or part[:1].isdigit() for part in parts if part)
    short = all(0 < len(part.split()) <= 8 for part in parts)
    roles = any(role_words(part) for part in parts)
    places = any(country_named(part) or part.casefold() in region_names() for part in parts)
    named = sum(has_organization_word(part) for part in parts)
    if named == 1 and has_organization_word(parts[0]):
        return [line]  # 'Asociación Escuela de Montaña, Camino a Farellones, Santiago, …': places
    if (
        capitalized
        and short
        and not roles
        and not places
        and (len(parts) >= 5 or 2 * named >= len(parts))
    ):
        return parts
    return [line]


def _number(marker: str | None) -> int | None:
    return int(marker) if marker and marker.isdigit() else None


def _join_item(lines: list[str], vocabulary: frozenset[str]) -> str:
    """An item's lines as one entry: a line opening with a bracket or in lower case, or
    after a line that leaves a bracket open, continues the line before; another line is a
    further part ('Jane Doe<br>Director')."""
    if len(lines) <= 1:
        return squeeze(lines[0]) if lines else ""
    parts = [lines[0]]
    for line in lines[1:]:
        open_bracket = parts[-1].count("(") > parts[-1].count(")")
        if line[:1] in "([" or line[:1].islower() or open_bracket or _CONTINUES.search(parts[-1]):
            parts[-1] = join_lines([parts[-1], line], vocabulary)
        else:
            parts.append(line)
    return squeeze(", ".join(part.rstrip(",") for part in parts))


def _separated_lines(block: Block) -> bool:
    """Lines an author broke, each but the last ending in the same comma or semicolon
    ('Tonia Merz (Petentin …),' ⏎ 'David Erler (Petent …),' ⏎ …): the mark parts the
    entries, as a comma does in a sentence; it does not leave each one open."""
    lines = [line.rstrip() for line in block.lines if line.strip()]
    if block.wrapped or len(lines) < 3:
        return False
    mark = lines[0][-1:]
    return mark in (",", ";", "，", "、", "；") and all(line.endswith(mark) for line in lines[:-1])


def _continues(previous: str, line: str, *, numbered: bool, wrapped: bool = True) -> bool:
    """Whether a line continues the entry before it. A page's own wrapping (PDF, plain text)
    shows in a line starting in lower case; lines an author broke (Markdown, Word) continue
    only where the entry is visibly open."""
    if numbered:  # a wrapped line may start with a dash ('Congo' / '- Kinshasa')
        return not _is_heading_line(line)
    if BULLET.match(line):
        return False
    if not wrapped and _empty_description(previous) and _starts_new_entry(line):
        return False  # 'Andre Lobato -' ⏎ 'Andrea Bogossian Dutra - cantora': no one's role
    unbalanced = any(previous.count(a) > previous.count(b) for a, b in ("()", "[]", "„“", "«»"))
    lower = wrapped and line[0].islower()
    if wrapped and len(line.split()) == 1 and ", " in previous and line[0].isupper():
        return True  # 'Professor, Bunker Hill Community' / 'College': a page wrapped it
    # a link's closing slash leaves nothing open ('… https://example.org/in/dana/')
    open_end = _CONTINUES.search(previous) and not _LINK_END.search(previous)
    return bool(unbalanced or open_end or lower or line[0] in "([")


def _empty_description(line: str) -> bool:
    """'Miriam Burger   -': a person's name and the separator of a description left empty."""
    head = re.sub(r"\s*[-–—/|]$", "", line.rstrip())
    return head != line.rstrip() and person_name_shape(split_title(head)[1])


def _starts_new_entry(line: str) -> bool:
    """A line that is a person's name, alone or before a description of their own."""
    head = re.split(r"\s*[-–—/|,]\s|[-–—/|]\s|\s[-–—/|]|/", line.strip(), maxsplit=1)[0]
    return person_name_shape(split_title(head.strip())[1])


def _is_heading_line(line: str) -> bool:
    text = plain(line)
    return text.endswith(":") and len(text) < 60 and not NUMBER.match(text)


@dataclass
class _Heading:
    individuals: bool | None = None
    country: str | None = None
    reset_country: bool = False
    group: bool = False  # opens a group whose kinds are settled apart


def _heading(text: str) -> _Heading | None:
    """A group heading inside the list, or None for a line that is an entry."""
    text = plain(text)
    bare = text.rstrip(":").strip()
    if not bare:
        return None
    kind = group_heading_kind(text)
    if kind:
        return _Heading(individuals=kind == "individuals", reset_country=True)
    if is_supporters_heading(text):
        return _Heading(reset_country=True, group=True)
    country = country_named(bare)
    if country:
        return _Heading(country=country)
    if _is_region(bare):
        return _Heading(reset_country=True)
    if is_list_heading(text) or is_closing(text):
        return _Heading()
    if text.endswith(":") and len(bare.split()) <= 6 and not NUMBER.match(text):
        return _Heading(reset_country=True)  # 'Trade unions:', 'National level:'
    return None


def _apply(heading: _Heading, individuals: bool | None, country: str | None, group: int):
    if heading.individuals is not None:
        individuals = heading.individuals
    elif heading.group:
        individuals = None  # the supporters are not of the kind the group above named
    if heading.country:
        country = heading.country
    elif heading.reset_country:
        country = None
    return individuals, country, group + heading.group


def _is_region(text: str) -> bool:
    return text.casefold() in region_names()


# Tables ---------------------------------------------------------------------------------------


def _table_columns(blocks: list[Block]) -> dict[int, dict[int, str]]:
    """Each table's columns -> fields, from its header row or, without one, from what the
    cells hold down the rows: numbers, countries, abbreviations, names, longer text."""
    tables: dict[int, list[Block]] = {}
    for block in blocks:
        if block.kind == "row" and block.cells is not None:
            tables.setdefault(block.table, []).append(block)
    columns: dict[int, dict[int, str]] = {}
    for table, rows in tables.items():
        header = next((row for row in rows if row.header), None)
        named = _header_columns(header.cells) if header is not None else None
        if named is None and rows and not rows[0].header:
            named = _header_columns(rows[0].cells)
            if named is not None:
                rows[0].header = True
        columns[table] = named or _content_columns([row.cells for row in rows if not row.header])
        head = header or (rows[0] if rows and rows[0].header else None)
        if named and head is not None:
            _kind_column(columns[table], head.cells or [], [r.cells for r in rows if not r.header])
    return columns


# a column headed 'Type' or 'Kind' whose cells say what each entry is
_KIND_HEADERS = frozenset(
    ("type", "kind", "typ", "tipo", "art", "category", "catégorie", "categoría", "categoria",
     "kategorie", "signatory type", "type of signatory")
)  # fmt: skip
_KIND_WORDS = {
    "organization": (
        "company", "organization", "organisation", "org", "foundation", "project",
        "association", "ngo", "union", "party", "institution", "network", "group",
        "collective", "business", "corporation", "nonprofit", "non-profit", "community",
        "entreprise", "empresa", "organización", "organização", "fundación", "fondation",
        "verein", "unternehmen", "firma", "stiftung", "projekt", "projet", "proyecto",
        "organizzazione", "associazione", "associação", "asociación",
    ),
    "person": (
        "individual", "person", "personal", "individuo", "individu", "persona", "pessoa",
        "einzelperson", "privatperson", "person/individual", "particulier", "particular",
    ),
}  # fmt: skip


def cell_kind(cell: str) -> str | None:
    """'Company', 'Individual, Author', 'Foundation': the kind a cell of a column of kinds
    names by its first word or words, else None."""
    first = plain(cell).casefold().split(",")[0].split("/")[0].strip().rstrip("s")
    for kind, words in _KIND_WORDS.items():
        if first in words or first + "s" in words:
            return kind
    return None


def _kind_column(columns: dict[int, str], header: list[str], rows: list[list[str] | None]) -> None:
    """A column headed 'Type' (or 'Kind', 'Typ', 'Tipo') whose cells name a kind, company or
    individual, four in five of them or more, tells each entry's kind: 'kind'."""
    for index, cell in enumerate(header):
        if columns.get(index) != "description" or _header_word(cell) not in _KIND_HEADERS:
            continue
        values = [row[index] for row in rows if row and index < len(row) and row[index].strip()]
        if values and sum(cell_kind(value) is not None for value in values) * 5 >= len(values) * 4:
            columns[index] = "kind"


def _header_columns(cells: list[str] | None) -> dict[int, str] | None:
    """A header row's cells -> fields, or None when a cell names no field we know (then
    the row is data). 'Organization' is the name where no other cell is, else a person's
    affiliation; 'Position' is the number in the first column, else a person's role."""
    if not cells:
        return None
    words = [_header_word(cell) for cell in cells]
    # 'Position, Company', 'Должность, компания': one column holding both, in that order
    both = {index for index, cell in enumerate(cells) if _ROLE_AND_COMPANY.fullmatch(plain(cell))}
    named = {
        index for index, word in enumerate(words) if word in _HEADER_WORDS["name"]
        and word not in _ORGANIZATION_HEADERS
    }  # fmt: skip
    columns: dict[int, str] = {}
    unknown: list[int] = []
    for index, word in enumerate(words):
        if not word:
            continue
        if word in _ORGANIZATION_HEADERS:
            columns[index] = "affiliation" if named else "name"
            continue
        if word in ("position", "pos"):
            columns[index] = "position" if index == 0 else "role"
            continue
        for name in ("name", "position", "abbreviation", "translation", "country", "role",
                     "affiliation", "description"):  # fmt: skip
            if word in _HEADER_WORDS[name] or word.rstrip("s") in _HEADER_WORDS[name]:
                if name not in columns.values() or name == "description":
                    columns[index] = name
                else:
                    columns[index] = "description"
                break
        else:
            unknown.append(index)
    if "name" not in columns.values():
        return None
    # a header that names the name column and another one we know is a header, and a
    # column it names in words we do not know ('Chevening Year') is no field of ours
    if unknown and len(columns) < 2:
        return None
    for index in unknown:
        columns[index] = "description"
    for index in both:
        if columns.get(index) == "role":
            columns[index] = "role and affiliation"
    return columns


_ROLE_AND_COMPANY = re.compile(
    r"(?:position|role|function|job title|title|cargo|función|fonction|funktion|должность)"
    r"\s*(?:,|/|&|and|et|y|und|и)\s*"
    r"(?:company|organi[sz]ation|institution|employer|affiliation|empresa|entreprise|"
    r"firma|unternehmen|компания|организация|место работы)",
    re.IGNORECASE,
)


def _header_word(cell: str) -> str:
    """A header cell as the word it names a column by: 'Должность, компания' -> its first
    part when the whole is no known word."""
    word = plain(cell).casefold().rstrip(".:").strip()
    known = {w for words in _HEADER_WORDS.values() for w in words} | _ORGANIZATION_HEADERS
    if word and word not in known:
        first = re.split(r"\s*[,/]\s*|\s+(?:and|und|et|y|и)\s+", word)[0]
        if first in known:
            return first
    return word


_ORGANIZATION_HEADERS = frozenset(
    ("organization", "organisation", "organización", "organisation / institution",
     "organizacion", "organisme", "organizzazione", "организация", "організація")
)  # fmt: skip


def _content_columns(rows: list[list[str]]) -> dict[int, str]:
    width = max((len(row) for row in rows), default=0)
    columns: dict[int, str] = {}
    texts: list[int] = []
    for index in range(width):
        values = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        if not values:
            continue
        share = len(values)
        years = all(re.fullmatch(r"(?:1[89]|20)\d\d", v) for v in values) and share > 1
        if not years and sum(bool(re.fullmatch(r"\d{1,6}\.?", v)) for v in values) >= 0.8 * share:
            columns[index] = "position"
        elif sum(bool(re.fullmatch(r"[\d\s./:–-]+", v)) for v in values) >= 0.8 * share:
            columns[index] = "description"  # years, dates, amounts: never a name's part
        elif sum(country_named(v) is not None for v in values) >= 0.6 * share:
            columns[index] = "country"
        elif sum(_abbreviation_cell(v) for v in values) >= 0.7 * share:
            # a few words repeated down the rows ('Chemistry', 'Physics', 'Medicine') sort
            # the entries into categories: every organization has its own abbreviation
            repeated = share >= 6 and len({v.casefold() for v in values}) * 3 <= share
            columns[index] = "description" if repeated else "abbreviation"
        else:
            texts.append(index)
    if texts:
        columns[texts[0]] = "name"
    for index in texts[1:]:
        values = [row[index] for row in rows if index < len(row) and row[index].strip()]
        # long text, or sentences: what the entry is about, never its name's translation
        long = sum(
            len(v.split()) > 12 or (len(v.split()) >= 6 and v.rstrip().endswith("."))
            for v in values
        ) >= 0.3 * max(len(values), 1)
        columns[index] = "description" if long else "other"
    return columns


def _abbreviation_cell(value: str) -> bool:
    return len(value) <= 15 and len(value.split()) <= 2 and bool(ABBREVIATION.match(value))


def _from_cells(
    cells: list[str], columns: dict[int, str], *, position: int, context: EntryContext
) -> Signatory | None:
    fields: dict[str, str] = {}
    others: list[str] = []
    for index, cell in enumerate(cells):
        cell = squeeze(cell.replace("\n", ", ")).strip()
        if not cell:
            continue
        name = columns.get(index)
        if name in ("description", "kind"):
            continue  # no field of the entry's; a column of kinds is read by `marked_kind`
        if name == "other":
            others.append(cell)
        elif name and name not in fields:
            fields[name] = cell
    if not fields.get("name"):
        return None
    number = re.match(r"\d+", fields.pop("position", ""))
    if number:
        position = int(number.group(0))
    if others and "translation" not in fields and "role" not in fields:
        other = ", ".join(others)
        if "abbreviation" not in fields and (
            person_name_shape(fields["name"]) or context.individuals
        ):
            fields["role"], fields["affiliation"] = role_and_affiliation(other)
        else:
            fields["translation"] = other
    return _from_fields(fields, position=position, context=context, table=True)


# 'г. Волгоград', 'г.Киров': a town, marked as one, is where the person is, no field
_TOWN = re.compile(r"(?:г|гор|город)\.\s*[А-ЯЁ][\w-]*(?:\s[А-ЯЁ][\w-]*)?")


def _role_then_company(cell: str) -> dict[str, str]:
    """A cell under 'Position, Company': the function, then after the last comma the
    company however it writes its name ('Software Developer, goTRG'); a town is neither."""
    parts = [
        part.strip() for part in split_outside_brackets(cell, ",")
        if part.strip() and not _TOWN.fullmatch(part.strip())
    ]  # fmt: skip
    if len(parts) >= 2:
        return {"role": ", ".join(parts[:-1]), "affiliation": parts[-1]}
    return {"role": parts[0]} if parts else {}


def _from_fields(
    fields: dict[str, str], *, position: int, context: EntryContext, table: bool = False
) -> Signatory | None:
    """An entry whose parts the document marks: table columns, or our own HTML's classes."""
    name = fields.get("name", "").strip()
    if not name:
        return None
    country = None
    if fields.get("country"):
        country = country_named(fields["country"])
        if country is None:
            # a column of nationalities ('Indian', 'Syrian') names the country as well
            implied = countries_implied(fields["country"])
            country = implied[0] if len(implied) == 1 else None
        if country is None:
            context.warnings.append(f"unknown country {fields['country']!r} for {name!r}")
    other = fields.get("other")
    if "role and affiliation" in fields:
        fields = {**fields, **_role_then_company(fields.pop("role and affiliation"))}
    if table and ("role" in fields or "affiliation" in fields) and "abbreviation" not in fields:
        # a column of positions or institutions: a table of people
        role, affiliation = fields.get("role"), fields.get("affiliation")
        if role and not affiliation:
            role, affiliation = role_and_affiliation(role)
        title, bare = split_title(name)
        return Signatory(
            position=position, kind="person", name=bare, title=title, role=role,
            affiliation=affiliation, country=country or context.country,
        )  # fmt: skip
    if table and "abbreviation" not in fields and "translation" not in fields:
        # the name cell is an entry of its own: read it as a line is read
        text = name if not other else f"{name}, {other}"
        entry = parse_entry(text, position=position, context=context, tab_stop=False)
        if entry is not None and country:
            entry.country = country
        return entry
    if (fields.get("role") or fields.get("affiliation")) and not fields.get("abbreviation"):
        return Signatory(
            position=position, kind="person", name=name, role=fields.get("role"),
            affiliation=fields.get("affiliation"), country=country or context.country,
        )  # fmt: skip
    translation = fields.get("translation") or None
    if translation == name:
        translation = None
    return Signatory(
        position=position,
        kind="organization",
        abbreviation=fields.get("abbreviation") or None,
        name=name,
        translation=translation,
        country=country or context.country or implied_country(name, translation, context),
    )
