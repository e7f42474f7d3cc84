"""`undersigned verify-audit`: recompute the audit chain; exit 1 naming the first broken event."""

from django.core.management.base import BaseCommand, CommandError

from undersigned.core.audit import verify_chain
from undersigned.core.models import AuditEvent


class Command(BaseCommand):
    help = "Check the hash chain of the audit trail."

    def handle(self, *args, **options) -> None:
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"The audit trail is broken at {broken}.", returncode=1)
        count = AuditEvent.objects.count()
        self.stdout.write(f"The audit trail holds: {count} event(s), every hash verified.")
