"""Shapes of the nineteenth held-out round, each from an invented example written like the
real ones: a table whose header row and one of whose rows stand without their <tr>, a
column of kinds, a count shown above a list, a legal form after a comma, a word
processor's PDF whose font is enlarged by its matrix and whose letterhead comes back as
its signer's last line, German engineers' and Polish degrees, a function naming its
institution in the genitive, signature cells written in Markdown inside raw HTML, and a
post-nominal typed in Cyrillic."""

import pytest

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.entries import role_and_affiliation, split_title

pytestmark = pytest.mark.database_free


def _parse(text: str, name: str):
    return parse_bytes(text.encode("utf-8"), name)


def _entries(result) -> list[tuple]:
    return [(e.kind, e.title, e.name, e.role, e.affiliation) for e in result.signatories]


# A table -----------------------------------------------------------------------------------

LETTER = (
    "<h1>The Open Harbour Pledge</h1><p>The harbour's software was free for ten years. We ask "
    "its owner to keep it free, and we pledge our time and our money to a foundation that "
    "keeps it so for everyone who depends on it today.</p><h3>Co-signed</h3>"
)


def _row(*cells: str) -> str:
    return "".join(f"<td>{cell}</td>" for cell in cells)


def test_a_header_row_and_a_row_written_without_their_tr_are_rows_where_they_stand():
    page = (
        f"<html><body>{LETTER}<table><thead><th>Name</th><th>Country</th></thead><tbody>"
        f"<tr>{_row('Lighthouse Keepers Guild', 'Norway')}</tr>"
        f"{_row('Port Workers Union', 'Chile')}</tr>"
        f"<tr>{_row('Tidewater Cooperative', 'Kenya')}</tr>"
        "</tbody></table></body></html>"
    )
    result = _parse(page, "pledge.html")
    assert [(e.name, e.country) for e in result.signatories] == [
        ("Lighthouse Keepers Guild", "NO"),
        ("Port Workers Union", "CL"),
        ("Tidewater Cooperative", "KE"),
    ]


def test_a_column_headed_type_tells_each_entrys_kind_and_an_unknown_column_is_no_field():
    rows = [
        ("Harbour Cloud", "Company", "Two developers for three years"),
        ("Mira Okonkwo", "Individual", "Development; testing"),
        ("Tern Project", "Project", "Packaging"),
        ("Jun Ito", "Individual", "Documentation"),
        ("Saltmarsh Foundation", "Foundation", "Hosting"),
        ("Pavel", "Individual, Author", "Writing"),
    ]
    page = (
        f"<html><body>{LETTER}<table><thead><th>Name</th><th>Type</th>"
        "<th>How you would like to help</th></thead><tbody>"
        + "".join(f"<tr>{_row(*row)}</tr>" for row in rows)
        + "</tbody></table></body></html>"
    )
    result = _parse(page, "pledge.html")
    assert [(e.name, e.kind, e.translation, e.role, e.affiliation) for e in result.signatories] == [
        ("Harbour Cloud", "organization", None, None, None),
        ("Mira Okonkwo", "person", None, None, None),
        ("Tern Project", "organization", None, None, None),
        ("Jun Ito", "person", None, None, None),
        ("Saltmarsh Foundation", "organization", None, None, None),
        ("Pavel", "person", None, None, None),
    ]


def test_a_count_shown_above_a_list_is_no_entry():
    page = (
        f"<html><body>{LETTER}<div>Companies: <span>2</span> Projects: <span>0</span> "
        "Individuals: <span>3</span></div><ul><li>Harbour Cloud Ltd</li><li>Mira Okonkwo</li>"
        "<li>Jun Ito</li><li>Pavel Novak</li><li>Tidewater Labs GmbH</li></ul></body></html>"
    )
    names = [e.name for e in _parse(page, "pledge.html").signatories]
    assert names == [
        "Harbour Cloud Ltd",
        "Mira Okonkwo",
        "Jun Ito",
        "Pavel Novak",
        "Tidewater Labs GmbH",
    ]


def test_a_legal_form_after_a_comma_ends_a_companys_name():
    text = (
        "# The Open Harbour Pledge\n\nWe pledge our time and our money to a foundation that keeps "
        "the harbour's software free for everyone who depends on it.\n\n## Signatories\n\n"
        "- NORTHWIND, Inc.\n- Blue Harbour Labs, LLC\n- Kestrel Systems, Ltd.\n- Tern Project\n"
    )
    result = _parse(text, "pledge.md")
    assert [(e.kind, e.abbreviation, e.name, e.affiliation) for e in result.signatories] == [
        ("organization", None, "NORTHWIND, Inc.", None),
        ("organization", None, "Blue Harbour Labs, LLC", None),
        ("organization", None, "Kestrel Systems, Ltd.", None),
        ("organization", None, "Tern Project", None),
    ]


