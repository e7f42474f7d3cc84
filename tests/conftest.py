import os
import re
from pathlib import Path

import pytest

from undersigned.demo.example import load_example
from undersigned.statements.models import Statement

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed" / "ICOR00359.txt"


def pytest_collection_modifyitems(config, items):
    """A test marked `database_free` reads no database: pytest-django refuses one to any test
    not marked `django_db`, so the mark is checked by every run. CI runs the suite on SQLite
    and on PostgreSQL; the PostgreSQL run sets UNDERSIGNED_TESTS_DATABASE_ONLY=1, which leaves
    out what would only run the same code again: the tests marked `database_free`, and the
    browser tests but those marked `both_databases` (a page's behaviour in Chromium does not
    depend on the database under it; the client tests run every view on PostgreSQL). pytest
    counts them as deselected."""
    for item in items:
        if item.get_closest_marker("database_free") and item.get_closest_marker("django_db"):
            raise pytest.UsageError(f"{item.nodeid} is marked database_free and django_db")
    if not os.environ.get("UNDERSIGNED_TESTS_DATABASE_ONLY"):
        return
    kept, left_out = [], []
    for item in items:
        once = item.get_closest_marker("database_free") or (
            item.get_closest_marker("browser") and not item.get_closest_marker("both_databases")
        )
        (left_out if once else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def pytest_report_header(config):
    if os.environ.get("UNDERSIGNED_TESTS_DATABASE_ONLY"):
        return (
            "UNDERSIGNED_TESTS_DATABASE_ONLY: the tests marked database_free, and the browser"
            " tests not marked both_databases, are left out"
        )
    return None


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no cached public page (ids and audit sequence numbers repeat
    across tests, whose transactions are rolled back)."""
    from undersigned.publishing import tasks
    from undersigned.wsgi import application

    application.clear()
    tasks._settled.clear()  # documents seen queued, by content: contents repeat across tests


@pytest.fixture(autouse=True)
def _interface_language():
    """A request in another language leaves it active in the thread (the locale middleware
    does not put it back): each test starts in the site's default language."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """Every test writes (static files, outbox) into its own directory."""
    settings.DATA_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT.mkdir()
    settings.WHITENOISE_USE_FINDERS = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def example(db) -> Statement:
    """The example coalition with ICOR00359 and its 32 signatories."""
    (statement,) = load_example()
    return statement


def seed_entries() -> list[str]:
    """The printed entries of the example, one string each, words broken by the PDF joined."""
    text = SEED.read_text("utf-8")
    block = text.split("further signatories possible):", 1)[1]
    entries = re.split(r"\n\s*(?=\d{1,2}\.)", "\n" + block.strip())
    result = []
    for entry in entries:
        entry = entry.strip()
        if not entry:
            continue
        entry = re.sub(r"(\w)-\n(\w)", r"\1\2", entry)
        entry = re.sub(r"^(\d+)\.\s*", r"\1. ", entry)
        result.append(normalize_entry(entry))
    return result


def normalize_entry(entry: str) -> str:
    """The abbreviation stands three spaces before the name; other whitespace is wrapping."""
    parts = re.split(r" {3,}", entry.strip(), maxsplit=1)
    return "   ".join(" ".join(part.split()) for part in parts)


def seed_words() -> list[str]:
    """The example's words in order, without its page footer, with broken words joined."""
    text = SEED.read_text("utf-8")
    text = "\n".join(line for line in text.splitlines() if not re.search(r"\.doc \d+ / \d+$", line))
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"(?m)^\s*(\d{1,2})\.(?=\S)", r"\1. ", text)
    return text.split()


@pytest.fixture
def deliver(django_capture_on_commit_callbacks, mailoutbox):
    """Run the worker's tasks for what the block queued; returns the messages sent so far.

    Tasks the test's setup queued before the block are run first and their messages dropped:
    the block's messages are what a test asks about."""
    from contextlib import contextmanager

    from undersigned.core.tasks import run_pending

    def run_all() -> None:
        ran = True
        while ran:  # tasks may queue further tasks (a digest queues its messages)
            with django_capture_on_commit_callbacks(execute=True):
                ran = run_pending()

    @contextmanager
    def capturing():
        kept = len(mailoutbox)
        run_all()
        del mailoutbox[kept:]
        with django_capture_on_commit_callbacks(execute=True):
            yield
        run_all()

    capturing.outbox = mailoutbox
    return capturing
