"""Where the list of signatories is, from evidence across the whole document.

Every block is weighed: how much its lines look like entries (short, capitalized words,
no sentence), and whether it introduces a list (a heading naming the signatories in one of
many languages, a letter's closing, "Endorsed by … as of DATE:"). Runs of entry-like
blocks, group headings allowed inside, are candidate lists; each is scored by its entries,
by what introduces it, by how much its entries look like names, and by standing after the
body. The best candidate above a threshold is the list; a document without one says so."""

import re
from dataclasses import dataclass, field, replace

from undersigned.importing.parsers.countries import country_named
from undersigned.importing.parsers.entries import (
    ABBREVIATION,
    person_name_shape,
    without_contact,
)
from undersigned.importing.parsers.metadata import find_date, region_names
from undersigned.importing.parsers.signatories import (
    BULLET,
    NUMBER,
    STOPPER,
    closes_letter,
    group_heading_kind,
    is_addressee,
    is_call_to_sign,
    is_closing,
    is_copy_line,
    is_list_heading,
    is_press_addressee,
    is_salutation,
    plain,
    semicolon_parts,
)
from undersigned.importing.parsers.vocabulary import (
    TITLE_PREFIX,
    has_organization_word,
    stopwords,
    word_count,
)
from undersigned.importing.readers.blocks import Block

_INTRO_SENTENCE = re.compile(
    r"(?:sign|endors|support|undersigned|firm|signat|unterzeich|unterstütz|подпис|підпис|"
    r"adhè|adhie|adhes|soussign|suscrib|imza)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;]$")
_FIGURE = re.compile(r"[-+_–]?[\d\s.,%$€£]*\d[\d\s.,%$€£]*")
# What introduces the people of a programme, not signatories: 'featuring:', 'Speakers:'
_PROGRAMME = re.compile(
    r"\b(?:featuring|speakers?|panel(?:ists?)?|moderat\w*|programme|program|agenda|"
    r"ponentes|panelistas|oradores|intervenants|orateurs|intervenant\w*|referent\w*|"
    r"sprecher\w*|podium|докладчики|спикеры|выступающие)\b",
    re.IGNORECASE,
)
# What introduces a letter's addressees, not its signatories: 'Dirigida a:', 'Addressed to:'
_ADDRESSED = re.compile(
    r"^(?:(?:addressed|sent|written)\s+to|dirigid[ao]s?\s+a|enviad[ao]\s+a|destinatari[oa]s|"
    r"adress[ée]e?s?\s+à|destinataires|gerichtet\s+an|empfänger(?:innen)?|adressaten|"
    r"endereçad[ao]\s+a|destinatários|recipients)\s*:$",
    re.IGNORECASE,
)
# 'Agricultura y seguridad alimentaria: Ranja Sengupta, …': a talk's topic, then its speaker
_TOPIC_COLON = re.compile(r"^(?P<topic>[^:]{12,120}):\s+(?=\S)")
_ABBREVIATED_END = re.compile(r"(?:\b[A-Z]|\bInc|\bLtd|\bCo|\bJr|\bSr|e\.V|\bSt)\.$")


# one word in capitals, maybe joined by a hyphen to another: what an organization's
# acronym looks like when it stands alone as an entry
_ACRONYM = re.compile(r"[A-ZÀ-Þ]{2,}(?:[-&][A-ZÀ-Þ\d]{1,})?")


@dataclass
class FoundList:
    start: int  # first block of the list
    end: int  # one past its last block
    heading: int | None  # the block that introduces it
    score: float
    units: int  # entries it holds, roughly
    evidence: float = 0.0  # the share of its lines that carry a name's signs
    skipped: list[int] = field(default_factory=list)  # blocks inside it that are no entries

    @property
    def body_end(self) -> int:
        return self.heading if self.heading is not None else self.start


