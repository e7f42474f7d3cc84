"""PDF -> blocks, through PDFium (pypdfium2): words from each character's position, lines
from words, paragraphs from vertical gaps and short sentence-ending lines, and running
headers and footers (lines at a page's top or bottom repeating on most pages, digits
ignored) marked as page furniture. pypdf tells encrypted files apart cheaply."""

import functools
import io
import math
import multiprocessing
import operator
import os
import re
import statistics
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import pairwise

from undersigned.importing.readers.blocks import BOLD_CLOSE, BOLD_OPEN, Block, ReadDocument
from undersigned.importing.readers.errors import UnusableInput
from undersigned.importing.readers.html import logo_name

MAX_PAGES = 1000  # a statement with its list is a few dozen pages; a book is not one


def read_pdf(data: bytes) -> ReadDocument:
    import pypdfium2 as pdfium
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnusableInput("an encrypted PDF; save it without a password first")
    except (PdfReadError, ValueError, OSError) as error:
        raise UnusableInput(f"a damaged PDF: {error}") from error
    except Exception as error:  # pypdf raises further types for other damage
        if isinstance(error, UnusableInput):
            raise
        raise UnusableInput(f"a damaged or unreadable PDF: {error}") from error
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UnusableInput(f"a damaged PDF: {error}") from error
    try:
        if len(document) > MAX_PAGES:
            raise UnusableInput(
                f"a PDF of {len(document)} pages; the limit is {MAX_PAGES}: split it first"
            )
        pages = _read_pages(document, data)
    except pdfium.PdfiumError as error:
        raise UnusableInput(f"a damaged PDF: {error}") from error
    finally:
        document.close()
    if not any(pages):
        raise UnusableInput("a PDF without a text layer (a scan?); run OCR on it first")
    furniture = _running_lines(pages)
    margin = max(end for lines in pages for *_, (end, _, _) in lines)
    blocks: list[Block] = []
    current: Block | None = None
    # per paragraph, whether each of its lines reaches the text's right margin, and whether
    # each is set in bold throughout
    reach: dict[int, list[bool]] = {}
    bold: dict[int, list[bool]] = {}
    # per paragraph, its lines with their bold leads marked: kept where most lines have one
    # (a list of names set in bold), not where a few bold words fall at a line's start
    marked: dict[int, list[str]] = {}
    tables = 0
    for number, lines in enumerate(pages, start=1):
        kept = []
        for index, (text, gap, segments, (end, size, words)) in enumerate(lines):
            bare = _digitless(text)
            if (index < _EDGE and bare in furniture[0]) or (
                index >= len(lines) - _EDGE and bare in furniture[1]
            ):
                blocks.append(Block("furniture", [text], where=f"page {number}"))
            else:
                kept.append((text, gap, segments, end >= margin - 4 * size, words))
        kept = _wrapped_short(kept, margin)
        if current is not None and current.lines and current.lines[-1][-1] in ".!?:;)":
            current = None  # a page ending with a full sentence ends the paragraph too
        grids = _grid_tables(kept)
        taken = {i for start, end, _ in grids for i in range(start, end)}
        regions = {start: (end, rows) for start, end, rows in grids} | {
            start: (end, rows)
            for start, end, rows in _tables(kept)
            if not taken & set(range(start, end))
        }
        index = 0
        while index < len(kept):
            if index in regions:
                end, rows = regions[index]
                last = next((b for b in reversed(blocks) if b.kind != "furniture"), None)
                # a table the page break cut: the page's first lines go on with the last
                # page's table of as many columns, and a first row with no first cell
                # is the rest of that table's last row
                goes_on = (
                    index == 0
                    and last is not None
                    and last.kind == "row"
                    and len(last.cells or ()) == len(rows[0])
                )
                if goes_on:
                    first = next(b for b in blocks if b.kind == "row" and b.table == tables)
                    words = " ".join(rows[0]).split()
                    if rows[0] == first.cells:
                        rows = rows[1:]  # its header, repeated on the new page
                    elif any(words == " ".join(b.lines).split() for b in blocks):
                        goes_on = False  # a header the last page printed above its table
                if goes_on and rows and last is not None and last.cells and not rows[0][0]:
                    pairs = zip(last.cells, rows[0], strict=True)
                    last.cells = [f"{a} {b}".strip() for a, b in pairs]
                    last.lines = [" | ".join(cell for cell in last.cells if cell)]
                    rows = rows[1:]
                tables += not goes_on
                for cells in rows:
                    line = " | ".join(cell for cell in cells if cell)
                    blocks.append(
                        Block("row", [line], cells=cells, table=tables, where=f"page {number}")
                    )
                current, index = None, end
                continue
            text, gap, _, full, words = kept[index]
            if current is not None and full and reach[id(current)][-2:] == [False, False]:
                gap = True  # a line the page wrapped after lines the author broke short
            if gap or current is None:
                current = Block("paragraph", [], where=f"page {number}", wrapped=True)
                blocks.append(current)
                reach[id(current)], bold[id(current)], marked[id(current)] = [], [], []
            current.lines.append(text)
            marked[id(current)].append(_bold_lead(text, words))
            reach[id(current)].append(full)
            bold[id(current)].append(all(word["bold"] for word in words))
            index += 1
    for block in blocks:
        if len(reach.get(id(block), ())) > 2 and not any(reach[id(block)][:-1]):
            # no line reaches the margin: the author broke them (a list of names), and a
            # lower-case line ('sbi', 'amit singh') is an entry, not the one above going on
            block.wrapped = False
        leads = sum(line.startswith(BOLD_OPEN) for line in marked.get(id(block), ()))
        if leads >= 3 and leads * 3 >= len(block.lines) * 2:
            block.lines = marked[id(block)]
    blocks = _cards(blocks, reach, bold)
    for block in blocks:
        names = _printed_logos(block)
        if names:
            block.lines, block.pictures, block.wrapped = names, True, False
    return ReadDocument(blocks=[b for b in blocks if b.lines], format="pdf")


