"""The downloads print the individuals after the organizations, in the text's language, with
the fields shown only; all of them, or the first N and the count of the others. Each format is
read back: the PDF with pypdfium2, the DOCX with python-docx, the ODT with odfpy, and every
format through our importer, organizations and individuals alike."""

import io
import json
import statistics
import time
from pathlib import Path

import docx
import pypdfium2
import pytest
from django.core.management import call_command
from django.utils import translation
from odf import opendocument, teletype
from odf.text import H, P

from tests.factories import VersionFactory, make_secretariat
from tests.importing.test_round_trip import RENDER, printed
from undersigned.cosigners.models import FieldUse, Listing, Order
from undersigned.cosigners.services import (
    confirm_signature,
    seal_pending_batches,
    set_opening,
    set_people_list,
    sign_as_person,
)
from undersigned.importing.parsers import parse_bytes
from undersigned.publishing.downloads import FORMATS
from undersigned.publishing.selectors import build_document
from undersigned.publishing.values import Document, People

SIGNERS = [
    ("Ana Alves", "University of Lyon", "FR"),
    ("Jonas Jansson", "", "SE"),
    ("Mehmet Mutlu", "Teachers' union Eğitim-Sen", "TR"),
    ("Olga Orlova", "", ""),
    ("Bruno Brandt", "Stadtrat", "DE"),
]


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def secretariat(db):
    return make_secretariat()


def open_and_sign(statement, secretariat, *, language="en", listing=Listing.LISTED, **uses):
    set_opening(statement, language=language, listing=listing, by=secretariat, **uses)
    version = statement.current_version(language)
    for i, (name, affiliation, country) in enumerate(SIGNERS):
        signed = sign_as_person(
            statement,
            language=language,
            version_hash=version.content_hash,
            name=name,
            email=f"person{i}@example.org",
            affiliation=affiliation,
            country=country,
        )
        confirm_signature(signed.signature)
    return version


@pytest.fixture
def signed(example, secretariat):
    open_and_sign(example, secretariat)
    return example


ENGLISH_LINES = (
    "Ana Alves, University of Lyon, France",
    "Bruno Brandt, Stadtrat, Germany",
    "Jonas Jansson, Sweden",
    "Mehmet Mutlu, Teachers' union Eğitim-Sen, Türkiye",
    "Olga Orlova",
)


def test_the_document_holds_the_individuals_in_the_lists_order(signed):
    document = build_document(signed)
    assert document.people == People(
        heading="Individual signatories:", names=ENGLISH_LINES, count=5, rest=""
    )


def test_only_the_fields_shown_are_printed(example, secretariat):
    open_and_sign(example, secretariat, affiliation=FieldUse.ASKED, country=FieldUse.SHOWN)
    assert build_document(example).people.names == (
        "Ana Alves, France",
        "Bruno Brandt, Germany",
        "Jonas Jansson, Sweden",
        "Mehmet Mutlu, Türkiye",
        "Olga Orlova",
    )


def test_the_first_names_and_the_count_of_the_others(signed, secretariat):
    set_people_list(signed, order=Order.COUNTRY, in_documents=2, by=secretariat)
    people = build_document(signed).people
    # by country, in English: France, Germany, Sweden, Türkiye, then no country
    assert people.names == ENGLISH_LINES[:2]
    assert people.rest == "… and 3 more."


def test_a_statement_that_only_counts_people_prints_the_count(example, secretariat):
    open_and_sign(example, secretariat, listing=Listing.COUNTED)
    assert build_document(example).people == People(
        heading="", names=(), count=5, rest="Individuals who signed: 5"
    )


def test_no_individuals_no_part_of_theirs(example):
    assert build_document(example).people is None


@pytest.mark.parametrize(
    ("language", "heading", "line"),
    [
        ("de", "Unterzeichnende Einzelpersonen:", "Ana Alves, University of Lyon, Frankreich"),
        ("fr", "Signataires à titre personnel :", "Ana Alves, University of Lyon, France"),
        ("es", "Firmantes a título personal:", "Ana Alves, University of Lyon, Francia"),
        ("ru", "Частные лица:", "Ana Alves, University of Lyon, Франция"),
        ("tr", "İmzacı kişiler:", "Ana Alves, University of Lyon, Fransa"),
    ],
)
def test_the_heading_and_the_countries_are_in_the_texts_language(
    example, secretariat, language, heading, line
):
    if example.current_version(language) is None:  # a translation of the original
        original = example.current_version("en")
        VersionFactory(statement=example, language=language, major=original.major,
                       minor=original.minor, source=original, title=original.title)  # fmt: skip
    open_and_sign(example, secretariat, language=language)
    people = build_document(example, version=example.current_version(language)).people
    assert people.heading == heading
    assert line in people.names


