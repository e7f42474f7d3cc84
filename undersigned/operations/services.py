"""Writes of operations: a worker's heartbeat, the recovery of the tasks of a worker that
died, and another try of the tasks that failed."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from undersigned.core.tasks import failed_tasks, requeue_abandoned, retry_failed
from undersigned.operations.models import WorkerHeartbeat

# A worker gone for this long is forgotten (it was stopped, or its host replaced).
FORGET_AFTER = timedelta(days=1)


@transaction.atomic
def record_heartbeat(*, worker: str, started_at: datetime, now: datetime | None = None) -> None:
    """Note that the worker process is alive (it beats from a thread, also during a task).

    Side effects: updates (or creates) the worker's row and deletes the rows of workers not
    seen for a day. No audit event: a heartbeat changes nothing the site publishes, and an
    event every few seconds would drown the trail and make every cached page stale.
    """
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker=worker, defaults={"started_at": started_at, "seen_at": now}
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def recover_abandoned_tasks(*, now: datetime | None = None) -> int:
    """Put back in the queue the running tasks of workers that stopped beating (killed, or on a
    host that went down), so that another worker runs them. Returns how many.

    A worker beats six times in UNDERSIGNED_WORKER_TIMEOUT (a thread does it, also during a
    long task), so one silent for that long is gone.

    Side effects: the tasks' rows (ready again, or failed after their last attempt). No audit
    event: nothing published changes.
    """
    now = now or timezone.now()
    silent = timedelta(seconds=settings.WORKER_TIMEOUT)
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=now - silent).values_list(
        "worker", flat=True
    )
    return requeue_abandoned(alive_workers=list(alive), now=now)


class UnknownTask(ValueError):
    """An id given to retry that names no failed task."""


@transaction.atomic
def retry_failed_tasks(ids: list[str] | None = None) -> int:
    """Queue failed tasks again (an operator's decision, once the cause is fixed: the mail
    server is back, the credentials corrected): the tasks named by `ids`, or every failed one.
    Returns how many.

    Raises UnknownTask, changing nothing, when an id names no failed task. No audit event, as
    for the recovery above: nothing published changes, and what a task then does leaves its
    own.
    """
    if ids is not None:
        # Compared as text, so a malformed id is unknown like any other (failed tasks are few).
        failed = {str(task.pk) for task in failed_tasks()}
        unknown = [pk for pk in ids if pk not in failed]
        if unknown:
            raise UnknownTask(", ".join(unknown))
    return retry_failed(ids)
