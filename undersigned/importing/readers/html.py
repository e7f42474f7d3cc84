"""HTML -> blocks, through the DOM: whitespace collapsed as a browser collapses it, a <br>
a line break, a list item one item however its source wraps, a table row its cells.

Site chrome (navigation, scripts, forms, hidden elements) and comments are dropped; a
page's <title> is kept apart as a hint, since sites put their own name in it."""

import re
from typing import Any

from undersigned.importing.readers.blocks import (
    BOLD_CLOSE,
    BOLD_OPEN,
    Block,
    ReadDocument,
    collapse,
)
from undersigned.importing.readers.errors import UnusableInput
from undersigned.importing.readers.text import decode

_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "nav",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "form",
        "dialog",
        "canvas",
        "video",
        "audio",
        "map",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "blockquote",
        "address",
        "figure",
        "figcaption",
        "center",
        "dl",
        "dt",
        "dd",
        "pre",
        "hr",
        "fieldset",
        "details",
        "summary",
        "body",
        "html",
        "hgroup",
        "legend",
        "caption",
    ]
)
_HEADING = re.compile(r"h([1-6])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Our own export marks an entry's parts; any page that uses these classes is read the same way.
_FIELD_CLASSES = {"abbr": "abbreviation", "name": "name", "translation": "translation"}
_FIELD_CLASSES |= {"country": "country", "affiliation": "affiliation", "role": "role"}
# The code of a server page saved as it stands on the server (ASP, ASP.NET, JSP, ERB:
# '<%@ Page Language="C#" … %>', '<%= … %>'; PHP): the server runs it, a browser never shows it.
_PHP = re.compile(r"<\?php\b.*?(?:\?>|\Z)", re.DOTALL)


def _without_server_code(text: str) -> str:
    """The text without '<% … %>' and '<?php … ?>' blocks, in one pass: a file of many '<%'
    and no '%>' costs no more than one of none (a lazy regex would rescan it from each)."""
    parts, start = [], 0
    while (open_at := text.find("<%", start)) != -1:
        close_at = text.find("%>", open_at + 2)
        if close_at == -1:
            break
        parts.append(text[start:open_at])
        start = close_at + 2
    parts.append(text[start:])
    return _PHP.sub("", "".join(parts))


# a line with nothing on it between two <br>: spaces, no-break spaces, bold marks
_BLANK_LINE = re.compile(rf"\n[\s{BOLD_OPEN}{BOLD_CLOSE}]*\n")

_LAYOUT_CELL = 400  # characters: a table cell this long holds text, not data


def read_html(data: bytes | str) -> ReadDocument:
    import lxml.html

    text = data if isinstance(data, str) else decode(data)
    text = _without_server_code(text)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as error:  # lxml raises several types for markup it cannot repair
        raise UnusableInput(f"HTML that cannot be read: {error}") from error
    title = root.findtext(".//title")
    metadata = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").casefold()
        if key in ("og:title", "dc.title", "citation_title", "author", "date", "dc.date"):
            metadata[key] = collapse(meta.get("content") or "")
    walker = HtmlWalker()
    body = root.find("body")
    # a page with no heading element may still set its title apart by a class of its own
    # ('<span class="yazibasligi">…</span>', 'post-title'): the first such is its heading
    walker.styled_title = next(root.iter("h1", "h2", "h3", "h4", "h5", "h6"), None) is None
    walker.walk(body if body is not None else root)
    walker.flush()
    language = root.get("lang")
    if language:
        metadata["lang"] = language
    return ReadDocument(
        blocks=walker.blocks,
        format="html",
        title=collapse(title) if title and title.strip() else None,
        metadata=metadata,
    )


def fragment_blocks(html: str) -> list[Block]:
    """Blocks of an HTML fragment (raw HTML inside a Markdown document)."""
    import lxml.html

    try:
        elements = lxml.html.fragments_fromstring(html)
    except Exception:
        return [Block("paragraph", [collapse(re.sub(r"<[^>]+>", " ", html))])]
    walker = HtmlWalker()
    for element in elements:
        if isinstance(element, str):
            walker.inline(element)
        else:
            walker.walk(element)
            walker.inline(element.tail or "")
    walker.flush()
    return walker.blocks


def _rows(table) -> list[tuple[Any, list]]:
    """A table's rows, each with its cells: its <tr>s and, where cells stand right inside
    <thead>, <tbody> or the table with no <tr> around them ('<thead><th>Name</th>
    <th>Type</th></thead>', or a row whose '<tr>' was left out), the row a browser makes of
    them, where they stand. The element is the row's, or the one the cells stand in."""
    rows: list[tuple[Any, list]] = []
    for element in table.iter("tr", "thead", "tbody", "tfoot", "table"):
        if element.tag == "tr":
            rows.append((element, _cells(element)))
            continue
        stray: list = []
        for child in element:
            if isinstance(child.tag, str) and child.tag in ("td", "th"):
                stray.append(child)
            elif stray:
                rows.append((element, stray))
                stray = []
        if stray:
            rows.append((element, stray))
    order = {element: index for index, element in enumerate(table.iter())}
    # in reading order: a row by its first cell, or by the <tr> itself when it has none
    return sorted(rows, key=lambda row: order[row[1][0] if row[1] else row[0]])


def _cells(row) -> list:
    return [cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]


def _hidden(element) -> bool:
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
        or bool(_SCREEN_READER_ONLY.search(element.get("class") or ""))
    )


