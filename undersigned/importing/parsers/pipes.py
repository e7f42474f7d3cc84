"""Markdown tables that a renderer did not take for tables: rows of `| a | b | c |` cells
printed as running text.

A Markdown table with no blank line before it is a table to some renderers and a paragraph
to others; a page printed or converted from the second kind (and any reader of it: PDF,
ODT, DOCX, plain text) gives "… | Name | Type | Country | |-|-|-|-| | Foo | Association |
France | | Bar | …", the rows run together and wrapped at the page's width. The delimiter
row (`|---|---|`) is the sign: it says how many columns the table has, the cells before it
are the header, and the cells after it are cut into rows of that width. Such paragraphs are
rewritten as table rows before the list finder looks, as a reader of the table would have
given them."""

import re
from dataclasses import replace

from undersigned.importing.parsers.wrapping import join_lines
from undersigned.importing.readers.blocks import Block

# a delimiter row: two or more cells of dashes (an alignment colon allowed) between pipes
_RULE = re.compile(r"\|(?:[ \t]*:?-+:?[ \t]*\|){2,}")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")  # '[YunoHost](https://…)' -> its text
_EMPHASIS = re.compile(r"(\*\*|__|`)")


def split_pipe_tables(blocks: list[Block], vocabulary: frozenset[str]) -> list[Block]:
    """The blocks, each paragraph holding a Markdown table as text rewritten as its rows (and
    the text before the table as a paragraph of its own); paragraphs the table goes on in
    (a page break cut it) are read with it."""
    if not any("|" in line for block in blocks for line in block.lines):
        return blocks  # the cheap sign first: most documents hold no pipe at all
    out: list[Block] = []
    table = max((block.table for block in blocks), default=0)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        text = _text(block, vocabulary) if block.kind == "paragraph" else ""
        rule = _RULE.search(text)
        if rule is None:
            out.append(block)
            index += 1
            continue
        width = rule.group(0).count("|") - 1
        before = text[: rule.start()].split("|")
        header: list[str] = []
        if before and not before[-1].strip():
            before.pop()  # the space between the header's closing pipe and the rule
        if len(before) > width:
            header = before[-width:]
            prefix = "|".join(before[:-width]).rstrip(" |")
        else:
            prefix = text[: rule.start()].strip()
        # the rows go on over the next paragraphs where a page break cut them
        after = [text[rule.end() :]]
        start = index
        index += 1
        while (
            index < len(blocks)
            and blocks[index].kind == "paragraph"
            and blocks[index].text.count("|") >= 2
            and not _RULE.search(blocks[index].text)
        ):
            after.append(_text(blocks[index], vocabulary))
            index += 1
        rows = _rows(" ".join(after).split("|"), width)
        if len(rows) < 2:
            out.append(block)  # a rule and no rows: nothing to read as a table
            index = start + 1
            continue
        if prefix and prefix != "|".join(header):
            out.append(replace(block, lines=[prefix], leads=None))
        table += 1
        if header and any(cell.strip() for cell in header):
            out.append(_row(block, header, table, header=True))
        out.extend(_row(block, cells, table) for cells in rows)
    return out


def _text(block: Block, vocabulary: frozenset[str]) -> str:
    return join_lines(block.lines, vocabulary) if block.wrapped else " ".join(block.lines)


def _rows(tokens: list[str], width: int) -> list[list[str]]:
    """The cells after the rule -> rows. A row ends at an empty cell between two pipes ('| |':
    one row's closing pipe and the next one's opening pipe); a run of more cells than the
    table is wide holds rows whose closing pipe the author left out, cut by the width."""
    groups: list[list[str]] = [[]]
    for token in tokens:
        if token.strip():
            groups[-1].append(_cell(token))
        elif groups[-1]:
            groups.append([])
    rows: list[list[str]] = []
    for group in groups:
        while len(group) > width:
            rows.append(group[:width])
            group = group[width:]
        if group:
            rows.append(group + [""] * (width - len(group)))
    return rows


def _cell(token: str) -> str:
    text = _LINK.sub(r"\1", token)
    return " ".join(_EMPHASIS.sub("", text).split())


def _row(block: Block, cells: list[str], table: int, *, header: bool = False) -> Block:
    cells = [_cell(cell) for cell in cells]
    return Block(
        kind="row", lines=[" | ".join(cell for cell in cells if cell)], cells=cells,
        header=header, table=table, where=block.where,
    )  # fmt: skip
