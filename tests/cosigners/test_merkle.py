"""The Merkle tree of the individuals' batches, against the vectors of Certificate
Transparency (RFC 6962) and on every tree size a batch may have."""

import pytest

from undersigned.core.merkle import audit_path, leaf_hash, node_hash, root, root_from_path

# The reference leaves and roots of the Certificate Transparency test data (RFC 6962 trees of
# 1 to 8 of these leaves), shared by its C++, Go and Trillian implementations.
LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# Inclusion proofs of the same data: (leaf index from 0, tree size, path).
PROOFS = [
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
]


def hashes(n: int) -> list[bytes]:
    return [leaf_hash(f"signature {i}".encode()) for i in range(n)]


def test_the_roots_are_those_of_rfc_6962():
    leaves = [leaf_hash(leaf) for leaf in LEAVES]
    assert [root(leaves[:n]).hex() for n in range(1, 9)] == ROOTS


def test_the_empty_tree_is_the_hash_of_nothing():
    assert root([]).hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(("index", "size", "path"), PROOFS)
def test_the_audit_paths_are_those_of_rfc_6962(index, size, path):
    leaves = [leaf_hash(leaf) for leaf in LEAVES[:size]]
    assert [node.hex() for node in audit_path(leaves, index)] == path
    assert root_from_path(leaves[index], index, size, audit_path(leaves, index)) == root(leaves)


@pytest.mark.parametrize("size", range(1, 18))
def test_every_leafs_path_leads_to_the_root_in_trees_of_1_to_17(size):
    leaves = hashes(size)
    top = root(leaves)
    for index in range(size):
        assert root_from_path(leaves[index], index, size, audit_path(leaves, index)) == top


@pytest.mark.parametrize("size", range(1, 18))
def test_a_changed_leaf_or_path_or_index_leads_elsewhere(size):
    leaves = hashes(size)
    top = root(leaves)
    for index in range(size):
        path = audit_path(leaves, index)
        changed = leaf_hash(b"someone else")
        assert root_from_path(changed, index, size, path) != top
        if path:
            bent = [*path[:-1], node_hash(path[-1], path[-1])]
            assert root_from_path(leaves[index], index, size, bent) != top
            assert root_from_path(leaves[index], index, size, path[:-1]) != top
        if size > 1:
            other = (index + 1) % size
            assert root_from_path(leaves[index], other, size, path) != top


def test_a_leaf_cannot_pass_for_a_node():
    # Without the prefixes, the two children of a tree of two would hash like a leaf.
    leaves = hashes(2)
    assert root(leaves) != leaf_hash(leaves[0] + leaves[1])


def test_an_index_outside_the_tree_leads_nowhere():
    leaves = hashes(3)
    assert root_from_path(leaves[0], 3, 3, audit_path(leaves, 0)) is None
    assert root_from_path(leaves[0], 0, 3, [*audit_path(leaves, 0), leaves[1]]) is None
    with pytest.raises(IndexError):
        audit_path(leaves, 3)
