"""Bad files end in one clear line and exit status 2 (or a result), within the import
budgets, and nothing is written. The files are made by `bad_files.py` at test time; memory
and time are measured in `make bench-import`, not asserted here."""

import json
import tempfile
import tracemalloc
from dataclasses import asdict
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SEED
from tests.factories import make_secretariat
from tests.importing.bad_files import BAD_FILES, make_bad_file
from undersigned.importing import readers, services
from undersigned.importing.models import ImportedFile
from undersigned.importing.parsers import parse_file
from undersigned.importing.readers import UnusableInput
from undersigned.importing.sandbox import Limits, parse_file_in_sandbox, run_in_sandbox
from undersigned.organizations.models import Organization
from undersigned.statements.models import Statement

CORPUS = Path(__file__).parents[1] / "fixtures" / "import"

# What the one line says for each bad file; "100 MB of one line" is stopped by a budget,
# memory or time depending on the machine.
SAYS = {
    "encrypted.pdf": ["an encrypted PDF; save it without a password first"],
    "truncated.pdf": ["a damaged PDF"],
    "truncated.docx": ["a damaged ZIP archive"],
    "truncated.odt": ["a damaged ZIP archive"],
    "zip-bomb-false-sizes.docx": ["a damaged ZIP archive"],
    "zip-bomb.docx": ["a ZIP bomb"],
    "billion-laughs.docx": ["an entity bomb (billion laughs)"],
    "billion-laughs.odt": ["an entity bomb (billion laughs)"],
    "one-line.txt": ["MB of memory to read", "s to read; the limit is set by"],
    "2000-pages.pdf": ["a PDF of 2000 pages; the limit is 1000"],
    "binary.txt": ["binary data"],
    "empty.txt": ["is empty"],
}


@pytest.fixture
def small_budgets(settings):
    """Half the default budgets, so that the file that exhausts one does it sooner; every
    other bad file is refused long before either."""
    settings.IMPORT_MEMORY_MB = 250
    settings.IMPORT_SECONDS = 15


def test_the_bad_files_are_all_known():
    assert sorted(SAYS) == sorted(BAD_FILES)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_gives_exit_status_2_and_one_clear_line(name, tmp_path, small_budgets):
    path = make_bad_file(name, tmp_path)

    with pytest.raises(CommandError) as raised:
        call_command("import", str(path), "--json")

    assert raised.value.returncode == 2
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message and "Traceback" not in message
    assert any(words in message for words in SAYS[name]), message


def test_each_unusable_file_has_its_line_and_the_others_are_still_printed(tmp_path, capsys):
    encrypted = make_bad_file("encrypted.pdf", tmp_path)
    empty = make_bad_file("empty.txt", tmp_path)

    with pytest.raises(CommandError) as raised:
        call_command("import", str(encrypted), str(SEED), str(empty), "--json")

    assert raised.value.returncode == 2
    assert str(raised.value).split("\n") == [
        f"{encrypted}: an encrypted PDF; save it without a password first",
        f"{empty}: empty.txt is empty",
    ]
    (printed,) = json.loads(capsys.readouterr().out)
    assert (printed["source"], len(printed["signatories"])) == (str(SEED), 32)


@pytest.mark.django_db
def test_importing_bad_files_writes_nothing(tmp_path, settings, monkeypatch, small_budgets):
    bad = tmp_path / "bad"
    bad.mkdir()
    paths = [make_bad_file(name, bad) for name in sorted(BAD_FILES) if name != "one-line.txt"]
    paths.append(CORPUS / "legacy_word97.doc")  # converted through a temporary directory
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    data_before = sorted(Path(settings.DATA_DIR).rglob("*"))

    with pytest.raises(CommandError):
        call_command("import", *map(str, paths), "--json")

    assert list(scratch.iterdir()) == []
    assert sorted(Path(settings.DATA_DIR).rglob("*")) == data_before
    assert (Statement.objects.count(), Organization.objects.count()) == (0, 0)
    assert ImportedFile.objects.count() == 0


def test_a_file_that_takes_longer_than_the_budget_is_stopped(tmp_path):
    path = make_bad_file("one-line.txt", tmp_path)

    run = run_in_sandbox(path=path, source=path.name, limits=Limits(memory_mb=4000, seconds=2))

    assert run.result is None
    assert run.error == (
        "it took longer than 2 s to read; the limit is set by UNDERSIGNED_IMPORT_SECONDS"
    )


def test_a_file_that_needs_more_memory_than_the_budget_is_stopped(tmp_path):
    path = make_bad_file("one-line.txt", tmp_path)

    run = run_in_sandbox(path=path, source=path.name, limits=Limits(memory_mb=200, seconds=60))

    assert run.result is None
    assert run.error == (
        "it needed more than 200 MB of memory to read; the limit is set by "
        "UNDERSIGNED_IMPORT_MEMORY_MB"
    )


def test_a_reader_library_that_cannot_load_within_the_budget_is_a_memory_error():
    path = CORPUS / "07_paged.pdf"  # PDFium alone maps more than 30 MB

    run = run_in_sandbox(path=path, source=path.name, limits=Limits(memory_mb=30))

    assert run.result is None
    assert "it needed more than 30 MB of memory to read" in run.error


