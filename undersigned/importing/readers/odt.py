"""ODT -> blocks, through odfpy: headings with their outline level, paragraphs (a
text:line-break a new line, a text:tab a tab stop), lists with their numbers (as the list
style and start values say) and nesting, tables row by row, and the master pages' headers
and footers as page furniture."""

import io

from undersigned.importing.readers.archive import safe_archive
from undersigned.importing.readers.blocks import (
    BOLD_CLOSE,
    BOLD_OPEN,
    Block,
    ReadDocument,
    collapse,
    squeeze,
)
from undersigned.importing.readers.docx import format_number
from undersigned.importing.readers.errors import UnusableInput


def read_odt(data: bytes) -> ReadDocument:
    safe_archive(data)
    from odf import opendocument

    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception as error:  # odfpy raises XML and KeyError types for broken files
        raise UnusableInput(f"a damaged ODT document: {error}") from error
    reader = _OdtReader(document)
    reader.walk(document.text)
    furniture = []
    seen: set[str] = set()
    for page in document.masterstyles.childNodes:
        for part in page.childNodes:
            if getattr(part, "qname", (None, ""))[1] in ("header", "footer"):
                for line in reader.lines_of(part):
                    if line not in seen:
                        seen.add(line)
                        furniture.append(Block("furniture", [line], where="page footer"))
    title = None
    for node in document.meta.childNodes:
        if getattr(node, "qname", (None, ""))[1] == "title":
            title = collapse(str(node)) or None
    return ReadDocument(blocks=[*reader.blocks, *furniture], format="odt", title=title)


