"""The periodic work about individual co-signers: every second, the waiting steps of their
signatures are sealed into batches (their receipts then hold their proof); daily, once a
statement no longer accepts signatures, the keyed hashes of its signers' IP networks are
dropped, and signatures never confirmed within UNDERSIGNED_COSIGNERS_CONFIRM_DAYS are deleted."""

from django.conf import settings
from django.utils import timezone

from undersigned.core.periodic import daily, frequent
from undersigned.cosigners.models import IndividualSignature
from undersigned.cosigners.services import drop_unconfirmed, forget_networks, seal_pending_batches
from undersigned.statements.models import Statement


@frequent(seconds=lambda: settings.COSIGNERS_SEAL_MS / 1000)
def seal_batches() -> None:
    seal_pending_batches()


@daily(key="forget-networks")
def forget_networks_of_closed_statements(*, day: str) -> None:
    held = IndividualSignature.objects.exclude(network_hash="").values("statement")
    for statement in Statement.objects.filter(pk__in=held):
        if not statement.accepts_signatures(timezone.now()):
            forget_networks(statement)


@daily(key="drop-unconfirmed")
def drop_unconfirmed_signatures(*, day: str) -> None:
    drop_unconfirmed()
