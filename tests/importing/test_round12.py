"""Classes of documents the twelfth round of import work reads, one test each, on small
texts written here (not on the corpus, which measures them). Each class is one that holds
beyond the publisher it was seen at; the docstring of each test says why."""

import pytest
import typst

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free

BODY = (
    "We ask the ministry to keep the reading rooms of the county open in the evenings, "
    "because students and workers depend on them for their studies and their work."
)


def parse_md(text: str):
    return parse_bytes(text.encode(), "letter.md")


def test_an_institution_written_before_the_position_gives_both():
    """'Name, Institution, Position' is as common as 'Name, Position, Institution' in sign-on
    forms that ask for the institution first: the functions at the end are the role."""
    people = [
        ("Jane Roe", "Northfield Public Library", "Head of Collections"),
        ("Omar Haddad", "Lakeside College", "Library Director"),
        ("Mei Tanaka", "Riverbend University School of Law", "Professor of Law"),
        ("Paul Grant", "Westmoor Archive", "Digital Preservation Manager"),
    ]
    lines = "\n".join(f"- {n}, {i}, {r}" for n, i, r in people)
    result = parse_md(f"# Letter\n\n{BODY}\n\n## Signatories\n\n{lines}\n")
    assert [(e.kind, e.name, e.role, e.affiliation) for e in result.signatories] == [
        ("person", n, r, i) for n, i, r in people
    ]


def test_an_institution_then_a_field_of_study_stays_the_affiliation():
    # a guard: what follows the institution must read as a function to be the role
    lines = "\n".join(
        f"- {n}, {i}"
        for n, i in [
            ("Jane Roe", "University of Northfield, Department of History"),
            ("Omar Haddad", "Lakeside College, Faculty of Law"),
            ("Mei Tanaka", "Riverbend University"),
        ]
    )
    result = parse_md(f"# Letter\n\n{BODY}\n\n## Signatories\n\n{lines}\n")
    assert [e.role for e in result.signatories] == [None, None, None]
    assert result.signatories[0].affiliation == "University of Northfield, Department of History"


def test_institutional_and_individual_headings_give_the_kind():
    """Sign-on pages split their list under 'Institutional' and 'Individual' (adjectives,
    not the plural nouns 'Organizations', 'Individuals'): each heading says what follows."""
    html = (
        f"<html><body><h1>Position statement</h1><p>{BODY}</p><h2>Signatories</h2>"
        "<h3>Institutional</h3><ul><li>Northfield Public Library</li>"
        "<li>Open Shelves</li><li>Lakeside Books</li></ul>"
        "<h3>Individual</h3><ul><li>Jane Roe</li><li>Omar Haddad</li>"
        "<li>Mei Tanaka</li></ul></body></html>"
    )
    result = parse_bytes(html.encode(), "statement.html")
    assert [(e.kind, e.name) for e in result.signatories] == [
        ("organization", "Northfield Public Library"),
        ("organization", "Open Shelves"),
        ("organization", "Lakeside Books"),
        ("person", "Jane Roe"),
        ("person", "Omar Haddad"),
        ("person", "Mei Tanaka"),
    ]


def test_a_short_form_after_a_dash_whose_letters_are_another_language_s():
    """'Dutch Research Council - NWO': the short form after the name is in the body's own
    language, so its letters need not spell the name printed; three capitals or more after
    an organization's name and a dash are its abbreviation, a country's code is not."""
    lines = [
        "* Northern Research Council - NRFK (Norway)",
        "* Dutch Science Foundation - NWS (Netherlands)",
        "* Open Data Institute (United Kingdom)",
        "* Friends of the Library - USA",
    ]
    result = parse_md(f"# Declaration\n\n{BODY}\n\n## Signatories\n\n" + "\n".join(lines) + "\n")
    assert [(e.abbreviation, e.name, e.country) for e in result.signatories] == [
        ("NRFK", "Northern Research Council", "NO"),
        ("NWS", "Dutch Science Foundation", "NL"),
        (None, "Open Data Institute", "GB"),
        (None, "Friends of the Library", "US"),
    ]


