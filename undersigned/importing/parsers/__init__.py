"""Pure parsers: a document's bytes -> `ImportResult`, with no database in sight."""

from pathlib import Path

from undersigned.importing.result import ImportResult


def parse_file(path: Path, *, source: str | None = None) -> ImportResult:
    """Parse a statement file of any supported format (raises `UnusableInput`)."""
    from undersigned.importing.extract import read_file
    from undersigned.importing.parsers.text import parse_text

    extracted = read_file(path)
    return parse_text(extracted.text, source=source or str(path), extracted=extracted)


def parse_bytes(data: bytes, filename: str) -> ImportResult:
    """Parse a statement given as bytes, e.g. an upload (raises `UnusableInput`)."""
    from undersigned.importing.extract import extract
    from undersigned.importing.parsers.text import parse_text

    extracted = extract(data, filename)
    return parse_text(extracted.text, source=filename, extracted=extracted)