# 'Party: 7 of 7 (100%)', 'Partito Democratico: 13 su 21 (62%)', 'Ja: 12 (40 %)': after the
# label only figures, a count of a whole and a share of it; a tally, no one signing
_COUNTS = re.compile(
    r":\s*\d[\d.,]*(?:\s*(?:/|of|out\s+of|su|sur|de|von|van|из|z|av|/)\s*\d[\d.,]*)?"
    r"\s*\(?\s*\d[\d.,]*\s*%\s*\)?\s*$",
    re.IGNORECASE,
)


def likeness(line: str) -> float:
    """0–1: how much a line looks like an entry of a list rather than a sentence."""
    text = plain(line)
    text = text[NUMBER.match(text).end() :] if NUMBER.match(text) else text
    text = text[BULLET.match(text).end() :] if BULLET.match(text) else text
    text, contact = without_contact(text)
    if contact and len(text.split()) <= 3 and not re.search(r"\d", text):
        return 1.0  # '@ktemkin <kate@example.org>', 'Irenes (@irene)': someone signing
    words = text.split()
    # a sentence in Chinese is as long as its characters, though it holds no space
    length = word_count(text)
    if not words or length > 45 or is_addressee(text) or is_copy_line(text):
        return 0.0
    if is_call_to_sign(text) or is_press_addressee(text):
        return 0.0
    if is_salutation(text) or _COUNTS.search(text):
        return 0.0
    topic = _TOPIC_COLON.match(text)
    if topic and _lower_words(topic.group("topic")) >= 2:
        return 0.1
    head = re.split(r",| / | – | — | - | \| |\(", TITLE_PREFIX.sub("", text), maxsplit=1)[0].strip()
    if head != text.strip() and len(words) <= 30 and person_name_shape(head):
        return 0.9  # 'Evgeny Morozov / writer and researcher on …': a name, then about them
    stop = stopwords()
    content = [w.strip(",.;:()[]\"'“”«»") for w in words]
    content = [w for w in content if w and w.casefold() not in stop]
    if not content:
        return 0.0
    cased = [w for w in content if w[0].isalpha() and w[0].upper() != w[0].lower()]
    capitals = sum(w[0].isupper() for w in cased) / len(cased) if cased else 0.7
    score = capitals
    if _SENTENCE_END.search(text) and not _ABBREVIATED_END.search(text) and length > 6:
        score -= 0.35
    if length > 18:
        score -= 0.2
    if length > 28:
        score -= 0.3
    if text.endswith(":") and length > 3:
        score -= 0.5
    return max(0.0, min(1.0, score))


def _lower_words(text: str) -> int:
    """Content words in lower case: a phrase of prose, not a name ('y seguridad alimentaria')."""
    stop = stopwords()
    return sum(
        1 for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.islower() and w.casefold() not in stop
    )


def name_evidence(line: str) -> bool:
    """Whether a line carries a sign of naming someone: an organization's word, a person's
    name, an abbreviation in brackets, a country."""
    text = plain(line)
    text = text[NUMBER.match(text).end() :] if NUMBER.match(text) else text
    text = text[BULLET.match(text).end() :] if BULLET.match(text) else text
    text, contact = without_contact(text)
    if contact and len(text.split()) <= 3 and not re.search(r"\d", text):
        return True  # a pseudonym and its handle or address: someone who signs
    head = re.split(r",|\(| – | - ", TITLE_PREFIX.sub("", text), maxsplit=1)[0].strip()
    if has_organization_word(text) or person_name_shape(head):
        return True
    if _ACRONYM.fullmatch(text.strip()):
        return True  # 'CUT', 'BANCÁRIOS-PE': an organization known by its letters
    bracket = re.search(r"\(([^()]{1,15})\)", text)
    if bracket and ABBREVIATION.match(bracket.group(1)):
        return True
    tail = re.split(r",\s*|\(", text)[-1].strip(" )")
    return country_named(tail) is not None


