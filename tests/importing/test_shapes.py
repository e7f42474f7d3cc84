"""Shapes of lists and lines the parser reads, one at a time."""

import pytest

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.signatories import is_list_heading
from undersigned.importing.parsers.text import parse_text
from undersigned.importing.parsers.wrapping import join_lines
from undersigned.importing.readers.pdf import _running_lines

pytestmark = pytest.mark.database_free


@pytest.mark.parametrize(
    "heading",
    ["Signatories:", "Signataires (au 5 juin 2023) :", "Firmantes:", "## Unterzeichner",
     "İmzacılar:", "Подписавшие:", "Signed by:", "Individual signatories:"],
)  # fmt: skip
def test_list_headings_are_recognized_in_several_languages(heading):
    assert is_list_heading(heading)


def test_a_sentence_about_signatories_is_no_heading():
    assert not is_list_heading("The signatories call on all unions to join the strike today.")


def test_a_broken_word_is_joined_and_a_compound_keeps_its_hyphen():
    assert join_lines(["National Ma-", "nifesto"]) == "National Manifesto"
    assert join_lines(["Marxist-", "Leninist"]) == "Marxist-Leninist"
    assert join_lines(["ultra-", "reactionary"], frozenset({"ultra-reactionary"})) == (
        "ultra-reactionary"
    )


def test_running_footers_repeat_with_different_page_numbers():
    pages = [
        [(f"{word} {line}", False) for line in ("a", "b", "c")] + [(f"Title {n} / 3", False)]
        for n, word in enumerate(("one", "two", "three"), start=1)
    ]
    # a footer: at the bottom of every page, never at the top
    assert _running_lines(pages) == (set(), {"Title # / #"})


def test_addressees_are_not_signatories():
    text = "Title\n\nText of the letter.\n\nSigned by:\nJane Doe, Lawyer\n\nCc: The Minister\n"
    result = parse_text(text, source="x.txt")
    assert [entry.name for entry in result.signatories] == ["Jane Doe"]


def test_without_a_country_in_the_text_the_country_is_null():
    text = "Title\n\nText.\n\nSignatories:\nRed Dawn Collective\n"
    (entry,) = parse_text(text, source="x.txt").signatories
    assert (entry.name, entry.country) == ("Red Dawn Collective", None)


def test_an_ambiguous_country_is_null_with_a_warning():
    text = "Title\n\nText.\n\nSignatories:\nRevolutionary Organization, Congo\n"
    result = parse_text(text, source="x.txt")
    assert result.signatories[0].country is None
    assert "'Congo' could be several countries" in result.warnings


def test_a_discipline_after_the_institution_is_neither_affiliation_nor_role():
    text = (
        "Title\n\nText.\n\nSignatories:\nJane Doe, TU Berlin - Computer Science\n"
        "John Roe, University of Bonn, Germany - Earth and Planetary Sciences\n"
        "Ann Poe, Freie Universität Berlin - Arts and Humanities\n"
    )
    entries = parse_text(text, source="x.txt").signatories
    assert [(e.name, e.role, e.affiliation, e.country) for e in entries] == [
        ("Jane Doe", None, "TU Berlin", None),
        ("John Roe", None, "University of Bonn", "DE"),
        ("Ann Poe", None, "Freie Universität Berlin", None),
    ]


def test_a_discipline_that_is_the_whole_description_stays():
    (entry,) = parse_text(
        "Title\n\nText.\n\nSignatories:\nJane Doe, Professor - Political Science\n", source="x.txt"
    ).signatories
    assert entry.role == "Professor - Political Science"


SIGNED = (
    "\n\nText of the letter, long enough to be a letter.\n\nSignatories:\n\n- Red Dawn Collective\n"
)


@pytest.mark.parametrize("key", ["createdAt", "post_date", "publishDate"])
def test_the_front_matter_date_is_read_under_the_names_site_generators_give_it(key):
    text = f"---\ntitle: A letter\n{key}: 2024-07-17 10:00:00\n---\n{SIGNED}"
    assert parse_bytes(text.encode(), "letter.md").date == "2024-07-17"


def test_front_matter_a_converter_printed_as_a_table_is_metadata_not_text():
    text = (
        "| layout | title | date |\n|---|---|---|\n| post | A letter | 2022-11-21 13:20:00 |\n\n"
        f"# A letter{SIGNED}"
    )
    result = parse_bytes(text.encode(), "letter.md")
    assert (result.date, result.title) == ("2022-11-21", "A letter")
    assert "layout" not in result.body


