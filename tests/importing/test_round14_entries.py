"""The entries' fields: what a list's shape says about each entry's kind, abbreviation, role
and affiliation, where one entry alone cannot tell."""

import pytest

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free

BODY = (
    "We, residents of the valley, ask the regional council to keep the night trains running "
    "between the towns of the lake and the city, as it promised two years ago. "
) * 2


def _markdown(lines: list[str], heading: str = "Signatories") -> bytes:
    return ("# Open letter\n\n" + BODY + f"\n\n## {heading}\n\n" + "\n".join(lines)).encode()


def test_a_code_that_several_people_share_in_brackets_is_their_province_not_an_abbreviation():
    lines = [
        "* Marta Colombo (TO)",
        "* Giulio Ferri (TO)",
        "* Elena Sartori (BS)",
        "* Paolo Gatti (TO)",
        "* Rita Esposito (NA)",
        "* Sergio Conti (TO)",
    ]
    result = parse_bytes(_markdown(lines), "letter.md")
    assert [(e.kind, e.name, e.abbreviation, e.country) for e in result.signatories] == [
        ("person", "Marta Colombo", None, None),
        ("person", "Giulio Ferri", None, None),
        ("person", "Elena Sartori", None, None),
        ("person", "Paolo Gatti", None, None),
        ("person", "Rita Esposito", None, None),
        ("person", "Sergio Conti", None, None),
    ]


def test_organizations_each_with_its_own_abbreviation_keep_it():
    lines = [
        "* Valley Rail Users (VRU)",
        "* Lake Towns Cyclists (LTC)",
        "* Friends of the Night Train (FNT)",
        "* Regional Commuters Union (RCU)",
    ]
    result = parse_bytes(_markdown(lines), "letter.md")
    assert [(e.kind, e.abbreviation) for e in result.signatories] == [
        ("organization", "VRU"),
        ("organization", "LTC"),
        ("organization", "FNT"),
        ("organization", "RCU"),
    ]


def test_a_heading_in_capitals_enumerating_kinds_of_bodies_makes_the_group_organizations():
    lines = [
        "ASOCIACIONES, ONGs Y OTRAS INSTITUCIONES  ",
        "Huerta Viva, Barrio Sur, Valle Alto, Argentina.  ",
        "Mesa del Agua de Pinares, Pinares, Chile.  ",
        "Unión de Vecinos del Arroyo Claro, UVAC, Tandil, Argentina.  ",
        "Radio Comunitaria La Piedra, Argentina.  ",
        "PERSONAS  ",
        "Lucía Benítez, maestra rural, Pinares, Chile.  ",
        "Tomás Aguirre, Argentina.  ",
    ]
    result = parse_bytes(_markdown(lines, heading="Firmantes"), "carta.md")
    entries = [(e.kind, e.name, e.abbreviation, e.country) for e in result.signatories]
    assert entries[:4] == [
        ("organization", "Huerta Viva", None, "AR"),
        ("organization", "Mesa del Agua de Pinares", None, "CL"),
        ("organization", "Unión de Vecinos del Arroyo Claro", "UVAC", "AR"),
        ("organization", "Radio Comunitaria La Piedra", None, "AR"),
    ]
    assert [e.kind for e in result.signatories[4:]] == ["person", "person"]


def test_a_name_whose_comma_joins_two_ideas_is_kept_whole_before_its_country():
    lines = [
        "ORGANIZATIONS  ",
        "Centre for Water, Land and Justice, Kenya.  ",
        "Riverkeepers Network, Ghana.  ",
        "Forum on Trade, Labour e Integration, Peru.  ",
    ]
    result = parse_bytes(_markdown(lines, heading="Signatories"), "letter.md")
    assert [e.name for e in result.signatories] == [
        "Centre for Water, Land and Justice",
        "Riverkeepers Network",
        "Forum on Trade, Labour e Integration",
    ]


def test_a_column_of_a_few_categories_repeated_down_the_rows_is_no_abbreviation():
    people = [
        ("Ingrid Solberg", "Poetry", "1998"),
        ("Kwame Mensah", "Drama", "2003"),
        ("Lena Vogt", "Poetry", "2007"),
        ("Rafael Ortiz", "Fiction", "2011"),
        ("Sofia Marin", "Drama", "2014"),
        ("Tariq Haddad", "Fiction", "2016"),
        ("Yuki Tanaka", "Poetry", "2019"),
        ("Omar Farouk", "Drama", "2021"),
        ("Clara Nunes", "Fiction", "2022"),
    ]
    lines = ["| Name | Award Section | Year |", "|---|---|---|"] + [
        f"| {name} | {section} | {year} |" for name, section, year in people
    ]
    result = parse_bytes(_markdown(lines), "letter.md")
    assert [(e.position, e.kind, e.name, e.abbreviation, e.role) for e in result.signatories] == [
        (number, "person", name, None, None) for number, (name, _, _) in enumerate(people, 1)
    ]


