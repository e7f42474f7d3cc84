"""`undersigned serve`: the production server (gunicorn, several worker processes)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def parse_addr(addr: str) -> str:
    host, sep, port = addr.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise CommandError(f"--addr takes HOST:PORT, e.g. 127.0.0.1:8000; got {addr!r}")
    return addr


def run_gunicorn(addr: str, *, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from undersigned.wsgi import application

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", addr)
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", "-")
            self.cfg.set("proc_name", "undersigned")

        def load(self):
            return application

    Server().run()


class Command(BaseCommand):
    help = "Serve undersigned with gunicorn (several workers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--workers", type=int, default=settings.SERVER_WORKERS)

    def handle(self, *args, **options) -> None:
        addr = parse_addr(options["addr"])
        call_command("collectstatic", interactive=False, verbosity=0)
        run_gunicorn(addr, workers=options["workers"])
