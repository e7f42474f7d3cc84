"""PDF with Typst: A4, serif, justified and hyphenated body, numbered signatories, a footer
with the document's base name and "page / pages" on every page.

No user text is ever Typst source. The layout below is a constant; the document travels as
JSON through `sys.inputs` and the layout builds content from that data, so a title such as
"#panic()" or "*[x]" is printed as written. The Markdown body is first turned into a small
tree of blocks and runs (`publishing.blocks.markdown_blocks`), shared with the DOCX renderer.
"""

import json
import logging
import re
import threading
from collections.abc import Iterator

from undersigned.publishing.blocks import markdown_blocks
from undersigned.publishing.values import Document
from undersigned.signatures.entries import Entry

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

#let date = if data.date == none { auto } else {
  let (y, m, d) = data.date.split("-").map(int)
  datetime(year: y, month: m, day: d)
}
#set document(title: data.title, author: data.author, description: data.description, date: date)
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
  set par(justify: false, spacing: 0.75em)
  set text(hyphenate: false)
  let items(entries) = enum(
    numbering: "1.",
    number-align: end + top,
    body-indent: 0.6em,
    tight: false,
    spacing: 0.75em,
    ..entries.map(e => enum.item(e.position, entry(e))),
  )
  // The heading never ends a page with fewer than three entries under it.
  let first = data.entries.slice(0, calc.min(3, data.entries.len()))
  let rest = data.entries.slice(first.len())
  block(breakable: false, below: 0.75em, {
    heading(level: 1, outlined: false, data.heading)
    items(first)
  })
  if rest.len() > 0 { items(rest) }
}

#if data.people != none {
  set par(justify: false, spacing: 0.45em)
  set text(hyphenate: false)
  if data.people.heading != "" {
    // As the organizations' heading: never alone at the foot of a page.
    let first = data.people.names.slice(0, calc.min(3, data.people.names.len()))
    block(breakable: false, {
      heading(level: 1, outlined: false, data.people.heading)
      for name in first { par(name) }
    })
    for name in data.people.names.slice(first.len()) { par(name) }
  }
  if data.people.rest != "" {
    v(1.2em)
    par(data.people.rest)
  }
}
"""


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


def document_data(document: Document, *, coalition_name: str | None = None) -> dict:
    """Everything the layout prints, as JSON-ready data."""
    if coalition_name is None:
        coalition_name = document.coalition_name
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
        # The as-of date, not the time of rendering: the same document gives the same bytes,
        # so a cached file and a fresh one are equal.
        "date": document.as_of.isoformat() if document.as_of else None,
        "blocks": blocks,
        "slogans": [markdown_blocks(slogan) for slogan in document.slogans],
        "heading": document.heading,
        "entries": [_entry_data(entry) for entry in document.entries],
        "people": _people_data(document),
    }


def _people_data(document: Document) -> dict | None:
    people = document.people
    if people is None:
        return None
    return {"heading": people.heading, "names": list(people.names), "rest": people.rest}


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


def render_pdf(document: Document, *, coalition_name: str | None = None) -> bytes:
    """The document as a tagged A4 PDF with its fonts embedded; the author in the PDF's
    metadata is `coalition_name`, by default the document's own."""
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
