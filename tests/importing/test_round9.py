"""Classes of documents the ninth round of import work reads, one test each, on small texts
written here (not on the corpus, which measures them)."""

import pytest

from undersigned.importing.parsers import parse_bytes

BODY = (
    "Wir fordern den Bundestag auf, den Gesetzentwurf in dieser Form nicht zu beschließen, "
    "weil er die Meinungsfreiheit und die Pressefreiheit im Netz gefährdet."
)

pytestmark = pytest.mark.database_free


def test_a_run_of_organizations_is_cut_at_their_legal_forms():
    # a Markdown list whose soft breaks the site joined: the page shows one run of names
    html = (
        f"<html><body><h1>Gemeinsame Erklärung</h1><p>{BODY}</p>"
        "<p>Unterzeichnet haben:\n"
        "Naturfreunde Stiftung\n"
        "Bifo – Bundesverband Freier Onlinemedien e.V.\n"
        "VDL – Verband Digitaler Lernorte e.V.\n"
        "Förderverein Offene Daten (FOD) e. V.\n"
        "Netzwerk Bürgerrechte e. V. (NBR)\n"
        "kipo – Verein für Kinderpolitik e. V.\n"
        "Freie Werkstatt gGmbH\n"
        "Lesekreis Nord e.V.</p></body></html>"
    )
    result = parse_bytes(html.encode(), "erklaerung.html")
    assert [(e.abbreviation, e.name) for e in result.signatories] == [
        (None, "Naturfreunde Stiftung"),
        ("Bifo", "Bundesverband Freier Onlinemedien e.V."),
        ("VDL", "Verband Digitaler Lernorte e.V."),
        ("FOD", "Förderverein Offene Daten e. V."),
        ("NBR", "Netzwerk Bürgerrechte e. V."),
        ("kipo", "Verein für Kinderpolitik e. V."),
        (None, "Freie Werkstatt gGmbH"),
        (None, "Lesekreis Nord e.V."),
    ]


def test_a_run_of_people_is_cut_at_their_titles_and_names():
    html = (
        f"<html><body><h1>Gemeinsame Erklärung</h1><p>{BODY}</p>"
        "<p>Unterzeichnet haben:\n"
        "Dr. Anna Berger, Referentin, Universität zu Kiel\n"
        "Paul Weiss, Rechtsanwalt\n"
        "Prof. Dr. Lena Vogt, Soziologin\n"
        "Prof. Ralf Ostermann, Historiker\n"
        "Jonas Keller, Journalist\n"
        "Dr. Mira Sand, Ärztin</p></body></html>"
    )
    result = parse_bytes(html.encode(), "erklaerung.html")
    assert [(e.title, e.name) for e in result.signatories] == [
        ("Dr.", "Anna Berger"),
        (None, "Paul Weiss"),
        ("Prof. Dr.", "Lena Vogt"),
        ("Prof.", "Ralf Ostermann"),
        (None, "Jonas Keller"),
        ("Dr.", "Mira Sand"),
    ]
    assert {e.kind for e in result.signatories} == {"person"}


def test_local_groups_named_in_one_sentence_are_a_list_of_organizations():
    # the towns of an organization's local groups, written as a sentence over soft breaks
    text = (
        "# Open letter of the local groups\n\n"
        "We call on the council to stop the new motorway and to fund the railway lines it "
        "has promised for ten years, before the next budget is adopted.\n\n"
        "Trains, not lanes!\n\n"
        "The Clean Air Now local groups Leeds, York, Hull, Bradford,\n"
        "Sheffield, Whitby, Scarborough Bay and Ripon.\n"
    )
    result = parse_bytes(text.encode(), "letter.md")
    towns = ["Leeds", "York", "Hull", "Bradford", "Sheffield", "Whitby", "Scarborough Bay", "Ripon"]
    assert [e.name for e in result.signatories] == [f"Clean Air Now {town}" for town in towns]
    assert {e.kind for e in result.signatories} == {"organization"}