def _wrapped_short(kept: list[tuple], margin: float) -> list[tuple]:
    """A line ending well before the margin still reaches it where the next line's first word
    would not have fitted in the room left: the page wrapped it there ('… Trabajadores (ML)'
    over '(Committee and …)', a long word carried to the next line)."""
    out = []
    for index, (text, gap, segments, full, words) in enumerate(kept):
        following = kept[index + 1] if index + 1 < len(kept) else None
        if not full and words and following is not None and following[4] and not following[1]:
            first, last = following[4][0], words[-1]
            room = margin - last["x1"] - 0.25 * last["size"]
            full = first["x1"] - first["x0"] > room
        out.append((text, gap, segments, full, words))
    return out


def _printed_logos(block: Block) -> list[str] | None:
    """The names of a row of logos a browser printed without their images: their alternative
    texts apart by tab stops ('Acme Logo   Bolt Logo   Crane Logo'), three or more, each
    naming a logo; read as the HTML and Markdown readers read a row of logos."""
    if block.kind != "paragraph":
        return None
    pieces = [piece.strip() for line in block.lines for piece in line.split("   ")]
    pieces = [piece for piece in pieces if piece]
    names = [logo_name(piece) for piece in pieces]
    if len(names) < 3 or any(
        not name or name == piece for name, piece in zip(names, pieces, strict=True)
    ):
        return None
    return names


def _bold_lead(text: str, words: list[dict]) -> str:
    """A line that starts in bold and goes on in the regular weight ('**Ana Lima** CTO at
    Acme', as a printed list sets its names) keeps its bold lead marked, as the HTML, DOCX and
    Markdown readers mark theirs; a line wholly in one weight is left as it is."""
    count = next((k for k, word in enumerate(words) if not word["bold"]), len(words))
    if count in (0, len(words)):
        return text
    end = 0
    for word in words[:count]:
        found = text.find(word["text"], end)
        if found < 0:
            return text
        end = found + len(word["text"])
    return f"{BOLD_OPEN}{text[:end]}{BOLD_CLOSE}{text[end:]}"


_CARD_LINES = 4  # at most so many lines of description under one bold name


def _cards(
    blocks: list[Block], reach: dict[int, list[bool]], bold: dict[int, list[bool]]
) -> list[Block]:
    """A list printed as cards, a bold name over lines in the regular weight that describe
    it (an HTML page's '<strong>Name</strong><div>Institution</div><div>Position</div>'
    printed to PDF, with nothing but the weight between one card and the next): each card
    becomes a paragraph of its own, its lines as the author broke them, a line the page
    wrapped joined to the one it continues. Three cards in a row at least, across a page
    break too; anything else stays as it was read."""
    flat: list[tuple[Block, int]] = []  # (paragraph, index of a line), in reading order
    for block in blocks:
        if block.kind == "paragraph" and id(block) in bold:
            flat.extend((block, index) for index in range(len(block.lines)))
    starts = [
        k
        for k, (block, index) in enumerate(flat)
        if bold[id(block)][index]
        and k + 1 < len(flat)
        and not bold[id(flat[k + 1][0])][flat[k + 1][1]]
        and len(block.lines[index].split()) <= 8
        and not block.lines[index].rstrip().endswith(":")
    ]
    cards: list[tuple[int, int]] = []
    for k in starts:
        end = k + 1
        while end < len(flat) and not bold[id(flat[end][0])][flat[end][1]]:
            end += 1
        cards.append((k, end))
    runs: list[list[tuple[int, int]]] = []
    for start, end in cards:
        if runs and runs[-1][-1][1] == start:
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
    taken: dict[int, Block] = {}  # first line of a card -> its block
    skipped: set[int] = set()
    for run in runs:
        # the description's lines as the author broke them: a line after one that reached
        # the margin is the page's wrapping
        described = [
            sum(
                i == s + 1 or not reach[id(flat[i - 1][0])][flat[i - 1][1]] for i in range(s + 1, e)
            )
            for s, e in run
        ]
        # a card with more lines than a card holds (a sidebar's text printed in between)
        # parts the run; the cards on either side stand by themselves
        kept: list[list[tuple[int, int]]] = [[]]
        for card, lines in zip(run, described, strict=True):
            if lines > _CARD_LINES:
                kept.append([])
            else:
                kept[-1].append(card)
        for part in kept:
            if len(part) >= 3:
                _take_cards(part, flat, reach, taken, skipped)
    if not taken:
        return blocks

    line_at = {(id(block), index): k for k, (block, index) in enumerate(flat)}
    out: list[Block] = []
    for block in blocks:
        if block.kind != "paragraph" or id(block) not in bold:
            out.append(block)
            continue
        rest: list[str] = []
        for index, line in enumerate(block.lines):
            k = line_at[(id(block), index)]
            if k in taken or k in skipped:
                if rest:
                    out.append(replace(block, lines=rest))
                    rest = []
                if k in taken:
                    out.append(taken[k])
                continue
            rest.append(line)
        if rest:
            out.append(replace(block, lines=rest))
    return out


