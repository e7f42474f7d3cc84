"""Format readers: the layout properties a derived file (a printed PDF, a word processor's
DOCX or ODT) keeps of its source, each tested on a small document made here."""

import pytest
import typst

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.readers import read

BODY = (
    "We, the undersigned members of the community, support the steps proposed by the "
    "organizers and ask the board to adopt them before the next conference is held. "
) * 3

pytestmark = pytest.mark.database_free

NAMES = ["Patricia Aas", "Bryce Adelstein Lelbach", "sbi", "John Murray", "amit singh",
         "Léo Masson", "harshika gupta", "Ólafur Waage"]  # fmt: skip


def typeset(source: str) -> bytes:
    return typst.compile(('#set page(paper: "a4")\n' + source).encode("utf-8"))


def test_a_list_the_author_broke_line_by_line_keeps_its_lower_case_names_in_a_pdf():
    # one name a line, as a page printed from '<br>' lines: no line reaches the margin,
    # so 'sbi' is an entry of its own, not the name above going on
    names = " \\\n".join(NAMES)
    pdf = typeset(f"= Letter of support\n\n{BODY}\n\nSigned\n\n{names}\n")
    result = parse_bytes(pdf, "letter.pdf")
    assert [e.name for e in result.signatories] == NAMES


def test_a_paragraph_run_on_after_a_list_of_short_lines_is_no_entry_in_a_pdf():
    # the printed page runs the next paragraph on below the last name without a gap
    names = " \\\n".join(NAMES)
    after = "Ways to sign this letter: 1. a pull request on the repository, 2. an issue on " * 2
    pdf = typeset(f"= Letter of support\n\n{BODY}\n\nSigned\n\n{names} \\\n{after}\n")
    blocks = read(pdf, "letter.pdf").blocks
    list_block = next(b for b in blocks if NAMES[0] in b.lines)
    assert list_block.lines == NAMES
    assert list_block.wrapped is False
    assert [e.name for e in parse_bytes(pdf, "letter.pdf").signatories] == NAMES


def test_a_wrapped_paragraph_stays_wrapped_in_a_pdf():
    pdf = typeset(f"= Letter\n\n{BODY}\n")
    (paragraph,) = [b for b in read(pdf, "letter.pdf").blocks if len(b.lines) > 2]
    assert paragraph.wrapped is True


def test_a_char_outside_the_basic_plane_is_one_char_in_a_pdf():
    # Typst's own fonts hold math letters such as U+1D5D4; PDFium counts it as two units
    pdf = typeset("Posted by \U0001d5d4nivar on 13 April 2021.\n")
    text = " ".join(line for b in read(pdf, "post.pdf").blocks for line in b.lines)
    assert "\U0001d5d4nivar" in text
    text.encode("utf-8")  # no lone surrogate left


ORGANIZATIONS = [
    ("Africa Development Interchange Network (ADIN)", "a non-profit network on development"),
    ("Amnesty International", "a movement of ten million people"),
    ("Arab NGO Network for Development (ANND)", "national networks of twelve countries"),
    ("Asia Pacific Forum on Women, Law and Development", "a network of feminist groups"),
    ("Candid Concepts Development", "a civil society organization"),
    ("Focus on the Global South", "research and advocacy in Asia"),
]


def centred_table(rows: list[tuple[str, str]], *, header: bool = False, page: str = "") -> str:
    """A table as a browser prints HTML's: cells centred vertically, so a short cell's
    lines fall between the lines of the row's tall description."""
    cells = []
    for number, (name, about) in enumerate(rows, start=1):
        text = f"{about[0].upper()}{about[1:]}, " + "working with its members. " * 6
        cells.append(f"[{number}], [{name}], [{text}]")
    head = "table.header([No.], [Name], [Description]), " if header else ""
    return (
        f'#set page(paper: "a4"{page})\n= Open letter\n\n{BODY}\n\nSigned by:\n\n'
        "#table(columns: (1cm, 4cm, 10cm), align: left + horizon, stroke: none, "
        f"inset: 2pt, {head}" + ", ".join(cells) + ")\n"
    )


def test_a_table_whose_cells_are_centred_vertically_is_read_row_by_row_in_a_pdf():
    pdf = typst.compile(centred_table(ORGANIZATIONS).encode("utf-8"))
    rows = [b.cells for b in read(pdf, "letter.pdf").blocks if b.kind == "row"]
    assert [row[:2] for row in rows] == [
        [str(n), name] for n, (name, _) in enumerate(ORGANIZATIONS, start=1)
    ]
    assert all(row[2].endswith("working with its members.") for row in rows)
    result = parse_bytes(pdf, "letter.pdf")
    assert [e.name for e in result.signatories][:2] == [
        "Africa Development Interchange Network", "Amnesty International",
    ]  # fmt: skip
    assert len(result.signatories) == len(ORGANIZATIONS)


def test_a_table_a_page_break_cuts_stays_one_table_without_its_repeated_header_in_a_pdf():
    # 28 rows over six short pages, each page holding three rows or more of the table
    many = (ORGANIZATIONS * 5)[:28]
    source = centred_table(many, header=True, page=", height: 12cm")
    pdf = typst.compile(source.encode("utf-8"))
    rows = [b for b in read(pdf, "letter.pdf").blocks if b.kind == "row"]
    assert len({b.table for b in rows}) == 1
    assert [b.cells[0] for b in rows] == ["No.", *(str(n) for n in range(1, len(many) + 1))]
