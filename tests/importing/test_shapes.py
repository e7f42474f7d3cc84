"""Shapes of lists and lines the parser reads, one at a time."""

import pytest

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.signatories import is_list_heading
from undersigned.importing.parsers.text import parse_text
from undersigned.importing.parsers.wrapping import join_lines
from undersigned.importing.readers.pdf import _running_lines


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
    assert _running_lines(pages) == {"Title # / #"}


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
