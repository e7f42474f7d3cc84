"""`undersigned demo`: set up the data directory and database, load the example coalition
and statement, create an admin account, and serve."""

import ipaddress
import secrets
import subprocess
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from undersigned.core.mail import outbox_dir
from undersigned.core.management.commands.serve import parse_addr, run_server
from undersigned.demo.accounts import ensure_demo_accounts
from undersigned.demo.example import load_example

ADMIN_USERNAME = "admin"


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach the host: localhost, 127.0.0.0/8 or ::1."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # any other name may resolve to an address others can reach


class Command(BaseCommand):
    help = (
        "Set up the example coalition and statement and serve them on this machine, to try "
        "undersigned (never for production)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addr",
            default="127.0.0.1:8000",
            help="HOST:PORT to listen on; a loopback address (127.0.0.1, ::1, localhost) "
            "unless --public-demo is given",
        )
        parser.add_argument("--no-serve", action="store_true", help="set up, but do not serve")
        parser.add_argument(
            "--public-demo",
            action="store_true",
            help="allow an address other machines can reach; set UNDERSIGNED_SITE_URL to the "
            "address they use, so the links in e-mails work for them",
        )

    def handle(self, *args, **options) -> None:
        addr = parse_addr(options["addr"])
        host = addr.rpartition(":")[0]
        if not is_loopback(host) and not options["public_demo"]:
            raise CommandError(
                f"The demo listens on this machine only (127.0.0.1, ::1 or localhost), not on "
                f"{host}: it prints its admin password and is not hardened for a network. "
                f"To let other machines reach it all the same, add --public-demo.",
                returncode=2,
            )
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        created = load_example()
        for statement in created:
            self.stdout.write(f"Loaded the example statement {statement.document_id}.")
        if not created:
            self.stdout.write("The example is already loaded; nothing duplicated.")
        password = self.ensure_admin()
        accounts = ensure_demo_accounts()
        call_command("collectstatic", interactive=False, verbosity=0)

        url = f"http://{addr}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"undersigned is ready at {url}"))
        self.stdout.write(f"  The example statement: {url}statements/ICOR00359/")
        self.stdout.write(f"  The secretariat's admin: {url}admin/")
        if password:
            self.stdout.write(f"  Sign in as: {ADMIN_USERNAME} / {password}")
        else:
            self.stdout.write(
                f"  Sign in as: {ADMIN_USERNAME} (password changed; reset it with "
                f"`undersigned changepassword {ADMIN_USERNAME}`)"
            )
        self.print_journeys(url, accounts)
        if settings.DEBUG or settings.DEMO:
            self.stdout.write(
                f"  E-mails it sends: {url}dev/outbox/ (signed in as {ADMIN_USERNAME}, the "
                f"secretariat; files in {outbox_dir()})"
            )
        if options["no_serve"]:
            return
        # The background worker (e-mails, documents) runs beside the server.
        worker = subprocess.Popen([sys.executable, "-m", "undersigned.cli", "worker"])
        try:
            run_server(addr, workers=settings.SERVER_WORKERS)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def print_journeys(self, url: str, accounts: list) -> None:
        """The accounts of each role and the three journeys to walk with them
        (docs/drafting.md, "Journeys")."""
        self.stdout.write("")
        self.stdout.write(f"  Accounts (sign in at {url}account/sign-in/):")
        width = max(len(login.email) for login in accounts)
        for login in accounts:
            shown = login.password or "(password changed)"
            role = login.account.role
            if login.email != login.account.email:
                role += f" (its address was {login.account.email})"
            self.stdout.write(f"    {login.email:<{width}}  {shown:<14}  {role}")
        self.stdout.write("")
        self.stdout.write("  Three journeys to try:")
        self.stdout.write(
            "    1. Secretariat: Workspace → New statement → write a draft → on its page, "
            "consultation → open for signing → publish."
        )
        self.stdout.write(
            "    2. Delegate (MLPD, then PCPCI in French): the home page lists the "
            "consultation → comment, propose an amendment; once open → sign."
        )
        self.stdout.write(
            "    3. Translator (named for Spanish on ICOR00359): home → the statement's "
            "translations → translate it side by side → publish; readers get it at once."
        )

    def ensure_admin(self) -> str | None:
        """The demo admin's password: made once, kept (readable by the owner only) in the data
        directory so a second run can print it again."""
        user_model = get_user_model()
        path = settings.DATA_DIR / "demo-admin-password"
        user = user_model.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", password)
            path.touch(mode=0o600)
            path.write_text(password)
            return password
        if path.exists() and user.check_password(path.read_text().strip()):
            return path.read_text().strip()
        return None
