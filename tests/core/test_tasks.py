from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories import OrganizationFactory, make_delegate
from undersigned.core.mail import OutboxBackend, outbox_dir
from undersigned.core.models import AuditEvent, TaskKey
from undersigned.core.notifications import render_message, send_later
from undersigned.core.periodic import schedule_periodic
from undersigned.core.tasks import (
    MAX_ATTEMPTS,
    GiveUp,
    enqueue,
    purge_finished,
    requeue_abandoned,
    run_pending,
    task,
)
from undersigned.signatures.models import Signature
from undersigned.signatures.services import record_signature

pytestmark = pytest.mark.django_db
CALLS: list = []


@task
def remember(*, value: int) -> None:
    CALLS.append(value)


@task
def explode() -> None:
    raise RuntimeError("boom")


@task
def refuse() -> None:
    raise GiveUp("the file is gone")


def row(path_end: str) -> DBTaskResult:
    return DBTaskResult.objects.get(task_path__endswith=path_end)


def test_a_task_is_written_at_once_and_run_by_the_worker():
    CALLS.clear()
    enqueue(remember, value=7)
    assert row("remember").status == TaskResultStatus.READY  # in this transaction already
    call_command("worker", "--once")
    assert CALLS == [7]
    assert row("remember").status == TaskResultStatus.SUCCESSFUL


def test_tasks_queued_with_djangos_interface_run_too():
    CALLS.clear()
    remember.enqueue(value=3)
    assert run_pending() == 1
    assert CALLS == [3]


def test_a_failing_task_is_retried_later_with_backoff_and_does_not_stop_the_worker():
    CALLS.clear()
    enqueue(explode)
    enqueue(remember, value=1)
    before = timezone.now()
    assert run_pending() == 2
    failed = row("explode")
    assert (failed.status, len(failed.worker_ids)) == (TaskResultStatus.READY, 1)
    assert "boom" in failed.traceback
    assert timedelta(minutes=2) <= failed.run_after - before < timedelta(minutes=3)
    assert CALLS == [1]
    assert run_pending() == 0  # not before its time


def test_a_task_that_keeps_failing_is_given_up_after_the_last_attempt():
    enqueue(explode)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        DBTaskResult.objects.update(run_after=timezone.now())  # its time has come
        assert run_pending() == 1
        assert len(row("explode").worker_ids) == attempt
    assert row("explode").status == TaskResultStatus.FAILED
    assert run_pending() == 0


def test_a_task_that_gives_up_is_failed_at_once():
    enqueue(refuse)
    assert run_pending() == 1
    assert row("refuse").status == TaskResultStatus.FAILED


def test_deduplicated_tasks_are_queued_once():
    first = enqueue(remember, value=1, dedupe_key="once")
    second = enqueue(remember, value=2, dedupe_key="once")
    assert first is not None and second is None
    assert DBTaskResult.objects.count() == 1
    assert TaskKey.objects.get().result_id == first.pk


def test_the_daily_jobs_are_queued_once_a_day_whatever_the_number_of_workers():
    schedule_periodic()
    schedule_periodic()
    keys = sorted(TaskKey.objects.values_list("key", flat=True))
    today = timezone.localdate().isoformat()
    assert f"purge-tasks:{today}" in keys
    assert len(keys) == len(set(keys)) == DBTaskResult.objects.count()


@task
def look() -> None:
    CALLS.append(sorted(DBTaskResult.objects.values_list("status", flat=True)))


def test_a_batch_claims_its_tasks_together_and_records_each_result_at_once():
    for _ in range(3):
        enqueue(look)
    CALLS.clear()
    assert run_pending() == 3
    # Claimed in one transaction; each result recorded before the next task runs, so a worker
    # killed mid-batch has at most the message it was sending to send again.
    assert CALLS == [
        ["RUNNING"] * 3,
        ["RUNNING", "RUNNING", "SUCCESSFUL"],
        ["RUNNING", "SUCCESSFUL", "SUCCESSFUL"],
    ]


def test_a_failure_in_a_batch_is_retried_later_and_the_others_run():
    for value in range(3):
        enqueue(remember, value=value)
    enqueue(explode)
    CALLS.clear()
    assert run_pending() == 4
    assert sorted(CALLS) == [0, 1, 2]
    statuses = DBTaskResult.objects.values_list("status", flat=True)
    assert sorted(statuses) == ["READY"] + ["SUCCESSFUL"] * 3
    assert "RuntimeError: boom" in row("explode").traceback


