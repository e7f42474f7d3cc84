"""Rate limits where guessing or flooding is possible (sign-in, sign-in links, password
reset), counted in the database so every worker process sees the same counts."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from undersigned.core.models import RateLimitHit


def _stored(key: str) -> str:
    """The key as the column holds it: a key longer than the column (an address may have 320
    characters) is kept as its digest, which PostgreSQL would otherwise refuse."""
    limit = RateLimitHit._meta.get_field("key").max_length
    if len(key) <= limit:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def allow(key: str, *, limit: int, window: timedelta) -> bool:
    """Count an attempt for the key; False when it is over the limit for the window."""
    key = _stored(key)
    now = timezone.now()
    RateLimitHit.objects.filter(at__lt=now - timedelta(days=1)).delete()
    recent = RateLimitHit.objects.filter(key=key, at__gte=now - window).count()
    if recent >= limit:
        return False
    RateLimitHit.objects.create(key=key, at=now)
    return True


def forget(key: str) -> None:
    """Drop the attempts counted for the key (a sign-in that succeeded ends its failures)."""
    RateLimitHit.objects.filter(key=_stored(key)).delete()


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind our reverse proxy every request comes from the proxy: the
    client is the last X-Forwarded-For entry, the one the proxy added (earlier entries are the
    client's own word, and anyone can send them)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")