def test_a_person_s_institution_after_a_dash_is_no_abbreviation():
    # a guard: 'Name, Role - ABBR' and 'Name – Organization – ABBR' are people
    lines = [
        "- Ana Lima, Professora de História - UFRJ",
        "- Carlos Souza – Coordenador da Área de Saúde – FLXO",
        "- Marta Reis, Engenheira - USP",
    ]
    result = parse_md(f"# Manifesto\n\n{BODY}\n\n## Assinaturas\n\n" + "\n".join(lines) + "\n")
    assert [e.abbreviation for e in result.signatories] == [None, None, None]


def test_international_in_brackets_where_the_country_stands_is_no_part_of_the_name():
    """A list of 'Name (Country)' writes '(international)' or '(global)' for a body of no
    one country: it stands where the country does, and names none."""
    lines = [
        "* Coastal University (Portugal)",
        "* Network of Open Libraries (international)",
        "* Reading Alliance (Global)",
        "* Harbour College (Ireland)",
    ]
    result = parse_md(f"# Declaration\n\n{BODY}\n\n## Signatories\n\n" + "\n".join(lines) + "\n")
    assert [(e.name, e.country) for e in result.signatories] == [
        ("Coastal University", "PT"),
        ("Network of Open Libraries", None),
        ("Reading Alliance", None),
        ("Harbour College", "IE"),
    ]


SPONSORS = [
    ("Claire Dumas", "architecte"),
    ("Louis Perret", "photographe"),
    ("Anne Morel", "enseignante"),
    ("Hugo Barre", "médecin"),
    ("Inès Carré", "journaliste"),
    ("Marc Lenoir", "avocat"),
    ("Sophie Vidal", "chercheuse"),
    ("Paul Roux", "écrivain"),
    ("Lucie Faure", "musicienne"),
    ("Jean Pastor", "retraité"),
]


def test_first_names_alone_and_several_people_in_one_entry_in_a_list_of_people():
    """A local campaign's sponsors: people 'Name, description', among them children and
    neighbours by first name only, and several joined by 'et' before one description.
    Where the list is people with descriptions, those are people too, named as printed."""
    others = [
        ("Gabriel", "élève de CM2"),
        ("Alban et Mathilde", "usagers du parc"),
        ("Laury, Ysé et Pia", "famille en vacances"),
        ("Danielle", "retraitée"),
        ("Rose et Paul Martin", "riverains"),
    ]
    entries = SPONSORS[:5] + others + SPONSORS[5:]
    items = "".join(f"<li>{n}, {d}</li>" for n, d in entries)
    html = f"<html><body><h1>Parrainages</h1><p>{BODY}</p><ul>{items}</ul></body></html>"
    result = parse_bytes(html.encode(), "parrainages.html")
    assert [(e.kind, e.name, e.role) for e in result.signatories] == [
        ("person", n, d) for n, d in entries
    ]


def test_an_organization_with_a_description_in_a_list_of_people_stays_one():
    # a guard: what follows the comma names an organization's kind
    entries = [*SPONSORS[:6], ("Les Amis du Parc", "association de quartier"), *SPONSORS[6:]]
    items = "".join(f"<li>{n}, {d}</li>" for n, d in entries)
    html = f"<html><body><h1>Parrainages</h1><p>{BODY}</p><ul>{items}</ul></body></html>"
    result = parse_bytes(html.encode(), "parrainages.html")
    assert result.signatories[6].kind == "organization"


CARDS = [
    ("Jane Roe", "Northfield Public Library", "Head of Collections, Digital Services"),
    ("Omar Haddad", "Lakeside College", "Library Director"),
    ("Mei Tanaka", "Riverbend University School of Law", "Professor of Law"),
    ("Paul Grant", "Westmoor Archive", "Manager, Reading Rooms"),
    ("Ada Lindqvist", "Harbour City Library", "Librarian"),
]


