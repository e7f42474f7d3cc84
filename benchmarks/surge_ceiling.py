"""The machine's bare ceiling for surge_bench.py: what the HTTP server and PostgreSQL of this
machine allow at all, measured in the same run as the site, as the page is measured against
nginx.

A WSGI application with nothing in it but the writes: for each POST of a signature it reads the
form, takes the address, and writes in ONE statement (so one transaction, one commit) the rows
the lean door writes for a signature — the signature (`ON CONFLICT DO NOTHING` on a unique
address), three rate-limit hits and the e-mail's task; for each POST of a confirmation, the step
(an UPDATE of a pending row found by its link), a leaf and the receipt's task. It answers 302 as
the door does (409 when nothing was written). Its rows go to scratch tables of its own (`ceiling_*`)
in the benchmark's database, narrower and with fewer indexes than the site's: it is the best
case, not a rival implementation (no checks, no proof of work, no e-mail, no CSRF).

It is served by the function that serves the site (`run_server` of `undersigned serve`): the same
Granian settings, processes and threads, and the same switch interval of Python's lock.

    python benchmarks/surge_ceiling.py --addr 127.0.0.1:PORT --workers 2 --threads 16

with SURGE_CEILING_DSN naming the database (libpq's form). The benchmark prepares the tables
(`prepare`) and the confirmations' rows (`fill`).
"""

import argparse
import os
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qsl

import psycopg

DSN_VARIABLE = "SURGE_CEILING_DSN"
SCRATCH = """
DROP TABLE IF EXISTS ceiling_signature, ceiling_hit, ceiling_task, ceiling_leaf;
CREATE TABLE ceiling_signature (
    id bigserial PRIMARY KEY, token text UNIQUE, email text UNIQUE, form text NOT NULL,
    state text NOT NULL, created_at timestamptz NOT NULL, confirmed_at timestamptz
);
CREATE TABLE ceiling_hit (id bigserial PRIMARY KEY, key varchar(200) NOT NULL,
                          at timestamptz NOT NULL);
CREATE INDEX ON ceiling_hit (key);
CREATE INDEX ON ceiling_hit (at);
CREATE TABLE ceiling_task (id bigserial PRIMARY KEY, args jsonb NOT NULL, status text NOT NULL,
                           enqueued_at timestamptz NOT NULL);
CREATE INDEX ON ceiling_task (status);
CREATE TABLE ceiling_leaf (id bigserial PRIMARY KEY, signature_id bigint NOT NULL,
                           body text NOT NULL);
"""
SIGN = """
WITH sig AS (
    INSERT INTO ceiling_signature (email, form, state, created_at)
    VALUES (%(email)s, %(form)s, 'pending', now()) ON CONFLICT DO NOTHING RETURNING id),
hit AS (INSERT INTO ceiling_hit (key, at)
        SELECT k, now() FROM sig, (VALUES (%(proof)s), (%(network)s), (%(domain)s)) AS keys (k)),
task AS (INSERT INTO ceiling_task (args, status, enqueued_at)
         SELECT jsonb_build_object('to', %(email)s::text, 'id', sig.id), 'READY', now()
         FROM sig)
SELECT id FROM sig
"""
CONFIRM = """
WITH sig AS (
    UPDATE ceiling_signature SET state = 'confirmed', confirmed_at = now()
    WHERE token = %(token)s AND state = 'pending' RETURNING id, email),
leaf AS (INSERT INTO ceiling_leaf (signature_id, body)
         SELECT id, 'confirmed ' || id || ' ' || %(token)s FROM sig),
task AS (INSERT INTO ceiling_task (args, status, enqueued_at)
         SELECT jsonb_build_object('to', email, 'id', id), 'READY', now() FROM sig)
SELECT id FROM sig
"""
CONFIRM_PREFIX = "/people/confirm/"
_local = threading.local()
# The site's turn of Python's lock (UNDERSIGNED_SWITCH_INTERVAL_MS, set in undersigned/wsgi.py).
SWITCH_INTERVAL_MS = int(os.environ.get("SURGE_CEILING_SWITCH_INTERVAL_MS") or 0)
if SWITCH_INTERVAL_MS > 0:
    sys.setswitchinterval(SWITCH_INTERVAL_MS / 1000)


def _connection() -> psycopg.Connection:
    """One connection per server thread, as the site keeps one per thread."""
    connection = getattr(_local, "connection", None)
    if connection is None or connection.closed:
        connection = _local.connection = psycopg.connect(
            os.environ[DSN_VARIABLE], autocommit=True, prepare_threshold=None
        )
    return connection


def application(environ: dict, start_response) -> list[bytes]:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    form = environ["wsgi.input"].read(length).decode() if length else ""
    path = environ.get("PATH_INFO", "")
    if environ.get("REQUEST_METHOD") != "POST":
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]
    if path.startswith(CONFIRM_PREFIX):
        token = path[len(CONFIRM_PREFIX) :].strip("/")
        row = _connection().execute(CONFIRM, {"token": token}).fetchone()
    else:
        fields = dict(parse_qsl(form))
        email = fields.get("email", "")
        network = environ.get("HTTP_X_FORWARDED_FOR", "").rpartition(".")[0]
        keys = {
            "proof": f"proof:{fields.get('proof', '')[:150]}",
            "network": f"cosign:net:{network}",
            "domain": f"cosign:domain:{email.rpartition('@')[2]}",
        }
        row = _connection().execute(SIGN, {"email": email, "form": form, **keys}).fetchone()
    status = "302 Found" if row else "409 Conflict"
    start_response(status, [("Location", "/thanks/"), ("Content-Length", "0")])
    return [b""]


def prepare(dsn: str) -> None:
    """The scratch tables, made anew (empty)."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(SCRATCH)


def fill(dsn: str, tokens: list[str]) -> None:
    """Empty the scratch tables, then one pending row per confirmation link's token."""
    with psycopg.connect(dsn) as connection:
        connection.execute(
            "TRUNCATE ceiling_signature, ceiling_hit, ceiling_task, ceiling_leaf RESTART IDENTITY"
        )
        with connection.cursor().copy(
            "COPY ceiling_signature (token, email, form, state, created_at) FROM STDIN"
        ) as copy:
            for n, token in enumerate(tokens):
                copy.write_row((token, f"c{n}@example.org", "", "pending", "now"))


def empty(dsn: str) -> None:
    with psycopg.connect(dsn) as connection:
        connection.execute(
            "TRUNCATE ceiling_signature, ceiling_hit, ceiling_task, ceiling_leaf RESTART IDENTITY"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--addr", required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
    from undersigned.core.management.commands.serve import run_server

    run_server(
        args.addr,
        workers=args.workers,
        threads=args.threads,
        access_log=False,
        target="surge_ceiling:application",
    )


if __name__ == "__main__":
    main()