LETTER_BODY = (
    "We, the undersigned organizations, ask the government to withdraw the bill and to open "
    "a public consultation on it before the end of the year.\n\n"
    "Signed by:\n\n- Clean Water Network\n- Rivers Alliance\n- Coastal Action Group\n"
)


def test_toml_front_matter_gives_the_title_and_date():
    text = '+++\ntitle = "Joint letter on the water bill"\ndate = 2021-04-14T05:57:55Z\n+++\n\n'
    result = parse_bytes((text + "tl;dr\n\n" + LETTER_BODY).encode(), "letter.md")
    assert (result.title, result.date) == ("Joint letter on the water bill", "2021-04-14")


def test_header_lines_at_the_top_of_a_markdown_file_give_the_title_and_date():
    text = "Title: Joint letter on the water bill\nDate: 2020-09-23 19:55\nAuthor: web\n\n"
    result = parse_bytes((text + LETTER_BODY).encode(), "letter.md")
    assert (result.title, result.date) == ("Joint letter on the water bill", "2020-09-23")


def test_a_heading_that_shortens_labels_or_is_no_title_gives_way_to_the_front_title():
    front = '---\ntitle: "Coalition calls for a digital firewall for democracy"\n---\n\n'
    for heading in (
        "A digital firewall",  # the title shortened
        "JOINT STATEMENT",  # a label of its kind
        "WE SAY NO TO THE NEW MINE IN THE VALLEY. OUT WITH THE COMPANY NOW",  # two sentences
    ):
        text = f"{front}## {heading}\n\n{LETTER_BODY}"
        result = parse_bytes(text.encode(), "letter.md")
        assert result.title == "Coalition calls for a digital firewall for democracy", heading
    text = f"{front}## Open letter of the river groups\n\n{LETTER_BODY}"
    assert parse_bytes(text.encode(), "letter.md").title == "Open letter of the river groups"


def test_an_addressee_set_as_a_heading_is_no_title():
    html = (
        "<html><body><h2>Open letter to the minister: the archives must stay open</h2>"
        "<h1>For the attention of the Minister of the Interior</h1>"
        "<p>We, historians and archivists, ask you to restore access to the archives of the "
        "ministry, closed since last year without any reason given.</p>"
        "<h1>List of signatories</h1><p>Too many to print here.</p></body></html>"
    )
    result = parse_bytes(html.encode(), "letter.html")
    assert result.title == "Open letter to the minister: the archives must stay open"


def test_front_matter_run_into_the_first_paragraphs_of_a_printed_page_gives_title_and_date():
    text = (
        'published: true layout: post title: "Joint letter on the water bill" subtitle:\n\n'
        "link: /assets/x.pdf date: 2024-02-01 categories: Other authors: [web]\n\n"
        + LETTER_BODY.replace("- ", "")
    )
    result = parse_bytes(text.encode(), "letter.txt")
    assert (result.title, result.date) == ("Joint letter on the water bill", "2024-02-01")


def test_a_list_ends_at_its_contacts_and_its_capital_headings_name_no_one():
    lines = [
        "Firman la declaración:",
        "ASAMBLEAS, ONGs Y OTRAS INSTITUCIONES",
        "Fundación Río Limpio, Mendoza, Argentina.",
        "Kawsay, organización de comunidades campesinas de Salta, Salta, Argentina.",
        "Asamblea del Agua de Tilcara, Jujuy, Argentina.",
        "Red de Huertas Urbanas, Rosario, Argentina.",
        "Cooperativa El Trébol, Córdoba, Argentina.",
        "Colectivo Tierra Viva, Neuquén, Argentina.",
        "PERSONAS",
        "Ana María Quiroga, docente, Córdoba, Argentina.",
        "CONTACTOS PARA MAYOR INFORMACIÓN",
        "Luis Pereyra",
        "Teléfono y WhatsApp: +54 9 351 000000",
    ]
    text = (
        "# Declaración por el agua\n\nExigimos el cierre definitivo de la mina y la "
        "reparación integral de los daños causados a los ríos de la provincia.\n\n"
        + "  \n".join(lines)
        + "\n"
    )
    result = parse_bytes(text.encode(), "declaracion.md")
    names = [e.name for e in result.signatories]
    assert len(names) == 7
    assert names[0] == "Fundación Río Limpio"
    assert names[1].startswith("Kawsay")  # a line ending in its country is no sentence
    assert names[-1] == "Ana María Quiroga"
    assert result.signatories[-1].kind == "person"


