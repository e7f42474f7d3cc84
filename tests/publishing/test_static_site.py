"""`publish-site`: the public side as static files, served by a plain static file server."""

import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import feedparser
import pytest
from django.core.management import CommandError, call_command

from tests.publishing.test_translations import GERMAN_TITLE, newer_original
from undersigned.publishing.static_site import MARKER

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if name in ("href", "src") and value]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=directory))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, "", b""


def crawl(root: str) -> tuple[dict[str, tuple[str, bytes]], dict[str, list[str]]]:
    """Every file reachable from the root by href and src on the same host: {url: (type,
    body)}, and each page's links as written."""
    host = urlsplit(root).netloc
    answers: dict[str, tuple[str, bytes]] = {}
    links: dict[str, list[str]] = {}
    queue = [root]
    while queue:
        url = queue.pop()
        if url in answers:
            continue
        status, content_type, body = get(url)
        assert status == 200, f"{url} answered {status}"
        answers[url] = (content_type, body)
        if content_type != "text/html":
            continue
        parser = Links()
        parser.feed(body.decode("utf-8"))
        links[url] = parser.links
        for link in parser.links:
            target = urldefrag(urljoin(url, link)).url
            if urlsplit(target).netloc == host and target not in answers:
                queue.append(target)
    return answers, links


def publish(outdir: Path, *args: str) -> None:
    call_command("publish-site", str(outdir), "--base-url", "https://static.example.org/", *args)


def test_the_static_copy_works_on_a_plain_static_file_server(example, settings, tmp_path):
    settings.SITE_URL = "https://live.example.org"
    site = tmp_path / "site"
    publish(site)

    with serving(site) as root:
        answers, links = crawl(root)

    pages = {url for url, (kind, _body) in answers.items() if kind == "text/html"}
    by_suffix = {
        suffix: [body for url, (_kind, body) in answers.items() if url.endswith(suffix)]
        for suffix in (".pdf", ".docx", ".atom", ".css", ".txt", ".md", ".json", ".svg")
    }
    assert len(by_suffix[".pdf"]) == 2 and all(b.startswith(b"%PDF") for b in by_suffix[".pdf"])
    assert len(by_suffix[".docx"]) == 2
    for body in by_suffix[".docx"]:
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(body)).namelist()
    for suffix in (".txt", ".md"):
        assert len(by_suffix[suffix]) == 2, suffix
    assert len(by_suffix[".json"]) == 3  # the texts', and the audit trail's signed head
    assert by_suffix[".css"] and by_suffix[".svg"]
    assert len(by_suffix[".atom"]) == 2
    for body in by_suffix[".atom"]:
        feed = feedparser.parse(body)
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert feed.entries

    assert {root, root + "statements/index.html", root + "statements/ICOR00359/index.html"} <= pages
    for language in ("en", "de"):
        assert f"{root}statements/ICOR00359/{language}/index.html" in pages
    assert f"{root}statements/ICOR00359/record/index.html" in pages
    german = answers[root + "statements/ICOR00359/de/index.html"][1].decode()
    assert f"<h1>{GERMAN_TITLE}</h1>" in german
    english = answers[root + "statements/ICOR00359/index.html"][1].decode()
    assert "<h1>ICOR Statement on the Events in Belarus</h1>" in english

    for page, written in links.items():
        assert not [link for link in written if link.startswith("/")], page
        assert not [link for link in written if "/language/" in link], page
    # Sign in is on the live site; the canonical address is the static copy's.
    assert "https://live.example.org/account/" in german
    assert '<link rel="canonical" href="https://static.example.org/statements/ICOR00359/de/">' in (
        german
    )


def test_an_outdated_translation_links_to_its_diff_page_and_without_site_url_no_sign_in(
    example, settings, tmp_path
):
    newer_original(example)
    settings.SITE_URL = ""
    site = tmp_path / "site"
    publish(site)

    with serving(site) as root:
        answers, links = crawl(root)

    assert f"{root}statements/ICOR00359/diff/05.01/05.02/index.html" in answers
    assert not any("account" in link for written in links.values() for link in written)
    assert not any(link.startswith("/") for written in links.values() for link in written)


def test_a_foreign_directory_is_refused_and_an_earlier_copy_is_rebuilt(example, tmp_path):
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("mine")
    with pytest.raises(CommandError) as refused:
        publish(foreign)
    assert refused.value.returncode == 2
    assert "not written by publish-site" in str(refused.value)
    assert [p.name for p in foreign.iterdir()] == ["thesis.txt"]

    site = tmp_path / "site"
    publish(site)
    (site / "stale.html").write_text("old")
    publish(site)
    assert (site / MARKER).is_file()
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()


def test_the_summary_counts_pages_files_and_bytes(example, tmp_path, capsys):
    publish(tmp_path / "site")
    out = capsys.readouterr().out
    files = [p for p in (tmp_path / "site").rglob("*") if p.is_file() and p.name != MARKER]
    assert f"pages, {len(files)} files," in out
    assert out.startswith("Wrote ")


def test_a_base_url_with_a_path_prefixes_the_absolute_links(example, tmp_path):
    call_command(
        "publish-site", str(tmp_path / "site"), "--base-url", "https://example.org/coalition/"
    )
    german = (tmp_path / "site/statements/ICOR00359/de/index.html").read_text()
    feed = (tmp_path / "site/feeds/statements.atom").read_text()
    assert (
        '<link rel="canonical" href="https://example.org/coalition/statements/ICOR00359/de/">'
        in (german)
    )
    assert 'href="../../../static/undersigned/site.css"' in german
    assert 'href="https://example.org/coalition/feeds/statements.atom" rel="self"' in feed


def test_a_base_url_that_is_not_http_is_refused(example, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("publish-site", str(tmp_path / "site"), "--base-url", "example.org")
    assert refused.value.returncode == 2


def test_the_interface_language_is_chosen_the_texts_stay_in_theirs(example, tmp_path):
    site = tmp_path / "site"
    call_command("publish-site", str(site), "--interface-language", "de")
    bare = (site / "statements/ICOR00359/index.html").read_text()
    assert '<html lang="de">' in bare
    assert "<h1>ICOR Statement on the Events in Belarus</h1>" in bare
