"""A document read into blocks -> the import contract: title, metadata, Markdown body,
signatories. Pure: no database, never raises on any document."""

import re
from dataclasses import replace
from datetime import date

from undersigned.importing.parsers import metadata
from undersigned.importing.parsers.commas import split_comma_lists
from undersigned.importing.parsers.entries import partition_outside_brackets
from undersigned.importing.parsers.finder import find_list
from undersigned.importing.parsers.pipes import split_pipe_tables
from undersigned.importing.parsers.runs import split_runs
from undersigned.importing.parsers.signatories import (
    BULLET,
    NUMBER,
    is_closing,
    is_list_heading,
    is_salutation,
    parse_signatories,
    plain,
)
from undersigned.importing.parsers.testimonials import split_testimonials
from undersigned.importing.parsers.vocabulary import stopwords, word_count
from undersigned.importing.parsers.wrapping import hyphenated_words, join_lines
from undersigned.importing.readers.blocks import Block, ReadDocument, squeeze
from undersigned.importing.readers.markdown import front_value
from undersigned.importing.result import ImportResult, Signatory

# A line that is a page number: '… 1 / 3', 'Page 2 of 5', '- 4 -', 'Seite 2'.
PAGE_NUMBER = re.compile(
    r"(?:\b\d{1,4}\s*/\s*\d{1,4}|^(?:page|seite|página|pagina|sayfa|страница)\s+\d+"
    r"(?:\s+(?:of|von|de|di|из)\s+\d+)?|^[-–]\s*\d{1,4}\s*[-–]|^\d{1,4})$",
    re.IGNORECASE,
)
# Our downloads' running line and file name: 'ICOR00359 ICOR resolution on Belarus_ver 05.01_EN'
DOCUMENT_LINE = re.compile(r"^[A-Z]{2,10}\d{3,8}\b.*_ver\s*\d{1,3}\.\d{1,3}_[A-Z]{2}\b")
_OPEN = re.compile(
    r"further\s+signator\w*\s+possible|open\s+for\s+(?:further\s+)?signature|weitere\s+"
    r"unterzeichn\w*\s+möglich|d['’]autres\s+signataires|возможны\s+нов\w+|"
    r"можно\s+присоединиться|eklenebilir|autres\s+signatures\s+possibles|"
    r"(?:otros|más)\s+firmantes|firmas\s+abiertas|başka\s+imzalar|imzaya\s+açık|"
    r"still\s+open|sign(?:ing)?\s+(?:is\s+)?open|toujours\s+ouvert",
    re.IGNORECASE,
)
_CLOSED = re.compile(
    r"\b(?:closed|no\s+further\s+signator\w*|geschlossen|abgeschlossen|clôturée?|cerrad[ao])\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^(?:date|datum|fecha|data|tarih|published|publié|publicado|veröffentlicht|дата"
    # a press release's line: 'Pour publication immédiate : 30 mars 2026'
    r"|for immediate release|pour (?:publication|diffusion) immédiate"
    r"|para (?:publicación|difusión|divulgação) (?:inmediata|imediata)"
    r"|zur sofortigen veröffentlichung|per la pubblicazione immediata)\s*:?",
    re.IGNORECASE,
)
# A sentence telling when and where the text was published, in several languages.
_PUBLISHED = re.compile(
    r"\b(?:published|first\s+appeared|publiée?s?|parue?s?|publicad[ao]s?|publicad[ao]\s+en|"
    r"veröffentlicht|erschienen|pubblicat[ao]|yayınlan\w*|опубликован\w*)\b",
    re.IGNORECASE,
)
# Front matter keys site generators and authors give a document's date, in several languages.
_DATE_KEYS = (
    "date", "dc.date", "post_date", "pubdate", "publishdate", "publisheddate", "published",
    "published_at", "publishedat", "date_published", "datepublished", "createdat",
    "created_at", "created", "datum", "fecha", "data", "tarih", "дата", "datetime",
    # 'published' in the page's language: 'opublikowano: 2022-07-24'
    "opublikowano", "publié", "publicado", "pubblicato", "veröffentlicht", "gepubliceerd",
    "опубликовано",
)  # fmt: skip