def test_the_count_of_the_others_is_written_in_the_texts_language(example, secretariat):
    open_and_sign(example, secretariat, language="de")
    set_people_list(example, order=Order.NAME, in_documents=1, by=secretariat)
    people = build_document(example, version=example.current_version("de")).people
    assert people.rest == "… und 4 weitere."


# Each format read back --------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    return "\n".join(pages).replace("\r\n", "\n")


def test_the_pdf_prints_the_individuals_after_the_organizations(signed, secretariat):
    set_people_list(signed, order=Order.NAME, in_documents=3, by=secretariat)
    text = pdf_text(FORMATS["pdf"].render(build_document(signed)))
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index("Individual signatories:")
    assert lines[start + 1 : start + 4] == list(ENGLISH_LINES[:3])
    assert "… and 2 more." in lines[start + 4 :]
    assert text.index("Workers") < text.index("Individual signatories:")  # after the entries


def test_the_docx_prints_the_individuals_after_the_organizations(signed):
    doc = docx.Document(io.BytesIO(FORMATS["docx"].render(build_document(signed))))
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    start = texts.index(("Heading 1", "Individual signatories:"))
    assert [text for _style, text in texts[start + 1 :]] == list(ENGLISH_LINES)
    assert texts[start - 1][1].startswith("PS-GdT")  # the last organization of the example


def test_the_odt_prints_the_individuals_after_the_organizations(signed, secretariat):
    set_people_list(signed, order=Order.NAME, in_documents=4, by=secretariat)
    doc = opendocument.load(io.BytesIO(FORMATS["odt"].render(build_document(signed))))
    headings = [teletype.extractText(h) for h in doc.text.getElementsByType(H)]
    assert headings[-1] == "Individual signatories:"
    paragraphs = [teletype.extractText(p) for p in doc.text.getElementsByType(P)]
    assert paragraphs[-5:] == [*ENGLISH_LINES[:4], "… and 1 more."]


def test_the_json_and_html_carry_the_individuals(signed):
    document = build_document(signed)
    data = json.loads(FORMATS["json"].render(document))
    assert data["individuals"] == {
        "heading": "Individual signatories:",
        "names": list(ENGLISH_LINES),
        "count": 5,
        "more": None,
    }
    html = RENDER["html"](document).decode()
    assert '<ul class="people"><li>Ana Alves, University of Lyon, France</li>' in html


def people_read_back(document: Document, kind: str) -> tuple[dict, list[dict]]:
    result = parse_bytes(RENDER[kind](document), f"statement.{kind}").to_dict()
    organizations = [e for e in result["signatories"] if e["kind"] == "organization"]
    persons = [e for e in result["signatories"] if e["kind"] == "person"]
    keys = printed(document)["signatories"][0]
    data = {key: result[key] for key in printed(document) if key != "signatories"}
    data["signatories"] = [{key: entry[key] for key in keys} for entry in organizations]
    return data, persons


@pytest.mark.parametrize("kind", ["txt", "md", "html", "pdf", "docx", "odt"])
def test_an_export_with_individuals_reads_back_organizations_and_individuals(signed, kind):
    document = build_document(signed)
    organizations, persons = people_read_back(document, kind)
    assert organizations == printed(document)
    # The affiliation or role is read as one or the other; the name and country exactly.
    assert [(p["name"], p["affiliation"] or p["role"], p["country"]) for p in persons] == [
        ("Ana Alves", "University of Lyon", "FR"),
        ("Bruno Brandt", "Stadtrat", "DE"),
        ("Jonas Jansson", None, "SE"),
        ("Mehmet Mutlu", "Teachers' union Eğitim-Sen", "TR"),
        ("Olga Orlova", None, None),
    ]


@pytest.mark.parametrize("kind", ["txt", "md", "pdf", "docx", "odt"])
def test_the_count_of_the_others_is_not_read_as_a_person(signed, secretariat, kind):
    set_people_list(signed, order=Order.NAME, in_documents=2, by=secretariat)
    document = build_document(signed)
    organizations, persons = people_read_back(document, kind)
    assert organizations == printed(document)
    assert [p["name"] for p in persons] == ["Ana Alves", "Bruno Brandt"]


