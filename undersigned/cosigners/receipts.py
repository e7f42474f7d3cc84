"""Reads for receipts anyone can verify: a signer's receipt with the inclusion proof of their
signature, and the statement's public log of sealed batches that shows later whether the list
still holds it (docs/audit.md, "Receipts of individual signatures").

A receipt (`undersigned.receipt/1`) holds the leaf that put the signature on the list, its
index, the audit path to its batch's root, the batch's audit event whole (so its hash can be
recomputed and the root read in it) and the signed head of that event. The log
(`undersigned.individuals-log/1`) holds, from a given index on, every sealed batch with its
leaves, its event and its head: each batch can be checked alone against the site's key, and
they must follow each other without gap."""

import json
from typing import Any

from django.db.models import F

from undersigned.core.heads import Head
from undersigned.core.merkle import audit_path, leaf_hash
from undersigned.core.models import AuditEvent, AuditHead
from undersigned.cosigners.models import FIELDS, STANDING_LEAVES, Batch, IndividualSignature, Leaf
from undersigned.statements.models import Statement

RECEIPT_TYPE = "undersigned.receipt/1"
LOG_TYPE = "undersigned.individuals-log/1"


def standing_leaf(signature: IndividualSignature) -> Leaf | None:
    """The newest leaf that put the signature on the list (confirmed, or released)."""
    return signature.leaves.filter(kind__in=STANDING_LEAVES).order_by("-pk").first()


def _published(event: AuditEvent) -> dict[str, Any]:
    """An event as `export-audit` writes it: what its hash covers, and the hashes."""
    return {**event.payload(), "prev_hash": event.prev_hash, "hash": event.hash}


def _head(seq: int) -> dict[str, Any]:
    return Head.from_row(AuditHead.objects.filter(seq=seq).order_by("pk").first()).as_dict()


def receipt(signature: IndividualSignature, *, site: str, log_url: str) -> dict | None:
    """The receipt of a signature on the list, once its leaf is sealed; None before (the proof
    then comes with the next batch, within seconds) and for a signature that never stood."""
    leaf = standing_leaf(signature)
    if leaf is None or leaf.batch_id is None:
        return None
    batch = leaf.batch
    leaves = list(Leaf.objects.filter(batch=batch).order_by("pk").values_list("pk", "body"))
    position = [pk for pk, _body in leaves].index(leaf.pk)
    path = audit_path([leaf_hash(body.encode()) for _pk, body in leaves], position)
    return {
        "type": RECEIPT_TYPE,
        "site": site,
        "document_id": signature.statement.document_id,
        "leaf": json.loads(leaf.body),
        "index": batch.first + position,
        "batch": {"first": batch.first, "count": batch.count, "root": batch.root},
        "path": [node.hex() for node in path],
        "event": _published(AuditEvent.objects.get(seq=batch.event_seq)),
        "head": _head(batch.event_seq),
        "fields": {"name": signature.name, **{name: getattr(signature, name) for name in FIELDS}},
        "salt": signature.leaf_salt,
        "log": log_url,
    }


# The leaves one answer of the log holds at most (about 200 bytes each); `next` says where
# the following answer starts. A batch is never split.
LOG_PAGE = 20_000


def log(statement: Statement, *, start: int = 0) -> dict:
    """The sealed batches of a statement's log that hold leaf `start` or come after it, each
    with its leaves, its audit event and that event's signed head; `next`, the index to ask
    from for the rest, or None."""
    batches, size, following = [], 0, None
    rows = (
        Batch.objects.filter(statement=statement)
        .annotate(end=F("first") + F("count"))
        .filter(end__gt=start)
        .order_by("first")
    )
    for batch in rows.iterator():
        if batches and size + batch.count > LOG_PAGE:
            following = batch.first
            break
        batches.append(batch)
        size += batch.count
    leaves: dict[int, list] = {batch.pk: [] for batch in batches}
    rows = Leaf.objects.filter(batch__in=batches).order_by("pk").values_list("batch_id", "body")
    for batch_id, body in rows:
        leaves[batch_id].append(json.loads(body))
    seqs = [batch.event_seq for batch in batches]
    events = {event.seq: event for event in AuditEvent.objects.filter(seq__in=seqs)}
    heads = {row.seq: row for row in AuditHead.objects.filter(seq__in=seqs).order_by("-pk")}
    return {
        "type": LOG_TYPE,
        "document_id": statement.document_id,
        "statement": statement.pk,
        "batches": [
            {
                "first": batch.first,
                "count": batch.count,
                "root": batch.root,
                "leaves": leaves[batch.pk],
                "event": _published(events[batch.event_seq]),
                "head": Head.from_row(heads[batch.event_seq]).as_dict(),
            }
            for batch in batches
        ],
        "next": following,
    }
