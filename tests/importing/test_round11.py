"""Classes of documents the eleventh round of import work reads, one test each, on small
texts written here (not on the corpus, which measures them)."""

import base64
import io

import pytest

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free

BODY = (
    "We ask the Commission to keep its programme for open technology in the next budget, "
    "because small projects across the continent depend on it for their maintenance."
)
# a 1×1 PNG: a logo as far as a document can tell
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
NAMES = ["Lantern", "QUILLWORK", "Harbour-Net", "tidewater", "Brightline", "Ostrava Hackers"]


def test_a_table_of_logos_beside_names_is_a_list_of_signers_without_a_heading():
    rows = "".join(
        f'<tr><td><img src="logos/{n.lower()}.png" alt="{n} logo"></td><td>{n}</td></tr>'
        for n in NAMES
    )
    html = f"<div class='supporters'><table><tbody>{rows}</tbody></table></div>"
    result = parse_bytes(html.encode(), "signers.html")
    assert [(e.kind, e.name) for e in result.signatories] == [
        ("organization", name) for name in NAMES
    ]


def test_a_word_table_of_pictures_beside_names_is_a_list_of_signers():
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for name in NAMES:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run().add_picture(io.BytesIO(PIXEL))
        cells[1].text = name
    buffer = io.BytesIO()
    document.save(buffer)
    result = parse_bytes(buffer.getvalue(), "signers.docx")
    assert [e.name for e in result.signatories] == NAMES


def test_a_table_of_short_names_with_an_empty_column_is_no_list_without_pictures():
    # the same shape with no logos: a table of words says nothing of signers
    rows = "".join(f"<tr><td></td><td>{n}</td></tr>" for n in NAMES)
    html = f"<html><body><p>{BODY}</p><table>{rows}</table></body></html>"
    assert parse_bytes(html.encode(), "page.html").signatories == []


def test_logo_links_named_only_by_their_titles_under_a_heading_between_dashes():
    items = "".join(
        f'<li><a href="https://{n.lower()}.example" title="{n}"><img src="l{i}.png"></a>'
        f'<a href="https://{n.lower()}.example" title="{n}"></a></li>'
        for i, n in enumerate(NAMES[:4])
    )
    html = (
        f"<html><body><h1>Keep the programme</h1><p>{BODY}</p>"
        f"<h3>–Die Unterzeichnenden–</h3><ul>{items}</ul></body></html>"
    )
    result = parse_bytes(html.encode(), "aufruf.html")
    assert [e.name for e in result.signatories] == NAMES[:4]


def test_logo_links_nothing_introduces_as_signers_are_no_list():
    items = "".join(
        f'<li><a href="https://{n.lower()}.example" title="{n}"><img src="l{i}.png"></a></li>'
        for i, n in enumerate(NAMES[:4])
    )
    html = (
        f"<html><body><h1>Keep the programme</h1><p>{BODY}</p>"
        f"<h3>Our sponsors</h3><ul>{items}</ul></body></html>"
    )
    assert parse_bytes(html.encode(), "page.html").signatories == []


def test_entries_run_together_with_bullet_characters_are_one_entry_each():
    groups = [
        ("Lantern Collective for Open Technology", None), ("Quillwork Alliance", "QWA"),
        ("AFL-CIO", None), ("Harbour Guild of Community Networks", None),
        ("Tidewater Labs", None), ("Brightline Association of Software Makers", "BASM"),
        ("National Council of Small Publishers", "NCSP"), ("Ostrava Hackers", None),
        ("Federation of Rural Libraries", None), ("Southern Coast Digital Rights Project", None),
    ]  # fmt: skip
    run = " **•** ".join(f"{name} ({abbr})" if abbr else name for name, abbr in groups)
    markdown = f"# Keep the programme\n\n{BODY}\n\nParticipating groups include: {run}\n"
    result = parse_bytes(markdown.encode(), "post.md")
    assert [(e.name, e.abbreviation) for e in result.signatories] == groups


def test_entries_run_together_with_middle_dots_over_wrapped_lines():
    text = (
        f"Keep the programme\n\n{BODY}\n\nSignatories\n\n"
        "Lantern Collective · Quillwork Alliance · Harbour\nGuild · Tidewater Labs · "
        "Brightline Association\n"
    )
    result = parse_bytes(text.encode(), "letter.txt")
    assert [e.name for e in result.signatories] == [
        "Lantern Collective", "Quillwork Alliance", "Harbour Guild", "Tidewater Labs",
        "Brightline Association",
    ]  # fmt: skip


