"""A statement's text -> the import contract: title, metadata, Markdown body, signatories.

Every format reader reduces its document to text by the conventions of `ExtractedText`;
this parser reads that text. It touches no database and never raises on any text.
"""

import re

from undersigned.importing.parsers import metadata
from undersigned.importing.parsers.signatories import (
    BULLET,
    NUMBER,
    is_list_heading,
    parse_signatories,
)
from undersigned.importing.parsers.wrapping import hyphenated_words, join_lines, squeeze
from undersigned.importing.result import ExtractedText, ImportResult

# A line that is a page number: '… 1 / 3', 'Page 2 of 5', '- 4 -', 'Seite 2'.
PAGE_NUMBER = re.compile(
    r"(?:\b\d{1,4}\s*/\s*\d{1,4}|^(?:page|seite|página|pagina|sayfa)\s+\d+(?:\s+(?:of|von|de|di)"
    r"\s+\d+)?|^[-–]\s*\d{1,4}\s*[-–]|^\d{1,4})$",
    re.IGNORECASE,
)
_OPEN = re.compile(
    r"further\s+signator\w*\s+possible|open\s+for\s+(?:further\s+)?signature|weitere\s+"
    r"unterzeichn\w*\s+möglich|d'autres\s+signataires|autres\s+signatures\s+possibles|"
    r"(?:otros|más)\s+firmantes|firmas\s+abiertas|başka\s+imzalar|imzaya\s+açık",
    re.IGNORECASE,
)
_CLOSED = re.compile(
    r"\b(?:closed|no\s+further\s+signator\w*|geschlossen|abgeschlossen|clôturée?|cerrad[ao])\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(r"^(?:date|datum|fecha|data|tarih)\s*:", re.IGNORECASE)


def parse_text(text: str, *, source: str, extracted: ExtractedText | None = None) -> ImportResult:
    """Parse a statement written as text (see `ExtractedText` for the conventions)."""
    result = ImportResult(source=source)
    furniture = list(extracted.furniture) if extracted else []
    result.warnings.extend(extracted.warnings if extracted else [])
    lines = []
    for raw in text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.replace("\f", "").replace("\u00a0", " ").rstrip().lstrip(" ")
        if PAGE_NUMBER.search(line.strip()) and len(line) < 160 and not NUMBER.match(line):
            furniture.append(line.strip())  # page footers carry metadata, not body text
            continue
        lines.append(line)
    vocabulary = hyphenated_words(text)

    heading_at = next((i for i, line in enumerate(lines) if is_list_heading(line)), None)
    head = lines if heading_at is None else lines[:heading_at]
    blocks = _blocks(head)
    meta_lines = _take_front_matter(blocks, result)
    _read_metadata(result, [*furniture, *meta_lines], blocks)
    result.body = "\n\n".join(_markdown(block, vocabulary) for block in blocks).strip()

    if heading_at is None:
        result.warnings.append("no list of signatories found")
    else:
        heading = squeeze(join_lines([lines[heading_at]]))
        _read_heading(result, heading)
        entries, warnings = parse_signatories(
            lines[heading_at + 1 :], heading=heading, vocabulary=vocabulary
        )
        result.signatories = entries
        result.warnings.extend(warnings)
        if not entries:
            result.warnings.append("the list of signatories is empty")
    return result


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _is_meta_line(line: str) -> bool:
    """A line that only carries a number, version, language or date, not prose."""
    plain = line.strip().strip("*_#").strip()
    if len(plain) > 100:
        return False
    rest = metadata.DOCUMENT_ID.sub("", plain)
    rest = metadata.VERSION.sub("", rest)
    rest = metadata.LANGUAGE_LINE.sub("", rest)
    rest = re.sub(r"(?i)\b(?:no|nr|n°|nº|number|nummer|ref)\b\.?", "", rest)
    found = metadata.find_date(rest)
    if found:
        start, end = found[1]
        rest = rest[:start] + rest[end:]
        rest = _DATE_LABEL.sub("", rest.strip())
        # 'Berlin, 21 September 2020': a place may stand before the date
        if len(rest.strip(" ,.:;-–").split()) <= 3:
            return True
    return rest != plain and not re.search(r"\w{2,}", re.sub(r"\b[A-Z]{2}\b", "", rest))


def _take_front_matter(blocks: list[list[str]], result: ImportResult) -> list[str]:
    """Takes the title and the metadata lines around it off the front of the blocks."""
    taken: list[str] = []
    while blocks:
        block = blocks[0]
        meta = [line for line in block if _is_meta_line(line)]
        if meta and len(meta) == len(block):
            taken.extend(meta)
            blocks.pop(0)
            continue
        if result.title is None and _looks_like_title(block):
            rest = [line for line in block if _is_meta_line(line)]
            taken.extend(rest)
            title_lines = [line for line in block if line not in rest]
            result.title = re.sub(r"^#+\s*", "", " ".join(t.strip() for t in title_lines)).strip(
                "*_ "
            )
            blocks.pop(0)
            continue
        break
    # a date line closing the text ('Berlin, 3 May 2021') is the document's date, too
    if blocks and len(blocks[-1]) == 1 and _is_meta_line(blocks[-1][0]):
        taken.append(blocks.pop()[0])
    return taken


def _looks_like_title(block: list[str]) -> bool:
    if block[0].startswith("# "):
        return True
    text = " ".join(block)
    return len(block) <= 3 and len(text) <= 200 and not text.rstrip().endswith((".", ",", ";"))


def _read_metadata(result: ImportResult, lines: list[str], blocks: list[list[str]]) -> None:
    text = "\n".join(lines)
    if found := metadata.DOCUMENT_ID.search(text):
        result.document_id = found.group(1)
    if found := metadata.VERSION.search(text):
        result.version = found.group(1)
    for line in lines:
        if found := metadata.find_date(metadata.VERSION.sub("", line)):
            result.date = result.date or found[0]
        language = metadata.VERSION_LANGUAGE.search(line) or metadata.LANGUAGE_LINE.search(line)
        if language and result.language is None:
            result.language = language.group(1).lower()
    body_text = " ".join(" ".join(block) for block in blocks)
    if result.language is None:
        result.language = metadata.guess_language(body_text)
        if result.language is None and body_text.strip():
            result.warnings.append("language not recognized")
    result.kind = metadata.find_kind(result.title)
    if result.title is None:
        result.warnings.append("no title found")


def _read_heading(result: ImportResult, heading: str) -> None:
    """'Signatories (as of 21 September 2020, further signatories possible):'"""
    if found := metadata.find_date(heading):
        result.as_of = found[0]
    if _OPEN.search(heading):
        result.open_for_signatures = True
    elif _CLOSED.search(heading):
        result.open_for_signatures = False


def _markdown(block: list[str], vocabulary: frozenset[str]) -> str:
    """A block of wrapped lines -> Markdown: a paragraph on one line, a list item per line,
    headings and table rows as they are."""
    items: list[list[str]] = []
    for line in block:
        starts_item = bool(BULLET.match(line) or NUMBER.match(line) or line.startswith("#"))
        if not items or starts_item or "\t" in line or items[-1][0].startswith("#"):
            items.append([line])
        else:
            items[-1].append(line)
    rendered = []
    for item in items:
        text = join_lines(item, vocabulary)
        if "\t" in text:
            rendered.append("| " + " | ".join(cell.strip() for cell in text.split("\t")) + " |")
        else:
            rendered.append("\n".join(squeeze(line) for line in text.split("\n")))
    return "\n".join(rendered)