def test_people_printed_as_cards_a_bold_name_over_its_lines_in_a_pdf():
    """A web page's cards (a name in bold, then the institution and the position in blocks
    of their own) printed to PDF keep no space between one card and the next: only the
    weight of the name marks where each begins. Each card is one entry, its lines its
    parts, in any PDF whose names are bold."""
    lines = " \\\n".join(f"*{n}* \\\n{i} \\\n{r}" for n, i, r in CARDS)
    source = (
        '#set page(paper: "a4")\n= Signatories to the statement\n\n'
        f"{BODY}\n\n== Individual\n\n{lines}\n"
    )
    result = parse_bytes(typst.compile(source.encode("utf-8")), "statement.pdf")
    assert [(e.kind, e.name, e.affiliation, e.role) for e in result.signatories] == [
        ("person", n, i, r) for n, i, r in CARDS
    ]


def test_bold_names_without_lines_under_them_stay_one_entry_each_in_a_pdf():
    # a guard: a list of bold names alone is no list of cards
    names = [n for n, _, _ in CARDS]
    lines = " \\\n".join(f"*{n}*" for n in names)
    source = f'#set page(paper: "a4")\n= Letter\n\n{BODY}\n\n== Signatories\n\n{lines}\n'
    result = parse_bytes(typst.compile(source.encode("utf-8")), "letter.pdf")
    assert [e.name for e in result.signatories] == names


FANS = [
    ("Nora Blake", "Author and reviewer"),
    ("Ricardo", "Reader and fan!"),
    ("Tom Ashby", "translator"),
    ("Amber", "Reviewer"),
    ("Lena Ortiz", "Reader, teacher and fan!"),
    ("Jo Quinn", "editor"),
]


def test_a_bold_name_and_its_description_in_italics_however_the_description_ends():
    """'**Name** - *description* <br>': the bold name and the separator mark an entry, so a
    description ending in '!' is no slogan, and a first name alone is a person in a list of
    people; italics whose closing mark follows a space (no emphasis to CommonMark) leave no
    asterisks behind."""
    lines = [f"**{n}** - *{d}* <br> " for n, d in FANS]
    lines[0] = f"**{FANS[0][0]}** - *{FANS[0][1]} * <br> "  # a space before the closing mark
    people = [f"**Person {c} Example** - *writer* <br> " for c in "ABCDEFGHIJKL"]
    text = "\n".join(lines + people)
    result = parse_md(f"# Letter\n\n{BODY}\n\n## Signatories\n\n{text}\n")
    assert [(e.kind, e.name, e.role) for e in result.signatories][: len(FANS)] == [
        ("person", n, d) for n, d in FANS
    ]


def test_a_page_s_skip_link_and_hidden_headings_are_no_text_and_its_title_drops_the_site():
    """CMS themes (Drupal, WordPress, Bootstrap) open each page with a link for screen readers
    ('Skip to main content') and hidden headings ('Main navigation') in classes such as
    'visually-hidden' or 'sr-only': the page shows none of it. Their <title> is the page's
    name, a bar, then the site's."""
    names = ["Jane Roe", "Omar Haddad", "Mei Tanaka", "Paul Grant"]
    items = "".join(f"<li>{n}</li>" for n in names)
    html = (
        "<html><head><title>Signatories to the Reading Rooms Letter | Friends of Libraries"
        "</title></head><body>"
        '<a href="#main" class="visually-hidden focusable skip-link">Skip to main content</a>'
        '<h2 class="sr-only">Main navigation</h2>'
        f'<main id="main"><p>{BODY}</p><h1>Signatories to the Reading Rooms Letter</h1>'
        f"<ul>{items}</ul></main></body></html>"
    )
    result = parse_bytes(html.encode(), "page.html")
    assert result.title == "Signatories to the Reading Rooms Letter"
    assert [e.name for e in result.signatories] == names
    assert "Skip" not in result.body and "navigation" not in result.body