def test_sentences_set_apart_by_bullets_are_no_list():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\n"
        "We met in March. • We wrote the text together over the summer months. • We sent it "
        "to every member of the committee before the vote. • We are still waiting for the "
        "answer of the Commission.\n"
    )
    assert parse_bytes(markdown.encode(), "post.md").signatories == []


def test_a_printed_kramdown_line_break_between_entries_separates_them():
    # kramdown's '\\' line break, printed by another Markdown as ' \ ' in one paragraph
    html = (
        "<html><body><h1>Signatures</h1><h2>Name, Institution</h2><p>"
        "Ada Brennan, University of Lisbon \\ Tomas Vrba, Charles University \\ "
        'Mira Okafor, "University of California, Irvine" \\ Jan Kowalski, Retired \\ '
        "Lea Roth, Ghent University</p></body></html>"
    )
    result = parse_bytes(html.encode(), "signatures.html")
    assert [(e.name, e.affiliation) for e in result.signatories][:3] == [
        ("Ada Brennan", "University of Lisbon"),
        ("Tomas Vrba", "Charles University"),
        ("Mira Okafor", "University of California, Irvine"),
    ]
    assert len(result.signatories) == 5


def test_kramdown_line_breaks_of_two_backslashes_end_entries_not_print_a_backslash():
    lines = "".join(
        f"{name}, {place}  \\\\\n"
        for name, place in (
            ("Ada Brennan", "University of Lisbon"), ("Tomas Vrba", "Charles University"),
            ("Lea Roth", "Ghent University"), ("Mira Okafor", "University of Lagos"),
        )
    )  # fmt: skip
    markdown = f"# Signatures\n\n## Signatories\n{lines}Jan Kowalski, Warsaw University\n"
    result = parse_bytes(markdown.encode(), "signatures.md")
    assert [(e.name, e.affiliation) for e in result.signatories] == [
        ("Ada Brennan", "University of Lisbon"), ("Tomas Vrba", "Charles University"),
        ("Lea Roth", "Ghent University"), ("Mira Okafor", "University of Lagos"),
        ("Jan Kowalski", "Warsaw University"),
    ]  # fmt: skip


def test_a_kramdown_block_of_linked_acronyms_is_a_list_of_organizations():
    links = "\n".join(
        f'  • [{name}](https://{len(name)}.example){{:target="_blank"}}'
        for name in ("CUT", "CTB", "UGT", "Força Sindical", "BANCÁRIOS-PE", "SINPRO")
    )
    markdown = f"---\ntitle: 'Quem participa'\n---\n<div markdown=\"1\">\n{links}\n</div>\n"
    result = parse_bytes(markdown.encode(), "quem.md")
    assert [(e.kind, e.name) for e in result.signatories] == [
        ("organization", name)
        for name in ("CUT", "CTB", "UGT", "Força Sindical", "BANCÁRIOS-PE", "SINPRO")
    ]


def test_an_acronym_joined_by_a_hyphen_is_an_entry_not_a_group_heading():
    names = [
        "Lantern Collective", "Quillwork Alliance", "ISOC-CAT", "Harbour Guild",
        "Tidewater Labs", "Brightline Association", "Ostrava Hackers",
    ]  # fmt: skip
    items = "".join(f"- {name}\n" for name in names)
    markdown = f"# Keep the programme\n\n{BODY}\n\n## Signatories\n\n{items}"
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [e.name for e in result.signatories] == names


def test_in_a_list_of_name_and_institution_a_name_in_lower_case_or_capitals_is_a_person():
    people = [
        ("Ada Brennan", "University of Lisbon"), ("Tomas Vrba", "Charles University"),
        ("Lea Roth", "Ghent University"), ("Mira Okafor", "University of Lagos"),
        ("Jan Kowalski", "Warsaw University"), ("Ines Duarte", "University of Porto"),
        ("Karl Weber", "University of Vienna"), ("Sofia Rossi", "University of Bologna"),
        ("Emma Larsen", "Aarhus University"), ("Pablo Ortega", "University of Seville"),
        ("tomasz nowak", "Jagiellonian University"), ("Yusuf Demir", "Ankara University"),
        ("Anna Berg", "Lund University"),
    ]  # fmt: skip
    lines = "".join(f"{name}, {institution}  \n" for name, institution in people)
    markdown = f"# Signatures\n\n## Name, Institution\n{lines}"
    result = parse_bytes(markdown.encode(), "signatures.md")
    assert [(e.kind, e.name, e.affiliation) for e in result.signatories] == [
        ("person", name, institution) for name, institution in people
    ]


