"""`undersigned tasks`: an operator lists the failed tasks and queues them again once the cause
is fixed; a wrong id changes nothing and says so."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.core.test_tasks import CALLS, refuse, remember, row
from undersigned.core.tasks import enqueue, run_pending

pytestmark = pytest.mark.django_db


def tasks(*args: str) -> str:
    out = StringIO()
    call_command("tasks", *args, stdout=out)
    return out.getvalue()


def test_the_failed_tasks_are_listed_with_their_last_error():
    assert tasks("failed") == "No failed tasks.\n"
    enqueue(refuse)
    run_pending()
    listed = tasks("failed")
    assert str(row("refuse").pk) in listed
    assert "tests.core.test_tasks.refuse" in listed
    assert "GiveUp: the file is gone" in listed


def test_a_failed_task_queued_again_runs_again():
    enqueue(refuse)
    enqueue(remember, value=5)
    DBTaskResult.objects.filter(task_path__endswith="remember").update(
        status=TaskResultStatus.FAILED
    )
    run_pending()
    CALLS.clear()
    assert tasks("retry", str(row("remember").pk)) == "1 task(s) queued again.\n"
    assert row("remember").status == TaskResultStatus.READY
    assert row("refuse").status == TaskResultStatus.FAILED  # only the one named
    assert run_pending() == 1
    assert CALLS == [5]
    assert row("remember").status == TaskResultStatus.SUCCESSFUL


def test_every_failed_task_is_queued_again_with_all():
    enqueue(refuse)
    enqueue(refuse)
    run_pending()
    assert tasks("retry", "--all") == "2 task(s) queued again.\n"
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


@pytest.mark.parametrize("given", [["not-an-id"], ["00000000-0000-0000-0000-000000000000"]])
def test_an_unknown_id_queues_nothing(given):
    enqueue(refuse)
    run_pending()
    failed = str(row("refuse").pk)
    with pytest.raises(CommandError, match="No failed task has the id"):
        tasks("retry", failed, *given)
    assert row("refuse").status == TaskResultStatus.FAILED


def test_retry_needs_ids_or_all_but_not_both():
    with pytest.raises(CommandError, match="--all"):
        tasks("retry")
    with pytest.raises(CommandError, match="--all"):
        tasks("retry", "--all", "x")
