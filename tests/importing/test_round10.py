"""Classes of documents the tenth round of import work reads, one test each, on small texts
written here (not on the corpus, which measures them)."""

import pytest

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free

BODY = (
    "We ask the Commission to keep its programme for open technology in the next budget, "
    "because small projects across the continent depend on it for their maintenance."
)


def test_a_header_row_after_the_lists_heading_names_the_columns_of_its_table():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\n# Signatories\n\n"
        "| Name | Kind of body | Country | Where we published it |\n"
        "|---|---|---|---|\n"
        "| Lantern Collective | Association | Belgium | https://lantern.example/letter |\n"
        "| Quillwork | Cooperative | France | https://quillwork.example/post |\n"
        "| Ada Brennan | Developer | Ireland | - |\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [(e.name, e.country, e.translation) for e in result.signatories] == [
        ("Lantern Collective", "BE", None),
        ("Quillwork", "FR", None),
        ("Ada Brennan", "IE", None),
    ]


def test_a_markdown_table_printed_as_running_text_is_read_as_its_rows():
    # a renderer that wants a blank line before a table prints its rows as one paragraph
    html = (
        f"<html><body><h1>Keep the programme</h1><p>{BODY}</p><h2>Signatories</h2>"
        "<p>Sign by adding a row to the table below:\n"
        "| Name | Kind of body | Country |\n|-|-|-|\n"
        "| Lantern Collective | Association | Belgium |\n"
        '| <a href="https://quill.example">Quillwork</a> | Cooperative | France\n'
        "| Harbour Software Guild | Association | Netherlands |\n"
        "| Ada Brennan | Developer | Ireland |</p></body></html>"
    )
    result = parse_bytes(html.encode(), "letter.html")
    assert [(e.name, e.country) for e in result.signatories] == [
        ("Lantern Collective", "BE"),
        ("Quillwork", "FR"),
        ("Harbour Software Guild", "NL"),
        ("Ada Brennan", "IE"),
    ]


def test_a_markdown_table_run_together_over_wrapped_lines_and_paragraphs_is_read_as_rows():
    # the same table in plain text wrapped at a page's width, a blank line (a page break)
    # inside its rows
    text = (
        f"Keep the programme\n\n{BODY}\n\nSignatories\n\n"
        "Sign below: | Name | Kind of body | Country | |---|---|---| | Lantern\n"
        "Collective | Association | Belgium | | Quillwork | Cooperative |\n"
        "France |\n\n| Harbour Software Guild | Association | Netherlands | | Ada\n"
        "Brennan | Developer | Ireland |\n"
    )
    result = parse_bytes(text.encode(), "letter.txt")
    assert [(e.name, e.country) for e in result.signatories] == [
        ("Lantern Collective", "BE"),
        ("Quillwork", "FR"),
        ("Harbour Software Guild", "NL"),
        ("Ada Brennan", "IE"),
    ]


def test_two_entries_glued_after_a_closing_bracket_are_two_entries():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\n## Signed by\n\n"
        "Lantern Collective (Belgium)\n"
        "Quillwork (France)Harbour Guild (Netherlands)\n"
        "Tidewater Labs (Ireland)\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [(e.name, e.country) for e in result.signatories] == [
        ("Lantern Collective", "BE"),
        ("Quillwork", "FR"),
        ("Harbour Guild", "NL"),
        ("Tidewater Labs", "IE"),
    ]


def test_countries_in_brackets_are_no_translation():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\n## Signed by\n\n"
        "Lantern Collective (Belgium)\n"
        "Quillwork (France / Switzerland)\n"
        "Harbour Guild (Netherlands, Germany)\n"
        "Tidewater Labs (Ireland)\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [(e.name, e.translation) for e in result.signatories] == [
        ("Lantern Collective", None),
        ("Quillwork", None),
        ("Harbour Guild", None),
        ("Tidewater Labs", None),
    ]


def test_an_organizations_kind_after_capital_letters_ends_its_name_not_a_persons():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\n## Signed by\n\n"
        "Lantern Collective\n"
        "Northern Open Source SME Alliance (trade body of 300 small firms)\n"
        "Quillwork\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [(e.kind, e.name.split(" (")[0], e.affiliation) for e in result.signatories] == [
        ("organization", "Lantern Collective", None),
        ("organization", "Northern Open Source SME Alliance", None),
        ("organization", "Quillwork", None),
    ]


def test_honours_after_a_name_are_its_title_and_never_split_the_entry():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\n### Signed by the fellows:\n\n"
        "Rowan Tillery FRS, School of Physics, Wexford University\n\n"
        "Imelda Kovacs AO FAA, Centre for Marine Studies, Harbour University\n\n"
        "Tobias Reinholt, AC, Research School of Botany, Inland University\n\n"
        "Priya Sandoval, PhD, Hollins College\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [(e.kind, e.title, e.name, e.affiliation) for e in result.signatories] == [
        ("person", "FRS", "Rowan Tillery", "School of Physics, Wexford University"),
        ("person", "AO FAA", "Imelda Kovacs", "Centre for Marine Studies, Harbour University"),
        (
            "person",
            "AC",
            "Tobias Reinholt",
            "Research School of Botany, Inland University",
        ),
        ("person", "PhD", "Priya Sandoval", "Hollins College"),
    ]


