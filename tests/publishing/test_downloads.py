"""Downloads on the statement page: every format of every language, cached by content."""

import dataclasses
import io
from datetime import UTC, datetime

import pdfplumber
import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

from tests.factories import OrganizationFactory
from undersigned.publishing import downloads
from undersigned.publishing.downloads import FORMATS
from undersigned.publishing.selectors import build_document
from undersigned.signatures.models import Method
from undersigned.signatures.services import record_signature
from undersigned.statements.models import Version

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The formats rendered during the test, in order."""
    rendered: list[str] = []
    for kind, format in FORMATS.items():

        def counted(document, *, kind=kind, render=format.render):
            rendered.append(kind)
            return render(document)

        monkeypatch.setitem(FORMATS, kind, dataclasses.replace(format, render=counted))
    return rendered


BUILD = "undersigned.publishing.tasks.build_documents"


def cached_files(language: str = "en") -> list[str]:
    folder = settings.DATA_DIR / "documents" / "ICOR00359"
    return sorted(p.suffix for p in folder.glob(f"{language}_*")) if folder.exists() else []


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


@pytest.mark.parametrize("kind", list(FORMATS))
@pytest.mark.parametrize("language", ["en", "de"])
def test_a_download_equals_a_fresh_render(client, example, kind, language):
    response = client.get(f"/statements/ICOR00359/{language}/download/{kind}/")

    fresh = FORMATS[kind].render(build_document(example, version=example.current_version(language)))
    assert response.status_code == 200
    assert response.content == fresh
    assert response["Content-Type"] == FORMATS[kind].content_type


@pytest.mark.parametrize(
    ("language", "kind", "name"),
    [
        ("en", "pdf", "ICOR00359 ICOR resolution on Belarus_ver 05.01_EN.pdf"),
        ("de", "docx", "ICOR00359 ICOR-Resolution zu Belarus_ver 05.01_DE.docx"),
        ("de", "md", "ICOR00359 ICOR-Resolution zu Belarus_ver 05.01_DE.md"),
    ],
)
def test_downloads_are_named_like_the_documents_coalitions_send(
    client, example, language, kind, name
):
    response = client.get(f"/statements/ICOR00359/{language}/download/{kind}/")

    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_a_non_ascii_file_name_is_sent_the_rfc_6266_way(client, example):
    Version.objects.filter(language="de").update(short_title="Resolution über Belarus")

    response = client.get("/statements/ICOR00359/de/download/pdf/")

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''ICOR00359%20Resolution%20%C3%BCber%20Belarus"
        "_ver%2005.01_DE.pdf"
    )


def test_unknown_formats_and_languages_are_404(client, example):
    assert client.get("/statements/ICOR00359/en/download/xls/").status_code == 404
    assert client.get("/statements/ICOR00359/fr/download/pdf/").status_code == 404
    assert client.get("/statements/ICOR00001/en/download/pdf/").status_code == 404


def test_a_request_builds_only_the_one_document_it_asks_for(client, example, renders):
    client.get("/statements/ICOR00359/de/download/pdf/")
    client.get("/statements/ICOR00359/de/download/pdf/")

    assert renders == ["pdf"]
    assert cached_files("de") == [".pdf"]


def test_viewing_a_page_queues_the_missing_builds_of_its_language_once(
    client, example, renders, deliver
):
    with deliver():
        client.get("/statements/ICOR00359/de/")
        client.get("/statements/ICOR00359/de/")

    assert sorted(renders) == sorted(FORMATS)
    assert cached_files("de") == sorted(f".{kind}" for kind in FORMATS)
    assert cached_files("en") == []
    assert (
        DBTaskResult.objects.filter(
            task_path="undersigned.publishing.tasks.build_documents"
        ).count()
        == 1
    )
    # Built: downloads now come from the cache.
    renders.clear()
    for kind in FORMATS:
        assert client.get(f"/statements/ICOR00359/de/download/{kind}/").status_code == 200
    assert renders == []


def test_a_new_signature_gives_a_new_pdf_and_removes_the_old_one(client, example, renders):
    before = client.get("/statements/ICOR00359/en/download/pdf/").content
    organization = OrganizationFactory(
        abbreviation="NEWORG", name="Nouvelle Organisation Révolutionnaire", country="BE"
    )
    record_signature(
        example,
        organization=organization,
        signed_at=datetime(2020, 9, 30, 12, tzinfo=UTC),
        method=Method.IMPORTED,
        check_open=False,
    )

    after = client.get("/statements/ICOR00359/en/download/pdf/").content

    assert after != before
    assert "NEWORG" not in pdf_text(before)
    text = pdf_text(after)
    assert "NEWORG Nouvelle Organisation Révolutionnaire, Belgium" in text
    assert "as of 30 September 2020" in text
    assert renders == ["pdf", "pdf"]
    assert cached_files("en") == [".pdf"]  # the old file is gone


def test_a_new_version_of_the_translation_gives_a_new_file(client, example):
    first = client.get("/statements/ICOR00359/de/download/txt/").content.decode()
    german = example.current_version("de")
    example.versions.create(
        major=5,
        minor=2,
        language="de",
        title=german.title + " (überarbeitet)",
        short_title=german.short_title,
        body=german.body,
        source=german.source,
    )

    response = client.get("/statements/ICOR00359/de/download/txt/")

    assert first.startswith("ICOR-Erklärung zu den Ereignissen in Belarus\n")
    assert response.content.decode().startswith(
        "ICOR-Erklärung zu den Ereignissen in Belarus (überarbeitet)\n"
    )
    assert "_ver 05.02_DE.txt" in response["Content-Disposition"]
    assert cached_files("de") == [".txt"]


def test_the_cache_key_changes_with_the_renderer_version(example, monkeypatch):
    document = build_document(example)
    key = downloads.file_key(document, "pdf")

    monkeypatch.setattr(downloads, "RENDERER_VERSION", "test")

    assert downloads.file_key(document, "pdf") != key
    assert downloads.file_key(document, "docx") != downloads.file_key(document, "pdf")


def test_the_content_key_covers_every_field_of_the_document_and_its_entries(example):
    document = build_document(example)
    assert build_document(example).content_key == document.content_key  # stable
    keys = {document.content_key}
    first = document.entries[0]
    changed_entries = [
        first._replace(**{name: _other(getattr(first, name))}) for name in first._fields
    ]
    for entry in changed_entries:
        keys.add(dataclasses.replace(document, entries=[entry, *document.entries[1:]]).content_key)
    for field in dataclasses.fields(document):
        if field.name != "entries":
            value = _other(getattr(document, field.name))
            keys.add(dataclasses.replace(document, **{field.name: value}).content_key)
    # Two entries swapped, or one dropped, is another document too.
    swapped = [document.entries[1], document.entries[0], *document.entries[2:]]
    keys.add(dataclasses.replace(document, entries=swapped).content_key)
    keys.add(dataclasses.replace(document, entries=document.entries[1:]).content_key)
    assert len(keys) == 1 + len(first._fields) + len(dataclasses.fields(document)) - 1 + 2


def _other(value):
    """A value of the same kind that differs."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, datetime):
        return value.replace(microsecond=(value.microsecond + 1) % 1_000_000)
    if isinstance(value, list):
        return [*value, "x"]
    if value is None:
        return "x"
    return value.replace(day=1 if value.day != 1 else 2)  # a date


def test_the_statement_page_offers_every_format_in_every_language(client, example):
    html = client.get("/statements/ICOR00359/en/").content.decode()

    for language in ["en", "de"]:
        for kind in FORMATS:
            assert f'href="/statements/ICOR00359/{language}/download/{kind}/"' in html


def test_viewing_a_page_renders_no_document_in_the_request(
    client, example, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/statements/ICOR00359/")
        client.get("/statements/ICOR00359/de/")

    assert renders == []
    assert (
        DBTaskResult.objects.filter(
            task_path="undersigned.publishing.tasks.build_documents"
        ).count()
        == 2
    )
