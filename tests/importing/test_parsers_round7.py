"""Classes of entries and metadata the seventh round of import work reads, one test each, on
small texts written here (not on the corpus, which measures them)."""

import pytest

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.entries import enumerated_name, role_and_affiliation
from undersigned.importing.parsers.metadata import find_day_month
from undersigned.importing.parsers.signatories import is_list_heading
from undersigned.importing.parsers.text import parse_text

pytestmark = pytest.mark.database_free


def test_a_turkish_list_heading_in_capitals_introduces_the_list():
    assert is_list_heading("İMZA VERENLER")
    assert is_list_heading("İmza veren kurumlar:")


def test_a_page_of_br_lines_in_one_cell_gives_its_title_date_and_list():
    lines = [
        "Kadınların Bildirisi",
        "25 Mart 2008",
        "Bu yasa tasarısı kadınlara karşı ayırımcıdır ve geri çekilmesini istiyoruz.",
        "İMZA VERENLER",
        "Amargi Kadın Dayanışma Kooperatifi",
        "Ankara Kadın Platformu",
        "Bartın Kadın Dayanışma Derneği",
        "Mavi Kalem Derneği",
        "Nevşehir Kadın Derneği",
    ]
    html = f"<html><body><div>{'<br>'.join(lines)}</div></body></html>"
    result = parse_bytes(html.encode(), "bildiri.html")
    assert (result.title, result.date) == ("Kadınların Bildirisi", "2008-03-25")
    assert [entry.name for entry in result.signatories] == lines[4:]


def test_a_server_pages_directive_printed_before_the_title_is_skipped():
    text = (
        '<%@ Page Language="C#" CodeFile="Bildiri.aspx.cs" %>\n\n'
        "Kadınların Bildirisi\n25 Mart 2008\n\n"
        "Bu yasa tasarısı kadınlara karşı ayırımcıdır ve geri çekilmesini istiyoruz.\n\n"
        "İmzacılar:\nAmargi Kadın Dayanışma Kooperatifi\nAnkara Kadın Platformu\n"
    )
    result = parse_text(text, source="bildiri.txt")
    assert (result.title, result.date) == ("Kadınların Bildirisi", "2008-03-25")


def test_commas_enumerating_what_one_name_covers_part_neither_entries_nor_description():
    text = (
        "Title\n\nThe text of the declaration, long enough to be a paragraph of prose.\n\n"
        "Signatories:\n"
        "Kadın Mühendisler, Mimarlar, Şehir Plancılar, Fen Bilimciler ve Teknik Elemanlar\n"
        "Körfez Aktif Kadınlar Çevre, Kalkinma, Dayanisma ve İşletme Kooperatifi\n"
        "Proyecto sobre Organización, Desarrollo, Educación e Investigación (PODER)\n"
        "Mavi Kalem Derneği\n"
    )
    entries = parse_text(text, source="x.txt").signatories
    assert [(e.kind, e.name, e.abbreviation) for e in entries] == [
        (
            "organization",
            "Kadın Mühendisler, Mimarlar, Şehir Plancılar, Fen Bilimciler ve Teknik Elemanlar",
            None,
        ),
        (
            "organization",
            "Körfez Aktif Kadınlar Çevre, Kalkinma, Dayanisma ve İşletme Kooperatifi",
            None,
        ),
        (
            "organization",
            "Proyecto sobre Organización, Desarrollo, Educación e Investigación",
            "PODER",
        ),
        ("organization", "Mavi Kalem Derneği", None),
    ]


def test_a_person_or_a_place_after_the_commas_makes_no_enumerated_name():
    assert enumerated_name("Proyecto sobre Organización, Desarrollo, Educación e Investigación")
    assert not enumerated_name("Rolf Zander, Physioklin, Mainz, Germany - Arts and Humanities")
    assert not enumerated_name("Jane Doe, Profesora, Instituto de Ciencia y Tecnología")
    assert not enumerated_name("Casa del Pueblo, Neuquén, Argentina y Chile")


