"""The secretariat's CSV of a statement's individual signers, safe to open in a spreadsheet:
a cell a spreadsheet would read as a formula is written as text. Pure: no database."""

import csv
import io
from collections.abc import Iterable, Sequence

# What starts a formula in Excel, LibreOffice and Google Sheets (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A leading apostrophe makes the cell text in every spreadsheet; the value is kept."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


_STARTS = frozenset(FORMULA_STARTS)  # each one character


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    # neutralise() inlined: a list of 100,000 signers is 1.1 million cells
    writer.writerows(
        ["'" + cell if cell[:1] in _STARTS else cell for cell in map(str, row)] for row in rows
    )
    return out.getvalue()
