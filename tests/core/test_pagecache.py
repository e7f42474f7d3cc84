"""The page cache in front of Django, called as a WSGI server calls it."""

import io
import threading
import time
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganizationFactory, make_secretariat
from tests.operations.processes import wait_for
from undersigned.core.generation import content_generation
from undersigned.core.pagecache import GenerationClock, PageCache
from undersigned.signatures.services import record_signature
from undersigned.wsgi import application

pytestmark = pytest.mark.django_db

PAGE = "/statements/ICOR00359/"


def call(app, path: str, method: str = "GET", **headers: str) -> tuple[str, dict, bytes]:
    """One request through the WSGI application: (status, headers, body)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)
        return lambda data: None

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = app(environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


def get(path: str = PAGE, method: str = "GET", **headers: str) -> tuple[str, dict, bytes]:
    return call(application, path, method, **headers)


def test_anonymous_readers_get_the_cached_page_until_something_changes(
    example, django_capture_on_commit_callbacks
):
    status, headers, first = get()
    assert status == "200 OK"
    with CaptureQueriesContext(connection) as queries:
        status, cached_headers, second = get()
    assert len(queries) <= 1  # at most the content generation, nothing else
    assert second == first
    assert cached_headers == headers  # CSP, ETag and the rest, as Django sent them

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record_signature(example, organization=OrganizationFactory(abbreviation="NEW"))
    status, _headers, third = get()
    assert b"NEW" in third and third != first


def test_an_admin_edit_in_this_process_is_seen_at_once(example, django_capture_on_commit_callbacks):
    from undersigned.core.audit import record_event
    from undersigned.core.events import EventKind
    from undersigned.organizations.models import Organization

    app = PageCache(WSGIHandler(), generation_seconds=3600)
    assert b"Rode Morgen" in call(app, PAGE)[2]
    secretariat = make_secretariat()
    rm = Organization.objects.get(abbreviation="RM")
    # What the admin's save does (core/admin_site.py): the change and its event, one transaction.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Organization.objects.filter(pk=rm.pk).update(name="Rode Dageraad")
        record_event(
            EventKind.ADMIN_CHANGED,
            actor=secretariat,
            organization=rm,
            data={"model": "organizations.organization", "object": str(rm.pk)},
        )
    assert b"Rode Dageraad" in call(app, PAGE)[2]


def test_a_change_from_another_process_is_seen_once_the_generation_is_read_again(example):
    """A change committed by another worker process fires no signal here: this process reads
    the generation again after `generation_seconds`."""
    app = PageCache(WSGIHandler(), generation_seconds=3600)
    first = call(app, PAGE)[2]
    # As another process would: recorded, but this process's on-commit hooks never run.
    record_signature(example, organization=OrganizationFactory(abbreviation="ELSEWHERE"))
    assert call(app, PAGE)[2] == first  # within the window: the page as it was
    app.generation_seconds = 0  # the window has passed
    assert b"ELSEWHERE" in call(app, PAGE)[2]


def test_an_etag_or_date_match_is_answered_with_304_from_the_cache(example):
    _status, headers, _body = get()
    with CaptureQueriesContext(connection) as queries:
        status, not_modified, body = get(if_none_match=headers["ETag"])
    assert (status, body) == ("304 Not Modified", b"")
    assert len(queries) <= 1  # at most the content generation
    assert not_modified["ETag"] == headers["ETag"]
    assert "Content-Type" not in not_modified
    status, _headers, _body = get(if_none_match='"another"')
    assert status == "200 OK"
    status, _headers, _body = get(if_modified_since=headers["Last-Modified"])
    assert status == "304 Not Modified"
    status, _headers, _body = get(if_modified_since="Mon, 01 Jan 2001 00:00:00 GMT")
    assert status == "200 OK"


def test_a_head_request_gets_the_headers_without_the_page(example):
    _status, headers, _body = get()
    status, head, body = get(method="HEAD")
    assert (status, body) == ("200 OK", b"")
    assert head["Content-Length"] == headers["Content-Length"]


def test_signed_in_people_are_never_served_the_anonymous_copy(client, example):
    get()
    client.force_login(make_secretariat())
    session = client.cookies["sessionid"].value
    _status, _headers, body = get(cookie=f"sessionid={session}")
    assert b"Sign out" in body


def test_each_language_has_its_own_copy(example):
    english = get(accept_language="en")[2].decode()
    german = get(accept_language="de")[2].decode()
    assert "ICOR Statement on the Events in Belarus</h1>" in english
    assert "ICOR-Erklärung" in german


def test_readers_with_the_same_interface_language_still_get_their_own_text(example):
    """Both read the interface in French (no French text exists); one prefers German to
    English, the other English: each gets the text they asked for."""
    prefers_german = get(accept_language="fr, de;q=0.5")[2].decode()
    prefers_english = get(accept_language="fr, en;q=0.8")[2].decode()
    assert "ICOR-Erklärung" in prefers_german
    assert "ICOR Statement on the Events in Belarus</h1>" in prefers_english
    assert 'lang="fr"' in prefers_german and 'lang="fr"' in prefers_english


def test_what_is_not_a_public_page_goes_straight_to_django(example):
    app = PageCache(WSGIHandler())
    call(app, "/account/sign-in/")
    call(app, PAGE, method="POST")
    assert call(app, f"{PAGE}en/download/txt/")[0] == "200 OK"
    assert app.pages == {}
    call(app, PAGE)
    assert len(app.pages) == 1


def test_a_page_setting_a_cookie_or_holding_a_form_is_not_kept(example):
    def sets_cookie(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"), ("Set-Cookie", "a=b")])
        return [b"<p>yours</p>"]

    def has_form(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html")])
        return [b'<form><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>']

    for app in (PageCache(sets_cookie), PageCache(has_form)):
        assert call(app, PAGE)[0] == "200 OK"
        assert app.pages == {}


def test_pages_expire_and_the_oldest_make_room(example):
    app = PageCache(WSGIHandler(), ttl=0)
    call(app, PAGE)
    with CaptureQueriesContext(connection) as queries:
        call(app, PAGE)
    assert len(queries) > 1  # expired at once: rendered again

    app = PageCache(WSGIHandler(), max_entries=2)
    for language in ("en", "de", "fr"):
        call(app, PAGE, accept_language=language)
    assert [key[4] for key in app.pages] == ["de", "fr"]

    size = len(call(app, PAGE)[2])
    app = PageCache(WSGIHandler(), max_bytes=int(size * 1.5))
    for language in ("en", "de"):
        call(app, PAGE, accept_language=language)
    (kept,) = app.pages.values()
    assert [key[4] for key in app.pages] == ["de"]
    assert app.size == len(kept.body)


def test_a_page_read_over_https_is_not_the_answer_over_http(example, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    app = PageCache(WSGIHandler())  # its middleware reads the settings above
    assert call(app, PAGE, x_forwarded_proto="https")[0] == "200 OK"
    status, headers, _body = call(app, PAGE, x_forwarded_proto="http")
    assert status.startswith("301") and headers["Location"].startswith("https://")


def test_an_odd_accept_language_is_rendered_by_django_and_never_kept(example):
    """Django gives up on a header it cannot read (and falls back to English) where a lenient
    key would have called it German: such a header must not make the key of a German
    reader's page."""
    app = PageCache(WSGIHandler())
    for odd in ("\xa0de-DE,de;q=0.9", "de\xa0", "de" + " " * 300, "de;q=0.9," * 40):
        assert call(app, PAGE, accept_language=odd)[0] == "200 OK"
    assert app.pages == {}
    body = call(app, PAGE, accept_language="de-DE,de;q=0.9,en;q=0.8")[2].decode()
    assert '<html lang="de"' in body and "ICOR-Erklärung" in body
    assert len(app.pages) == 1


