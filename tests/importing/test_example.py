"""The example statement (ICOR00359, extracted from a PDF) comes out exactly: every field of
all 32 entries, checked against the organizations of data/icor.json."""

import pytest

from tests.conftest import SEED
from undersigned.example import read_example
from undersigned.importing.parsers import parse_file

pytestmark = pytest.mark.database_free


@pytest.fixture(scope="module")
def parsed():
    return parse_file(SEED, source="ICOR00359.txt")


def test_the_example_has_its_number_version_language_and_dates(parsed):
    assert (parsed.document_id, parsed.version, parsed.language) == ("ICOR00359", "05.01", "en")
    assert (parsed.date, parsed.as_of, parsed.open_for_signatures) == (None, "2020-09-21", True)
    assert (parsed.title, parsed.kind) == ("ICOR Statement on the Events in Belarus", "statement")
    assert parsed.warnings == []


def test_the_example_body_is_the_text_without_footer_and_list(parsed):
    versions = read_example()["statements"][0]["versions"]
    (version,) = [v for v in versions if (v["label"], v["language"]) == ("05.01", "en")]
    assert parsed.body == version["body"]


def test_every_entry_of_the_example_matches_the_register_in_every_field(parsed):
    register = {org["abbreviation"]: org for org in read_example()["organizations"]}
    expected = [
        {
            "kind": "organization",
            "abbreviation": abbreviation,
            "name": register[abbreviation]["name"],
            "translation": register[abbreviation]["translations"].get("en"),
            "country": register[abbreviation]["country"],
            "title": None,
            "role": None,
            "affiliation": None,
        }
        for abbreviation in (entry.abbreviation for entry in parsed.signatories)
    ]
    actual = [entry.to_dict() for entry in parsed.signatories]
    assert [entry.pop("position") for entry in actual] == list(range(1, 33))
    assert actual == expected
    assert len(register) == 32


def test_broken_words_are_joined_and_real_hyphens_stay(parsed):
    names = {entry.abbreviation: entry for entry in parsed.signatories}
    assert "National Manifesto" in names["UPC-Manidem"].translation
    assert names["KOL"].translation == "Communist Organization of Luxemburg"
    assert names["MMLPL"].name == "Moroccan Marxist-Leninist Proletarian Line"
    assert "Kommunistov-Revoljucionerov" in names["Krasnyj Klin"].name