def test_organizations_run_together_with_their_countries_after_dashes_are_cut():
    html = (
        "<html><body><h1>Declaración regional</h1><p>Las organizaciones abajo firmantes "
        "exigimos que los gobiernos de la región respeten los derechos humanos en internet y "
        "abran sus procesos de decisión a la sociedad civil.</p>"
        "<p><strong>Adhieren:</strong> Radio Libre Sur - Chile Fundación Datos Abiertos - "
        "Colombia Red Comunitaria del Valle - Costa Rica Centro de Estudios Digitales Colectivo "
        "Voces - Perú Asociación Tejido Urbano - Chiapas, México</p></body></html>"
    )
    result = parse_bytes(html.encode(), "declaracion.html")
    assert [(e.name, e.country) for e in result.signatories] == [
        ("Radio Libre Sur", "CL"),
        ("Fundación Datos Abiertos", "CO"),
        ("Red Comunitaria del Valle", "CR"),
        ("Centro de Estudios Digitales", None),
        ("Colectivo Voces", "PE"),
        ("Asociación Tejido Urbano", "MX"),
    ]


def test_toml_front_matter_printed_as_text_gives_the_title_and_date():
    text = (
        '+++ author = "Web Team" date = 2021-04-14T05:57:55Z draft = false title = "Joint '
        'letter on the water bill"\n\n+++\n\n' + LETTER_BODY.replace("- ", "")
    )
    result = parse_bytes(text.encode(), "letter.txt")
    assert (result.title, result.date) == ("Joint letter on the water bill", "2021-04-14")


def test_a_front_matter_table_printed_with_wrapped_values_is_no_title():
    text = (
        "layout   title   date   publishdate   author\n"
        "events   Joint letter on   2021-06-12   2021-06-12   River\n"
        "the water   12:33:00   00:00:00   Groups\n\n"
        "Joint letter on the water bill\n\n" + LETTER_BODY.replace("- ", "")
    )
    result = parse_bytes(text.encode(), "letter.txt")
    assert (result.title, result.date) == ("Joint letter on the water bill", "2021-06-12")


def test_a_numbered_list_whose_names_hold_commas_is_no_comma_list():
    text = (
        "Statement on the strike\n\nThe undersigned organizations condemn the repression of "
        "the strike and call for solidarity with the workers.\n\nSignatories:\n\n"
        "1. AA   Party, Workers (independiente) of Germany\n"
        "2. BB   Committee, Workers of the Docks,\nGermany\n"
        "3. CC   Party, Workers of Peru\n"
        "4. DD   Union, Workers of Chile\n"
    )
    result = parse_bytes(text.encode(), "statement.txt")
    assert [(e.abbreviation, e.name) for e in result.signatories] == [
        ("AA", "Party, Workers (independiente) of Germany"),
        ("BB", "Committee, Workers of the Docks"),
        ("CC", "Party, Workers of Peru"),
        ("DD", "Union, Workers of Chile"),
    ]


def test_an_organization_followed_by_its_places_is_one_entry():
    lines = [
        "Asociación Escuela de Montaña, Camino a Farellones, Santiago, Lo Barnechea, Región",
        "Fundación Río Limpio, Mendoza, Argentina.",
        "Cooperativa El Trébol, Córdoba, Argentina.",
    ]
    text = (
        "# Declaración por el agua\n\nExigimos el cierre definitivo de la mina y la "
        "reparación integral de los daños causados a los ríos de la provincia.\n\n"
        "Firman la declaración:\n" + "  \n".join(lines) + "\n"
    )
    result = parse_bytes(text.encode(), "declaracion.md")
    assert [e.name for e in result.signatories][1:] == [
        "Fundación Río Limpio",
        "Cooperativa El Trébol",
    ]
    assert result.signatories[0].name.startswith("Asociación Escuela de Montaña")