def test_front_matter_run_into_a_paragraph_the_page_wrapped_is_metadata():
    text = (
        "layout: post tags: - post date: 2019-12-\n17 image: /img/x.jpg title: Statement for\n"
        f"the Protection of Defenders{SIGNED}"
    )
    result = parse_bytes(text.encode(), "letter.txt")
    assert (result.date, result.title) == (
        "2019-12-17",
        "Statement for the Protection of Defenders",
    )


def test_the_document_heading_beats_a_site_title_that_says_another_thing():
    text = f"---\ntitle: Groups declare their solidarity\n---\n## Open letter of the groups{SIGNED}"
    assert parse_bytes(text.encode(), "letter.md").title == "Open letter of the groups"


def test_a_heading_that_shortens_the_site_title_leaves_the_full_title():
    title = "No to mass surveillance, yes to repeal"
    text = f"---\ntitle: {title}\n---\n## No to mass surveillance{SIGNED}"
    assert parse_bytes(text.encode(), "letter.md").title == title


def test_a_front_matter_title_ending_in_a_colon_goes_on_in_its_subtitle():
    text = f"---\ntitle: 'Open letter of the groups:'\nsubtitle: Stop the repression\n---\n{SIGNED}"
    assert parse_bytes(text.encode(), "letter.md").title == (
        "Open letter of the groups: Stop the repression"
    )


def test_a_scripts_first_line_and_language_links_are_no_title():
    text = (
        "#!/usr/bin/php\npdf\n\nOpen letter to the Director-General and all\n\nMembers\n\n"
        f"19 November 2021{SIGNED}"
    )
    result = parse_bytes(text.encode(), "letter.txt")
    assert result.title == "Open letter to the Director-General and all Members"
    assert result.date == "2021-11-19"


@pytest.mark.parametrize(
    ("description", "role", "affiliation"),
    [
        ("Presidenta de la FAVB", "Presidenta", "FAVB"),
        ("Investigadora doctoral del CREAF", "Investigadora doctoral", "CREAF"),
        ("Oceanógrafa y jefa de comunicación científica del CEAB (CSIC)",
         "Oceanógrafa y jefa de comunicación científica", "CEAB (CSIC)"),
        ("Président de l'Observatoire Zététique", "Président", "Observatoire Zététique"),
        ("Vice President of the Party of the European Left (PEL)", "Vice President",
         "Party of the European Left (PEL)"),
        # a second role after the institution: one description, kept whole
        ("Presidenta de la FIDEM y vicepresidenta de Amat Immobiliaris",
         "Presidenta de la FIDEM y vicepresidenta de Amat Immobiliaris", None),
        ("Chercheur en Histoire Contemporaine", "Chercheur en Histoire Contemporaine", None),
    ],
)  # fmt: skip
def test_a_role_at_an_institution_gives_a_role_and_an_affiliation(description, role, affiliation):
    text = f"Title\n\nText.\n\nSignatories:\n\n- Ana Menéndez Bartolomé, {description}\n"
    (entry,) = parse_text(text, source="x.txt").signatories
    assert (entry.kind, entry.role, entry.affiliation) == ("person", role, affiliation)


def test_a_server_pages_directive_is_neither_title_nor_entry():
    page = (
        '<%@ Page Language="C#" MasterPageFile="~/Site.master" Title="Bülten" %>\n'
        '<asp:Content ID="c" runat="server"><h1>Kadınların Bildirisi</h1><p>Metin.</p>'
        "<p>İmzacılar:<br>Van Kadın Derneği<br>Mor Çatı Kadın Sığınağı Vakfı</p></asp:Content>"
    )
    result = parse_bytes(page.encode(), "bildiri.aspx.html")
    assert result.title == "Kadınların Bildirisi"
    assert [e.name for e in result.signatories] == [
        "Van Kadın Derneği", "Mor Çatı Kadın Sığınağı Vakfı",
    ]  # fmt: skip


def test_a_list_of_the_sites_other_articles_is_no_list_of_signatories():
    links = "".join(
        f'<a href="yazi{n}.aspx">Direniş Çadırında Mücadele {n}, Selma Eroğlu, Mühendis</a><br>'
        for n in range(5)
    )
    page = f"<html><body><h1>Deklarasyon</h1><p>Metin.</p><p>{links}</p></body></html>"
    assert parse_bytes(page.encode(), "x.html").signatories == []