def _take_cards(
    run: list[tuple[int, int]],
    flat: list[tuple[Block, int]],
    reach: dict[int, list[bool]],
    taken: dict[int, Block],
    skipped: set[int],
) -> None:
    """Each card of a run a paragraph: its name in bold, then its lines as the author broke
    them, a line the page wrapped joined to the one it continues."""
    for start, end in run:
        block, index = flat[start]
        lines = [block.lines[index]]
        wraps = False
        for k in range(start + 1, end):
            part, at = flat[k]
            if wraps:
                lines[-1] = f"{lines[-1]} {part.lines[at]}"
            else:
                lines.append(part.lines[at])
            wraps = reach[id(part)][at]
        lines[0] = f"{BOLD_OPEN}{lines[0]}{BOLD_CLOSE}"  # the name, its lead, in bold
        taken[start] = Block("paragraph", lines, where=block.where)
        skipped.update(range(start, end))


_COLUMN = 4.0  # points: segments starting this close stand in one column
_EDGE_PT = 1.0  # points: a word starting this close to a column's start starts a cell


def _grid_tables(lines: list[tuple]) -> list[tuple[int, int, list[list[str]]]]:
    """Tables whose cells a browser centres vertically (HTML's default): a short cell's
    lines fall between the lines of the tallest one in its row, so no line of the page is
    a row. Such a table shows as a run of lines whose words leave two or more vertical
    gaps free all the way down (the gutters between three or more columns); each column's
    lines are cut into cells where their pitch grows (a row's padding), and cells that
    overlap vertically are one row. Kept only where that gives a clean grid: each column
    left-aligned and at most one cell of a column in a row."""
    found = []
    index = 0
    while index < len(lines):
        union: list[list[float]] = []
        end = index
        while end < len(lines):
            grown = _merge(union, lines[end][4])
            if len(grown) < 3:
                break
            union, end = grown, end + 1
        if end - index < 2:
            index += 1
            continue
        start = index
        # a table's first lines may hold one column only (a tall cell's top, above the
        # others): they stand inside the columns found below
        while start > 0 and all(
            any(a - 0.5 <= w["x0"] and w["x1"] <= b + 0.5 for a, b in union)
            for w in lines[start - 1][4]
        ):
            start -= 1
        region = lines[start:end]
        # items of a numbered or bulleted list aligned by tab stops are read line by line
        items = sum(bool(_MARKER.match(line[4][0]["text"])) for line in region)
        rows = _grid_rows(region, union) if len(region) >= 4 and items * 2 < len(region) else None
        if rows and (not found or start >= found[-1][1]):
            found.append((start, end, _number_column(rows)))
            index = end
        else:
            index += 1
    return found


def _merge(union: list[list[float]], words: list[dict]) -> list[list[float]]:
    """The x ranges covered by the words of the lines so far and of one more line."""
    spans = sorted(union + [[w["x0"], w["x1"]] for w in words])
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 0.5:  # touching words leave no gutter
            if b > merged[-1][1]:
                merged[-1] = [merged[-1][0], b]
        else:
            merged.append([a, b])
    return merged