# text for screen readers only, which the page does not show: a skip link ('Skip to main
# content'), a hidden heading ('Main navigation'); the class names of Drupal, Bootstrap,
# WordPress and the like. 'focusable' ones show only while focused by the keyboard.
_SCREEN_READER_ONLY = re.compile(
    r"(?<![\w-])(?:visually-hidden|visuallyhidden|sr-only|screen-reader-text|"
    r"element-invisible|skip-link|skip-to-content|screenreader-only)(?![\w-])",
    re.IGNORECASE,
)


class HtmlWalker:
    """Walks the DOM, gathering inline text until a block element ends it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.small = 0  # characters of the buffer inside <small>
        self.tables = 0
        self.styled_title = False  # whether an element styled as a title is still looked for

    # inline text ------------------------------------------------------------------------
    def inline(self, text: str, *, small: bool = False) -> None:
        if text:
            # a line break in the source is a space on the page; only <br> breaks a line
            text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
            self.buffer.append(text)
            if small:
                self.small += len(text.strip())

    def flush(self, kind: str = "paragraph", **attributes) -> None:
        text = "".join(self.buffer)
        total = len(re.sub(r"\s", "", text))
        note = total > 0 and self.small >= total
        self.buffer, self.small = [], 0
        # an empty line made by two <br> parts paragraphs as a browser shows them: a page
        # that sets its whole text in one element ('06.05.2009<br><br>BASIN ve
        # KAMUOYUNA<br><br>İstanbul …') has its date, address, body and list apart
        parts = _BLANK_LINE.split(text) if kind == "paragraph" else [text]
        for part in parts:
            lines = [collapse(line) for line in part.split("\n")]
            lines = [line for line in lines if line]
            if lines:
                self.blocks.append(Block(kind, lines, note=note and kind != "item", **attributes))

    # the tree -----------------------------------------------------------------------------
    def walk(self, element, *, small: bool = False) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is None or tag in _SKIP or _hidden(element):
            return  # comments, processing instructions, chrome
        small = small or tag == "small"
        if tag == "br":
            self.buffer.append("\n")
            return
        if tag == "sup" and re.fullmatch(r"[\s\d*†‡§,\[\]]*", element.text_content()):
            return  # a footnote mark
        heading = _HEADING.fullmatch(tag)
        if heading is None and self.styled_title and _styled_as_title(element):
            self.styled_title = False
            self.flush()
            self._children(element, small=small)
            self.flush("heading", level=1)
            return
        if heading:
            self.flush()
            self._children(element, small=small)
            self.flush("heading", level=int(heading.group(1)))
            return
        if tag in ("ul", "ol", "menu"):
            self.flush()
            self.list(element, depth=0)
            return
        if tag == "table" and not self._layout_table(element):
            self.flush()
            self.table(element)
            return
        if tag == "li":  # an item outside a list
            self.flush()
            self.item(element, number="-", depth=0)
            return
        block = tag in _BLOCK or tag in ("table", "tr", "td", "th", "tbody", "thead", "tfoot")
        card = _card_fields(element) if tag in _BLOCK else None
        if card:
            # a signer's card: name, institution, status in elements the page names so
            self.flush()
            # a name alone is read as any line of a list is, its kind from its shape
            fields = card if len(card) > 1 else None
            self.blocks.append(Block("item", list(card.values()), fields=fields))
            return
        pictured = _pictured(element) if block else None
        if pictured:
            self.flush()
            self.blocks.append(Block("paragraph", pictured, pictures=True))
            return
        if block:
            self.flush()
        bold = tag in ("b", "strong")
        if bold:
            self.buffer.append(BOLD_OPEN)
        self._children(element, small=small)
        if bold:
            self.buffer.append(BOLD_CLOSE)
        if block:
            self.flush()

    def _children(self, element, *, small: bool) -> None:
        self.inline(element.text or "", small=small)
        skip = _link_lines(element)
        for child in element:
            if child in skip:
                continue
            self.walk(child, small=small)
            self.inline(child.tail or "", small=small)

    def list(self, element, *, depth: int) -> None:
        pictured = _pictured_items(element)
        if pictured:
            self.blocks.append(Block("paragraph", pictured, pictures=True))
            return
        ordered = element.tag.lower() == "ol"
        start = element.get("start", "1").strip()
        number = int(start) if start.lstrip("-").isdigit() else 1
        for child in element:
            if not isinstance(child.tag, str) or _hidden(child):
                continue
            if child.tag.lower() != "li":
                self.walk(child)
                continue
            value = (child.get("value") or "").strip()
            if ordered and value.isdigit():
                number = int(value)
            self.item(child, number=str(number) if ordered else "-", depth=depth)
            number += 1

    def item(self, element, *, number: str, depth: int) -> None:
        """One list item: its own text (lines at <br> and at inner blocks), then any list
        nested in it, one level deeper."""
        nested = []
        self.inline(element.text or "")
        for child in element:
            tag = child.tag.lower() if isinstance(child.tag, str) else None
            if tag in ("ul", "ol"):
                nested.append(child)
            elif tag in _BLOCK or tag == "p":
                self.buffer.append("\n")
                self._children(child, small=False)
                self.buffer.append("\n")
            else:
                self.walk(child)
            self.inline(child.tail or "")
        fields = _fields(element)
        self.flush("item", level=depth, number=number, fields=fields)
        for child in nested:
            self.list(child, depth=depth + 1)

    def _layout_table(self, table) -> bool:
        """A table that lays out a page (headings, lists or tables in its cells, or one or
        two rows of long text) is read as text; one of rows of data is read row by row."""
        rows = [row for row in table.iter("tr")]
        if len(rows) < 3:
            return any(len(cell.text_content()) > _LAYOUT_CELL for cell in table.iter("td", "th"))
        for cell in table.iter("td", "th"):
            if len(cell.text_content()) > 5 * _LAYOUT_CELL:
                return True
            if any(True for _ in cell.iter("table", "h1", "h2", "h3", "ul", "ol")):
                return True
        return False

    def table(self, table) -> None:
        self.tables += 1
        for row, cells in _rows(table):
            if _hidden(row):
                continue
            texts = []
            pictured = False
            for cell in cells:
                # a cell's paragraphs (word processors export every cell as <p><span>…)
                # are its lines, not blocks of their own
                walker = HtmlWalker()
                walker._children(cell, small=False)
                walker.flush()
                lines = [line for block in walker.blocks for line in block.lines]
                texts.append("\n".join(line for line in lines if line))
                if not texts[-1] and any(True for _ in cell.iter("img", "picture", "svg")):
                    pictured = True
                span = cell.get("colspan", "1")
                texts.extend([""] * (min(int(span), 20) - 1 if span.isdigit() else 0))
            if not any(texts):
                continue
            in_head = row.tag == "thead" or (
                row.tag == "tr" and row.getparent() is not None and row.getparent().tag == "thead"
            )
            header = in_head or (bool(cells) and all(cell.tag == "th" for cell in cells))
            lines = [" | ".join(t.replace("\n", " ") for t in texts if t)]
            self.blocks.append(
                Block("row", lines, cells=texts, header=header, table=self.tables, logo=pictured)
            )


# what an image's text adds to the name it shows: 'Acme Logo', 'Logo of Acme', 'logo Acme'
_LOGO_WORDS = re.compile(
    r"^(?:logo(?:tipo|type)?|emblem)\s+(?:(?:of|de|du|des|von|der|del)\s+)?|"
    r"[\s_-]+(?:logo(?:tipo|type)?|emblem)$",
    re.IGNORECASE,
)


def logo_name(alt: str) -> str:
    """The name an image's alternative text gives: 'Acme Logo' -> 'Acme'."""
    return collapse(_LOGO_WORDS.sub("", collapse(alt)))


