"""Undoing the line wrapping of extracted text: words hyphenated at a line's end are joined,
real hyphens stay, wrapped lines become one line."""

import re

# from a word's start only: tried inside words, it fails again at every letter
_HYPHENATED = re.compile(r"(?<!\w)\w+(?:-\w+)+")
_BREAK = re.compile(r"(\w+)-$")
_SENTENCE_END = ("!", "?")
_WORD = 120  # characters: longer than any word broken at a line's end


def hyphenated_words(text: str) -> frozenset[str]:
    """The hyphenated words a document writes unbroken ('ultra-reactionary'): where one of
    them is broken at its hyphen by a line end, the hyphen is real."""
    return frozenset(word.casefold() for word in _HYPHENATED.findall(text))


def join_lines(lines: list[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """One line from wrapped ones. 'Ma-' + 'nifesto' is 'Manifesto'; 'Marxist-' +
    'Leninist' keeps its hyphen (a capital after a hyphen is a compound, not a syllable), as
    does a word the document also writes with a hyphen elsewhere. A block whose every line
    ends in '!' is a set of slogans: its line breaks are kept."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return ""
    if len(lines) > 1 and all(line.endswith(_SENTENCE_END) for line in lines):
        return "\n".join(lines)
    joined = lines[0]
    for line in lines[1:]:
        # the end of the text so far only: searching all of it for each line costs a list of
        # 563 lines a second
        broken = _BREAK.search(joined[-_WORD:]) if joined.endswith("-") else None
        if broken and line[0].isalpha():
            tail = re.match(r"\w+", line)
            compound = f"{broken.group(1)}-{tail.group(0) if tail else ''}".casefold()
            # letters of an abbreviation before the hyphen make a compound too ('IT-' +
            # 'индустрии', 'EU-' + 'weit'): no syllable is written in capitals
            abbreviation = len(broken.group(1)) >= 2 and broken.group(1).isupper()
            if line[0].isupper() or compound in vocabulary or abbreviation:
                joined += line
            else:
                joined = joined[:-1] + line
        else:
            joined += " " + line
    return joined
