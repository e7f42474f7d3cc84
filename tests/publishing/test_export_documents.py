import io

import docx
import pdfplumber
import pytest
from django.core.management import CommandError, call_command

from tests.factories import VersionFactory

pytestmark = pytest.mark.django_db

BASE_NAME = "ICOR00359 ICOR resolution on Belarus_ver 05.01_EN"


def test_the_pdf_export_writes_the_file_given(example, tmp_path):
    target = tmp_path / "statement.pdf"
    call_command("export", "ICOR00359", "--format", "pdf", "-o", str(target))
    with pdfplumber.open(target) as pdf:
        assert pdf.metadata["Author"] == (
            "International Coordination of Revolutionary Parties and Organizations"
        )
        first = pdf.pages[0].extract_text()
    assert first.startswith("ICOR Statement on the Events in Belarus\n")


def test_the_docx_export_writes_the_file_given(example, tmp_path):
    target = tmp_path / "statement.docx"
    call_command("export", "ICOR00359", "--format", "docx", "-o", str(target))
    assert docx.Document(target).paragraphs[0].text == "ICOR Statement on the Events in Belarus"


@pytest.mark.parametrize("kind", ["pdf", "docx", "odt", "txt"])
def test_a_directory_gets_the_file_named_after_the_document(example, tmp_path, kind):
    (tmp_path / "out").mkdir()
    call_command("export", "ICOR00359", "--format", kind, "-o", str(tmp_path / "out"))
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"{BASE_NAME}.{kind}"]


def test_a_pdf_without_a_file_goes_to_standard_output_as_bytes(example, capsysbinary):
    call_command("export", "ICOR00359", "--format", "pdf")
    output = capsysbinary.readouterr().out
    assert output.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(output)) as pdf:
        assert len(pdf.pages) == 3


def test_an_unknown_statement_is_a_clear_error_for_binary_formats_too(example, tmp_path):
    target = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match="No published statement 'ICOR99999'") as error:
        call_command("export", "ICOR99999", "--format", "pdf", "-o", str(target))
    assert error.value.returncode == 2
    assert not target.exists()


def test_an_unknown_language_is_a_clear_error_for_binary_formats_too(example, tmp_path):
    with pytest.raises(CommandError, match="has no text in 'fr'; it has: de, en") as error:
        call_command("export", "ICOR00359", "--format", "docx", "--lang", "fr", "-o", str(tmp_path))
    assert error.value.returncode == 2


def test_a_slash_in_the_short_title_does_not_make_a_directory(db, tmp_path):
    VersionFactory(statement__number=601, short_title="Turkey / Kurdistan")
    (tmp_path / "out").mkdir()
    call_command("export", "DOC00601", "--format", "pdf", "-o", str(tmp_path / "out"))
    names = [p.name for p in (tmp_path / "out").iterdir()]
    assert names == ["DOC00601 Turkey - Kurdistan_ver 01.00_EN.pdf"]
