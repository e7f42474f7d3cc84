"""The review of an import as plain data: the entries the secretariat is deciding on, and the
changes they make to the list before confirming it — merge two adjacent entries, split one,
change its kind. Pure: no database; `services` keeps the result with the staged upload and
matches changed entries to the register again."""

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

ORGANIZATION = "organization"
PERSON = "person"
KINDS = (ORGANIZATION, PERSON)
NEW = "new"  # the organization choice that creates a new organization

# What the entry's fields are made of; the rest (lines, doubts, match…) is what the review
# knows about them.
TEXT_FIELDS = ("abbreviation", "name", "translation", "country", "title", "role", "affiliation")
_MARKER = re.compile(r"^\s*(?:\(?\d{1,4}[.)]|[-*•·–])\s+")
_LINE_RANGE = re.compile(r"^lines? (\d+)(?:[–-](\d+))?$")


class ReviewError(ValueError):
    """A change the list cannot take (no entry there, no line to split at)."""


@dataclass
class ReviewEntry:
    """One entry as the secretariat sees and decides it."""

    position: int
    name: str
    kind: str = ORGANIZATION
    abbreviation: str = ""
    translation: str = ""
    country: str = ""
    title: str = ""
    role: str = ""
    affiliation: str = ""
    lines: list[str] = field(default_factory=list)  # the source lines it was read from
    where: str = ""  # "line 12", "page 2"
    doubts: list[str] = field(default_factory=list)  # why the parser is unsure
    include: bool = True
    international: bool = False  # a new organization of no one country (registered with none)
    organization: str = ""  # "" (to decide), NEW, or the id of an organization
    match: dict[str, Any] | None = None  # status, score, organization, candidates; None: to do
    changes: list[str] = field(default_factory=list)  # what the secretariat did to it

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ReviewEntry":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        """The entry as one line of text, the way the document printed it."""
        return " ".join(_MARKER.sub("", line).strip() for line in self.lines if line.strip())


def initial_entries(signatories: list[dict], matches: list[dict]) -> list[ReviewEntry]:
    """The parser's entries (`ImportResult.to_dict(review=True)`) and their matches, as the
    review starts them: included, with the match's choice of organization."""
    return [
        ReviewEntry(
            position=signatory["position"],
            kind=signatory.get("kind") or ORGANIZATION,
            **{name: signatory.get(name) or "" for name in TEXT_FIELDS},
            lines=list(signatory.get("lines") or []),
            where=signatory.get("where") or "",
            doubts=list(signatory.get("doubts") or []),
            organization=choice_for(match),
            match=match,
        )
        for signatory, match in zip(signatories, matches, strict=True)
    ]


def choice_for(match: dict[str, Any]) -> str:
    """The organization a match proposes: the one matched, a new one, or none (a person
    decides between close candidates)."""
    if match["status"] == "matched":
        return str(match["organization"])
    return NEW if match["status"] == "new" else ""


def merge(entries: list[ReviewEntry], index: int) -> list[ReviewEntry]:
    """Entry `index` and the one after it become one: their lines and names joined, each
    other field from the first that has it. Doubts of both stay until confirmed."""
    _check(entries, index)
    if index + 1 >= len(entries):
        raise ReviewError("the last entry has no next entry to merge with")
    first, second = entries[index], entries[index + 1]
    merged = ReviewEntry(
        position=first.position,
        kind=first.kind,
        name=_join(first.name, second.name),
        **{
            name: getattr(first, name) or getattr(second, name)
            for name in TEXT_FIELDS
            if name != "name"
        },
        lines=first.lines + second.lines,
        where=_join_where(first.where, second.where),
        doubts=list(dict.fromkeys(first.doubts + second.doubts)),
        include=first.include or second.include,
        international=first.international or second.international,
        changes=[*first.changes, *second.changes, f"merged:{first.position}:{second.position}"],
    )
    return _renumbered([*entries[:index], merged, *entries[index + 2 :]], start=index)


