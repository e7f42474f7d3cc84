"""ODT with odfpy: the OpenDocument text LibreOffice writes natively, for secretariats that
work in LibreOffice and keep ODF files.

The same layout as the DOCX: the title, the body justified, lists and the signatories as real
numbered lists (an entry added or removed in LibreOffice renumbers the rest), A4 with a
footer of the base name and "page / pages" fields on every page.
"""

import io
import re
from datetime import UTC, datetime, time

from undersigned.publishing.blocks import markdown_blocks
from undersigned.publishing.renderers.package import restamped
from undersigned.publishing.values import Document
from undersigned.signatures.entries import Entry

FONT = "Times New Roman"  # metric-compatible with Liberation Serif, as in the DOCX
BODY_SIZE = "11pt"
MARGIN = "25mm"
TEXT_WIDTH = "160mm"  # A4 less both margins: the footer's right tab stop


def _language_properties(code: str) -> dict[str, str]:
    """fo:language and fo:country (ODF 1.2) or, for a script subtag, fo:script."""
    parts = code.replace("_", "-").split("-") if code else []
    properties = {"language": parts[0].lower() if parts else "zxx", "country": "none"}
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            properties["country"] = part.upper()
        elif len(part) == 4 and part.isalpha():
            properties["script"] = part.title()
    return properties


class _Styles:
    """The document's named styles, list styles and one text style per language."""

    def __init__(self, doc, language: str) -> None:
        from odf.style import (
            FontFace,
            ParagraphProperties,
            Style,
            TabStop,
            TabStops,
            TextProperties,
        )

        self.doc = doc
        doc.fontfacedecls.addElement(
            FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="roman")
        )
        default = Style(name="Standard", family="paragraph")
        default.addElement(
            TextProperties(fontname=FONT, fontsize=BODY_SIZE, **_language_properties(language))
        )
        default.addElement(ParagraphProperties(marginbottom="6pt", lineheight="110%"))
        doc.styles.addElement(default)
        self.body = self._paragraph("Text_20_body", "Text body", textalign="justify")
        self.title = self._paragraph(
            "Title", "Title", text={"fontsize": "16pt", "fontweight": "bold"},
            marginbottom="14pt", keepwithnext="always",
        )  # fmt: skip
        self.heading = self._paragraph(
            "Heading_20_1", "Heading 1", text={"fontweight": "bold"},
            margintop="14pt", marginbottom="8pt", keepwithnext="always",
        )  # fmt: skip
        self.slogan = self._paragraph(
            "Slogan", "Slogan", text={"fontweight": "bold"}, keepwithnext="always"
        )
        self.entry = self._paragraph("Signatory", "Signatory", marginbottom="4pt")
        self.person = self._paragraph("Individual", "Individual signatory", marginbottom="2pt")
        self.item = self._paragraph("List_20_Contents", "List Contents", marginbottom="3pt")
        footer = Style(name="Footer", displayname="Footer", family="paragraph")
        footer.addElement(TextProperties(fontsize="8.5pt"))
        properties = ParagraphProperties()
        stops = TabStops()
        stops.addElement(TabStop(position=TEXT_WIDTH, type="right"))
        properties.addElement(stops)
        footer.addElement(properties)
        doc.styles.addElement(footer)
        self.footer = footer
        self.bold = self._text("Strong_20_Emphasis", "Strong Emphasis", fontweight="bold")
        self.italic = self._text("Emphasis", "Emphasis", fontstyle="italic")
        self.bold_italic = self._text("Strong_20_Italic", "Strong Italic", fontweight="bold",
                                      fontstyle="italic")  # fmt: skip
        self.languages: dict[str, object] = {}
        self.lists = 0

    def _paragraph(self, name: str, display: str, *, text: dict | None = None, **paragraph):
        from odf.style import ParagraphProperties, Style, TextProperties

        style = Style(
            name=name, displayname=display, family="paragraph", parentstylename="Standard"
        )
        if paragraph:
            style.addElement(ParagraphProperties(**paragraph))
        if text:
            style.addElement(TextProperties(**text))
        self.doc.styles.addElement(style)
        return style

    def _text(self, name: str, display: str, **text):
        from odf.style import Style, TextProperties

        style = Style(name=name, displayname=display, family="text")
        style.addElement(TextProperties(**text))
        self.doc.styles.addElement(style)
        return style

    def language(self, code: str):
        """An automatic text style that says a name's language (spelling, hyphenation)."""
        from odf.style import Style, TextProperties

        if code not in self.languages:
            style = Style(name=f"L{len(self.languages) + 1}", family="text")
            style.addElement(TextProperties(**_language_properties(code)))
            self.doc.automaticstyles.addElement(style)
            self.languages[code] = style
        return self.languages[code]

    def list_style(self, *, ordered: bool, indent_mm: float = 7.5, width_mm: float = 7.5):
        """A new list style, single level (nested lists get their own)."""
        from odf.style import ListLevelLabelAlignment, ListLevelProperties, TextProperties
        from odf.text import ListLevelStyleBullet, ListLevelStyleNumber, ListStyle

        self.lists += 1
        style = ListStyle(name=f"List{self.lists}")
        if ordered:
            level = ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
        else:
            level = ListLevelStyleBullet(level=1, bulletchar="•")
        properties = ListLevelProperties(listlevelpositionandspacemode="label-alignment")
        properties.addElement(
            ListLevelLabelAlignment(
                labelfollowedby="listtab",
                listtabstopposition=f"{indent_mm}mm",
                textindent=f"-{width_mm}mm",
                marginleft=f"{indent_mm}mm",
            )
        )
        level.addElement(properties)
        if not ordered:
            level.addElement(TextProperties(fontname=FONT))
        style.addElement(level)
        self.doc.automaticstyles.addElement(style)
        return style