@pytest.mark.parametrize("closing", ["In Fede,", "Cordiali saluti,", "Με εκτίμηση,", "Um abraço,"])
def test_a_closing_in_any_of_our_languages_is_never_an_entry(closing):
    text = (
        f"Lettera\n\nTesto della lettera.\n\n{closing}\n\n"
        "Michele Sciabarrà - Sviluppatore Backend\nOrizio Pierangelo - Full Stack developer\n"
    )
    entries = parse_text(text, source="x.txt").signatories
    assert [e.name for e in entries] == ["Michele Sciabarrà", "Orizio Pierangelo"]


def test_an_acronym_glued_to_a_hyphen_before_the_name_is_its_abbreviation():
    text = (
        "Bildiri\n\nMetin.\n\nİmzacılar:\n\n- AKDAM- Adana Kadın Danışma Merkezi\n"
        "- GIKAD -Girisimci Kadinlarin Desteklenmesi Dernegi\n- PHM- Japan Circle\n"
        "- Buca Evka-1 Kadın Kültür Evi\n"
    )
    entries = parse_bytes(text.encode(), "x.md").signatories
    assert [(e.abbreviation, e.name) for e in entries] == [
        ("AKDAM", "Adana Kadın Danışma Merkezi"),
        ("GIKAD", "Girisimci Kadinlarin Desteklenmesi Dernegi"),
        (None, "PHM- Japan Circle"),
        (None, "Buca Evka-1 Kadın Kültür Evi"),
    ]


BODY = (
    "O Brasil mudou nos últimos anos. Houve redução do desemprego e melhoria da renda do "
    "trabalhador. Milhões de brasileiros saíram da pobreza extrema e outros tantos conquistaram "
    "a casa própria, e o país precisa reencontrar o caminho do desenvolvimento."
)


def test_paragraphs_ending_in_semicolons_are_one_list_with_trailing_abbreviations():
    orgs = [
        "Movimento dos Trabalhadores Rurais Sem Terra - MST;",
        "Comissão Pastoral da Terra - CPT;",
        "Levante Popular da Juventude",
        "Movimento dos Atingidos por Barragens – MAB;",
        "Movimento dos Pequenos Agricultores - MPA;",
    ]
    text = f"# Manifesto\n\n{BODY}\n\nOrganizações:\n\n" + "\n\n".join(orgs) + "\n"
    entries = parse_bytes(text.encode(), "x.md").signatories
    assert [(e.abbreviation, e.name) for e in entries] == [
        ("MST", "Movimento dos Trabalhadores Rurais Sem Terra"),
        ("CPT", "Comissão Pastoral da Terra"),
        (None, "Levante Popular da Juventude"),
        ("MAB", "Movimento dos Atingidos por Barragens"),
        ("MPA", "Movimento dos Pequenos Agricultores"),
    ]


def test_a_dash_glued_to_a_persons_name_parts_name_and_role():
    people = [
        "Alfredo Saad Filho- professor de Economia Política",
        "Anivaldo Padilha - Líder Ecumênico",
        "Cândido Grzybowski- Diretor do Ibase",
        "Luiz Gonzaga Belluzzo é professor titular do Instituto de Economia (IE) da "
        "Universidade Estadual de Campinas e foi secretário de Política Econômica",
        "Marta Skinner- Uerj- professora universitária",
    ]
    text = f"# Manifesto\n\n{BODY}\n\nPersonalidades\n\n" + "\n\n".join(people)
    entries = parse_bytes(text.encode(), "x.md").signatories
    assert [(e.kind, e.name) for e in entries] == [
        ("person", "Alfredo Saad Filho"),
        ("person", "Anivaldo Padilha"),
        ("person", "Cândido Grzybowski"),
        ("person", "Luiz Gonzaga Belluzzo é professor titular do Instituto de Economia (IE) da "
         "Universidade Estadual de Campinas e foi secretário de Política Econômica"),
        ("person", "Marta Skinner"),
    ]  # fmt: skip


CATALAN_BODY = (
    "Per aquest motiu, les persones sotasignants, càrrecs electes dels nostres municipis, "
    "reafirmem el nostre compromís amb la República i fem extensiu el nostre suport a la "
    "coalició, també als pobles i ciutats dels nostres territoris."
)


