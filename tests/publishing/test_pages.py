import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.conftest import seed_entries
from tests.factories import VersionFactory, make_secretariat
from undersigned.cosigners.models import Listing
from undersigned.cosigners.services import confirm_signature, set_opening, sign_as_person
from undersigned.signatures.models import Signature
from undersigned.statements.models import State, Statement
from undersigned.statements.services import create_statement, set_statement_state

pytestmark = pytest.mark.django_db

HEADING = "Signatories (as of 21 September 2020, further signatories possible):"


class EntryParser(HTMLParser):
    """Collects the text of each <li> of ol.entries as a reader sees it."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[str] = []
        self.values: list[str] = []
        self.langs: dict[str, str] = {}
        self._in_entries = False
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and "entries" in (attrs.get("class") or ""):
            self._in_entries = True
        elif tag == "li" and self._in_entries:
            self._current = []
            self.values.append(attrs.get("value"))
        elif self._current is not None and attrs.get("lang"):
            self._lang = attrs["lang"]

    def handle_endtag(self, tag):
        if tag == "li" and self._current is not None:
            self.entries.append(" ".join("".join(self._current).split()))
            self._current = None
        elif tag == "ol":
            self._in_entries = False

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)


def parse_entries(html: str) -> EntryParser:
    parser = EntryParser()
    parser.feed(html)
    return parser


def test_home_and_list_show_published_statements_newest_first(client, example):
    for url in ["/", "/statements/"]:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "ICOR00359" in html
        assert "ICOR Statement on the Events in Belarus" in html
        assert "32 signatories" in html


def confirmed_people(version, *emails: str) -> None:
    statement = version.statement
    set_opening(statement, language="en", listing=Listing.COUNTED, by=make_secretariat())
    for email in emails:
        signed = sign_as_person(
            statement, language="en", version_hash=version.content_hash, name=email, email=email
        )
        confirm_signature(signed.signature)


def test_the_list_counts_the_people_who_signed_beside_the_organizations(client, example):
    confirmed_people(example.current_version(), "a@x.org", "b@x.org")
    signed_by_people = VersionFactory(
        statement__number=400, statement__further_signatories_possible=True, title="By people"
    )
    confirmed_people(signed_by_people, "c@x.org")
    pending = sign_as_person(
        signed_by_people.statement, language="en", version_hash=signed_by_people.content_hash,
        name="D", email="d@x.org",
    )  # fmt: skip

    counts = [
        " ".join(count.split())
        for count in re.findall(r'<p class="count">(.*?)</p>', client.get("/statements/").text)
    ]

    # A statement signed by people only said "0 signatories"; one not yet confirmed counts not.
    assert counts == ["1 person has signed.", "32 signatories · 2 people have signed."]
    assert pending.signature.state == "pending"


def test_drafts_are_not_listed_nor_shown(client, example):
    Statement.objects.filter(pk=example.pk).update(state=State.DRAFT)
    assert "ICOR00359" not in client.get("/statements/").content.decode()
    assert client.get("/statements/ICOR00359/").status_code == 404


def test_the_statement_page_prints_the_32_entries_in_the_example_order(client, example):
    response = client.get("/statements/ICOR00359/")
    assert response.status_code == 200
    parser = parse_entries(response.content.decode())
    assert [
        f"{value}. {text}" for value, text in zip(parser.values, parser.entries, strict=True)
    ] == [re.sub(r"^(\d+)\. (.*?)   ", r"\1. \2 ", entry) for entry in seed_entries()]


def test_the_statement_page_has_title_body_slogans_and_the_as_of_line(client, example):
    html = client.get("/statements/ICOR00359/").content.decode()
    assert "<h1>ICOR Statement on the Events in Belarus</h1>" in html
    assert HEADING in html
    assert '<div class="slogans"><p>For the right of self-determination' in html
    assert "Workers of all countries, unite!<br>\nFor democracy, freedom and socialism!" in html
    assert (
        html.index("Strengthening the ICOR") < html.index('class="slogans"') < html.index(HEADING)
    )


def test_foreign_names_carry_their_language(client, example):
    html = client.get("/statements/ICOR00359/").content.decode()
    assert (
        '<span class="name" lang="fr">Parti Communiste Proletarien de Côte d&#x27;Ivoire</span>'
        in html
    )
    assert (
        '<span class="name" lang="de">Marxistisch-Leninistische Partei Deutschlands</span>' in html
    )
    assert '<span class="name">Moroccan Marxist-Leninist Proletarian Line</span>' in html


def test_the_as_of_date_follows_the_latest_signature(client, example):
    Signature.objects.filter(organization__abbreviation="PS-GdT").update(
        withdrawn_at=timezone.now()
    )
    html = client.get("/statements/ICOR00359/").content.decode()
    latest = Signature.objects.filter(withdrawn_at__isnull=True).order_by("-signed_at").first()
    assert latest.signed_at.date().isoformat() < "2020-09-21"
    day = latest.signed_at.day
    assert f"Signatories (as of {day} September 2020, further signatories possible):" in html


def test_a_closed_statement_drops_the_further_signatories_clause(client, example):
    Statement.objects.filter(pk=example.pk).update(state=State.CLOSED)
    html = client.get("/statements/ICOR00359/").content.decode()
    assert "Signatories (as of 21 September 2020):" in html
    assert "further signatories possible" not in html


def test_a_published_statement_without_further_signatories_uses_the_closed_wording(client, example):
    Statement.objects.filter(pk=example.pk).update(further_signatories_possible=False)
    html = client.get("/statements/ICOR00359/").content.decode()
    assert "Signatories (as of 21 September 2020):" in html


def test_unknown_and_malformed_document_ids_are_404(client, example):
    assert client.get("/statements/ICOR00001/").status_code == 404
    assert client.get("/statements/nonsense/").status_code == 404


def test_a_lowercase_document_id_redirects_to_the_canonical_url(client, example):
    response = client.get("/statements/icor00359/")
    assert response.status_code == 301
    assert response["Location"] == "/statements/ICOR00359/"


def test_pages_carry_a_strict_content_security_policy(client, example):
    response = client.get("/statements/ICOR00359/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "<script" not in response.content.decode()
    assert " style=" not in response.content.decode()


def test_markup_in_names_is_printed_as_text(client, example):
    """Abbreviation, name, translation and territory each escaped, however they were typed."""
    from undersigned.organizations.models import Organization, OrganizationTranslation

    organization = Organization.objects.get(abbreviation="MLPD")
    Organization.objects.filter(pk=organization.pk).update(
        abbreviation="<b>M&L</b>",
        name='Partei "<i>Rot</i>"',
        territory_label="<script>x</script>",
    )
    OrganizationTranslation.objects.update_or_create(
        organization=organization, language="en", defaults={"name": "Party 'Red' & <Co>"}
    )
    html = client.get("/statements/ICOR00359/").content.decode()
    assert (
        '<span class="abbr">&lt;b&gt;M&amp;L&lt;/b&gt;</span> '
        '<span class="name" lang="de">Partei &quot;&lt;i&gt;Rot&lt;/i&gt;&quot;</span> '
        '<span class="translation">(Party &#x27;Red&#x27; &amp; &lt;Co&gt;)</span>'
        '<span class="country">, &lt;script&gt;x&lt;/script&gt;</span>'
    ) in html
    assert "<script>" not in html and "<b>" not in html


def _published(secretariat, title, *, french=None):
    from undersigned.statements.services import add_version

    statement = create_statement(
        language="en", title=title, short_title=title[:20], body="Text.", author=secretariat
    )
    if french:
        add_version(
            statement, title=french, short_title=french[:20], body="Texte.", language="fr",
            source=statement.current_version(), author=secretariat,
        )  # fmt: skip
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    set_statement_state(statement, to=State.PUBLISHED, by=secretariat)
    return statement


def _titles(page: str) -> list[str]:
    return re.findall(r'<h2><a href="/statements/[^"]+/" lang="\w+">([^<]+)</a></h2>', page)


def test_a_reader_finds_a_statement_by_words_of_its_title_in_any_language_or_by_its_number(client):
    secretariat = make_secretariat()
    dockers = _published(
        secretariat, "Solidarity with the dockers of Antwerp", french="Avec les dockers d'Anvers"
    )
    _published(secretariat, "On the events in Belarus")

    by_words = client.get("/statements/", {"q": "dockers antwerp"}).content.decode()
    by_french = client.get("/statements/", {"q": "anvers"}).content.decode()
    by_number = client.get("/statements/", {"q": dockers.document_id.lower()}).content.decode()
    nothing = client.get("/statements/", {"q": "harbour"}).content.decode()

    assert _titles(by_words) == ["Solidarity with the dockers of Antwerp"]
    assert "1 statement matches “dockers antwerp”." in by_words
    assert _titles(by_french) == ["Solidarity with the dockers of Antwerp"]
    assert _titles(by_number) == ["Solidarity with the dockers of Antwerp"]
    assert _titles(nothing) == []
    assert "0 statements match “harbour”." in nothing
    assert "No statement has been published yet." not in nothing
    assert 'value="harbour"' in nothing


def test_the_list_names_each_statement_in_the_readers_language_where_it_has_a_text(client):
    secretariat = make_secretariat()
    _published(secretariat, "Solidarity with the dockers", french="Avec les dockers")
    _published(secretariat, "On the events in Belarus")

    french = client.get("/statements/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    italian = client.get("/statements/", HTTP_ACCEPT_LANGUAGE="it, fr;q=0.5").content.decode()
    english = client.get("/statements/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    named = r'<h2><a href="/statements/[^"]+/" lang="(\w+)">([^<]+)</a></h2>'
    assert re.findall(named, french) == [
        ("en", "On the events in Belarus"),
        ("fr", "Avec les dockers"),
    ]
    assert re.findall(named, italian) == re.findall(named, french)
    assert re.findall(named, english) == [
        ("en", "On the events in Belarus"),
        ("en", "Solidarity with the dockers"),
    ]


def test_a_reader_who_kept_the_list_in_one_language_gets_it_again_in_another(client):
    secretariat = make_secretariat()
    _published(secretariat, "Solidarity with the dockers", french="Avec les dockers")
    english = client.get("/statements/", HTTP_ACCEPT_LANGUAGE="en")

    # Italian is no language of the interface (it stays English), but the French title counts.
    again = client.get(
        "/statements/", HTTP_ACCEPT_LANGUAGE="it, fr;q=0.5", HTTP_IF_NONE_MATCH=english["ETag"]
    )

    assert again.status_code == 200
    assert "Avec les dockers" in again.content.decode()
    assert "Accept-Language" in again["Vary"]
