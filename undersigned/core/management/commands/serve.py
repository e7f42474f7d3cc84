"""`undersigned serve`: the production server (Granian, several worker processes)."""

import fcntl

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from undersigned.core import counters


def parse_addr(addr: str) -> str:
    host, sep, port = addr.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise CommandError(f"--addr takes HOST:PORT, e.g. 127.0.0.1:8000; got {addr!r}")
    return addr


STOP_SECONDS = 10


def run_server(
    addr: str,
    *,
    workers: int,
    threads: int = 2,
    access_log: bool = True,
    target: str = "undersigned.wsgi:application",
) -> None:
    """Granian: worker processes, each answering HTTP in Rust and calling the WSGI
    application (with the page cache in front of Django) on `threads` threads. Threads
    overlap requests' waits on the database with other requests' work. For cached pages
    alone two suffice (more contend for Python's lock: 1 / 2 of nginx's rate with 16
    against 1 / 1.3 with 2); but during a surge of signatures, writes waiting on their
    commits held both threads and the cached page fell to 1 / 2,000 of nginx's rate; with
    16 it kept 1 / 10 to 1 / 25 (benchmarks/surge_bench.py; `serve` takes
    UNDERSIGNED_THREADS). Stops on SIGINT or SIGTERM, within `STOP_SECONDS`. `target` is
    another WSGI application served the same way (the surge benchmark's bare reference)."""
    from granian import Granian
    from granian.constants import Interfaces

    host, _sep, port = addr.rpartition(":")
    Granian(
        target,
        address=host.strip("[]"),
        port=int(port),
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        websockets=False,
        log_access=access_log,
        respawn_failed_workers=True,
        # A worker that does not stop within this many seconds of SIGTERM (a request stuck on
        # a dead client, an idle thread pool) is killed, so a stop or restart is bounded.
        workers_kill_timeout=STOP_SECONDS,
    ).serve()


def collect_static() -> None:
    """collectstatic under a lock on the data directory: app hosts that share it and start
    together would otherwise copy, rename and chmod the same files at once, and one fails."""
    with open(settings.STATIC_ROOT.parent / ".collectstatic.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        call_command("collectstatic", interactive=False, verbosity=0)


class Command(BaseCommand):
    help = "Serve undersigned with Granian (several worker processes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--workers", type=int, default=settings.SERVER_WORKERS)
        parser.add_argument(
            "--threads", type=int, default=settings.SERVER_THREADS, help="threads per worker"
        )
        parser.add_argument("--no-access-log", action="store_true")

    def handle(self, *args, **options) -> None:
        addr = parse_addr(options["addr"])
        collect_static()
        counters.clear()  # /metrics counts from this start (Prometheus sees a reset)
        run_server(
            addr,
            workers=options["workers"],
            threads=options["threads"],
            access_log=not options["no_access_log"],
        )