def parse_document(
    document: ReadDocument, *, source: str, abbreviations: frozenset[str] = frozenset()
) -> ImportResult:
    """The statement a read document holds."""
    result = ImportResult(source=source)
    result.warnings.extend(document.warnings)
    if document.data is not None:
        return _from_data(document.data, result)
    furniture = list(document.furniture)
    blocks: list[Block] = []
    for block in document.blocks:
        if block.kind == "furniture" or not block.lines:
            continue
        if block.pictures and not (
            blocks and blocks[-1].lines and _introduces(blocks[-1].lines[-1])
        ):
            continue  # logos, not introduced as the signers: pictures, not text
        if not blocks and _is_navigation(block):
            continue  # the links a web page prints above its text, printed with it
        if not blocks and _SERVER_CODE.match(block.text):
            continue  # a server page's directive printed with it ('<%@ Page Language="C#" … %>')
        if not blocks and block.lines[0].lstrip().startswith("<%"):
            # the directive wrapped over the first lines of a paragraph that goes on after it
            end = next((i for i, line in enumerate(block.lines) if "%>" in line), None)
            if end is not None and end + 1 < len(block.lines):
                directive = " ".join(block.lines[: end + 1])
                if _SERVER_CODE.match(directive.strip()):
                    block = with_lines(block, block.lines[end + 1 :])
        kept = []
        for line in block.lines:
            bare = line.strip()
            if (PAGE_NUMBER.search(bare) and len(bare) < 160 and not NUMBER.match(bare)) or (
                DOCUMENT_LINE.match(bare)
            ):
                furniture.append(bare)  # page footers carry metadata, not text
            elif not blocks and not kept and _SHEBANG.match(bare):
                continue  # a script's first line printed with its page ('#!/usr/bin/php')
            else:
                kept.append(line)
        if kept and block.wrapped and len(kept) > 2:
            # a run-on numbered list wrapped at the page's width: numbers mid-line
            joined = squeeze(join_lines(kept, frozenset()))
            parts = split_inline_numbers(joined)
            starts = sum(bool(NUMBER.match(line)) for line in kept)
            if len(parts) > 2 * max(starts, 1):
                kept = parts
        if kept:
            kept = [part for line in kept for part in split_inline_numbers(line)]
            blocks.extend(_split_at_intro(with_lines(block, kept)))
    printed = _printed_front_matter(blocks)
    front_named = document.metadata.get("title") if document.format == "md" else None
    if (
        front_named
        and is_list_heading(front_named)
        and not any(b.kind == "heading" and is_list_heading(b.text) for b in blocks)
    ):
        # a page that is its list ('title: Signatures'): its title introduces what follows
        blocks.insert(0, Block("heading", [front_named], level=1, where="front matter"))
    blocks = _split_leading_datelines(_split_title_dateline(blocks))
    vocabulary = hyphenated_words("\n".join(line for b in blocks for line in b.lines))
    blocks = split_pipe_tables(blocks, vocabulary)
    blocks = split_comma_lists(blocks, vocabulary)
    blocks = split_runs(blocks, vocabulary)
    blocks = split_testimonials(blocks)

    found = find_list(blocks)
    head = blocks if found is None else blocks[: found.body_end]
    title_block = _title_index(head, document)
    front = head[:title_block] if title_block is not None else []
    text_blocks = head[title_block + 1 :] if title_block is not None else head
    front_title = document.metadata.get("title") if document.format == "md" else None
    # a translated page's title in its own language ('localeTitle', as guides translated
    # from English give it beside the English 'title'): the title its translator chose
    own_title = document.metadata.get("localetitle") if document.format == "md" else None
    front_title = own_title or front_title or printed.get("title")
    subtitle = document.metadata.get("subtitle") or printed.get("subtitle")
    if front_title and subtitle and front_title.rstrip().endswith(":"):
        front_title = f"{front_title} {subtitle}"  # 'Offener Brief …:' goes on in its subtitle
    front_dateline = None
    if front_title and subtitle and _is_dateline(front_title):
        # a letter's dateline given as the page's title ('Berlin, …, den 05. Mai 2020'), its
        # title as the subtitle: the dateline dates it, the subtitle names it
        front_dateline, front_title = front_title, subtitle
    if (
        front_title
        and head
        and head[0].kind == "heading"
        and title_block == 0
        and not own_title
        and not _defers_to(_plain_title(head[0]), front_title)
    ):
        # the document's own heading, the first thing the page prints, says another thing
        # than the site's title for it (one that merely shortens it is the same title)
        front_title = None
    named = (
        _named_kind(head, front_title)
        if front_title and not metadata.find_kind(front_title)
        else None
    )
    if named is not None:
        # a post's headline above the letter it carries: the heading that says it is a letter
        # or a statement ('An Open Letter on …') is the document's own title
        result.title = _title_text(named)
    elif front_title:
        result.title = " ".join(front_title.split())  # the page's own title, set apart
    elif title_block is not None:
        result.title = _title_text(head[title_block])
        following = head[title_block + 1] if title_block + 1 < len(head) else None
        if _continues_title(head[title_block], following):
            # a title printed over two lines that the page's layout made two paragraphs
            # ('Declaración por la protección de los' ⏎ 'defensores de derechos digitales')
            result.title = _title_text(replace(following, lines=[result.title, *following.lines]))
            text_blocks = text_blocks[1:]
    elif subject := _subject_line(head):
        result.title = subject
    elif document.title and not _PLACEHOLDER_TITLE.match(document.title):
        result.title = _without_site_name(document.title)
    elif (
        found is not None
        and found.heading == 0
        and (blocks[0].kind == "heading" or len(blocks[0].lines) == 1)
    ):
        # a page that is its list: the list's own heading is the only title it has (a line
        # of its own where the text lost its headings, as antiword's does)
        result.title = _title_text(blocks[0]).rstrip(":").strip()
    if result.title:
        # a Markdown escape a renderer printed as it stands ('Lettres d\\'Entreprises')
        result.title = _PRINTED_ESCAPE.sub(r"\1", result.title)
    meta_lines = [*furniture, *(line for b in front for line in b.lines)]
    text_blocks, taken = _take_meta_blocks(text_blocks)
    meta_lines.extend(taken)
    listed = [] if found is None else [b.text for b in blocks[found.start : found.end]]
    meta_lines.extend(printed.get(key, "") for key in ("date",) if key in printed)
    if front_dateline:
        meta_lines.append(front_dateline)
    list_heading = "" if found is None or found.heading is None else blocks[found.heading].text
    _read_metadata(
        result, meta_lines, text_blocks, document, listed, head, list_heading,
        front_matter={**document.metadata, "source": source}, closing_day=_closing_day(blocks),
    )  # fmt: skip
    result.body = "\n\n".join(_markdown(block, vocabulary) for block in text_blocks).strip()

    if found is None:
        result.warnings.append("no list of signatories found")
        return result
    heading_text = ""
    list_blocks = [
        block for index, block in enumerate(blocks[found.start : found.end], start=found.start)
        # a table's header row is no entry, but it names the columns of the rows below it
        if index not in found.skipped or (block.kind == "row" and block.header)
    ]  # fmt: skip
    if found.heading is not None:
        heading_block = blocks[found.heading]
        lines = heading_block.lines
        if len(lines) > 1 and is_closing(lines[0]):
            # 'Sincerely,' with the first names in the same paragraph
            heading_text = lines[0]
            rest = replace(with_lines(heading_block, lines[1:]), kind="paragraph")
            list_blocks = [rest, *list_blocks]
        else:
            heading_text = squeeze(join_lines(lines))
        _read_heading(result, heading_text)
        if result.as_of is None:
            result.as_of = _as_of_without_year(heading_text, result, head)
        ours = any(DOCUMENT_LINE.match(line) for line in furniture)
        if ours and result.as_of and result.open_for_signatures is None:
            result.open_for_signatures = False  # our documents say it when they are open
    ours = any(DOCUMENT_LINE.match(line) for line in furniture)
    entries, warnings = parse_signatories(
        list_blocks, heading=heading_text, vocabulary=vocabulary, abbreviations=abbreviations,
        ours=ours,
    )  # fmt: skip
    result.signatories = entries
    result.warnings.extend(warnings)
    if not entries:
        result.warnings.append("the list of signatories is empty")
    return result


_PRINTED_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# what a converter or a word processor puts in a file's title property when nobody did
_PLACEHOLDER_TITLE = re.compile(
    r"^(?:word\s+document|document|untitled|sans\s+titre|sin\s+título|unbenannt|dokument\d*|"
    r"microsoft\s+word\s+-.*|.*\.(?:docx?|odt|pdf|rtf)|"
    # a converter names the document after its file: 'de_deklaration_meinungsfreiheit'
    r"[\w.-]*_[\w.-]*)$",
    re.IGNORECASE,
)


# a front matter key run into the line: lower case, at the start or after a space
_RUN_ON_KEY = re.compile(r"(?:^|(?<=\s))([a-z][a-z_]{1,24}):(?:\s|$)")
_ONE_KEY = re.compile(r"[a-z][a-z_]{1,24}: \S+")
_FRONT_LINE = re.compile(r"^([a-z][a-z_-]{1,20}):\s*(.*)$")
_FRONT_KEY = re.compile(r"[a-z][a-z_]{1,20}")
_TOML_TABLE = re.compile(r"(?<!\S)\[[A-Za-z_][\w.-]*\](?!\S)")
_TOML_KEY = re.compile(r"(?:^|(?<=\s))([a-z][a-z_]{1,24})\s=\s")


