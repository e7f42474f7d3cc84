"""Markdown -> blocks, through a real Markdown parser (markdown-it-py, CommonMark with
tables): headings, paragraphs with their soft line breaks kept as lines, list items with
their printed numbers and nesting, pipe tables as rows. Raw HTML inside the Markdown is
read as HTML where it stands, inside the Markdown tree; front matter is metadata."""

import re
import textwrap

from undersigned.importing.readers.blocks import (
    BOLD_CLOSE,
    BOLD_OPEN,
    Block,
    ReadDocument,
    squeeze,
)
from undersigned.importing.readers.html import fragment_blocks, logo_name
from undersigned.importing.readers.text import check_text, decode

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*\n", re.DOTALL)
_HEADER_LINES = re.compile(r"\A((?:[A-Za-z][\w-]{0,24}[ \t]*:[ \t]*\S[^\n]*\n)+)[ \t]*\n")
_FRONT_PAIR = re.compile(r"^([A-Za-z][\w.-]{0,24})[ \t]*[:=][ \t]*(.*\S)[ \t]*$")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# kramdown, the Markdown of Jekyll and GitHub Pages, writes what CommonMark does not read:
# an HTML block whose content is Markdown ('<div markdown="1">' … '</div>'), attribute lists
# after a span or a block ('[CUT](…){:target="_blank"}', '{: .class}'), and a line break as
# two backslashes at the end of a line ('Jane Doe, Example University  \\').
_KRAMDOWN_BLOCK = re.compile(
    r"^[ \t]{0,3}<(?P<tag>div|section|article|aside|span|p)\b[^>\n]*\smarkdown=[\"']?"
    r"(?:1|block|span)[\"']?[^>\n]*>[ \t]*\n(?P<inner>.*?)\n[ \t]{0,3}</(?P=tag)>[ \t]*$",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
_KRAMDOWN_ATTRIBUTES = re.compile(r"\{:[^{}\n]*\}")
# a heading's identifier or classes in braces, kramdown's and Pandoc's ('# Title {#title}')
_HEADING_ATTRIBUTES = re.compile(r"^(?P<heading>#{1,6}[ \t].*?)[ \t]*\{[#.][^{}\n]*\}[ \t]*$", re.M)
_KRAMDOWN_BREAK = re.compile(r"(?<!\\)\\\\[ \t]*$", re.MULTILINE)


def read_markdown(data: bytes | str) -> ReadDocument:
    from markdown_it import MarkdownIt

    text = data if isinstance(data, str) else decode(data)
    check_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    metadata: dict[str, str] = {}
    offset = 0
    if front := _FRONT_MATTER.match(text):
        last = None
        for line in front.group(1).splitlines():
            if last and line[:1] in (" ", "\t") and not line.lstrip().startswith("- "):
                # a value folded over indented lines ('title: A Joint Statement … Huang
                # ⏎  Xueqin, and Her Fellow'): one value, its lines joined by spaces
                metadata[last] = front_value(f"{metadata[last]} {line.strip()}")
                continue
            key, found, value = line.partition(":")
            last = None
            if found and key.strip() and value.strip() and line[:1] not in (" ", "\t"):
                last = key.strip().casefold()
                metadata[last] = front_value(value)
        if not metadata.get("title") and metadata.get("name"):
            # some site generators name a page's title 'name' ('name: Open Letter …')
            metadata["title"] = metadata["name"]
        offset = front.group(0).count("\n")
        text = text[front.end() :]
    elif front := _TOML_FRONT_MATTER.match(text) or _HEADER_LINES.match(text):
        # Hugo's TOML front matter ('+++' ⏎ 'title = "…"'), or the 'Title: …' ⏎ 'Date: …'
        # lines Pelican and MultiMarkdown read at the top of a file, up to a blank line
        pairs = [_FRONT_PAIR.match(line) for line in front.group(1).splitlines()]
        found = {pair.group(1).casefold(): front_value(pair.group(2)) for pair in pairs if pair}
        if "title" in found and (front.re is _TOML_FRONT_MATTER or len(found) >= 2):
            metadata = found
            offset = front.group(0).count("\n")
            text = text[front.end() :]
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = parser.parse(kramdown_to_commonmark(text))
    return ReadDocument(
        blocks=_blocks(tokens, offset), format="md", metadata=metadata,
        title=metadata.get("title") or None,
    )  # fmt: skip


def kramdown_to_commonmark(text: str) -> str:
    """kramdown's own syntax as CommonMark says the same: the Markdown inside a
    `markdown="1"` block read as Markdown (its tags leave, blank lines keep the lines apart),
    attribute lists and a heading's identifier dropped, a line ending in two backslashes a
    hard break. The line count
    stays, so each block still says where it stands."""
    if "markdown=" in text:
        text = _KRAMDOWN_BLOCK.sub(
            lambda m: f"\n{textwrap.dedent(m.group('inner'))}\n",
            text,
        )
    if "{:" in text:
        text = _KRAMDOWN_ATTRIBUTES.sub("", text)
    if "{#" in text or "{." in text:
        text = _HEADING_ATTRIBUTES.sub(r"\g<heading>", text)
    if "\\\\" in text:
        text = _KRAMDOWN_BREAK.sub("\\\\", text)
    return text


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([\"\\/])|(_))")


def front_value(raw: str) -> str:
    """A front matter value as YAML means it: quotes off, and in double quotes the escapes
    a generator writes for what is not ASCII ('di\\u00e1logo' is 'diálogo')."""
    value = raw.strip()
    if len(value) > 1 and value[0] == value[-1] == '"':
        return _ESCAPE.sub(
            lambda m: (
                "\u00a0"  # YAML's '\_', a no-break space
                if m.group(4)
                else chr(int(m.group(1) or m.group(2), 16))
                if m.group(3) is None
                else m.group(3)
            ),
            value[1:-1],
        )
    if len(value) > 1 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value.strip("\"'")


def _where(token, offset: int) -> str:
    if not token.map:
        return ""
    first, last = token.map[0] + 1 + offset, token.map[1] + offset
    return f"line {first}" if last <= first else f"lines {first}–{last}"


def _blocks(tokens, offset: int) -> list[Block]:
    blocks: list[Block] = []
    items: list[dict] = []  # open list items, innermost last
    lists: list[dict] = []  # open lists
    table = 0
    row: list[str] | None = None
    row_header = False
    pending: Block | None = None  # heading or paragraph whose inline content comes next
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            pending = Block("heading", [], level=int(token.tag[1]), where=_where(token, offset))
        elif kind == "paragraph_open":
            if not items:
                pending = Block("paragraph", [], where=_where(token, offset))
        elif kind == "inline":
            lines = _inline_lines(token)
            pictured = _pictured(token) if pending is not None and not lines else None
            if pictured:
                pending.lines, pending.pictures = pictured, True
            elif row is not None:
                row.append("\n".join(lines))
            elif pending is not None:
                pending.lines.extend(lines)
            elif items:
                items[-1]["lines"].extend(lines)
        elif kind in ("heading_close", "paragraph_close"):
            if pending is not None and pending.lines:
                blocks.append(pending)
            pending = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if items and not items[-1]["emitted"]:
                _emit_item(blocks, items[-1])
            lists.append({"ordered": kind == "ordered_list_open"})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            number = token.info if lists and lists[-1]["ordered"] else "-"
            items.append(
                {"number": number or "-", "level": len(lists) - 1, "lines": [],
                 "where": _where(token, offset), "emitted": False}
            )  # fmt: skip
        elif kind == "list_item_close":
            item = items.pop()
            if not item["emitted"]:
                _emit_item(blocks, item)
        elif kind == "html_block":
            found = fragment_blocks(_bold_lines(token.content))
            for block in found:
                block.where = _where(token, offset)
            if items:
                for block in found:
                    items[-1]["lines"].extend(block.lines)
            else:
                blocks.extend(found)
        elif kind == "table_open":
            table += 1
        elif kind == "tr_open":
            row, row_header = [], False
        elif kind == "th_open":
            row_header = True
        elif kind == "tr_close" and row is not None:
            line = " | ".join(cell.replace("\n", " ") for cell in row if cell)
            blocks.append(
                Block("row", [line], cells=row, header=row_header, table=table,
                      where=_where(token, offset))
            )  # fmt: skip
            row = None
        elif kind in ("fence", "code_block"):
            # text indented by mistake (a site's HTML pasted indented) is a code block:
            # its blank lines still part its paragraphs as the author wrote them
            for chunk in re.split(r"\n[ \t]*\n", token.content):
                lines = [line.strip() for line in chunk.splitlines() if line.strip()]
                if lines:
                    blocks.append(Block("paragraph", lines, where=_where(token, offset)))
    return blocks


# a line of raw HTML that begins with Markdown's bold, which no renderer reads inside HTML:
# the run, however many lines it spans, up to its closing marks
_BOLD_LINE = re.compile(r"(?m)^[ \t]*\*\*([^*]+?)\*\*")
_CONTINUED = re.compile(r"(?:[-–,&/]|\b(?:of|and|the|for|de|du|des|der|und|et|y))$", re.I)


def _bold_lines(html: str) -> str:
    """'<td>Jane Roe⏎**Chair, Friends of**⏎** the Lake**⏎**Treasurer, AFL**</td>': inside raw
    HTML an author writing Markdown marks a line of its own with '**' (a signature's office
    under the name, as a word processor or a blog's editor put it on its own line); a
    browser would run the lines together with the marks showing. Each such run is a line of
    its own, without its marks; one opening with a space inside its marks, or after one
    that ends in 'of' or a comma, continues the line before."""
    out: list[str] = []
    last = 0
    previous = ""
    for found in _BOLD_LINE.finditer(html):
        text = " ".join(found.group(1).split())
        between = html[last : found.start()]
        joined = bool(
            out
            and not between.strip()
            and (found.group(1)[:1].isspace() or _CONTINUED.search(previous))
        )
        out.append(between)
        out.append((" " if joined else "<br>") + text)
        last, previous = found.end(), text
    out.append(html[last:])
    return "".join(out)


# a line typed with a dash that Markdown does not take for a bullet ('– Jane Roe, …')
_DASH_BULLET = re.compile(r"^[–—•]\s+(?=\S)")


def _emit_item(blocks: list[Block], item: dict) -> None:
    item["emitted"] = True
    lines = [line for line in item["lines"] if line]
    groups = [lines[:1]] if lines else []
    for line in lines[1:]:
        if _DASH_BULLET.match(line) and any(re.search(r"[,(]", kept) for kept in groups[-1]):
            # 'Jane Roe, @jroe (Editor)⏎– Ana Lima, …': a signature typed under the last one
            # with a dash, which Markdown joins to it as a lazy continuation; the line before
            # is whole (a name and its description), so the dash begins the next one
            groups.append([_DASH_BULLET.sub("", line)])
        else:
            groups[-1].append(line)
    for group in groups:
        blocks.append(
            Block("item", group, level=item["level"], number=item["number"], where=item["where"])
        )


def _pictured(token) -> list[str] | None:
    """A paragraph of three or more images and nothing else ('![Acme logo](acme.png)
    ![Logo of Foo](foo.png) …', each maybe a link): the names their alternative texts give,
    as the HTML reader reads a row of logos."""
    images = [child for child in token.children or [] if child.type == "image"]
    if len(images) < 3:
        return None
    names = [logo_name(image.content or "") for image in images]
    if not all(names) or len(set(names)) < len(names):
        return None
    return names


def _inline_lines(token) -> list[str]:
    """An inline token's text as its lines: soft and hard breaks and <br> end a line; raw
    inline HTML tags are dropped, their text kept; images count as nothing."""
    parts: list[str] = []
    skip = 0  # inside <sup> footnote marks
    # a bold phrase opened after the paragraph's start ('Jane Roe⏎**Chair of the Lake⏎
    # Association**'): a soft break inside it is the source's wrap of one phrase, shown as a
    # space; a paragraph bold from its start may be a list of bold names and keeps its lines
    phrase = False
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            if not skip:
                parts.append(child.content)
        elif kind == "softbreak" and phrase:
            parts.append(" ")
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "strong_open":
            phrase = bool(parts)
            parts.append(BOLD_OPEN)
        elif kind == "strong_close":
            phrase = False
            parts.append(BOLD_CLOSE)
        elif kind == "html_inline":
            tag = child.content.casefold()
            if _BREAK_TAG.fullmatch(child.content.strip()):
                parts.append("\n")
            elif re.match(r"<(?:b|strong)\b", tag):
                parts.append(BOLD_OPEN)
            elif re.match(r"</(?:b|strong)\b", tag):
                parts.append(BOLD_CLOSE)
            elif tag.startswith("<sup"):
                skip += 1
            elif tag.startswith("</sup"):
                skip = max(0, skip - 1)
    text = "".join(parts)
    if "*" in text:
        text = _LITERAL_EMPHASIS.sub(r"\1", text)
    lines = [squeeze(line) for line in text.split("\n")]
    return [line for line in lines if line]


# '*Reader and fan *': emphasis whose closing mark follows a space is no emphasis to
# CommonMark, which prints both marks; the author meant italics, and an entry has no marks
_LITERAL_EMPHASIS = re.compile(
    r"(?<![^\s\x01\x02])\*(?=[^\s*])([^*\n]*?[^\s*])\s+\*(?![^\s\x01\x02])"
)
