"""The move from the old queue (core.Task) to django-tasks-db: pending tasks go on, with their
deduplication keys; finished ones leave only the key of a daily job."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("core", "0004_audit_head")]
AFTER = [("core", "0005_tasks_on_django_tasks")]


@pytest.fixture
def back_to_the_latest():
    """Whatever the test does to the schema, the next tests find every migration applied."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_pending_tasks_of_the_old_queue_are_moved_to_the_new_one(back_to_the_latest):
    old = migrate(BEFORE)
    Task = old.get_model("core", "Task")
    now = timezone.now()
    Task.objects.create(
        name="undersigned.core.notifications.send_notification",
        kwargs={"template": "raw", "to": "a@example.org", "language": "en", "context": {}},
        run_after=now,
    )
    Task.objects.create(
        name="undersigned.signatures.periodic.send_digest",
        kwargs={"day": "2026-11-29"},
        status="done",
        dedupe_key="digest:2026-11-29",
        done_at=now,
    )
    Task.objects.create(name="undersigned.publishing.tasks.build_documents", status="failed")

    new = migrate(AFTER)

    DBTaskResult = new.get_model("django_tasks_database", "DBTaskResult")
    TaskKey = new.get_model("core", "TaskKey")
    rows = {row.task_path: row for row in DBTaskResult.objects.all()}
    assert sorted(rows) == [
        "undersigned.core.notifications.send_notification",
        "undersigned.signatures.periodic.send_digest",
    ]
    mail = rows["undersigned.core.notifications.send_notification"]
    assert mail.status == "READY"
    assert mail.args_kwargs == {
        "args": [],
        "kwargs": {"template": "raw", "to": "a@example.org", "language": "en", "values": {}},
    }
    digest = rows["undersigned.signatures.periodic.send_digest"]
    assert digest.status == "SUCCESSFUL"
    assert TaskKey.objects.get().result_id == digest.id