def test_a_feed_answered_304_from_the_cache_keeps_its_cors_headers(example):
    path = "/feeds/statements/ICOR00359/signatories/"
    status, headers, _body = get(path)
    assert status == "200 OK" and headers["Access-Control-Allow-Origin"] == "*"
    status, not_modified, _body = get(path, if_none_match=headers["ETag"])
    assert status == "304 Not Modified"
    assert not_modified["Access-Control-Allow-Origin"] == "*"


def test_an_unreadable_if_none_match_falls_back_to_the_date(example):
    _status, headers, _body = get()
    status, _headers, _body = get(
        if_none_match="nonsense", if_modified_since=headers["Last-Modified"]
    )
    assert status == "304 Not Modified"


class SlowPage:
    """A WSGI application whose renders are counted, and whose render number `slow` waits
    until released: a page that takes long to render while readers keep coming."""

    def __init__(self, slow: int) -> None:
        self.slow, self.renders = slow, 0
        self.release = threading.Event()

    def __call__(self, environ, start_response):
        self.renders += 1
        number = self.renders
        if number == self.slow:
            self.release.wait(10)
        start_response("200 OK", [("Content-Type", "text/html")])
        return [f"render {number}".encode()]


def in_thread(action) -> tuple[threading.Thread, list]:
    results: list = []
    thread = threading.Thread(target=lambda: results.append(action()))
    thread.start()
    return thread, results


def test_while_one_thread_renders_a_changed_page_its_readers_get_the_copy_it_replaces():
    """A surge of signatures changes the generation every second: readers must not all render
    the page at once (each render slowing the others past the next change)."""
    app = SlowPage(slow=2)
    cache = PageCache(app)
    generation = ["one"]
    cache.generation = lambda: generation[0]
    assert call(cache, PAGE)[2] == b"render 1"
    generation[0] = "two"  # something changed
    rendering, results = in_thread(lambda: call(cache, PAGE)[2])
    assert wait_for(lambda: app.renders == 2, 5)
    assert call(cache, PAGE)[2] == b"render 1"  # the copy being replaced, not a third render
    app.release.set()
    rendering.join(10)
    assert results == [b"render 2"]
    assert call(cache, PAGE)[2] == b"render 2"
    assert app.renders == 2


def test_readers_of_a_page_not_yet_kept_wait_for_the_one_render():
    app = SlowPage(slow=1)
    cache = PageCache(app)
    cache.generation = lambda: "one"
    first, first_results = in_thread(lambda: call(cache, PAGE)[2])
    assert wait_for(lambda: app.renders == 1, 5)
    second, second_results = in_thread(lambda: call(cache, PAGE)[2])
    app.release.set()
    first.join(10)
    second.join(10)
    assert first_results == second_results == [b"render 1"]
    assert app.renders == 1


def test_while_one_thread_reads_the_generation_the_others_take_the_one_it_replaces(example):
    clock = GenerationClock(seconds=0.5)
    first = clock.current()
    clock._known = (time.monotonic() - 1, "older")  # expired
    with clock._reading, CaptureQueriesContext(connection) as queries:  # a read under way
        seen = clock.current()
    assert (seen, len(queries)) == ("older", 0)
    assert clock.current() == first  # with no read under way, it reads


def test_a_reader_of_a_forgotten_generation_waits_for_the_read_not_the_older_value(example):
    clock = GenerationClock(seconds=0.5)
    clock._known = (time.monotonic(), "older")
    clock.forget()
    assert clock.current() == content_generation().fingerprint