def split(
    entries: list[ReviewEntry], index: int, *, at: int | None, read=None
) -> list[ReviewEntry]:
    """Entry `index` becomes two. At a line (`at`, 1 … lines − 1): each part keeps its lines
    and is read again from them by `read(text, kind)` (the parser's reading of one entry).
    Without a line: two copies, which the secretariat edits apart."""
    _check(entries, index)
    entry = entries[index]
    if at is None:
        parts = [_copy(entry), _copy(entry)]
    else:
        if not 0 < at < len(entry.lines):
            raise ReviewError(f"entry {entry.position} has no line {at + 1} to split at")
        parts = [
            _reread(entry, entry.lines[:at], read),
            _reread(entry, entry.lines[at:], read),
        ]
    for part in parts:
        part.changes = [*entry.changes, f"split:{entry.position}"]
    return _renumbered([*entries[:index], *parts, *entries[index + 1 :]], start=index)


def set_kind(entries: list[ReviewEntry], index: int, kind: str) -> list[ReviewEntry]:
    """The entry is a person, or an organization: the secretariat has decided, so the doubt
    about its kind goes. Its fields stay (a person's name is the organization's name)."""
    _check(entries, index)
    if kind not in KINDS:
        raise ReviewError(f"no kind {kind!r}")
    entry = entries[index]
    entry.kind = kind
    entry.doubts = [d for d in entry.doubts if not _is_kind_doubt(d)]
    entry.changes = [*entry.changes, f"kind:{kind}"]
    return entries


def _is_kind_doubt(doubt: str) -> bool:
    return "organization or person" in doubt


def _check(entries: list[ReviewEntry], index: int) -> None:
    if not 0 <= index < len(entries):
        raise ReviewError(f"no entry {index + 1}")


def _copy(entry: ReviewEntry) -> ReviewEntry:
    return ReviewEntry.from_dict({**entry.to_dict(), "match": None, "organization": ""})


def _reread(entry: ReviewEntry, lines: list[str], read) -> ReviewEntry:
    part = ReviewEntry(position=entry.position, name="", kind=entry.kind, lines=list(lines))
    part.where = entry.where
    text = part.text()
    found = read(text, entry.kind) if read is not None else None
    if found is None:
        part.name = text
        return part
    part.kind = found.get("kind") or entry.kind
    for name in TEXT_FIELDS:
        setattr(part, name, found.get(name) or "")
    part.name = part.name or text
    part.doubts = list(found.get("doubts") or [])
    return part


def _renumbered(entries: list[ReviewEntry], *, start: int) -> list[ReviewEntry]:
    """Positions follow each other again from the changed entry on; a change of position
    leaves the entry's match and choice alone, a merged or split one is matched again."""
    position = entries[start - 1].position + 1 if start > 0 else entries[0].position
    for entry in entries[start:]:
        entry.position = position
        position += 1
    return entries


def _join(first: str, second: str) -> str:
    first, second = first.strip(), second.strip()
    if first.endswith("-") and second[:1].islower():  # a word broken at the line's end
        return first[:-1] + second
    return f"{first} {second}".strip()


def _join_where(first: str, second: str) -> str:
    a, b = _LINE_RANGE.match(first), _LINE_RANGE.match(second)
    if a and b:
        low = int(a.group(1))
        high = int(b.group(2) or b.group(1))
        return f"line {low}" if low == high else f"lines {low}–{high}"
    if first == second or not second:
        return first
    return f"{first}, {second}" if first else second


def apply_edits(entry: ReviewEntry, edits: dict[str, Any]) -> ReviewEntry:
    """The values the secretariat typed, as they are (checked only on confirmation); a field
    the page did not send keeps its value."""
    for name in (*TEXT_FIELDS, "kind", "organization"):
        if name in edits and edits[name] is not None:
            value = str(edits[name]).strip()
            if name == "country":
                value = value.upper()
            if name == "kind" and value not in KINDS:
                continue
            setattr(entry, name, value)
    for name in ("include", "international"):
        if name in edits:
            setattr(entry, name, bool(edits[name]))
    return entry
