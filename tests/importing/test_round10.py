"""Classes of documents the tenth round of import work reads, one test each, on small texts
written here (not on the corpus, which measures them)."""

from undersigned.importing.parsers import parse_bytes

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
