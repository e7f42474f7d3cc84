"""Merkle trees as Certificate Transparency makes them (RFC 6962, section 2.1; RFC 9162).

A leaf's hash is SHA-256(0x00 || leaf bytes), an inner node's SHA-256(0x01 || left || right),
and a tree of n > 1 leaves splits at the largest power of two below n. The prefixes keep a leaf
from passing for a node; splitting rather than duplicating the odd node keeps two lists from
sharing a root. Pure functions on bytes: no database, no Django. Written here (sixty lines)
rather than taken from a library because none of the maintained ones is plain RFC 6962 over
arbitrary bytes without bringing its own log format; docs/audit.md gives the same algorithm
in a few lines for anyone to check a receipt with.
"""

import hashlib
from collections.abc import Sequence


def leaf_hash(leaf: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(hashes: Sequence[bytes]) -> bytes:
    """The root over the leaves' hashes (`leaf_hash` of each), in order."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    level = list(hashes)
    if len(level) == 1:
        return level[0]
    k = _split(len(level))
    return node_hash(root(level[:k]), root(level[k:]))


def audit_path(hashes: Sequence[bytes], index: int) -> list[bytes]:
    """The hashes that lead from leaf `index` to the root, the nearest first (RFC 6962 PATH)."""
    if not 0 <= index < len(hashes):
        raise IndexError(f"leaf {index} is not in a tree of {len(hashes)}")
    if len(hashes) == 1:
        return []
    k = _split(len(hashes))
    if index < k:
        return [*audit_path(hashes[:k], index), root(hashes[k:])]
    return [*audit_path(hashes[k:], index - k), root(hashes[:k])]


def root_from_path(leaf: bytes, index: int, size: int, path: Sequence[bytes]) -> bytes | None:
    """The root that leaf hash `leaf` at `index` in a tree of `size` leaves leads to by `path`
    (RFC 9162, 2.1.3.2); None when the path cannot belong to such a tree."""
    if not 0 <= index < size:
        return None
    fn, sn, node = index, size - 1, leaf
    for sibling in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            node = node_hash(sibling, node)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            node = node_hash(node, sibling)
        fn, sn = fn >> 1, sn >> 1
    return node if sn == 0 else None
