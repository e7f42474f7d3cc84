"""Format readers: a file's bytes -> a `ReadDocument` of blocks (see `blocks.py`), one
module per format, mirroring `publishing/renderers/`. The format is told by the content
(magic bytes), the extension only breaks a tie between plain text and Markdown. Each reader
imports its heavy library inside itself, so the web process starts fast."""

import re
from pathlib import Path

from undersigned.importing.readers.archive import archive_names
from undersigned.importing.readers.blocks import Block, ReadDocument, settle_marks
from undersigned.importing.readers.doc import read_doc
from undersigned.importing.readers.docx import read_docx
from undersigned.importing.readers.errors import UnusableInput
from undersigned.importing.readers.html import read_html
from undersigned.importing.readers.json import looks_like_json, read_json
from undersigned.importing.readers.markdown import read_markdown
from undersigned.importing.readers.odt import read_odt
from undersigned.importing.readers.pdf import read_pdf
from undersigned.importing.readers.text import decode, read_text

__all__ = ["Block", "ReadDocument", "UnusableInput", "detect_format", "read", "read_path"]

MAX_FILE_SIZE = 100 * 1024 * 1024
FORMATS = ("txt", "md", "html", "pdf", "docx", "odt", "doc", "json")
_EXTENSIONS = {"htm": "html", "xhtml": "html", "markdown": "md", "text": "txt"}
_READERS = {
    "txt": read_text,
    "md": read_markdown,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
    "odt": read_odt,
    "doc": read_doc,
    "json": read_json,
}
_HTML = re.compile(r"<(?:!doctype\s+html|html|body|p|h[1-6]|div|table|ol|ul|article)\b", re.I)
_MARKDOWN = re.compile(
    r"(?m)^(?:#{1,6} \S|\s*\|.*\|\s*$|\s*[-*+] \S.*\]\(|.*\*\*\S.*\*\*|.*\]\(https?://)"
)


def read_path(path: Path, filename: str | None = None) -> ReadDocument:
    """Read a file, checking its size before reading it; `filename` is the name it came with
    where the file is stored under another (an upload is kept as `source`), whose extension
    tells Markdown from plain text."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnusableInput(f"cannot read {path}: {error.strerror}") from error
    if size > MAX_FILE_SIZE:
        raise UnusableInput(f"{path.name} is {size // 2**20} MB; the limit is 100 MB")
    return read(path.read_bytes(), filename or path.name)


def read(data: bytes, filename: str) -> ReadDocument:
    """Read a document given as bytes."""
    if not data.strip():
        raise UnusableInput(f"{filename} is empty")
    if len(data) > MAX_FILE_SIZE:
        raise UnusableInput(f"{filename} is {len(data) // 2**20} MB; the limit is 100 MB")
    suffix = Path(filename).suffix.lower().lstrip(".")
    extension = _EXTENSIONS.get(suffix, suffix)
    found = detect_format(data, extension=extension)
    result = _READERS[found](data)
    result.blocks = settle_marks(result.blocks)
    text_like = {"txt", "md", "html"}
    if extension in FORMATS and extension != found and not {extension, found} <= text_like:
        result.warnings.insert(
            0, f"{filename} is a {found.upper()} document, not {extension.upper()}; read as {found}"
        )
    return result


def detect_format(data: bytes, *, extension: str = "") -> str:
    """The format by content: PDF, ZIP (DOCX or ODT), OLE2 (legacy Word), JSON, HTML,
    Markdown, else plain text."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        names = archive_names(data)
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            return "odt"
        raise UnusableInput("a ZIP archive that is neither a DOCX nor an ODT document")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"
    text = decode(data[: 2**20])
    if looks_like_json(text):
        return "json"
    if extension == "md":
        return "md"
    if _HTML.search(text[:5000]) and extension != "txt":
        return "html"
    if extension == "txt":
        return "txt"
    return "md" if _MARKDOWN.search(text[:200_000]) else "txt"