def test_a_catalan_list_of_people_with_their_town_in_brackets():
    people = [
        "Pilar Castillejo (Ripollet)", "Oriol Mor (Ripollet)", "Fran Sánchez (Ripollet)",
        "Laia Sabater (Badalona)", "Teresa Franco (Gramenet)", "Maurici Jaumeandreu (Cerdanyola)",
    ]  # fmt: skip
    text = f"# Manifest\n\n{CATALAN_BODY}\n\nSignen,\n\n" + "".join(f"- {p}\n" for p in people)
    result = parse_bytes(text.encode(), "x.md")
    entries = result.signatories
    # 'Signen,' introduces the list and is no entry; a person's own name names no country
    # ('Franco', 'Maurici' is Catalan for Mauritius); the town is where they belong
    assert [(e.kind, e.name, e.affiliation, e.country) for e in entries] == [
        ("person", p.split(" (")[0], p.split("(")[1].rstrip(")"), None) for p in people
    ]
    assert result.language == "ca"


def test_a_birth_name_in_brackets_stays_in_a_persons_name():
    people = ["Ralf Koehl (ne Gramlich)", "Jane Roe", "John Doe", "Mary Major", "Richard Miles"]
    text = "# Offener Brief\n\nText des Briefes.\n\nUnterzeichner:\n\n" + "".join(
        f"- {p}\n" for p in people
    )
    assert [e.name for e in parse_bytes(text.encode(), "x.md").signatories] == people


@pytest.mark.parametrize(
    ("page", "date"),
    [
        # a dateline on a line of its own inside the title's block
        ("<h1>Kadınların Bildirisi<br>30 Haziran 2010, İstanbul</h1><p>Metin.</p>", "2010-06-30"),
        ("<p>Erklärung<br>Donnerstag, 15.03.2018<br>Wir fordern etwas.</p>", "2018-03-15"),
        # a press release's line
        ("<h1>Déclaration</h1><p>Pour publication immédiate : 30 mars 2026</p><p>Texte.</p>",
         "2026-03-30"),
    ],
)  # fmt: skip
def test_a_dateline_is_read_wherever_it_stands_on_its_own(page, date):
    assert parse_bytes(f"<html><body>{page}</body></html>".encode(), "x.html").date == date


@pytest.mark.parametrize("key", ["datum", "publishedDate", "fecha", "published_at"])
def test_the_front_matters_date_is_read_under_the_names_sites_give_it(key):
    text = f"---\ntitle: Brief\n{key}: 2025-03-04\n---\n\n# Brief\n\nText.\n"
    assert parse_bytes(text.encode(), "x.md").date == "2025-03-04"


def test_a_catalan_date_with_an_elided_de():
    text = "# Manifest\n\nBarcelona, 1 d’octubre de 2017\n\nText del manifest.\n"
    assert parse_bytes(text.encode(), "x.md").date == "2017-10-01"


def test_words_in_a_small_font_are_parted_where_pdfium_saw_a_space():
    from undersigned.importing.readers.pdf import _chars_to_words

    def chars(word, left, spaced):
        # 5.7 points a letter, touching; the first marked where PDFium inferred a space
        return [
            (char, left + 5.7 * n, left + 5.7 * (n + 1), 100.0, 19.9, True, spaced and n == 0)
            for n, char in enumerate(word)
        ]

    # a 2.6-point gap (a space in Chromium's print of a heading) is narrower than 3 points
    line = chars("28", 266.1, False) + chars("Kommentare", 266.1 + 11.4 + 2.6, True)
    assert [w["text"] for w in _chars_to_words(line)] == ["28", "Kommentare"]
    # where PDFium saw no space, such a gap is kerning inside a word
    line = chars("28", 266.1, False) + chars("Kommentare", 266.1 + 11.4 + 2.6, False)
    assert [w["text"] for w in _chars_to_words(line)] == ["28Kommentare"]


def test_the_front_matter_title_is_read_as_yaml_writes_it_and_under_name():
    escaped = '---\ntitle: "Carta sobre o di\\u00e1logo"\n---\n\nTexto da carta.\n'
    assert parse_bytes(escaped.encode(), "x.md").title == "Carta sobre o diálogo"
    named = "---\nlayout: post\nname: Open Letter on Facilities\n---\n\n**Professor Jane Roe**"
    named += "<br>\nExecutive Chair, A Council\n\nDear Professor Roe,\n\nWe write to you.\n"
    assert parse_bytes(named.encode(), "x.md").title == "Open Letter on Facilities"