def _pictured(element) -> list[str] | None:
    """A row of three or more images (each maybe a link) with no text of its own, as the
    logos of a coalition's members stand under 'Signed by:': the names their alternative
    texts give, one a line."""
    if collapse(element.text_content()):
        return None
    images = [e for e in element.iter() if isinstance(e.tag, str) and e.tag.lower() == "img"]
    if len(images) < 3:
        return None
    if any(
        e.tag.lower() not in ("img", "a", "span", "div", "figure", "picture", "source", "p")
        for e in element.iter() if isinstance(e.tag, str) and e is not element
    ):  # fmt: skip
        return None
    names = [_picture_name(img) for img in images]
    if not all(names) or len(set(names)) < len(names):
        return None  # an image without words, or the same one repeated: decoration
    return names


def _picture_name(image) -> str:
    """The name a logo gives: its alternative text, else its own title or that of the link
    around it ('<a title="Pirate Party UK"><img src="pp-uk.png"></a>')."""
    for text in (image.get("alt"), image.get("title")):
        if text and logo_name(text):
            return logo_name(text)
    link = next((a for a in image.iterancestors("a")), None)
    return logo_name(link.get("title") or "") if link is not None else ""


def _pictured_items(element) -> list[str] | None:
    """A list of three or more items that are each a logo and no text (a picture, maybe a
    link, and links with no text beside it): the names their logos give, one a line, read
    as a row of logos is."""
    items = [li for li in element if isinstance(li.tag, str) and li.tag.lower() == "li"]
    if len(items) < 3 or any(collapse(li.text_content()) for li in items):
        return None
    names = []
    for li in items:
        name = next((n for img in li.iter("img") if (n := _picture_name(img))), "")
        if not name:
            name = next((logo_name(a.get("title") or "") for a in li.iter("a")), "")
        names.append(name)
    if not all(names) or len(set(names)) < len(names):
        return None
    return names


