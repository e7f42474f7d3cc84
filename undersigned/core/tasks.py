"""A small database-backed task queue: work that must not run inside a request (sending
e-mail, building documents) is queued here and run by `undersigned worker`.

Tasks take ids and plain values, never objects; they are queued on commit, so a task never
sees a change that was rolled back.
"""

import logging
import traceback
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from undersigned.core.models import Task

logger = logging.getLogger(__name__)
REGISTRY: dict[str, Callable[..., Any]] = {}
MAX_ATTEMPTS = 5


def task(function: Callable[..., Any]) -> Callable[..., Any]:
    """Register a function as a task under its module and name."""
    REGISTRY[f"{function.__module__}.{function.__name__}"] = function
    return function


def enqueue(
    function: Callable[..., Any],
    *,
    run_after: Any = None,
    dedupe_key: str | None = None,
    **kwargs: Any,
) -> None:
    """Queue a task once the current transaction commits (at once outside one)."""
    name = f"{function.__module__}.{function.__name__}"
    if name not in REGISTRY:
        raise KeyError(f"{name} is not a registered task")

    def create() -> None:
        try:
            with transaction.atomic():
                Task.objects.create(
                    name=name,
                    kwargs=kwargs,
                    run_after=run_after or timezone.now(),
                    dedupe_key=dedupe_key,
                )
        except IntegrityError:
            pass  # the same deduplicated task is already queued

    transaction.on_commit(create)


def _claim() -> Task | None:
    with transaction.atomic():
        queued = Task.objects.select_for_update(skip_locked=True).filter(
            status=Task.Status.PENDING, run_after__lte=timezone.now()
        )
        claimed = queued.first()
        if claimed is None:
            return None
        claimed.attempts += 1
        # Until it finishes, the task is out of the way of other workers for a while.
        claimed.run_after = timezone.now() + timedelta(minutes=10)
        claimed.save(update_fields=["attempts", "run_after"])
        return claimed


def run_pending(limit: int | None = None) -> int:
    """Run due tasks; returns how many ran. A failing task is retried later, then given up."""
    ran = 0
    while limit is None or ran < limit:
        claimed = _claim()
        if claimed is None:
            break
        ran += 1
        function = REGISTRY.get(claimed.name)
        try:
            if function is None:
                raise KeyError(f"unknown task {claimed.name}")
            function(**claimed.kwargs)
        except Exception:  # a task's failure must not stop the worker
            logger.exception("Task %s failed", claimed.name)
            claimed.last_error = traceback.format_exc()[-4000:]
            if claimed.attempts >= MAX_ATTEMPTS:
                claimed.status = Task.Status.FAILED
            else:
                claimed.run_after = timezone.now() + timedelta(minutes=2**claimed.attempts)
            claimed.save(update_fields=["last_error", "status", "run_after"])
        else:
            claimed.status = Task.Status.DONE
            claimed.done_at = timezone.now()
            claimed.save(update_fields=["status", "done_at"])
    return ran