def test_front_matter_printed_as_one_paragraph_gives_title_and_date_under_any_keys():
    # a Markdown page converted to a document: its front matter run into one paragraph
    page = (
        '<p>id: 12 date: "2019-01-01T18:05:03Z" tags: - "carta" title: "Carta das '
        'centrais" autor: null</p><p>Senhor Presidente,</p><p>Texto da carta.</p>'
    )
    result = parse_bytes(f"<html><body>{page}</body></html>".encode(), "x.html")
    assert (result.title, result.date) == ("Carta das centrais", "2019-01-01")


def test_a_body_in_brackets_after_a_role_is_where_the_person_works():
    lines = [
        "- **Adam Worley**, Senior Software Developer",
        "- **Jane Roe**, Software Engineer (Giant Digital), Contributor",
        "- **Anonymous**, Software Engineer (Sainsbury's)",
        "- **John Doe**, Researcher (University of Edinburgh)",
        "- **Mary Major**, Activista vecinal (FAVB)",
    ]
    text = "# Letter\n\nWe ask for something.\n\nSigned,\n\n" + "\n".join(lines) + "\n"
    found = parse_bytes(text.encode(), "x.md").signatories
    assert [(e.kind, e.name, e.role, e.affiliation) for e in found] == [
        ("person", "Adam Worley", "Senior Software Developer", None),
        ("person", "Jane Roe", "Software Engineer, Contributor", "Giant Digital"),
        ("person", "Anonymous", "Software Engineer", "Sainsbury's"),
        ("person", "John Doe", "Researcher", "University of Edinburgh"),
        # an abbreviation in brackets is the description's, and stays in it
        ("person", "Mary Major", "Activista vecinal (FAVB)", None),
    ]


def test_the_date_a_person_signed_after_their_name_is_no_part_of_the_entry():
    people = ["Gene Gendel, Aug 4, 2019", "Rowan Bunning, Sydney, Australia, Aug 4, 2019"]
    people += ["Jane Roe, Aug 5, 2019", "John Doe, Aug 5, 2019", "Mary Major, Aug 6, 2019"]
    text = "# Call\n\nWe call for less.\n\nSigned:\n\n" + "".join(f"* {p}\n" for p in people)
    found = parse_bytes(text.encode(), "x.md").signatories
    assert [(e.name, e.country) for e in found] == [
        ("Gene Gendel", None), ("Rowan Bunning", "AU"), ("Jane Roe", None),
        ("John Doe", None), ("Mary Major", None),
    ]  # fmt: skip


def test_the_addressees_listed_after_dirigida_a_are_no_list_of_signatories():
    addressees = ["Ministerio del Medio Ambiente", "Colciencias", "Rectores de Universidades"]
    text = "# Carta abierta\n\nDirigida a:\n" + "".join(f"- {a}\n" for a in addressees)
    text += "\n\nSeñoras y señores,\n\nColombia está atravesando un periodo histórico.\n"
    assert parse_bytes(text.encode(), "x.md").signatories == []


def test_a_run_of_name_and_role_entries_the_page_wrapped_is_split_before_each_name():
    run = (
        "Stéphanie Abrial, Ingénieure de recherche en science politique Marie-Charlotte Allam,\n"
        "Enseignante-chercheure en science politique Gilles Bastin, Professeur de sociologie\n"
        "Renaud Bécot, Maître de conférences en histoire Marit van Dijk, Professeure de\n"
        "science politique Fenaba Addo, Associate Professor of Consumer Science"
    )
    text = "Tribune\n\nNous demandons un débat.\n\nLes signataires :\n\n" + run + "\n"
    found = parse_bytes(text.encode(), "x.txt").signatories
    assert [(e.name, e.role) for e in found] == [
        ("Stéphanie Abrial", "Ingénieure de recherche en science politique"),
        ("Marie-Charlotte Allam", "Enseignante-chercheure en science politique"),
        ("Gilles Bastin", "Professeur de sociologie"),
        ("Renaud Bécot", "Maître de conférences en histoire"),
        ("Marit van Dijk", "Professeure de science politique"),
        # 'of' carries the role on: 'Consumer Science' is no one's name
        ("Fenaba Addo", "Associate Professor of Consumer Science"),
    ]


