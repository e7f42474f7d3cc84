"""Rate limits where guessing or flooding is possible (sign-in, sign-in links, password
reset, signing as a person), counted in the database so every worker process sees the same
counts.

A hit is written in the caller's transaction when there is one (signing counts its three limits
in the signature's own transaction: one commit, not four), and hits older than a day, longer
than any window, are deleted by the daily work (`purge_old_hits`), not by each attempt."""

import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from undersigned.core.models import RateLimitHit

# Hits are kept this long: no limit counts over a longer window.
KEPT = timedelta(days=1)


def stored_key(key: str) -> str:
    """The key as the column holds it: a key longer than the column (an address may have 320
    characters) is kept as its digest, which PostgreSQL would otherwise refuse."""
    limit = RateLimitHit._meta.get_field("key").max_length
    if len(key) <= limit:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def allow(key: str, *, limit: int, window: timedelta, serialized: bool = False) -> bool:
    """Count an attempt for the key; False when it is over the limit for the window (at most
    KEPT). The hit is written in the current transaction, if any: rolled back with it.

    `serialized`: two attempts at once cannot both pass (a proof of work is spent once). On
    PostgreSQL the key is locked until the caller's transaction ends; SQLite's transactions
    already take turns. Keys many requests share (a network, a domain) are not serialized:
    they would make those requests wait for each other's commits, and a limit of 30 passed
    by one or two is no harm."""
    if window > KEPT:
        raise ValueError(f"A rate limit's window is at most {KEPT}")
    key = stored_key(key)
    if serialized and connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
    now = timezone.now()
    ops = connection.ops
    table, key_column, at_column = (
        ops.quote_name(name) for name in (RateLimitHit._meta.db_table, "key", "at")
    )
    # Counted and hit in one statement: one round trip, not two, three times per signature.
    sql = (
        f"INSERT INTO {table} ({key_column}, {at_column}) SELECT %s, %s WHERE "  # noqa: S608 - names quoted, values bound
        f"(SELECT COUNT(*) FROM {table} WHERE {key_column} = %s AND {at_column} >= %s) < %s "
        f"RETURNING {ops.quote_name('id')}"
    )
    at, since = (ops.adapt_datetimefield_value(value) for value in (now, now - window))
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, at, key, since, limit])
        return cursor.fetchone() is not None


def purge_old_hits(*, now: datetime | None = None) -> int:
    """Delete the hits older than KEPT (daily): no window is longer. Returns how many."""
    before = (now or timezone.now()) - KEPT
    deleted, _by_model = RateLimitHit.objects.filter(at__lt=before).delete()
    return deleted


def forget(key: str) -> None:
    """Drop the attempts counted for the key (a sign-in that succeeded ends its failures)."""
    RateLimitHit.objects.filter(key=stored_key(key)).delete()


def forget_last(key: str) -> None:
    """Take back the newest attempt counted for the key: an attempt that turned out right is
    no guess, while the others' attempts under a shared key still count."""
    last = RateLimitHit.objects.filter(key=stored_key(key)).order_by("-at", "-id").first()
    if last is not None:
        last.delete()


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind our reverse proxy every request comes from the proxy: the
    client is the last X-Forwarded-For entry, the one the proxy added (earlier entries are the
    client's own word, and anyone can send them)."""
    return client_address_of(request.META)


def client_address_of(meta: Mapping[str, str]) -> str:
    """`client_address` from a request's META or a WSGI environ (cosigners/door.py)."""
    if settings.BEHIND_PROXY:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return meta.get("REMOTE_ADDR", "")
