"""Background tasks on Django's task interface (the django-tasks backport of `django.tasks`)
with its database backend (django-tasks-db) and its worker, and the few guarantees they lack,
added here rather than in a queue of our own (docs/operations.md, "Tasks"):

- `enqueue(task, dedupe_key=...)`: a task queued once per key (the daily jobs, the build of a
  document), by a unique row written in the same savepoint as the task.
- Retries with backoff: a failed task goes back to the queue (the same row, so the same id)
  `2**attempt` minutes later, up to MAX_ATTEMPTS; the attempts are the library's own
  (`worker_ids`, one per claim).
- Recovery of a task whose worker died: `requeue_abandoned` puts a running task back when its
  worker has stopped beating (operations/services.py knows the heartbeats).
- Purge: finished tasks are deleted after UNDERSIGNED_TASK_RETENTION_DAYS.

A task is written in the transaction of the change it belongs to (no `on_commit`): either both
are recorded or neither. The worker only sees it once that transaction commits. Tasks take ids
and plain values, never objects, and never a secret (a sign-in link is made inside the task).
"""

import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task
from django_tasks.base import Task
from django_tasks_db.management.commands.db_worker import Worker as LibraryWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from undersigned.core.models import TaskKey

__all__ = ["MAX_ATTEMPTS", "GiveUp", "enqueue", "is_queued", "run_pending", "task"]

logger = logging.getLogger(__name__)

# A task is tried this many times (failures and workers that died) before it is given up.
MAX_ATTEMPTS = 5


class GiveUp(Exception):
    """Raised by a task that knows another attempt cannot succeed (it is failed at once)."""


def enqueue(
    function: Task,
    *,
    run_after: datetime | None = None,
    dedupe_key: str | None = None,
    **kwargs: Any,
) -> DBTaskResult | None:
    """Queue `function` (a `@task`) in the current transaction; with `dedupe_key`, only when no
    task with that key is kept (queued, running, or finished and not yet purged). Returns the
    task's row, or None when deduplicated away."""
    if not isinstance(function, Task):
        raise TypeError(f"{function!r} is not a task (decorate it with @task)")
    if dedupe_key is not None and is_queued(dedupe_key):
        return None  # the usual case of the daily jobs, asked for at every poll
    configured = function.using(run_after=run_after) if run_after else function
    try:
        with transaction.atomic():  # a savepoint: a duplicate key takes its task with it
            result = configured.enqueue(**kwargs)
            if dedupe_key is not None:
                TaskKey.objects.create(key=dedupe_key, result_id=result.id)
    except IntegrityError:
        if dedupe_key is None or not is_queued(dedupe_key):
            raise
        return None
    return result.db_result


def is_queued(dedupe_key: str) -> bool:
    """Whether a task with this key is kept (queued, running or finished, until purged)."""
    return TaskKey.objects.filter(key=dedupe_key).exists()


def backoff(attempts: int) -> timedelta:
    """How long a task that failed its `attempts`-th time waits: 2, 4, 8, 16 minutes."""
    return timedelta(minutes=2**attempts)


@cache
def worker_id() -> str:
    """This process's name in the task rows and the heartbeats: host, process id and a random
    part, since a restarted container may have the same host name and process id as the dead
    one whose task must be taken over (the library allows 64 characters)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


class Worker(LibraryWorker):
    """The library's worker (claiming with row locks, running, recording the result), with a
    failed task retried later instead of failed for good."""

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status != TaskResultStatus.FAILED:
            return
        attempts = len(db_task_result.worker_ids)
        given_up = db_task_result.exception_class_path == f"{__name__}.GiveUp"
        logger.warning(
            "Task %s (%s) failed, attempt %d: %s",
            db_task_result.task_path,
            db_task_result.id,
            attempts,
            db_task_result.traceback.strip().rsplit("\n", 1)[-1],
        )
        if given_up or attempts >= MAX_ATTEMPTS:
            return
        # Back to the queue: same row, same id, its traceback kept until the next attempt.
        db_task_result.status = TaskResultStatus.READY
        db_task_result.finished_at = None
        db_task_result.run_after = timezone.now() + backoff(attempts)
        db_task_result.save(update_fields=["status", "finished_at", "run_after"])


def _claim(worker: str) -> DBTaskResult | None:
    """The next due task, locked and marked as running by `worker` (the library's claim)."""
    due = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
    try:
        with exclusive_transaction(due.db):
            row = due.get_locked()
            if row is not None:
                row.claim(worker)
            return row
    except OperationalError as error:
        if is_locked_database_exception(error):
            return None  # another process holds SQLite's lock: next round
        raise


def run_pending(
    limit: int | None = None,
    *,
    worker: str | None = None,
    until: Callable[[], bool] | None = None,
) -> int:
    """Run the tasks that are due in this process, at most `limit`, stopping between two
    tasks once `until()` is true; returns how many ran.

    The library's own loop (`db_worker`) also closes the database connection between tasks,
    which a caller inside a transaction (a test) cannot have; `undersigned worker` does that
    between rounds instead."""
    runner = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=limit,
        worker_id=worker or worker_id(),
        excluded_queue_names=[],
    )
    ran = 0
    while (limit is None or ran < limit) and not (until and until()):
        row = _claim(runner.worker_id)
        if row is None:
            break
        runner.run_task(row)
        ran += 1
    return ran


def requeue_abandoned(*, alive_workers: Iterable[str], now: datetime | None = None) -> int:
    """Put back the running tasks whose worker is not among `alive_workers` (it was killed, or
    its host went down): they run again, counting as an attempt. Returns how many."""
    now = now or timezone.now()
    alive = set(alive_workers)
    requeued = 0
    for row in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        if row.worker_ids and row.worker_ids[-1] in alive:
            continue
        attempts = len(row.worker_ids)
        changes: dict[str, Any] = (
            {"status": TaskResultStatus.READY, "run_after": now}
            if attempts < MAX_ATTEMPTS
            else {
                "status": TaskResultStatus.FAILED,
                "finished_at": now,
                "exception_class_path": "undersigned.core.tasks.WorkerDied",
                "traceback": "The worker running this task stopped without finishing it.",
            }
        )
        # Compare and set: the started_at of the claim we saw, so two workers recovering at
        # once, or a task claimed again meanwhile, are left alone.
        requeued += DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        ).update(**changes)
        logger.warning("Task %s: its worker %s stopped; requeued", row.pk, row.worker_ids[-1:])
    return requeued


def failed_tasks() -> list[DBTaskResult]:
    """The tasks given up (after their last attempt, or by `GiveUp`), newest first."""
    return list(
        DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")
    )


def retry_failed(ids: Iterable[str] | None = None, *, now: datetime | None = None) -> int:
    """Put failed tasks back in the queue, due now: those of `ids`, or all of them with None.
    Each gets one more attempt (a failure then fails it again, since its attempts are spent).
    Returns how many."""
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    if ids is not None:
        failed = failed.filter(pk__in=list(ids))
    return failed.update(
        status=TaskResultStatus.READY, run_after=now or timezone.now(), finished_at=None
    )


def purge_finished(*, now: datetime | None = None) -> int:
    """Delete the tasks (and their keys) finished more than TASK_RETENTION_DAYS ago."""
    before = (now or timezone.now()) - timedelta(days=settings.TASK_RETENTION_DAYS)
    finished = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=before,
    )
    _deleted, by_model = finished.delete()
    return by_model.get(DBTaskResult._meta.label, 0)