def _link_lines(element) -> set:
    """Runs of three or more lines that are each one link to another page of the same site
    ('<a href="bc_12eylul.aspx">Title, Author, Profession</a><br>'): a list of the site's
    other articles, its navigation, never the document's own text."""
    skip: set = set()
    run: list = []

    def close() -> None:
        if sum(1 for child in run if child.tag == "a") >= _LINK_RUN:
            skip.update(run)
        run.clear()

    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        link = tag == "a" and _internal(child.get("href") or "") and child.text_content().strip()
        if link or (tag == "br" and run):
            run.append(child)
        else:
            close()
            continue
        if (child.tail or "").strip():
            close()
    close()
    return skip


_LINK_RUN = 3


def _internal(href: str) -> bool:
    href = href.strip()
    return bool(href) and not re.match(r"[a-z][a-z0-9+.-]*:|//|#", href, re.IGNORECASE)


# Words of the class names a page gives the parts of a signer's card ('sig_name',
# 'signer-institution', 'card__status'), by the field each names; an institution's 'name'
# ('org-name') is the institution.
_CARD_WORDS = {
    "affiliation": frozenset(
        [
            "institution",
            "affiliation",
            "organisation",
            "organization",
            "org",
            "company",
            "employer",
            "university",
            "workplace",
        ]
    ),
    "role": frozenset(
        ["status", "role", "position", "function", "job", "occupation", "profession"]
    ),
    "country": frozenset(["country", "nation", "nationality"]),
    "name": frozenset(["name", "fullname"]),
}
_CARD_TEXT = 400  # characters: a card is a few short lines


