"""Support given as quotations: each paragraph a quoted sentence or two, then who said it.

A page of reactions to an open letter ('"Plne podporujem aktivity Akadémie …" Elena Knopová,
teatrologička') lists its signers that way: no heading, no bullet, one paragraph each. Where
three paragraphs or more in a row have that shape, each is rewritten as an item holding only
its signer's line, before the list finder looks, the quotations kept before them as one
paragraph of the text: what they said, not who they are. A press release quoting people
inside its text ('"…," said Jane Doe, director of …') has a verb between the quotation and
the name, and is left alone."""

import re

from undersigned.importing.parsers.entries import person_name_shape
from undersigned.importing.parsers.vocabulary import TITLES
from undersigned.importing.readers.blocks import Block

# the quotation (opened and closed by any of the quotation marks the languages use), then,
# after an optional dash, the signer's line: name, then role or institution after a comma
_QUOTED = re.compile(
    r"^\s*[\"„“«»‚‘](?P<quote>.{20,}?)[\"”“»«’‘]\s*[.,]?\s*(?:[-–—]\s*)?"
    r"(?P<signer>[^\"„“”«»\n]{3,160})$",
    re.S,
)
_TITLES = re.compile(rf"^(?:(?:{TITLES})\s+)+", re.IGNORECASE)
_RUN = 3  # three in a row: two quoted paragraphs are a text quoting two people


def quotation(block: Block) -> tuple[str, str] | None:
    """What a paragraph quotes and its author's line, where it is a quotation and then a
    line that starts with a person's name; else None."""
    if block.kind != "paragraph":
        return None
    found = _QUOTED.match(block.text)
    if found is None:
        return None
    signer = found["signer"].strip()
    name = _TITLES.sub("", signer.split(",")[0]).strip()
    return (found["quote"].strip(), signer) if person_name_shape(name) else None


def split_testimonials(blocks: list[Block]) -> list[Block]:
    """Runs of three quoted paragraphs or more, each with its author, as items: the authors."""
    quoted = [quotation(block) for block in blocks]
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        end = index
        while end < len(blocks) and quoted[end] is not None:
            end += 1
        if end - index >= _RUN:
            run = range(index, end)
            # what they said stays the text (its language is the document's), before them
            out.append(Block("paragraph", [quoted[i][0] for i in run], where=blocks[index].where))
            out.extend(
                Block("item", [quoted[i][1]], number="-", where=blocks[i].where) for i in run
            )
            index = end
        else:
            out.append(blocks[index])
            index += 1
    return out
