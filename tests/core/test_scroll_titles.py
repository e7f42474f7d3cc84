"""A table wider than a phone scrolls inside its box; its title must stand above the box, or
the title scrolls away with the columns and a phone shows half of it."""

import re
from pathlib import Path

import undersigned

TEMPLATES = sorted(Path(undersigned.__file__).parent.glob("*/templates/**/*.html"))
SCROLL_BOX = re.compile(r'<div class="table-scroll".*?</div>', re.S)


def test_no_table_in_a_scrolling_box_carries_its_title_inside_it():
    inside = [
        path.name
        for path in TEMPLATES
        for box in SCROLL_BOX.findall(path.read_text("utf-8"))
        if "<caption" in box
    ]
    assert TEMPLATES and inside == []
