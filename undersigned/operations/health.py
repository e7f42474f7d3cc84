"""What /healthz reports: the database, its migrations, the workers and the task queue."""

import time
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Case, F, Max, Min, When
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from undersigned.operations.models import WorkerHeartbeat

# A worker beats between batches of tasks; one silent for longer is stuck or gone.
HEARTBEAT_WITHIN = timedelta(minutes=1)

# Once every migration is applied it stays so until a new version is deployed, which starts new
# processes: the check (tens of milliseconds to load the migration graph) runs until it passes.
_migrated = False


def _unapplied_migrations() -> list[str]:
    global _migrated
    if _migrated:
        return []
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    _migrated = not names
    return names


def health_report() -> dict[str, Any]:
    """Each check with `ok`, and `ok` overall: the database answers, every migration is
    applied, a worker was seen within a minute. The queue's depth is reported, not judged."""
    checks: dict[str, dict[str, Any]] = {}
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        checks["database"] = {"ok": False, "error": type(error).__name__}
        return {"ok": False, "checks": checks}
    checks["database"] = {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
    try:
        unapplied = _unapplied_migrations()
        checks["migrations"] = {"ok": not unapplied, "unapplied": unapplied}
        now = timezone.now()
        seen = WorkerHeartbeat.objects.aggregate(latest=Max("seen_at"))["latest"]
        age = (now - seen).total_seconds() if seen else None
        checks["worker"] = {
            "ok": seen is not None and now - seen <= HEARTBEAT_WITHIN,
            "last_seen_seconds_ago": round(age, 1) if age is not None else None,
            "workers_seen": WorkerHeartbeat.objects.filter(
                seen_at__gte=now - HEARTBEAT_WITHIN
            ).count(),
        }
        pending = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        due = DBTaskResult.objects.ready()
        # A task queued without a time is stored with the largest date: it is due since queued.
        since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        oldest = due.aggregate(oldest=Min(since))["oldest"]
        checks["queue"] = {
            "ok": True,
            "pending": pending.count(),
            "due": due.count(),
            "running": DBTaskResult.objects.running().count(),
            "oldest_due_seconds_ago": round((now - oldest).total_seconds(), 1) if oldest else None,
            "failed": DBTaskResult.objects.failed().count(),
        }
    except DatabaseError as error:
        # Reachable, but not this far: tables missing (never migrated) or the database failing.
        checks["schema"] = {"ok": False, "error": type(error).__name__}
    return {"ok": all(check["ok"] for check in checks.values()), "checks": checks}
