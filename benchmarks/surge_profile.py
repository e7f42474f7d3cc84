"""Where a signature's and a confirmation's CPU goes, in process, on PostgreSQL: the same
requests `surge_bench.py` sends, handed to the WSGI application as the server hands them (the
lean door of cosigners/door.py, else Django), under cProfile, grouped by part.

    .venv/bin/python benchmarks/surge_profile.py [--count 300] [--django] [--database-url URL]

`--django` hands every request to Django's application itself (the door removed), to compare.
The database is made anew as surge_bench.py makes it (its name must contain "surge").
Prints the mean wall and CPU time per request and, per part, the share of the profile's time.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from surge_bench import open_statement, prepare_database, setup_django  # noqa: E402

DEFAULT_URL = "postgres://postgres:dev@127.0.0.1:5432/undersigned_surge_profile"
# Parts by where the profile's functions live, first match wins (cumulative time of the
# outermost frame of each part, so a part's time includes what it calls outside the others).
RUNTIME = ("django/core/handlers/", "django/middleware/", "django/contrib/", "django/http/")
PARTS = [
    ("psycopg and the database (round trips, commit)", ("psycopg/", "django/db/backends/")),
    ("the ORM (queries built, rows made)", ("django/db/models/",)),
    ("the form and its validation", ("django/forms/", "django/core/validators")),
    ("templates (the e-mail task's context, the page)", ("django/template/",)),
    ("Django's request, middleware, URLs", (*RUNTIME, "django/urls/")),
    ("translation", ("django/utils/translation/",)),
    (
        "hashes, proof of work, tokens",
        ("cosigners/proof.py", "cosigners/privacy.py", "core/tokens.py", "django/utils/crypto"),
    ),
    ("collation key of the name", ("core/collation.py", "pyuca/")),
    ("the task's row (django-tasks)", ("django_tasks",)),
    ("our code (views, services, the door)", ("undersigned/",)),
    ("Django's other helpers (functional, encoding, timezone)", ("django/",)),
]


def environ(path: str, body: str, *, forwarded: str = "", cookie: str = "") -> dict:
    data = body.encode()
    env = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(data)),
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(data),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    if forwarded:
        env["HTTP_X_FORWARDED_FOR"] = forwarded
    if cookie:
        env["HTTP_COOKIE"] = cookie
    return env


def call(app, env: dict) -> tuple[str, dict]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = app(env, start_response)
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return answer["status"], answer["headers"]


def backend_ticks() -> int:
    """CPU ticks of this thread's PostgreSQL backend so far (a local server: its /proc)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def report(
    title: str, profile: cProfile.Profile, count: int, wall: float, cpu: float, database: float
) -> None:
    stats = pstats.Stats(profile)
    total = sum(timing[2] for timing in stats.stats.values())  # own time of every function
    parts = dict.fromkeys(
        [name for name, _ in PARTS] + ["the standard library, builtins, the rest"], 0.0
    )

    def part_of(function: tuple, depth: int = 0) -> str:
        filename = function[0]
        if filename == "~" and depth < 3:  # a builtin: counted with its busiest caller
            callers = stats.stats[function][4]
            if callers:
                return part_of(max(callers, key=lambda c: callers[c][2]), depth + 1)
        return next(
            (n for n, marks in PARTS if any(m in filename for m in marks)),
            "the standard library, builtins, the rest",
        )

    for function, timing in stats.stats.items():
        parts[part_of(function)] += timing[2]
    print(f"\n{title}: {count} requests, {wall / count * 1000:.2f} ms wall and "
          f"{cpu / count * 1000:.2f} ms CPU each (without the profiler); PostgreSQL's backend "
          f"{database / count * 1000:.2f} ms CPU each")  # fmt: skip
    # The profiler slows every call alike: its shares, applied to the CPU measured without it.
    print(f"  {'part (CPU of its own functions)':<52} {'ms each':>8} {'share':>6}")
    for name, seconds in sorted(parts.items(), key=lambda item: -item[1]):
        share = seconds / total
        print(f"  {name:<52} {share * cpu / count * 1000:8.2f} {share:6.0%}")