def test_a_worker_stopping_in_a_batch_puts_back_what_it_did_not_run():
    for value in range(3):
        enqueue(remember, value=value)
    CALLS.clear()
    assert run_pending(worker="w:1", until=lambda: len(CALLS) >= 1) == 1
    rows = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in rows] == ["SUCCESSFUL", "READY", "READY"]
    assert [r.worker_ids for r in rows] == [["w:1"], [], []]  # no attempt counted
    assert run_pending(worker="w:2") == 2
    assert CALLS == [0, 1, 2]


def test_functions_that_are_not_tasks_cannot_be_queued():
    with pytest.raises(TypeError):
        enqueue(print)


def test_a_running_task_whose_worker_died_is_run_again_by_another():
    CALLS.clear()
    enqueue(remember, value=5)
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, worker_ids=["gone:1"], started_at=timezone.now()
    )
    assert requeue_abandoned(alive_workers=["gone:1"]) == 0  # still beating: left alone
    assert requeue_abandoned(alive_workers=["other:2"]) == 1
    assert run_pending(worker="other:2") == 1
    assert CALLS == [5]
    assert row("remember").worker_ids == ["gone:1", "other:2"]


def test_the_worker_command_recovers_the_tasks_of_a_worker_that_stopped_beating():
    CALLS.clear()
    enqueue(remember, value=6)
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, worker_ids=["gone:1"], started_at=timezone.now()
    )
    call_command("worker", "--once")
    assert CALLS == [6]


def test_finished_tasks_are_purged_after_the_retention_period_with_their_keys(settings):
    settings.TASK_RETENTION_DAYS = 7
    enqueue(remember, value=1, dedupe_key="old")
    enqueue(remember, value=2, dedupe_key="recent")
    enqueue(remember, value=3, dedupe_key="waiting", run_after=timezone.now() + timedelta(days=30))
    run_pending()
    DBTaskResult.objects.filter(args_kwargs__kwargs__value=1).update(
        finished_at=timezone.now() - timedelta(days=8)
    )
    assert purge_finished() == 1
    assert sorted(TaskKey.objects.values_list("key", flat=True)) == ["recent", "waiting"]
    assert enqueue(remember, value=1, dedupe_key="old") is not None


def test_the_outbox_backend_writes_one_eml_per_message(settings):
    backend = OutboxBackend()
    message = mail.EmailMessage("Grüße – a test", "Body ✓", to=["a@example.org"])
    assert backend.send_messages([message]) == 1
    (path,) = outbox_dir().glob("*.eml")
    assert b"a@example.org" in path.read_bytes()


def test_notifications_are_rendered_without_html_escaping():
    subject, body = render_message(
        "new_signature", language="en",
        context={"organization": "PCPCI", "document_id": "ICOR00359", "title": "Côte d'Ivoire & co",
                 "how": "web", "at": "now", "url": "http://x/"},
    )  # fmt: skip
    assert subject == "PCPCI signed ICOR00359"
    assert "Côte d'Ivoire & co" in body


def test_send_later_sends_from_the_worker_not_at_once(deliver):
    with deliver():
        send_later("sign_in_link", to="a@example.org", context={"url": "http://x/", "minutes": 30})
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_each_message_carries_a_message_id_derived_from_its_task(deliver, settings):
    settings.SITE_URL = "https://statements.example.org"
    with deliver():
        send_later("raw", to="a@example.org", context={"subject": "Hello", "body": "Text"})
    task_id = DBTaskResult.objects.get().pk
    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"] == f"<{task_id}@statements.example.org>"
    assert message.extra_headers["X-Undersigned-Attempt"] == "1"


def refuse_tasks() -> None:
    """Make every insert into the task table fail, as a full disk or a lost lock would."""
    table = DBTaskResult._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER no_tasks BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'the queue refuses'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION no_tasks() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'the queue refuses' "
                "USING ERRCODE = 'integrity_constraint_violation'; "
                "END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER no_tasks BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION no_tasks()"
            )


def test_a_failing_task_insert_rolls_back_the_change_it_belongs_to(example):
    """The task is written in the change's transaction: when its insert fails, the signature
    is not recorded either (before, the task was inserted after the commit, and lost)."""
    organization = OrganizationFactory(abbreviation="NEW", is_member=True)
    delegate = make_delegate(organization, email="delegate@example.org")
    events = AuditEvent.objects.count()
    refuse_tasks()
    with pytest.raises(IntegrityError, match="the queue refuses"):
        record_signature(example, organization=organization, by=delegate, check_open=False)
    assert not Signature.objects.filter(organization=organization).exists()
    assert AuditEvent.objects.count() == events