def _grid_rows(lines: list[tuple], columns: list[list[float]]) -> list[list[str]] | None:
    # a gutter only one line leaves open (a header's centred words: 'Chevening | Year')
    # parts no columns
    columns = [list(column) for column in columns]
    while True:
        used = [
            sum(any(a - 0.5 <= w["x0"] <= b + 0.5 for w in line[4]) for line in lines)
            for a, b in columns
        ]
        lone = next((i for i in range(1, len(columns)) if used[i] < 2), None)
        if lone is None:
            break
        columns[lone - 1][1] = columns.pop(lone)[1]
    if len(columns) < 3:
        return None
    # a gutter is wider than a space on most lines that have words on both sides of it;
    # short lines starting alike ('University of Konstanz - …') leave gaps a space wide
    spaces: list[float] = []
    gutters: list[list[float]] = [[] for _ in columns[1:]]
    for line in lines:
        for before, word in pairwise(line[4]):
            gap = word["x0"] - before["x1"]
            crossed = [
                i for i, (a, _) in enumerate(columns[1:]) if before["x1"] < a <= word["x0"] + 0.5
            ]
            if crossed:
                gutters[crossed[0]].append(gap)
            else:
                spaces.append(gap)
    space = statistics.median(spaces) if spaces else 0.0
    if not any(gaps and statistics.median(gaps) > 1.6 * space for gaps in gutters):
        return None
    # each column's lines: (top, size, text), in order down the page
    cells_of: list[list[tuple[float, float, str]]] = [[] for _ in columns]
    for line in lines:
        pieces: dict[int, list[dict]] = {}
        for word in line[4]:
            column = max(
                (i for i, (a, _) in enumerate(columns) if a - 0.5 <= word["x0"]), default=0
            )
            pieces.setdefault(column, []).append(word)
        for column, words in pieces.items():
            text = " ".join(w["text"] for w in words)
            top = min(w["top"] for w in words)
            cells_of[column].append((top, words[0]["size"], text, words[0]["x0"]))
    pitches = [b[0] - a[0] for column in cells_of for a, b in pairwise(column) if b[0] - a[0] > 0]
    if not pitches:
        return None
    # a wrapped cell's line pitch, the commonest; between two rows the pitch differs (a
    # browser's padding adds to it, a tight table's leading may take from it)
    pitch = Counter(round(p * 2) / 2 for p in pitches).most_common(1)[0][0]
    spans = []  # (first top, last top, column, lines) of each cell
    for number, column in enumerate(cells_of):
        if not column:
            return None
        left = min(x for *_, x in column)
        aligned = sum(x - left <= 1.0 for *_, x in column)
        if aligned < 2 or aligned * 5 < len(column) * 4:
            # a column's cells start at one place to the point; words of prose or of
            # short lines that happen to leave a gap start anywhere
            return None
        cell = [column[0]]
        for line in column[1:]:
            if abs(line[0] - cell[-1][0] - pitch) > 0.4:
                spans.append((cell[0][0], cell[-1][0], number, cell))
                cell = []
            cell.append(line)
        spans.append((cell[0][0], cell[-1][0], number, cell))
    spans.sort(key=lambda span: span[0])
    groups: list[dict[int, list]] = []  # each row's lines per column
    if len(spans) == len(columns):
        # no column's pitch grows anywhere: rows of one line each, or a row's lines
        # below its first (the first column empty) continuing it, as a page sets it
        for top in sorted({line[0] for column in cells_of for line in column}):
            if not groups or any(line[0] == top for line in cells_of[0]):
                groups.append({})
            for number, column in enumerate(cells_of):
                groups[-1].setdefault(number, []).extend(ln for ln in column if ln[0] == top)
    else:
        bottom = None
        for top, end, number, cell in spans:
            # a row's cells lie within the tops of its tallest cell's first and last lines
            within = bottom is not None and top <= bottom + 0.5
            if within and number not in groups[-1]:
                groups[-1][number] = cell
                bottom = max(bottom, end)
            elif within:
                return None  # two cells of one column in a row: no grid
            else:
                groups.append({number: cell})
                bottom = end
    groups = [{n: cell for n, cell in group.items() if cell} for group in groups]
    if len(groups) < 2 or any(
        sum(number in group for group in groups) * 4 < len(groups) * 3
        for number in range(len(columns))
    ):
        return None  # a column empty in many rows: words of short lines that line up
    out = [
        [
            " ".join(text for _, _, text, _ in group.get(number, []))
            for number in range(len(columns))
        ]
        for group in groups
    ]
    if sum(bool(_MARKER.match(row[0])) for row in out) * 2 >= len(out):
        return None  # too few rows, or a numbered list whose items are tab-aligned
    return out


def _tables(lines: list[tuple]) -> list[tuple[int, int, list]]:
    """Tables laid out by position: runs of lines whose pieces (words apart by a tab stop)
    start at the same few places. Each row starts where the first column has text; lines
    below it without text there continue its cells (a wrapped description)."""
    found = []
    index = 0
    while index < len(lines):
        if len(lines[index][2]) < 2:
            index += 1
            continue
        end = index
        starts: list[float] = []
        while end < len(lines):
            segments = lines[end][2]
            if len(segments) >= 2:
                starts.extend(x for x, _ in segments)
            elif not starts or not any(abs(segments[0][0] - x) <= _COLUMN for x in starts):
                break
            end += 1
        columns = _columns(starts, sum(len(lines[i][2]) >= 2 for i in range(index, end)))
        multi = [i for i in range(index, end) if len(lines[i][2]) >= 2]
        # 'N. ABBR   Name …' aligned by tab stops is a numbered list, read line by line
        numbered = sum(bool(_LIST_ITEM.match(lines[i][2][0][1])) for i in multi) * 2 >= len(multi)
        if (
            len(columns) >= 2
            and len(multi) >= 3
            and not numbered
            and _aligned(lines, multi, columns)
        ):
            run = [_cut_at_columns(line, columns) for line in lines[index:end]]
            found.append((index, end, _number_column(_rows(run, columns))))
            index = end
        else:
            index += 1
    return found


def _cut_at_columns(line: tuple, columns: list[float]) -> tuple:
    """A line of a table in pieces at its columns: a word starting where a column starts
    starts a cell, though the gap before it is narrower than a tab stop (a long name close
    to the next column: 'Jerreck McWilliams  https://…', 'David Hawes-Johnson https://…');
    a cell's words never reach into the next column, so one starting on its edge is its."""
    segments, words = line[2], line[4]
    if len(words) < 2:
        return line
    cut = [(words[0]["x0"], words[0]["text"])]
    for before, word in pairwise(sorted(words, key=lambda w: w["x0"])):
        gap = word["x0"] - before["x1"]
        if any(
            abs(word["x0"] - column) <= (_COLUMN if gap > word["size"] * 0.5 else _EDGE_PT)
            for column in columns
        ):
            cut.append((word["x0"], word["text"]))
        else:
            cut[-1] = (cut[-1][0], f"{cut[-1][1]} {word['text']}")
    return (*line[:2], cut, *line[3:]) if len(cut) > len(segments) else line


