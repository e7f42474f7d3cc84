"""A cache of public pages for readers who are not signed in, in front of Django.

The public side must survive a crowd: a statement page is the same bytes for every anonymous
reader who sends the same Host, Accept-Language and language cookie. Each worker process
keeps the pages it rendered, keyed by those and the URL, and serves one only while the
*content generation* it was rendered at is still the newest — the newest audit event
(core/generation.py), which every write records, the admin's too, and the newest leaf of the
individuals' logs, whose event (their batch's) comes later — so any signature, confirmation,
version, state change or edit in the admin makes every cached page stale. Entries also
expire after a minute, for what time alone changes (a signing deadline passing).

The generation is read at most once per UNDERSIGNED_PAGE_GENERATION_MS (half a second) per
process, and afresh as soon as this process commits an audit event: a change made in another
process reaches this one's readers within that, one made here at once. Reading it for every
request would make every page served from the cache wait on the database (on PostgreSQL, a
round trip each).

One page is rendered by one thread at a time (per process): while it renders, the readers of
that page get the copy it replaces, if there is one, else wait for it. During a surge of
signatures the generation changes every second; without this, every reader arriving after a
change would render the page at once, and renders slowed by each other could each outlast
the next change.

It is WSGI middleware (`undersigned/wsgi.py`), not Django middleware: a page served from it
costs no request object, middleware chain or signal, so a crowd reading one statement costs
the server little more than a static file would.
"""

import re
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http.cookie import parse_cookie
from django.utils.http import parse_etags, parse_http_date_safe

from undersigned.core.counters import count
from undersigned.core.generation import content_generation
from undersigned.core.models import AuditEvent

PUBLIC_PREFIXES = ("/statements/", "/feeds/")
TTL_SECONDS = 60
MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024  # per worker process; a page of a thousand signatories is ~100 kB
# How long a reader with no older copy waits for another thread's render of the same page,
# before rendering it itself.
WAIT_SECONDS = 10.0
# What a 304 carries of the page's headers (RFC 9110 15.4.5), as Django's own 304s do, and the
# CORS headers the feeds send, which a browser checks on a 304 too.
NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "etag", "expires", "last-modified"}
NOT_MODIFIED_HEADERS |= {"vary", "access-control-allow-origin", "access-control-expose-headers"}
# Keys are made of what readers send: only plain, short values make one (an odd one is
# rendered by Django each time, as is its right), so nobody can fill the cache with variants
# or make one reader's key stand for a page Django negotiated differently.
PLAIN_VALUE = re.compile(r"[A-Za-z0-9 ,;=.*_-]{0,200}")

StartResponse = Callable[..., Callable[[bytes], object]]


@dataclass(frozen=True)
class Page:
    generation: str
    expires: float  # time.monotonic()
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name), None)


def _path(environ: dict) -> str:
    return environ.get("PATH_INFO", "")


def _scheme(environ: dict) -> str:
    """As Django reads it: an https page is never the answer to a plain http request, which
    Django redirects when SECURE_SSL_REDIRECT is on."""
    header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if header and header[0] in environ:
        return "https" if environ[header[0]].split(",")[0].strip() == header[1] else "http"
    return environ.get("wsgi.url_scheme", "http")