def stacks_report(title: str, paths: list[Path], top: int = 15) -> None:
    """py-spy's samples (raw, collapsed stacks) grouped by part, by the file of the innermost
    Python frame (time in C is its caller's), and the innermost functions most sampled."""
    parts: dict[str, int] = {}
    leaves: dict[str, int] = {}
    total = 0
    for path in paths:
        for row in path.read_text().splitlines():
            stack, _sep, samples = row.rpartition(" ")
            if not samples.isdigit():
                continue
            leaf = stack.rsplit(";", 1)[-1]
            filename = leaf[leaf.rfind("(") + 1 :].rsplit(":", 1)[0]
            part = next(
                (n for n, marks in PARTS if any(m in filename for m in marks)),
                "the standard library, builtins, the rest",
            )
            parts[part] = parts.get(part, 0) + int(samples)
            leaves[leaf] = leaves.get(leaf, 0) + int(samples)
            total += int(samples)
    print(f"  {title}: {total:,} samples of the thread holding Python's lock (py-spy, 100/s)")
    for name, samples in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"    {name:<60} {samples / max(total, 1):6.1%}")
    print("    the innermost functions most sampled:")
    for leaf, samples in sorted(leaves.items(), key=lambda item: -item[1])[:top]:
        print(f"      {samples / max(total, 1):6.1%}  {leaf[-110:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--django", action="store_true", help="Django's application only")
    parser.add_argument("--top", type=int, default=0, help="also print the top functions")
    args = parser.parse_args()
    if "surge" not in urllib.parse.urlsplit(args.database_url).path:
        raise SystemExit("give a database whose name contains 'surge': it is made anew")
    prepare_database(args.database_url)
    setup_django(
        {
            "DATABASE_URL": args.database_url,
            "UNDERSIGNED_BEHIND_PROXY": "1",
            "UNDERSIGNED_DEBUG": "0",
            "UNDERSIGNED_SITE_URL": "http://127.0.0.1:8000",
            "UNDERSIGNED_DATA_DIR": tempfile.mkdtemp(prefix="undersigned-profile-"),
        }
    )
    from surge_bench import sign_requests

    from undersigned import wsgi
    from undersigned.core.tokens import derived_verifier
    from undersigned.cosigners.models import IndividualSignature
    from undersigned.cosigners.services import CONFIRM_LINK

    app = wsgi.django_application if args.django else wsgi.application
    statement, _secretariat = open_statement("On the profile")
    run = secrets.token_hex(3)
    lines = sign_requests(statement, args.count * 2, run)
    # Half to warm up (connections, caches, imports), half measured.
    for line in lines[: args.count]:
        path, forwarded, body = line.split("\t")
        assert call(app, environ(path, body, forwarded=forwarded))[0].startswith("302")
    profile = cProfile.Profile(time.process_time)  # CPU, not waits
    envs = [environ(*line.split("\t")[:1], line.split("\t")[2], forwarded=line.split("\t")[1])
            for line in lines[args.count:]]  # fmt: skip
    ticks = backend_ticks()
    wall, cpu = time.perf_counter(), time.process_time()
    for env in envs[: args.count // 2]:
        call(app, env)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    database = (backend_ticks() - ticks) / os.sysconf("SC_CLK_TCK")
    profile.enable()
    for env in envs[args.count // 2 :]:
        call(app, env)
    profile.disable()
    report("sign", profile, args.count // 2, wall, cpu, database)
    if args.top:
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)

    # Confirming: one CSRF cookie and token, as the benchmark takes them from one GET.
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    secret = _get_new_csrf_string()
    cookie = f"csrftoken={secret}"
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": _mask_cipher_secret(secret)})
    pending = list(
        IndividualSignature.objects.filter(statement=statement)
        .order_by("pk")
        .values_list("confirm_selector", flat=True)
    )
    paths = [
        f"/people/confirm/{selector}.{derived_verifier(CONFIRM_LINK, selector)}/"
        for selector in pending
    ]
    for path in paths[: args.count]:
        assert call(app, environ(path, body, cookie=cookie))[0].startswith("302")
    measured = paths[args.count : 2 * args.count]
    envs = [environ(path, body, cookie=cookie) for path in measured]
    ticks = backend_ticks()
    wall, cpu = time.perf_counter(), time.process_time()
    for env in envs[: args.count // 2]:
        call(app, env)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    database = (backend_ticks() - ticks) / os.sysconf("SC_CLK_TCK")
    profile = cProfile.Profile(time.process_time)  # CPU, not waits
    profile.enable()
    for env in envs[args.count // 2 :]:
        call(app, env)
    profile.disable()
    report("confirm", profile, args.count // 2, wall, cpu, database)
    if args.top:
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    from django.db import connections

    connections.close_all()


if __name__ == "__main__":
    main()
