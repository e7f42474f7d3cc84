"""A statement in several languages: choosing one, switching, translations that fell behind."""

import re

import pytest

from undersigned.organizations.models import Organization
from undersigned.publishing.selectors import build_document
from undersigned.statements.models import Version
from undersigned.statements.selectors import outdated_translations
from undersigned.statements.services import add_version

pytestmark = pytest.mark.django_db

GERMAN_TITLE = "ICOR-Erklärung zu den Ereignissen in Belarus"
GERMAN_HEADING = "Unterzeichner (Stand: 21. September 2020, weitere Unterzeichner möglich):"


def newer_original(statement) -> Version:
    current = statement.current_version()
    return add_version(
        statement,
        title=current.title,
        short_title=current.short_title,
        body=current.body.replace("Many citizens believe", "Most citizens believe"),
        note="editorial",
    )


def test_the_example_carries_a_german_translation_of_the_original_version(example):
    german = example.current_version("de")
    assert (german.label, german.title, german.short_title) == (
        "05.01",
        GERMAN_TITLE,
        "ICOR-Resolution zu Belarus",
    )
    assert german.source == example.current_version()
    assert "demonstration" in german.note
    assert german.body.endswith(
        "Proletarier aller Länder, vereinigt euch!\nFür Demokratie, Freiheit und Sozialismus!"
    )


def test_the_statement_url_follows_the_readers_languages(client, example):
    german = client.get("/statements/ICOR00359/", headers={"accept-language": "de-CH, en;q=0.5"})
    english = client.get("/statements/ICOR00359/", headers={"accept-language": "fr, en;q=0.8"})
    nothing = client.get("/statements/ICOR00359/", headers={"accept-language": "ja"})

    assert f"<h1>{GERMAN_TITLE}</h1>" in german.content.decode()
    assert "<h1>ICOR Statement on the Events in Belarus</h1>" in english.content.decode()
    assert "<h1>ICOR Statement on the Events in Belarus</h1>" in nothing.content.decode()
    assert "Accept-Language" in german["Vary"]
    assert (
        '<link rel="canonical" href="http://testserver/statements/ICOR00359/de/">'
        in german.content.decode()
    )


def test_a_language_url_shows_that_language_whatever_the_reader_accepts(client, example):
    response = client.get("/statements/ICOR00359/de/", headers={"accept-language": "en"})

    html = response.content.decode()
    assert f"<h1>{GERMAN_TITLE}</h1>" in html
    assert '<article class="statement" lang="de">' in html


def test_a_language_without_a_text_is_404(client, example):
    assert client.get("/statements/ICOR00359/fr/").status_code == 404
    assert client.get("/statements/ICOR00001/de/").status_code == 404


def test_a_language_without_a_text_says_the_statement_exists_and_links_its_languages(
    client, example
):
    response = client.get("/statements/ICOR00359/fr/", headers={"accept-language": "en"})
    german = client.get(
        "/statements/ICOR00359/fr/", headers={"accept-language": "de"}
    ).content.decode()

    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Statement ICOR00359 has no text in French</h1>" in page
    assert "may not be published" not in page
    assert re.findall(
        r'<a href="(/statements/ICOR00359/[a-z]+/)" hreflang="[a-z]+">(\w+)</a>', page
    ) == [
        ("/statements/ICOR00359/en/", "English"),
        ("/statements/ICOR00359/de/", "German"),
    ]
    assert f'<span lang="de">{GERMAN_TITLE}</span>' in page
    # The languages named in the reader's language.
    assert '<a href="/statements/ICOR00359/de/" hreflang="de">Deutsch</a>' in german
    assert '<a href="/statements/ICOR00359/en/" hreflang="en">Englisch</a>' in german


def test_a_code_that_is_no_language_is_not_named_back_as_one(client, example):
    response = client.get("/statements/ICOR00359/zz/", headers={"accept-language": "en"})

    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>No text in this language</h1>" in page
    assert "no text in zz" not in page
    assert '<a href="/statements/ICOR00359/de/" hreflang="de">German</a>' in page