def _card_fields(element) -> dict[str, str] | None:
    """The parts of a card naming one signer by the class names of its elements: a name and
    at least an institution, a role or a country (or a name alone in a card its own class
    calls a signature), nothing of a page's structure inside. What the signer wrote beside
    (an element called a comment or a quote) is no part of the entry."""
    if any(
        isinstance(child.tag, str) and child.tag.lower() in _CARD_BREAKERS
        for child in element.iterdescendants()
    ):
        return None
    fields: dict[str, str] = {}
    said = 0
    for child in element.iterdescendants():
        if not isinstance(child.tag, str) or _hidden(child):
            continue
        words = _class_words(child)
        if words & _CARD_SAID:
            said += len(child.text_content())
            continue
        field = next((f for f, names in _CARD_WORDS.items() if words & names), None)
        value = collapse(child.text_content())
        if field and value and field not in fields:
            fields[field] = value
    if len(element.text_content()) - said > _CARD_TEXT or "name" not in fields:
        return None
    if len(fields) < 2 and not _class_words(element) & _CARD_SIGNED:
        return None
    order = ("name", "role", "affiliation", "country")
    return {field: fields[field] for field in order if field in fields}


# a class that names a title ('yazibasligi' is Turkish 'article heading'), not a site's
# name, a subtitle or a widget's
_TITLE_CLASS = re.compile(r"title|titel|titre|titulo|título|titolo|başlı|basli|headline", re.I)
_NOT_TITLE_CLASS = re.compile(r"sub|site|blog|logo|brand|widget|menu|nav|footer|header", re.I)


def _styled_as_title(element) -> bool:
    """An element whose class says it is the text's title, holding a short text."""
    names = element.get("class") or ""
    if not _TITLE_CLASS.search(names) or _NOT_TITLE_CLASS.search(names):
        return False
    text = collapse(element.text_content())
    # one line: a title and its date under it ('…<br>25 Mart 2008') are read as a paragraph
    return 0 < len(text) <= 200 and next(element.iter("br"), None) is None


def _class_words(element) -> set[str]:
    return set(re.split(r"[\W_]+", (element.get("class") or "").casefold()))


# classes of what a signer wrote beside their name, and of a card that is a signature
_CARD_SAID = frozenset(["comment", "comments", "quote", "message", "note", "reason", "testimonial"])
_CARD_SIGNED = frozenset(["signature", "signatory", "signer", "signee", "endorsement"])


_CARD_BREAKERS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "p", "form"])


def _fields(item) -> dict[str, str] | None:
    """The parts of an entry the page marks by class (name, abbr, translation, country)."""
    fields = {}
    for element in item.iter():
        if not isinstance(element.tag, str):
            continue
        for name in (element.get("class") or "").split():
            if name in _FIELD_CLASSES and _FIELD_CLASSES[name] not in fields:
                value = collapse(element.text_content())
                if name == "translation" and value.startswith("(") and value.endswith(")"):
                    value = value[1:-1]
                if name == "country":
                    value = value.lstrip(", ").strip()
                fields[_FIELD_CLASSES[name]] = value
    return fields if "name" in fields else None