# A word processor's PDF --------------------------------------------------------------------


def _pdf(pages: list[list[tuple[float, list[str]]]]) -> bytes:
    """A PDF whose words are set one by one in Helvetica of size 1, enlarged to 11 points by
    the text matrix, as a word processor exports them: each line (its top, its words) placed
    with a gap of a quarter of an em between words and no space character."""
    objects: list[bytes] = []
    kids = []
    for page in pages:
        ops = ["BT /F1 1 Tf"]
        for top, words in page:
            ops.append(f"11 0 0 11 72 {top} Tm")
            ops.append("[" + " -250 ".join(f"({word})" for word in words) + "] TJ")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = len(objects) + 1
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(len(objects) + 1)
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (0, content, 0)
        )
    pages_number = len(objects) + 1
    font_number = pages_number + 1
    catalog_number = font_number + 1
    objects = [
        o.replace(b"/Parent 0 0 R", b"/Parent %d 0 R" % pages_number).replace(
            b"/F1 0 0 R", b"/F1 %d 0 R" % font_number
        )
        for o in objects
    ]
    objects.append(
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_number)
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog_number,
        xref,
    )
    return out


HEAD = "Friends of the Lake e. V."
SENTENCE = "We ask the council to keep the lake shore open to everyone and to stop the road"
SENTENCE_WORDS = SENTENCE.split(" ")


def test_a_pdf_font_of_size_one_enlarged_by_its_matrix_keeps_its_word_spaces():
    data = _pdf(
        [
            [
                (780, HEAD.split()),
                (700, SENTENCE_WORDS),
                (640, ["Kind", "regards"]),
                (610, ["Jane", "Roe"]),
            ]
        ]
    )
    result = parse_bytes(data, "letter.pdf")
    assert "keep the lake shore open" in result.body
    assert "   " not in result.body  # no word gap read as a tab stop
    assert [(e.kind, e.abbreviation, e.name) for e in result.signatories] == [
        ("person", None, "Jane Roe")
    ]


def test_a_letters_last_line_that_repeats_its_letterhead_runs_on_no_page():
    lines = [(700 - 14 * i, SENTENCE_WORDS) for i in range(8)]
    data = _pdf(
        [
            [(800, HEAD.split()), *lines],
            [(800, HEAD.split()), *lines],
            [*lines, (560, ["Kind", "regards"]), (530, ["Jane", "Roe"]), (516, HEAD.split())],
        ]
    )
    result = parse_bytes(data, "letter.pdf")
    assert [(e.kind, e.name, e.affiliation) for e in result.signatories] == [
        ("person", "Jane Roe", HEAD)
    ]


# Degrees and functions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "title", "name"),
    [
        ("Dr.-Ing. Jan Weber", "Dr.-Ing.", "Jan Weber"),
        ("Prof. Dr.-Ing Lea Brandt", "Prof. Dr.-Ing", "Lea Brandt"),
        ("Dipl.Ing. Tom Keller", "Dipl.Ing.", "Tom Keller"),
        (
            "Prof. Dr. Ing., Dr. h.c., Dr. ing. E. h. mult. Otto Lange",
            "Prof. Dr. Ing., Dr. h.c., Dr. ing. E. h. mult.",
            "Otto Lange",
        ),
        ("dr n. med. Ewa Nowicka", "dr n. med.", "Ewa Nowicka"),
        ("dr n.hum. Piotr Lis", "dr n.hum.", "Piotr Lis"),
        ("dr hab. prof. UW Anna Kos", "dr hab. prof. UW", "Anna Kos"),
        ("lek. Marta Wrona", "lek.", "Marta Wrona"),
        ("Prof. AB Smith", "Prof.", "AB Smith"),
    ],
)
def test_german_engineers_and_polish_degrees_are_titles(printed, title, name):
    assert split_title(printed) == (title, name)