def _printed_front_matter(blocks: list[Block]) -> dict[str, str]:
    """A blog's front matter printed as text at the top of a converted file ('title: "…"',
    'date: 2021-01-26'): taken off the blocks, read as metadata."""
    found: dict[str, str] = {}
    if (
        len(blocks) > 1
        and blocks[0].kind == blocks[1].kind == "row"
        and len(blocks[0].cells or []) == len(blocks[1].cells or []) > 1
        and all(_FRONT_KEY.fullmatch(cell or "") for cell in blocks[0].cells or [])
        and {"title", "date"} & {cell for cell in blocks[0].cells or []}
    ):
        # front matter printed as a table: a row of its keys, a row of their values
        for key, value in zip(blocks[0].cells or [], blocks[1].cells or [], strict=True):
            found.setdefault(key or "", (value or "").strip().strip("\"'"))
        del blocks[:2]
        return found
    if blocks and blocks[0].kind == "paragraph" and len(blocks[0].lines) == 2:
        # the same table printed in a PDF: its two rows as lines, the cells a tab stop apart
        keys, values = (re.split(r" {3,}|\t", line.strip()) for line in blocks[0].lines)
        if (
            len(keys) == len(values) > 1
            and all(_FRONT_KEY.fullmatch(key) for key in keys)
            and {"title", "date"} & set(keys)
        ):
            found = {
                key: value.strip().strip("\"'") for key, value in zip(keys, values, strict=True)
            }
            blocks.pop(0)
            return found
    if blocks and blocks[0].kind == "paragraph" and blocks[0].lines[0].startswith("+++"):
        # Hugo's TOML front matter run into the page's lines: '+++ author = "…" … title = "…"'
        taken = next(
            (i + 1 for i, b in enumerate(blocks[:3]) if b.text.rstrip().endswith("+++") and i),
            1,
        )
        line = " ".join(" ".join(b.lines) for b in blocks[:taken]).strip("+ ")
        line = _TOML_TABLE.sub(" ", line)  # '[taxonomies]': a table's name, no key's value
        keys = list(_TOML_KEY.finditer(line))
        if any(k.group(1) == "title" for k in keys):
            for key, after in zip(keys, [*keys[1:], None], strict=True):
                value = line[key.end() : after.start() if after else len(line)]
                found.setdefault(key.group(1), front_value(value.strip()))
            del blocks[:taken]
            return found
    if blocks and blocks[0].kind == "paragraph" and len(blocks[0].lines) > 2:
        # a front matter table printed with its values wrapped in their columns: its first
        # line the keys a tab stop apart; the values cannot be told apart, the table is no text
        keys = re.split(r" {3,}|\t", blocks[0].lines[0].strip())
        if (
            len(keys) > 2
            and all(_FRONT_KEY.fullmatch(key) for key in keys)
            and {"title", "date"} <= set(keys)
        ):
            first = metadata.find_date(" ".join(blocks[0].lines[1:]))
            if first and keys.index("date") == min(
                keys.index(k) for k in keys if k in ("date", "publishdate", "lastmod")
            ):
                found["date"] = first[0]
            blocks.pop(0)
            return found
    if blocks and blocks[0].kind == "paragraph":
        # front matter run into one line, which the page may have wrapped: 'title: …
        # authors: [drw] date: 2016-09-16T…'
        lines = list(blocks[0].lines)
        taken = 1
        while (
            taken < len(blocks)
            and blocks[taken].kind in ("paragraph", "heading")
            and (
                (
                    len(list(_RUN_ON_KEY.finditer(" ".join(blocks[taken].lines)))) >= 2
                    and _RUN_ON_KEY.match(blocks[taken].lines[0])
                )
                # one key a renderer set apart: '#layout: …', commented out, is a heading
                or _ONE_KEY.fullmatch(blocks[taken].text.strip())
                or re.fullmatch(r"https?://\S+", blocks[taken].text.strip())
            )
        ):
            # the same front matter going on in the page's next paragraphs ('link: … date:
            # 2024-02-01 categories: …'), a long URL value on a line of its own
            lines.extend(blocks[taken].lines)
            taken += 1
        line = re.sub(r"(?<=\d)-\s+(?=\d)", "-", " ".join(lines))
        keys = list(_RUN_ON_KEY.finditer(line))
        if (
            len(keys) >= 2
            and keys[0].start() == 0
            and any(k.group(1) in ("title", "name") for k in keys)
        ):
            for key, after in zip(keys, [*keys[1:], None], strict=True):
                value = line[key.end() : after.start() if after else len(line)]
                found.setdefault(key.group(1), front_value(value))
            del blocks[:taken]
            if not found.get("title") and found.get("name"):
                found["title"] = found["name"]  # a page's title under 'name'
            return found
    while blocks and blocks[0].kind in ("paragraph", "row"):
        lines = (
            blocks[0].lines
            if blocks[0].kind == "paragraph"
            else [": ".join(cell for cell in blocks[0].cells or [] if cell)]
        )
        pairs = [_FRONT_LINE.match(line) for line in lines]
        if (
            not pairs
            or sum(bool(p) for p in pairs) * 2 < len(pairs)
            or not any(p and p.group(1) in ("title", "date", "layout", "tags") for p in pairs)
        ):
            break
        for pair in pairs:
            if pair:
                found.setdefault(pair.group(1), pair.group(2).strip().strip("\"'"))
        blocks.pop(0)
    return found


def with_lines(block: Block, lines: list[str]) -> Block:
    """The block with other lines, each keeping the bold lead it had."""
    leads = dict(zip(block.lines, block.leads, strict=False)) if block.leads else {}
    kept = [leads.get(line) for line in lines]
    return replace(block, lines=lines, leads=kept if any(kept) else None)


_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,5})[.)]\s+(?=\S)")


def split_inline_numbers(line: str) -> list[str]:
    """A numbered list run into one line ('… 1. Bonneel Nicolas - … 2. Bucher Guillaume - …',
    as a converter or a careless paste leaves it) -> one line per number, when at least
    three numbers follow each other."""
    if len(line) < 120:
        return [line]
    marks = [(int(m.group(1)), m.start()) for m in _INLINE_NUMBER.finditer(line)]
    chosen: list[int] = []
    expected = None
    for number, start in marks:  # keep the longest consecutive run of numbers
        if expected is None or number == expected:
            chosen.append(start)
        elif len(chosen) < 3:
            chosen = [start]
        else:
            break
        expected = number + 1
    if len(chosen) < 3:
        return [line]
    parts = [line[: chosen[0]]] + [
        line[start:end] for start, end in zip(chosen, [*chosen[1:], len(line)], strict=True)
    ]
    return [part.strip() for part in parts if part.strip()]


