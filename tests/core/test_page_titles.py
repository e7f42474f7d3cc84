"""Page titles, as a browser's tab and a screen reader announce them: one separator between
their parts on every page."""

import re
from pathlib import Path

import undersigned

TEMPLATES = sorted(Path(undersigned.__file__).parent.glob("*/templates/**/*.html"))
TITLE = re.compile(r"{% block title %}(.*?){% endblock %}", re.S)


def test_every_page_title_separates_its_parts_with_the_same_dash():
    titles = {
        path.name: title for path in TEMPLATES for title in TITLE.findall(path.read_text("utf-8"))
    }
    other = {name: title for name, title in titles.items() if re.search(r" [·|/–-] ", title)}

    assert len([title for title in titles.values() if " — " in title]) > 30
    assert other == {}
