"""The block stream every reader produces: a document as headings, paragraphs, list items,
table rows and page furniture, in reading order, with the lines each was printed on.

Readers keep what the format says about structure (a list item is one item however its
source wraps; a table cell is one cell) so the parsers never guess it back from flattened
text. Plain dataclasses: no Django, no format library."""

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["heading", "paragraph", "item", "row", "furniture"]


@dataclass(slots=True)
class Block:
    kind: Kind
    lines: list[str]  # the visible lines: a <br>, a soft line break, a PDF line each
    level: int = 0  # a heading's level (1–6); an item's nesting depth (0 at the top)
    number: str | None = None  # an item's printed marker: "12", "b", "iv"; "-" for a bullet
    cells: list[str] | None = None  # a table row's cells, in order
    header: bool = False  # a table row of column headings
    table: int = 0  # rows of one table share this number (counted from 1)
    fields: dict[str, str] | None = None  # parts the document itself marks (name, abbr, …)
    note: bool = False  # fine print (<small>, a footnote): read, but never an entry
    wrapped: bool = False  # its line breaks are the page's (PDF, plain text), not the author's
    # per line, the bold text it starts with ('**Jane Doe** / Actress'): the document's own
    # mark of where a name ends
    leads: list[str | None] | None = None
    where: str = ""  # where in the source it stands, for a person: "line 12", "page 2"
    # its lines are what a row of images (logos) says they show, their alternative texts:
    # entries only where the document introduces them as its signers
    pictures: bool = False
    # a table row one of whose cells shows a picture and no text beside a cell of text: a
    # member's logo beside its name, as tables of signers show them
    logo: bool = False

    @property
    def text(self) -> str:
        return " ".join(line for line in self.lines if line)


@dataclass
class ReadDocument:
    """A document read by a format reader."""

    blocks: list[Block]
    format: str
    title: str | None = None  # a title the format states apart from the text (<title>, core props)
    metadata: dict[str, str] = field(default_factory=dict)  # front matter, document properties
    warnings: list[str] = field(default_factory=list)
    data: dict | None = None  # a structured document (our JSON export) read as it is

    @property
    def furniture(self) -> list[str]:
        return [line for block in self.blocks if block.kind == "furniture" for line in block.lines]


def collapse(text: str) -> str:
    """Whitespace as a browser shows it: runs of spaces, tabs and newlines are one space."""
    return " ".join(text.split())


def squeeze(line: str) -> str:
    """Single spaces, except that a run of three or more (a tab stop, as a PDF or a plain
    text aligns an abbreviation and a name) stays three: it separates parts of an entry."""
    if "\t" not in line and "   " not in line:
        return " ".join(line.split())
    parts = re.split(r"( {3,}|\t)", line)
    return "".join(
        "   " if index % 2 else " ".join(part.split()) for index, part in enumerate(parts)
    ).strip()


BOLD_OPEN, BOLD_CLOSE = "\x01", "\x02"  # readers mark bold text with these while reading
_MARKS = str.maketrans("", "", BOLD_OPEN + BOLD_CLOSE)


def settle_marks(blocks: list[Block]) -> list[Block]:
    """Bold marks -> each line's lead (the bold text a line starts with, or the whole line
    where all of it is bold: '**Anonymous**' in a list of bold names is a name too); the
    marks themselves leave the text."""
    for block in blocks:
        leads: list[str | None] = []
        lines = []
        for line in block.lines:
            lead = None
            if line.startswith(BOLD_OPEN) and BOLD_CLOSE in line:
                head = line[1:].partition(BOLD_CLOSE)[0]
                head = head.translate(_MARKS).strip()
                if head:
                    lead = " ".join(head.split())
            clean = line.translate(_MARKS).strip()
            if clean:
                lines.append(squeeze(clean))
                leads.append(lead)
        block.lines = lines
        block.leads = leads if any(leads) else None
        if block.cells is not None:
            block.cells = [cell.translate(_MARKS).strip() for cell in block.cells]
    return [block for block in blocks if block.lines]
