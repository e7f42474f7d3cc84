"""`undersigned worker` as real processes on one database: a worker killed with SIGKILL in the
middle of a task loses it to another worker once its heartbeat is old, and the task runs to
its end exactly once more."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.operations.processes import database_url, wait_for
from undersigned.core.tasks import enqueue, task

CLI = Path(sys.executable).parent / "undersigned"
ROOT = Path(__file__).resolve().parents[2]


@task
def hold(*, path: str) -> None:
    """Note each run in the file; the first run then waits to be killed."""
    with open(path, "a") as runs:
        runs.write(f"{os.getpid()}\n")
    if len(Path(path).read_text().splitlines()) == 1:
        time.sleep(120)


def start_worker(tmp_path: Path, **variables: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "UNDERSIGNED_WORKER_NICE"}
    env |= {"PYTHONPATH": str(ROOT), "UNDERSIGNED_WORKER_TIMEOUT": "3", **variables}
    env["DATABASE_URL"] = database_url()
    env["UNDERSIGNED_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.Popen(
        [str(CLI), "worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.django_db(transaction=True)
def test_a_task_of_a_worker_killed_mid_run_is_finished_by_another_worker(tmp_path):
    runs = tmp_path / "runs"
    runs.touch()
    queued = enqueue(hold, path=str(runs))
    first = start_worker(tmp_path)
    second = None
    try:
        assert wait_for(lambda: runs.read_text().count("\n") == 1, 60)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        second = start_worker(tmp_path)

        def finished() -> bool:
            return DBTaskResult.objects.get(pk=queued.pk).status == TaskResultStatus.SUCCESSFUL

        assert wait_for(finished, 60)
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                worker.wait(30)

    result = DBTaskResult.objects.get(pk=queued.pk)
    killed, taker = runs.read_text().split()
    assert killed == str(first.pid) and taker == str(second.pid)
    assert [worker_id.split(":")[1] for worker_id in result.worker_ids] == [killed, taker]
    assert second.returncode == 0  # SIGTERM: stops between tasks


@task
def linger(*, path: str, seconds: float) -> None:
    with open(path, "a") as runs:
        runs.write(f"{os.getpid()}\n")
    time.sleep(seconds)


@pytest.mark.django_db(transaction=True)
def test_a_task_longer_than_the_worker_timeout_keeps_its_worker_and_runs_once(tmp_path):
    """The heartbeat is written from a thread while the task runs: the other worker never takes
    a live worker's task for abandoned."""
    runs = tmp_path / "runs"
    queued = enqueue(linger, path=str(runs), seconds=8)  # the timeout is 3 s
    workers = [start_worker(tmp_path), start_worker(tmp_path)]
    try:

        def finished() -> bool:
            return DBTaskResult.objects.get(pk=queued.pk).status == TaskResultStatus.SUCCESSFUL

        assert wait_for(finished, 60)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)

    assert len(runs.read_text().split()) == 1
    assert len(DBTaskResult.objects.get(pk=queued.pk).worker_ids) == 1


@task
def note_priority(*, path: str) -> None:
    Path(path).write_text(str(os.getpriority(os.PRIO_PROCESS, 0)))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("nice, lowered_by", [(None, 10), ("3", 3), ("0", 0)])
def test_the_worker_runs_at_a_lower_cpu_priority_than_it_was_started_with(
    tmp_path, nice, lowered_by
):
    """Behind `serve` on shared cores (UNDERSIGNED_WORKER_NICE, 10 unless set)."""
    noted = tmp_path / "priority"
    enqueue(note_priority, path=str(noted))
    env = {"UNDERSIGNED_WORKER_NICE": nice} if nice is not None else {}
    worker = start_worker(tmp_path, **env)
    try:
        assert wait_for(noted.exists, 60)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)

    assert int(noted.read_text()) == min(19, os.getpriority(os.PRIO_PROCESS, 0) + lowered_by)