def _split_at_intro(block: Block) -> list[Block]:
    """A paragraph whose lines hold a list's heading or a closing ('Signatories:' then the
    first entries, with no blank line between) is three blocks: before, heading, after."""
    if block.kind != "paragraph":
        return [block]
    lines = []
    for line in block.lines:
        # 'Premiers signataires : A * B * C' -> the heading, then its entries
        head, colon, rest = partition_outside_brackets(line, ":")
        if colon and rest.strip() and len(head.split()) <= 6 and is_list_heading(head + ":"):
            lines.extend([head.strip() + ":", rest.strip()])
        else:
            lines.append(line)
    block = with_lines(block, lines)
    if len(block.lines) < 2:
        return [block]
    for index, line in enumerate(block.lines):
        if len(line.split()) <= 30 and (is_list_heading(line) or is_closing(line)):
            parts = [block.lines[:index], [line], block.lines[index + 1 :]]
            return [with_lines(block, part) for part in parts if part]
    return [block]


# words that name a kind of document, with the adjectives that go with them: a heading of
# these alone ('GEMEINSAME ERKLÄRUNG', 'Joint statement') is a label, not a title
_LABEL_WORDS = frozenset(
    word
    for words in metadata.KINDS.values()
    for phrase in words
    for word in phrase.split()
) | frozenset({
    "joint", "common", "gemeinsame", "gemeinsamer", "commune", "conjunta", "conjunto",
    "congiunta", "comune", "ortak", "совместное", "manifesto", "manifiesto", "manifest",
    "appeal", "appel", "aufruf", "llamamiento", "letter", "brief", "lettre", "carta",
})  # fmt: skip
_SENTENCES = re.compile(r"[^.!?]{12,}[.!?]\s+[A-ZÀ-Þ][^.!?]{12,}")


def _defers_to(heading: str, front_title: str) -> bool:
    """Whether a document's first heading gives way to its front matter's title: where it
    merely shortens it (every word of the heading but the short ones is in the title: 'Eine
    digitale Brandmauer'), is a label of its kind ('GEMEINSAME ERKLÄRUNG'), asks the reader
    to sign ('Se desideri firmare la lettera, clicca qui.'), or is no title
    but a line of several sentences ('DECIMOS NO A … DE VELADERO. FUERA BARRICK …')."""
    folded, title = heading.casefold(), front_title.casefold()
    if folded in title or (len(heading.split()) <= 12 and _CALL_TO_SIGN.search(heading)):
        return True
    words = [w for w in re.findall(r"[^\W\d_]+", folded) if len(w) > 4 and w not in stopwords()]
    title_words = set(re.findall(r"[^\W\d_]+", title))
    if words and all(w in title_words for w in words):
        return True
    if words and all(w in _LABEL_WORDS for w in words):
        return True
    return bool(_SENTENCES.search(heading))


def _named_kind(blocks: list[Block], front_title: str) -> Block | None:
    """The first heading that names the document's kind ('Open letter …', '… Statement'),
    the list's own heading, quotations and headings that give way to the front matter's
    title ('JOINT STATEMENT' alone) aside."""
    for block in blocks:
        if block.kind != "heading" or is_list_heading(block.text) or _QUOTED.match(block.text):
            continue
        if _points_elsewhere(block):
            continue
        if _defers_to(_plain_title(block), front_title):
            continue
        if metadata.find_kind(block.text) and len(block.text) <= 200:
            return block
    return None


# the label of a letter's subject line: 'Re:', 'Subject:', 'Betreff:', 'Objet :', 'Oggetto:'
_SUBJECT = re.compile(
    r"^(?:re|subject|betreff|betr\.|objet|oggetto|asunto|assunto|onderwerp|temat|тема)\s*:\s*"
    r"(?P<subject>\S.*)$",
    re.IGNORECASE,
)


def _subject_line(blocks: list[Block]) -> str | None:
    """A letter's subject line, its title where it has no heading: a line labelled 'Re:',
    'Subject:', 'Betreff:', 'Objet :' among its first blocks; or, unlabelled, the line right
    above its salutation where it names the letter's kind ('Offener Brief als Reaktion …'
    above 'Sehr geehrter Herr …')."""
    for index, block in enumerate(blocks[:8]):
        if block.kind != "paragraph":
            continue
        line = " ".join(plain(block.text).split())
        if len(block.lines) <= 2 and (labelled := _SUBJECT.match(line)):
            return labelled["subject"].strip()
        if not is_salutation(block.lines[0]) or not index:
            continue
        before = blocks[index - 1]
        text = " ".join(plain(before.text).split())
        if (
            before.kind == "paragraph"
            and len(before.lines) <= 2
            and len(text) <= 200
            and not text.endswith((".", ",", ";", ":"))
            and not is_meta_line(text)
            and metadata.find_kind(text)
        ):
            return text
        return None
    return None


# a heading that quotes someone ('“It would be naive …”'): a pull quote, not a title
_QUOTED = re.compile(r"^\W{0,3}[\"“„«‘‚»].*[\"”“»«’‘]\W{0,3}$", re.DOTALL)


def _title_index(blocks: list[Block], document: ReadDocument) -> int | None:
    """The block that is the document's title: its first top-level heading (a page's own
    name or a banner before it is chrome); else the first short block that is no sentence."""
    headings = [
        i
        for i, b in enumerate(blocks)
        if b.kind == "heading" and not _ATTENTION.match(b.text) and not _points_elsewhere(b)
    ]
    # a list's own heading ('Relación de adhesiones') is a title only where nothing else is
    headings = [i for i in headings if not is_list_heading(blocks[i].text)] or headings
    headings = [i for i in headings if not _QUOTED.match(blocks[i].text)] or headings
    if headings:
        top = min(blocks[i].level for i in headings)
        first = next(i for i in headings if blocks[i].level == top)
        # a site's name in a heading before the statement's own: prefer the one the
        # page's <title> repeats
        if document.title:
            for i in headings:
                named = _plain_title(blocks[i])
                if named and named in document.title and blocks[i].level <= top + 1:
                    return i
        return first
    for index, block in enumerate(blocks[:4]):
        if _is_meta_block(block) or _is_chrome(block):
            continue
        text = block.text
        # a title the page wrapped (a PDF's, in a large font) may run over five lines
        lines, limit = (5, 250) if block.wrapped else (3, 200)
        short = block.kind == "paragraph" and len(block.lines) <= lines and len(text) <= limit
        if short and not text.rstrip().endswith((".", ",", ";", ":")):
            return index
        return None
    return None


def _points_elsewhere(block: Block) -> bool:
    """A heading that sends the reader to another text ('See Dear GitHub 2.0', 'Read the
    letter', 'Voir aussi …'): not the document's own title."""
    text = _plain_title(block)
    return len(text.split()) <= 12 and bool(_POINTER.match(text))


