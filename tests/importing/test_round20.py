"""Shapes of the twentieth held-out round, each from an invented example written like the
real ones: an account's handle between a signer's name and the description in brackets, a
signature typed under the last bullet with a dash, semicolons inside a bracket."""

import pytest

from tests.importing.test_round19 import _pdf as word_processor_pdf
from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.signatories import is_list_heading

pytestmark = pytest.mark.database_free


def _parse(text: str, name: str):
    return parse_bytes(text.encode("utf-8"), name)


def _entries(result) -> list[tuple]:
    return [(e.kind, e.name, e.role, e.affiliation) for e in result.signatories]


LETTER = (
    "Dear Harbourhub,\n\nYour contract with the border agency puts the people who build on "
    "your platform at odds with the people it is used against. We ask you to end it and to "
    "publish every contract of the kind you hold.\n\nSigned,\n\n"
)


def test_a_handle_after_the_name_is_neither_role_nor_affiliation():
    text = LETTER + (
        "- Ana Lima, @alima (Co-Chair, Tern Standards Group)\n"
        "- Jun Ito @junito (Software Engineer)\n"
        "- Mira Okonkwo, @mira-ok, (Saltmarsh Foundation)\n"
        "- ruth of the marsh, @ruthm (Lighthouse Cooperative)\n"
        "- Tomas, @tomas\n"
    )
    assert _entries(_parse(text, "letter.md")) == [
        ("person", "Ana Lima", "Co-Chair", "Tern Standards Group"),
        ("person", "Jun Ito", "Software Engineer", None),
        ("person", "Mira Okonkwo", None, "Saltmarsh Foundation"),
        ("person", "ruth of the marsh", None, "Lighthouse Cooperative"),
        ("person", "Tomas", None, None),
    ]


def test_a_signature_typed_with_a_dash_under_the_last_bullet_is_an_entry_of_its_own():
    text = LETTER + (
        "- Ana Lima (Co-Chair, Tern Standards Group)\n"
        "- Jun Ito (Software Engineer)\n"
        "- Mira Okonkwo (Web Developer)\n"
        "– Tomas Berg (Translator)\n"
    )
    assert [e.name for e in _parse(text, "letter.md").signatories] == [
        "Ana Lima",
        "Jun Ito",
        "Mira Okonkwo",
        "Tomas Berg",
    ]


def test_semicolons_inside_a_bracket_do_not_part_the_entry():
    text = LETTER + (
        "Ana Lima (Co-Chair, Tern Standards Group)\n"
        "Jun Ito (Tern editor; Saltmarsh engineer; package author)\n"
        "Mira Okonkwo (Web Developer)\n"
        "Tomas Berg (Translator)\n"
    )
    assert [e.name for e in _parse(text, "letter.txt").signatories] == [
        "Ana Lima",
        "Jun Ito",
        "Mira Okonkwo",
        "Tomas Berg",
    ]


@pytest.mark.parametrize(
    "heading", ["🔥 ORGANISATIONER SOM STÅR BAKOM 🔥", "✊ Undertecknare ✊", "Allekirjoittaneet"]
)
def test_a_swedish_or_finnish_heading_between_emoji_names_the_list(heading):
    assert is_list_heading(heading)


def test_a_list_under_a_heading_set_between_emoji_is_found():
    text = (
        "# Stop the informer law\n\nThe government plans a law that turns teachers and nurses "
        "into informers. We march on Sunday to say no to it, together.\n\n"
        "## 🔥 ORGANISATIONER SOM STÅR BAKOM 🔥\n\n"
        "- Tern Solidarity Network\n- Saltmarsh Foundation\n- Lighthouse Cooperative\n"
        "- Harbour Workers Union\n"
    )
    assert [e.name for e in _parse(text, "rally.md").signatories] == [
        "Tern Solidarity Network",
        "Saltmarsh Foundation",
        "Lighthouse Cooperative",
        "Harbour Workers Union",
    ]


def test_a_web_address_after_a_dash_is_neither_the_name_nor_a_role():
    text = LETTER + (
        "- Tern Solidarity Network - ternsolidarity.org\n"
        "- Saltmarsh Foundation – www.saltmarsh.example.nl\n"
        "- Lighthouse Cooperative\n"
        "- Harbour Workers Union - https://harbourworkers.org/\n"
    )
    assert [(e.name, e.role) for e in _parse(text, "letter.md").signatories] == [
        ("Tern Solidarity Network", None),
        ("Saltmarsh Foundation", None),
        ("Lighthouse Cooperative", None),
        ("Harbour Workers Union", None),
    ]


def test_counts_per_party_are_figures_not_entries():
    text = (
        "# Who signed the declaration\n\nParty by party, how many of each party's members "
        "signed the written declaration on the open network:\n\n"
        "Tern Party: 7 of 7 (100%)  \nSaltmarsh Democrats: 13 of 21 (62%)  \n"
        "Harbour League: 1 of 9 (11%)  \nLighthouse Union: 0 of 5 (0%)\n\n"
        "We thank every member who signed it.\n"
    )
    assert _parse(text, "post.md").signatories == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Regeringen planerar en lag som tvingar offentligt anställda att ange människor. "
            "Vi står bakom alla som vägrar, och vi har sagt att det är fel för oss alla och "
            "för vår demokrati. Därför demonstrerar vi till dess att lagen inte kommer.",
            "sv",
        ),
        (
            "Hallitus suunnittelee lakia, joka velvoittaa työntekijät ilmoittamaan ihmisistä. "
            "Se on väärin, ja me vastustamme sitä, koska laki ei suojele ketään. Myös opettajat "
            "ja hoitajat ovat sanoneet, että he eivät noudata sitä, kuin ennenkin.",
            "fi",
        ),
    ],
)
def test_swedish_and_finnish_are_recognized_by_their_most_frequent_words(text, language):
    assert _parse(f"# Open letter\n\n{text}\n", "letter.md").language == language


