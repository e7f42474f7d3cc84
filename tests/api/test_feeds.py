"""The Atom feeds parse as Atom 1.0 and carry every element Atom requires."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
from django.utils import timezone

from tests.factories import StatementFactory, VersionFactory
from undersigned.statements.models import State

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> tuple[feedparser.FeedParserDict, ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed, ET.fromstring(response.content)  # noqa: S314 (our own answer)


def assert_valid_atom(root: ET.Element) -> None:
    """RFC 4287: a feed has id, title, updated and an author (or each entry has one); every entry
    has id, title, updated and here an alternate link."""
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert links and links[0].get("href").startswith("http")
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids))


def test_statements_feed_lists_published_statements_newest_first(client, example):
    newer = StatementFactory(number=400, published_at=timezone.now() - timedelta(days=1))
    VersionFactory(statement=newer, title="A newer statement")
    VersionFactory(statement=StatementFactory(number=401, state=State.DRAFT), title="Secret")

    parsed, root = parse(client.get("/feeds/statements/"))

    assert_valid_atom(root)
    assert [entry.title for entry in parsed.entries] == [
        "ICOR00400 A newer statement",
        "ICOR00359 ICOR Statement on the Events in Belarus",
    ]
    assert parsed.entries[1].link == "http://testserver/statements/ICOR00359/"
    assert parsed.feed.title == "ICOR: statements"


def test_signatories_feed_has_one_entry_per_signature_newest_first(client, example):
    parsed, root = parse(client.get("/feeds/statements/ICOR00359/signatories/"))

    assert_valid_atom(root)
    assert len(parsed.entries) == 32
    assert [entry.title for entry in parsed.entries[:3]] == [
        "PS-GdT signed ICOR00359",
        "PR-ByH signed ICOR00359",
        "UPML signed ICOR00359",
    ]
    assert parsed.entries[0].summary == (
        "Plataforma Socialista - Golpe de Timón (Socialist Platform – Change of Course), Venezuela"
    )
    assert parsed.entries[0].updated == "2020-09-21T08:30:00+00:00"
    assert parsed.feed.updated == "2020-09-21T08:30:00+00:00"


def test_an_entry_names_the_organization_and_its_country_as_the_page_does(client, example):
    """The country only where the names do not say it already, as on the page and in print."""
    parsed, _root = parse(client.get("/feeds/statements/ICOR00359/signatories/"))
    summaries = {entry.title: entry.summary for entry in parsed.entries}

    assert summaries["MLPD signed ICOR00359"] == (
        "Marxistisch-Leninistische Partei Deutschlands (Marxist-Leninist Party of Germany)"
    )
    assert summaries["RM signed ICOR00359"] == "Rode Morgen (Red Dawn), Netherlands"


def test_the_feeds_speak_the_readers_language(client, example):
    parsed, root = parse(
        client.get("/feeds/statements/ICOR00359/signatories/", HTTP_ACCEPT_LANGUAGE="de")
    )
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert parsed.feed.title.startswith("Unterzeichner von ICOR00359 ")
    assert parsed.feed.subtitle == (
        "Die Organisationen, die ICOR00359 unterzeichnen, die neuesten zuerst."
    )
    assert "MLPD hat ICOR00359 unterzeichnet" in [entry.title for entry in parsed.entries]
    statements, _root = parse(client.get("/feeds/statements/", HTTP_ACCEPT_LANGUAGE="fr"))
    assert statements.feed.title == "ICOR : déclarations"
    assert "Signée par 32 organisations." in statements.entries[0].summary


def test_no_feed_for_an_unpublished_statement(client, example):
    VersionFactory(statement=StatementFactory(number=402, state=State.DRAFT))

    assert client.get("/feeds/statements/ICOR00402/signatories/").status_code == 404
    assert client.get("/feeds/statements/ICOR09999/signatories/").status_code == 404