def test_the_switcher_and_the_head_link_every_language(client, example):
    html = client.get("/statements/ICOR00359/en/").content.decode()

    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)"', switcher) == [
        ("/statements/ICOR00359/en/", "en", "en"),
        ("/statements/ICOR00359/de/", "de", "de"),
    ]
    assert ">English</a>" in switcher and ">Deutsch</a>" in switcher
    assert 'aria-current="page">English' in switcher
    assert (
        '<link rel="alternate" hreflang="de" href="http://testserver/statements/ICOR00359/de/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/statements/ICOR00359/">'
        in html
    )


def test_the_german_signatories_block_uses_german_wording_and_english_translations(client, example):
    html = client.get("/statements/ICOR00359/de/").content.decode()

    assert f'<h2 id="signatories-heading">{GERMAN_HEADING}</h2>' in html
    # Own-language names always; no German names are known, so English translations follow.
    assert (
        '<span class="name" lang="fr">Parti Communiste Proletarien de Côte d&#x27;Ivoire</span> '
        '<span class="translation">(Proletarian Communist Party of Ivory Coast)</span>'
    ) in html
    # A German name needs no translation on a German page.
    assert '<span class="name">Marxistisch-Leninistische Partei Deutschlands</span></li>' in html


def test_a_german_name_of_an_organization_is_preferred_to_the_english_one(example):
    organization = Organization.objects.get(abbreviation="PCPCI")
    organization.translations.create(
        language="de", name="Proletarische Kommunistische Partei der Elfenbeinküste"
    )

    document = build_document(example, version=example.current_version("de"))

    entry = next(e for e in document.entries if e.abbreviation == "PCPCI")
    assert entry.translation == "Proletarische Kommunistische Partei der Elfenbeinküste"


def test_a_translation_says_so_with_its_source_label(client, example):
    html = client.get("/statements/ICOR00359/de/").content.decode()

    assert "<strong>Translation</strong> of version 05.01" in html
    assert "made for the demonstration" in html
    assert "the original is now at" not in html


def test_a_translation_of_an_older_original_is_marked_outdated_with_a_link_to_the_changes(
    client, example
):
    newer_original(example)

    html = client.get("/statements/ICOR00359/de/").content.decode()

    assert "This translation was made from version 05.01; the original is now at 05.02." in html
    assert '<a href="/statements/ICOR00359/diff/05.01/05.02/">' in html
    assert [v.language for v in outdated_translations()] == ["de"]


def test_a_current_translation_is_not_outdated(example):
    assert list(outdated_translations()) == []


def test_a_new_translation_of_the_newest_original_is_current_again(example):
    newer_original(example)
    german = example.current_version("de")
    add_version(
        example,
        title=german.title,
        short_title=german.short_title,
        body=german.body.replace("Viele Bürgerinnen", "Die meisten Bürgerinnen"),
        language="de",
    )

    assert list(outdated_translations(example)) == []


def test_the_diff_page_marks_insertions_and_deletions_for_eyes_and_ears(client, example):
    newer_original(example)

    response = client.get("/statements/ICOR00359/diff/05.01/05.02/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<del><span class="visually-hidden">[removed: </span>Many' in html
    assert '<ins><span class="visually-hidden">[added: </span>Most' in html
    assert "Changes from version 05.01 to 05.02" in html


def test_the_diff_page_is_404_for_unknown_versions(client, example):
    assert client.get("/statements/ICOR00359/diff/05.01/09.09/").status_code == 404
    assert client.get("/statements/ICOR00359/diff/01.00/05.01/").status_code == 404


def test_versions_are_annotated_with_whether_they_are_outdated_for_the_admin(example):
    from undersigned.statements.selectors import annotate_outdated

    newer_original(example)

    rows = annotate_outdated(example.versions.order_by("language", "major", "minor"))

    assert [(v.language, v.label, v.outdated) for v in rows] == [
        ("de", "05.01", True),
        ("en", "05.00", False),
        ("en", "05.01", False),
        ("en", "05.02", False),
    ]


def test_the_record_lists_the_translation_with_its_source(client, example):
    html = client.get("/statements/ICOR00359/record/").content.decode()

    assert '<td>DE <span class="meta">(translation of 05.01)</span></td>' in html
