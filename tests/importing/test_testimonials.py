"""Support given as quotations, each paragraph a quoted sentence and who said it (a page of
reactions to an open letter): the authors are the list, what they said the text. Invented
examples written like the real page."""

import pytest

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free


def _parse(text: str, name: str):
    return parse_bytes(text.encode("utf-8"), name)


REACTIONS_SK = """---
title: Reakcie na otvorený list
---
"Plne podporujem aktivity akadémie a jej odborný prístup k hodnoteniu." doc. J. Novák, dekan fakulty

"Je dôležité, aby projekty mali možnosť byť ocenené na odbornej úrovni." Jana Kováčová, režisérka

„Ide zatiaľ o jediné relevantné ocenenie tvorby divadiel na Slovensku.“ Peter Horák, teatrológ

"Takéto ocenenie môže mať naozaj váhu a uznanie v domácom kontexte." Eva Malá
"""

REACTIONS_EN_HTML = """<html><body><h1>What members say about the charter</h1>
<p>“This charter gives our union a voice where decisions are taken.” – Mary O'Neill,
dockworkers' branch secretary</p>
<p>“We were consulted for the first time in twenty years.” – Tom Baker, shop steward</p>
<p>“Every clause was read out at our assembly before we agreed.” – Ana Lima, delegate</p>
</body></html>"""


def test_a_page_of_reactions_lists_their_authors_and_keeps_what_they_said_as_text():
    result = _parse(REACTIONS_SK, "reakcie.md")
    assert [(s.kind, s.title, s.name, s.role) for s in result.signatories] == [
        ("person", "doc.", "J. Novák", "dekan fakulty"),
        ("person", None, "Jana Kováčová", "režisérka"),
        ("person", None, "Peter Horák", "teatrológ"),
        ("person", None, "Eva Malá", None),
    ]
    assert "jediné relevantné ocenenie" in result.body
    assert result.language == "sk"


def test_quotations_after_a_dash_in_html_too():
    result = _parse(REACTIONS_EN_HTML, "charter.html")
    assert [(s.name, s.role) for s in result.signatories] == [
        ("Mary O'Neill", "dockworkers' branch secretary"),
        ("Tom Baker", "shop steward"),
        ("Ana Lima", "delegate"),
    ]


def test_a_press_release_quoting_two_people_in_its_text_has_no_list():
    text = (
        "# Port workers win a voice\n\n"
        "The charter was agreed on Monday after a year of talks between the unions and the "
        "port authority, which will now consult the workers before any change.\n\n"
        '"This charter gives our union a voice where decisions are taken." Mary O\'Neill, '
        "branch secretary\n\n"
        '"We were consulted for the first time in twenty years." Tom Baker, shop steward\n\n'
        "The charter takes effect in March.\n"
    )
    assert _parse(text, "release.md").signatories == []


def test_a_quotation_followed_by_a_sentence_is_no_author():
    text = (
        "# Statement\n\n"
        + "\n\n".join(
            f'"The port belongs to those who work in it, and always has, since {year}." '
            "said the union in a statement released on the day of the strike."
            for year in (1920, 1948, 1971)
        )
        + "\n"
    )
    assert _parse(text, "said.md").signatories == []