def test_an_abbreviation_after_a_dash_or_slash_may_take_more_than_one_letter_of_a_word():
    text = (
        "Title\n\nThe text of the manifesto, long enough to be a paragraph of prose.\n\n"
        "Assinam:\n"
        "Confederação Nacional de Associações de Moradores – CONAM\n"
        "Federação Interestadual dos Sindicatos de Engenharia – FISENGE\n"
        "Movimento dos Pequenos Agricultores / MPA\n"
        "Grupo Tortura Nunca Mais – SP\n"
    )
    entries = parse_text(text, source="x.txt").signatories
    assert [(e.abbreviation, e.name) for e in entries] == [
        ("CONAM", "Confederação Nacional de Associações de Moradores"),
        ("FISENGE", "Federação Interestadual dos Sindicatos de Engenharia"),
        ("MPA", "Movimento dos Pequenos Agricultores"),
        (None, "Grupo Tortura Nunca Mais"),
    ]


def test_a_town_or_state_after_a_dash_is_no_part_of_an_organizations_name_but_a_region_is():
    text = (
        "Title\n\nThe text of the manifesto, long enough to be a paragraph of prose.\n\n"
        "Assinam:\n"
        "Centro de Direitos Humanos de Cascavel – PR\n"
        "Instituto Sedes Sapientiae - São Paulo\n"
        "Third World Network – Africa\n"
    )
    entries = parse_text(text, source="x.txt").signatories
    assert [e.name for e in entries] == [
        "Centro de Direitos Humanos de Cascavel",
        "Instituto Sedes Sapientiae",
        "Third World Network – Africa",
    ]


def test_a_page_that_is_its_list_takes_the_lists_heading_as_title():
    markdown = (
        "# Lista de organizaciones firmantes\n\n"
        "- Datasketch\n- Fundación Karisma\n- Hiperderecho\n- Derechos Digitales\n"
    )
    result = parse_bytes(markdown.encode(), "firmantes.md")
    assert result.title == "Lista de organizaciones firmantes"
    assert len(result.signatories) == 4


def test_a_role_with_a_co_or_vice_prefix_is_a_second_role_that_keeps_the_description_whole():
    text = (
        "Title\n\nThe text of the letter, long enough to be a paragraph of prose.\n\n"
        "Firmantes:\n"
        "Luca Gervasoni Vila, Presidente de Lafede.cat y Codirector de NOVACT\n"
        "Ana Pérez Gómez, Profesora de la Universidad de Barcelona\n"
    )
    entries = parse_text(text, source="x.txt").signatories
    assert [(e.role, e.affiliation) for e in entries] == [
        ("Presidente de Lafede.cat y Codirector de NOVACT", None),
        ("Profesora", "Universidad de Barcelona"),
    ]


def test_a_surname_in_capitals_ends_a_persons_name_before_their_group():
    text = (
        "Title\n\nThe text of the letter, long enough to be a paragraph of prose.\n\n"
        "Yours sincerely,\n"
        "MEP Manon AUBRY The Left group in the European Parliament - GUE/NGL\n"
        "MEP Anna CAVAZZINI Group of the Greens/European Free Alliance\n"
        "MEP Antoni COMIN Non-Attached Member\n"
    )
    entries = parse_text(text, source="x.txt").signatories
    assert [(e.kind, e.title, e.name, e.role, e.affiliation) for e in entries] == [
        (
            "person",
            "MEP",
            "Manon AUBRY",
            None,
            "The Left group in the European Parliament - GUE/NGL",
        ),
        ("person", "MEP", "Anna CAVAZZINI", None, "Group of the Greens/European Free Alliance"),
        ("person", "MEP", "Antoni COMIN", "Non-Attached Member", None),
    ]


def test_letters_in_an_organizations_name_are_no_surname():
    text = (
        "Title\n\nThe text of the letter, long enough to be a paragraph of prose.\n\n"
        "Signatories:\n"
        "Keep Our NHS Public\nIndonesia AIDS Coalition\nRaid ATTAC Cadtm Tunisie, Tunisia\n"
    )
    entries = parse_text(text, source="x.txt").signatories
    assert [(e.name, e.role, e.affiliation) for e in entries] == [
        ("Keep Our NHS Public", None, None),
        ("Indonesia AIDS Coalition", None, None),
        ("Raid ATTAC Cadtm Tunisie", None, None),
    ]