def test_people_described_by_where_they_live_have_no_role_and_no_affiliation():
    lines = [
        "* Maren Holt, Bergen, Norway",
        "* Dana Whitfield, Boulder, CO",
        "* Kofi Asante, Kumasi, Ghana",
        "* Priya Nair, Pune, India",
        "* Lukas Berger",
        "* Elena Ruiz, Valencia, Spain",
        "* Sam Porter, Springfield",
        "* Ines Duarte, Librarian, Lisbon Public Library",
    ]
    result = parse_bytes(_markdown(lines), "letter.md")
    assert [(e.kind, e.name, e.country, e.role, e.affiliation) for e in result.signatories] == [
        ("person", "Maren Holt", "NO", None, None),
        ("person", "Dana Whitfield", None, None, None),
        ("person", "Kofi Asante", "GH", None, None),
        ("person", "Priya Nair", "IN", None, None),
        ("person", "Lukas Berger", None, None, None),
        ("person", "Elena Ruiz", "ES", None, None),
        ("person", "Sam Porter", None, None, None),
        ("person", "Ines Duarte", None, "Librarian", "Lisbon Public Library"),
    ]


def test_a_column_headed_position_and_company_gives_both_split_at_its_last_comma():
    lines = [
        "| Фамилия и имя | Должность, компания |",
        "|---|---|",
        "| Орлова Вера | Backend Developer, mobiKit |",
        "| Седов Павел | Тестировщик, г. Пермь |",
        "| Ким Анна | Senior Data Engeneer, ACME Labs |",
    ]
    result = parse_bytes(_markdown(lines, heading="Подписавшиеся"), "letter.md")
    assert [(e.kind, e.name, e.role, e.affiliation) for e in result.signatories] == [
        ("person", "Орлова Вера", "Backend Developer", "mobiKit"),
        ("person", "Седов Павел", "Тестировщик", None),
        ("person", "Ким Анна", "Senior Data Engeneer", "ACME Labs"),
    ]


def test_a_registry_number_in_brackets_after_a_name_is_no_role():
    lines = [
        "+ Dra. Irene Solís Vega (204417)",
        "+ Dr. Mateo Ibarra Luna (318852)",
        "+ Dra. Carmen Robles (99812)",
    ]
    result = parse_bytes(_markdown(lines, heading="Firmantes"), "carta.md")
    assert [(e.title, e.name, e.role, e.affiliation) for e in result.signatories] == [
        ("Dra.", "Irene Solís Vega", None, None),
        ("Dr.", "Mateo Ibarra Luna", None, None),
        ("Dra.", "Carmen Robles", None, None),
    ]


def test_capitals_after_a_persons_name_in_a_list_of_people_are_where_the_person_works():
    people = [
        "Ana Lúcia Prado (professora)",
        "Bruno Teles (jornalista)",
        "Carla Dias (UFRB)",
        "Davi Rocha (advogado)",
        "Elisa Moura (estudante)",
        "Fábio Nunes (UNEB/IFBA)",
        "Gabriela Lins (médica)",
        "Heitor Sá (bancário)",
        "Iara Campos (professora)",
        "João Pedro Alves (músico)",
        "Karina Melo (artista)",
        "Lara Vieira (arquiteta)",
        "Marcos Paiva (professor)",
    ]
    result = parse_bytes(_markdown([f"{p}<br>" for p in people]), "carta.md")
    entries = {e.name: (e.kind, e.abbreviation, e.affiliation) for e in result.signatories}
    assert entries["Carla Dias"] == ("person", None, "UFRB")
    assert entries["Fábio Nunes"] == ("person", None, "UNEB/IFBA")
    assert {kind for kind, _, _ in entries.values()} == {"person"}


def test_a_prize_is_a_role_and_an_institution_after_a_dash_an_affiliation():
    lines = [
        "Marta Quiroga, Premio Nacional de Poesía 2009<br>",
        "Olu Adeyemi, Recipient Goldman Environmental Prize 2015<br>",
        "Teresa Lobo - antropóloga - UNAL<br>",
        "Ivo Brandt - Professor – Universidad del Sur<br>",
        "Rui Falcão - servidor público – PB<br>",
    ]
    result = parse_bytes(_markdown(lines), "letter.md")
    assert [(e.name, e.role, e.affiliation) for e in result.signatories] == [
        ("Marta Quiroga", "Premio Nacional de Poesía 2009", None),
        ("Olu Adeyemi", "Recipient Goldman Environmental Prize 2015", None),
        ("Teresa Lobo", "antropóloga", "UNAL"),
        ("Ivo Brandt", "Professor", "Universidad del Sur"),
        ("Rui Falcão", "servidor público – PB", None),
    ]


def test_two_capitals_after_a_persons_name_in_a_list_of_people_are_a_state_kept_nowhere():
    people = [f"{name} (professora)" for name in (
        "Ana Prado", "Bia Teles", "Cida Rocha", "Dani Moura", "Eva Lins", "Fê Sá",
        "Gal Campos", "Hilda Melo", "Iris Vieira", "Joana Paiva",
    )] + ["Kátia Nunes (RJ)", "Lia Dias (UFRB)"]  # fmt: skip
    result = parse_bytes(_markdown([f"{p}<br>" for p in people]), "carta.md")
    entries = {e.name: (e.kind, e.abbreviation, e.affiliation) for e in result.signatories}
    assert entries["Kátia Nunes"] == ("person", None, None)
    assert entries["Lia Dias"] == ("person", None, "UFRB")
