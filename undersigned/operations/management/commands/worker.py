"""`undersigned worker`: runs queued background tasks (e-mail, documents, imports) and the
daily ones (deadline reminders, the secretariat's digest, the purge of finished tasks).

It runs the tasks of django-tasks-db as the library's worker does (core/tasks.py: claiming
with row locks, a batch at a time, running, recording results) in a loop of ours that adds
what the library lacks: a heartbeat, written by a thread every few seconds even while a
long task runs (/healthz, /metrics), the recovery of the tasks of workers that stopped
beating, and the daily jobs. Polls the database; no broker needed. Any number may run, on
any hosts, against one PostgreSQL. It lowers its own CPU priority (UNDERSIGNED_WORKER_NICE), so
on cores shared with `serve` the readers and signers come first.
"""

import os
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone

from undersigned.core.periodic import run_frequent, schedule_periodic
from undersigned.core.tasks import run_pending, worker_id
from undersigned.operations.services import record_heartbeat, recover_abandoned_tasks

# Tasks run between two looks at the daily jobs and the abandoned tasks.
BATCH = 20


def heartbeat_seconds() -> float:
    """Six beats in UNDERSIGNED_WORKER_TIMEOUT (after which a silent worker's running task goes
    to another), and at least one every 10 seconds (/healthz wants one within a minute)."""
    return min(10.0, max(0.5, settings.WORKER_TIMEOUT / 6))


class Heartbeat(threading.Thread):
    """Beats until stopped, on its own database connection, whatever the worker is running."""

    def __init__(self, worker: str) -> None:
        super().__init__(name="heartbeat", daemon=True)
        self.worker = worker
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def beat(self) -> None:
        record_heartbeat(worker=self.worker, started_at=self.started_at)

    def run(self) -> None:
        try:
            while not self.stopped.wait(heartbeat_seconds()):
                try:
                    self.beat()
                except Exception:  # a locked or lost database: try again at the next beat
                    close_old_connections()
        finally:
            connection.close()


class FrequentJobs(threading.Thread):
    """Runs the frequent jobs (core/periodic.py: the sealing of the individuals' batches every
    second) on its own database connection, whatever the worker is running."""

    def __init__(self) -> None:
        super().__init__(name="frequent", daemon=True)
        self.stopped = threading.Event()

    def run(self) -> None:
        last_run: dict = {}
        wait = 0.0
        try:
            while not self.stopped.wait(wait):
                try:
                    wait = run_frequent(last_run, time.monotonic())
                except Exception:  # a locked or lost database: try again in a second
                    close_old_connections()
                    wait = 1.0
        finally:
            connection.close()


class Command(BaseCommand):
    help = "Run background tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is due, then stop")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls")

    def handle(self, *args, **options) -> None:
        stopping = threading.Event()

        def stop(signum: int, frame: object) -> None:
            stopping.set()  # the running task is finished first

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if settings.WORKER_NICE > 0:
            # Behind the web on shared cores: its work can wait a moment, a reader cannot.
            os.nice(settings.WORKER_NICE)
        name = worker_id()
        heartbeat = Heartbeat(name)
        heartbeat.beat()  # before the first claim, so no other worker takes this one for dead
        frequent = FrequentJobs()
        if not options["once"]:
            heartbeat.start()
            frequent.start()
        try:
            while not stopping.is_set():
                recover_abandoned_tasks()
                schedule_periodic()
                if options["once"]:
                    run_frequent({}, time.monotonic())
                ran = run_pending(
                    limit=None if options["once"] else BATCH, worker=name, until=stopping.is_set
                )
                if options["once"]:
                    self.stdout.write(f"Ran {ran} task(s).")
                    return
                if not connection.in_atomic_block:
                    close_old_connections()  # as after a request: drop a broken connection
                if not ran:
                    stopping.wait(options["interval"])
        finally:
            heartbeat.stopped.set()
            frequent.stopped.set()
