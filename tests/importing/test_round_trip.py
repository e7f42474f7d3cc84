"""Round trip as a law: a statement exported in any format and imported again gives back
the statement exactly — every entry with every field, the number, version, language, title
and "as of" date. On the example, and on statements Hypothesis makes up."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from undersigned.core.countries import country_name, names_country
from undersigned.importing.parsers import parse_bytes
from undersigned.publishing.document import Document, build_document
from undersigned.publishing.renderers.docx import render_docx
from undersigned.publishing.renderers.html import render_html
from undersigned.publishing.renderers.json import render_json
from undersigned.publishing.renderers.markdown import render_markdown
from undersigned.publishing.renderers.odt import render_odt
from undersigned.publishing.renderers.pdf import render_pdf
from undersigned.publishing.renderers.text import render_text
from undersigned.publishing.wording import signatories_heading
from undersigned.signatures.selectors import Entry

RENDER = {
    "txt": lambda d: render_text(d).encode("utf-8"),
    "md": lambda d: render_markdown(d).encode("utf-8"),
    "html": lambda d: render_html(d).encode("utf-8"),
    "json": lambda d: render_json(d).encode("utf-8"),
    "pdf": render_pdf,
    "docx": render_docx,
    "odt": render_odt,
}


def printed(document: Document) -> dict:
    return {
        "title": document.title,
        "document_id": document.document_id,
        "version": document.version_label,
        "language": document.language,
        "as_of": document.as_of.isoformat() if document.as_of else None,
        "open_for_signatures": document.open_for_signatures if document.entries else None,
        "signatories": [
            {
                "position": entry.position,
                "kind": "organization",
                "abbreviation": entry.abbreviation or None,
                "name": entry.name,
                "translation": entry.translation or None,
                "country": entry.country or None,
            }
            for entry in document.entries
        ],
    }


def read_back(document: Document, kind: str) -> dict:
    result = parse_bytes(RENDER[kind](document), f"statement.{kind}").to_dict()
    data = {key: result[key] for key in printed(document) if key != "signatories"}
    if not document.entries:
        data["open_for_signatures"] = None
    data["signatories"] = [
        {key: entry[key] for key in printed(document)["signatories"][0]}
        for entry in result["signatories"]
    ] if document.entries else result["signatories"]  # fmt: skip
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(RENDER))
def test_the_example_reads_back_exactly_from_every_format(example, kind):
    document = build_document(example)
    assert read_back(document, kind) == printed(document)


# Statements made up --------------------------------------------------------------------------

COUNTRIES = ["DE", "FR", "PE", "NL", "TR", "RU", "IN", "ZA", "CD", "CG", "BA", "CI", "US", "GB"]
WORDS = ["Workers", "Peasants", "Revolutionary", "Democratic", "Popular", "Proletarian",
         "Socialist", "Solidarity", "Marxist-Leninist", "Red", "Dawn", "Unity", "Çalışan",
         "Ouvriers", "Trabajadores", "Rabochiy", "Komünist", "Émancipation", "„Krasnyj Klin“",
         '"New Left"', "Ľudová", "Zukunft"]  # fmt: skip
KINDS = ["Party", "Union", "League", "Committee", "Front", "Organization", "Federation",
         "Partei", "Parti", "Partido", "Platform", "Movement"]  # fmt: skip
PARTICLES = ["of", "for", "de", "der", "and"]


@st.composite
def organization_names(draw) -> str:
    """A name as coalitions write them: words, a kind of organization first (so that a
    comma inside it reads as part of a name, not as a person's role), sometimes a comma, a
    particle and a country; a bracketed word of its own at the end ('(independiente)')."""
    words = [draw(st.sampled_from(KINDS))]
    words += draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    if draw(st.booleans()):
        words.insert(1, draw(st.sampled_from(PARTICLES)))
    name = " ".join(words)
    if draw(st.integers(0, 4)) == 0:
        name = name.replace(" ", ", ", 1) if " of " not in name[:12] else name
    if draw(st.integers(0, 5)) == 0:
        name += " (" + draw(st.sampled_from(["independiente", "ML", "Mashal", "1917"])) + ")"
    return name


@st.composite
def abbreviations(draw) -> str:
    letters = draw(st.text(alphabet="ABCDEFGHKLMNOPRSTUVZÇŞ", min_size=2, max_size=6))
    shape = draw(st.integers(0, 5))
    if shape == 1:
        return f"{letters} (ML)"
    if shape == 2:
        return f"{letters}-{draw(st.sampled_from(['U', 'Manidem', 'GdT']))}"
    if shape == 3:
        return f"{letters}/ML"
    if shape == 4:
        return ""
    return letters


@st.composite
def entries(draw, position: int) -> Entry:
    name = draw(organization_names())
    country = draw(st.sampled_from(COUNTRIES))
    if draw(st.integers(0, 3)) == 0:  # a name that names its country
        name = f"{name} of {country_name(country, 'en')}"
    translation = draw(st.one_of(st.just(""), organization_names()))
    translation = "" if translation == name else translation  # a name is no translation of itself
    label = "" if names_country((name, translation), country) else country_name(country, "en")
    # An international organization: no country at all. (One whose name names a country
    # reads back as of that country: the printed line is the same as for its own.)
    if label and draw(st.integers(0, 5)) == 0:
        country = label = ""
    return Entry(
        position, draw(abbreviations()), name, "", translation, country, label, None,
        datetime(2020, 9, 21, tzinfo=UTC), position,
    )  # fmt: skip


@st.composite
def documents(draw, *, max_entries: int = 40) -> Document:
    count = draw(st.integers(1, max_entries))
    language = draw(st.sampled_from(["en", "de", "fr", "es", "ru", "tr"]))
    listed = [draw(entries(position)) for position in range(1, count + 1)]
    as_of = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
    is_open = draw(st.booleans())
    number = draw(st.integers(1, 99999))
    title = draw(st.sampled_from(["Statement on the Strike", "Resolution on Belarus",
                                  "Erklärung zur Lage", "Déclaration commune"]))  # fmt: skip
    return Document(
        document_id=f"ICOR{number:05d}",
        kind="statement",
        language=language,
        version_label=f"{draw(st.integers(1, 20)):02d}.{draw(st.integers(0, 9)):02d}",
        content_hash="0" * 64,
        title=title,
        short_title=title[:30],
        blocks=["The undersigned organizations condemn the repression of the strike."],
        slogans=["Workers of all countries, unite!"],
        heading=signatories_heading(language, as_of=as_of, open_for_signatures=is_open),
        entries=listed,
        as_of=as_of,
        open_for_signatures=is_open,
        coalition_name="International Coordination",
    )


@pytest.mark.database_free
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["txt", "md", "html", "json"]))
def test_a_statement_reads_back_exactly_from_its_text_exports(document, kind):
    assert read_back(document, kind) == printed(document)


@pytest.mark.database_free
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(max_entries=25), st.sampled_from(["pdf", "docx", "odt"]))
def test_a_statement_reads_back_exactly_from_its_printed_exports(document, kind):
    assert read_back(document, kind) == printed(document)


def plain_document(entries: list[Entry]) -> Document:
    return Document(
        document_id="ICOR00412", kind="statement", language="en", version_label="01.00",
        content_hash="0" * 64, title="Statement on the Strike", short_title="Strike",
        blocks=["The undersigned organizations condemn the repression of the strike."],
        slogans=[], entries=entries, as_of=date(2021, 3, 1), open_for_signatures=True,
        heading=signatories_heading("en", as_of=date(2021, 3, 1), open_for_signatures=True),
        coalition_name="International Coordination",
    )  # fmt: skip


@pytest.mark.database_free
@pytest.mark.parametrize("kind", ["txt", "md", "pdf", "docx"])
def test_two_thousand_signatories_read_back_exactly(kind):
    signed = datetime(2021, 3, 1, tzinfo=UTC)
    entries = [
        Entry(
            n, f"WP{n}", f"Workers Party of the Region {n}", "", "", "PE", "Peru", None, signed, n
        )
        for n in range(1, 2001)
    ]
    document = plain_document(entries)
    assert read_back(document, kind) == printed(document)


@pytest.mark.database_free
def test_the_json_export_is_read_as_data_not_as_text():
    signed = datetime(2021, 3, 1, tzinfo=UTC)
    document = plain_document(
        [Entry(1, "", "Union of Workers", "", "", "PE", "Peru", None, signed, 1)]
    )
    result = parse_bytes(RENDER["json"](document), "s.json")
    assert (result.title, result.body) == (
        "Statement on the Strike",
        "The undersigned organizations condemn the repression of the strike.",
    )


@pytest.mark.database_free
def test_an_entry_whose_next_word_did_not_fit_on_its_line_reads_back_whole_from_pdf():
    # The first two entries are short lines, the author's breaks; the third ends well before
    # the margin only because the long word after it was carried over: the page wrapped it.
    signed = datetime(2020, 9, 21, tzinfo=UTC)
    document = plain_document(
        [
            Entry(1, "MR (ML)", "League de Dawn", "", "Partei Popular Workers", "ZA",
                  "South Africa", None, signed, 1),
            Entry(2, "EEÇL-U", "Federation der Émancipation Red (Mashal)", "", "", "TR",
                  "Türkiye", None, signed, 2),
            Entry(3, "HANGUL/ML", "Organization, Marxist-Leninist Proletarian Trabajadores (ML)",
                  "", 'Committee and "New Left" Revolutionary Émancipation Ouvriers', "CD",
                  "Congo - Kinshasa", None, signed, 3),
        ]
    )  # fmt: skip
    assert read_back(document, "pdf") == printed(document)
