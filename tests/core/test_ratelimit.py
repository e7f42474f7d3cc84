"""Rate limits counted in the database (core/ratelimit.py)."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from undersigned.core.models import RateLimitHit
from undersigned.core.periodic import purge_rate_limit_hits
from undersigned.core.ratelimit import allow, purge_old_hits

pytestmark = pytest.mark.django_db
WINDOW = timedelta(minutes=10)


def test_attempts_over_the_limit_are_refused_within_the_window():
    assert [allow("k", limit=2, window=WINDOW) for _ in range(3)] == [True, True, False]
    assert allow("other", limit=2, window=WINDOW)
    RateLimitHit.objects.filter(key="k").update(at=timezone.now() - WINDOW)
    assert allow("k", limit=2, window=WINDOW)


def test_a_hit_belongs_to_the_callers_transaction():
    """Signing counts its limits in the signature's transaction: rolled back, nothing counted."""
    with pytest.raises(RuntimeError), transaction.atomic():
        assert allow("k", limit=1, window=WINDOW)
        raise RuntimeError("the signature failed")
    assert not RateLimitHit.objects.exists()
    assert allow("k", limit=1, window=WINDOW)


def test_an_attempt_deletes_no_old_hits_the_daily_work_does():
    now = timezone.now()
    old = RateLimitHit.objects.create(key="k", at=now - timedelta(days=1, minutes=1))
    recent = RateLimitHit.objects.create(key="k", at=now - timedelta(hours=23))
    allow("k", limit=5, window=WINDOW)
    assert RateLimitHit.objects.filter(pk=old.pk).exists()  # not on the signing path
    purge_rate_limit_hits.call(day=now.date().isoformat())
    assert not RateLimitHit.objects.filter(pk=old.pk).exists()
    assert RateLimitHit.objects.filter(pk=recent.pk).exists()
    assert purge_old_hits() == 0


def test_a_window_longer_than_the_hits_are_kept_is_refused():
    with pytest.raises(ValueError):
        allow("k", limit=1, window=timedelta(days=2))


@pytest.mark.django_db(transaction=True)
def test_two_attempts_at_once_on_a_serialized_key_pass_once():
    """A proof of work is spent in the signature's transaction: a second request with the same
    answer, arriving before the first commits, waits for it and is refused."""
    counted = threading.Event()
    results: list[bool] = []

    def first() -> None:
        try:
            with transaction.atomic():
                results.append(allow("proof:x", limit=1, window=WINDOW, serialized=True))
                counted.set()
                time.sleep(0.5)  # the rest of the signature, then its commit
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert counted.wait(10)
    with transaction.atomic():
        results.append(allow("proof:x", limit=1, window=WINDOW, serialized=True))
    thread.join(10)
    assert results == [True, False]
    assert RateLimitHit.objects.filter(key="proof:x").count() == 1