def test_a_persons_units_and_institution_after_many_commas_stay_one_entry():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\n### Signed by the fellows:\n\n"
        "Rowan Tillery, School of Earth, Ocean & Climate Sciences, Wexford University\n\n"
        "Imelda Kovacs, Centre for Play, Faculty of Education, Harbour University\n\n"
        "Tobias Reinholt, Dept of Plant Sciences, Inland National University\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [(e.name, e.affiliation) for e in result.signatories] == [
        ("Rowan Tillery", "School of Earth, Ocean & Climate Sciences, Wexford University"),
        ("Imelda Kovacs", "Centre for Play, Faculty of Education, Harbour University"),
        ("Tobias Reinholt", "Dept of Plant Sciences, Inland National University"),
    ]


def test_an_italic_run_over_lines_leaves_no_underscores_in_the_names():
    # '_' opens on the first line and closes on the last, with blank lines between: a
    # renderer shows the underscores as they are
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\n### Signed by the fellows:\n\n"
        "_Rowan Tillery, Wexford University  \n  \n"
        "Imelda Kovacs, Harbour University  \n  \n"
        "Tobias Reinholt, Inland National University_  \n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [(e.kind, e.name, e.affiliation) for e in result.signatories] == [
        ("person", "Rowan Tillery", "Wexford University"),
        ("person", "Imelda Kovacs", "Harbour University"),
        ("person", "Tobias Reinholt", "Inland National University"),
    ]


LOGOS = (
    '<div class="logos">'
    '<a href="https://lantern.example"><img src="l.png" alt="Lantern Collective Logo"></a>'
    '<img src="q.png" alt="Logo of Quillwork">'
    '<img src="h.png" alt="harbour.de logo">'
    '<img src="t.png" alt="Tidewater Labs">'
    "</div>"
)


def test_a_row_of_logos_under_the_signers_heading_names_the_signers_by_their_alt_texts():
    html = (
        f"<html><body><h1>Keep the programme</h1><p>{BODY}</p>"
        f"<p>Signed by:</p>{LOGOS}</body></html>"
    )
    result = parse_bytes(html.encode(), "letter.html")
    assert [(e.kind, e.name) for e in result.signatories] == [
        ("organization", "Lantern Collective"),
        ("organization", "Quillwork"),
        ("organization", "harbour.de"),
        ("organization", "Tidewater Labs"),
    ]


def test_a_row_of_logos_nothing_introduces_as_signers_is_no_list():
    html = (
        f"<html><body><h1>Keep the programme</h1><p>{BODY}</p>"
        f"<p>Our partners at the conference:</p>{LOGOS}</body></html>"
    )
    result = parse_bytes(html.encode(), "letter.html")
    assert result.signatories == []


def test_a_name_ending_in_a_domain_like_de_does_not_run_into_the_next_line():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\nSigned by:\n\n"
        "Lantern Collective  \nPost.de  \nQuillwork  \nHarbour Guild\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [e.name for e in result.signatories] == [
        "Lantern Collective", "Post.de", "Quillwork", "Harbour Guild",
    ]  # fmt: skip


def test_an_underlined_line_in_plain_text_is_a_heading_and_the_title():
    text = (
        "Notes for maintainers\n---------------------\n\n"
        "Statement on Closed Firmware\n============================\n\n"
        f"{BODY}\n\nSigned:\n\nAda Brennan\nTobias Reinholt\nImelda Kovacs\n"
    )
    result = parse_bytes(text.encode(), "statement.txt")
    assert result.title == "Statement on Closed Firmware"
    assert [e.name for e in result.signatories] == [
        "Ada Brennan", "Tobias Reinholt", "Imelda Kovacs",
    ]  # fmt: skip


def test_a_quotation_set_as_a_heading_is_no_title():
    markdown = (
        "# “We cannot wait another decade for this.”\n\n"
        f"# Keep the programme\n\n{BODY}\n\nSigned by:\n\n"
        "Lantern Collective  \nQuillwork  \nHarbour Guild\n"
    )
    assert parse_bytes(markdown.encode(), "letter.md").title == "Keep the programme"


def test_the_letters_own_heading_is_the_title_over_the_posts_headline():
    markdown = (
        "---\ntitle: Scientists urge the government to act\ndate: 2021-03-04\n---\n\n"
        "Photo: a flooded street. The fellows wrote to the government this week.\n\n"
        f"### An Open Letter on Flood Defences\n\n{BODY}\n\n### Signed by the fellows:\n\n"
        "Ada Brennan, Wexford University  \nTobias Reinholt, Harbour University\n"
    )
    result = parse_bytes(markdown.encode(), "post.md")
    assert result.title == "An Open Letter on Flood Defences"
    assert result.date == "2021-03-04"


def test_printed_toml_front_matter_with_a_table_gives_the_title_without_its_name():
    text = (
        '+++ date = "2023-05-02" title = "Joint statement on open firmware"\n\n'
        '[taxonomies] author = ["A. Writer"]\n\n[extra] image = "logo.png" +++\n\n'
        f"{BODY}\n\nSigned by:\n\nLantern Collective\nQuillwork\nHarbour Guild\n"
    )
    result = parse_bytes(text.encode(), "statement.txt")
    assert (result.title, result.date) == ("Joint statement on open firmware", "2023-05-02")


def test_a_paragraph_of_markdown_logos_under_the_signers_heading_names_the_signers():
    markdown = (
        f"# Keep the programme\n\n{BODY}\n\nSigned by:\n\n"
        "[![Lantern Collective Logo](l.png)](https://lantern.example) "
        "![Logo of Quillwork](q.png)\n![Tidewater Labs](t.png)\n"
    )
    result = parse_bytes(markdown.encode(), "letter.md")
    assert [e.name for e in result.signatories] == [
        "Lantern Collective", "Quillwork", "Tidewater Labs",
    ]  # fmt: skip
