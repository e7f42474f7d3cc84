"""A person's name as a list of people sorts it: by the surname, as coalitions print their lists.

Pure: no database. `sort_name` gives the surname and the rest apart; `privacy.name_key` turns
them into the stored key every order by name reads (docs/cosigners.md, "Sorted by surname").

The rule, for names typed by the signers themselves or read from an imported list:

- titles and honorifics before the name ("Prof. Dr.", "Mme", "Herr") and degrees after it
  (", PhD", "MEP", "Jr.") are left out;
- a name in a script that writes the surname first (Han, Kana, Hangul) is sorted as written;
- a name written "Doe, Jane" is surname-first by its comma;
- a word in capitals among words that are not ("DOE Jane", "Jane DOE", "VAN DER BERG Jan") is
  the surname, as French and European lists write it;
- otherwise the last word is the surname ("Ludwig van Beethoven" under B), and the words before
  it follow as the given names.

It cannot know a Spanish double surname ("García Márquez" sorts under Márquez) nor an East
Asian name written in Latin letters surname first ("Xi Jinping" sorts under Jinping); a
signer who writes the surname in capitals is sorted by it.
"""

import re
import unicodedata

# Titles and honorifics written before a name, without their full stop and in lower case. A
# word ending in a full stop before the name is taken for one too ("Univ.-Prof.", "Dott.").
TITLES = frozenset((
    "prof", "professor", "professora", "professeur", "profesor", "profesora", "professore",
    "professoressa", "dr", "dres", "doctor", "doctora", "docteur", "doktor", "dott", "dottore",
    "dottoressa", "ing", "dipl", "mag", "lic", "mr", "mrs", "ms", "miss", "mx", "sir", "dame",
    "rev", "reverend", "mme", "mlle", "m", "herr", "frau", "sr", "sra", "srta", "monsieur",
    "madame", "señor", "señora", "hon", "mep", "mp",
))  # fmt: skip
# Degrees and suffixes written after a name.
SUFFIXES = frozenset((
    "phd", "md", "mba", "ma", "msc", "bsc", "ba", "llm", "jd", "dphil", "mep", "mp", "jr", "sr",
    "ii", "iii", "iv", "h.c", "hc",
))  # fmt: skip

_SURNAME_FIRST_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")
_WORD = re.compile(r"\S+")
_BRACKETED = re.compile(r"\([^)]*\)")


def _bare(word: str) -> str:
    return word.strip(".,;:()").casefold()


def _is_title(word: str) -> bool:
    return _bare(word) in TITLES or (word.endswith(".") and len(word) > 1)


def _is_suffix(word: str) -> bool:
    return _bare(word) in SUFFIXES


def _surname_first_script(text: str) -> bool:
    for character in text:
        if character.isalpha():
            return unicodedata.name(character, "").startswith(_SURNAME_FIRST_SCRIPTS)
    return False


def _in_capitals(word: str) -> bool:
    """A surname written in capitals; not initials without their dots ("JD", no vowel)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    latin = [c for c in letters if c.isascii()]
    return len(latin) < len(letters) or any(c in "AEIOUY" for c in latin)


def sort_name(name: str) -> tuple[str, str]:
    """The surname and the rest of a name, titles and degrees left out: ("Doe", "Jane")."""
    text = " ".join(_BRACKETED.sub(" ", name).split())  # "Jane Doe (SPD)": not the name
    if _surname_first_script(text):
        return text, ""
    head, comma, tail = text.partition(",")
    tail_words = tail.split()
    if comma and tail_words and all(_is_suffix(word) for word in tail_words):
        head, comma, tail = head, "", ""  # "Jane Doe, PhD"
    words = _WORD.findall(head)
    while len(words) > 1 and _is_title(words[0]):
        words.pop(0)
    while len(words) > 1 and _is_suffix(words[-1]):
        words.pop()
    if comma:  # "Doe, Jane": the surname first, as written
        given = [word for word in tail.split() if not _is_title(word) and not _is_suffix(word)]
        return " ".join(words), " ".join(given)
    capitals = [index for index, word in enumerate(words) if _in_capitals(word)]
    if capitals and len(capitals) < len(words):
        first, last = capitals[0], capitals[-1]
        if capitals == list(range(first, last + 1)):  # one run of capitals: the surname
            rest = words[:first] + words[last + 1 :]
            return " ".join(words[first : last + 1]), " ".join(rest)
    if not words:
        return "", ""
    return words[-1], " ".join(words[:-1])
