"""Shapes of the fifteenth held-out round, each from an invented example: a comma-separated
list of companies some of which are not written in capitals, a list of people in Arabic
script, and a table of names and profile links printed as lines."""

import pytest

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free

BODY = (
    "The companies below commit to hire and train people to work on free software, to "
    "publish their jobs with the licence of their work, and to pay for its schools. "
) * 2
COMPANIES = [
    "Arbre Libre", "Bitwise", "codeFoyer", "Datagrue", "Ecluse technology", "FENNEC",
    "Gravier SA", "Houle Libre", "Inode", "Jasmin Logiciel", "Kestrel asbl", "3x2 Lab",
    "Lumen Conseil", "Mistral Data",
]  # fmt: skip


def _parse(text: str, name: str = "letter.md"):
    return parse_bytes(text.encode("utf-8"), name)


def test_a_comma_list_of_companies_keeps_the_few_not_written_in_capitals():
    listed = ", ".join(COMPANIES) + "..."
    result = _parse(f"# Charte\n\n{BODY}\n\nIls ont signé :\n\n{listed}\n")
    assert [e.name for e in result.signatories] == COMPANIES


def test_a_sentence_with_commas_is_still_no_list_of_names():
    prose = (
        "Nous, entreprises du libre, demandons aux écoles, aux universités, aux régions, "
        "aux branches, aux syndicats et aux élus de soutenir les formations, les stages, "
        "les apprentissages et les reconversions vers le logiciel libre."
    )
    result = _parse(f"# Charte\n\n{BODY}\n\n{prose}\n")
    assert result.signatories == []


def test_a_list_of_people_in_arabic_script_is_read_as_people():
    names = ["سارة الحسيني", "عمر بن علي", "ليلى حداد", "يوسف منصور", "نور الهدى سالم"]
    body = "نحن الموقعين أدناه ندعو إلى احترام حقوق العمال وحرية التنظيم النقابي في كل مكان. " * 3
    text = f"# رسالة مفتوحة\n\n{body}\n\nالموقعون:\n\n" + "\n".join(f"* {n}" for n in names)
    text += "\n* اتحاد عمال الموانئ\n"
    entries = _parse(text).signatories
    assert [e.name for e in entries] == [*names, "اتحاد عمال الموانئ"]
    assert [e.kind for e in entries] == ["person"] * 5 + ["organization"]


def test_profile_links_beside_names_are_no_role_and_the_header_line_no_entry():
    people = ["Dana Holt", "Ravi Menon", "Elif Kaya", "Tom Berger"]
    lines = ["Name     Contact"] + [
        f"{name}     https://www.example.org/in/{name.split()[0].lower()}/" for name in people
    ]
    # as a PDF prints a table without its rules: the columns apart by a tab stop
    text = f"# Minimum manifesto\n\n{BODY}\n\nSignatories:\n\n" + "  \n".join(lines) + "\n"
    entries = _parse(text).signatories
    assert [(e.name, e.role, e.affiliation) for e in entries] == [(n, None, None) for n in people]
