"""Lists whose line breaks were lost: entries run together in one paragraph.

A site that renders a Markdown list without its soft breaks, and every PDF or ODT printed from
that page, gives one run "Amadeu Antonio Stiftung Bitkom – Bundesverband … e.V. BIU –
Bundesverband … e.V. …" or "Dr. Ulf Buermeyer, … (GFF) Dr. Frederik Ferreau, … Joerg Heidrich,
Rechtsanwalt Prof. Dr. …". Nothing separates the entries but the shape of each: an
organization's name ends in its legal form, a person's entry starts with a title or with a
name and a comma. Such a run is rewritten as one item per entry before the list finder looks,
where the cuts make a whole list of entries of one shape (three or more)."""

import re
from dataclasses import replace
from itertools import pairwise

from undersigned.importing.parsers.countries import country_named
from undersigned.importing.parsers.entries import person_name_shape
from undersigned.importing.parsers.vocabulary import TITLES, has_organization_word
from undersigned.importing.parsers.wrapping import join_lines
from undersigned.importing.readers.blocks import Block, squeeze

# legal forms that end an organization's name: 'e.V.', 'e. V.', 'gGmbH', 'Inc.', 'z.s.'
_LEGAL_FORM = (
    r"(?:e\.\s?V\.|gGmbH|GmbH|gUG|e\.\s?G\.|Inc\.|Ltd\.|S\.\s?A\.|S\.\s?L\.|A\.\s?C\.|"
    r"z\.\s?s\.|z\.\s?ú\.|o\.\s?p\.\s?s\.|S\.r\.l\.|asbl|vzw|Ltda\.)"
)
_FORM = re.compile(rf"\s{_LEGAL_FORM}")
# a cut after a legal form (and the abbreviation bracketed after it: '… e.V. (FSM)') where
# the next entry starts: not a dash that goes on with this one ('LOAD e.V. – Verein …'),
# not a comma, a bracket or a lower-case word, unless that word is the next one's
# abbreviation before its dash ('… e. V. cnetz – Verein …')
_AFTER_FORM = re.compile(
    rf"(?<=\s){_LEGAL_FORM}(?:\s\([^()]{{1,20}}\))?\s+"
    rf"(?=[^\W\d_]*[A-ZÀ-Þ\d]|[^\W_]{{1,10}}\s[–—-]\s)"
)
# an abbreviation before a dash that starts the next entry right after an organization's
# kind: 'Amadeu Antonio Stiftung Bitkom – Bundesverband …'
_NEXT_ABBREVIATION = re.compile(r"\s(?=[\w.]{2,12}\s[–—-]\s)")
_TITLE_START = re.compile(rf"(?<![\w.])(?:(?:{TITLES})\s+)+(?=[A-ZÀ-Þ])", re.IGNORECASE)
_TITLE_WORD = re.compile(rf"(?:{TITLES})$", re.IGNORECASE)
# 'Rechtsanwalt Jan Mönikes, Rechtsanwalt': a person's name and its comma after the role
# before it
_NAME_COMMA = re.compile(r"(?<=\S) (?=[A-ZÀ-Þ][\w’'-]+ [A-ZÀ-Þ][\w’'-]+, )")
_MINIMUM = 3  # entries a run must give to be taken for a list


