"""Lists written as paragraphs of names separated by commas.

A newspaper's staff letter prints its signers as one paragraph a department ("Mesa de
Redacción: A, B, C …"); a coalition prints its member organizations as one paragraph under
their heading ("Eylemi destekleyen örgütler:" ⏎ "Uçan Süpürge, Kaos-GL Derneği, …"). Such a
paragraph reads as prose to the list finder. Where every comma-separated part is short and
name-shaped (capitalized words, no sentence), it is rewritten before the finder looks: a
"Department:" prefix becomes a group heading of its own, each part a list item."""

import re

from undersigned.importing.parsers.countries import country_named
from undersigned.importing.parsers.entries import (
    person_name_shape,
    role_words,
    split_outside_brackets,
)
from undersigned.importing.parsers.metadata import find_date, region_names
from undersigned.importing.parsers.signatories import NUMBER, is_addressee, is_list_heading
from undersigned.importing.parsers.wrapping import join_lines
from undersigned.importing.readers.blocks import Block, squeeze

# lower-case words a name may hold ('María del Carmen', 'Kültür ve Siyasette …')
_PARTICLES = frozenset({
    "de", "da", "di", "do", "du", "del", "della", "des", "dos", "das", "la", "las", "le", "les",
    "los", "lo", "el", "al", "y", "e", "i", "et", "ve", "und", "and", "of", "the", "for", "für",
    "von", "van", "der", "den", "zu", "em", "na", "no", "a", "à",
})  # fmt: skip
_GROUP = re.compile(r"^(?P<group>[^\W\d_][^,:;()]{0,58}?)\s*:\s+(?=\S)")
# '… Enrique Gutiérrez Aicardi. Redactores: …': a second department in the same paragraph
_NEXT_GROUP = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[^\W\d_][^,:;.()]{0,58}:\s)")
_SUFFIX = re.compile(r"^(?:Jr|Sr|Jnr|Snr|II|III|IV)\.?$")
_INITIAL_END = re.compile(r"(?:^|\s)[^\W\d_]{1,2}\.$")
_CONJUNCTION = re.compile(r"\s+(?:and|und|et|y|e|ve)\s+")
# 'Die Fridays For Future Ortsgruppen Gießen, Göttingen … und Hannover': an organization's
# local units named by their towns; each entry is the organization's name and the town
_UNITS = re.compile(
    r"^(?:(?:die|the|les|los|las|os|as|le|la|i|gli|le)\s+)?(?P<name>[^\W\d_][^,:;()]{1,60}?)\s+"
    r"(?:ortsgruppen|ortsverbände|kreisverbände|landesverbände|bezirksverbände|regionalgruppen|"
    r"sektionen|local\s+groups|local\s+chapters|chapters|branches|sections|grupos\s+locales|"
    r"secciones|seccionales|groupes\s+locaux|sections\s+locales|comités\s+locaux|"
    r"núcleos|grupos\s+locais|sezioni|gruppi\s+locali)\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
_STRONG = 6  # parts a paragraph needs to be taken for a list by itself
_SHORT = 8  # words a name may have
_UNCASED_NAME = 16  # characters a name may have in a script without capitals or spaces


def split_comma_lists(blocks: list[Block], vocabulary: frozenset[str]) -> list[Block]:
    """The blocks, with each paragraph that is a comma-separated list of names rewritten as
    its group heading and one item per name. A paragraph of few names ('Moneros: A, B,
    C') is taken only beside one taken for its own sake or right after a list's heading."""
    read = [_segments(block, vocabulary) for block in blocks]
    strong = [
        segments is not None and sum(len(parts) for _, parts, _ in segments) >= _STRONG
        for segments in read
    ]
    taken = list(strong)
    changed = True
    while changed:  # a run of department paragraphs is taken with its longest one
        changed = False
        for index, segments in enumerate(read):
            if taken[index] or segments is None or not any(group for group, _, _ in segments):
                continue
            before = index > 0 and (taken[index - 1] or intro_heading(blocks[index - 1]))
            after = index + 1 < len(blocks) and taken[index + 1]
            if before or after:
                taken[index] = changed = True
    out: list[Block] = []
    for block, segments, take in zip(blocks, read, taken, strict=True):
        if not take or segments is None:
            out.append(block)
            continue
        for group, parts, organizations in segments:
            if group:
                out.append(Block("paragraph", [f"{group}:"], where=block.where))
            out.extend(
                Block(
                    "item",
                    [part],
                    where=block.where,
                    fields={"name": part} if organizations else None,
                )
                for part in parts
            )
    return out


def intro_heading(block: Block) -> bool:
    return len(block.lines) <= 2 and is_list_heading(squeeze(" ".join(block.lines)))


def _segments(block: Block, vocabulary: frozenset[str]) -> list[tuple[str, list[str], bool]] | None:
    """A paragraph's departments and their names (and whether the names are known to be
    organizations'), or None where it is not such a list."""
    if block.kind != "paragraph" or block.note or block.leads:
        return None
    authored = len(block.lines) > 1 and not block.wrapped
    if authored and not (
        _UNITS.match(block.lines[0].strip())
        and any(line.rstrip().endswith(",") for line in block.lines[:-1])
    ):
        # lines the author broke: each is read as an entry already, unless they are soft
        # breaks inside one sentence naming local groups (a Markdown paragraph's)
        return None
    if sum(bool(NUMBER.match(line.strip())) for line in block.lines) >= 2:
        return None  # a numbered list printed with its names' commas: one entry a number
    text = _ideographic(
        squeeze(join_lines([line.strip() for line in block.lines], vocabulary)).strip()
    )
    units = _UNITS.match(text)
    if units and text.count(",") >= _STRONG - 1:
        parts = _parts(text[units.end() :], units=True)
        if parts is None:
            return None
        # the parts name local units of one organization: organizations, whatever the
        # words of their names ('Fridays For Future Gießen')
        return [("", [f"{units.group('name').strip()} {part}" for part in parts], True)]
    if text.count(",") < 1 or is_addressee(text) or find_date(text):
        return None  # 'DATE: January 25, 2013' is no list of two
    segments = []
    for chunk in _NEXT_GROUP.split(text):
        group = ""
        match = _GROUP.match(chunk)
        if match and len(match.group("group").split()) <= 5:
            group = match.group("group").strip()
            chunk = chunk[match.end() :]
        # a few names in small letters are let in only where the lines are one list: one
        # line, lines a page wrapped at its width, or lines ending at a comma; 'Ana Lopez,
        # University, France' ⏎ 'Bruno Keller, …' is one person a line, not a list of names
        lenient = _wrapped_at_width(block.lines) or all(
            line.rstrip().endswith(",") for line in block.lines[:-1]
        )
        parts = _parts(chunk, lenient=lenient)
        if parts is None:
            return None
        segments.append((group, parts, False))
    if len(segments) > 1 and not all(group for group, _, _ in segments[1:]):
        return None
    return segments


def _parts(text: str, *, units: bool = False, lenient: bool = False) -> list[str] | None:
    text = _ELLIPSIS_END.sub("", text.rstrip())  # '…, Neoxia...': the list goes on
    parts = [part.strip() for part in split_outside_brackets(text, ",")]
    if parts and parts[-1].endswith(".") and not _INITIAL_END.search(parts[-1]):
        parts[-1] = parts[-1][:-1].rstrip()  # the paragraph's full stop
    joined: list[str] = []
    for part in parts:
        if joined and _SUFFIX.match(part):
            joined[-1] = f"{joined[-1]}, {part}"  # 'Martin Luther King, Jr.'
        elif part:
            joined.append(part)
    if len(joined) < 2:
        return None
    joined[-1:] = _last_parts(joined, units=units)
    shaped = sum(_name_shaped(part) for part in joined)
    if shaped < len(joined) and not (
        # in a long list of names, a few short ones written otherwise ('oXFoZ', 'Hedera
        # technology', 'Self-Reliance asbl') are names too; prose has long clauses
        lenient
        and len(joined) >= _STRONG
        and shaped * 4 >= len(joined) * 3
        and all(_name_shaped(part) or _short_name(part) for part in joined)
    ):
        return None
    return [_name_then_role(part) for part in joined]


def _wrapped_at_width(lines: list[str]) -> bool:
    """Lines of much the same length but the last: a page's width broke them."""
    widths = [len(line.strip()) for line in lines[:-1]]
    return len(lines) >= 2 and min(widths) >= 0.85 * max(widths)


_ELLIPSIS_END = re.compile(r"\s*(?:\.{3}|…)$")


def _short_name(part: str) -> bool:
    """A part of at most three words, starting with a letter or a figure, with no sign of a
    sentence and no function: a name in a list of names, whatever its capitals."""
    words = part.split()
    return (
        0 < len(words) <= 3
        and part[:1].isalnum()
        and not re.search(r"[!?;:…\"“”«»]|https?:|www\.|@", part)
        # 'Professor of Sociology': people's functions, as in 'Name, Function, University'
        and not role_words(part)
    )


def _name_then_role(part: str) -> str:
    """'Carmen Lira Saade: Directora General' is read as 'Name, Role' is."""
    name, colon, role = part.partition(":")
    if colon and role.strip() and person_name_shape(name.strip()):
        return f"{name.strip()}, {role.strip()}"
    return part


def _last_parts(parts: list[str], *, units: bool = False) -> list[str]:
    """'…, Ana López y Juan Pérez': the conjunction before the last name parts two names,
    where both sides are of the list's shape and no other part holds the word (a town of
    one word, where the list is of towns: '…, Neuburg und Hannover')."""
    last = parts[-1]
    pieces = _CONJUNCTION.split(last)
    if len(pieces) != 2:
        return [last]
    word = _CONJUNCTION.search(last).group().strip()  # type: ignore[union-attr]
    if any(f" {word} " in f" {part.casefold()} " for part in parts[:-1]):
        return [last]  # 'Kültür ve Siyasette …': the list's names hold the word
    if all((units or len(piece.split()) >= 2) and piece[:1].isupper() for piece in pieces):
        return pieces
    return [last]


def _ideographic(text: str) -> str:
    """Chinese and Japanese punctuation of a list as its Latin forms: '尤维洁，郭丽英、…
    郝 建 。（共120人）' -> '尤维洁, 郭丽英, … 郝 建.'; the count after it ('120 people in
    all') is no name. Text in other scripts is returned as it is."""
    if "，" not in text and "、" not in text:
        return text
    text = _COUNT_AFTER.sub("", text).rstrip()
    text = re.sub(r"\s*[，、]\s*", ", ", text)
    return re.sub(r"\s*。$", ".", text)


# '（共120人）', '(共 120 人)', '（计35名）': how many signed, after a Chinese list
_COUNT_AFTER = re.compile(r"[（(]\s*(?:共|计|合计|共计)?\s*\d+\s*(?:人|名|位)\s*[）)]\s*$")


def _uncased(char: str) -> bool:
    """A letter of a script without capitals (Chinese, Japanese, Arabic, Hebrew, Thai)."""
    return char.isalpha() and char.upper() == char.lower()


def _name_shaped(part: str) -> bool:
    """A short run of capitalized words: a name, not a clause of a sentence. In a script
    without capitals, a short run of letters: a name is a few characters, a clause more."""
    name, colon, role = part.partition(":")  # 'Carmen Lira Saade: Directora General'
    if colon and len(role.split()) > _SHORT:
        return False
    bare = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", name).strip()
    if bare[:1] and _uncased(bare[0]):
        return len(bare) <= _UNCASED_NAME and not re.search(r"[!?;…\"“”«»。：:]", bare)
    words = bare.split()
    if not 0 < len(words) <= _SHORT or not (bare[:1].isupper() or bare[:1].isdigit()):
        return False
    if re.search(r"[!?;…\"“”«»]|https?:|www\.|@", name):
        return False
    for word in words:
        first = word.lstrip("'’‘(\"-/")[:1]
        if first.islower() and word.casefold().strip(".") not in _PARTICLES:
            return False
    if country_named(bare) or bare.casefold() in region_names():
        return False  # 'Jane Doe, Professor, Kenya': one entry's parts, not entries
    # a function ('Professor', 'Directora General', 'Professor of Law'); a name may hold a
    # word that reads as one ('Arturo Alcalde Justiniani', 'Sosyalist Feminist Kolektif')
    return not (
        (len(words) <= 2 and role_words(bare))
        or (role_words(words[0]) and words[1:2] and words[1].casefold() in _PARTICLES)
    )
