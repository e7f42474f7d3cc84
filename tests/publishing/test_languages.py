import pytest

from undersigned.publishing.languages import choose_language, language_name, parse_accept_language


def test_accept_language_is_ordered_by_weight_then_by_position():
    header = "fr;q=0.5, de-CH, en;q=0.8, ru;q=0, *;q=0.1"

    assert parse_accept_language(header) == ["de-ch", "en", "fr", "*"]


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("de", "de"),
        ("de-AT, en;q=0.5", "de"),
        ("pt", "pt-BR"),
        ("ja, de;q=0.3", "de"),
        ("ja", "en"),
        ("", "en"),
        ("*", "en"),
        ("de;q=0, fr", "en"),
        ("garbage;;, ,de", "de"),
    ],
)
def test_the_best_available_language_is_chosen_else_the_original(header, chosen):
    assert choose_language(header, ["en", "de", "pt-BR"], default="en") == chosen


def test_languages_are_named_in_their_own_language():
    assert [language_name(code) for code in ["de", "en", "fr", "ru", "xx-nonsense"]] == [
        "Deutsch",
        "English",
        "Français",
        "Русский",
        "xx-nonsense",
    ]
