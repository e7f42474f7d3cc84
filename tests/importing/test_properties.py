"""The text parser never raises on any text and always returns the contract's shape."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned.importing.parsers.text import parse_text

LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            ["Signatories:", "Unterzeichner (Stand: 1. Mai 2020):", "1.", "2. ABC   Name (X Y)",
             "Europe", "Germany:", "To: someone", "- ", "(", "Ma-", "\t\t", "#", "1 / 3"]
        ),
    ),
    max_size=30,
)  # fmt: skip

pytestmark = pytest.mark.database_free


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_the_text_parser_never_raises_and_keeps_the_shape(lines):
    result = parse_text("\n".join(lines), source="x.txt").to_dict()
    assert result["schema"] == "undersigned.import/1"
    assert isinstance(result["body"], str)
    assert all(isinstance(warning, str) for warning in result["warnings"])
    for entry in result["signatories"]:
        assert isinstance(entry["position"], int)
        assert isinstance(entry["name"], str) and entry["name"]
        assert entry["country"] is None or len(entry["country"]) == 2
