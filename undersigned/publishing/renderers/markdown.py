"""Markdown: the body as written, then the signatories as a numbered list.

Titles and names are text, not Markdown: each character that Markdown (CommonMark) or the HTML
inside it would read as markup is escaped with a backslash, so a name like
`<img src=x onerror=…>` or `*Red* [Dawn]` shows as written in any Markdown reader and is read
back unchanged by the import. The body is the secretariat's Markdown, kept as written, except
for images from other hosts, dropped as everywhere else.
"""

import re

from undersigned.core.text import from_other_host
from undersigned.publishing.values import Document
from undersigned.signatures.entries import Entry

# CommonMark's inline markup, raw HTML and entities, and a table's cell separator.
_MARKUP = re.compile(r"([\\`*_\[\]<>&|#~])")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]*)[^)\n]*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]*)[^>]*>", re.IGNORECASE)


def escape(text: str) -> str:
    """Text as Markdown that reads back as exactly this text."""
    return _MARKUP.sub(r"\\\1", text)


def _without_remote_images(block: str) -> str:
    def drop(match: re.Match) -> str:
        return "" if from_other_host(match.group(1)) else match.group(0)

    return _HTML_IMAGE.sub(drop, _MARKDOWN_IMAGE.sub(drop, block))


def entry_line(entry: Entry) -> str:
    # "1\." so that a Markdown reader keeps our numbers instead of renumbering.
    line = f"{entry.position}\\. "
    if entry.abbreviation:
        line += f"{escape(entry.abbreviation)}   "
    line += escape(entry.name)
    if entry.translation:
        line += f" ({escape(entry.translation)})"
    if entry.country_label:
        line += f", {escape(entry.country_label)}"
    return line


# What would open a list or a heading at the start of a line.
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def person_line(name: str) -> str:
    """A person's line: escaped, and a line that would start a list ("1." "-") kept text."""
    text = escape(name)
    return _LINE_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text
    )


def people_lines(document: Document) -> list[str]:
    """The individuals: a heading, one name a line (hard breaks), the count of the others."""
    people = document.people
    if people is None:
        return []
    lines = [""]
    if people.heading:
        lines.extend([f"## {escape(people.heading)}", ""])
        lines.extend(person_line(name) + "  " for name in people.names)
    if people.rest:
        lines.extend(["", escape(people.rest)])
    return lines


def render_markdown(document: Document) -> str:
    parts = [f"# {escape(document.title)}", ""]
    for block in [*document.blocks, *document.slogans]:
        parts.extend([_without_remote_images(block), ""])
    if document.entries:
        parts.extend([f"## {escape(document.heading)}", ""])
        parts.extend(entry_line(entry) + "  " for entry in document.entries)
    parts.extend(people_lines(document))
    # the reference the printed pages carry in their footer, so the file can be read back
    parts.extend(["", escape(document.base_name)])
    return "\n".join(parts).rstrip() + "\n"
