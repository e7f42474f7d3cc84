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

import contextlib
import json
import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from traceback import format_exception
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import DEFAULT_DB_ALIAS, IntegrityError, OperationalError, connections, transaction
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskContext, TaskResultStatus, task
from django_tasks.base import Task
from django_tasks.signals import task_finished, task_started
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from undersigned.core.mail import kept_open
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
    if dedupe_key is None:  # no savepoint needed: nothing to take back (two round trips less)
        return configured.enqueue(**kwargs).db_result
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


# Tasks claimed together, in one transaction: a commit that wrote waits for the disk, and a
# confirmation e-mail cost the worker mostly that.
CLAIM_BATCH = 20


@dataclass
class Outcome:
    """How one claimed task ended, to be recorded."""

    row: DBTaskResult
    value: Any = None
    error: BaseException | None = None


def _claim(worker: str, size: int = 1) -> list[DBTaskResult]:
    """Up to `size` due tasks, locked and marked as running by `worker` in one transaction (the
    library's claim, for several rows)."""
    due = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
    try:
        with exclusive_transaction(due.db):
            rows = list(due.select_for_update(skip_locked=True)[:size])
            for row in rows:
                row.claim(worker)
            return rows
    except OperationalError as error:
        if is_locked_database_exception(error):
            return []  # another process holds SQLite's lock: next round
        raise


def _run(row: DBTaskResult) -> Outcome:
    """Run one claimed task (as the library's worker does, outside any transaction), without
    recording its result yet."""
    try:
        task_result = row.task_result
        backend = row.task.get_backend()
        task_started.send(sender=type(backend), task_result=task_result)
        if row.task.takes_context:
            value = row.task.call(
                TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
            )
        else:
            value = row.task.call(*task_result.args, **task_result.kwargs)
        json.dumps(value)  # a result the column cannot hold fails the task, not the batch
    except BaseException as error:  # recorded as the task's failure
        return Outcome(row, error=error)
    return Outcome(row, value=value)


def _record(outcome: Outcome) -> None:
    """A task's result, recorded as soon as it ran: done, or failed and retried later with
    backoff (the same row, so the same id), or failed for good after MAX_ATTEMPTS or GiveUp.

    On PostgreSQL the commit does not wait for the disk (`synchronous_commit` off for this
    transaction alone): the worker goes on at once, and only a crash of the database server
    itself could lose the record of the last fraction of a second, whose messages would then be
    sent again with their Message-ID, as after a worker's death. A worker killed loses nothing
    it recorded."""
    row, error, now = outcome.row, outcome.error, timezone.now()
    with transaction.atomic(using=row._state.db):
        database = connections[row._state.db or DEFAULT_DB_ALIAS]
        if database.vendor == "postgresql":
            with database.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        row.finished_at = now
        if error is None:
            row.status, row.return_value = TaskResultStatus.SUCCESSFUL, outcome.value
            row.exception_class_path = row.traceback = ""
            row.save(update_fields=RESULT_FIELDS)
        else:
            row.status, row.return_value = TaskResultStatus.FAILED, None
            row.exception_class_path = f"{type(error).__module__}.{type(error).__qualname__}"
            row.traceback = "".join(format_exception(error))
            attempts = len(row.worker_ids)
            logger.warning(
                "Task %s (%s) failed, attempt %d: %s",
                row.task_path,
                row.id,
                attempts,
                row.traceback.strip().rsplit("\n", 1)[-1],
            )
            if not isinstance(error, GiveUp) and attempts < MAX_ATTEMPTS:
                # Back to the queue: same row, same id, its traceback kept until the next try.
                row.status, row.finished_at = TaskResultStatus.READY, None
                row.run_after = now + backoff(attempts)
            row.save(update_fields=[*RESULT_FIELDS, "run_after"])
    with contextlib.suppress(ImportError, SuspiciousOperation):
        task_finished.send(sender=type(row.task.get_backend()), task_result=row.task_result)


RESULT_FIELDS = ["status", "return_value", "finished_at", "exception_class_path", "traceback"]


def _release(rows: list[DBTaskResult]) -> None:
    """Put claimed tasks that were not run back as they were (the worker is stopping)."""
    for row in rows:
        DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None, worker_ids=row.worker_ids[:-1]
        )


def run_pending(
    limit: int | None = None,
    *,
    worker: str | None = None,
    until: Callable[[], bool] | None = None,
) -> int:
    """Run the tasks that are due in this process, at most `limit`, stopping between two
    tasks once `until()` is true; returns how many ran.

    Tasks are claimed CLAIM_BATCH at a time in one transaction, their e-mails share one
    connection to the mail server (core/mail.py), and each result is recorded as soon as its
    task ran, without waiting for the disk (`_record`). A worker killed in the middle of a
    batch leaves the tasks it had not recorded running until another worker takes them over:
    only one of them, the one it was sending, may have reached the mail server
    (docs/operations.md, "Tasks").

    The library's own loop (`db_worker`) also closes the database connection between tasks,
    which a caller inside a transaction (a test) cannot have; `undersigned worker` does that
    between rounds instead."""
    worker = worker or worker_id()
    ran = 0
    while (limit is None or ran < limit) and not (until and until()):
        rows = _claim(worker, CLAIM_BATCH if limit is None else min(CLAIM_BATCH, limit - ran))
        if not rows:
            break
        with kept_open():
            for index, row in enumerate(rows):
                if until and until():
                    _release(rows[index:])
                    break
                _record(_run(row))
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