def _public(environ: dict) -> bool:
    """A read of a public page: what the cache may answer, if the reader allows it."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    path = _path(environ)
    return (path == "/" or path.startswith(PUBLIC_PREFIXES)) and "/download/" not in path


def _cacheable(environ: dict, cookies: dict[str, str]) -> bool:
    """Whether this reader gets the shared copy of a public page."""
    sent = (
        environ.get("HTTP_ACCEPT_LANGUAGE", ""),
        environ.get("QUERY_STRING", ""),
        cookies.get(settings.LANGUAGE_COOKIE_NAME, ""),
    )
    if not all(PLAIN_VALUE.fullmatch(value) for value in sent):
        return False
    # A session is someone's own page; a pending message must be shown, not a copy.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _not_modified(page: Page, environ: dict) -> bool:
    """If-None-Match first (weak comparison), else If-Modified-Since: as Django decides."""
    wanted = parse_etags(environ.get("HTTP_IF_NONE_MATCH", ""))
    if wanted:
        etag = page.header("etag")
        if etag is None:
            return False
        return wanted == ["*"] or etag.removeprefix("W/") in {w.removeprefix("W/") for w in wanted}
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    modified = page.header("last-modified")
    if since and modified:
        since_at, modified_at = parse_http_date_safe(since), parse_http_date_safe(modified)
        return since_at is not None and modified_at is not None and modified_at <= since_at
    return False


class GenerationClock:
    """The content generation as this process knows it: read at most once per `seconds`, and
    afresh as soon as this process commits an audit event. The page cache keeps one; so does
    anything else kept per process that a change must make stale (cosigners/door.py), which
    reads the audit events alone (`events_only`: no confirmation changes what it keeps)."""

    def __init__(self, seconds: float | None = None, *, events_only: bool = False) -> None:
        self.seconds = settings.PAGE_GENERATION_MS / 1000 if seconds is None else seconds
        self.events_only = events_only
        self._known: tuple[float, str] | None = None  # (when read, generation)
        self._reading = threading.Lock()
        self._forgotten = 0  # how many times it was forgotten: a read older than that is stale
        _clocks.add(self)

    def forget(self) -> None:
        self._forgotten += 1
        self._known = None

    def current(self) -> str:
        known = self._known
        now = time.monotonic()
        if known is not None and now - known[0] < self.seconds:
            return known[1]
        # One thread reads it; the readers arriving meanwhile take the value it replaces (a
        # few milliseconds older) rather than each make a round trip every half second. With
        # nothing known (just forgotten), they wait for its read instead.
        if not self._reading.acquire(blocking=known is None):
            return known[1]
        try:
            again = self._known
            if known is None and again is not None and now - again[0] < self.seconds:
                return again[1]  # read by the thread this one waited for
            forgotten = self._forgotten
            # Straight on the thread's connection, without Django's checks as a request starts
            # (on PostgreSQL, a health check is a round trip of its own): if the connection has
            # gone bad, this query says so, and Django, handed the request, opens another.
            generation = content_generation(events_only=self.events_only).fingerprint
            if forgotten == self._forgotten:  # else a commit came while it read: read again
                self._known = (time.monotonic(), generation)
            return generation
        finally:
            self._reading.release()


class PageCache:
    """WSGI middleware around the Django application."""

    def __init__(
        self,
        app: Callable,
        *,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        ttl: float = TTL_SECONDS,
        generation_seconds: float | None = None,
    ) -> None:
        self.app = app
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.ttl = ttl
        self.clock = GenerationClock(generation_seconds)
        self.pages: dict[tuple[str, ...], Page] = {}
        self.size = 0  # bytes of the pages kept
        self._lock = threading.Lock()
        self._rendering: dict[tuple[str, ...], threading.Event] = {}  # key → its render's end

    def clear(self) -> None:
        with self._lock:
            self.pages.clear()
            self.size = 0
        self.clock.forget()

    @property
    def generation_seconds(self) -> float:
        return self.clock.seconds

    @generation_seconds.setter
    def generation_seconds(self, seconds: float) -> None:
        self.clock.seconds = seconds

    def forget_generation(self) -> None:
        self.clock.forget()

    def generation(self) -> str:
        return self.clock.current()

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if not _public(environ):
            return self.app(environ, start_response)
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if not _cacheable(environ, cookies):
            return self.app(environ, start_response)
        try:
            generation = self.generation()
        except DatabaseError:
            return self.app(environ, start_response)
        key = (
            _scheme(environ),
            environ.get("HTTP_HOST", ""),
            _path(environ),
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_ACCEPT_LANGUAGE", ""),  # exactly as sent: Django reads it so
            cookies.get(settings.LANGUAGE_COOKIE_NAME, ""),
        )
        page = self.pages.get(key)
        if page is not None and page.expires <= time.monotonic():
            page = None
        if page is not None and page.generation == generation:
            count("undersigned_page_cache_hits_total")
            return self._answer(page, environ, start_response)
        with self._lock:
            rendering = self._rendering.get(key)
            if rendering is None:
                self._rendering[key] = threading.Event()
        if rendering is not None:
            # Another thread renders this page: its readers get the copy it replaces (the
            # render shows the change within its own time), or wait for the new one.
            if page is None and rendering.wait(WAIT_SECONDS):
                page = self.pages.get(key)
                if page is not None and page.generation != self.generation():
                    page = None
            if page is not None:
                count("undersigned_page_cache_hits_total")
                return self._answer(page, environ, start_response)
            count("undersigned_page_cache_misses_total")
            return self._render(key, generation, environ, start_response)
        try:
            count("undersigned_page_cache_misses_total")
            return self._render(key, generation, environ, start_response)
        finally:
            with self._lock:
                self._rendering.pop(key).set()

    def _answer(self, page: Page, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if _not_modified(page, environ):
            headers = [(k, v) for k, v in page.headers if k.lower() in NOT_MODIFIED_HEADERS]
            start_response("304 Not Modified", headers)
            return []
        start_response("200 OK", page.headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [page.body]

    def _render(
        self, key: tuple[str, ...], generation: str, environ: dict, start_response: StartResponse
    ) -> Iterable[bytes]:
        answer: list = []

        def remember(status: str, headers: list[tuple[str, str]], exc_info=None):
            answer[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.app(environ, remember)
        if not answer:  # the application starts its response later: nothing to keep
            return result
        status, headers = answer
        storable = (
            environ.get("REQUEST_METHOD") == "GET"
            and status.startswith("200 ")
            and not getattr(result, "streaming", False)
            and not any(name.lower() == "set-cookie" for name, _value in headers)
        )
        if not storable:
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished
        # A form's CSRF token is the reader's own: such a page is never shared.
        if b'name="csrfmiddlewaretoken"' not in body:
            self._store(key, Page(generation, time.monotonic() + self.ttl, headers, body))
        return [body]

    def _store(self, key: tuple[str, ...], page: Page) -> None:
        if len(page.body) > self.max_bytes:
            return
        with self._lock:
            replaced = self.pages.pop(key, None)
            self.size -= len(replaced.body) if replaced else 0
            self.pages[key] = page
            self.size += len(page.body)
            # The oldest stored goes first.
            while len(self.pages) > self.max_entries or self.size > self.max_bytes:
                self.size -= len(self.pages.pop(next(iter(self.pages))).body)


_clocks: "weakref.WeakSet[GenerationClock]" = weakref.WeakSet()


@receiver(post_save, sender=AuditEvent)
def _content_changed(**kwargs: object) -> None:
    """Every change the public sees records an audit event (the admin's too): once it is
    committed, this process's readers get pages of the new generation."""

    def forget() -> None:
        for clock in list(_clocks):
            clock.forget()

    transaction.on_commit(forget)
