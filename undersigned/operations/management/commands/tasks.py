"""`undersigned tasks`: the failed background tasks, and another try of them.

undersigned tasks failed            list them: id, task, attempts, when, last error
undersigned tasks retry ID [ID …]   queue these again
undersigned tasks retry --all       queue every failed task again
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from undersigned.core.tasks import failed_tasks
from undersigned.operations.services import UnknownTask, retry_failed_tasks


def last_line(traceback: str) -> str:
    lines = traceback.strip().splitlines()
    return lines[-1] if lines else ""


class Command(BaseCommand):
    help = "List the background tasks that failed, and queue them again."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("failed", help="list the failed tasks")
        retry = actions.add_parser("retry", help="queue failed tasks again")
        retry.add_argument("ids", nargs="*", help="ids of failed tasks (from `tasks failed`)")
        retry.add_argument("--all", action="store_true", help="every failed task")

    def handle(self, *args, **options) -> None:
        if options["action"] == "failed":
            self.list_failed()
            return
        ids, every = options["ids"], options["all"]
        if bool(ids) == every:
            raise CommandError("Name the tasks to retry by their ids, or give --all (not both).")
        try:
            count = retry_failed_tasks(None if every else ids)
        except UnknownTask as error:
            raise CommandError(
                f"No failed task has the id {error}; nothing was queued. "
                "`undersigned tasks failed` lists them."
            ) from error
        self.stdout.write(f"{count} task(s) queued again.")

    def list_failed(self) -> None:
        tasks = failed_tasks()
        if not tasks:
            self.stdout.write("No failed tasks.")
            return
        for task in tasks:
            finished = f"{task.finished_at:%Y-%m-%d %H:%M:%S} UTC" if task.finished_at else ""
            self.stdout.write(
                f"{task.pk}  {task.task_path}  attempts {len(task.worker_ids)}  {finished}\n"
                f"    {last_line(task.traceback or '')}"
            )
