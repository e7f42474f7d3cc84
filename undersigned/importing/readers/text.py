"""Plain text -> blocks: lines separated by blank lines make a paragraph block; consecutive
lines with tabs make a table's rows. Line numbers are kept for the review screen."""

import re

from undersigned.importing.readers.blocks import Block, ReadDocument
from undersigned.importing.readers.errors import UnusableInput


def decode(data: bytes) -> str:
    """Text in whatever encoding it was saved in; a BOM is no part of the first word."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2**20]).best()  # a megabyte tells the encoding as well as all
    if best is None or best.encoding is None:
        raise UnusableInput("binary data, not a document this importer reads")
    return data.decode(best.encoding, errors="replace")


# control characters but tab, line and page breaks
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def check_text(text: str) -> None:
    sample = text[: 2**20]
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 100) or "\ufffd" * 4 in sample:
        raise UnusableInput("binary data, not a document this importer reads")


def read_text(data: bytes | str) -> ReadDocument:
    if isinstance(data, str):
        text = data
    else:
        text = decode(data)
        check_text(text)
    return ReadDocument(blocks=text_blocks(text), format="txt")


# a line of one punctuation char under a title (reStructuredText, Markdown's setext headings)
_UNDERLINE = re.compile(r"([=\-~^*#+])\1{2,}")


def _underlined(lines: list[str]) -> tuple[int, int] | None:
    """'Title' over '=====' (or between two such lines) at a paragraph's start: a heading,
    of level 1 under '=' and 2 under any other char, as Markdown reads them; and how many
    lines it takes."""
    over = 1 if len(lines) >= 3 and _UNDERLINE.fullmatch(lines[0]) else 0
    if len(lines) < over + 2 or _UNDERLINE.fullmatch(lines[over]):
        return None
    title, under = lines[over], lines[over + 1]
    if not _UNDERLINE.fullmatch(under) or len(under) < 0.6 * len(title) or len(title) > 200:
        return None
    return (1 if under[0] == "=" else 2), over + 2


def text_blocks(text: str, *, first_line: int = 1) -> list[Block]:
    """Paragraph blocks of the lines between blank lines; rows where lines carry tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    blocks: list[Block] = []
    current: list[str] = []
    start = first_line
    tables = 0

    def close(end: int) -> None:
        nonlocal current, tables
        if not current:
            return
        tabbed = [line for line in current if "\t" in line.strip()]
        if len(tabbed) >= 2 and len(tabbed) >= len(current) - 1:
            tables += 1
            for offset, line in enumerate(current):
                cells = [cell.strip() for cell in line.strip().split("\t")]
                where = f"line {start + offset}"
                blocks.append(
                    Block("row", [" | ".join(c for c in cells if c)], cells=cells,
                          table=tables, where=where)
                )  # fmt: skip
        else:
            lines = [re.sub(r"\t+", "   ", line).strip() for line in current]
            first = start
            heading = _underlined(lines)
            if heading is not None:
                level, taken = heading
                blocks.append(Block("heading", [lines[taken - 2]], level=level,
                                    where=f"line {first + taken - 2}"))  # fmt: skip
                lines = lines[taken:]
                first += taken
            where = f"line {first}" if end == first else f"lines {first}–{end}"
            if lines:
                blocks.append(Block("paragraph", lines, where=where, wrapped=True))
        current = []

    for number, raw in enumerate(text.split("\n"), start=first_line):
        line = raw.replace("\f", "").replace("\u00a0", " ").rstrip()
        if not line.strip():
            close(number - 1)
            start = number + 1
            continue
        if not current:
            start = number
        current.append(line)
    close(first_line + text.count("\n"))
    return blocks