def test_a_polish_list_of_people_with_their_degrees_in_lower_case_is_read_whole():
    text = (
        "# List otwarty do zarządu Towarzystwa\n\nSzanowni Państwo,\n\nZ niepokojem przyjmujemy "
        "informację o zaproszeniu na konferencję osób, których poglądy przeczą obecnej wiedzy "
        "naukowej, i prosimy o wycofanie tego zaproszenia.\n\nZ poważaniem\n\n## Podpisy\n"
        "### Organizacje i grupy nieformalne\n* Fundacja Zielony Most\n"
        "* Stowarzyszenie Nowy Dom\n* Kolektyw Jasna Strona\n\n"
        "### Środowisko naukowe i medyczne\n\n"
        "* dr n. med. Ewa Nowicka - psychiatra\n* dr hab. prof. UW Anna Kos\n"
        "* lek. Marta Wrona - rezydentka psychiatrii\n* lek. Jan Sowa\n"
        "* mgr Piotr Lis - psycholog, prezes Fundacji Dobry Sen\n\n"
        "### Osoby publiczne\n* Olga Mróz - dziennikarka\n"
    )
    result = _parse(text, "list.md")
    assert _entries(result) == [
        ("organization", None, "Fundacja Zielony Most", None, None),
        ("organization", None, "Stowarzyszenie Nowy Dom", None, None),
        ("organization", None, "Kolektyw Jasna Strona", None, None),
        ("person", "dr n. med.", "Ewa Nowicka", "psychiatra", None),
        ("person", "dr hab. prof. UW", "Anna Kos", None, None),
        ("person", "lek.", "Marta Wrona", "rezydentka psychiatrii", None),
        ("person", "lek.", "Jan Sowa", None, None),
        ("person", "mgr", "Piotr Lis", "psycholog, prezes", "Fundacji Dobry Sen"),
        ("person", None, "Olga Mróz", "dziennikarka", None),
    ]


@pytest.mark.parametrize(
    ("described", "role", "affiliation"),
    [
        ("prezeska Fundacji Jasny Dom", "prezeska", "Fundacji Jasny Dom"),
        (
            "dziennikarka, współzałożycielka Stowarzyszenia Wolne Pióro",
            "dziennikarka, współzałożycielka",
            "Stowarzyszenia Wolne Pióro",
        ),
        ("Голова Спілки Вільних Майстрів", "Голова", "Спілки Вільних Майстрів"),
        ("Президент Української громади Тасманії", "Президент", "Української громади Тасманії"),
        ("председатель Общества Любителей Книги", "председатель", "Общества Любителей Книги"),
        # a function before initials stays one role, as 'professora UNICAMP' does
        ("skarbnik PTTP", "skarbnik PTTP", None),
    ],
)
def test_a_function_names_its_institution_in_the_genitive(described, role, affiliation):
    assert role_and_affiliation(described) == (role, affiliation)


# Signature cells --------------------------------------------------------------------------

STATEMENT = (
    "---\ntitle: Statement of the Lake Associations\ndate: 2019-03-02\n---\n\n"
    "The associations of the lake's towns stand together for a shore open to everyone, and "
    "they ask the council to stop the new road before the summer.\n\nSigned for and on behalf "
    "of:\n"
)


def test_signature_cells_written_in_markdown_inside_raw_html_are_one_entry_each():
    text = STATEMENT + (
        '<table width="100%" >\n<tbody >\n<tr >\n\n'
        '<td width="50%" >Jane Roe AM\n**Chair, Federation of**\n** Lake Associations**\n</td>\n\n'
        '<td width="50%" >Tom Keel\n**President, Association of North Shore**\n'
        "**Deputy Chair, FLA**\n</td>\n</tr>\n<tr >\n\n"
        '<td width="50%" >\n\n\nAnna Weir,\n**President, South Shore Association of\n'
        "Fishers Inc**\n\n\n\n</td>\n\n"
        '<td width="50%" >Olga Mills\n**President, West Bay Association**\n</td>\n</tr>\n'
        "</tbody>\n</table>\n"
    )
    result = _parse(text, "statement.md")
    assert _entries(result) == [
        ("person", "AM", "Jane Roe", "Chair", "Federation of Lake Associations"),
        ("person", None, "Tom Keel", "President", "Association of North Shore, Deputy Chair, FLA"),
        ("person", None, "Anna Weir", "President", "South Shore Association of Fishers Inc"),
        ("person", None, "Olga Mills", "President", "West Bay Association"),
    ]


def test_a_post_nominal_typed_in_cyrillic_capitals_is_a_title():
    assert split_title("Стефан Квітка, ОАМ") == ("ОАМ", "Стефан Квітка")


def test_a_bold_office_wrapped_over_two_lines_of_a_cell_is_one_entrys_office():
    text = STATEMENT + (
        '<table width="100%" >\n<tbody >\n<tr >\n\n'
        '<td width="50%" >Olga Mills\n**President, West Bay Association**\n</td>\n\n'
        "<td >\n\n\nPeter Lund\n**President of the Association\nof the East Shore**\n\n\n\n"
        "</td>\n</tr>\n</tbody>\n</table>\n"
    )
    result = _parse(text, "statement.md")
    assert _entries(result) == [
        ("person", None, "Olga Mills", "President", "West Bay Association"),
        ("person", None, "Peter Lund", "President", "Association of the East Shore"),
    ]
