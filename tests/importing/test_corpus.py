"""Every document of the corpus (tests/fixtures/import) parses to its expected JSON, which
make_fixtures.py writes from the same specification the document is rendered from."""

import json
from pathlib import Path

import pytest

from undersigned.importing.parsers import parse_file

pytestmark = pytest.mark.database_free

CORPUS = Path(__file__).parents[1] / "fixtures" / "import"
EXPECTED = sorted(CORPUS.glob("*.expected.json"))


def source_of(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    (source,) = [p for p in CORPUS.iterdir() if p.stem == stem and p.suffix != ".json"]
    return source


def test_the_corpus_has_twelve_documents_in_four_formats_at_least():
    formats = {source_of(path).suffix for path in EXPECTED}
    assert len(EXPECTED) >= 12
    assert len(formats) >= 4


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda path: path.name.split(".")[0])
def test_a_corpus_document_parses_to_its_expected_json(expected):
    source = source_of(expected)
    result = parse_file(source, source=source.name).to_dict()
    result.pop("warnings")
    assert result == json.loads(expected.read_text("utf-8"))


def test_a_document_without_a_list_warns_and_has_no_signatories():
    result = parse_file(CORPUS / "12_no_list.md")
    assert result.signatories == []
    assert "no list of signatories found" in result.warnings
