"""The document's own fields read on import, its title and its date, from invented examples
written like the real ones: a date written with its year first and slashes, a dateline with
several places and the article before its day, a letter's dateline given as the page's title,
a post's day in the name its site generator gives its file, a title in the page's language."""

import pytest

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.metadata import find_date

pytestmark = pytest.mark.database_free

BODY = (
    "Wir fordern die Regierung auf, das Gesetz zurückzunehmen und die Stimmen der Menschen zu "
    "hören, die es betrifft. Die Bürgerinnen und Bürger brauchen Sicherheit in dieser Krise."
)
ENGLISH = (
    "We ask the council to keep the library open and to hear the people who use it every day. "
    "The residents of the district need a place to read, to learn and to meet in this crisis."
)
LIST = "Unterzeichner:\n\n- Verein Nord e.V.\n- Kollektiv Morgenrot\n- Bündnis Süd e.V.\n"


def _parse(text: str, name: str):
    return parse_bytes(text.encode("utf-8"), name)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2013/01/16", "2013-01-16"),
        ("Publié le 2015/12/3.", "2015-12-03"),
        ("date: 2019/4/30", "2019-04-30"),
    ],
)
def test_a_slashed_date_that_starts_with_its_year_is_read_year_month_day(text, day):
    assert find_date(text)[0] == day


@pytest.mark.parametrize(
    "text",
    [
        "03/12/2015",  # day or month first: never guessed
        "https://example.org/tecnologia/2015/05/07/acceso-internet",  # a link's path
        "2015/13/01",  # no thirteenth month
    ],
)
def test_a_slashed_date_with_its_year_last_or_inside_a_link_is_no_date(text):
    assert find_date(text) is None


def test_a_page_that_prints_its_day_with_the_year_first_is_dated_by_it():
    page = f"# Charte des entreprises\n\n2013/01/16\n\n{BODY}\n\n{LIST}"
    assert _parse(page, "charte.md").date == "2013-01-16"


@pytest.mark.parametrize(
    "dateline",
    [
        "Berlin, Hamburg, Leipzig und Köln, den 05. Mai 2020",
        "Lyon, Grenoble et Paris, le 3 mars 2019",
    ],
)
def test_a_dateline_of_several_places_with_the_article_before_its_day_dates_the_letter(dateline):
    letter = f"# Offener Brief an die Regierung\n\n{dateline}\n\n{BODY}\n\n{LIST}"
    assert _parse(letter, "brief.md").date == find_date(dateline)[0]


def test_a_letters_dateline_given_as_the_pages_title_dates_it_and_the_subtitle_names_it():
    post = (
        "---\ntitle: Berlin, Hamburg und Köln, den 05. Mai 2020\n"
        "subtitle: Offener Brief an die Abgeordneten des Bundestags\n---\n\n"
        f"{BODY}\n\n{LIST}"
    )
    result = _parse(post, "brief.md")
    assert (result.title, result.date) == (
        "Offener Brief an die Abgeordneten des Bundestags",
        "2020-05-05",
    )


def test_a_posts_day_is_read_from_the_file_name_its_site_generator_gives_it():
    post = (
        "---\nfilename: _posts/blog/2010-10-29-manifiesto-por-la-ciencia.md\n"
        "layout: post\ntitle: Manifiesto por la ciencia\n---\n\n"
        f"{BODY}\n\n{LIST}"
    )
    assert _parse(post, "manifiesto.md").date == "2010-10-29"
    assert _parse(f"# Manifiesto\n\n{BODY}\n\n{LIST}", "2011-02-03-manifiesto.md").date == (
        "2011-02-03"
    )


def test_a_file_named_without_a_site_generators_day_gives_no_date():
    assert _parse(f"# Manifiesto\n\n{BODY}\n\n{LIST}", "manifiesto-2011-02.md").date is None


def test_a_translated_pages_own_title_comes_before_its_english_title_and_its_heading():
    page = (
        "---\ntitle: The Manifesto\nlocaleTitle: O Manifesto\n---\n"
        f"### Para um mundo melhor\n\n{BODY}\n\n{LIST}"
    )
    assert _parse(page, "manifesto.md").title == "O Manifesto"


def test_a_heading_continued_by_a_lower_case_subheading_is_one_title():
    letter = (
        f"# Offener Brief\n\n## an die Ministerin für Verkehr und den Landtag\n\n{BODY}\n\n{LIST}"
    )
    assert _parse(letter, "brief.md").title == (
        "Offener Brief an die Ministerin für Verkehr und den Landtag"
    )


