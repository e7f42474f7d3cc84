"""A printed list whose names are set in bold at the start of each line, the description
going on in the regular weight on the same line ("**Ana Lima** CTO at Brightwave"): the PDF
reader keeps the bold lead, as the Markdown, HTML and DOCX readers do, so a printed copy reads
as its source."""

import pytest
import typst

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free

BODY = (
    "We, people who build software for a living, ask the ministry to publish the code it pays "
    "for under a free licence, and to open its data to every school and every town. "
) * 2
PEOPLE = [
    ("Ana Lima", "CTO at Brightwave"),
    ("Jonas Weber", "Head of Engineering at Kettle Labs"),
    ("Priya Raman", "Founder of Tidepool Studio"),
    ("Tomás Ruiz", "Developer advocate at Quillstack"),
    ("Mei Chen", "CEO of Orchard Data"),
]


def test_bold_names_that_lead_their_lines_in_a_pdf_read_as_in_the_markdown_printed():
    lines = " \\\n".join(f"*{name}* {description}" for name, description in PEOPLE)
    source = f'#set page(paper: "a4")\n= Open letter\n\n{BODY}\n\n== Signatories\n\n{lines}\n'
    printed = parse_bytes(typst.compile(source.encode("utf-8")), "letter.pdf")
    markdown = (
        "# Open letter\n\n"
        + BODY
        + "\n\n## Signatories\n\n"
        + "\n".join(f"**{name}** {description}  " for name, description in PEOPLE)
    )
    source_read = parse_bytes(markdown.encode("utf-8"), "letter.md")
    assert [e.name for e in printed.signatories] == [name for name, _ in PEOPLE]
    assert [(e.kind, e.name, e.role, e.affiliation) for e in printed.signatories] == [
        (e.kind, e.name, e.role, e.affiliation) for e in source_read.signatories
    ]


def test_a_few_bold_words_at_the_start_of_lines_of_running_text_change_nothing():
    # a guard: a paragraph where only some lines begin in bold is text, not a list of names
    source = (
        '#set page(paper: "a4")\n= Open letter\n\n'
        f"*Note* {BODY}\n\n== Signatories\n\n" + " \\\n".join(name for name, _ in PEOPLE) + "\n"
    )
    result = parse_bytes(typst.compile(source.encode("utf-8")), "letter.pdf")
    assert [e.name for e in result.signatories] == [name for name, _ in PEOPLE]


def test_a_body_in_no_language_the_importer_knows_is_said_so():
    words = [
        "zorblat",
        "quenni",
        "frastol",
        "vimbe",
        "dralk",
        "opusti",
        "nerravo",
        "klimt",
        "sadofu",
        "pretak",
    ]
    body = " ".join(words[i % len(words)] for i in range(70)) + "."
    text = f"Vorpal Statement\n\n{body}\n\nSignatories:\n\n1. Union of Workers\n2. Farmers League\n"
    result = parse_bytes(text.encode("utf-8"), "statement.txt")
    assert result.language is None
    assert "language not recognized" in result.warnings
