"""Daily work, queued once a day whatever the number of workers (deduplicated by key).

Each app registers its own daily tasks with `@daily` (signatures/periodic.py: deadline
reminders and the secretariat's digest; here: the purge of finished tasks); `undersigned
worker` calls `schedule_periodic`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from undersigned.core.tasks import enqueue, purge_finished, task


@dataclass(frozen=True)
class Daily:
    function: Any  # a Task
    key: str
    days_back: int  # 1: the task is given the day before, once it is over


DAILY: list[Daily] = []


def daily(*, key: str, days_back: int = 0) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a task run once a day with `day=` (ISO date), deduplicated by `key` and day."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        registered = task(function)
        if all(d.key != key for d in DAILY):
            DAILY.append(Daily(registered, key, days_back))
        return registered

    return register


def schedule_periodic(now: datetime | None = None) -> None:
    today = timezone.localdate(now or timezone.now())
    for job in DAILY:
        day = today - timedelta(days=job.days_back)
        enqueue(job.function, day=day.isoformat(), dedupe_key=f"{job.key}:{day}")


@daily(key="purge-tasks")
def purge_finished_tasks(*, day: str) -> None:
    """Delete the tasks finished more than UNDERSIGNED_TASK_RETENTION_DAYS ago: what a sent
    message said, and to whom, is not kept longer than needed."""
    purge_finished()
