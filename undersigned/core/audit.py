"""The audit trail: append-only events, each carrying the hash of the one before it.

The hash covers everything an event says (kind, time, statement, organization, actor id and
data) and the previous event's hash, so changing, removing or reordering any past event
breaks every hash after it. Each event also gets a signed head (core/heads.py), which anchors
the chain outside the database. `undersigned verify-audit` recomputes the chain and checks it
against the heads; docs/audit.md shows how anyone can verify an exported chain and a head
offline.
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from undersigned.core.events import EventKind
from undersigned.core.heads import (
    Head,
    canonical,
    key_path,
    key_text,
    public_key,
    sign_head,
    signature_holds,
)
from undersigned.core.models import AuditEvent, AuditHead, Coalition

GENESIS = "0" * 64


def event_hash(payload: dict[str, Any], previous: str) -> str:
    return hashlib.sha256(previous.encode() + canonical(payload)).hexdigest()


def record_event(
    kind: EventKind,
    *,
    actor: Any = None,
    statement: Any = None,
    organization: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event to the chain. Must run inside the transaction of the change it records,
    so an event exists exactly when its change does.

    Side effects: takes the coalition row lock, which serializes appends on every database;
    signs and stores the head that ends at the new event (making the audit key on first use).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the transaction of its change")
    kind = EventKind(kind)  # a kind is a member of the enum, never a string made up here
    Coalition.locked()
    last = AuditEvent.objects.order_by("-seq").values_list("hash", flat=True).first()
    event = AuditEvent(
        kind=kind.value,
        actor_ref=getattr(actor, "pk", None),
        statement_ref=getattr(statement, "pk", None),
        organization_ref=getattr(organization, "pk", None),
        data=data or {},
        prev_hash=last or GENESIS,
    )
    event.seq = (AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    event.hash = event_hash(event.payload(), event.prev_hash)
    event.save(force_insert=True)
    sign_head(event)
    return event


@dataclass(frozen=True)
class Break:
    seq: int
    kind: str
    reason: str

    def __str__(self) -> str:
        return f"event #{self.seq} ({self.kind}) {self.reason}"


def verify_chain(events: Any = None) -> Break | None:
    """The first broken event of the chain, or None when every hash holds."""
    previous = GENESIS
    expected_seq = 1
    rows = events if events is not None else AuditEvent.objects.order_by("seq").iterator()
    for event in rows:
        if event.seq != expected_seq:
            return Break(event.seq, event.kind, f"follows #{expected_seq - 1}: events are missing")
        if event.prev_hash != previous:
            return Break(event.seq, event.kind, "does not point at the hash of the event before it")
        if event_hash(event.payload(), event.prev_hash) != event.hash:
            return Break(event.seq, event.kind, "does not match its hash: it was changed")
        previous = event.hash
        expected_seq += 1
    return None


def check_heads(given: Sequence[Head] = ()) -> list[str]:
    """What the signed heads say is wrong with the trail, in words; empty when it holds. Run
    after `verify_chain`: a head then fixes every event up to its own.

    Each head stored beside the trail, and each head `given` (kept by someone outside: a
    receipt, a saved record page), must be signed by this site's audit key and name an event
    the trail still holds, with the same hash — else events were deleted after it (truncated)
    or the trail was rewritten. The newest event must have a signed head of its own: a trail
    rewritten by someone without the key has lost the heads of its rewritten events.
    """
    events = dict(AuditEvent.objects.values_list("seq", "hash"))
    last = max(events, default=0)
    stored = [Head.from_row(row) for row in AuditHead.objects.order_by("seq", "pk")]
    public = public_key(create=False)
    if public is None:
        if stored or given:
            return [
                "There is no audit key (UNDERSIGNED_AUDIT_KEY, or "
                f"{key_path()}), so the signed heads cannot be checked: restore the key "
                "the site signed with."
            ]
        return []
    site_key = key_text(public)

    def check(head: Head, name: str) -> str | None:
        signed = f"{name} (event #{head.seq}, signed {head.at})"
        if head.key != site_key:
            return f"{signed} was signed by another key ({head.key}), not this site's ({site_key})."
        if not signature_holds(head, public):
            return f"{signed} does not verify with this site's key: it was forged or altered."
        if head.seq > last:
            return (
                f"{signed} covers event #{head.seq}, but the trail ends at #{last}: "
                "events were deleted after it (the trail was truncated)."
            )
        held = events.get(head.seq)
        if held != head.hash:
            return (
                f"{signed} gives event #{head.seq} the hash {head.hash}, but the trail holds "
                f"{held or 'no such event'}: the trail was rewritten."
            )
        return None

    problems = [p for head in given if (p := check(head, "The given head")) is not None]
    failing = {head.seq: p for head in stored if (p := check(head, "The stored head")) is not None}
    if failing:
        more = len(failing) - 1
        first = failing[min(failing)]
        problems.append(first + (f" ({more} later stored head(s) fail too.)" if more else ""))
    # A head that fails is reported above; here, a newest event with no head at all.
    if last and last not in {head.seq for head in stored}:
        newest = max((head.seq for head in stored if head.seq not in failing), default=0)
        problems.append(
            f"The newest event #{last} has no valid signed head"
            + (f" (the newest valid one covers #{newest})" if newest else " (no event has one)")
            + ": events were written without the audit key, or the trail was rewritten and "
            "the heads of the rewritten events removed."
        )
    return problems


@dataclass(frozen=True)
class Unexplained:
    """A row of the domain tables that the trail does not explain: changed, added or removed
    behind the services' back (by SQL, or by code that skipped its event)."""

    row: str
    reason: str

    def __str__(self) -> str:
        return f"{self.row}: {self.reason}"


Crosscheck = Callable[[Sequence[AuditEvent]], Iterable[Unexplained]]
CROSSCHECKS: list[Crosscheck] = []


def crosscheck(check: Crosscheck) -> Crosscheck:
    """Register a comparison of an app's tables with the trail. The app whose rows they are
    writes it (core knows no statement or signature) and imports it in its `ready()`."""
    if check not in CROSSCHECKS:
        CROSSCHECKS.append(check)
    return check


def unexplained_rows() -> list[Unexplained]:
    """Every row some registered cross-check finds unexplained by the events, in app order."""
    events = list(AuditEvent.objects.order_by("seq"))
    return [row for check in CROSSCHECKS for row in check(events)]