def intro_strength(block: Block) -> float:
    """How surely a block introduces a list of signatories (0 when it does not)."""
    if block.kind in ("row", "furniture") or len(block.lines) > 3:
        return 0.0
    text = plain(block.text)
    if not text or len(text.split()) > 40:
        return 0.0
    if is_list_heading(text):
        return 3.0
    if closes_letter(text) or (len(block.lines) > 1 and is_closing(block.lines[0])):
        return 2.5
    if text.endswith(":") and _INTRO_SENTENCE.search(text):
        return 2.0
    if block.kind == "heading" and _INTRO_SENTENCE.search(text) and len(text.split()) <= 8:
        return 2.0
    return 0.0


def _group_heading(block: Block) -> bool:
    """A short line that groups entries: a country, a continent, 'Organizations:'."""
    if block.kind == "row" or len(block.lines) != 1:
        return False
    text = plain(block.text).rstrip(":").strip()
    if not text or len(text.split()) > 6:
        return False
    if group_heading_kind(text) or text.casefold() in region_names() or country_named(text):
        return True
    return block.kind == "heading" or (block.text.rstrip().endswith(":") and len(text) < 50)


def _same_table(blocks: list[Block], index: int, end: int) -> bool:
    """Whether block `index` is a row of the table whose row ends the run so far."""
    block, last = blocks[index], blocks[end - 1] if end > 0 else None
    return (
        last is not None
        and index == end
        and block.kind == "row"
        and last.kind == "row"
        and not block.header
        and block.table == last.table
    )


def _group_intro(block: Block) -> bool:
    """A heading inside a list that names a group of it ('Individual signatories:')."""
    return len(block.lines) == 1 and group_heading_kind(block.text) is not None


# the marks a table of data fills its cells with: yes, no, a tick, a cross, unknown
_MARKS = frozenset(
    [
        "yes",
        "no",
        "y",
        "n",
        "oui",
        "non",
        "sí",
        "si",
        "ja",
        "nein",
        "sim",
        "não",
        "evet",
        "hayır",
        "да",
        "нет",
        "x",
        "✓",
        "✔",
        "✗",
        "✘",
        "?",
        "-",
        "–",
        "—",
    ]
)


def _datum(cell: str) -> bool:
    """A cell of a table of data: a figure or a mark of yes or no."""
    bare = cell.strip().strip("*_").strip()
    return bool(_FIGURE.fullmatch(bare)) or bare.casefold() in _MARKS


def _units(block: Block) -> tuple[int, float, int]:
    """The entry-like units of a block: how many, how much they look like entries, how
    many carry a name's signs."""
    if block.note or block.kind == "furniture":
        return 0, 0.0, 0
    if block.kind in ("item", "row"):
        if block.header:
            return 0, 0.0, 0
        line = block.lines[0] if block.kind == "item" else block.text
        if block.kind == "row":
            figures = [c for c in block.cells or [] if _FIGURE.fullmatch(c.strip())]
            if len(figures) >= 3 and len(figures) * 2 > len(block.cells or []):
                return 1, 0.0, 0  # a row of figures: a table of data, not of names
            data = [c for c in block.cells or [] if _datum(c)]
            if figures and len(data) >= 4 and len(data) * 3 >= len(block.cells or []) * 2:
                # '2012 | 1 | Não | Sim | Sim | Site': a year, a rank and marks of yes or no
                # beside a name are a table of data about what it names, not its signers
                return 1, 0.0, 0
            # a row names someone when one of its cells does (a description may stand beside)
            cells = [c for c in block.cells or [] if re.search(r"[^\W\d_]", c)]
            like = max((likeness(cell) for cell in cells), default=0.0)
            evidence = any(name_evidence(cell) for cell in cells) or (
                # a logo beside a short name: a member shown as tables of signers show them
                block.logo and like >= 0.5 and any(len(c.split()) <= 8 for c in cells)
            )
            return 1, like, int(evidence)
        elif block.leads and block.leads[0] and person_name_shape(block.leads[0]):
            like = 1.0
        else:
            like = likeness(line)
        return 1, like, int(name_evidence(line) or bool(block.fields))
    lines = [line for line in block.lines if line.strip()]
    if not lines:
        return 0, 0.0, 0
    parts = semicolon_parts(lines, frozenset())
    if parts:
        # 'MgA. Jana Nová; prof. Ivan Malý, CSc.; …': one paragraph, as many entries as parts
        scores = [likeness(part) for part in parts]
        return len(parts), sum(scores) / len(scores), sum(name_evidence(p) for p in parts)
    leads = block.leads or [None] * len(block.lines)
    pairs = _joined(list(zip(block.lines, leads, strict=False)))
    lines = [line for line, _ in pairs]
    scores = [1.0 if lead and person_name_shape(lead) else likeness(line) for line, lead in pairs]
    return len(lines), sum(scores) / len(scores), sum(name_evidence(line) for line in lines)