def test_in_a_list_of_name_and_institution_a_surname_and_initials_stay_one_name():
    people = [f"Name{i} Surname, University of Place{i}" for i in range(12)]
    lines = "".join(f"{line}  \n" for line in [*people, "Stebel, S.C."])
    result = parse_bytes(f"# Signatures\n\n## Signatories\n{lines}".encode(), "s.md")
    assert "Stebel, S.C." not in [e.affiliation for e in result.signatories]


LETTER_FR = (
    "# Lettre au Président {#lettre-au-president}\n\n"
    "Monsieur le Président, nous vous écrivons au nom de nos entreprises, qui créent des "
    "emplois et des centres de recherche, pour vous demander de soutenir notre position.\n\n"
    "Veuillez agréer, Monsieur le Président, l'hommage de notre profond respect,\n\n"
)


def test_a_function_and_a_company_in_brackets_with_nothing_between_are_role_and_affiliation():
    markdown = LETTER_FR + (
        "- Claire Fontaine (Présidente Lumen SA)\n"
        "- Paul Girard (Directeur technique Orbis Ingénierie)\n"
        "- Lucie Marchand (PDG Tessel)\n"
        "- Marc Aubry (Directeur Velin)\n"
    )
    result = parse_bytes(markdown.encode(), "lettre.md")
    assert [(e.name, e.role, e.affiliation) for e in result.signatories] == [
        ("Claire Fontaine", "Présidente", "Lumen SA"),
        ("Paul Girard", "Directeur technique", "Orbis Ingénierie"),
        ("Lucie Marchand", "PDG", "Tessel"),
        ("Marc Aubry", "Directeur", "Velin"),
    ]


def test_a_list_whose_brackets_hold_functions_in_lower_case_keeps_them_one_role():
    markdown = LETTER_FR + (
        "- Ana Souza (professora Universidade Federal)\n"
        "- Rui Costa (deputado estadual PT/SE)\n"
        "- Lia Prado (Professora UNICAMP)\n"
        "- Davi Rocha (professor UFPB)\n"
    )
    result = parse_bytes(markdown.encode(), "lettre.md")
    assert [(e.role, e.affiliation) for e in result.signatories][2] == ("Professora UNICAMP", None)


def test_several_people_in_one_bullet_share_the_bracket_after_the_last_of_them():
    markdown = LETTER_FR + (
        "- Claire Fontaine (Présidente Lumen SA)\n"
        "- Jean Roux, Lise Perrin et Hugo Blanc (Directeurs Orbis)\n"
        "- Anne, Marie et Louis Carrel (co-gérants Velin)\n"
        "- Lucie Marchand (PDG Tessel)\n- Eric Vidal (Président Arlon)\n"
        "- Nina Brun (Directrice Opale)\n"
    )
    result = parse_bytes(markdown.encode(), "lettre.md")
    assert [(e.name, e.role, e.affiliation) for e in result.signatories] == [
        ("Claire Fontaine", "Présidente", "Lumen SA"),
        ("Jean Roux", "Directeurs", "Orbis"),
        ("Lise Perrin", "Directeurs", "Orbis"),
        ("Hugo Blanc", "Directeurs", "Orbis"),
        ("Anne Carrel", "co-gérants", "Velin"),
        ("Marie Carrel", "co-gérants", "Velin"),
        ("Louis Carrel", "co-gérants", "Velin"),
        ("Lucie Marchand", "PDG", "Tessel"),
        ("Eric Vidal", "Président", "Arlon"),
        ("Nina Brun", "Directrice", "Opale"),
    ]


def test_a_name_joined_by_and_without_a_comma_stays_one_person():
    markdown = LETTER_FR + (
        "- Luiz Augusto e Souza Faria (professor UFPB)\n"
        "- Ana Souza (professora UFRJ)\n- Rui Costa (professor USP)\n"
    )
    result = parse_bytes(markdown.encode(), "carta.md")
    assert [e.name for e in result.signatories] == [
        "Luiz Augusto e Souza Faria", "Ana Souza", "Rui Costa",
    ]  # fmt: skip


def test_an_items_line_that_leaves_a_bracket_open_goes_on_in_the_next():
    markdown = LETTER_FR + (
        "- Claire Fontaine (Présidente Lumen SA)\n"
        "- Paul Girard (Directeur Orbis - Réseau\n  Libre-entreprise)\n"
        "- Lucie Marchand (PDG Tessel)\n"
    )
    result = parse_bytes(markdown.encode(), "lettre.md")
    assert result.signatories[1].affiliation == "Orbis - Réseau Libre-entreprise"


def test_a_headings_identifier_in_braces_is_no_part_of_the_title():
    markdown = LETTER_FR + "- Claire Fontaine (Présidente Lumen SA)\n- Lucie Marchand\n"
    assert parse_bytes(markdown.encode(), "lettre.md").title == "Lettre au Président"


