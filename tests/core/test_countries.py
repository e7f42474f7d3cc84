import json

import pycountry
import pytest

from undersigned.core.countries import (
    KOSOVO,
    continent_of,
    countries_in,
    country_codes,
    country_data,
    country_name,
    names_country,
)
from undersigned.cosigners.forms import SignAsPersonForm
from undersigned.demo.example import read_example
from undersigned.drafting.register_forms import OrganizationForm
from undersigned.organizations.models import country_choices as register_country_choices


@pytest.mark.parametrize(
    ("texts", "country", "expected"),
    [
        (
            (
                "Parti Communiste Proletarien de Côte d'Ivoire",
                "Proletarian Communist Party of Ivory Coast",
            ),
            "CI",
            True,
        ),
        (("Moroccan Marxist-Leninist Proletarian Line",), "MA", True),
        (("Partido Comunista Paraguayo (independiente)", "Paraguayan Communist Party"), "PY", True),
        (("Kommunistische Organisation Luxemburg",), "LU", True),
        (("Marxistisch-Leninistische Partei Deutschlands",), "DE", True),
        (("Union des Populations du Cameroun",), "CM", True),
        (("Marksist Leninist Komünist Parti Türkiye / Kürdistan",), "TR", True),
        (("Rode Morgen", "Red Dawn"), "NL", False),
        (("Communist Party of Czechoslovakia – Czechoslovakian Workers Party",), "CZ", False),
        (
            ("Organisation Révolutionnaire du Congo", "Revolutionary Organization of Congo"),
            "CD",
            False,
        ),
        (("Unité Communiste Lyon",), "FR", False),
        (("Communist Party of the Democratic Republic of the Congo",), "CD", True),
        (("Partei der Arbeit Österreichs",), "AT", True),
        (("Partido Comunista Peruano",), "PE", True),
        (("Union of US workers",), "US", False),
    ],
)
def test_the_country_rule_knows_when_a_name_already_says_the_country(texts, country, expected):
    assert names_country(texts, country) is expected


def test_the_example_entries_follow_the_country_rule_from_data():
    """Exactly the entries printed with a country get one (by the rule, not by a list)."""
    printed_with_country = {
        "ORC", "PPDS", "Krasnyj Klin", "UCLyon", "UPML", "RM", "MLP", "KSC-CSSP", "KSRD",
        "BDP", "PC (ML)", "PS-GdT",
    }  # fmt: skip
    data = read_example()
    appended = {
        org["abbreviation"]
        for org in data["organizations"]
        if not names_country((org["name"], org["translations"].get("en", "")), org["country"])
    }
    assert appended == printed_with_country


def test_every_country_has_a_continent_from_m49():
    data = country_data()
    assert len(data.continents) > 240
    assert set(data.continents.values()) == {"africa", "asia", "oceania", "europe", "americas"}
    assert continent_of("BY") == "europe"
    assert continent_of("AU") == "oceania"
    assert continent_of("DO") == "americas"
    assert continent_of("TR") == "asia"  # UN M49: Western Asia


def test_a_coalition_may_count_a_country_in_another_continent():
    assert continent_of("TR", {"TR": "europe"}) == "europe"
    assert "TR" in countries_in("europe", {"TR": "europe"})
    assert "TR" not in countries_in("asia", {"TR": "europe"})


def test_country_names_come_from_cldr_unless_the_coalition_words_them_itself():
    assert country_name("DE", "de") == "Deutschland"
    assert country_name("CZ", "en") == "Czechia"
    assert country_name("CZ", "en", {"en": {"CZ": "Czech Republic"}}) == "Czech Republic"
    assert country_name("CZ", "xx-unknown") == "Czechia"


def test_the_country_data_file_is_valid_json_with_its_source():
    from importlib.resources import files

    raw = json.loads(files("undersigned.data").joinpath("countries.json").read_text("utf-8"))
    assert raw["source"].startswith("Unicode CLDR")


def test_every_form_offers_the_countries_of_iso_3166_and_kosovo_and_nothing_else():
    iso = {country.alpha_2 for country in pycountry.countries}
    # What CLDR's containment holds beside ISO's countries (regions, parts of a country),
    # read from the data rather than listed here, so no code is named twice.
    not_countries = set(country_data().continents) - iso - {KOSOVO}
    offered = {
        "signing as a person": {
            code for code, _ in SignAsPersonForm.base_fields["country"].choices
        },
        "the register": {code for code, _ in OrganizationForm().fields["country"].choices},
        "the import": {code for code, _ in register_country_choices()},
    }

    assert not_countries  # there is something to leave out
    assert country_codes() == (set(country_data().continents) & iso) | {KOSOVO}
    assert country_codes() - iso == {KOSOVO}
    for where, codes in offered.items():
        assert codes - {""} == country_codes(), where
        assert not codes & not_countries, where
