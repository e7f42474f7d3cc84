"""`undersigned export-audit [-o FILE]`: the audit chain as JSON Lines, to verify offline
(docs/audit.md shows how)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from undersigned.core.models import AuditEvent


class Command(BaseCommand):
    help = "Export the audit chain as JSON Lines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options) -> None:
        out = open(options["output"], "w", encoding="utf-8") if options["output"] else sys.stdout  # noqa: SIM115
        try:
            for event in AuditEvent.objects.order_by("seq").iterator():
                line = {**event.payload(), "prev_hash": event.prev_hash, "hash": event.hash}
                out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