def test_a_line_of_a_list_holding_two_name_and_role_entries_is_two_entries():
    lines = [
        "Céline Belot, Chargée de recherches en science politique",
        "Marine Bourgeois, Maîtresse de conférences en science politique Arnaud Buchs, "
        "Maître de conférences en économie",
        "David Shaw, Coordinador del Campus Santa Cruz",
    ]
    text = "# Tribune\n\nNous demandons un débat.\n\nLes signataires :\n\n" + "\n".join(lines)
    found = parse_bytes((text + "\n").encode(), "x.md").signatories
    assert [(e.name, e.role) for e in found[:3]] == [
        ("Céline Belot", "Chargée de recherches en science politique"),
        ("Marine Bourgeois", "Maîtresse de conférences en science politique"),
        ("Arnaud Buchs", "Maître de conférences en économie"),
    ]
    # a role ending in a capitalized word goes on: 'Santa Cruz' is a place, no one's name
    assert [e.name for e in found[3:]] == ["David Shaw"]


def test_the_bold_name_an_odt_line_starts_with_is_read_as_in_markdown(tmp_path):
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import List, ListItem, P, SoftPageBreak, Span

    document = OpenDocumentText()
    strong = Style(name="Strong_20_Emphasis", family="text")
    strong.addElement(TextProperties(fontweight="bold"))
    document.styles.addElement(strong)
    document.text.addElement(P(text="We ask for something."))
    document.text.addElement(P(text="Signed,"))
    signers = List()
    for index, (name, role) in enumerate(
        [("Anonymous", "Software Developer"), ("Jane Roe", "Student"), ("Anonymous", "Sysadmin")]
    ):
        paragraph = P()
        if index == 2:
            paragraph.addElement(SoftPageBreak())  # LibreOffice writes one where a page ends
        paragraph.addElement(Span(stylename=strong, text=name))
        paragraph.addText(f", {role}")
        item = ListItem()
        item.addElement(paragraph)
        signers.addElement(item)
    document.text.addElement(signers)
    path = tmp_path / "letter.odt"
    document.save(str(path))
    found = parse_bytes(path.read_bytes(), "letter.odt").signatories
    assert [(e.kind, e.name, e.role) for e in found] == [
        ("person", "Anonymous", "Software Developer"),
        ("person", "Jane Roe", "Student"),
        ("person", "Anonymous", "Sysadmin"),
    ]


def test_a_pdf_tables_row_numbers_printed_against_the_names_are_a_column_of_their_own():
    from undersigned.importing.readers.pdf import _number_column

    rows = [["NO. Name", "Year", "Country"], ["4 Pei-Ting Sarah Chou", "2010/2011", "Taiwan"]]
    rows += [["5 Angela Anzola", "2014/2015", "Colombia"], ["6 Rocío Quintero", "2015", "Peru"]]
    assert [row[:2] for row in _number_column(rows)] == [
        ["", "NO. Name"], ["4", "Pei-Ting Sarah Chou"], ["5", "Angela Anzola"],
        ["6", "Rocío Quintero"],
    ]  # fmt: skip
    # numbers that do not follow each other are part of the names ('11.11.11', '350 Org')
    odd = [["350 Org", "x"], ["7 Days", "y"], ["12 Step", "z"]]
    assert _number_column(odd) == odd


def test_a_pdf_title_in_a_large_font_over_several_lines_is_read_whole():
    import typst

    source = "\n".join(
        [
            '#set page(paper: "a5")',
            "#text(size: 22pt)[Renforcer plutôt qu’affaiblir la CNUCED dans son rôle dans la "
            "gouvernance mondiale: vers un développement inclusif et durable]",
            "",
            "Dimanche, 22 avril 2012",
            "",
            "Depuis le début de la crise financière et économique mondiale, la CNUCED a joué "
            "un rôle important en identifiant les causes majeures de ces crises. " * 3,
            "",
            "Signataires :",
            "",
            *(f"- Organisation {n} des travailleurs" for n in range(1, 6)),
        ]
    )
    result = parse_bytes(typst.compile(source.encode("utf-8")), "x.pdf")
    assert result.title == (
        "Renforcer plutôt qu’affaiblir la CNUCED dans son rôle dans la gouvernance mondiale: "
        "vers un développement inclusif et durable"
    )
    assert len(result.signatories) == 5
