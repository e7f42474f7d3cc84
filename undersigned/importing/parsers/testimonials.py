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


def signer_line(block: Block) -> str | None:
    """The signer's line of a paragraph that is a quotation and its author, else None."""
    if block.kind != "paragraph":
        return None
    found = _QUOTED.match(block.text)
    if found is None:
        return None
    signer = found["signer"].strip()
    name = _TITLES.sub("", signer.split(",")[0]).strip()
    return signer if person_name_shape(name) else None


def split_testimonials(blocks: list[Block]) -> list[Block]:
    """Runs of three quoted paragraphs or more, each with its author, as items: the authors."""
    signers = [signer_line(block) for block in blocks]
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        end = index
        while end < len(blocks) and signers[end] is not None:
            end += 1
        if end - index >= _RUN:
            # what they said stays the text (its language is the document's), before them
            said = [_QUOTED.match(blocks[i].text)["quote"].strip() for i in range(index, end)]
            out.append(Block("paragraph", said, where=blocks[index].where))
            out.extend(
                Block("item", [signers[i]], number="-", where=blocks[i].where)
                for i in range(index, end)
            )
            index = end
        else:
            out.append(blocks[index])
            index += 1
    return out