def split_runs(blocks: list[Block], vocabulary: frozenset[str]) -> list[Block]:
    """The blocks, each paragraph that runs entries together rewritten as one item each."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        # a wrapped paragraph that a page break cut after an entry's dash ('… e.V. BIU –')
        while (
            block.kind == "paragraph"
            and block.wrapped
            and block.lines
            and re.search(r"\s[–—-]$", block.lines[-1])
            and index + 1 < len(blocks)
            and blocks[index + 1].kind == "paragraph"
            and blocks[index + 1].wrapped
        ):
            index += 1
            block = replace(block, lines=[*block.lines, *blocks[index].lines], leads=None)
        out.extend(_rewritten(block, vocabulary))
        index += 1
    return out


def _rewritten(block: Block, vocabulary: frozenset[str]) -> list[Block]:
    if block.kind != "paragraph" or block.note or block.leads:
        return [block]
    if len(block.lines) > 1 and not block.wrapped:
        return [block]  # lines the author broke: each is read as an entry already
    raw = " ".join(block.lines).strip()
    if any(mark in raw for mark in _MARKS) and len(_SEPARATOR.findall(raw)) >= _MINIMUM:
        separated = separated_run(squeeze(join_lines([line.strip() for line in block.lines])))
        if separated:
            intro, parts = separated
            head = [Block("paragraph", [intro], where=block.where)] if intro else []
            return [*head, *(Block("item", [part], where=block.where) for part in parts)]
    # cheap signs first: most paragraphs are prose, read for every document
    forms = len(raw) >= 80 and _FORM.search(raw)
    titles = _TITLE_START.match(raw)
    dashes = sum(raw.count(dash) for dash in (" - ", " – ", " — ")) >= 3
    if not (forms or titles or dashes):
        return [block]
    text = squeeze(join_lines([line.strip() for line in block.lines], vocabulary))
    parts = (
        (forms and organizations_run(text))
        or (titles and people_run(text))
        or (dashes and countries_run(text))
    )
    if not parts:
        return [block]
    return [Block("item", [part], where=block.where) for part in parts]


# a mark a site writes between entries it runs together ('A • B • C', 'A · B · C'), or the
# ' \\ ' a hard break of kramdown leaves where another Markdown prints it
_MARKS = "•·▪◦∙‧●\\"  # one of which every separator holds: most paragraphs have none
_SEPARATOR = re.compile(r"(?<=\S)\s+[•·▪◦∙‧●]\s+(?=\S)|(?<=\S)\s+\\\s+(?=\S)|\s+\\$")
# what introduces the entries in the same paragraph: 'Participating groups include: A • B'
_INTRO = re.compile(r"^(?P<intro>[^:]{3,120}:)\s+(?=\S)")


def separated_run(text: str) -> tuple[str, list[str]] | None:
    """'Participating groups include: A • B (BB) • C …' -> the words that introduce them
    ('Participating groups include:', or '') and one entry each, where three marks or more
    cut the text into parts that are each short, not sentences."""
    text = BULLET_START.sub("", text)
    parts = [part.strip() for part in _SEPARATOR.split(text)]
    parts = [part for part in parts if part]
    intro = ""
    if parts and (found := _INTRO.match(parts[0])) and len(found.group("intro").split()) >= 2:
        intro, parts[0] = found.group("intro"), parts[0][found.end() :]
    if len(parts) <= _MINIMUM:
        return None
    long = sum(len(part.split()) > 14 or part.endswith((".", "!", "?")) for part in parts)
    if long * 4 > len(parts):
        return None  # sentences set apart by a mark: prose, not a list
    return intro, parts


BULLET_START = re.compile(r"^[•·▪◦∙‧●]\s+")


def organizations_run(text: str) -> list[str] | None:
    """'A e.V. B – C e.V. D e. V. (E) …' -> one name each, cut after each legal form."""
    if len(text) < 80:
        return None
    cuts = [0, *(match.end() for match in _AFTER_FORM.finditer(text))]
    if len(cuts) < _MINIMUM:
        return None
    parts: list[str] = []
    for start, end in pairwise([*cuts, len(text)]):
        parts.extend(_after_kind(text[start:end].strip()))
    if len(parts) < _MINIMUM or any(len(part.split()) > 14 for part in parts):
        return None
    return parts


def _after_kind(part: str) -> list[str]:
    """'Amadeu Antonio Stiftung Bitkom – Bundesverband …': a name that ends in an
    organization's kind, then the next entry's abbreviation and dash."""
    for match in _NEXT_ABBREVIATION.finditer(part):
        before = part[: match.start()]
        if len(before.split()) >= 2 and has_organization_word(before.split()[-1]):
            return [before.strip(), part[match.end() :].strip()]
    return [part]


def people_run(text: str) -> list[str] | None:
    """'Dr. A B, Role, Institution Prof. Dr. C D, Role E F, Role …' -> one entry each: cut
    before each title that no title precedes, then before each 'Name Surname,' that follows
    another entry's role."""
    starts = [match.start() for match in _TITLE_START.finditer(text)]
    if len(starts) < _MINIMUM or starts[0] != 0:
        return None
    parts: list[str] = []
    for start, end in pairwise([*starts, len(text)]):
        parts.extend(_names_after_roles(text[start:end].strip()))
    for part in parts:
        name, comma, rest = _TITLE_START.sub("", part).partition(", ")
        if not comma or not person_name_shape(name) or len(rest.split()) > 14:
            return None
    return parts


