"""`undersigned worker`: runs queued background tasks (e-mail, documents) and the daily ones
(deadline reminders, the secretariat's digest). Polls the database; no broker needed."""

import signal
import time

from django.core.management.base import BaseCommand, CommandParser

from undersigned.core.periodic import schedule_periodic
from undersigned.core.tasks import run_pending


class Command(BaseCommand):
    help = "Run background tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is due, then stop")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls")

    def handle(self, *args, **options) -> None:
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping:
            schedule_periodic()
            ran = run_pending()
            if options["once"]:
                self.stdout.write(f"Ran {ran} task(s).")
                return
            if not ran:
                time.sleep(options["interval"])
