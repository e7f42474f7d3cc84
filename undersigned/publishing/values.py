"""The plain values renderers take: a statement as a document, what every renderer (page,
text, PDF, DOCX) lays out, and its entries.

A plain value with no database behind it: `publishing.selectors.build_document` builds it once
from the database, then renderers take a Document and return text or bytes.
"""

import hashlib
from dataclasses import dataclass, fields
from datetime import date
from functools import cached_property
from itertools import chain

from undersigned.signatures.entries import Entry


@dataclass(frozen=True)
class People:
    """The individuals who signed, as a document prints them after the organizations: a heading
    in the text's language, one line per person (the fields shown, the country named in the
    text's language), and what follows them ("and 98,765 more.", or for a statement that only
    counts people, "12,345 people have signed.")."""

    heading: str
    names: tuple[str, ...]
    count: int  # every confirmed signer, printed or not
    rest: str


@dataclass(frozen=True)
class Document:
    document_id: str
    kind: str
    language: str
    version_label: str
    content_hash: str
    title: str
    short_title: str
    blocks: list[str]  # Markdown blocks of the body, before the slogans
    slogans: list[str]  # closing slogans, one block each, lines kept
    heading: str  # "Signatories (as of …, further signatories possible):"
    entries: list[Entry]
    as_of: date | None
    open_for_signatures: bool
    coalition_name: str = ""  # the author in a file's metadata: full name, else short name
    source_label: str | None = None  # for a translation: the label of the version translated
    people: People | None = None  # individuals, where the statement is open to them

    @cached_property
    def content_key(self) -> str:
        """SHA-256 of everything the document says: equal keys, equal documents. Computed once
        per document. The entries go in as one flat list of their values (every entry has the
        same fields, so it reads back unambiguously): a thousand entries' own reprs would cost
        more than the rest of the page."""
        head = [getattr(self, field.name) for field in fields(self) if field.name != "entries"]
        values = list(chain.from_iterable(self.entries))
        text = repr((head, len(Entry._fields), values))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def base_name(self) -> str:
        """ "ICOR00359 ICOR resolution on Belarus_ver 05.01_EN": file names and footers."""
        language = self.language.upper()
        return f"{self.document_id} {self.short_title}_ver {self.version_label}_{language}"
