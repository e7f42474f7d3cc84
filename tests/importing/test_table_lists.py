"""Lists printed as tables the way the world prints them: cells of paragraphs, rows that read
as prose, columns named in words of their own, nationalities for countries, names alone."""

import pytest

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.countries import countries_implied

pytestmark = pytest.mark.database_free

BODY = "<p>" + "We call on the members to stop these negotiations at once. " * 8 + "</p>"


def page(rows: str, *, intro: str = "<p>Signatories:</p>", header: str = "") -> bytes:
    table = f"{intro}<table>{header}{rows}</table>"
    return f"<html><body><h1>Open letter</h1>{BODY}{table}</body></html>".encode()


def row(*cells: str, paragraphs: bool = False) -> str:
    if paragraphs:  # as word processors export a table: every cell a paragraph of spans
        return (
            "<tr>"
            + "".join(f'<td><p class="P5"><span>{c}</span></p></td>' for c in cells)
            + "</tr>"
        )
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def test_cells_made_of_paragraphs_keep_their_text():
    rows = "".join(
        row(str(n), name, country, paragraphs=True)
        for n, (name, country) in enumerate(
            [
                ("Attac Norway", "Norway"),
                ("Public Eye", "Switzerland"),
                ("FIRST Union", "New Zealand"),
            ],
            start=1,
        )
    )
    result = parse_bytes(page(rows), "letter.html")
    assert [(e.name, e.country) for e in result.signatories] == [
        ("Attac Norway", "NO"), ("Public Eye", "CH"), ("FIRST Union", "NZ"),
    ]  # fmt: skip


def test_a_row_that_reads_as_prose_stays_in_its_table_s_list():
    about = "Fondée en 1984. Contribue à l'émergence et à la consolidation du développement."
    names = ["ActionAid International", "Banana Link",
             "Groupe de recherche et d'initiative pour la liberation de l' afrique (GRILA)",
             "Greenpeace", "Oxfam International"]  # fmt: skip
    rows = "".join(row(str(n), name, about) for n, name in enumerate(names, start=1))
    result = parse_bytes(page(rows), "letter.html")
    assert [e.position for e in result.signatories] == [1, 2, 3, 4, 5]
    assert result.signatories[2].abbreviation == "GRILA"


def test_a_header_with_a_column_of_its_own_words_is_a_header_and_years_are_no_abbreviation():
    header = "<tr><th>NO.</th><th>Name</th><th>Chevening Year</th><th>Country</th></tr>"
    people = [("Eugenia Lee", "Taiwan"), ("Jignesh Vasavada", "Indian"), ("Raju", "India"),
              ("Rocío Quintero", "Colombia"), ("Nazly Frias", "Colombia")]  # fmt: skip
    rows = "".join(
        row(str(n), name, "2015/2016", country) for n, (name, country) in enumerate(people, 1)
    )
    result = parse_bytes(page(rows, header=header), "letter.html")
    assert [(e.kind, e.name, e.abbreviation, e.country) for e in result.signatories] == [
        ("person", "Eugenia Lee", None, "TW"),
        ("person", "Jignesh Vasavada", None, "IN"),  # a nationality names the country
        ("person", "Raju", None, "IN"),  # one name only: the list is of people
        ("person", "Rocío Quintero", None, "CO"),
        ("person", "Nazly Frias", None, "CO"),
    ]


def test_latin_america_and_the_americas_name_no_country():
    assert countries_implied("Amigos de la Tierra América Latina y el Caribe") == []
    assert countries_implied("Confederación Sindical de trabajadores/as de las Américas") == []
    assert countries_implied("Campaign for America's Future") == ["US"]


def test_a_french_closing_and_endorsers_as_of_a_date_introduce_the_list():
    rows = "".join(row(str(n), name) for n, name in enumerate(
        ["ActionAid International", "Banana Link", "Oxfam International"], start=1))  # fmt: skip
    intro = "<p>Sincèrement,</p><p>Endosseurs au 30 avril 2020:</p>"
    result = parse_bytes(page(rows, intro=intro), "lettre.html")
    assert [e.name for e in result.signatories] == [
        "ActionAid International", "Banana Link", "Oxfam International",
    ]  # fmt: skip
    assert result.as_of == "2020-04-30"


def test_a_table_of_figures_is_no_list():
    header = "<tr><td></td><td>VPA</td><td>EST</td><td>SPM</td><td>UTA</td></tr>"
    rows = "".join(
        row(country, "316994", "103083", "10117", "2363")
        for country in ("Canada", "Japon", "Chine", "Inde", "France")
    )
    result = parse_bytes(
        page(rows, intro="<p>Tableau 7 – Soutien agricole</p>", header=header), "a.html"
    )
    assert result.signatories == []


def test_the_speakers_of_an_event_are_no_signatories():
    talks = [
        "Agricultura y seguridad alimentaria: Ranja Sengupta, Investigadora titular, TWN, India",
        "Justicia fiscal y comercio electrónico: Sofia Scasserra, IMT, UNTREF, Argentina",
        "MC12 y medioambiente en la negociación: Rashmi Banga, UNCTAD, Ginebra, Suiza",
    ]
    items = "".join(f"<li>{talk}</li>" for talk in talks)
    html = f"<html><body><h1>Seminario virtual</h1>{BODY}<ul>{items}</ul></body></html>"
    assert parse_bytes(html.encode(), "seminario.html").signatories == []
    people = "".join(f"<li>{name}</li>" for name in ("Morgan Ody, La Via Campesina",
                     "Melanie Foley, Public Citizen", "Adam Wolfenden, PANG"))  # fmt: skip
    html = f"<html><body><h1>Webinar</h1>{BODY}<p>November 18 featuring:</p><ul>{people}</ul>"
    assert parse_bytes(html.encode(), "webinar.html").signatories == []


def test_one_name_signing_for_a_network_under_a_closing_is_the_letter_s_author_not_a_list():
    # one person alone under a closing signs the letter (tests/importing/test_round16.py);
    # one who signs for a network's members, their function below, is its author
    html = (
        f"<html><body><h1>Carta</h1>{BODY}<p>Atentamente,<p>Deborah James<p>"
        "Facilitadora, Red Global Our World Is Not for Sale (OWINFS)<br>"
        "En nombre de nuestros miembros<br>www.ourworldisnotforsale.net</body></html>"
    )
    result = parse_bytes(html.encode(), "carta.html")
    assert result.signatories == []


def test_a_title_folded_over_front_matter_lines_or_wrapped_by_a_page_is_whole():
    front = "title: A Joint Statement in Support of\n  Huang Xueqin and Wang Jianbing"
    md = f"---\n{front}\n---\nText.\n"
    assert parse_bytes(md.encode(), "s.md").title == (
        "A Joint Statement in Support of Huang Xueqin and Wang Jianbing"
    )
    text = "Declaración por la protección de los\n\ndefensores de derechos digitales\n\n"
    result = parse_bytes((text + BODY.strip("<p/>") + "\n").encode(), "d.txt")
    assert result.title == "Declaración por la protección de los defensores de derechos digitales"


def test_letters_of_an_abbreviation_before_a_line_end_hyphen_keep_it():
    from undersigned.importing.parsers.wrapping import join_lines

    assert join_lines(["специалистов IT-", "индустрии"]) == "специалистов IT-индустрии"
    assert join_lines(["National Ma-", "nifesto"]) == "National Manifesto"
