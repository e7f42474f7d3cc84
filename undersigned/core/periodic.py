"""Daily work, queued once a day whatever the number of workers (deduplicated by key), and
frequent work, run by each worker every second or so.

Each app registers its own daily tasks with `@daily` (signatures/periodic.py: deadline
reminders and the secretariat's digest; here: the purge of finished tasks); `undersigned
worker` calls `schedule_periodic`. Frequent jobs (`@frequent`: cosigners/periodic.py seals the
batches of individual signatures) are plain functions, not queued tasks: a queue would add a
row and a claim per second for work that must be safe to run on several workers at once anyway;
the worker runs them from a thread of their own (`run_frequent`), so a long task never delays
them.
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


@dataclass(frozen=True)
class Frequent:
    function: Callable[[], Any]
    seconds: Callable[[], float]  # read at each run, so settings changed in tests apply


FREQUENT: list[Frequent] = []


def frequent(*, seconds: Callable[[], float]) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register a function the worker runs every `seconds()`; it must be safe to run on several
    workers at once."""

    def register(function: Callable[[], Any]) -> Callable[[], Any]:
        if all(job.function is not function for job in FREQUENT):
            FREQUENT.append(Frequent(function, seconds))
        return function

    return register


def run_frequent(last_run: dict[Callable[[], Any], float], now: float) -> float:
    """Run the frequent jobs that are due at `now` (monotonic seconds; `last_run` is the
    caller's memory of each job's last run); returns the seconds until the next is due."""
    waits = []
    for job in FREQUENT:
        every = job.seconds()
        if now - last_run.get(job.function, float("-inf")) >= every:
            job.function()
            last_run[job.function] = now
        waits.append(every - (now - last_run[job.function]))
    return max(0.05, min(waits, default=1.0))


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