# a heading that asks the reader to sign, with the link to do it: 'Se desideri firmare la
# lettera, clicca qui.', 'If you wish to sign, click here', 'Pour signer, cliquez ici'
_CALL_TO_SIGN = re.compile(
    r"^\W{0,3}(?:(?:if\s+you\s+(?:wish|want|would\s+like)\s+to|click\s+here\s+to|to)\s+sign\b|"
    r"se\s+(?:desideri|vuoi|volete|desiderate)\s+(?:firmare|aderire|sottoscrivere)|per\s+firmare\b|"
    r"si\s+(?:vous\s+(?:souhaitez|voulez)|tu\s+(?:souhaites|veux))\s+signer|pour\s+signer\b|"
    r"si\s+(?:deseas|desea|quieres|quiere)\s+firmar|para\s+(?:firmar|assinar)\b|"
    r"se\s+(?:deseja|quiser)\s+assinar|wenn\s+sie\s+\S+\s+unterzeichnen|zum\s+unterzeichnen\b)",
    re.IGNORECASE,
)


def _without_site_name(title: str) -> str:
    """'Signatories to the Position Statement | Controlled Digital Lending': a page's
    <title> names the page, then after a bar the site it belongs to, as CMS themes write
    it; the page's name is the document's title."""
    head, bar, _ = title.rpartition(" | ")
    return head.strip() if bar and len(head.split()) >= 2 else title


# a letter's addressee set as a heading: 'A la atención de …', 'For the attention of …'
_ATTENTION = re.compile(
    r"^(?:a\s+la\s+atenci[óo]n\s+de|à\s+l['’]attention\s+de|(?:for\s+the\s+)?attention\s+of|"
    r"attn\.?|zu\s+händen|z\.\s?hd\.?|all['’]attenzione\s+d[ie]|à\s+atenção\s+de)\b",
    re.IGNORECASE,
)
# a heading that points to another text: 'See Dear GitHub 2.0', 'Read the letter', 'Voir
# aussi …', 'Siehe …': a link the page sets above or beside its own heading
_POINTER = re.compile(
    r"^\W{0,3}(?:(?:see|see\s+also|voir|voir\s+aussi|siehe|siehe\s+auch|véase|ver\s+también|"
    r"veja|ver\s+também|vedi|vedi\s+anche|смотрите|см\.|дивіться|back\s+to|zurück\s+zu)\b|"
    r"(?:read|lire|lisez|lesen\s+sie|lee|lea|leer|leia|leggi|читайте|читать)\s+"
    r"(?:the|our|this|it|more|also|full|la|le|les|l['’]|el|a|o|il|lo|den|die|das|hier|"
    r"aquí|qui|ici|here|также|також)\b)",
    re.IGNORECASE,
)
_SHEBANG = re.compile(r"^#!\s*/\S+$")
_SERVER_CODE = re.compile(r"^<%.*%>$", re.DOTALL)


def _split_title_dateline(blocks: list[Block]) -> list[Block]:
    """A page whose title, dateline and text are lines of one block (a table cell of `<br>`
    lines, a PDF's title over its date): the title and the dateline become blocks of their
    own, so the title is not the whole page, nor the date a part of the title."""
    for index, block in enumerate(blocks[:4]):
        if _is_meta_block(block) or _is_chrome(block):
            continue
        lines = block.lines
        if (
            block.kind != "paragraph"
            or len(lines) < 2
            or not is_meta_line(lines[1])
            or is_meta_line(lines[0])
            or len(lines[0]) > 200
            or lines[0].rstrip().endswith((".", ",", ";", ":"))
        ):
            return blocks
        parts = [[lines[0]], [lines[1]], lines[2:]]
        split = [replace(with_lines(block, part), wrapped=block.wrapped) for part in parts if part]
        return [*blocks[:index], *split, *blocks[index + 1 :]]
    return blocks


def _split_leading_datelines(blocks: list[Block]) -> list[Block]:
    """A block whose first line is a date alone and whose other lines are not ('06.05.2009'
    above a list, as a page that breaks its lines with <br> sets it): the date is a dateline
    of its own, the document's date, not a line of what follows it."""
    out: list[Block] = []
    for block in blocks:
        lines = block.lines
        if (
            block.kind == "paragraph"
            and len(lines) >= 2
            and is_meta_line(lines[0])
            and metadata.find_date(lines[0])
            and not is_meta_line(lines[1])
        ):
            out.append(replace(with_lines(block, lines[:1]), wrapped=block.wrapped))
            block = replace(with_lines(block, lines[1:]), wrapped=block.wrapped)
        out.append(block)
    return out


# the links a page prints around a document: its other languages, its downloads
_CHROME_WORD = re.compile(
    r"(?:pdf|docx?|odt|print|download|english|español|français|francais|português|deutsch|"
    r"italiano|русский|türkçe|العربية|中文|en|es|fr|de|pt|ru|tr|ar|zh|[|/·•-])",
    re.IGNORECASE,
)


def _is_chrome(block: Block) -> bool:
    words = block.text.split()
    if 0 < len(words) <= 8 and all(_CHROME_WORD.fullmatch(word) for word in words):
        return True
    return _is_navigation(block)


# a web page's navigation printed with it (a PDF printed from a browser, a page's text):
# links to skip to its content, to open its menu, to sign, to write, to give, to follow
_NAVIGATION = re.compile(
    r"(?:home|menu|search|contact(?:\s+us)?|donate|log\s*in|sign\s+in|subscribe|"
    r"(?:toggle\s+|main\s+)?navigation|follow\s+\S+|download\s+pdf|"
    r"skip\s+to\s+(?:the\s+)?(?:main\s+)?content(?:\s.*)?|sign\s+(?:the|this|our)\s+"
    r"(?:letter|statement|petition|appeal|declaration|manifesto)|aller\s+au\s+contenu|"
    r"zum\s+inhalt\s+springen|(?:ir|saltar)\s+al\s+contenido|vai\s+al\s+contenuto)",
    re.IGNORECASE,
)


def _is_navigation(block: Block) -> bool:
    """A block of a page's links, above its text: short lines, none a sentence, one of them
    a link every site prints, alone on its line ('Skip to main content', 'Toggle
    navigation', 'Sign the letter', 'Download PDF')."""
    lines = [plain(line).strip() for line in block.lines]
    if (
        block.kind != "paragraph"
        or not lines
        or any(len(line.split()) > 12 or line.endswith((".", ",", ";", ":")) for line in lines)
    ):
        return False
    return any(_NAVIGATION.fullmatch(line) for line in lines)