class _OdtReader:
    def __init__(self, document) -> None:
        from odf.namespaces import TABLENS, TEXTNS

        self.text_ns, self.table_ns = TEXTNS, TABLENS
        self.document = document
        self.blocks: list[Block] = []
        self.tables = 0
        self.styles = {}
        for styles in (document.automaticstyles, document.styles):
            for style in styles.childNodes:
                if getattr(style, "qname", None) == (TEXTNS, "list-style"):
                    self.styles.setdefault(style.getAttribute("name"), style)
        self.bold = _bold_styles(document)

    def _name(self, node) -> tuple[str, str] | None:
        return getattr(node, "qname", None)

    def inline(self, node) -> str:
        """A paragraph's text: spans followed, line breaks as newlines, tabs as tab stops."""
        out = []
        for child in node.childNodes:
            name = self._name(child)
            if name is None:
                out.append(str(child.data) if hasattr(child, "data") else "")
            elif name == (self.text_ns, "line-break"):
                out.append("\n")
            elif name == (self.text_ns, "tab"):
                out.append("   ")
            elif name == (self.text_ns, "s"):
                count = child.getAttribute("c")
                out.append(" " * (int(count) if count and count.isdigit() else 1))
            elif name[1] in ("note", "annotation", "bookmark", "bookmark-start", "bookmark-end"):
                continue
            else:
                out.append(self.inline(child))
        return "".join(out)

    def marked(self, node) -> str:
        """A paragraph's text, the bold text it starts with marked ('**Jane Doe**, Director'
        in a span of a bold style): the document's own sign of where a name ends."""
        text = self.inline(node)
        for child in node.childNodes:
            name = self._name(child)
            if name is None and not str(getattr(child, "data", "")).strip():
                continue
            if name is not None and name[1] in _EMPTY:
                continue  # a page break or a bookmark before the span
            if name == (self.text_ns, "span") and child.getAttribute("stylename") in self.bold:
                lead = self.inline(child).strip()
                body = text.lstrip()
                rest = body[len(lead) :] if lead and body.startswith(lead) else ""
                if lead and "\n" not in lead and (rest.strip() or body.strip() == lead):
                    return BOLD_OPEN + lead + BOLD_CLOSE + rest
            break
        return text

    def lines_of(self, node) -> list[str]:
        lines = []
        for child in node.childNodes:
            if self._name(child) in ((self.text_ns, "p"), (self.text_ns, "h")):
                lines.extend(squeeze(line) for line in self.inline(child).split("\n"))
        return [line for line in lines if line]

    def walk(self, node) -> None:
        for child in node.childNodes:
            name = self._name(child)
            if name == (self.text_ns, "h"):
                lines = [squeeze(line) for line in self.inline(child).split("\n")]
                level = child.getAttribute("outlinelevel")
                if any(lines):
                    self.blocks.append(
                        Block("heading", [x for x in lines if x], level=int(level or 1))
                    )
            elif name == (self.text_ns, "p"):
                lines = [squeeze(line) for line in self.marked(child).split("\n")]
                if any(lines):
                    self.blocks.append(Block("paragraph", [x for x in lines if x]))
            elif name == (self.text_ns, "list"):
                self.list(child, depth=0, style=child.getAttribute("stylename"))
            elif name == (self.table_ns, "table"):
                self.table(child)
            elif name is not None and getattr(child, "childNodes", None):
                self.walk(child)

    def _level_style(self, style_name: str | None, depth: int) -> tuple[bool, str, int]:
        """Whether a list level is numbered, its number format and start value."""
        style = self.styles.get(style_name or "")
        if style is None:
            return False, "1", 1
        for level in style.childNodes:
            if getattr(level, "qname", (None, ""))[1] == "list-level-style-number":
                if int(level.getAttribute("level") or 1) == depth + 1:
                    start = level.getAttribute("startvalue")
                    fmt = level.getAttribute("numformat") or "1"
                    return True, fmt, int(start) if start and start.isdigit() else 1
            elif (
                getattr(level, "qname", (None, ""))[1] == "list-level-style-bullet"
                and int(level.getAttribute("level") or 1) == depth + 1
            ):
                return False, "1", 1
        return False, "1", 1

    def list(self, node, *, depth: int, style: str | None) -> None:
        numbered, fmt, number = self._level_style(style, depth)
        number -= 1
        for item in node.childNodes:
            if self._name(item) not in ((self.text_ns, "list-item"), (self.text_ns, "list-header")):
                continue
            start = item.getAttribute("startvalue")
            number = int(start) if start and start.isdigit() else number + 1
            lines: list[str] = []
            nested = []
            for part in item.childNodes:
                part_name = self._name(part)
                if part_name == (self.text_ns, "list"):
                    nested.append(part)
                elif part_name in ((self.text_ns, "p"), (self.text_ns, "h")):
                    lines.extend(squeeze(x) for x in self.marked(part).split("\n"))
            lines = [line for line in lines if line]
            if lines:
                marker = format_number(number, fmt) if numbered else "-"
                self.blocks.append(Block("item", lines, level=depth, number=marker))
            for inner in nested:
                self.list(inner, depth=depth + 1, style=inner.getAttribute("stylename") or style)

    def table(self, node) -> None:
        from odf import table

        self.tables += 1
        for row in node.getElementsByType(table.TableRow):
            cells = []
            for cell in row.childNodes:
                if self._name(cell) != (self.table_ns, "table-cell"):
                    continue
                cells.append("\n".join(self.lines_of(cell)))
                repeat = cell.getAttribute("numbercolumnsrepeated")
                if repeat and repeat.isdigit() and int(repeat) > 1 and cells[-1]:
                    cells.extend([cells[-1]] * min(int(repeat) - 1, 20))
            if any(cells):
                while cells and not cells[-1]:
                    cells.pop()
                header = self._name(row.parentNode) == (self.table_ns, "table-header-rows")
                line = " | ".join(cell.replace("\n", " ") for cell in cells if cell)
                self.blocks.append(
                    Block("row", [line], cells=cells, header=header, table=self.tables)
                )


_EMPTY = ("soft-page-break", "bookmark", "bookmark-start", "bookmark-end")


def _bold_styles(document) -> set[str]:
    """The names of the text styles that set bold type (automatic ones and named ones such as
    LibreOffice's 'Strong_20_Emphasis'), a style inheriting from a bold one included."""
    from odf.namespaces import FONS, STYLENS

    parents: dict[str, str] = {}
    bold: set[str] = set()
    for styles in (document.automaticstyles, document.styles):
        for style in styles.childNodes:
            if getattr(style, "qname", None) != (STYLENS, "style"):
                continue
            name = style.getAttribute("name")
            parents[name] = style.getAttribute("parentstylename") or ""
            for part in style.childNodes:
                if getattr(part, "qname", None) == (STYLENS, "text-properties"):
                    weight = part.attributes.get((FONS, "font-weight"), "")
                    if weight == "bold" or (weight.isdigit() and int(weight) >= 600):
                        bold.add(name)
    for name in parents:
        seen, parent = {name}, parents[name]
        while parent and parent not in seen:
            if parent in bold:
                bold.add(name)
                break
            seen.add(parent)
            parent = parents.get(parent, "")
    return bold