def _columns(starts: list[float], lines: int) -> list[float]:
    clusters: list[list[float]] = []
    for x in sorted(starts):
        if clusters and x - clusters[-1][-1] <= _COLUMN:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [min(c) for c in clusters if len(c) * 5 >= lines * 2]  # on two lines of five


def _aligned(lines, multi: list[int], columns: list[float]) -> bool:
    placed = total = 0
    for i in multi:
        for x, _ in lines[i][2]:
            total += 1
            placed += any(abs(x - column) <= _COLUMN for column in columns)
    return placed * 10 >= total * 9


def _rows(lines, columns: list[float]) -> list[list[str]]:
    rows: list[list[str]] = []
    for _, _, segments, *_ in lines:
        cells = [""] * len(columns)
        for x, text in segments:
            column = max((i for i, c in enumerate(columns) if c <= x + _COLUMN), default=0)
            cells[column] = f"{cells[column]} {text}".strip()
        if (cells[0] and len(segments) >= 2) or not rows:
            rows.append(cells)  # a row starts with its first cell beside another
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


_ROW_NUMBER = re.compile(r"^(\d{1,5})\s+(\S.*)$")


def _number_column(rows: list[list[str]]) -> list[list[str]]:
    """A table's narrow column of row numbers printed too close to the next for a tab stop
    ('4 Pei-Ting Sarah Chou | 2010/2011'): where every row's first cell starts with the next
    number, the numbers are a column of their own. A first row without one (the header)
    gets an empty cell."""
    matches = [_ROW_NUMBER.match(row[0]) for row in rows]
    head = 0 if matches and matches[0] else 1
    numbers = [int(m.group(1)) for m in matches[head:] if m]
    if len(numbers) < 3 or len(numbers) < len(rows) - head:
        return rows
    if any(b != a + 1 for a, b in pairwise(numbers)):
        return rows
    out = [["", *rows[0]]] if head else []
    for match, row in zip(matches[head:], rows[head:], strict=True):
        out.append([match.group(1), match.group(2), *row[1:]])
    return out


_EDGE = 2  # lines at a page's top and bottom that may be running headers or footers


