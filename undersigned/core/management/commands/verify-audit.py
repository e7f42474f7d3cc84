"""`undersigned verify-audit [--head FILE_OR_JSON]…`: recompute the audit chain, check it against
its signed heads (stored, and any given), then compare the domain tables with it; exit 1 naming
the first broken event, every head the trail contradicts, or every row it does not explain."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from undersigned.core.audit import check_heads, unexplained_rows, verify_chain
from undersigned.core.heads import Head, HeadInvalid, find_heads
from undersigned.core.models import AuditEvent


def read_heads(value: str) -> list[Head]:
    """The heads given as the JSON itself, or as a file: a head's JSON, or a receipt e-mail or a
    saved record page that shows one."""
    text = value
    if not value.lstrip().startswith("{"):
        path = Path(value)
        if not path.is_file():
            raise CommandError(
                f"--head {value!r} is neither a file nor a signed head's JSON.", returncode=2
            )
        text = path.read_text(encoding="utf-8", errors="replace")
    try:
        return find_heads(text)
    except HeadInvalid as error:
        raise CommandError(f"--head {value[:60]!r}: {error}", returncode=2) from None


class Command(BaseCommand):
    help = (
        "Check the hash chain of the audit trail against its signed heads, and that it explains "
        "every statement's state and number, every version and every signature."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--head",
            action="append",
            default=[],
            metavar="FILE_OR_JSON",
            help="a signed head kept from /audit/head/, a receipt or a record page: its JSON, or "
            "a file holding it (the JSON, the receipt e-mail, the saved page); the trail must "
            "still hold the event it names, with the same hash. May be given more than once.",
        )

    def handle(self, *args, **options) -> None:
        given = [head for value in options["head"] for head in read_heads(value)]
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"The audit trail is broken at {broken}.", returncode=1)
        problems = check_heads(given)
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                "The audit trail does not match its signed heads: it was truncated or rewritten.",
                returncode=1,
            )
        unexplained = unexplained_rows()
        for row in unexplained:
            self.stderr.write(f"Not explained by the audit trail: {row}")
        if unexplained:
            raise CommandError(
                f"{len(unexplained)} row(s) the audit trail does not explain.", returncode=1
            )
        count = AuditEvent.objects.count()
        heads = f", and {len(given)} given signed head(s)" if given else ""
        self.stdout.write(
            f"The audit trail holds: {count} event(s), every hash verified against its signed "
            f"heads{heads}; it explains every statement's state and number, every version and "
            "every signature."
        )