def test_a_note_saying_when_the_text_was_published_gives_its_date():
    text = (
        "Tribune des enseignants\n\n"
        "Note : Cette tribune a été publiée dans le journal Le Monde le 17 mars 2021 (journal "
        "daté du 18 mars).\n\n"
        "Nous, enseignants et chercheurs, refusons les accusations portées contre nos "
        "collègues et demandons que cesse cette campagne.\n\n"
        "Signataires :\nJeanne Dupont, Maîtresse de conférences\nJean Martin, Professeur\n"
    )
    assert parse_text(text, source="x.txt").date == "2021-03-17"


def test_front_matter_printed_as_a_table_of_two_lines_in_a_pdf_is_metadata():
    text = (
        "layout   title   date\n"
        "post   Scientists against Elsevier   2012-02-20 22:30:00 +0100\n\n"
        "The boycott call against the publisher has been signed by many scientists by now.\n\n"
        "Signatories:\nJane Doe, University of Ghent\nJohn Roe, University of Leeds\n"
    )
    result = parse_text(text, source="x.txt")
    assert (result.title, result.date) == ("Scientists against Elsevier", "2012-02-20")


def test_a_list_headings_date_without_a_year_takes_the_year_of_the_documents_dateline():
    text = (
        "Darle la vuelta\n\nSeptiembre 2021\n\n"
        "Las organizaciones abajo firmantes piden nuevas normas de comercio para los pueblos.\n\n"
        "Signatarios hasta el 27 de septiembre:\n"
        "Red Latinoamericana de Comercio\nAlianza Social Continental\nAttac Argentina\n"
    )
    assert parse_text(text, source="x.txt").as_of == "2021-09-27"


def test_a_day_and_month_without_a_year_and_a_full_date_are_told_apart():
    assert find_day_month("Signatarios hasta el 27 de septiembre:") == (9, 27)
    assert find_day_month("Signed as of September 27:") == (9, 27)
    assert find_day_month("Signatories (as of 21 September 2020):") is None


@pytest.mark.parametrize(
    ("described", "role", "affiliation"),
    [
        ("Alcaldesa de Villarrica (Partido Verde)", "Alcaldesa de Villarrica", "Partido Verde"),
        ("Mayor of Springfield (Green Party)", "Mayor of Springfield", "Green Party"),
        ("ex alcalde y ex diputado (Partido Verde)", "ex alcalde y ex diputado", "Partido Verde"),
        ("Diputada (Partido Social Progresista)", "Diputada", "Partido Social Progresista"),
        # the function names its own institution: the bracket goes with it
        ("Director del CEMA (CSIC)", "Director", "CEMA (CSIC)"),
        (
            "Director de Fundaverde (Fundación Valle Verde)",
            "Director",
            "Fundaverde (Fundación Valle Verde)",
        ),
    ],
)
def test_a_function_over_a_town_then_its_party_in_brackets_is_role_and_affiliation(
    described, role, affiliation
):
    assert role_and_affiliation(described) == (role, affiliation)


def test_a_list_of_mayors_and_their_parties_reads_each_party_as_the_affiliation():
    text = (
        "Carta a los vecinos\n\nLos abajo firmantes pedimos que el agua del valle siga siendo "
        "un bien común de todos sus habitantes y que nadie la venda.\n\nFirmantes:\n\n"
        "Ana Pérez, Alcaldesa de Villarrica (Partido Verde)\n"
        "Luis Soto, Concejal de Monte Alto (Partido Social Progresista)\n"
        "Marta Gil, Diputada (Partido Verde)\n"
    )
    result = parse_bytes(text.encode("utf-8"), "carta.md")
    assert [(e.name, e.role, e.affiliation) for e in result.signatories] == [
        ("Ana Pérez", "Alcaldesa de Villarrica", "Partido Verde"),
        ("Luis Soto", "Concejal de Monte Alto", "Partido Social Progresista"),
        ("Marta Gil", "Diputada", "Partido Verde"),
    ]
