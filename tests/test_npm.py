"""The one JavaScript dependency (axe-core, for the browser tests) is pinned exactly, locked by
its hash, and the lock file names no registry (docs/testing.md)."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_axe_core_is_pinned_exactly_and_locked_by_its_hash_without_a_registry_address():
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    pinned = package["devDependencies"]["axe-core"]
    locked = lock["packages"]["node_modules/axe-core"]

    assert package["private"] is True  # never published by mistake
    assert list(package["devDependencies"]) == ["axe-core"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned)
    assert locked["version"] == pinned
    assert locked["integrity"].startswith("sha512-")
    assert [name for name, entry in lock["packages"].items() if "resolved" in entry] == []
    assert "omit-lockfile-registry-resolved=true" in (ROOT / ".npmrc").read_text().splitlines()
