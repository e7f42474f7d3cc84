"""Pure parsers: a document's bytes -> `ImportResult`, with no database in sight. The
readers (`importing/readers/`) turn a file into blocks; `document.parse_document` reads
the statement from the blocks."""

from pathlib import Path

from undersigned.importing.parsers.document import parse_document
from undersigned.importing.readers import read, read_path
from undersigned.importing.result import ImportResult


def parse_file(
    path: Path, *, source: str | None = None, abbreviations: frozenset[str] = frozenset()
) -> ImportResult:
    """Parse a statement file of any supported format (raises `UnusableInput`)."""
    read_as = Path(source).name if source else None
    return parse_document(
        read_path(path, read_as), source=source or str(path), abbreviations=abbreviations
    )


def parse_bytes(
    data: bytes, filename: str, *, abbreviations: frozenset[str] = frozenset()
) -> ImportResult:
    """Parse a statement given as bytes, e.g. an upload (raises `UnusableInput`)."""
    return parse_document(read(data, filename), source=filename, abbreviations=abbreviations)
