"""DOCX with python-docx: a file the secretariat can edit in Word or LibreOffice.

Title in the Title style, the body in Normal (justified), lists and the signatories as real
Word numbered lists (numbering.xml), so an entry added or removed in Word renumbers the rest;
a footer with the base name and "PAGE / NUMPAGES" fields on every page.
"""

import io
import re
from datetime import UTC, datetime, time

from undersigned.publishing.blocks import markdown_blocks
from undersigned.publishing.renderers.package import restamped
from undersigned.publishing.values import Document
from undersigned.signatures.entries import Entry

FONT = "Times New Roman"  # everywhere, and metric-compatible with Liberation Serif
BODY_SIZE = 11
MARGIN_MM = 25


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _element(tag: str, **attributes: str):
    from docx.oxml import OxmlElement

    element = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        element.set(_w(name), value)
    return element


class _Numbering:
    """Adds list definitions (abstractNum) and list instances (num) to numbering.xml."""

    def __init__(self, doc) -> None:
        self.root = doc.part.numbering_part.element
        ids = [int(n.get(_w("abstractNumId"))) for n in self.root.findall(_w("abstractNum"))]
        self.next_abstract = max(ids, default=-1) + 1
        ids = [int(n.get(_w("numId"))) for n in self.root.findall(_w("num"))]
        self.next_num = max(ids, default=0) + 1

    def add(self, *, ordered: bool, start: int = 1, indent: int = 425, hanging: int = 425) -> int:
        """A new single-level list starting at `start`; returns its numId. Indents in twips."""
        abstract = _element("abstractNum", abstractNumId=str(self.next_abstract))
        abstract.append(_element("multiLevelType", val="singleLevel"))
        level = _element("lvl", ilvl="0")
        level.append(_element("start", val=str(start)))
        level.append(_element("numFmt", val="decimal" if ordered else "bullet"))
        level.append(_element("lvlText", val="%1." if ordered else "•"))
        level.append(_element("lvlJc", val="left"))
        properties = _element("pPr")
        tabs = _element("tabs")
        tabs.append(_element("tab", val="num", pos=str(indent)))
        properties.append(tabs)
        properties.append(_element("ind", left=str(indent), hanging=str(hanging)))
        level.append(properties)
        abstract.append(level)
        # The schema wants every abstractNum before the first num.
        first_num = self.root.find(_w("num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        num = _element("num", numId=str(self.next_num))
        num.append(_element("abstractNumId", val=str(self.next_abstract)))
        self.root.append(num)
        self.next_abstract += 1
        self.next_num += 1
        return self.next_num - 1


def _number(paragraph, num_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = _element("numPr")
    numbering.append(_element("ilvl", val="0"))
    numbering.append(_element("numId", val=str(num_id)))
    properties.append(numbering)


def _language(run_or_style, code: str) -> None:
    """Word's spelling and hyphenation follow w:lang (BCP 47, e.g. "fr", "ru-Latn")."""
    if not code:
        return
    properties = run_or_style.element.get_or_add_rPr()
    for old in properties.findall(_w("lang")):
        properties.remove(old)
    properties.append(_element("lang", val=code))


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES) with a cached result Word updates when it opens."""
    run = paragraph.add_run()
    run._r.append(_element("fldChar", fldCharType="begin"))
    run = paragraph.add_run()
    code = _element("instrText")
    code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    run = paragraph.add_run()
    run._r.append(_element("fldChar", fldCharType="separate"))
    paragraph.add_run(shown)
    run = paragraph.add_run()
    run._r.append(_element("fldChar", fldCharType="end"))


def _runs(paragraph, runs: list[dict]) -> None:
    for item in runs:
        if item.get("br"):
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(item["text"])
        run.bold = item["strong"] or None
        run.italic = item["emph"] or None


def _blocks(doc, numbering: _Numbering, blocks: list[dict], *, level: int = 0) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for block in blocks:
        if block["type"] == "par":
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _runs(paragraph, block["runs"])
        elif block["type"] == "heading":
            paragraph = doc.add_heading(level=min(block["level"] + 1, 9))
            _runs(paragraph, block["runs"])
        elif block["type"] == "list":
            num_id = numbering.add(
                ordered=block["ordered"], start=block["start"], indent=425 * (level + 1)
            )
            for item in block["items"]:
                for position, part in enumerate(item):
                    if part["type"] == "list":
                        _blocks(doc, numbering, [part], level=level + 1)
                        continue
                    paragraph = doc.add_paragraph()
                    paragraph.paragraph_format.space_after = Pt(3 if block["tight"] else 6)
                    if position == 0:
                        _number(paragraph, num_id)
                    else:
                        paragraph.paragraph_format.left_indent = Pt(21.25 * (level + 1))
                    _runs(paragraph, part.get("runs", []))
        elif block["type"] == "quote":
            _blocks(doc, numbering, block["blocks"], level=level)


def _entry(doc, entry: Entry, num_id: int):
    paragraph = doc.add_paragraph()
    _number(paragraph, num_id)
    if entry.abbreviation:
        paragraph.add_run(entry.abbreviation).bold = True
        # Three spaces, as the secretariats type it: our importer reads them back.
        paragraph.add_run("   ")
    _language(paragraph.add_run(entry.name), entry.name_language)
    if entry.translation:
        paragraph.add_run(f" ({entry.translation})")
    if entry.country_label:
        paragraph.add_run(f", {entry.country_label}")
    return paragraph


def _people(doc, document: Document) -> None:
    """The individuals after the organizations: their heading, a line each, the count of the
    others."""
    from docx.shared import Pt

    people = document.people
    if people.heading:
        doc.add_heading(people.heading, level=1)
        for name in people.names:
            doc.add_paragraph(name).paragraph_format.space_after = Pt(2)
    if people.rest:
        paragraph = doc.add_paragraph(people.rest)
        paragraph.paragraph_format.space_before = Pt(6)


def _styles(doc, language: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    black = RGBColor(0, 0, 0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    _language(normal, language)
    # The template's Title and headings use the theme's fonts and blue; ours is a plain serif.
    for name, size in (("Title", 16), ("Heading 1", BODY_SIZE), ("Heading 2", BODY_SIZE)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = black
        fonts = style.element.rPr.find(_w("rFonts"))
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(_w(attribute), None)
        style.paragraph_format.space_before = Pt(0 if name == "Title" else 14)
        style.paragraph_format.space_after = Pt(14 if name == "Title" else 8)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    # The Title style's bottom border would look like a form; drop it.
    title = doc.styles["Title"].element.pPr
    for border in title.findall(_w("pBdr")):
        title.remove(border)
    footer = doc.styles["Footer"]
    footer.font.name = FONT
    footer.font.size = Pt(8.5)


def _page(doc, base_name: str, pages: str) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    footer = doc.styles["Footer"]
    # The template's Footer tab stops (centre, right) are set for Letter: one right stop at
    # our text edge instead, so "page / pages" ends flush with the text above it.
    for tabs in footer.element.pPr.findall(_w("tabs")):
        footer.element.pPr.remove(tabs)
    width = section.page_width - section.left_margin - section.right_margin
    footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    paragraph = section.footer.paragraphs[0]
    paragraph.style = footer
    paragraph.add_run(base_name + "\t")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" / ")
    _field(paragraph, "NUMPAGES", pages)


def render_docx(document: Document, *, coalition_name: str | None = None) -> bytes:
    """The document as a DOCX; the author in its core properties is `coalition_name`, by
    default the document's own."""
    if coalition_name is None:
        coalition_name = document.coalition_name
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    _styles(doc, document.language)
    _page(doc, document.base_name, pages="1")
    numbering = _Numbering(doc)

    doc.add_paragraph(document.title, style="Title")
    for block in document.blocks:
        _blocks(doc, numbering, markdown_blocks(block))
    for index, slogan in enumerate(document.slogans):
        for block in markdown_blocks(slogan):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(8) if index == 0 else None
            paragraph.paragraph_format.keep_with_next = True
            _runs(paragraph, block.get("runs", []))
            for run in paragraph.runs:
                run.bold = True

    if document.entries:
        doc.add_heading(document.heading, level=1)
        digits = len(str(max(entry.position for entry in document.entries)))
        # Room for the widest number ("1000.") before the names.
        width = 200 + 120 * digits
        num_id = numbering.add(ordered=True, start=1, indent=width, hanging=width)
        for entry in document.entries:
            paragraph = _entry(doc, entry, num_id)
            paragraph.paragraph_format.space_after = Pt(4)

    if document.people:
        _people(doc, document)

    properties = doc.core_properties
    properties.title = document.title
    properties.author = coalition_name
    properties.last_modified_by = coalition_name
    properties.language = document.language
    properties.identifier = document.document_id
    properties.subject = f"{document.document_id}, version {document.version_label}"
    properties.comments = f"SHA-256 of the text: {document.content_hash}"  # not the library's
    properties.revision = 1
    # The as-of date, not the time of rendering, so the same document gives the same file.
    if document.as_of:
        stamp = datetime.combine(document.as_of, time(), tzinfo=UTC)
    else:
        stamp = datetime.now(UTC).replace(microsecond=0)
    properties.created = properties.modified = stamp

    buffer = io.BytesIO()
    doc.save(buffer)
    return restamped(buffer.getvalue(), stamp, _without_thumbnail)


THUMBNAIL = "docProps/thumbnail.jpeg"  # python-docx's template's: a blank page


def _without_thumbnail(name: str, content: bytes) -> bytes | None:
    """The template's blank thumbnail, which file managers would show as the document's
    preview, left out with its relationship."""
    if name == THUMBNAIL:
        return None
    if name == "_rels/.rels":
        return re.sub(rb'<Relationship [^>]*Target="%s"/>' % THUMBNAIL.encode(), b"", content)
    return content
