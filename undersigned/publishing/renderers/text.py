"""Plain text, laid out like the documents coalitions send: title, paragraphs, slogans, then
the signatories block with one numbered entry per paragraph."""

import re
import textwrap

from undersigned.publishing.values import Document
from undersigned.signatures.entries import Entry

WIDTH = 90


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=WIDTH, break_long_words=False, break_on_hyphens=False)


def _plain(block: str) -> str:
    """Markdown block to plain lines: emphasis marks and hard-break backslashes dropped."""
    text = re.sub(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))", "", block)
    return re.sub(r"\\$", "", text, flags=re.MULTILINE)


def entry_line(entry: Entry) -> str:
    line = f"{entry.position}. "
    if entry.abbreviation:
        line += f"{entry.abbreviation}   "
    line += entry.name
    if entry.translation:
        line += f" ({entry.translation})"
    if entry.country_label:
        line += f", {entry.country_label}"
    return line


def people_lines(document: Document) -> list[str]:
    """The individuals after the organizations: their heading, one name a line, then the
    count of those not printed (or, with no name printed, how many signed)."""
    people = document.people
    if people is None:
        return []
    lines = [""]
    if people.heading:
        lines.extend(["", people.heading, ""])
        lines.extend(_wrap(name) for name in people.names)
    if people.rest:
        lines.extend(["", people.rest])
    return lines


def render_text(document: Document) -> str:
    parts = [document.title, ""]
    for block in document.blocks:
        lines = _plain(block).splitlines()
        parts.append("\n".join(_wrap(line) for line in lines))
        parts.append("")
    for block in document.slogans:
        parts.append(_plain(block))
        parts.append("")
    if document.entries:
        parts.extend(["", document.heading, ""])
        for entry in document.entries:
            parts.append(_wrap(entry_line(entry)))
            parts.append("")
    parts.extend(people_lines(document))
    # the reference the printed pages carry in their footer, so the file can be read back
    parts.extend(["", document.base_name])
    return "\n".join(parts).rstrip("\n") + "\n"
