"""/healthz: for a load balancer, JSON, 200 or 503, never cached, no session."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import queued_task
from undersigned.operations.models import WorkerHeartbeat
from undersigned.operations.services import record_heartbeat

pytestmark = pytest.mark.django_db
CLI = Path(sys.executable).parent / "undersigned"


def test_healthz_answers_200_with_the_queue_depth_when_a_worker_beat_recently(client):
    record_heartbeat(worker="app-1:41", started_at=timezone.now() - timedelta(hours=1))
    queued_task("a")
    queued_task("b", run_after=timezone.now() + timedelta(hours=1))
    queued_task("c", status="FAILED")

    response = client.get("/healthz")

    assert response.status_code == 200
    report = response.json()
    assert report["ok"] is True
    assert report["checks"]["migrations"] == {"ok": True, "unapplied": []}
    assert report["checks"]["worker"]["ok"] is True
    assert report["checks"]["worker"]["workers_seen"] == 1
    queue = report["checks"]["queue"]
    assert (queue["pending"], queue["due"], queue["failed"]) == (2, 1, 1)
    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}


def test_healthz_answers_503_when_no_worker_was_seen_within_a_minute(client):
    long_ago = timezone.now() - timedelta(minutes=2)
    record_heartbeat(worker="app-1:41", started_at=long_ago, now=long_ago)

    response = client.get("/healthz")

    assert response.status_code == 503
    worker = response.json()["checks"]["worker"]
    assert worker["ok"] is False
    assert worker["last_seen_seconds_ago"] >= 120
    assert client.get("/healthz", REMOTE_ADDR="10.0.0.9").status_code == 503


def test_healthz_answers_503_when_no_worker_ever_ran(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "last_seen_seconds_ago": None,
        "workers_seen": 0,
    }


def test_the_worker_writes_its_heartbeat_and_forgets_workers_gone_for_a_day():
    gone = timezone.now() - timedelta(days=2)
    WorkerHeartbeat.objects.create(worker="old-host:7", started_at=gone, seen_at=gone)

    call_command("worker", "--once")

    (beat,) = WorkerHeartbeat.objects.all()
    assert beat.worker.split(":")[1] == str(os.getpid())
    assert timezone.now() - beat.seen_at < timedelta(seconds=30)


HEALTHZ_IN_A_SITE = """
import json
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "report": response.json()}))
"""


def healthz_of_site(tmp_path: Path, database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["UNDERSIGNED_DATA_DIR"] = str(tmp_path / "data")
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [CLI, "shell", "-c", HEALTHZ_IN_A_SITE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_healthz_answers_503_when_the_database_cannot_be_reached(tmp_path):
    answer = healthz_of_site(tmp_path, f"sqlite:///{tmp_path}/no-such-dir/site.sqlite3")
    assert answer == {
        "status": 503,
        "report": {"ok": False, "checks": {"database": {"ok": False, "error": "OperationalError"}}},
    }


def test_healthz_answers_503_naming_migrations_not_applied(tmp_path):
    answer = healthz_of_site(tmp_path, None)  # a new data directory, never migrated
    assert answer["status"] == 503
    migrations = answer["report"]["checks"]["migrations"]
    assert migrations["ok"] is False
    assert "operations.0001_initial" in migrations["unapplied"]
