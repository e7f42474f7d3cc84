"""The document's own fields: its title, language and date, read where the document gives
them (a page that is only its list, a text in two languages, a dateline in many forms)."""

import pytest

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.metadata import guess_language

pytestmark = pytest.mark.database_free


@pytest.mark.parametrize(
    ("heading", "language"),
    [
        ("Signataires", "fr"),
        ("Lista de entidades firmantes", "es"),
        ("Signatários", "pt"),
        ("Unterzeichner:innen", "de"),
        ("Firmatari", "it"),
    ],
)
def test_a_page_that_is_only_its_list_is_in_the_language_of_its_heading(heading, language):
    names = ["Odile Marchetti", "Rui Tavares Nunes", "Halvard Steen", "Kasia Brzęk"]
    page = f"# {heading}\n\n" + "\n".join(f"- {name}" for name in names) + "\n"
    result = parse_bytes(page.encode("utf-8"), "list.md")
    assert [e.name for e in result.signatories] == names
    assert result.language == language


def test_a_heading_two_languages_write_alike_tells_no_language():
    # 'Signatures' is English and French: the names alone are no language either
    page = "# Signatures\n\n- Odile Marchetti\n- Halvard Steen\n- Kasia Brzęk\n"
    assert parse_bytes(page.encode("utf-8"), "list.md").language is None


def test_a_letter_followed_by_its_translation_is_in_the_language_it_comes_first_in():
    english = (
        "We are writing to you because the council plans to close the public library of the "
        "old town at the end of the year. The library is the only place where many of the "
        "children of the district can read, do their homework and meet. It is open in the "
        "evening and on the weekend, and it is free for all. We ask that the council keeps "
        "it open and that the money it needs is found in the budget of the next year. "
    ) * 2
    french = (
        "Nous vous écrivons parce que le conseil veut fermer la bibliothèque de la vieille "
        "ville à la fin de l'année. La bibliothèque est le seul lieu où les enfants du "
        "quartier peuvent lire, faire leurs devoirs et se retrouver. Elle est ouverte le soir "
        "et le week-end, et elle est gratuite pour tous. Nous demandons que le conseil la "
        "garde ouverte et que les moyens nécessaires soient trouvés dans le budget. "
    ) * 3
    page = (
        f"# Keep the library open\n\n{english}\n\n# Gardez la bibliothèque ouverte\n\n"
        f"{french}\n\n## Signatories\n\n- Odile Marchetti\n- Halvard Steen\n"
    )
    assert parse_bytes(page.encode("utf-8"), "letter.md").language == "en"


def test_words_shared_by_two_languages_do_not_hide_the_one_the_text_is_in():
    # French writes 'de' and 'en' on every line, as Dutch does: the words only French writes
    text = (
        "Le rapport de la commission de surveillance des marchés publics de la région, publié "
        "en mars, montre que la part de dépenses de fonctionnement en hausse reste de loin "
        "la plus forte, en particulier dans le secteur de la santé et de l'éducation. "
    ) * 6
    assert guess_language(text) == "fr"


LETTER = (
    "We ask the council to keep the public library of the old town open, as it is the only "
    "place where many of the children of the district can read and do their homework."
)
NAMES = "## Signatories\n\n- Odile Marchetti\n- Halvard Steen\n"


def test_the_dateline_ending_the_title_comes_before_the_day_a_site_posted_it():
    front = "---\ntitle: Open letter to the council - Leeds, 4 March 2009\ndate: 2012-06-30\n---"
    page = f"{front}\n\n{LETTER}\n\n{NAMES}"
    assert parse_bytes(page.encode("utf-8"), "letter.md").date == "2009-03-04"


def test_a_lead_line_ending_in_its_date_and_a_first_sentence_saying_when_it_was_published():
    lead = "**Joint press release of Acme Union, Friends of Birds and Green Town, 16.08.2019**"
    page = f"---\ntitle: Save the library\ndate: 2019-08-20\n---\n\n{lead}\n\n{LETTER}\n\n{NAMES}"
    assert parse_bytes(page.encode("utf-8"), "letter.md").date == "2019-08-16"
    intro = "The following declaration was published by the Library Platform on 2 May 2011:"
    page = f"---\ntitle: Save the library\ndate: 2011-07-01\n---\n\n{intro}\n\n{LETTER}\n\n{NAMES}"
    assert parse_bytes(page.encode("utf-8"), "letter.md").date == "2011-05-02"


@pytest.mark.parametrize(
    ("dateline", "day"),
    [
        ("二零一九年八月一日", "2019-08-01"),
        ("2021年12月3日", "2021-12-03"),
        ("Leeds, 3 May 2021", "2021-05-03"),
        ("20220524 Friends of the Library", "2022-05-24"),
    ],
)
def test_the_day_a_letter_is_signed_closing_its_text(dateline, day):
    page = (
        f"---\ntitle: Save the library\ndate: 2023-01-09\n---\n\n{LETTER}\n\n"
        f"A group of readers\n\n{dateline}\n"
    )
    assert parse_bytes(page.encode("utf-8"), "letter.md").date == day


def test_a_line_saying_when_the_page_was_updated_is_not_its_date():
    page = (
        f"---\ntitle: Save the library\ndate: 2023-01-09\n---\n\n{LETTER}\n\n"
        f"Updated on 3 May 2023\n\n{LETTER}\n\n{NAMES}"
    )
    assert parse_bytes(page.encode("utf-8"), "letter.md").date == "2023-01-09"


def test_a_date_inside_a_line_of_chinese_text_is_no_dateline():
    text = (
        "我們要求市政府保留老城區的公共圖書館，"
        "自從2021年9月19日下午圖書館被關閉以來，孩子們無處讀書。"
    )
    page = f"---\ntitle: 保留圖書館\ndate: 2022-05-23\n---\n\n{text}\n\n{text}\n"
    assert parse_bytes(page.encode("utf-8"), "letter.md").date == "2022-05-23"


def test_a_site_s_section_number_is_no_part_of_its_page_s_title():
    page = "# 07. Firmantes\n\n- Odile Marchetti\n- Halvard Steen\n- Kasia Brzęk\n"
    assert parse_bytes(page.encode("utf-8"), "list.md").title == "Firmantes"


def test_a_list_page_s_heading_as_a_line_of_plain_text_is_its_title():
    # a converter's text keeps no headings: the heading is a line of its own
    page = "Signataires\n\nOdile Marchetti\nHalvard Steen\nKasia Brzęk\nRui Tavares Nunes\n"
    result = parse_bytes(page.encode("utf-8"), "list.txt")
    assert result.title == "Signataires"
    assert result.language == "fr"


def test_a_download_link_printed_above_the_title_is_no_part_of_it():
    page = (
        "pdf\nLetter from readers: keep the library of the old town\nopen all year\n\n"
        f"{LETTER}\n\nSignatories:\n\nOdile Marchetti\nHalvard Steen\n"
    )
    result = parse_bytes(page.encode("utf-8"), "letter.txt")
    assert result.title == "Letter from readers: keep the library of the old town open all year"