def test_a_markdown_escape_printed_in_a_pdfs_title_leaves_it():
    html = (
        "<html><body><h1>Lettres d\\'Entreprises au Pr\\u00e9sident</h1>"
        "<p>Nous vous écrivons.</p></body></html>"
    ).replace("\\u00e9", "é")
    assert parse_bytes(html.encode(), "lettre.html").title == "Lettres d'Entreprises au Président"


def test_a_no_break_space_escaped_in_yaml_front_matter_is_a_space_in_the_title():
    markdown = f'---\ntitle: "Joint Statement on Export\\_Controls"\n---\n\n{BODY}\n'
    title = parse_bytes(markdown.encode(), "statement.md").title
    assert title is not None and " ".join(title.split()) == "Joint Statement on Export Controls"


def test_handles_and_addresses_sign_as_people_without_their_contact_data():
    markdown = (
        '---\ntitle: "Signatures"\ndate: 2024-04-21\n---\n\n'
        "- @lantern <lantern@example.org>\n- quill <quill@example.net>\n"
        "- Harbour (@harbour_dev)\n- @tide@social.example (tide@example.org)\n"
        "- OstravaHacker ostrava@example.cz\n"
    )
    result = parse_bytes(markdown.encode(), "signatures.md")
    assert [(e.kind, e.name, e.affiliation) for e in result.signatories] == [
        ("person", "@lantern", None),
        ("person", "quill", None),
        ("person", "Harbour", None),
        ("person", "@tide@social.example", None),
        ("person", "OstravaHacker", None),
    ]


def test_a_contact_block_with_an_address_is_no_list():
    markdown = (
        f"# An open letter\n\n{BODY}\n\nHarbour Students Group\n\nKontakt:\n\n"
        "E-Mail: harbour@example.org\n\nInstagram: @harbour\n"
    )
    assert parse_bytes(markdown.encode(), "brief.md").signatories == []


def test_a_dateline_before_the_list_is_the_documents_date_not_an_entry():
    text = (
        f"Lettera aperta\n\n{BODY}\n\nMilano, 19 aprile 2020\n\n"
        "Da parte di un gruppo di cittadini.\n\n"
        "* Anna Bianchi (MI)\n* Marco Rossi (Londra)\n* Giulia Verdi (BG)\n* Luca Neri (MI)\n"
    )
    result = parse_bytes(text.encode(), "lettera.txt")
    assert result.date == "2020-04-19"
    assert [e.name for e in result.signatories] == [
        "Anna Bianchi", "Marco Rossi", "Giulia Verdi", "Luca Neri",
    ]  # fmt: skip


def test_printed_front_matter_with_a_commented_key_set_as_a_heading_gives_title_and_date():
    html = (
        "<html><body><p>title: Groups call for a clean bill authors: []</p>"
        "<h1>layout: layouts/post.njk</h1>"
        "<p>date: 2017-11-09T16:26:21+0000 related_programs: [] images: []</p>"
        f"<p>{BODY}</p></body></html>"
    )
    result = parse_bytes(html.encode(), "post.html")
    assert (result.title, result.date) == ("Groups call for a clean bill", "2017-11-09")


SIGNED = f"# Keep the programme\n\n{BODY}\n\n## Signatories\n\n"


def test_an_acronym_before_the_name_it_stands_for_in_brackets_is_the_abbreviation():
    markdown = SIGNED + (
        "- RAISE (Rural Alliance for Inclusive Schools in Europe)\n"
        "- DAWN (Development Alternatives with Women for a New Era)\n"
        "- Lantern Collective (Collectif Lanterne)\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [(e.name, e.abbreviation, e.translation) for e in result.signatories] == [
        ("Rural Alliance for Inclusive Schools in Europe", "RAISE", None),
        ("Development Alternatives with Women for a New Era", "DAWN", None),
        ("Lantern Collective", None, "Collectif Lanterne"),
    ]


def test_a_community_named_by_its_origin_and_american_names_no_country():
    markdown = SIGNED + (
        "- Asian Pacific American Labor Alliance\n- Filipino American Youth Forum\n"
        "- American Library Association\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [e.country for e in result.signatories] == [None, None, "US"]


def test_uk_and_usa_in_a_name_name_its_country_but_not_beside_another_place():
    markdown = SIGNED + (
        "| Name | Country |\n|---|---|\n| Pirate Party UK | |\n| Jubilee USA Network | |\n"
        "| Harbour Foundation | UK / Global |\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [e.country for e in result.signatories] == ["GB", "US", None]
