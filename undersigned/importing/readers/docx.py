"""DOCX -> blocks, through python-docx: paragraphs (a Title or Heading style makes a
heading; a line break inside a paragraph a new line), Word's automatic list numbers (not in
the paragraph text: read from numPr and the numbering part) with their level, tables row by
row with merged cells once, and the running headers and footers as page furniture."""

import io
import re

from undersigned.importing.readers.archive import safe_archive
from undersigned.importing.readers.blocks import (
    BOLD_CLOSE,
    BOLD_OPEN,
    Block,
    ReadDocument,
    collapse,
    squeeze,
)
from undersigned.importing.readers.errors import UnusableInput

_HEADING_STYLE = re.compile(r"(?:Heading|Überschrift|Titre|Título|Titolo|Заголовок)\s*(\d)", re.I)


def _has_picture(element) -> bool:
    """Whether a cell holds a picture (an inline or floating drawing, an old VML one)."""
    return any(
        child.tag.rpartition("}")[2] in ("drawing", "pict")
        for child in element.iter()
        if isinstance(child.tag, str)
    )


def read_docx(data: bytes) -> ReadDocument:
    safe_archive(data)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types for broken packages
        raise UnusableInput(f"a damaged DOCX document: {error}") from error
    styles = _Styles(document)
    numbering = DocxNumbering(document, styles)
    blocks: list[Block] = []
    tables = 0
    for index, child in enumerate(document.element.body.iterchildren(), start=1):
        if child.tag == qn("w:tbl"):
            tables += 1
            table = docx.table.Table(child, document)
            for row in table.rows:
                cells, seen, pictured = [], set(), False
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell is listed once per grid column it spans
                    seen.add(id(cell._tc))
                    lines = [collapse(line) for line in cell.text.split("\n")]
                    cells.append("\n".join(line for line in lines if line))
                    if not cells[-1] and _has_picture(cell._tc):
                        pictured = True
                if any(cells):
                    line = " | ".join(cell.replace("\n", " ") for cell in cells if cell)
                    blocks.append(Block("row", [line], cells=cells, table=tables, logo=pictured))
        elif child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            text = paragraph.text
            lead = _bold_lead(paragraph, styles)
            if (
                lead.strip()
                and text.startswith(lead)
                and (text[len(lead) :].strip() or "\n" not in lead)  # a wholly bold line too
            ):
                text = BOLD_OPEN + lead + BOLD_CLOSE + text[len(lead) :]
            lines = [squeeze(line.replace("\t", "   ")) for line in text.split("\n")]
            lines = [line for line in lines if line]
            if not lines:
                continue
            where = f"paragraph {index}"
            found = styles.of_paragraph(paragraph)
            style = (found.name if found is not None else "") or ""
            level = _HEADING_STYLE.match(style)
            if style in ("Title", "Titel", "Titre", "Título") or level:
                number = int(level.group(1)) if level else 1
                blocks.append(Block("heading", lines, level=number, where=where))
                continue
            mark = numbering.mark(paragraph)
            if mark is not None:
                marker, depth = mark
                blocks.append(Block("item", lines, level=depth, number=marker, where=where))
            else:
                blocks.append(Block("paragraph", lines, where=where))
    furniture = _furniture(document)
    properties = document.core_properties
    metadata = {
        key: value
        for key, value in (
            ("title", properties.title),
            ("subject", properties.subject),
            ("language", properties.language),
        )
        if value
    }
    return ReadDocument(
        blocks=[*blocks, *furniture], format="docx", title=properties.title or None,
        metadata=metadata,
    )  # fmt: skip


class _Styles:
    """A paragraph's or run's style, looked up once per style: python-docx looks a style up
    by going through all of the document's styles each time (for the default style of a
    paragraph that names none, too), seconds over a list of 2,000 paragraphs."""

    def __init__(self, document) -> None:
        self.part = document.part
        self.found: dict[tuple[str | None, int], object] = {}

    def of_paragraph(self, paragraph):
        from docx.enum.style import WD_STYLE_TYPE

        return self._get(paragraph._p.style, WD_STYLE_TYPE.PARAGRAPH)

    def of_run(self, run):
        from docx.enum.style import WD_STYLE_TYPE

        return self._get(run._r.style, WD_STYLE_TYPE.CHARACTER)

    def _get(self, style_id: str | None, kind) -> object:
        key = (style_id, int(kind))
        if key not in self.found:
            self.found[key] = self.part.get_style(style_id, kind)
        return self.found[key]


def _bold_lead(paragraph, styles: _Styles) -> str:
    """The bold text a paragraph starts with ('Jane Doe' of 'Jane Doe, Director')."""
    lead = []
    for run in paragraph.runs:
        if not run.text:
            continue
        style = styles.of_run(run)
        if not (run.bold or (style is not None and style.font.bold)):
            break
        lead.append(run.text)
    return "".join(lead)


def _furniture(document) -> list[Block]:
    seen: set[str] = set()
    blocks = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_footer):
            try:
                paragraphs = part.paragraphs if not part.is_linked_to_previous else []
            except (AttributeError, ValueError, KeyError):
                continue
            for paragraph in paragraphs:
                text = squeeze(paragraph.text.replace("\t", "   "))
                if text and text not in seen:
                    seen.add(text)
                    blocks.append(Block("furniture", [text], where="page footer or header"))
    return blocks


class DocxNumbering:
    """Word's automatic list numbers: read from the paragraph's numPr (or its style's) and
    the numbering part's level definitions, counted as Word counts them."""

    def __init__(self, document, styles: _Styles) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.styles = styles
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = node
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            node = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            for level in node.findall(qn("w:lvl")) if node is not None else []:
                key = (num.get(qn("w:numId")), int(level.get(qn("w:ilvl"), "0")))
                self.levels[key] = (
                    self._val(level, "w:numFmt", "decimal"),
                    self._val(level, "w:lvlText", "%1."),
                    int(self._val(level, "w:start", "1")),
                )

    def _val(self, node, tag: str, default: str) -> str:
        child = node.find(self.qn(tag))
        return child.get(self.qn("w:val"), default) if child is not None else default

    def mark(self, paragraph) -> tuple[str, int] | None:
        """The paragraph's printed list marker ('12', 'b', '-' for a bullet) and level, or
        None for a paragraph outside a list."""
        qn = self.qn
        properties = paragraph._p.pPr
        num_pr = properties.find(qn("w:numPr")) if properties is not None else None
        style = self.styles.of_paragraph(paragraph)
        if num_pr is None and style is not None:
            style_pr = style.element.pPr
            num_pr = style_pr.find(qn("w:numPr")) if style_pr is not None else None
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        num = num_id.get(qn("w:val")) if num_id is not None else None
        level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        if num is None or (num, level) not in self.levels:
            return None
        fmt, _, start = self.levels[(num, level)]
        counters = self.counters.setdefault(num, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]  # a higher level restarts the levels below it
        if fmt in ("bullet", "none"):
            return "-", level
        value = counters[level]
        return format_number(value, fmt), level


def format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter", "a", "A"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt in ("upperLetter", "A") else letter
    if fmt in ("lowerRoman", "upperRoman", "i", "I"):
        numerals = (
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        )  # fmt: skip
        roman = ""
        for amount, numeral in numerals:
            while value >= amount:
                roman, value = roman + numeral, value - amount
        return roman.upper() if fmt in ("upperRoman", "I") else roman
    return str(value)
