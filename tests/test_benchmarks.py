"""`make bench` must keep working as the code changes: each benchmark runs, briefly, and prints
its measures. Nothing here is timed: the numbers are for people to read (docs/benchmarks.md)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the benchmarks set up their own SQLite data"
)


def run(script: str, *args: str) -> str:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True, text=True, env=env, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_documents_benchmark_runs():
    out = run("documents_bench.py", "--runs", "1")
    assert "1,000-signatory PDF, median warm:" in out
    assert "example DOCX, median warm:" in out


def test_the_page_benchmark_runs():
    out = run("page_bench.py", "--turns", "1", "--seconds", "1", "--runs", "2")
    assert "page with 1,000 signatories, uncached render:" in out
    assert "ratio ours / nginx:" in out or "nginx or wrk missing" in out
