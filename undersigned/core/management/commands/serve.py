"""`undersigned serve`: the production server (gunicorn, several worker processes)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def parse_addr(addr: str) -> str:
    host, sep, port = addr.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise CommandError(f"--addr takes HOST:PORT, e.g. 127.0.0.1:8000; got {addr!r}")
    return addr


def run_gunicorn(addr: str, *, workers: int, threads: int = 4, access_log: bool = True) -> None:
    from gunicorn.app.base import BaseApplication

    from undersigned.wsgi import application

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", addr)
            self.cfg.set("workers", workers)
            # Threads keep connections alive and overlap waiting on the database.
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            self.cfg.set("accesslog", "-" if access_log else None)
            self.cfg.set("proc_name", "undersigned")

        def load(self):
            return application

    Server().run()


class Command(BaseCommand):
    help = "Serve undersigned with gunicorn (several workers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--workers", type=int, default=settings.SERVER_WORKERS)
        parser.add_argument("--threads", type=int, default=4, help="threads per worker")
        parser.add_argument("--no-access-log", action="store_true")

    def handle(self, *args, **options) -> None:
        addr = parse_addr(options["addr"])
        call_command("collectstatic", interactive=False, verbosity=0)
        run_gunicorn(
            addr,
            workers=options["workers"],
            threads=options["threads"],
            access_log=not options["no_access_log"],
        )
