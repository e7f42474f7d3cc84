"""The importer's shortcuts give what the long way gives: a long PDF's pages read by several
processes as by one, separators outside brackets found by a scan of the brackets alone."""

import threading

import pytest
import typst
from hypothesis import given
from hypothesis import strategies as st

from undersigned.importing.parsers.entries import partition_outside_brackets
from undersigned.importing.readers.pdf import read_pdf

pytestmark = pytest.mark.database_free


def _long_pdf(pages: int) -> bytes:
    body = "The undersigned call on every government to keep its promises to workers. " * 6
    source = ['#set page(paper: "a4", footer: context [Page #here().page()])']
    for number in range(pages):
        people = " \\\n".join(f"*Person {number}-{n}* Secretary of Union {n}" for n in range(8))
        source.append(f"= Statement {number + 1}\n\n{body}\n\n== Signatories\n\n{people}\n")
        source.append("#table(columns: 3, [A], [Union of Bakers], [Chile], [B], [Dockers], [Peru])")
        source.append("#pagebreak()")
    return typst.compile("\n".join(source).encode("utf-8"))


def test_a_long_pdf_read_by_several_processes_reads_as_by_one():
    data = _long_pdf(44)
    here = read_pdf(data)  # this thread alone: the pages shared among processes
    alone: list = []
    # with a second thread running, the reader forks nothing and reads every page itself
    thread = threading.Thread(target=lambda: alone.append(read_pdf(data)))
    thread.start()
    thread.join()
    assert len(here.blocks) > 44 * 3
    assert here.blocks == alone[0].blocks
    assert here.furniture == alone[0].furniture


def _reference(text: str, separator: str) -> list[int]:
    """Every char looked at, as the scan did before it looked at brackets only."""
    depth, positions = 0, []
    for index, char in enumerate(text):
        if char in "([„«" or (char == "“" and depth == 0):
            depth += 1
        elif char in ")]»“" and depth > 0:
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            positions.append(index)
    return positions


@given(
    st.text(alphabet="ab ,-–()[]„«»“:", max_size=30),
    st.sampled_from([",", " - ", " – ", "(", ")", " (", ", ", "“", ")-", "a a", ":"]),
)
def test_separators_outside_brackets_are_where_a_scan_of_every_char_finds_them(text, separator):
    positions = _reference(text, separator)
    head, found, tail = partition_outside_brackets(text, separator)
    if not positions:
        assert (head, found, tail) == (text, "", "")
    else:
        first = positions[0]
        assert (head, found, tail) == (text[:first], separator, text[first + len(separator) :])
    last = partition_outside_brackets(text, separator, last=True)
    if positions:
        assert last[0] == text[: positions[-1]]
