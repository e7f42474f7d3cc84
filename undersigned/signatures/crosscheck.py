"""What `verify-audit` compares for signatures: each row, as it stands, must be what its
events say — who signed which text when and how, and whether it was replaced, withdrawn,
carried over or pinned."""

from collections.abc import Iterator, Sequence
from datetime import date, datetime

from undersigned.core.audit import Unexplained, crosscheck
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.signatures.models import SIGNING_EVENTS, Signature

SIGNED = {kind: method for method, kind in SIGNING_EVENTS.items()}


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@crosscheck
def signatures(events: Sequence[AuditEvent]) -> Iterator[Unexplained]:
    signed: dict[int, AuditEvent] = {}
    replaced: set[int] = set()
    withdrawn: dict[int, dict] = {}
    carried: dict[int, dict] = {}
    pinned: dict[int, int | None] = {}
    # A merge of two organizations moves signatures to the one kept (`organization.merged`).
    moved_to: dict[int, int | None] = {}
    for event in events:
        if event.kind == EventKind.ORGANIZATION_MERGED:
            for moved in event.data.get("signatures", []):
                moved_to[moved] = event.organization_ref
            continue
        pk = event.data.get("signature") if isinstance(event.data, dict) else None
        if event.kind in SIGNED:
            signed[pk] = event
            if event.data.get("replaces"):
                replaced.add(event.data["replaces"])
        elif event.kind == EventKind.SIGNATURE_WITHDRAWN:
            withdrawn[pk] = event.data
        elif event.kind == EventKind.SIGNATURE_CARRIED_OVER:
            carried[pk] = event.data
        elif event.kind == EventKind.SIGNATURE_PINNED:
            pinned[pk] = event.data.get("to")

    rows = Signature.objects.order_by("pk").select_related("version")
    for signature in rows:
        row = f"signature #{signature.pk}"
        event = signed.get(signature.pk)
        if event is None:
            yield Unexplained(row, "has no event recording it")
            continue
        data = event.data
        recorded = (
            event.statement_ref,
            moved_to.get(signature.pk, event.organization_ref),
            SIGNED[event.kind],
            data.get("version"),
            data.get("hash"),
            _when(data.get("signed_at")),
            data.get("evidence") or "",
            date.fromisoformat(data["decided_on"]) if data.get("decided_on") else None,
        )
        stored = (
            signature.statement_id,
            signature.organization_id,
            signature.method,
            signature.version.label,
            signature.version_hash,
            signature.signed_at,
            signature.evidence,
            signature.decided_on,
        )
        if recorded != stored:
            fields = ("statement", "organization", "method", "version", "hash", "signed_at",
                      "evidence", "decided_on")  # fmt: skip
            differ = [f for f, a, b in zip(fields, recorded, stored, strict=True) if a != b]
            yield Unexplained(row, f"differs from its event #{event.seq} in {', '.join(differ)}")
        if (signature.replaced_at is not None) != (signature.pk in replaced):
            yield Unexplained(row, "is replaced or not against its events")
        withdrawal = withdrawn.get(signature.pk)
        if (signature.withdrawn_at is not None) != (withdrawal is not None) or (
            withdrawal
            and "withdrawn_at" in withdrawal
            and _when(withdrawal["withdrawn_at"]) != signature.withdrawn_at
        ):
            yield Unexplained(row, "is withdrawn or not, or at another time, against its events")
        carry = carried.get(signature.pk)
        expected_carry = (
            (int(carry["to"].split(".")[0]), carry.get("reason", "")) if carry else (None, "")
        )
        if (signature.carried_over_major, signature.carried_over_reason) != expected_carry:
            yield Unexplained(row, "is carried over or not against its events")
        if signature.pinned_position != pinned.get(signature.pk):
            yield Unexplained(row, "is pinned at another position than its events say")