def test_a_legacy_doc_conversion_is_stopped_with_its_converter(tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = CORPUS / "legacy_word97.doc"

    run = run_in_sandbox(path=path, source=path.name, limits=Limits(seconds=1))

    if run.result is not None:
        pytest.skip("this machine converted the document within a second")
    assert run.error.startswith("it took longer than 1 s to read")
    assert list(scratch.iterdir()) == []  # the converter's profile and output went with it


@pytest.mark.parametrize(
    "path",
    [SEED, CORPUS / "07_paged.pdf", CORPUS / "04_table.docx", CORPUS / "06_mixed.odt"],
    ids=lambda path: path.name,
)
def test_a_good_file_gives_the_same_result_in_the_sandbox(path):
    assert parse_file_in_sandbox(path, source=path.name, limits=Limits()) == parse_file(
        path, source=path.name
    )


def test_a_char_beyond_the_bmp_that_pdfium_gives_in_halves_comes_back_whole():
    path = CORPUS / "real" / "en_iff_facial_recognition_vaccination.pdf"
    in_process = asdict(parse_file(path, source=path.name))

    in_sandbox = asdict(parse_file_in_sandbox(path, source=path.name, limits=Limits()))

    # 𝗔, mathematical bold, which PDFium gives as two halves: the reader joins them
    assert "\U0001d5d4" in in_process["body"] and "\ud835" not in in_process["body"]
    assert "\U0001d5d4" in in_sandbox["body"] and "\ud835" not in in_sandbox["body"]
    assert in_sandbox == json.loads(json.dumps(in_process))  # JSON joins the halves


def test_the_register_s_abbreviations_reach_the_parser_in_the_sandbox():
    abbreviations = frozenset({"PCPCI", "KKE"})

    in_sandbox = parse_file_in_sandbox(SEED, abbreviations=abbreviations, limits=Limits())

    assert in_sandbox == parse_file(SEED, abbreviations=abbreviations)


@pytest.mark.django_db
def test_an_upload_is_parsed_in_the_sandbox_and_a_bad_one_leaves_nothing(tmp_path, settings):
    secretariat = make_secretariat()
    encrypted = make_bad_file("encrypted.pdf", tmp_path).read_bytes()

    with pytest.raises(UnusableInput, match=r"^an encrypted PDF; save it without a password"):
        services.stage_upload(encrypted, filename="locked.pdf", by=secretariat)

    assert not (Path(settings.DATA_DIR) / "import-tmp").exists() or not any(
        (Path(settings.DATA_DIR) / "import-tmp").iterdir()
    )
    pending = services.stage_upload(SEED.read_bytes(), filename="ICOR00359.txt", by=secretariat)
    assert len(pending.result["signatories"]) == 32


def test_a_zip_whose_entries_declare_false_small_sizes_is_refused_without_inflating(tmp_path):
    data = make_bad_file("zip-bomb-false-sizes.docx", tmp_path).read_bytes()
    tracemalloc.start()

    with pytest.raises(UnusableInput, match="damaged ZIP archive"):
        readers.read(data, "statement.docx")

    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 2**20  # the member would inflate to 1 GiB


def test_an_entity_declaration_split_across_two_chunks_is_found(tmp_path):
    import zipfile

    from undersigned.importing.readers.archive import _CHUNK, safe_archive

    path = tmp_path / "split.docx"
    prefix = b"<?xml version='1.0'?>\n<!DOCTYPE d [<!--" + b"x" * _CHUNK
    text = prefix[: _CHUNK - 7] + b"--><!ENTITY a 'a'>]><d/>"  # "<!EN" | "TITY"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", text)

    with pytest.raises(UnusableInput, match="entity bomb"):
        safe_archive(path.read_bytes())


@pytest.mark.database_free
def test_an_upload_kept_without_its_name_is_read_in_the_format_its_name_gave(tmp_path):
    """An upload is stored as `source`: its Markdown (a line break written `<br>`, as pages
    of Jekyll and Hugo write them) must not be read as plain text, `<br>` left in names."""
    stored = tmp_path / "source"
    stored.write_text(
        '---\ntitle: "Aufruf"\n---\n\n<figure>\n<img src="aufruf.jpg" alt="">\n</figure>\n\n'
        "Wir fordern den Weiterbetrieb.\n\nUnterzeichner:\n\n"
        "Prof. Dr. Anna Beispiel, Universität Stuttgart<br>\n"
        "Prof. Dr. Bert Muster, TU Dresden<br>\n"
        "Prof. Dr. Carla Probe, Universität Duisburg-Essen\n",
        "utf-8",
    )
    run = run_in_sandbox(path=stored, source="aufruf.md")
    assert [(s.name, s.affiliation) for s in run.result.signatories] == [
        ("Anna Beispiel", "Universität Stuttgart"),
        ("Bert Muster", "TU Dresden"),
        ("Carla Probe", "Universität Duisburg-Essen"),
    ]
