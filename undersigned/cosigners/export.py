"""The secretariat's CSV of a statement's individual signers, safe to open in a spreadsheet:
a cell a spreadsheet would read as a formula is written as text. Pure: no database."""

import csv
import io
from collections.abc import Iterable, Sequence
from itertools import repeat

# What starts a formula in Excel, LibreOffice and Google Sheets (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A leading apostrophe makes the cell text in every spreadsheet; the value is kept."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    # A list of 100,000 signers is 1.2 million cells: each row is tested in C (str.startswith
    # over the row), and only a row holding a cell to neutralise is made anew.
    writer.writerows(
        [neutralise(cell) for cell in row]
        if any(map(str.startswith, row, repeat(FORMULA_STARTS)))
        else row
        for row in rows
    )
    return out.getvalue()
