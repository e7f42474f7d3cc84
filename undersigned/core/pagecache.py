"""A cache of public pages for readers who are not signed in.

The public side must survive a crowd: a statement page is the same bytes for every
anonymous reader of a language. Each worker process keeps the pages it rendered, keyed by
the URL, the negotiated language and the *content generation* — the newest audit event and
the newest admin change — so any signature, version, state change or edit in the admin makes
every cached page stale at once. Entries also expire after a minute, for what time alone
changes (a signing deadline passing).
"""

import hashlib
from collections.abc import Callable

from django.contrib.admin.models import LogEntry
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from undersigned.core.models import AuditEvent

PUBLIC_PREFIXES = ("/statements/", "/feeds/")
TTL_SECONDS = 60


def content_generation() -> str:
    """The newest audit event and the newest admin change, in one cheap query."""
    events, changes = AuditEvent._meta.db_table, LogEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MAX(seq) FROM {events}), (SELECT MAX(id) FROM {changes})")  # noqa: S608 - table names from the models
        events, changes = cursor.fetchone()
    return f"{events or 0}.{changes or 0}"


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "sessionid" in request.COOKIES:
        return False
    path = request.path
    return (path == "/" or path.startswith(PUBLIC_PREFIXES)) and "/download/" not in path


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.cache = caches["pages"]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable(request):
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        raw = "\n".join([request.get_full_path(), language, content_generation()])
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        stored = self.cache.get(key)
        if stored is not None:
            headers, content = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            last_modified = response.get("Last-Modified")
            answer = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(last_modified) if last_modified else None,
                response=response,
            )
            if answer is not response and "Access-Control-Allow-Origin" in response:
                answer["Access-Control-Allow-Origin"] = response["Access-Control-Allow-Origin"]
            return answer
        response = self.get_response(request)
        # A page that sets a cookie is someone's own; everything else is the same for all.
        if response.status_code == 200 and not response.cookies and not response.streaming:
            self.cache.set(key, (list(response.items()), response.content), TTL_SECONDS)
        return response