def _names_after_roles(part: str) -> list[str]:
    """'Prof. Niko Härting, Rechtsanwalt Jan Mönikes, Rechtsanwalt': a second entry of a
    name and its role, after a role or an institution (not right after a comma, where the
    two capitalized words are the first entry's role: 'Wissenschaftlicher Mitarbeiter,')."""
    cuts = [0]
    for match in _NAME_COMMA.finditer(part):
        before = part[cuts[-1] : match.start()]
        _, comma, last = before.rpartition(", ")
        if not comma or not last.strip():
            continue
        if not _TITLE_WORD.match(last.split()[-1]):
            cuts.append(match.end())
    return [part[a:b].strip() for a, b in pairwise([*cuts, len(part)]) if part[a:b].strip()]


# the words a name of an organization starts with in Spanish, Portuguese, French and Italian
# ('Fundación Karisma', 'Centro de Derechos Humanos …'): where one follows a capitalized
# word in a run of names, the next name starts there
_KIND_START = re.compile(
    r"(?<=[A-ZÀ-Þa-zß-ÿ\d)]{2}) (?=(?:Fundación|Fundação|Fondation|Fondazione|Asociación|"
    r"Associação|Association|Associazione|Centro|Centre|Instituto|Institut|Istituto|"
    r"Comunidad|Comunidade|Colectivo|Coletivo|Collectif|Movimiento|Movimento|Mouvement|"
    r"Federación|Federação|Fédération|Confederación|Sindicato|Syndicat|Unión|União|Union|"
    r"Observatorio|Observatório|Observatoire|Coordinadora|Asamblea|Red|Rede|Réseau)\b)"
)
_DASH = re.compile(r"\s?[-–—]\s")


def countries_run(text: str) -> list[str] | None:
    """'Acceso Libre - Venezuela R3D - Red en Defensa … Fundación Karisma - Colombia …':
    organizations run together, each of many closed by a dash and its country. Cut after
    each country, then before each word an organization's name starts with."""
    if len(text) < 150:
        return None
    cuts = [0]
    for dash in _DASH.finditer(text):
        end = _country_end(text, dash.end())
        if end is not None and end > cuts[-1]:
            cuts.append(end)
    if len(cuts) < 4:  # three countries at least
        return None
    parts: list[str] = []
    for start, end in pairwise([*cuts, len(text)]):
        piece = text[start:end].strip(" ,;")
        if piece:
            parts.extend(p.strip() for p in _KIND_START.split(piece) if p.strip())
    if any(len(part.split()) > 16 for part in parts):
        return None
    return parts


def _country_end(text: str, start: int) -> int | None:
    """Where a country named right at `start` ends ('Costa Rica', 'Chiapas, México'), if
    one is."""
    words = list(re.finditer(r"[^\s,]+", text[start : start + 60]))
    for count in range(1, min(4, len(words)) + 1):
        last = words[count - 1]
        named = text[start + words[0].start() : start + last.end()].rstrip(".;")
        tail = named.rsplit(",", 1)[-1].strip()
        if country_named(named) or (count > 1 and "," in named and country_named(tail)):
            return start + last.end()
    return None
