"""Downloads: every format of every language, rendered once per content and kept on disk.

A file is stored under a key that hashes everything its bytes depend on: the Document (text,
entries, as-of date, heading, coalition), the format and `RENDERER_VERSION`. A download
therefore always matches the page it was taken from, and a new signature, version or
translation gives a new key and a new file; the file it replaces is deleted, so the cache
holds at most one file per statement, language and format.
"""

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from undersigned.publishing.renderers.docx import render_docx
from undersigned.publishing.renderers.json import render_json
from undersigned.publishing.renderers.markdown import render_markdown
from undersigned.publishing.renderers.odt import render_odt
from undersigned.publishing.renderers.pdf import render_pdf
from undersigned.publishing.renderers.text import render_text
from undersigned.publishing.values import Document

# Raise when a renderer's output changes for the same Document: every cached file is rebuilt.
RENDERER_VERSION = "6"


@dataclass(frozen=True)
class Format:
    extension: str
    label: str  # shown in the downloads table (lazy: in the reader's language)
    content_type: str
    render: Callable[[Document], bytes]


FORMATS: dict[str, Format] = {
    "pdf": Format("pdf", "PDF", "application/pdf", render_pdf),
    "docx": Format(
        "docx",
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "odt": Format("odt", "ODT", "application/vnd.oasis.opendocument.text", render_odt),
    "txt": Format(
        "txt", _("Text"), "text/plain; charset=utf-8", lambda d: render_text(d).encode("utf-8")
    ),
    "md": Format(
        "md",
        "Markdown",
        "text/markdown; charset=utf-8",
        lambda d: render_markdown(d).encode("utf-8"),
    ),
    "json": Format("json", "JSON", "application/json", lambda d: render_json(d).encode("utf-8")),
}


def file_name(document: Document, extension: str) -> str:
    """ "<document id> <short title>_ver <label>_<LANG>.<ext>", with the characters no file
    system takes ("Turkey / Kurdistan") replaced by a hyphen."""
    return re.sub(r'[/\\:*?"<>|\x00-\x1f]', "-", document.base_name) + f".{extension}"


def document_key(document: Document) -> str:
    """SHA-256 of the Document's whole content: equal keys, equal documents."""
    return document.content_key


def file_key(document: Document, kind: str) -> str:
    """What a file's bytes depend on: the document, the format and the renderers' version."""
    text = f"{RENDERER_VERSION}\n{kind}\n{document_key(document)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", part) or "-"


def cache_path(document: Document, kind: str) -> Path:
    """DATA_DIR/documents/<document id>/<language>_<key>.<ext>."""
    folder = Path(settings.DATA_DIR) / "documents" / _safe(document.document_id)
    return folder / f"{_safe(document.language)}_{file_key(document, kind)}.{kind}"


def read_cached(document: Document, kind: str) -> bytes | None:
    try:
        return cache_path(document, kind).read_bytes()
    except FileNotFoundError:
        return None


def missing_formats(document: Document) -> list[str]:
    return [kind for kind in FORMATS if not cache_path(document, kind).exists()]


def build(document: Document, kind: str) -> bytes:
    """Render one format and store it, replacing the file of the same statement, language and
    format that an older content left behind."""
    data = FORMATS[kind].render(document)
    path = cache_path(document, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target, then renamed: a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".building-")
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for old in path.parent.glob(f"{_safe(document.language)}_*.{kind}"):
        if old != path:
            old.unlink(missing_ok=True)
    return data


def document_file(document: Document, kind: str) -> bytes:
    """The stored file, or this one format built now (never more than one per call)."""
    data = read_cached(document, kind)
    return data if data is not None else build(document, kind)