def _continues_title(title: Block, block: Block | None) -> bool:
    """Whether a block is the rest of a title the layout wrapped: one short line going on
    in lower case after a title that ends on no stop."""
    if block is None or _FILE_NAME.search(block.text.strip()):
        return False  # 'lei antiterror.jpg': a picture's file name printed under the title
    if title.kind == "heading":
        # 'Open Letter' ⏎ '## to President …, Members of Congress': a heading that goes on in
        # a lower-case subheading of the same or a lower level is one title
        text = plain(block.text).strip()
        return (
            block.kind == "heading"
            and block.level >= title.level
            and len(block.lines) == 1
            and 0 < len(text) <= 160
            and text[0].islower()
            and not text.endswith((".", ":", ";", ","))
            and not title.text.rstrip().endswith((".", ":", ";", "!", "?"))
        )
    if block.kind != "paragraph" or title.kind != "paragraph":
        return False
    if title.wrapped and len(title.lines) > 1:
        return False  # the page's lines of one title are one block already: the next is not
    text = plain(block.text).strip()
    last = plain(title.text).split()[-1:] or [""]
    return (
        len(block.lines) == 1
        and 0 < len(text) <= 80
        # lower case goes on; so does anything after a title that stops on 'and', 'of', 'la'
        and (text[0].islower() or _OPEN_END.fullmatch(last[0]) is not None)
        and not text.endswith((".", ":", ";", ","))
        and not title.text.rstrip().endswith((".", ":", ";", "!", "?"))
    )


# a picture's file name a converter printed as a line of text ('lei antiterror.jpg')
_FILE_NAME = re.compile(r"^[^\n]{1,80}\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp)$", re.IGNORECASE)
# words a title cannot end on: it goes on in the next line
_OPEN_END = re.compile(rf"(?:{metadata.OPEN_END_WORDS})", re.IGNORECASE)


def _plain_title(block: Block) -> str:
    return " ".join(plain(block.text).split())


def _title_text(block: Block) -> str:
    lines = block.lines
    if len(lines) > 1 and _is_chrome(replace(block, lines=lines[:1])):
        lines = lines[1:]  # a link to the download printed above the title ('pdf')
    # a title's lines as wrapped lines are joined: 'IT-' + 'индустрии' is 'IT-индустрии'
    # shown as printed: 'İstanbul' keeps its dotted capital
    text = " ".join(plain(join_lines(lines), fold=False).split()).strip("*_ ")
    # a site's section number before its page's heading: '04. Signatarios'
    text = _SECTION_NUMBER.sub("", text)
    # a slogan set in quotes as the title ('"Barış olsun, Kadın olsun"'): the quotes are no part
    quoted = re.fullmatch(r'["“„«](?P<inner>[^"“”„«»]+)["”“»]', text)
    text = quoted["inner"].strip() if quoted else text
    # '天安门母亲｜六四惨案33周年祭': a publisher's short name before a full-width bar, as
    # Chinese feeds and accounts head what they carry; the title is what follows it
    publisher, bar, rest = text.partition("｜")
    publisher, rest = publisher.strip(), rest.strip()
    if bar and "｜" not in rest and 0 < len(publisher) <= 8 and len(rest) > len(publisher):
        return rest
    return text


_SECTION_NUMBER = re.compile(r"^\d{1,2}\.\s+(?=[^\W\d_])")


def _byline(text: str, found: tuple[str, tuple[int, int]]) -> bool:
    """An author's name, then a date that ends the line."""
    start, end = found[1]
    words = text[:start].strip(" ,–-").split()
    return (
        not text[end:].strip(" .")
        and 0 < len(words) <= 6
        and all(word[:1].isupper() or word.casefold() in _BYLINE_PARTICLES for word in words)
    )


_BYLINE_PARTICLES = frozenset({
    "de", "du", "des", "del", "la", "da", "do", "dos", "für", "of", "the", "and", "y", "e",
    "ve", "und", "et",
})  # fmt: skip


def is_meta_line(line: str) -> bool:
    """A line that only carries a number, version, language or date, not prose."""
    text = plain(line).strip()
    if len(text) > 100:
        return False
    rest = metadata.DOCUMENT_ID.sub("", text)
    rest = metadata.VERSION.sub("", rest)
    rest = metadata.LANGUAGE_LINE.sub("", rest)
    rest = re.sub(r"(?i)\b(?:no|nr|n°|nº|number|nummer|ref)\b\.?", "", rest)
    found = metadata.find_date(rest)
    if found:
        start, end = found[1]
        rest = rest[:start] + rest[end:]
        rest = _DATE_LABEL.sub("", rest.strip())
        # 'Berlin, 21 September 2020', 'Lyon, le 3 mars 2019': a place may stand before it
        if word_count(rest.strip(" ,.:;-–·")) <= 3:
            return True
    return rest != text and not re.search(r"\w{2,}", re.sub(r"\b[A-Z]{2}\b", "", rest))


def _is_meta_block(block: Block) -> bool:
    return block.kind != "row" and all(is_meta_line(line) for line in block.lines)


