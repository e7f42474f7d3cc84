"""A word-level difference between two texts, for readers who want to see what changed between
the version a translation was made from and the current original. Pure."""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

# A word is anything between white space; the white space is kept as its own token so the
# result reads like the text (paragraph breaks included).
_TOKEN = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Piece:
    op: Literal["equal", "insert", "delete"]
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """`old` to `new` as pieces kept, deleted and inserted; a replaced run of words is a
    deletion followed by an insertion. Joining the "equal" and "delete" pieces gives `old`,
    the "equal" and "insert" pieces give `new`."""
    a = _TOKEN.findall(old.replace("\r\n", "\n"))
    b = _TOKEN.findall(new.replace("\r\n", "\n"))
    pieces: list[Piece] = []

    def add(op: Literal["equal", "insert", "delete"], tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return pieces


def has_changes(pieces: list[Piece]) -> bool:
    return any(piece.op != "equal" for piece in pieces)