def test_a_capitalized_subheading_is_not_part_of_the_title():
    letter = f"# Offener Brief\n\n## Unsere Forderungen\n\n{BODY}\n\n{LIST}"
    assert _parse(letter, "brief.md").title == "Offener Brief"


def test_a_pictures_file_name_under_the_title_is_no_part_of_it():
    page = f"Bündnis fordert Rücknahme des Gesetzes\n\nplakat demo.jpg\n\n{BODY}\n\n{LIST}"
    assert _parse(page, "bericht.txt").title == "Bündnis fordert Rücknahme des Gesetzes"


def test_a_dateline_ending_the_letters_closing_dates_it():
    letter = (
        f"# Open letter to the council\n\n{ENGLISH}\n\n"
        "Respectfully,<br>\nThe residents of the northern district, the tenants' associations "
        "and all who use the library every day<br>\nMarch 3, 2024\n"
    )
    assert _parse(letter, "letter.md").date == "2024-03-03"


def test_a_day_inside_the_closings_sentence_does_not_date_the_letter():
    letter = (
        f"# Open letter to the council\n\n{ENGLISH}\n\n"
        "Respectfully,<br>\nThe residents who met on March 3, 2024 in the town hall\n"
    )
    assert _parse(letter, "letter.md").date is None


@pytest.mark.parametrize(
    "navigation",
    [
        "Skip to main content\nHome Friends of the Library\nToggle navigation",
        "Sign the statement\nRead the statement Why sign? Contact us\nFollow Friends",
        "Statement\nSignatories\nSign the statement\nDownload PDF",
    ],
)
def test_a_web_pages_navigation_printed_above_its_text_is_not_its_title(navigation):
    links = navigation.replace("\n", "<br>\n")
    page = f"{links}\n\nKeep the northern library open\n\n{ENGLISH}\n"
    assert _parse(page, "page.md").title == "Keep the northern library open"


@pytest.mark.parametrize(
    "call", ["Se desideri firmare la lettera, clicca qui.", "If you wish to sign, click here"]
)
def test_a_call_to_sign_as_the_pages_heading_gives_way_to_its_own_title(call):
    page = f"---\ntitle: Lettera sul clima\n---\n# {call}\n\n{ENGLISH}\n"
    result = _parse(page, "lettera.md")
    assert (result.title, result.body) == ("Lettera sul clima", ENGLISH)


def test_a_list_of_short_names_at_the_top_of_a_page_is_no_navigation():
    page = "---\ntitle: Who takes part\n---\n- CUT\n- CTB\n- UGT\n- Força Sindical\n- CSB\n"
    assert len(_parse(page, "quem.md").signatories) == 5


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        (
            "Betreff: Unsere Stellungnahme zum Bebauungsplan",
            "Unsere Stellungnahme zum Bebauungsplan",
        ),
        ("Offener Brief zum Bebauungsplan Nord", "Offener Brief zum Bebauungsplan Nord"),
    ],
)
def test_a_letters_subject_line_is_its_title_where_it_has_no_heading(subject, title):
    letter = (
        "Bürgerverein Nord e. V.\n\nLindenweg 3, 12345 Musterstadt\n\n"
        f"Musterstadt, 11.01.2020\n\n{subject}\n\nSehr geehrte Frau Bürgermeisterin,\n\n{BODY}\n"
    )
    assert _parse(letter, "brief.txt").title == title


def test_a_line_above_the_salutation_that_names_no_kind_is_no_title():
    letter = (
        "Bürgerverein Nord e. V.\n\nLindenweg 3, 12345 Musterstadt\n\n"
        f"An die Bürgermeisterin\n\nSehr geehrte Frau Bürgermeisterin,\n\n{BODY}\n"
    )
    assert _parse(letter, "brief.txt").title is None


def test_a_publishers_name_before_a_full_width_bar_is_no_part_of_the_title():
    page = f"# 天安门母亲｜六四惨案三十三周年祭\n\n{BODY}\n"
    assert _parse(page, "wenzhang.md").title == "六四惨案三十三周年祭"


def test_a_front_matters_date_under_published_in_the_pages_language_dates_it():
    page = (
        "---\nopublikowano: '2022-07-24 10:51:00'\nzaktualizowano: '2022-09-01'\n---\n"
        f"# List otwarty\n\n{BODY}\n"
    )
    result = _parse(page, "list.md")
    assert (result.title, result.date) == ("List otwarty", "2022-07-24")
