"""What an import produces: plain dataclasses in the shape of the import contract
(docs/import.md, "undersigned.import/1"). No Django here: parsers build these, the command
prints them, the import service (later) reads them."""

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "undersigned.import/1"


@dataclass
class Signatory:
    position: int
    name: str
    abbreviation: str | None = None
    translation: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    affiliation: str | None = None  # individuals: their position, institution

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "abbreviation": self.abbreviation,
            "name": self.name,
            "translation": self.translation,
            "country": self.country,
            "affiliation": self.affiliation,
        }


@dataclass
class ImportResult:
    source: str
    title: str | None = None
    kind: str | None = None
    document_id: str | None = None
    version: str | None = None
    language: str | None = None
    date: str | None = None  # ISO 8601 date of the document
    as_of: str | None = None  # ISO 8601 date of the latest signature, as printed
    open_for_signatures: bool | None = None
    body: str = ""
    signatories: list[Signatory] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's object, keys in the documented order."""
        data = asdict(self)
        data["signatories"] = [signatory.to_dict() for signatory in self.signatories]
        return {"schema": SCHEMA, **data}


@dataclass
class ExtractedText:
    """A document reduced to text by a format reader.

    Conventions the text parser understands: paragraphs are separated by a blank line, list
    items by a line break, table cells by a tab, a wide gap inside a line (a tab stop in a
    PDF) by three spaces, headings start with '#'. `furniture` holds the running headers and
    footers taken out of the text: they still carry metadata (number, version, language).
    """

    text: str
    format: str
    furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
