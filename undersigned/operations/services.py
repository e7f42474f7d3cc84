"""Writes of operations: a worker's heartbeat, and the recovery of the tasks of a worker that
died."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from undersigned.core.tasks import requeue_abandoned
from undersigned.operations.models import WorkerHeartbeat

# A worker gone for this long is forgotten (it was stopped, or its host replaced).
FORGET_AFTER = timedelta(days=1)
# A worker silent this long is taken for dead and its running tasks are run by another: four
# missed beats (HEARTBEAT_SECONDS in the worker command), well within /healthz's minute.
ABANDONED_AFTER = timedelta(seconds=60)


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

    A worker beats every few seconds, even in a long task (a thread does it), so one silent
    for ABANDONED_AFTER is gone. Side effects: the tasks' rows (ready again, or failed after
    their last attempt). No audit event: nothing published changes.
    """
    now = now or timezone.now()
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=now - ABANDONED_AFTER).values_list(
        "worker", flat=True
    )
    return requeue_abandoned(alive_workers=list(alive), now=now)
