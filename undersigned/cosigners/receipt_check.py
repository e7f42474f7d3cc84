"""The check of a signer's receipt, as `undersigned verify-receipt` runs it: pure, on the
receipt's JSON, the site's public key and (optionally) the statement's published log; no
database. docs/audit.md gives the same steps for standard tools.

Each failure is a `ReceiptInvalid` whose message is one sentence saying what failed; a text
that is not a receipt at all is `ReceiptUnreadable`."""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from undersigned.core.audit import event_hash
from undersigned.core.heads import Head, HeadInvalid, canonical, key_text, signature_holds
from undersigned.core.merkle import leaf_hash, root, root_from_path
from undersigned.cosigners.receipts import LOG_TYPE, RECEIPT_TYPE

BATCH_KIND = "individuals.batch"
EVENT_FIELDS = ("seq", "at", "kind", "actor", "statement", "organization", "data")
# What a later leaf of the same signature means for the list (None: on it again).
LATER = {
    "withdrawn": "withdrawn by its signer",
    "erased": "withdrawn by its signer, who then deleted their data",
    "held": "held for moderation by the coalition",
    "invalidated": "invalidated by the coalition",
    "confirmed": None,
    "released": None,
}


class ReceiptUnreadable(ValueError):
    """Not a receipt this version reads (not JSON, cut short, fields missing)."""


class ReceiptInvalid(ValueError):
    """A receipt that does not hold: the message says which check failed."""


@dataclass
class Verdict:
    """What the checks found, in sentences, for a receipt that holds."""

    findings: list[str] = field(default_factory=list)


