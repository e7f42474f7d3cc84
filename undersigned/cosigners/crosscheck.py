"""What `verify-audit` compares for individual co-signers.

The steps of a signature are leaves of its statement's log, sealed in batches whose roots are
`individuals.batch` events. So: each batch must have its event (statement, count, root, first
and last index), its leaves must still give that root, and a statement's batches must follow
each other without gap or overlap; each signature must be in the state, and erased or not, as
its leaves say (sealed, or waiting for the next batch), confirmed at most once, and its leaves
must name it, its statement and the version it signed. A signature never confirmed nor
moderated has no leaf: it may only be pending, or withdrawn by its signer — or, imported from
a document's list, confirmed as its `individuals.imported` event says. Each opening must hold
the settings of its last event."""

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence

from undersigned.core.audit import Unexplained, crosscheck
from undersigned.core.events import EventKind
from undersigned.core.merkle import leaf_hash, root
from undersigned.core.models import AuditEvent
from undersigned.cosigners.models import (
    Batch,
    IndividualSignature,
    Leaf,
    LeafKind,
    Opening,
    SignerState,
)
from undersigned.cosigners.services import fields_hash

# The state each leaf leaves a signature in (an erasure leaves it as it was: withdrawn).
STATE_AFTER = {
    LeafKind.CONFIRMED: SignerState.CONFIRMED,
    LeafKind.WITHDRAWN: SignerState.WITHDRAWN,
    LeafKind.HELD: SignerState.HELD,
    LeafKind.RELEASED: SignerState.CONFIRMED,
    LeafKind.INVALIDATED: SignerState.INVALIDATED,
}


def _batches(events: Sequence[AuditEvent], leaves: list[Leaf]) -> Iterator[Unexplained]:
    sealed: dict[int, list[Leaf]] = defaultdict(list)
    for leaf in leaves:
        if leaf.batch_id is not None:
            sealed[leaf.batch_id].append(leaf)
    recorded = {e.seq: e for e in events if e.kind == EventKind.INDIVIDUALS_BATCH}
    following: dict[int, int] = {}
    for batch in Batch.objects.order_by("statement_id", "first"):
        row = f"batch #{batch.pk} (statement {batch.statement_id}, from leaf {batch.first})"
        event = recorded.pop(batch.event_seq, None)
        said = {
            "count": batch.count,
            "root": batch.root,
            "first": batch.first,
            "last": batch.first + batch.count - 1,
        }
        if event is None or (event.statement_ref, event.data) != (batch.statement_id, said):
            yield Unexplained(row, f"differs from its event #{batch.event_seq}")
        hashes = [leaf_hash(leaf.body.encode()) for leaf in sealed.get(batch.pk, [])]
        if len(hashes) != batch.count or root(hashes).hex() != batch.root:
            yield Unexplained(row, "has leaves that no longer give its root")
        if batch.first != following.get(batch.statement_id, 0):
            yield Unexplained(row, "does not follow the batch before it")
        following[batch.statement_id] = batch.first + batch.count
    for seq in recorded:
        yield Unexplained(f"event #{seq} (individuals.batch)", "has no batch")


def _imported(events: Sequence[AuditEvent]) -> dict[int, AuditEvent]:
    """The signatures an `individuals.imported` event received, confirmed as they came: people
    of an imported document's list, who enter the log only with a later step."""
    imported = {}
    for event in events:
        if event.kind == EventKind.INDIVIDUALS_IMPORTED and isinstance(event.data, dict):
            imported.update(dict.fromkeys(event.data.get("signatures") or [], event))
    return imported


def _signatures(events: Sequence[AuditEvent], leaves: list[Leaf]) -> Iterator[Unexplained]:
    steps: dict[int, list[Leaf]] = defaultdict(list)
    for leaf in leaves:
        steps[leaf.signature_id].append(leaf)
    imported = _imported(events)
    signatures = IndividualSignature.objects.order_by("pk").select_related("version")
    for signature in signatures:
        row = f"individual signature #{signature.pk}"
        own = steps.pop(signature.pk, [])
        received = imported.get(signature.pk)
        if received is not None:
            recorded = (received.statement_ref, received.data.get("hash"))
            if recorded != (signature.statement_id, signature.version_hash):
                yield Unexplained(row, f"differs from its event #{received.seq}")
        if not own:
            if received is not None:
                if (signature.state, signature.erased_at) != (SignerState.CONFIRMED, None):
                    yield Unexplained(row, f"is {signature.state} against its events")
            # Never confirmed: waiting, withdrawn by its signer, or held before confirming
            # (the moderator's events say so), none of them on the list or in the log.
            elif signature.state not in (
                SignerState.PENDING,
                SignerState.WITHDRAWN,
                SignerState.HELD,
            ) or (signature.confirmed_at is not None):
                yield Unexplained(row, f"is {signature.state} but has no leaf recording it")
            continue
        bodies = [json.loads(leaf.body) for leaf in own]
        expected = (signature.pk, signature.statement_id, signature.version_hash)
        if any(
            (body.get("signature"), body.get("statement"), body.get("version")) != expected
            or body.get("kind") != leaf.kind
            for body, leaf in zip(bodies, own, strict=True)
        ):
            yield Unexplained(row, "differs from its leaves")
        if signature.erased_at is None and any(
            body.get("fields") != fields_hash(signature) for body in bodies
        ):
            yield Unexplained(row, "has a name or fields other than its leaves say")
        if [leaf.kind for leaf in own].count(LeafKind.CONFIRMED) > 1:
            yield Unexplained(row, "is confirmed more than once in the log")
        states = [STATE_AFTER[leaf.kind] for leaf in own if leaf.kind in STATE_AFTER]
        initial = SignerState.PENDING if received is None else SignerState.CONFIRMED
        if (states[-1] if states else initial) != signature.state:
            yield Unexplained(row, f"is {signature.state} against its leaves")
        erased = any(leaf.kind == LeafKind.ERASED for leaf in own)
        if (signature.erased_at is not None) != erased:
            yield Unexplained(row, "is erased or not against its leaves")
    for pk in steps:
        yield Unexplained(f"leaves of individual signature #{pk}", "name no signature")


@crosscheck
def individuals(events: Sequence[AuditEvent]) -> Iterator[Unexplained]:
    leaves = list(Leaf.objects.order_by("pk"))
    yield from _batches(events, leaves)
    yield from _signatures(events, leaves)

    opened: dict[tuple[int | None, str], dict] = {}
    for event in events:
        if event.kind == EventKind.INDIVIDUALS_OPENING and isinstance(event.data, dict):
            opened[(event.statement_ref, event.data.get("language"))] = event.data.get("to")
    for opening in Opening.objects.order_by("pk"):
        if opened.get((opening.statement_id, opening.language)) != opening.settings():
            yield Unexplained(
                f"opening #{opening.pk} ({opening.language})", "differs from its last event"
            )