def _digitless(text: str) -> str:
    """'… 1 / 3' and '… 2 / 3' are the same running line."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _running_lines(pages: list[list[tuple]]) -> tuple[set[str], set[str]]:
    """Headers and footers: lines at a page's top that repeat at the top of most pages, and
    lines at its bottom that repeat at the bottom. A letter's last line ('Acme e. V.' under
    its signer's name) that only repeats its letterhead's first line runs on no page."""
    if len(pages) < 2:
        return set(), set()
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for lines in pages:
        for counts, edge in ((tops, lines[:_EDGE]), (bottoms, lines[-_EDGE:])):
            counts.update(
                {
                    _digitless(text)
                    for text, *_ in edge
                    if not _LIST_ITEM.match(text)  # entries of a long list repeat their shape too
                }
            )
    needed = max(2, (len(pages) + 1) // 2)
    return (
        {text for text, count in tops.items() if count >= needed},
        {text for text, count in bottoms.items() if count >= needed},
    )


_LIST_ITEM = re.compile(r"^\d{1,6}[.)]\s*\S")
_MARKER = re.compile(r"^(?:\d{1,6}[.)]|[-•▪◦*–])(?:\s|$)")  # an item's marker alone


_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬅ": "st", "ﬆ": "st"}
_HYPHENS = {"\x02": "-", "\ufffe": "-"}  # PDFium marks a hyphen at a line end so (its
# per-char Unicode says U+0002, its page text U+FFFE)
_CHAR_TEXT = str.maketrans(_HYPHENS | _LIGATURES)
_TOLERANCE = 3  # points: chars farther apart than this are two words, tops farther two lines


# Pages from which a second process pays: starting one (a fork) and sending its pages' lines
# back costs some tenths of a second; a page's chars cost milliseconds each in PDFium's calls.
_PARALLEL_PAGES = 40
_PROCESSES = 4


def _read_pages(document, data: bytes) -> list:
    """Each page's lines; a long PDF's pages read by as many processes as the machine has
    cores (to four), each its own share, since PDFium is not to be called from threads.
    Only where this process runs no other thread (forking one that does is unsafe): the
    importer's own child process, a command, a test."""
    count = len(document)
    processes = min(_PROCESSES, len(os.sched_getaffinity(0)), count // (_PARALLEL_PAGES // 2))
    if count < _PARALLEL_PAGES or processes < 2 or threading.active_count() > 1:
        return _page_lines(document, range(count), data)
    bounds = [count * share // processes for share in range(processes + 1)]
    shares = [range(a, b) for a, b in pairwise(bounds)]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(processes - 1, mp_context=context) as pool:
            others = [pool.submit(_page_lines_of, data, share) for share in shares[1:]]
            pages = _page_lines(document, shares[0], data)  # this process's share meanwhile
            for other in others:
                pages.extend(other.result())
    except BrokenProcessPool:
        # a helper died (the memory limit, a signal): read every page here instead
        return _page_lines(document, range(count), data)
    return pages


def _page_lines(document, pages: range, data: bytes) -> list:
    spans = _ActualTexts(data)
    return [_pdf_lines(_pdf_words(document[index], spans.of(index))) for index in pages]


def _page_lines_of(data: bytes, pages: range) -> list:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return _page_lines(document, pages, data)
    finally:
        document.close()


class _ActualTexts:
    """The replacement texts (`/ActualText`) of a page's marked spans, in the order of its
    content stream, read by pypdf only for the pages that need them: PDFium keeps a span's
    text but gives it back with every byte beyond ASCII lost."""

    def __init__(self, data: bytes) -> None:
        self.data, self.reader = data, None

    def of(self, index: int):
        return lambda: self._read(index)

    def _read(self, index: int) -> list[str]:
        from pypdf import PdfReader
        from pypdf.generic import DictionaryObject

        try:
            if self.reader is None:
                self.reader = PdfReader(io.BytesIO(self.data))
            contents = self.reader.pages[index].get_contents()
            operations = contents.operations if contents is not None else []
        except Exception:  # a content stream pypdf cannot parse: the page as PDFium read it
            return []
        return [
            str(operands[1]["/ActualText"])
            for operands, operator_ in operations
            if operator_ == b"BDC"
            and len(operands) == 2
            and isinstance(operands[1], DictionaryObject)
            and "/ActualText" in operands[1]
        ]


def _pdf_words(page, actual_texts=None) -> list[dict]:
    """The page's words with their positions, as pdfplumber's `extract_words` finds them
    (same tolerances, split where the font size changes), read by PDFium: a C library, about
    ten times faster than pdfminer's pure-Python interpreter on long documents.

    Each char is placed by its origin and advance, its top from the baseline as pdfminer does
    (baseline + font descent + size), so line spacing and tab stops measure the same."""
    textpage = page.get_textpage()
    seen: set[int] = set()
    try:
        chars = _page_chars(textpage.raw, page.get_height(), seen)
    finally:
        textpage.close()
    if actual_texts is not None:
        chars.extend(_spanned_chars(page, seen, actual_texts))
    words: list[dict] = []
    start = 0
    for end in range(1, len(chars) + 1):
        if end == len(chars) or chars[end][4] != chars[start][4]:
            words.extend(_chars_to_words(chars[start:end]))
            start = end
    return words


def _page_chars(
    textpage, height: float, seen: set[int]
) -> list[tuple[str, float, float, float, float, bool, bool]]:
    """Each char PDFium read (not those it generated): text, left, right, top, size, bold,
    whether PDFium inferred a space before it.

    Calls into PDFium are the cost (300 pages hold 500,000 chars; a call costs about as
    much as the C work it does): the page's text comes in one call, font size, descent and
    weight once per text object, whether a char was generated only for whitespace (PDFium
    generates no other), and the three calls left per char go through prototypes that take
    plain addresses, with no conversion of pointer objects."""
    import ctypes

    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    # one UTF-16 unit per index: a char outside the BMP takes two, as PDFium counts them
    texts = [chr(unit) for unit in buffer[:count]]
    if written < count + 1:
        # the page's text leaves out a glyph its font maps to no character (Chromium's web
        # fonts), and every char after it would take its neighbour's place: asked char by
        # char, where such a glyph reads U+0000 or the non-character U+FFFE (a hyphen at a
        # line's end reads U+0002 here)
        units = (raw.FPDFText_GetUnicode(textpage, index) for index in range(count))
        texts = ["\x00" if unit in (0, 0xFFFE) else chr(unit) for unit in units]
    is_generated, text_object_of, origin, loose_box = _calls()
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    box, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    at_box, at_x, at_y = ctypes.byref(box), ctypes.byref(x), ctypes.byref(y)
    chars = []
    last_object = font = None
    spaced = False
    for index, text in enumerate(texts):
        if "\ud800" <= text <= "\udbff" and index + 1 < count:
            # a char outside the BMP ('𝗔', an emoji): its two units are one char, placed
            # at the first; the second is skipped below
            text = (text + texts[index + 1]).encode("utf-16", "surrogatepass").decode("utf-16")
        elif "\udc00" <= text <= "\udfff" or text == "\x00":
            continue
        if text.isspace() and is_generated(handle, index):
            spaced = True  # a space or line break PDFium inferred; gaps are measured below
            continue
        text_object = text_object_of(handle, index)
        if font is None or text_object != last_object or not text_object:
            last_object, font = text_object, _font(textpage, index, text_object)
            seen.add(text_object)
        size, descent, bold = font
        origin(handle, index, at_x, at_y)
        loose_box(handle, index, at_box)
        left, right = x.value, box.right
        top = height - (y.value + descent + size)
        chars.append((text, left, right if right > left else left, top, size, bold, spaced))
        spaced = False
    return chars


def _spanned_chars(
    page, seen: set[int], actual_texts
) -> list[tuple[str, float, float, float, float, bool, bool]]:
    """The chars of text objects that gave the text page none, from the replacement text of
    their span (`/ActualText`): a PDF printed with no font for a script (Chinese set in a
    Latin font, each glyph the font's empty box) carries its text only there. A span's text
    stands at its object's origin and runs to where the next object starts on its line (an
    em where none does); a glyph the text page left out before it (a space) parts it from
    the text before."""
    import ctypes
    import unicodedata

    import pypdfium2.raw as raw

    objects = []  # each text object: its address, origin, size, whether a span replaces it
    length = ctypes.c_ulong()
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        text_object = raw.FPDFPage_GetObject(page.raw, index)
        if raw.FPDFPageObj_GetType(text_object) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        spanned = any(
            raw.FPDFPageObjMark_GetParamStringValue(
                raw.FPDFPageObj_GetMark(text_object, mark), b"ActualText", None, 0, length
            )
            for mark in range(raw.FPDFPageObj_CountMarks(text_object))
        )
        matrix = raw.FS_MATRIX()
        raw.FPDFPageObj_GetMatrix(text_object, matrix)
        address = ctypes.cast(text_object, ctypes.c_void_p).value
        objects.append((text_object, address, matrix, spanned))
    spans = [number for number, (*_, spanned) in enumerate(objects) if spanned]
    if all(objects[number][1] in seen for number in spans):
        return []  # none, or each read by the text page already ('ﬁ' spanned as 'fi')
    texts = actual_texts()
    if len(texts) != len(spans):
        return []  # the spans and the objects do not pair one to one: left as PDFium read it
    chars = []
    height = page.get_height()
    for number, text in zip(spans, texts, strict=True):
        text_object, address, matrix, _ = objects[number]
        if address in seen or not text.strip():
            continue
        size = ctypes.c_float()
        raw.FPDFTextObj_GetFontSize(text_object, size)
        # the size as the text page gives its chars' (the font's, unscaled); the em on the page
        em = size.value * abs(matrix.d or matrix.a)
        following = objects[number + 1][2] if number + 1 < len(objects) else None
        advance = following.e - matrix.e if following and following.f == matrix.f else 0.0
        before = objects[number - 1] if number else None
        spaced = bool(before and not before[3] and before[1] not in seen)
        font = raw.FPDFTextObj_GetFont(text_object)
        descent, bold = ctypes.c_float(), False
        if font:
            raw.FPDFFont_GetDescent(font, ctypes.c_float(size.value), descent)
            bold = _bold(font, raw.FPDFFont_GetWeight(font))
        left, top = matrix.e, height - (matrix.f + descent.value + size.value)
        for char in text:
            wide = unicodedata.east_asian_width(char) in "WF"
            width = (advance if 0 < advance <= 1.5 * em else em) / len(text) if wide else em / 2
            chars.append((char, left, left + width, top, size.value, bold, spaced))
            left, spaced = left + width, False
    return chars


def _font(textpage, index: int, text_object: int | None) -> tuple[float, float, bool]:
    """A char's font size, font descent at that size, and whether the font is bold."""
    import ctypes

    import pypdfium2.raw as raw

    size = raw.FPDFText_GetFontSize(textpage, index)
    font = (
        raw.FPDFTextObj_GetFont(ctypes.cast(text_object, raw.FPDF_PAGEOBJECT))
        if text_object
        else None
    )
    if not font:
        return size, 0.0, False
    # a word processor may set its text in a font of size 1 that the text's matrix enlarges
    # to the printed size (11 points): gaps and line spacing, measured on the page, are then
    # measured against the printed size. A matrix that shrinks (Chromium's CSS pixel, 0.75)
    # is left out: the tab stops and the paragraphs below were measured with the size it sets.
    matrix = raw.FS_MATRIX()
    if raw.FPDFPageObj_GetMatrix(ctypes.cast(text_object, raw.FPDF_PAGEOBJECT), matrix):
        size *= max(1.0, math.hypot(matrix.c, matrix.d))
    descent = ctypes.c_float()
    raw.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
    return size, descent.value, _bold(font, raw.FPDFFont_GetWeight(font))


def _bold(font, weight: int) -> bool:
    """Whether a font is bold: by its name where the name says ('NotoSans-Regular' is not,
    though the subset Chromium embeds declares a weight of 625), else by its weight."""
    import ctypes

    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer(128)
    length = raw.FPDFFont_GetBaseFontName(font, buffer, 128)
    name = buffer.value.decode("latin-1", "replace").rpartition("+")[2] if length else ""
    style = name.rpartition("-")[2].casefold() if "-" in name else ""
    if style:
        if re.search(r"bold|black|heavy|semibold|demi", style):
            return True
        if re.search(r"regular|roman|book|light|thin|medium|italic|oblique|normal", style):
            return False
    return weight >= 600


@functools.cache
def _calls() -> tuple:
    """PDFium's per-char functions typed to take the text page and the output as addresses
    (plain ints) and to return a text object as one."""
    import ctypes

    import pypdfium2.raw as raw

    def typed(function, result, *arguments):
        address = ctypes.cast(function, ctypes.c_void_p).value
        return ctypes.CFUNCTYPE(result, ctypes.c_void_p, ctypes.c_int, *arguments)(address)

    pointer = ctypes.c_void_p
    return (
        typed(raw.FPDFText_IsGenerated, ctypes.c_int),
        typed(raw.FPDFText_GetTextObject, pointer),
        typed(raw.FPDFText_GetCharOrigin, ctypes.c_int, pointer, pointer),
        typed(raw.FPDFText_GetLooseCharBox, ctypes.c_int, pointer),
    )


def _chars_to_words(chars: list[tuple[str, float, float, float, float, bool, bool]]) -> list[dict]:
    """Chars of one font size -> words: clustered into lines by top, sorted left to right, cut
    at blanks and at gaps wider than the tolerance (pdfplumber's rules)."""
    lines: list[list[tuple[str, float, float, float, float, bool, bool]]] = []
    last = None
    for char in sorted(chars, key=_TOP):
        if last is None or char[3] > last + _TOLERANCE:
            lines.append([])
        lines[-1].append(char)
        last = char[3]
    words: list[list[tuple[str, float, float, float, float, bool, bool]]] = []
    for line in lines:
        word: list[tuple[str, float, float, float, float, bool, bool]] = []
        for char in sorted(line, key=_LEFT):
            if char[0].isspace():
                if word:
                    words.append(word)
                word = []
                continue
            if word:
                previous = word[-1]
                if (
                    char[1] < previous[1]
                    or char[1] > previous[2] + _TOLERANCE
                    # where PDFium inferred a space, a narrower gap parts words: a space in
                    # a small font is narrower than 3 points ('28 Kommentare')
                    or (char[6] and char[1] > previous[2] + _MIN_GAP)
                    or abs(char[3] - previous[3]) > _TOLERANCE
                ):
                    words.append(word)
                    word = []
            word.append(char)
        if word:
            words.append(word)
    return [
        {
            "text": "".join(map(_TEXT, word)).translate(_CHAR_TEXT),
            "x0": word[0][1],  # sorted left to right
            "x1": max(map(_RIGHT, word)),
            "top": min(map(_TOP, word)),
            "size": word[0][4],
            "bold": word[0][5],
        }
        for word in words
    ]


_TEXT, _LEFT, _RIGHT, _TOP = (operator.itemgetter(field) for field in range(4))
# Letters of one word touch (kerning moves them a tenth of a point or so).
_MIN_GAP = 1.0


def _pdf_lines(
    words: list[dict],
) -> list[tuple[str, bool, list[tuple[float, str]], tuple[float, float, list[dict]]]]:
    """The page's lines in reading order, each with whether a paragraph starts there: after
    a gap wider than the usual line spacing, or after a sentence ending short of the right
    margin; its pieces apart by a table's column; where it ends, its last word's size and
    its words.
    A wide gap between words (a tab stop) becomes three spaces."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= word["size"] * 0.4:
            rows[-1].append(word)
        else:
            rows.append([word])
    if not rows:
        return []
    spacing = [b[0]["top"] - a[0]["top"] for a, b in pairwise(rows)]
    # the plain line pitch, between lines starting at one place: a table whose short cells
    # sit between a tall cell's lines (centred) puts lines closer than the pitch
    aligned = [
        pitch
        for pitch, (a, b) in zip(spacing, pairwise(rows), strict=True)
        if abs(min(w["x0"] for w in a) - min(w["x0"] for w in b)) <= _COLUMN
    ] or spacing
    usual = sorted(aligned)[len(aligned) // 4] if aligned else 0
    right = max(word["x1"] for row in rows for word in row)
    body = Counter(round(row[0]["size"]) for row in rows).most_common(1)[0][0] or 1
    lines: list[tuple[str, bool, list[tuple[float, str]], tuple[float, float, list[dict]]]] = []
    for index, row in enumerate(rows):
        row.sort(key=lambda w: w["x0"])
        text = row[0]["text"]
        segments = [(row[0]["x0"], row[0]["text"])]
        for before, word in pairwise(row):
            gap = word["x0"] - before["x1"]
            # a tab stop; a change of weight marks one at half the width (a bold abbreviation)
            wide = gap > word["size"] * 0.9 or (
                gap > word["size"] * 0.45 and word["bold"] != before["bold"]
            )
            text += ("   " if wide else " ") + word["text"]
            if gap > word["size"] * 1.5:  # a table's column, wider than a tab stop
                segments.append((word["x0"], word["text"]))
            else:
                x0, piece = segments[-1]
                segments[-1] = (x0, f"{piece} {word['text']}")
        gap = False
        if index > 0:
            previous = rows[index - 1]
            short = previous[-1]["x1"] < right - 4 * previous[-1]["size"]
            ended = lines[-1][0].endswith((".", "!", "?", ":"))
            # lines of one size larger than the text's (a title over several lines) stand
            # further apart: their pitch is measured against their size
            size, before = row[0]["size"], previous[0]["size"]
            scale = max(1.0, min(size, before) / body) if abs(size - before) <= 0.5 else 1.0
            gap = spacing[index - 1] > usual * 1.25 * scale or (short and ended)
        lines.append((text, gap, segments, (max(w["x1"] for w in row), row[-1]["size"], row)))
    return lines
