"""PDF with Typst: A4, serif, justified and hyphenated body, numbered signatories, a footer
with the document's base name and "page / pages" on every page.

No user text is ever Typst source. The layout below is a constant; the document travels as
JSON through `sys.inputs` and the layout builds content from that data, so a title such as
"#panic()" or "*[x]" is printed as written. The Markdown body is first turned into a small
tree of blocks and runs (`markdown_blocks`), which the DOCX renderer reuses.
"""

import json
import logging
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from undersigned.publishing.document import Document, markdown_to_html
from undersigned.signatures.selectors import Entry

logger = logging.getLogger(__name__)

# Libertinus Serif ships inside Typst (Latin, Greek, Cyrillic), so the PDF looks the same on
# every host. For scripts it lacks (Arabic, Hebrew, CJK …) Typst falls back to any installed
# font that has the letters, which is why system fonts are not ignored.
FONT = "Libertinus Serif"

# Archivable (PDF/A-2a: fonts embedded, tagged, Unicode text) and accessible (PDF/UA-1: tags
# in reading order, title shown, language set); Typst checks both as it writes the file.
PDF_STANDARDS = ["a-2a", "ua-1"]

LAYOUT = r"""
#let data = json(bytes(sys.inputs.document))

#set document(title: data.title, author: data.author, description: data.description)
#set text(font: data.font, size: 11.5pt, lang: data.lang, hyphenate: true)
#set par(justify: true, leading: 0.62em, spacing: 1.05em, linebreaks: "optimized")
#set page(
  paper: "a4",
  margin: (left: 28mm, right: 28mm, top: 27mm, bottom: 30mm),
  footer-descent: 40%,
  footer: context {
    set text(size: 8.5pt, hyphenate: false)
    set par(justify: false)
    grid(
      columns: (1fr, auto),
      column-gutter: 2em,
      align: (left + bottom, right + bottom),
      data.base_name,
      [#counter(page).display() / #counter(page).final().first()],
    )
  },
)
#show heading: set text(size: 11.5pt, weight: "bold")
#show heading: set block(above: 1.6em, below: 0.9em)
#show title: set text(size: 16pt, weight: "bold", hyphenate: false)
#show title: set par(justify: false)
#show title: set block(below: 1.4em)

#let runs(items) = for r in items {
  if r.at("br", default: false) {
    linebreak()
  } else {
    let c = [#r.text]
    if r.at("emph", default: false) { c = emph(c) }
    if r.at("strong", default: false) { c = strong(c) }
    c
  }
}

#let blocks(items) = for b in items {
  if b.type == "par" {
    par(runs(b.runs))
  } else if b.type == "heading" {
    heading(level: b.level, runs(b.runs))
  } else if b.type == "list" {
    let bodies = b.items.map(item => blocks(item))
    if b.ordered {
      enum(start: b.start, tight: b.tight, ..bodies)
    } else {
      list(tight: b.tight, ..bodies)
    }
  } else if b.type == "quote" {
    quote(block: true, blocks(b.blocks))
  }
}

#let entry(e) = {
  if e.abbreviation != "" {
    strong(e.abbreviation)
    h(0.7em)
  }
  if e.name_lang != "" { text(lang: e.name_lang, e.name) } else { e.name }
  if e.translation != "" [ (#e.translation)]
  if e.country != "" [, #e.country]
}

#title()

#blocks(data.blocks)

#if data.slogans.len() > 0 {
  v(0.6em)
  set par(justify: false)
  set text(weight: "bold", hyphenate: false)
  for slogan in data.slogans { blocks(slogan) }
}

#if data.entries.len() > 0 {
  heading(level: 1, outlined: false, data.heading)
  set par(justify: false, spacing: 0.75em)
  set text(hyphenate: false)
  enum(
    numbering: "1.",
    number-align: end + top,
    body-indent: 0.6em,
    tight: false,
    spacing: 0.75em,
    ..data.entries.map(e => enum.item(e.position, entry(e))),
  )
}
"""


class _Tree(HTMLParser):
    """The sanitized HTML of a Markdown block as nested [tag, children, attributes] lists."""

    VOID = {"br", "hr", "img"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Any] = ["root", [], {}]
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = [tag, [], dict(attrs)]
        self.stack[-1][1].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1][1].append(data)


def _runs(children: list, *, strong: bool = False, emph: bool = False) -> list[dict]:
    result: list[dict] = []
    for child in children:
        if isinstance(child, str):
            result.append({"text": child, "strong": strong, "emph": emph})
        elif child[0] == "br":
            result.append({"br": True})
        elif child[0] in ("strong", "b"):
            result.extend(_runs(child[1], strong=True, emph=emph))
        elif child[0] in ("em", "i"):
            result.extend(_runs(child[1], strong=strong, emph=True))
        else:  # links, code, spans: their text
            result.extend(_runs(child[1], strong=strong, emph=emph))
    return result


def _tidy(runs: list[dict]) -> list[dict]:
    """HTML whitespace rules: runs of white space are one space, none at a line's ends."""
    tidy: list[dict] = []
    at_line_start = True
    for run in runs:
        if run.get("br"):
            if tidy and "text" in tidy[-1]:
                tidy[-1]["text"] = tidy[-1]["text"].rstrip()
            tidy.append(run)
            at_line_start = True
            continue
        text = re.sub(r"\s+", " ", run["text"])
        if at_line_start:
            text = text.lstrip()
        if text:
            tidy.append({**run, "text": text})
            at_line_start = text.endswith(" ")
    if tidy and "text" in tidy[-1]:
        tidy[-1]["text"] = tidy[-1]["text"].rstrip()
    return [run for run in tidy if run.get("br") or run["text"]]


