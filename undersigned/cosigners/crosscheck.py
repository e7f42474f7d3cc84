"""What `verify-audit` compares for individual co-signers: each signature must have the event
that received it (statement, version and hash) and be in the state, and erased or not, as its
last events say; each opening must hold the settings of its last event."""

from collections.abc import Iterator, Sequence

from undersigned.core.audit import Unexplained, crosscheck
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.cosigners.models import IndividualSignature, Opening, SignerState

# The state each event leaves a signature in.
STATE_AFTER = {
    EventKind.INDIVIDUAL_SIGNED: SignerState.PENDING,
    EventKind.INDIVIDUAL_CONFIRMED: SignerState.CONFIRMED,
    EventKind.INDIVIDUAL_WITHDRAWN: SignerState.WITHDRAWN,
    EventKind.INDIVIDUAL_HELD: SignerState.HELD,
    EventKind.INDIVIDUAL_RELEASED: SignerState.CONFIRMED,
    EventKind.INDIVIDUAL_INVALIDATED: SignerState.INVALIDATED,
}


@crosscheck
def individuals(events: Sequence[AuditEvent]) -> Iterator[Unexplained]:
    received: dict[int, AuditEvent] = {}
    state: dict[int, str] = {}
    erased: set[int] = set()
    opened: dict[tuple[int | None, str], dict] = {}
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        if event.kind == EventKind.INDIVIDUALS_OPENING:
            opened[(event.statement_ref, data.get("language"))] = data.get("to")
            continue
        if event.kind == EventKind.INDIVIDUALS_IMPORTED:  # confirmed as they are received
            for pk in data.get("signatures") or []:
                received[pk], state[pk] = event, SignerState.CONFIRMED
            continue
        pk = data.get("signature")
        if event.kind == EventKind.INDIVIDUAL_SIGNED:
            received[pk] = event
        if event.kind in STATE_AFTER:
            state[pk] = STATE_AFTER[event.kind]
        elif event.kind == EventKind.INDIVIDUAL_ERASED:
            erased.add(pk)

    for signature in IndividualSignature.objects.order_by("pk").select_related("version"):
        row = f"individual signature #{signature.pk}"
        event = received.get(signature.pk)
        if event is None:
            yield Unexplained(row, "has no event recording it")
            continue
        recorded = (event.statement_ref, event.data.get("version"), event.data.get("hash"))
        stored = (signature.statement_id, signature.version.label, signature.version_hash)
        if recorded != stored:
            yield Unexplained(row, f"differs from its event #{event.seq}")
        if state.get(signature.pk) != signature.state:
            yield Unexplained(row, f"is {signature.state} against its events")
        if (signature.erased_at is not None) != (signature.pk in erased):
            yield Unexplained(row, "is erased or not against its events")

    for opening in Opening.objects.order_by("pk"):
        if opened.get((opening.statement_id, opening.language)) != opening.settings():
            yield Unexplained(
                f"opening #{opening.pk} ({opening.language})", "differs from its last event"
            )
