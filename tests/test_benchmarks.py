"""`make bench` must keep working as the code changes: each benchmark runs, briefly, and prints
its measures. Nothing here is timed: the numbers are for people to read (docs/benchmarks.md)."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the benchmarks set up their own SQLite data"
)


def run(script: str, *args: str, codes: tuple[int, ...] = (0,)) -> str:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True, text=True, env=env, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode in codes, done.stderr[-3000:] + done.stdout[-3000:]
    return done.stdout + done.stderr


def test_the_documents_benchmark_runs():
    out = run("documents_bench.py", "--runs", "1")
    assert "1,000-signatory PDF, median warm:" in out
    assert "example DOCX, median warm:" in out


def test_the_page_benchmark_runs():
    out = run("page_bench.py", "--turns", "1", "--seconds", "1", "--runs", "2")
    assert "page with 1,000 signatories, uncached render:" in out
    assert "ratio ours / nginx:" in out or "nginx or wrk missing" in out


def test_the_surge_benchmark_runs_in_a_tiny_mode_or_says_why_it_cannot():
    """On the local PostgreSQL of docs/benchmarks.md, a few seconds of each surge, the kill,
    and 500 individuals; where there is none (or it wants another password), or no wrk or
    nginx, the clear refusal. The database is this run's own, dropped afterwards."""
    url = f"postgres://postgres:dev@127.0.0.1:5432/undersigned_surge_test_{os.getpid()}"
    try:
        out = run(
            "surge_bench.py", "--database-url", url, "--seconds", "4", "--individuals", "500",
            "--rate", "50", "--connections", "4", "--page-connections", "2", codes=(0, 2),
        )  # fmt: skip
    finally:
        drop(url)
    if "No PostgreSQL reachable" in out or "the surge benchmark needs wrk and nginx" in out:
        return
    for figure in (
        "signatures accepted per second",
        "confirmations per second",
        "statement page during the signatures",
        "shown count behind the database, at most",
        "every accepted signature stored once",
        "every confirmation e-mail received",
        "verify-audit",
        "list, first page, uncached",
        "list, a name search",
        "count page, cached, against nginx",
        "CSV export of every individual",
        "PDF, first 1,000 names and the count",
    ):
        assert figure in out, out
    for check in ("every accepted signature stored once", "every confirmation e-mail received",
                  "every confirmation a leaf, sealed in a batch", "messages received twice",
                  "e-mail tasks not done", "verify-audit"):  # fmt: skip
        assert re.search(rf"^{check} .*  met$", out, re.M), out


def drop(url: str) -> None:
    """Best effort: the benchmark's scratch database, if PostgreSQL is there."""
    parts = urlsplit(url)
    try:
        with psycopg.connect(
            host=parts.hostname, port=parts.port, user=parts.username, password=parts.password,
            dbname="postgres", autocommit=True, connect_timeout=3,
        ) as admin:  # fmt: skip
            name = sql.Identifier(parts.path.lstrip("/"))
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
    except psycopg.OperationalError:
        pass