def _blocks(children: list) -> list[dict]:
    blocks: list[dict] = []
    loose: list = []  # inline content outside a <p> (a tight list item)

    def flush() -> None:
        runs = _tidy(_runs(loose))
        if runs:
            blocks.append({"type": "par", "runs": runs})
        loose.clear()

    for child in children:
        tag = child if isinstance(child, str) else child[0]
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre"):
            flush()
        if tag == "p" or tag == "pre":
            runs = _tidy(_runs(child[1]))
            if runs:
                blocks.append({"type": "par", "runs": runs})
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            blocks.append({"type": "heading", "level": int(tag[1]), "runs": _tidy(_runs(child[1]))})
        elif tag in ("ul", "ol"):
            items = [_blocks(li[1]) for li in child[1] if not isinstance(li, str) and li[0] == "li"]
            tight = all(
                not any(not isinstance(c, str) and c[0] == "p" for c in li[1])
                for li in child[1]
                if not isinstance(li, str)
            )
            start = child[2].get("start") or "1"
            blocks.append(
                {
                    "type": "list",
                    "ordered": tag == "ol",
                    "start": int(start) if start.isdigit() else 1,
                    "tight": tight,
                    "items": items,
                }
            )
        elif tag == "blockquote":
            blocks.append({"type": "quote", "blocks": _blocks(child[1])})
        elif tag == "hr":
            continue
        else:
            loose.append(child)
    flush()
    return blocks


def markdown_blocks(text: str) -> list[dict]:
    """A Markdown block (our subset: paragraphs, line breaks, *emphasis*, **strong**, lists,
    headings) as plain data: [{"type": "par", "runs": [{"text", "strong", "emph"} | {"br"}]},
    {"type": "heading", "level", "runs"}, {"type": "list", "ordered", "start", "tight",
    "items": [[block, …], …]}, {"type": "quote", "blocks"}].

    Parsed from the same sanitized HTML the web page shows, so every format agrees.
    """
    tree = _Tree()
    tree.feed(markdown_to_html(text))
    tree.close()
    return _blocks(tree.root[1])


def _language(code: str) -> str:
    """Typst takes an ISO 639 code; "ru-Latn" is Russian (in Latin letters)."""
    base = (code or "").split("-")[0].lower()
    return base if re.fullmatch(r"[a-z]{2,3}", base) else ""


def _entry_data(entry: Entry) -> dict:
    return {
        "position": entry.position,
        "abbreviation": entry.abbreviation,
        "name": entry.name,
        "name_lang": _language(entry.name_language),
        "translation": entry.translation,
        "country": entry.country_label,
    }


def _walk(blocks: list[dict]) -> Iterator[dict]:
    for block in blocks:
        yield block
        if block["type"] == "list":
            for item in block["items"]:
                yield from _walk(item)
        elif block["type"] == "quote":
            yield from _walk(block["blocks"])


def _heading_levels(blocks: list[dict]) -> None:
    """PDF/UA wants the first heading at level 1 and no level skipped: a body that starts at
    "###" gets level 1, and each heading is at most one level below the one before it."""
    previous = 0
    for block in _walk(blocks):
        if block["type"] == "heading":
            block["level"] = previous = min(block["level"], previous + 1)


def document_data(document: Document, *, coalition_name: str) -> dict:
    """Everything the layout prints, as JSON-ready data."""
    blocks: list[dict] = []
    for block in document.blocks:
        blocks.extend(markdown_blocks(block))
    _heading_levels(blocks)
    return {
        # PDF/UA needs a title; a statement always has one, but never fail a download on it.
        "title": document.title.strip() or document.base_name,
        "author": [coalition_name] if coalition_name else [],
        "description": f"{document.document_id}, version {document.version_label}",
        "lang": _language(document.language) or "en",
        "font": FONT,
        "base_name": document.base_name,
        "blocks": blocks,
        "slogans": [markdown_blocks(slogan) for slogan in document.slogans],
        "heading": document.heading,
        "entries": [_entry_data(entry) for entry in document.entries],
    }


_local = threading.local()


def _compiler():
    """One Typst compiler per thread: it keeps the fonts it has loaded between documents
    (the first compile pays for reading them). Per thread because a compiler is stateful."""
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        import typst

        compiler = typst.Compiler(ignore_system_fonts=False)
        _local.compiler = compiler
    return compiler


def render_pdf(document: Document, *, coalition_name: str) -> bytes:
    """The document as a tagged A4 PDF with its fonts embedded; `coalition_name` is the
    author in the PDF's metadata."""
    import typst

    data = document_data(document, coalition_name=coalition_name)
    inputs = {"document": json.dumps(data, ensure_ascii=False)}
    compiler = _compiler()
    try:
        return compiler.compile(
            LAYOUT.encode(), format="pdf", sys_inputs=inputs, pdf_standards=PDF_STANDARDS
        )
    except typst.TypstError as error:
        if "PDF/" not in error.message:
            raise
        # A text the standards refuse still gets its (tagged) PDF; say why it is not PDF/UA.
        logger.warning("%s: PDF without %s: %s", document.document_id, PDF_STANDARDS, error)
        return compiler.compile(LAYOUT.encode(), format="pdf", sys_inputs=inputs)