def _runs(paragraph, runs: list[dict], styles: _Styles) -> None:
    from odf.text import LineBreak, Span

    for run in runs:
        if run.get("br"):
            paragraph.addElement(LineBreak())
            continue
        style = {
            (True, True): styles.bold_italic,
            (True, False): styles.bold,
            (False, True): styles.italic,
        }.get((bool(run["strong"]), bool(run["emph"])))
        if style is None:
            paragraph.addText(run["text"])
        else:
            paragraph.addElement(Span(stylename=style, text=run["text"]))


def _blocks(parent, blocks: list[dict], styles: _Styles, *, level: int = 0) -> None:
    from odf.text import H, List, ListItem, P

    for block in blocks:
        if block["type"] == "par":
            paragraph = P(stylename=styles.body)
            _runs(paragraph, block["runs"], styles)
            parent.addElement(paragraph)
        elif block["type"] == "heading":
            heading = H(outlinelevel=min(block["level"] + 1, 10), stylename=styles.heading)
            _runs(heading, block["runs"], styles)
            parent.addElement(heading)
        elif block["type"] == "list":
            style = styles.list_style(ordered=block["ordered"], indent_mm=7.5 * (level + 1))
            listing = List(stylename=style)
            for number, item in enumerate(block["items"]):
                element = ListItem()
                if number == 0 and block["ordered"] and block["start"] != 1:
                    element.setAttribute("startvalue", str(block["start"]))
                parts = [part for part in item if part["type"] != "list"]
                for part in item:
                    if part["type"] == "list":
                        _blocks(element, [part], styles, level=level + 1)
                        continue
                    paragraph = P(stylename=styles.item)
                    _runs(paragraph, part.get("runs", []), styles)
                    element.addElement(paragraph)
                if not parts:
                    element.addElement(P(stylename=styles.item))
                listing.addElement(element)
            parent.addElement(listing)
        elif block["type"] == "quote":
            _blocks(parent, block["blocks"], styles, level=level)


def _entry(entry: Entry, styles: _Styles, language: str):
    from odf.text import P, S, Span

    paragraph = P(stylename=styles.entry)
    if entry.abbreviation:
        paragraph.addElement(Span(stylename=styles.bold, text=entry.abbreviation))
        # Three spaces, as the secretariats type them (text:s keeps them in ODF).
        paragraph.addElement(S(c=3))
    if entry.name_language and entry.name_language != language:
        paragraph.addElement(Span(stylename=styles.language(entry.name_language), text=entry.name))
    else:
        paragraph.addText(entry.name)
    if entry.translation:
        paragraph.addText(f" ({entry.translation})")
    if entry.country_label:
        paragraph.addText(f", {entry.country_label}")
    return paragraph


def _page(doc, styles: _Styles, base_name: str) -> None:
    from odf.style import (
        Footer,
        FooterStyle,
        HeaderFooterProperties,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
    )
    from odf.text import P, PageCount, PageNumber, Tab

    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="210mm", pageheight="297mm", printorientation="portrait",
            margintop=MARGIN, marginbottom="15mm", marginleft=MARGIN, marginright=MARGIN,
        )
    )  # fmt: skip
    footer_style = FooterStyle()
    footer_style.addElement(HeaderFooterProperties(minheight="10mm", margintop="4mm"))
    layout.addElement(footer_style)
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    line = P(stylename=styles.footer, text=base_name)
    line.addElement(Tab())
    line.addElement(PageNumber(selectpage="current", numformat="1", text="1"))
    line.addText(" / ")
    line.addElement(PageCount(numformat="1", text="1"))
    footer.addElement(line)
    master.addElement(footer)
    doc.masterstyles.addElement(master)