def _joined(pairs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Lines with the lines that visibly continue them ('(independiente))', a numbered
    list's unnumbered lines) joined, so a wrapped entry is weighed once."""
    numbered = sum(bool(NUMBER.match(line)) for line, _ in pairs) >= max(1, len(pairs) // 3)
    out: list[tuple[str, str | None]] = []
    for line, lead in pairs:
        line = line.strip()
        if not line:
            continue
        if out:
            previous = out[-1][0]
            open_bracket = previous.count("(") > previous.count(")")
            if (numbered and not NUMBER.match(line)) or open_bracket or line[0] in "([":
                out[-1] = (f"{previous} {line}", out[-1][1])
                continue
        out.append((line, lead))
    return out


def find_list(blocks: list[Block]) -> FoundList | None:
    """The list of signatories among the blocks, or None."""
    count = len(blocks)
    units = [_units(block) for block in blocks]
    for index in _list_punctuated(blocks):
        block = blocks[index]
        units[index] = _units(replace(block, lines=[block.lines[0].rstrip()[:-1]]))
    intros = [intro_strength(block) for block in blocks]
    listy = [
        u[0] > 0 and u[1] >= 0.5 and not _dateline(b) for u, b in zip(units, blocks, strict=True)
    ]
    # a group heading, or a call to sign standing in the list ('→ Sign the letter'): neither
    # an entry nor the end of the list
    neutral = [
        _group_heading(block) or (len(block.lines) == 1 and is_call_to_sign(block.text))
        for block in blocks
    ]
    # the body: where the last long prose paragraph is
    prose = [
        i for i, b in enumerate(blocks)
        if b.kind == "paragraph" and len(b.text.split()) > 40 and units[i][1] < 0.5
    ]  # fmt: skip
    last_prose = prose[-1] if prose else -1
    runs: list[tuple[int, int]] = []
    index = 0
    while index < count:
        if not listy[index] or intros[index] > 0:
            index += 1
            continue
        start = end = index
        gaps = 0
        cursor = index
        while cursor < count:
            block = blocks[cursor]
            if intros[cursor] > 0 or _ends_list(block):
                break  # a heading or closing starts a list of its own
            if listy[cursor] or _same_table(blocks, cursor, end):
                # a row of the table the list is in stays in it, however it reads
                # ('Groupe de recherche … (GRILA) | Fondée en 1984. Contribue …')
                end, gaps = cursor + 1, 0
            elif neutral[cursor] or block.note or block.kind == "furniture":
                pass
            elif gaps == 0 and (word_count(block.text) <= 15 or _name_led(block)):
                # one stray short block (a note, an endnote) may interrupt a list, and one
                # entry written as a sentence ('Luiz Belluzzo é professor titular do …')
                gaps = 1
            else:
                break
            cursor += 1
        runs.append((start, end))
        index = max(end, index + 1)
    # runs apart only by group headings ('Individuals:', 'Europe') are one list
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged and all(
            _group_intro(blocks[i]) or (neutral[i] and intros[i] == 0) or blocks[i].note
            for i in range(merged[-1][1], start)
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    candidates = [
        _score(blocks, units, intros, neutral, start, end, last_prose) for start, end in merged
    ]
    best = max(candidates, key=lambda c: c.score, default=None)
    if best is None or best.score < 3.0:
        return None

    def joins(first_end: int, second_start: int) -> bool:
        return 0 <= second_start - first_end <= 3 and all(
            intros[i] > 0 or neutral[i] or blocks[i].note for i in range(first_end, second_start)
        )

    # a list continues past a second heading of its own ('Further signatories:',
    # 'Individuals:', 'Signed later by:') when entries follow it
    for candidate in candidates:
        if candidate.start >= best.end and joins(best.end, candidate.start):
            best.end = candidate.end
    # and began before it, when a list of the same shape stands right above ('Signatories'
    # 1–20, then 'Signatories' 21–230, then 'Signed after publication' 231–)
    for candidate in reversed(candidates):
        if candidate is best or candidate.end > best.start:
            continue
        head = best.heading if best.heading is not None else best.start
        if candidate.units >= 3 and candidate.evidence >= 0.5 and joins(candidate.end, head):
            best.skipped = [*candidate.skipped, *best.skipped]
            best.start, best.heading = candidate.start, candidate.heading
        else:
            break
    if best.heading is None and _members_caption(blocks[best.start : best.end]):
        best.skipped.append(best.start)
    return best


def _members_caption(blocks: list[Block]) -> bool:
    """'Prezidium Akademie' over 'MgA. Jana Nová; prof. Ivan Malý, CSc.; …', nothing above
    them introducing a list: a body's name alone on a line, no person's, over four people or
    more and nothing else; they sign in its name, and it captions them, no signatory."""
    caption, members = blocks[0], []
    if caption.kind != "paragraph" or len(caption.lines) != 1 or len(blocks) < 2:
        return False
    for block in blocks[1:]:
        if block.kind not in ("paragraph", "item"):
            return False
        members.extend(semicolon_parts(block.lines, frozenset()) or block.lines)
    caption_text = plain(caption.text).strip()
    return (
        len(members) >= 4
        # a name alone: 'Fenaba Addo, Associate Professor of …' is the first of the people
        and not re.search(r"[,;:(/–-]", caption_text)
        and not person_name_shape(TITLE_PREFIX.sub("", caption_text).strip())
        and all(
            person_name_shape(TITLE_PREFIX.sub("", plain(m).split(",")[0]).strip()) for m in members
        )
    )


def _one_signer(blocks: list[Block]) -> bool:
    """One line under a letter's closing that is a person's name, however it is marked
    ('_Enrica Muraro_', 'Dr. Jane Doe'), and the last of the text: the one who signs the
    letter. A name with a function and a body below it ('Facilitadora, Red …', 'En nombre de
    nuestros miembros') is someone signing for others, no list of signatories."""
    named = [block for block in blocks if block.kind != "furniture" and not block.note]
    if len(named) != 1 or len(named[0].lines) != 1:
        return False
    text = plain(named[0].lines[0]).rstrip(" ,.")
    return person_name_shape(TITLE_PREFIX.sub("", text).strip())


def _ends_list(block: Block) -> bool:
    """Notes or sources, a letter's salutation (the next letter), who gets a copy."""
    first = block.lines[0]
    return bool(STOPPER.match(block.text)) or is_salutation(first) or is_copy_line(first)


def _dateline(block: Block) -> bool:
    """'Milano, 19 aprile 2020', 'Lyon, le 3 mars 2019': where and when the text was written,
    standing before its list, not an entry of it."""
    if block.kind != "paragraph" or len(block.lines) != 1:
        return False
    text = plain(block.text)
    found = find_date(text) if re.search(r"\d", text) else None
    if not found:
        return False
    start, end = found[1]
    place = re.sub(r"[,.:\s]+(?:le|el|den|am|the)?\s*$", "", text[:start]).strip(" ,")
    return not text[end:].strip(" .") and len(place.split()) <= 3


def _name_led(block: Block) -> bool:
    """A one-line paragraph that starts with a person's name: the capitalized words before
    its first word in lower case."""
    if block.kind != "paragraph" or len(block.lines) != 1:
        return False
    head = re.match(
        r"(?:[A-ZÀ-Þ][\w'’.]*\s+){2,4}(?=[^\W\d_A-ZÀ-Þ]|[-–—,]\s)", plain(block.lines[0])
    )
    return bool(head) and person_name_shape(head.group(0).strip())


def _list_punctuated(blocks: list[Block]) -> list[int]:
    """One-line paragraphs ending in ';' or ',' beside another that does: a list written one
    entry a paragraph ('Movimento dos Trabalhadores Sem Teto - MTST;'), whose closing mark is
    the list's punctuation, not a sentence's end."""
    ends = [
        block.lines[0].rstrip()[-1:] if block.kind == "paragraph" and len(block.lines) == 1
        else ""
        for block in blocks
    ]  # fmt: skip
    near = [ends[max(0, i - 2) : i] + ends[i + 1 : i + 3] for i in range(len(ends))]
    return [i for i, end in enumerate(ends) if end in (";", ",") and end in near[i]]


def _score(blocks, units, intros, neutral, start: int, end: int, last_prose: int) -> FoundList:
    total = sum(units[i][0] for i in range(start, end) if units[i][1] >= 0.5)
    evidence = sum(units[i][2] for i in range(start, end)) / max(
        sum(units[i][0] for i in range(start, end)), 1
    )
    heading = None
    cursor = start - 1
    skipped: list[int] = []
    while cursor >= 0:
        if intros[cursor] > 0:
            heading = cursor
            if not _group_intro(blocks[cursor]):
                break  # the list's own heading; a group's ('Organizations:') may have one above
        elif neutral[cursor]:
            pass
        elif len(blocks[cursor].text.split()) <= 25 and len(skipped) < 2:
            skipped.append(cursor)  # '(in alphabetical order)' between heading and list
        else:
            break
        cursor -= 1
    if heading is not None:
        skipped = [i for i in skipped if i > heading]
        first = heading + 1
    else:
        skipped = []
        first = start
        while first - 1 >= 0 and neutral[first - 1]:
            first -= 1  # a group heading right before the list (a continent) belongs to it
    strength = intros[heading] if heading is not None else 0.0
    after_body = start > last_prose
    score = total * (0.4 + evidence) + 4 * strength + (2 if after_body else 0)
    around = [blocks[i].text for i in range(max(0, start - 2), end) if blocks[i].kind != "row"]
    if any(
        len(text.split()) <= 15 and text.rstrip().endswith(":") and _PROGRAMME.search(text)
        for text in around
    ):
        score = 0.0  # the speakers of an event ('November 18 at 3pm UTC featuring:')
    if start > 0 and (
        _ADDRESSED.match(blocks[start - 1].text.strip()) or is_copy_line(blocks[start - 1].text)
    ):
        score = 0.0  # the people and bodies a letter is addressed to, or copied to
    if (
        total < 2
        and heading is not None
        and closes_letter(blocks[heading].text)
        and not _one_signer(blocks[start:])
    ):
        score = 0.0  # one line under 'Sincerely,' that names no one
    if heading is None and (total < 3 or evidence < 0.5):
        score = min(score, 2.0)
    if heading is None and not after_body and evidence < 0.8:
        score *= 0.5
    return FoundList(
        start=first, end=end, heading=heading, score=score, units=total, skipped=skipped,
        evidence=evidence,
    )  # fmt: skip