def test_a_korean_date_is_read_as_a_chinese_one_is():
    page = (
        "<html><body><h1>창립 선언문</h1><p>우리는 대학의 자유와 학문의 독립을 위하여 "
        "이 조합을 세운다.</p><p>2001년 11월 10일</p><p>전국교수노동조합</p></body></html>"
    )
    assert _parse(page, "declaration.html").date == "2001-11-10"


COALITION_LETTER = (
    "Dear Members of the Assembly,\n\nWe, the undersigned organisations, ask you to extend the "
    "transition period for the countries that need it most.\n\nSignatories:\n\n"
)


def test_a_dash_before_a_bracketed_abbreviation_is_no_part_of_the_name():
    text = COALITION_LETTER + (
        "1. Harbour Health Network - (HHN), Kenya\n"
        "2. Lakeside Farmers Union – (LFU), Uganda\n"
        "3. Alliance for Clean Rivers (ACR), Ghana\n"
    )
    result = _parse(text, "letter.md")
    assert [(e.name, e.abbreviation, e.country) for e in result.signatories] == [
        ("Harbour Health Network", "HHN", "KE"),
        ("Lakeside Farmers Union", "LFU", "UG"),
        ("Alliance for Clean Rivers", "ACR", "GH"),
    ]


def test_a_word_in_capitals_alone_takes_the_kind_of_the_list():
    organizations = COALITION_LETTER + (
        "1. Harbour Health Network (HHN), Kenya\n"
        "2. Open DOORS, Netherlands\n"
        "3. Alliance for Clean Rivers (ACR), Ghana\n"
        "4. Lakeside Farmers Union, Uganda\n"
    )
    people = COALITION_LETTER.replace("organisations", "scholars") + (
        "1. Ana LIMA, Kenya\n"
        "2. Jun Ito, University of Tern, Japan\n"
        "3. Mira Okonkwo, Saltmarsh Institute, Ghana\n"
    )
    second = _parse(organizations, "letter.md").signatories[1]
    first_person = _parse(people, "letter.md").signatories[0]
    assert (second.kind, second.name) == ("organization", "Open DOORS")
    assert (first_person.kind, first_person.name) == ("person", "Ana LIMA")


def test_a_word_joined_from_two_capitalized_words_names_no_person():
    text = COALITION_LETTER + (
        "1. Harbour Health Network (HHN), Kenya\n"
        "2. ShelterAid Kenya - Lakeside Partners, Nairobi, Kenya\n"
        "3. Alliance for Clean Rivers (ACR), Ghana\n"
    )
    entry = _parse(text, "letter.md").signatories[1]
    assert (entry.kind, entry.affiliation) == ("organization", None)


def test_a_pdf_glyph_mapped_to_no_character_moves_no_letter_of_the_text():
    data = word_processor_pdf(
        [
            [
                (780, ["We", "ask", "the", "council", "to", "keep", "the", "shore", "open."]),
                (740, ["Signatories:"]),
                (720, ["\\001Harbour", "Health", "Network"]),
                (700, ["Lakeside", "Farmers", "Union"]),
                (680, ["Alliance", "for", "Clean", "Rivers"]),
            ]
        ]
    )
    # the font's own map gives the first glyph of a name no character, as a web font may
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Web def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <01> <FFFE> "
        b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    data = data.replace(b"/BaseFont /Helvetica >>", b"/BaseFont /Helvetica /ToUnicode 99 0 R >>")
    head, tail = data.rsplit(b"xref\n0 ", 1)
    table, offset = tail.rsplit(b"startxref\n", 1)
    extra = b"99 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(cmap), cmap)
    moved = int(offset.split(b"\n")[0]) + len(extra)
    data = head + extra + b"xref\n0 " + table + b"startxref\n%d\n%%%%EOF\n" % moved
    result = parse_bytes(data, "letter.pdf")
    assert [e.name for e in result.signatories] == [
        "Harbour Health Network",
        "Lakeside Farmers Union",
        "Alliance for Clean Rivers",
    ]


def test_a_cosignatory_list_heading_names_the_list():
    assert is_list_heading("Cosignatory List")
    assert is_list_heading("Co-signatories:")


def test_a_tables_header_printed_as_a_line_gives_the_cells_of_the_rows_under_it():
    text = (
        "We ask the board to restore the scholarship of our fellow alumna.\n\n"
        "Cosignatory List\n\n"
        "No.   Name   Graduation Year   Country\n"
        "1   Ana Lima   2015/2016   Kenya\n"
        "2   Jun Ito Sato   2018/2019   Japan\n"
        "3   Mira Okonkwo   2019/2020   Ghana\n"
    )
    result = _parse(text, "letter.txt")
    assert [(e.position, e.kind, e.name, e.country) for e in result.signatories] == [
        (1, "person", "Ana Lima", "KE"),
        (2, "person", "Jun Ito Sato", "JP"),
        (3, "person", "Mira Okonkwo", "GH"),
    ]


def test_the_dutch_engineers_degree_after_prof_dr_is_part_of_the_title():
    text = LETTER + (
        "- Prof. dr. ir. Anna de Vries, Technische Universiteit Delft\n"
        "- dr. ir. Jan Bakker, Universiteit Twente\n"
        "- Irene Smit, Universiteit Utrecht\n"
    )
    result = _parse(text, "letter.md")
    assert [(e.title, e.name) for e in result.signatories] == [
        ("Prof. dr. ir.", "Anna de Vries"),
        ("dr. ir.", "Jan Bakker"),
        (None, "Irene Smit"),
    ]