def render_odt(document: Document, *, coalition_name: str | None = None) -> bytes:
    """The document as an ODT; the author in its metadata is `coalition_name`, by default the
    document's own."""
    if coalition_name is None:
        coalition_name = document.coalition_name
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    doc = OpenDocumentText()
    styles = _Styles(doc, document.language)
    _page(doc, styles, document.base_name)

    doc.text.addElement(P(stylename=styles.title, text=document.title))
    for block in document.blocks:
        _blocks(doc.text, markdown_blocks(block), styles)
    for slogan in document.slogans:
        for block in markdown_blocks(slogan):
            paragraph = P(stylename=styles.slogan)
            _runs(paragraph, block.get("runs", []), styles)
            doc.text.addElement(paragraph)

    if document.entries:
        doc.text.addElement(H(outlinelevel=1, stylename=styles.heading, text=document.heading))
        digits = len(str(max(entry.position for entry in document.entries)))
        width = 3.5 + 2.2 * digits  # room for the widest number ("1000.") before the names
        listing = List(stylename=styles.list_style(ordered=True, indent_mm=width, width_mm=width))
        for entry in document.entries:
            item = ListItem()
            item.addElement(_entry(entry, styles, document.language))
            listing.addElement(item)
        doc.text.addElement(listing)

    people = document.people
    if people and people.heading:
        doc.text.addElement(H(outlinelevel=1, stylename=styles.heading, text=people.heading))
        for name in people.names:
            doc.text.addElement(P(stylename=styles.person, text=name))
    if people and people.rest:
        doc.text.addElement(P(stylename=styles.body, text=people.rest))

    # The as-of date, not the time of rendering, so the same document gives the same file.
    if document.as_of:
        stamp = datetime.combine(document.as_of, time(), tzinfo=UTC)
    else:
        stamp = datetime.now(UTC).replace(microsecond=0)
    moment = stamp.strftime("%Y-%m-%dT%H:%M:%S")
    doc.meta.addElement(dc.Title(text=document.title))
    doc.meta.addElement(dc.Language(text=document.language))
    doc.meta.addElement(dc.Creator(text=coalition_name))
    doc.meta.addElement(meta.InitialCreator(text=coalition_name))
    doc.meta.addElement(
        dc.Subject(text=f"{document.document_id}, version {document.version_label}")
    )
    doc.meta.addElement(dc.Description(text=f"SHA-256 of the text: {document.content_hash}"))
    doc.meta.addElement(meta.CreationDate(text=moment))
    doc.meta.addElement(dc.Date(text=moment))
    doc.meta.addElement(
        meta.UserDefined(name="Document", valuetype="string", text=document.document_id)
    )

    buffer = io.BytesIO()
    doc.write(buffer)
    return restamped(buffer.getvalue(), stamp, _steady)


# The first element of an XML member, after its prolog, with its attributes.
_ROOT = re.compile(rb'<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(/?)>')
_ATTRIBUTE = re.compile(rb'\s+([\w:.-]+)="([^"]*)"')


def _steady_namespaces(xml: bytes) -> bytes:
    """odfpy declares on each root element the namespaces *this process* has used so far (a
    class-level dict), so a process's first file differs from its later ones. Declaring all
    of ODF's namespaces, sorted, makes the bytes the same in any process."""
    from odf.namespaces import nsdict

    match = _ROOT.search(xml)
    if match is None:
        return xml
    attributes = _ATTRIBUTE.findall(match.group(2))
    declared = {name: value for name, value in attributes if name.startswith(b"xmlns:")}
    for namespace, prefix in nsdict.items():
        declared.setdefault(b"xmlns:" + prefix.encode(), namespace.encode())
    others = [(name, value) for name, value in attributes if not name.startswith(b"xmlns:")]
    text = b"".join(b' %s="%s"' % pair for pair in [*sorted(declared.items()), *others])
    root = b"<%s%s%s>" % (match.group(1), text, match.group(3))
    return xml[: match.start()] + root + xml[match.end() :]


def _steady(name: str, content: bytes) -> bytes:
    """Each XML member's namespaces declared the same way whatever the process rendered
    before, and odfpy's generator line replaced by ours."""
    if name.endswith(".xml"):
        content = _steady_namespaces(content)
    if name == "meta.xml":
        content = re.sub(
            rb"<meta:generator>.*?</meta:generator>",
            b"<meta:generator>undersigned</meta:generator>",
            content,
        )
    return content