def test_the_export_command_writes_the_individuals(signed, tmp_path):
    target = tmp_path / "out.md"
    call_command("export", "ICOR00359", "--format", "md", "-o", str(target))
    text = target.read_text("utf-8")
    assert "## Individual signatories:\n\nAna Alves, University of Lyon, France  \n" in text


def test_a_pdf_of_a_thousand_names_and_the_count_takes_under_a_second(signed):
    document = build_document(signed)
    names = tuple(f"Person {i:04d}, Institute of Studies {i}, France" for i in range(1000))
    thousand = Document(
        **{
            **document.__dict__,
            "people": People("Individual signatories:", names, 100_000, "… and 99,000 more."),
        }
    )
    FORMATS["pdf"].render(thousand)  # the first compile loads the fonts
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        data = FORMATS["pdf"].render(thousand)
        runs.append(time.perf_counter() - started)
    assert statistics.median(runs) < 1.0, runs
    assert "Person 0999, Institute of Studies 999, France" in pdf_text(data)


def test_a_static_copy_holds_the_list_and_links_to_the_live_site_for_signing(
    signed, tmp_path, settings
):
    settings.SITE_URL = "https://live.example.org"
    outdir = tmp_path / "site"
    call_command("publish-site", str(outdir), "--base-url", "https://static.example.org/")
    page = (outdir / "statements/ICOR00359/en/index.html").read_text("utf-8")
    assert 'method="post"' not in page
    assert (
        '<a href="https://live.example.org/statements/ICOR00359/en/#sign-as-person-heading">'
        "Add your name on the statement&#x27;s site</a>" in page
    )
    assert "5 people have signed." in page
    people = (outdir / "statements/ICOR00359/en/people/index.html").read_text("utf-8")
    assert "Ana Alves" in people and "Olga Orlova" in people
    assert 'action="https://live.example.org/statements/ICOR00359/en/people/"' in people
    assert "Numbers by country" in people


def test_the_static_copy_links_the_live_log_of_individual_signatures(signed, tmp_path, settings):
    """The log grows with every batch and is read by pages (`?from=`): a copy points to the
    live one rather than freezing a part of it; without a live site, the words stay, unlinked."""
    seal_pending_batches()
    settings.SITE_URL = "https://live.example.org"
    outdir = tmp_path / "site"
    call_command("publish-site", str(outdir), "--base-url", "https://static.example.org/")
    record = (outdir / "statements/ICOR00359/record/index.html").read_text("utf-8")
    live = "https://live.example.org/statements/ICOR00359/individuals/log.json"
    assert f'<a href="{live}">the statement\'s public log</a>' in record
    settings.SITE_URL = ""
    call_command("publish-site", str(tmp_path / "alone"), "--base-url", "https://s.example.org/")
    alone = (tmp_path / "alone/statements/ICOR00359/record/index.html").read_text("utf-8")
    assert "the statement's public log" in alone and "log.json" not in alone


def test_without_a_live_site_the_static_copy_has_no_form(signed, tmp_path, settings):
    settings.SITE_URL = ""
    outdir = tmp_path / "site"
    call_command("publish-site", str(outdir), "--base-url", "https://static.example.org/")
    for page in Path(outdir).rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<form" not in html, page


def test_a_long_list_is_written_as_pages_of_its_own(example, secretariat, tmp_path, settings):
    set_opening(example, language="en", listing=Listing.LISTED, by=secretariat)
    version = example.current_version("en")
    for i in range(101):
        signed = sign_as_person(
            example, language="en", version_hash=version.content_hash,
            name=f"Person {i:03d}", email=f"p{i}@example.org",
        )  # fmt: skip
        confirm_signature(signed.signature)
    outdir = tmp_path / "site"
    call_command("publish-site", str(outdir), "--base-url", "https://static.example.org/")
    first = (outdir / "statements/ICOR00359/en/people/index.html").read_text("utf-8")
    second = (outdir / "statements/ICOR00359/en/people/2/index.html").read_text("utf-8")
    assert "Person 099" in first and "Person 100" not in first
    assert "Person 100" in second
    assert 'href="2/index.html" rel="next"' in first
    assert 'href="../index.html" rel="prev"' in second
