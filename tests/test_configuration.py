import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from undersigned.core.env import env_bool, env_int, env_list

ROOT = Path(__file__).parent.parent


def settings_variables() -> set[str]:
    source = (ROOT / "undersigned" / "settings.py").read_text()
    return set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))


def test_settings_read_the_documented_variables():
    assert {
        "UNDERSIGNED_DATA_DIR",
        "DATABASE_URL",
        "UNDERSIGNED_SECRET_KEY",
    } <= settings_variables()


def test_every_setting_is_documented_in_configuration_md():
    documented = set(re.findall(r"`([A-Z_]+)`", (ROOT / "docs" / "configuration.md").read_text()))
    assert sorted(settings_variables() - documented) == []


def test_env_bool_refuses_a_value_it_does_not_understand(monkeypatch):
    monkeypatch.setenv("UNDERSIGNED_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="UNDERSIGNED_TEST_FLAG"):
        env_bool("UNDERSIGNED_TEST_FLAG")


def test_env_int_and_list_parse_values(monkeypatch):
    monkeypatch.setenv("UNDERSIGNED_TEST_INT", "7")
    monkeypatch.setenv("UNDERSIGNED_TEST_LIST", "a.example, b.example,")
    assert env_int("UNDERSIGNED_TEST_INT", 1) == 7
    assert env_list("UNDERSIGNED_TEST_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("UNDERSIGNED_TEST_INT", "seven")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("UNDERSIGNED_TEST_INT", 1)


def test_sqlite_is_tuned_for_concurrent_writers(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite settings only apply to SQLite")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["timeout"] >= 5