def _take_meta_blocks(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Metadata lines at the top of the text and a dateline closing it."""
    taken: list[str] = []
    blocks = list(blocks)
    while blocks and _is_meta_block(blocks[0]):
        taken.extend(blocks.pop(0).lines)
    if blocks and len(blocks[-1].lines) == 1 and _is_meta_block(blocks[-1]):
        taken.extend(blocks.pop().lines)
    return blocks, taken


def _read_metadata(
    result: ImportResult,
    lines: list[str],
    blocks: list[Block],
    document: ReadDocument,
    entry_text: list[str],
    head: list[Block] | None = None,
    list_heading: str = "",
    front_matter: dict[str, str] | None = None,
    closing_day: str | None = None,
) -> None:
    # the front matter and the file's name as uploaded: the day a site gave the page, after
    # any day the text gives itself
    front_matter = document.metadata if front_matter is None else front_matter
    text = "\n".join(lines)
    if found := metadata.DOCUMENT_ID.search(text):
        result.document_id = found.group(1)
    if found := metadata.VERSION.search(text):
        result.version = found.group(1)
    for line in lines:
        if result.date is None and (found := metadata.find_date(metadata.VERSION.sub("", line))):
            result.date = found[0]
        language = metadata.VERSION_LANGUAGE.search(line) or metadata.LANGUAGE_LINE.search(line)
        if language and result.language is None:
            result.language = language.group(1).lower()
    if result.date is None:
        # the document's own dateline where it prints one, before the day a site posted it
        opening = [*(head or [])[:1], *blocks[:1]]
        result.date = (
            _own_dateline(result.title, opening) or _closing_dateline(blocks) or closing_day
        )
    if result.date is None:
        # the text naming the day of the statement it carries ('In der «Stuttgarter
        # Erklärung» vom 25. Juli 2022 forderten …'): its date, not the day a post carried it
        result.date = _named_statement_date(blocks)
    # a text that dates itself by its month only ('Brasil, dezembro de 2015.') has no day:
    # the front matter's is the post's, not the statement's
    month_only = result.date is None and _month_dateline(blocks)
    if result.date is None and not month_only:
        # the front matter's date under the names site generators give it: the date the
        # publisher gave the document, before any date its text mentions
        for key in _DATE_KEYS:
            if found := metadata.find_date(front_matter.get(key, "")):
                result.date = found[0]
                break
        else:
            result.date = _post_file_date(front_matter)
    if result.date is None:
        # a dateline standing alone in the text: 'Lyon, le 3 mars 2019'; or, at the top, a
        # byline ending in the day it was signed ('Barış İçin Kadın Girişimi 1 Eylül 2010')
        for index, block in enumerate(blocks):
            if len(block.lines) != 1 or len(block.text.split()) > 10:
                continue
            found = metadata.find_date(block.text)
            if found and (is_meta_line(block.text) or (index < 2 and _byline(block.text, found))):
                result.date = found[0]
                break
    if result.date is None:
        # a dateline on a line of its own inside a longer block ('30 Haziran 2010, İstanbul'
        # after a <br>, 'Donnerstag, 15.03.2018'), the title's block too: the first in the text
        for block in head if head is not None else blocks:
            if block.kind == "row" or len(block.lines) < 2:
                continue
            line = next((line for line in block.lines if is_meta_line(line)), None)
            if line and (found := metadata.find_date(line)):
                result.date = found[0]
                break
    if result.date is None:
        # a note saying when it was published: 'Cette tribune a été publiée dans le journal
        # Le Monde le 17 mars 2021 (journal daté du 18 mars)'
        for block in head if head is not None else blocks:
            for line in block.lines:
                published = _PUBLISHED.search(line)
                found = metadata.find_date(line[published.end() :]) if published else None
                if found and len(line.split()) <= 60:
                    result.date = found[0]
                    break
            if result.date is not None:
                break
    body_text = " ".join(block.text for block in blocks)
    if result.language is None:
        result.language = _text_language(result.title, blocks)
    if result.language is None and len(body_text.split()) < 40:
        # a page that is its list: the word its heading names the signers with, else the
        # entries' words tell the language
        result.language = (
            metadata.heading_language(list_heading)
            or metadata.heading_language(result.title or "")
            or metadata.guess_language(" ".join(entry_text))
        )
    hint = (document.metadata.get("lang") or "")[:2].casefold()  # <html lang>, a fallback
    if result.language is None and re.fullmatch(r"[a-z]{2}", hint):
        result.language = hint
    if result.language is None and body_text.strip():
        result.warnings.append("language not recognized")
    result.kind = metadata.find_kind(result.title)
    if result.title is None:
        result.warnings.append("no title found")


# a site generator's post named by its day ('_posts/2010-10-29-manifiesto.md', Jekyll's rule)
_POST_FILE = re.compile(r"(?:^|/)((?:19|20)\d{2})-(\d{2})-(\d{2})-[^/]+\.(?:md|markdown|html?)$")


def _post_file_date(front_matter: dict[str, str]) -> str | None:
    """The day in a post's file name, where the front matter or the upload names the file
    as a site generator names its posts and gives no date of its own."""
    for key in ("filename", "path", "source"):
        if named := _POST_FILE.search(str(front_matter.get(key) or "").strip()):
            try:
                return date(*(int(part) for part in named.groups())).isoformat()
            except ValueError:
                return None
    return None


def _is_dateline(line: str) -> bool:
    """A line that is a place (or places) and a day, the day ending it."""
    found = metadata.find_date(line)
    if not found or len(line.split()) > 16:
        return False
    place = line[: found[1][0]]
    return _ends_line(line, found, ",") and all(
        word[:1].isupper() or word in _PLACE_LINKS for word in re.findall(r"\w+", place)
    )


# the words that join the places of a dateline and the article before its day
_PLACE_LINKS = frozenset({
    "und", "and", "et", "y", "e", "i", "ve", "den", "am", "le", "el", "il", "lì", "li", "a",
    "on", "the",
})  # fmt: skip


def _own_dateline(title: str | None, blocks: list[Block]) -> str | None:
    """The day a document gives itself where it opens (its first blocks): a dateline ending
    its title ('Open letter - Milan, 3 November 2008'), a lead line ending in one ('Joint
    press release of A, B and C, 16.08.2019'), a first sentence saying when it was published
    ('The following declaration was published by the platform on 23 June 2010:')."""
    if title and (found := metadata.find_date(title)) and _ends_line(title, found, " ,-–—"):
        return found[0]
    for first in blocks:
        if first.kind != "paragraph" or len(first.lines) != 1:
            continue
        line = plain(first.lines[0]).strip(" *_")
        if (found := metadata.find_date(line)) and _ends_line(line, found, ","):
            return found[0]
        published = _PUBLISHED.search(line)
        introduces = published and len(line.split()) <= 40 and line.rstrip().endswith(":")
        if introduces and (found := metadata.find_date(line)):
            return found[0]
    return None


# a statement named with its day: 'Erklärung vom 25. Juli 2022', 'the declaration of 3 May
# 2021', 'la déclaration du 3 mai', 'la carta del 3 de mayo', 'a carta de 3 de maio'
_NAMED_DAY = re.compile(
    r"\b(?:erklärung|aufruf|offene[nr]?\s+brief|appell|manifest|resolution|declaration|"
    r"statement|letter|déclaration|appel|lettre|tribune|declaración|carta|manifiesto|"
    r"declaração|dichiarazione|lettera|appello|bildiri\w*|deklarasyon\w*|декларац\w+|"
    r"заявлени\w+|письм\w+)[»“”\"'›]?\s+(?:vom|von|of|du|de|del|da|do|dated|daté[es]?\s+du|"
    r"от)\s+(?=\d)",
    re.IGNORECASE,
)


def _named_statement_date(blocks: list[Block]) -> str | None:
    """The day the text's first paragraphs give the statement by name ('In der «Stuttgarter
    Erklärung» vom 25. Juli 2022 forderten …')."""
    for block in blocks[:3]:
        if block.kind != "paragraph":
            continue
        text = plain(block.text)
        for named in _NAMED_DAY.finditer(text):
            found = metadata.find_date(text[named.end() : named.end() + 40])
            if found and found[1][0] == 0:
                return found[0]
    return None


def _month_dateline(blocks: list[Block]) -> bool:
    """A line of the text that is a dateline of a month and a year alone, a place before it
    ('Brasil, dezembro de 2015.')."""
    for block in blocks:
        if block.kind != "paragraph":
            continue
        for line in block.lines:
            bare = re.sub(r"^[^\W\d][^,\d]{0,40},\s*", "", plain(line)).strip(" .")
            if len(bare.split()) <= 4 and metadata.find_month_year(bare):
                return True
    return False


# a dateline that says when the page was changed, not when the document was made
_UPDATED = re.compile(r"updat|aktualisiert|mis\s+à\s+jour|actualizad|atualizad|aggiornat", re.I)
# a day written in eight digits, '20220524', as a signature line may give it
_COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")


def _closing_dateline(blocks: list[Block]) -> str | None:
    """The day a letter is signed, closing its text: a paragraph that is only a dateline
    ('二零一九年八月一日', 'Lyon, 3 mars 2019'; not 'Updated on …'), or its signature line
    led by the day in eight digits ('20220524 Friends of the Library')."""
    for block in blocks:
        line = plain(block.text).strip()
        if block.kind != "paragraph" or len(block.lines) != 1 or _UPDATED.search(line):
            continue
        found = metadata.find_date(line)
        if found and is_meta_line(line):
            start, end = found[1]
            if word_count((line[:start] + line[end:]).strip(" ,.:;-–·")) <= 2:
                return found[0]
    last = plain(blocks[-1].text).strip() if blocks else ""
    compact = _COMPACT_DATE.match(last)
    if compact and blocks[-1].kind == "paragraph" and 0 < word_count(last[8:]) <= 12:
        try:
            return date(*(int(part) for part in compact.groups())).isoformat()
        except ValueError:
            return None
    return None


def _closing_day(blocks: list[Block]) -> str | None:
    """The day on the last line of a letter's closing, where the list of signers may begin:
    'Respectfully,' ⏎ who signs ⏎ 'July 31, 2025' (the closing a block of its own or not)."""
    for index, block in enumerate(blocks):
        lines = [plain(line).strip() for line in block.lines]
        if block.kind != "paragraph" or not is_closing(lines[0]):
            continue
        if len(lines) == 1 and index + 1 < len(blocks) and blocks[index + 1].kind == "paragraph":
            lines += [plain(line).strip() for line in blocks[index + 1].lines]
        if not 2 <= len(lines) <= 6:
            continue
        found = metadata.find_date(lines[-1])
        if found and is_meta_line(lines[-1]) and not _UPDATED.search(lines[-1]):
            return found[0]
    return None


# the word a dateline may set between its place and its day: 'Lyon, le 3 mars 2019', 'Köln,
# den 05. Mai 2020', 'Roma, lì 3 maggio 2019', 'Madrid, a 3 de mayo de 2020'
_DATELINE_ARTICLE = re.compile(r"\s+(?:den|am|le|el|il|lì|li|a|on|the)$", re.IGNORECASE)


def _ends_line(line: str, found: tuple[str, tuple[int, int]], before: str) -> bool:
    """Whether the date found ends the line, right after one of the given marks (and the
    article a dateline may set before its day)."""
    start, end = found[1]
    head = _DATELINE_ARTICLE.sub("", line[:start].rstrip())
    return not line[end:].strip(" .*_)") and bool(head) and head[-1] in before.strip() + ","


def _text_language(title: str | None, blocks: list[Block]) -> str | None:
    """The language of the title and the text; a text in two languages one after the other
    (an English letter, then its French translation) is in the first one's, which its
    first paragraphs name where the whole text names the other or none."""
    whole = metadata.guess_language(f"{title or ''} {' '.join(b.text for b in blocks)}")
    opening: list[str] = []
    for block in blocks:
        opening.append(block.text)
        if len(" ".join(opening).split()) >= _OPENING_WORDS:
            break
    else:
        return whole
    first = metadata.guess_language(f"{title or ''} {' '.join(opening)}")
    return first or whole


# how many of a text's first words tell the language it is written in first
_OPENING_WORDS = 150


def _as_of_without_year(heading: str, result: ImportResult, head: list[Block]) -> str | None:
    """'Signatarios hasta el 27 de septiembre:': the year is the document's, from its date
    or a dateline of a month and a year ('Septiembre 2021')."""
    day_month = metadata.find_day_month(heading)
    if day_month is None:
        return None
    month, day = day_month
    years = [int(result.date[:4])] if result.date else []
    years += [
        found[0]
        for block in head
        for line in block.lines
        if (found := metadata.find_month_year(line))
    ]
    if not years:
        return None
    try:
        return date(years[0], month, day).isoformat()
    except ValueError:
        return None


def _read_heading(result: ImportResult, heading: str) -> None:
    """'Signatories (as of 21 September 2020, further signatories possible):'"""
    if found := metadata.find_date(heading):
        result.as_of = found[0]
    if _OPEN.search(heading):
        result.open_for_signatures = True
    elif _CLOSED.search(heading):
        result.open_for_signatures = False


def _markdown(block: Block, vocabulary: frozenset[str]) -> str:
    """A block -> Markdown: a paragraph on one line (a set of slogans keeps its breaks), a
    list item with its marker, a table row with its cells, a heading with its level."""
    if block.kind == "heading":
        return "#" * max(block.level, 1) + " " + squeeze(" ".join(block.lines))
    if block.kind == "row":
        return "| " + " | ".join((c or "").replace("\n", " ") for c in block.cells or []) + " |"
    if block.kind == "item":
        marker = f"{block.number}." if block.number and block.number != "-" else "-"
        return "  " * block.level + marker + " " + squeeze(join_lines(block.lines, vocabulary))
    items: list[list[str]] = []
    for line in block.lines:
        starts_item = bool(BULLET.match(line) or NUMBER.match(line) or line.startswith("#"))
        if not items or starts_item or items[-1][0].startswith("#"):
            items.append([line])
        else:
            items[-1].append(line)
    rendered = []
    for item in items:
        text = join_lines(item, vocabulary)
        rendered.append("\n".join(squeeze(line) for line in text.split("\n")))
    return "\n".join(rendered)


def _from_data(data: dict, result: ImportResult) -> ImportResult:
    """Our JSON export (or the contract's own object) read field by field."""

    def text(value) -> str | None:
        return value.strip() if isinstance(value, str) and value.strip() else None

    result.title = text(data.get("title"))
    result.kind = text(data.get("kind"))
    result.document_id = text(data.get("document_id"))
    result.version = text(data.get("version"))
    result.language = text(data.get("language"))
    result.date = text(data.get("date"))
    result.as_of = text(data.get("as_of"))
    result.open_for_signatures = data.get("open_for_signatures")
    if not isinstance(result.open_for_signatures, bool):
        result.open_for_signatures = None
    result.body = text(data.get("body")) or ""
    entries = data.get("signatories") or []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not text(entry.get("name")):
            result.warnings.append(f"entry {index} has no name; left out")
            continue
        position = entry.get("position")
        country = text(entry.get("country"))
        result.signatories.append(
            Signatory(
                position=position if isinstance(position, int) else index,
                name=text(entry.get("name")) or "",
                abbreviation=text(entry.get("abbreviation")),
                translation=text(entry.get("translation")),
                country=country.upper() if country and len(country) == 2 else None,
                affiliation=text(entry.get("affiliation")),
                kind="person" if entry.get("kind") == "person" else "organization",
                title=text(entry.get("title")),
                role=text(entry.get("role")),
            )
        )
    if result.kind is None:
        result.kind = metadata.find_kind(result.title)
    return result


def _introduces(line: str) -> bool:
    """A line that introduces a list of signatories: its heading or a letter's closing."""
    return is_list_heading(line) or is_closing(line)