def parse(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        raise ReceiptUnreadable("The file is not JSON (was it cut short?).") from None
    if not isinstance(data, dict) or data.get("type") != RECEIPT_TYPE:
        raise ReceiptUnreadable(f'A receipt is a JSON object with "type": "{RECEIPT_TYPE}".')
    shapes = {
        "leaf": dict,
        "index": int,
        "batch": dict,
        "path": list,
        "event": dict,
        "head": dict,
    }
    wrong = [name for name, kind in shapes.items() if not isinstance(data.get(name), kind)]
    if wrong:
        raise ReceiptUnreadable(f"The receipt lacks {', '.join(wrong)}, or they are malformed.")
    return data


def _hex(value: Any) -> bytes:
    try:
        return bytes.fromhex(value)
    except (TypeError, ValueError):
        raise ReceiptInvalid(f"{value!r} is not a hash (hexadecimal digits).") from None


def _event_holds(event: dict, *, what: str) -> None:
    missing = [name for name in (*EVENT_FIELDS, "prev_hash", "hash") if name not in event]
    if missing:
        raise ReceiptInvalid(f"{what} lacks {', '.join(missing)}.")
    payload = {name: event[name] for name in EVENT_FIELDS}
    if event_hash(payload, event["prev_hash"]) != event["hash"]:
        raise ReceiptInvalid(f"{what} does not match its hash: it was changed.")
    if event["kind"] != BATCH_KIND:
        raise ReceiptInvalid(f"{what} is a {event['kind']} event, not a batch.")


def _head_holds(head_data: dict, event: dict, public: Ed25519PublicKey, *, what: str) -> None:
    try:
        head = Head.parse(json.dumps(head_data))
    except HeadInvalid as error:
        raise ReceiptInvalid(f"The signed head of {what}: {error}") from None
    if (head.seq, head.hash) != (event["seq"], event["hash"]):
        raise ReceiptInvalid(f"The signed head does not name {what} (#{event['seq']}).")
    if head.key != key_text(public):
        raise ReceiptInvalid(
            f"The head of {what} names the key {head.key}, not the site's ({key_text(public)})."
        )
    if not signature_holds(head, public):
        raise ReceiptInvalid(
            f"The head of {what} does not verify with the site's key: forged or altered."
        )


def _batch_data(first: int, count: int, top: str) -> dict[str, Any]:
    return {"count": count, "root": top, "first": first, "last": first + count - 1}


def check(
    receipt: dict[str, Any], *, public: Ed25519PublicKey, later: dict | None = None
) -> Verdict:
    """Check a parsed receipt: its leaf leads to the batch's root by its path, the root is the
    one the batch's audit event records, the event's hash holds and the site's key signed a
    head naming it; with `later` (the statement's log as published since), that the log still
    holds the batch unchanged and no later leaf took the signature off the list unexplained."""
    verdict = Verdict()
    leaf, batch, event = receipt["leaf"], receipt["batch"], receipt["event"]
    try:
        first, count, top = int(batch["first"]), int(batch["count"]), str(batch["root"])
    except (KeyError, TypeError, ValueError):
        raise ReceiptInvalid("The receipt's batch lacks its first index, count or root.") from None
    position = receipt["index"] - first
    node = leaf_hash(canonical(leaf))
    reached = root_from_path(node, position, count, [_hex(step) for step in receipt["path"]])
    if reached is None or reached != _hex(top):
        raise ReceiptInvalid(
            "The leaf does not lead to the batch's root by its audit path: the leaf, its index "
            "or the path was changed."
        )
    verdict.findings.append(
        f"The leaf (signature #{leaf.get('signature')}, {leaf.get('kind')} at {leaf.get('at')}) "
        f"is leaf {receipt['index']} of the batch whose root is {top}."
    )
    _event_holds(event, what="The batch's audit event")
    if event["data"] != _batch_data(first, count, top) or event["statement"] != leaf.get(
        "statement"
    ):
        raise ReceiptInvalid("The batch's audit event does not record this batch and root.")
    _head_holds(receipt["head"], event, public, what="the batch's event")
    verdict.findings.append(
        f"Audit event #{event['seq']} records that root, and the site's key signed a head "
        f"naming it ({receipt['head'].get('at')})."
    )
    fields, salt = receipt.get("fields"), receipt.get("salt")
    if isinstance(fields, dict) and salt:
        digest = hashlib.sha256(str(salt).encode() + canonical(fields)).hexdigest()
        if digest != leaf.get("fields"):
            raise ReceiptInvalid("The name and fields in the receipt are not those its leaf holds.")
        verdict.findings.append(f"The leaf holds the name {fields.get('name')!r} and its fields.")
    if later is not None:
        verdict.findings.append(_still_listed(receipt, later, public))
    return verdict


def _still_listed(receipt: dict, later: dict, public: Ed25519PublicKey) -> str:
    if not isinstance(later, dict) or later.get("type") != LOG_TYPE:
        raise ReceiptUnreadable(f'The published log is a JSON object with "type": "{LOG_TYPE}".')
    leaf, batch = receipt["leaf"], receipt["batch"]
    batches = later.get("batches") or []
    expected, found, since = batch["first"], False, []
    for published in batches:
        if published.get("first", -1) + published.get("count", 0) <= batch["first"]:
            continue  # before the receipt's batch
        if published.get("first") != expected:
            raise ReceiptInvalid(
                f"The published log skips leaves {expected} to {published.get('first')}: "
                "batches are missing from it."
            )
        leaves = published.get("leaves") or []
        what = f"the published batch from leaf {expected}"
        top = root([leaf_hash(canonical(other)) for other in leaves]).hex()
        if len(leaves) != published.get("count") or top != published.get("root"):
            raise ReceiptInvalid(f"The leaves of {what} do not give its root.")
        _event_holds(published["event"], what=f"The audit event of {what}")
        if published["event"]["data"] != _batch_data(expected, len(leaves), top):
            raise ReceiptInvalid(f"The audit event of {what} does not record its root.")
        _head_holds(published["head"], published["event"], public, what=what)
        if expected == batch["first"]:
            position = receipt["index"] - expected
            if top != batch["root"] or not 0 <= position < len(leaves) or leaves[position] != leaf:
                raise ReceiptInvalid(
                    "The published log holds the receipt's batch with another root: the list "
                    "was rewritten since."
                )
            found = True
            since.extend(leaves[position + 1 :])
        else:
            since.extend(leaves)
        expected += len(leaves)
    if not found:
        raise ReceiptInvalid(
            "The published log no longer holds the receipt's batch: the signature was taken off "
            "the list, and no withdrawal by its signer explains it."
        )
    steps = [other for other in since if other.get("signature") == leaf.get("signature")]
    said = LATER.get(steps[-1].get("kind"), "changed") if steps else None
    if said is None:
        return (
            f"The list as published up to leaf {expected - 1} still holds the signature "
            f"({len(batches)} batch(es) checked)."
        )
    return (
        f"The list as published later no longer holds the signature: it was {said} "
        f"({steps[-1].get('at')})."
    )
