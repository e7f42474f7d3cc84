"""A statement that catches on (issue 14's targets): a crowd of people signs and confirms on
PostgreSQL, with `undersigned serve` and `undersigned worker` running as in production and a
real SMTP server run here; the statement page read meanwhile against nginx serving the same
HTML; one server process and the worker killed with SIGKILL in the middle; then a statement
with 100,000 confirmed names.

    .venv/bin/python benchmarks/surge_bench.py [--seconds 60] [--database-url URL]

PostgreSQL: --database-url, else DATABASE_URL, else
postgres://postgres:dev@127.0.0.1:5432/undersigned_surge. A database whose name contains
"surge" is dropped and created anew at each run; any other must be empty. Without a reachable
PostgreSQL, or without wrk and nginx (Debian: apt-get install wrk nginx-light), the script
says so and exits with 2. Every load is bounded in time and stays on 127.0.0.1. Prints one
line per figure, with its target and whether it was met; nothing here is a test's assertion.
"""

import argparse
import base64
import email
import email.policy
import json
import math
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
CLI = Path(sys.executable).parent / "undersigned"
LUA = HERE / "surge.lua"
DEFAULT_URL = "postgres://postgres:dev@127.0.0.1:5432/undersigned_surge"
# The benchmark makes its challenges with the site's own code and solves them before the clock
# starts (a browser's work, not the server's); the server checks and spends each answer exactly
# as for a browser. The maximum only sets how long solving takes here.
PROOF_MAX = 100
# A worker that stops beating is taken for dead after this many seconds (production: 60).
WORKER_TIMEOUT = 10
MAIL_TASK = "undersigned.core.notifications.send_notification"
# The settings of this environment the site's processes get (to compare their values); the
# other UNDERSIGNED_ variables are the benchmark's own.
PASSED_ON = {
    "UNDERSIGNED_THREADS",
    "UNDERSIGNED_SWITCH_INTERVAL_MS",
    "UNDERSIGNED_COSIGNERS_SEAL_MS",
}
PASSED_ON |= {"UNDERSIGNED_PAGE_GENERATION_MS", "UNDERSIGNED_DOOR_CONCURRENCY"}
PASSED_ON |= {"UNDERSIGNED_WORKER_NICE"}
SERVER = "server (`serve`'s processes)"
LINK = re.compile(r"https?://[^/\s]+(/people/confirm/[^/\s]+/)")
COUNT = re.compile(r'class="individuals-count">\s*([\d,.\s\u00a0\u202f]+)')


def line(figure: str, value: str, target: str = "", met: bool | None = None) -> None:
    """One figure: its value, its target, and whether it was met."""
    verdict = "" if met is None else ("   met" if met else "   NOT MET")
    print(f"{figure:<46} {value}" + (f"   (target: {target})" if target else "") + verdict)


# --- PostgreSQL ---------------------------------------------------------------------------


def prepare_database(url: str) -> None:
    """Create the benchmark's database (anew when its name says it is the benchmark's), or
    exit 2 when no PostgreSQL answers."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": urllib.parse.unquote(parts.username or "postgres"),
        "password": urllib.parse.unquote(parts.password or ""),
        "connect_timeout": 5,
    }
    if parts.scheme not in ("postgres", "postgresql", "pgsql") or not name:
        raise SystemExit(f"surge_bench needs a PostgreSQL URL (postgres://…/name), not {url!r}")
    try:
        admin = psycopg.connect(dbname="postgres", autocommit=True, **server)
    except psycopg.OperationalError as error:
        print(
            f"No PostgreSQL reachable at {server['host']}:{server['port']} as {server['user']}: "
            f"{str(error).strip()}\nThe surge benchmark runs on PostgreSQL only: start it, or "
            "give DATABASE_URL or --database-url.",
            file=sys.stderr,
        )
        raise SystemExit(2) from None
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        quoted = sql.Identifier(name)
        if exists and "surge" in name:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(quoted))
            exists = None
        if exists:
            with psycopg.connect(dbname=name, **server) as database:
                tables = database.execute(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                ).fetchone()[0]
            if tables:
                print(
                    f"The database {name} holds {tables} tables: give the benchmark a scratch "
                    "database (one whose name contains 'surge' is made anew at each run).",
                    file=sys.stderr,
                )
                raise SystemExit(2)
        else:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(quoted))


# --- the site's processes, the mail server, nginx, wrk ------------------------------------


class Mailbox:
    """The real SMTP server's end: every message received, with the time it arrived."""

    def __init__(self) -> None:
        self.received: list[tuple[float, bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received.append((time.monotonic(), envelope.content))
        return "250 Message accepted for delivery"


class Site:
    """`serve` and `worker` as subprocesses, started and stopped here (by their ids)."""

    def __init__(self, env: dict[str, str], logs: Path, port: int) -> None:
        self.env, self.logs, self.port = env, logs, port
        self.base = f"http://127.0.0.1:{port}"
        self.processes: list[subprocess.Popen] = []
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def _start(self, name: str, *args: str) -> subprocess.Popen:
        with open(self.logs / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                [str(CLI), *args], env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        self.processes.append(process)
        return process

    def start(self, workers: int, threads: int | None) -> None:
        more = ["--threads", str(threads)] if threads else []
        self.server = self._start(
            "serve", "serve", "--addr", f"127.0.0.1:{self.port}", "--workers", str(workers),
            "--no-access-log", *more,
        )  # fmt: skip
        self.start_worker()
        wait_for(self.base + "/healthz", self.logs / "serve.log")

    def start_worker(self) -> None:
        self.worker = self._start("worker", "worker")

    def server_processes(self) -> list[int]:
        """The server's worker processes: the children of `serve` that answer requests."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes()
            except OSError:
                continue
            if int(fields[1]) == self.server.pid and b"resource_tracker" not in cmdline:
                children.append(int(stat.parent.name))
        return sorted(children)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)


def wait_for(url: str, log: Path | None = None, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise SystemExit(f"{url} did not answer in {seconds:.0f} s\n{tail}")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


class Nginx:
    """nginx serving one HTML file at the statement's path, one worker per core."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port = directory, port
        self.process: subprocess.Popen | None = None

    def serve(self, path: str, html: bytes) -> str:
        site = self.directory / "site" / path.strip("/")
        site.mkdir(parents=True, exist_ok=True)
        (site / "index.html").write_bytes(html)
        if self.process is None:
            (self.directory / "nginx.conf").write_text(
                f"worker_processes {os.cpu_count() or 2}; pid {self.directory}/nginx.pid; "
                f"daemon off;\nerror_log {self.directory}/error.log; "
                "events { worker_connections 1024; }\n"
                f"http {{ access_log off; server {{ listen 127.0.0.1:{self.port}; "
                f"root {self.directory}/site; }} }}\n"
            )
            self.process = subprocess.Popen(
                ["nginx", "-c", str(self.directory / "nginx.conf"), "-p", str(self.directory)]
            )
        url = f"http://127.0.0.1:{self.port}{path}"
        wait_for(url)
        return url

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            self.process.wait(10)


def wrk_get(url: str, *, seconds: float, connections: int) -> float:
    """Requests per second answered for `url` (one wrk thread)."""
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", url],
        capture_output=True, text=True, check=True, timeout=seconds + 30,
    ).stdout  # fmt: skip
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def write_lines(prefix: Path, lines: list[str], threads: int) -> None:
    """The requests, dealt out to one file per wrk thread."""
    for thread in range(threads):
        chunk = lines[thread::threads] or lines[:1]
        (prefix.parent / f"{prefix.name}.{thread}").write_text("\n".join(chunk) + "\n")


def wrk_post(
    base: str, prefix: Path, *, seconds: int, connections: int, threads: int, cookie: str = ""
) -> subprocess.Popen:
    env = {**os.environ, "SURGE_LINES": str(prefix), "SURGE_COOKIE": cookie}
    return subprocess.Popen(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(LUA), base],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wrk_result(process: subprocess.Popen) -> tuple[Counter, str]:
    out, err = process.communicate(timeout=120)
    found = re.search(r"^STATUSES (\{.*\})$", out, re.M)
    if process.returncode != 0 or not found:
        raise SystemExit(f"wrk failed: {err}\n{out}")
    latency = re.search(r"^LATENCY_MS (\S+) (\S+)$", out, re.M)
    statuses = Counter({int(k): v for k, v in json.loads(found.group(1)).items()})
    return statuses, f"latency median {latency.group(1)} ms, 99th percentile {latency.group(2)} ms"


class Ceiling:
    """The machine's bare ceiling (surge_ceiling.py): a WSGI application that writes the same
    rows per POST in one statement and nothing else, served by `undersigned serve`'s own
    function with the same processes, threads and switch interval, loaded by the same wrk
    script with the same connections."""

    def __init__(
        self, url: str, env: dict[str, str], logs: Path, port: int, site: "Site", nginx: "Nginx"
    ) -> None:
        self.url, self.port, self.site, self.nginx = url, port, site, nginx
        self.database = urllib.parse.urlsplit(url).path.lstrip("/")
        self.splits: list[dict[str, float]] = []  # the CPU of each turn
        self.base = f"http://127.0.0.1:{port}"
        self.env = {**env, "SURGE_CEILING_DSN": url, "PYTHONPATH": str(HERE)}
        self.logs = logs
        self.process: subprocess.Popen | None = None

    def start(self, workers: int, threads: int, switch_interval_ms: int) -> None:
        import surge_ceiling

        surge_ceiling.prepare(self.url)
        self.env["SURGE_CEILING_SWITCH_INTERVAL_MS"] = str(switch_interval_ms)
        with open(self.logs / "ceiling.log", "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(HERE / "surge_ceiling.py"), "--addr",
                 f"127.0.0.1:{self.port}", "--workers", str(workers), "--threads", str(threads)],
                env=self.env, stdout=log, stderr=log, start_new_session=True,
            )  # fmt: skip
        wait_for(self.base + "/", self.logs / "ceiling.log")

    def turn(
        self, prefix: Path, *, seconds: int, connections: int, cookie: str = "",
        tokens: list[str] | None = None,
    ) -> float:  # fmt: skip
        """POSTs answered 302 (written) per second over one turn, its tables emptied first."""
        import surge_ceiling

        if tokens is None:
            surge_ceiling.empty(self.url)
        else:
            surge_ceiling.fill(self.url, tokens)
        split = CpuSplit(self.site, self.nginx, self, self.database)
        split.start()
        load = wrk_post(
            self.base, prefix, seconds=seconds, connections=connections, threads=2, cookie=cookie
        )
        statuses, _latency = wrk_result(load)
        self.splits.append(split.stop())
        return statuses[302] / seconds

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)


def ceiling_text(rate: float, ceilings: list[float]) -> str:
    """'= 1 / k of the machine's bare ceiling M/s (turns before and after: a, b)'."""
    ceiling = statistics.median(ceilings)
    share = f"1 / {ceiling / rate:.1f}" if rate else "none"
    return (
        f"= {share} of the machine's bare ceiling {ceiling:,.0f}/s (its turns before and after: "
        + ", ".join(f"{c:,.0f}/s" for c in ceilings)
        + ")"
    )


class CpuSplit:
    """Where the machine's CPU went during a surge: each process's user and system time from
    /proc, read every quarter second (a process that ends is counted to its last reading), put
    in the part it belongs to; and the whole machine's busy and idle time from /proc/stat."""

    TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self, site: Site, nginx: Nginx, ceiling: Ceiling, database: str) -> None:
        self.site, self.nginx, self.ceiling, self.database = site, nginx, ceiling, database
        self.stopped = threading.Event()
        self.first: dict[int, int] = {}
        self.last: dict[int, tuple[str, int]] = {}  # pid → (part, ticks)
        self.thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _machine() -> tuple[int, int]:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle, iowait
        return sum(fields[:8]) - idle, idle  # user…steal

    def _part(self, pid: int, comm: str, parents: dict[int, int], cmdline: bytes) -> str:
        roots = {os.getpid(): "the benchmark (SMTP server, lag watchers)"}
        if self.site.server:
            roots[self.site.server.pid] = SERVER
        for process in self.site.processes:
            if process is not self.site.server:
                roots[process.pid] = "worker"
        if self.nginx.process:
            roots[self.nginx.process.pid] = "nginx"
        if self.ceiling.process:
            roots[self.ceiling.process.pid] = "bare ceiling's server"
        if comm == "py-spy":
            return "py-spy"
        if comm == "postgres":
            if f" {self.database} ".encode() in cmdline:
                return "PostgreSQL: the benchmark's connections"
            return "PostgreSQL: its own processes, other databases"
        seen, at = 0, pid
        while at > 1 and seen < 50:
            if at in roots:
                return "wrk" if comm == "wrk" else roots[at]
            at, seen = parents.get(at, 0), seen + 1
        return "other work on the machine"

    def _read(self) -> None:
        stats = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue
            comm = text[text.index("(") + 1 : text.rindex(")")]
            fields = text.rsplit(")", 1)[1].split()
            stats[int(stat.parent.name)] = (comm, int(fields[1]), int(fields[11]) + int(fields[12]))
        parents = {pid: parent for pid, (_comm, parent, _ticks) in stats.items()}
        for pid, (comm, _parent, ticks) in stats.items():
            if pid in self.last and self.last[pid][1] <= ticks:
                self.last[pid] = (self.last[pid][0], ticks)
                continue
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                cmdline = b""
            if pid not in self.last and not self.began:
                self.first[pid] = ticks  # running before: only what it does from now on
            self.last[pid] = (self._part(pid, comm, parents, cmdline), ticks)

    def _run(self) -> None:
        while not self.stopped.wait(0.25):
            self.began = True
            self._read()

    def start(self) -> None:
        self.began = False
        self._read()
        self.machine = self._machine()
        self.clock = time.monotonic()
        self.thread.start()

    def stop(self) -> dict[str, float]:
        """Cores used by each part (CPU seconds per second), the machine's too."""
        self.stopped.set()
        self.thread.join()
        self._read()
        seconds = time.monotonic() - self.clock
        busy, idle = (b - a for a, b in zip(self.machine, self._machine(), strict=True))
        parts: Counter = Counter()
        for pid, (part, ticks) in self.last.items():
            parts[part] += (ticks - self.first.get(pid, 0)) / self.TICK / seconds
        total = (busy + idle) / self.TICK / seconds
        parts["the whole machine: busy"] = busy / self.TICK / seconds
        parts["the whole machine: idle"] = idle / self.TICK / seconds
        parts["cores"] = total
        return dict(parts)


def spy(binary: str | None, site: Site, prefix: Path, *, seconds: int) -> list:
    """py-spy on each server process for `seconds` (samples of the thread holding Python's
    lock: where the processes' Python spends its CPU), in the background."""
    spies = []
    for pid in site.server_processes() if binary else []:
        output = prefix.with_name(f"{prefix.name}-{pid}.txt")
        command = [binary, "record", "--pid", str(pid), "--duration", str(max(1, seconds))]
        command += ["--rate", "100", "--gil", "--nonblocking", "--format", "raw"]
        process = subprocess.Popen(
            [*command, "--output", str(output)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        spies.append((output, process))
    return spies


def spied(spies: list, title: str) -> None:
    if not spies:
        return
    for _path, process in spies:
        process.wait(120)
    from surge_profile import stacks_report

    stacks_report(title, [path for path, _process in spies if path.exists()])


def cpu_text(split: dict[str, float]) -> str:
    cores = split.pop("cores")
    whole = [k for k in split if k.startswith("the whole machine: ")]
    machine = [f"{k.split(': ')[1]} {split.pop(k):.2f}" for k in whole]
    parts = sorted(split.items(), key=lambda item: -item[1])
    return (
        ", ".join(f"{name} {used:.2f}" for name, used in parts if used >= 0.005)
        + f"; the machine {' and '.join(machine)} (of {cores:.1f} cores)"
    )


# --- Django, in this process, on the same database ----------------------------------------


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "undersigned.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def open_statement(title: str):
    """A published statement that takes further signatories, open to individuals in English,
    names listed, affiliation and country asked and shown."""
    from django.contrib.auth.models import Permission, User

    from undersigned.cosigners.services import set_opening
    from undersigned.statements.models import State
    from undersigned.statements.services import create_statement, set_statement_state

    secretariat = User.objects.filter(username="surge-secretariat").first()
    if secretariat is None:
        secretariat = User.objects.create_user("surge-secretariat", "secretariat@example.org")
        secretariat.user_permissions.add(Permission.objects.get(codename="act_as_secretariat"))
    statement = create_statement(
        language="en", title=title, short_title=title[:40], body="We, the undersigned, declare."
    )
    set_statement_state(statement, to=State.OPEN, by=None)
    set_statement_state(statement, to=State.PUBLISHED, by=None)
    set_opening(
        statement, language="en", listing="listed", by=secretariat,
        affiliation="shown", country="shown", city="no",
    )  # fmt: skip
    statement.refresh_from_db()
    return statement, secretariat


def sign_requests(statement, count: int, run: str) -> list[str]:
    """`count` signatures of distinct people, each with its own solved proof of work, from
    networks of 20 people each (the server sits behind a proxy that names the client)."""
    from undersigned.cosigners import proof

    version_hash = statement.current_version("en").content_hash
    path = f"/statements/{statement.document_id}/en/sign/"
    lines = []
    for n in range(count):
        network = n // 20
        body = urllib.parse.urlencode(
            {
                "name": f"Person {n} Surge",
                "email": f"p{n}.{run}@m{n % 997}.example.org",
                "affiliation": "University of Somewhere",
                "country": "FR",
                "website": "",
                "version_hash": version_hash,
                "proof": proof.solve(proof.new_challenge(PROOF_MAX)),
            }
        )
        forwarded = f"10.{network // 256 % 256}.{network % 256}.{n % 20 + 1}"
        lines.append(f"{path}\t{forwarded}\t{body}")
    return lines


class Watch:
    """Polls the database's confirmed count (every 50 ms) and, on another thread, the served
    page's count, to say how far behind the page is: for each look at the page, how long the
    database had already held a larger count when the page was asked for, and when it came."""

    def __init__(self, statement, page_url: str) -> None:
        self.statement, self.page_url = statement, page_url
        self.stopped = threading.Event()
        self.database: list[tuple[float, int]] = []
        self.page: list[tuple[float, float, int]] = []  # asked, received, count shown
        self.threads = [
            threading.Thread(target=self._database, daemon=True),
            threading.Thread(target=self._page, daemon=True),
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopped.set()
        for thread in self.threads:
            thread.join()

    def _database(self) -> None:
        from django.db import connection

        from undersigned.cosigners.selectors import confirmed_count

        try:
            while not self.stopped.wait(0.05):
                self.database.append((time.monotonic(), confirmed_count(self.statement)))
        finally:
            connection.close()

    def _page(self) -> None:
        while not self.stopped.wait(0.1):
            asked = time.monotonic()
            try:
                found = COUNT.search(fetch(self.page_url))
            except OSError:
                continue
            if found:
                shown = int(re.sub(r"\D", "", found.group(1)))
                self.page.append((asked, time.monotonic(), shown))

    def lags(self) -> tuple[list[float], list[float], float]:
        """For each look at the page, how long the database had held a larger count when the
        page was asked for and when it arrived (0 when it showed the newest), and the longest
        wait for it."""
        asked_lags, received_lags, longest = [], [], 0.0
        for asked, received, shown in self.page:
            longest = max(longest, received - asked)
            ahead = next((t for t, c in self.database if c > shown), None)
            asked_lags.append(max(0.0, asked - ahead) if ahead is not None else 0.0)
            received_lags.append(max(0.0, received - ahead) if ahead is not None else 0.0)
        return asked_lags, received_lags, longest

    def worst(self, since: float, count: int = 3) -> str:
        """The looks furthest behind: when (seconds after `since`), how far, how long the
        answer took."""
        _asked, lags, _longest = self.lags()
        looks = sorted(zip(lags, self.page, strict=True), key=lambda look: -look[0])[:count]
        return "; ".join(
            f"+{asked - since:.1f} s: {lag:.1f} s behind, answered in {received - asked:.1f} s"
            for lag, (asked, received, _shown) in looks
        )


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of them lie (nearest rank)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def surge(
    site: Site,
    nginx_url: str,
    page_url: str,
    prefix: Path,
    *,
    seconds: int,
    connections: int,
    page_connections: int,
    turn: float,
    cookie: str = "",
    during: Callable[[], None] | None = None,
) -> tuple[Counter, str, list[float], list[float]]:
    """The POSTs for `seconds`; meanwhile the page, ours and nginx's in alternating turns,
    and `during` called half-way."""
    load = wrk_post(
        site.base, prefix, seconds=seconds, connections=connections, threads=2, cookie=cookie
    )
    began = time.monotonic()
    ours, theirs = [], []
    called = during is None
    while time.monotonic() - began < seconds - 2 * turn:
        if not called and time.monotonic() - began >= seconds / 2:
            during()
            called = True
        ours.append(wrk_get(page_url, seconds=turn, connections=page_connections))
        theirs.append(wrk_get(nginx_url, seconds=turn, connections=page_connections))
    if not called:
        during()
    statuses, latency = wrk_result(load)
    return statuses, latency, ours, theirs


def kill_in_the_middle(site: Site, killed: dict) -> Callable[[], None]:
    """SIGKILL one server process and the worker, then start a worker again as a supervisor
    would (Granian starts a new server process by itself)."""

    def kill() -> None:
        server_processes = site.server_processes()
        if server_processes:
            os.kill(server_processes[0], signal.SIGKILL)
            killed["server"] = server_processes[0]
        os.kill(site.worker.pid, signal.SIGKILL)
        site.worker.wait(10)
        killed["worker"] = site.worker.pid
        killed["at"] = time.monotonic()
        time.sleep(1)
        site.start_worker()

    return kill


def drain(seconds: float = 900) -> float:
    """Wait for the queue of e-mail tasks to empty; returns how long it took."""
    from django.db import close_old_connections
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    began = time.monotonic()
    while time.monotonic() - began < seconds:
        close_old_connections()
        waiting = DBTaskResult.objects.filter(
            task_path=MAIL_TASK, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).count()
        if not waiting:
            return time.monotonic() - began
        time.sleep(0.5)
    raise SystemExit(f"the worker had not sent every e-mail after {seconds:.0f} s")


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    from django.db import close_old_connections

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        close_old_connections()
        if condition():
            return True
        time.sleep(0.5)
    return False


def messages_of(mailbox: Mailbox, since: int = 0) -> list[tuple[float, email.message.Message]]:
    return [
        (at, email.message_from_bytes(raw, policy=email.policy.default))
        for at, raw in mailbox.received[since:]
    ]


def body_of(message: email.message.Message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def rate_of(times: list[float]) -> float:
    return len(times) / (max(times) - min(times)) if len(times) > 1 else 0.0


def ratio_text(ours: list[float], theirs: list[float]) -> tuple[str, bool]:
    if not ours:
        return "no turn fitted in the time given", False
    ratios = sorted(o / t for o, t in zip(ours, theirs, strict=True))
    median = statistics.median(ratios)
    return (
        f"ours {statistics.median(ours):,.0f} / nginx {statistics.median(theirs):,.0f} "
        f"requests/s = 1 / {1 / median:.1f} (median of {len(ratios)} alternating turns, from "
        f"1 / {1 / ratios[-1]:.1f} to 1 / {1 / ratios[0]:.1f})",
        median >= 0.25,
    )


# --- 100,000 confirmed individuals -------------------------------------------------------


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


MEASURES = ("list", "search", "page", "csv", "pdf")


def many_individuals(
    count: int, site: Site, nginx: Nginx, page_connections: int, only: set[str], runs: int
) -> None:
    """The measures of a statement with `count` confirmed names, those in `only`; the list's
    and the search's medians of `runs` (the CSV's and the PDF's of 3)."""
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from undersigned.cosigners.models import IndividualSignature, SignerState
    from undersigned.cosigners.privacy import folded, keyed_hash, name_key

    statement, secretariat = open_statement("A hundred thousand voices")
    version = statement.current_version("en")
    first = ["Ana", "Jean", "María", "Jürgen", "Олег", "Ayşe", "Zoë", "Émile", "Nguyễn", "Li"]
    last = ["Müller", "García", "Dubois", "Öztürk", "Иванов", "Smith", "Rossi", "Ødegaard"]
    now = timezone.now()
    began = time.monotonic()
    people = []
    for n in range(count):
        name = f"{first[n % 10]} {last[n // 10 % 8]} {n}"
        people.append(
            IndividualSignature(
                statement=statement,
                version=version,
                version_hash=version.content_hash,
                language="en",
                state=SignerState.CONFIRMED,
                name=name,
                name_key=name_key(name),
                name_folded=folded(name)[:200],
                affiliation="University of Somewhere",
                country="FR",
                email=f"bulk{n}@m{n % 997}.example.org",
                email_hash=keyed_hash("email", f"bulk{n}@m{n % 997}.example.org"),
                email_domain=f"m{n % 997}.example.org",
                confirm_selector=secrets.token_hex(16),
                confirm_hash="",
                created_at=now,
                confirmed_at=now,
                changed_at=now,
            )
        )
    IndividualSignature.objects.bulk_create(people, batch_size=5000)
    with connection.cursor() as cursor:
        # What autovacuum does after so many inserts on a live site: the statistics, and the
        # visibility map that lets the count and the list read the index alone.
        cursor.execute("VACUUM ANALYZE cosigners_individualsignature")
        cursor.execute("ANALYZE")
    line(f"{count:,} confirmed individuals made", f"in {time.monotonic() - began:.0f} s, "
         f"then VACUUM ANALYZE; load average {os.getloadavg()[0]:.1f}")  # fmt: skip

    # Django's test client calls Django itself, behind the page cache (undersigned/wsgi.py).
    client = Client(HTTP_HOST="127.0.0.1")
    people_url = f"/statements/{statement.document_id}/en/people/"
    assert client.get(people_url).status_code == 200
    if "list" in only:
        first_page = median_ms(lambda: client.get(people_url), runs)
        line("list, first page, uncached", f"{first_page:.1f} ms median of {runs}", "< 50 ms",
             first_page < 50)  # fmt: skip
    if "search" in only:
        search = median_ms(lambda: client.get(people_url, {"q": "ayse ozturk 4242"}), runs)
        line("list, a name search", f"{search:.1f} ms median of {runs}", "< 100 ms",
             search < 100)  # fmt: skip
    if "page" in only:
        cached_page(site, nginx, statement, page_connections)
    if "csv" in only:
        client.force_login(secretariat)
        export_url = f"/secretariat/statements/{statement.pk}/individuals.csv"
        csv_ms = median_ms(lambda: whole_body(client.get(export_url)), 3)
        line("CSV export of every individual", f"{csv_ms / 1000:.2f} s median of 3", "< 3 s",
             csv_ms < 3000)  # fmt: skip
    if "pdf" in only:
        pdf(statement, secretariat)


def whole_body(response) -> bytes:
    """The body as a client receives it, a streamed one read to its end."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def cached_page(site: Site, nginx: Nginx, statement, page_connections: int) -> None:
    page_path = f"/statements/{statement.document_id}/"
    html = fetch(site.base + page_path).encode()
    nginx_url = nginx.serve(page_path, html)
    ours, theirs = [], []
    for _turn in range(3):
        ours.append(wrk_get(site.base + page_path, seconds=3, connections=page_connections))
        theirs.append(wrk_get(nginx_url, seconds=3, connections=page_connections))
    text, met = ratio_text(ours, theirs)
    line("count page, cached, against nginx", text, "≥ 1 / 4", met)


def pdf(statement, secretariat) -> None:
    from undersigned.cosigners.services import set_people_list
    from undersigned.publishing.renderers.pdf import render_pdf
    from undersigned.publishing.selectors import build_document

    set_people_list(statement, order="name", in_documents=1000, by=secretariat)
    document = build_document(statement)
    people = getattr(document, "people", None)
    if people is None:
        line("PDF, first 1,000 names and the count", "not yet: the PDF has no individuals",
             "< 1 s", False)  # fmt: skip
        return
    pdf_ms = median_ms(lambda: render_pdf(build_document(statement)), 3)
    line(
        "PDF, first 1,000 names and the count",
        f"{pdf_ms:.0f} ms median of 3, built and rendered ({len(people.names):,} names, "
        f"{people.count:,} counted, {len(render_pdf(document)) // 1024:,} kB)",
        "< 1 s",
        pdf_ms < 1000,
    )


# --- the run -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="PostgreSQL (else DATABASE_URL)")
    parser.add_argument("--seconds", type=int, default=60, help="seconds of each surge")
    parser.add_argument("--connections", type=int, default=32, help="wrk's for the POSTs")
    parser.add_argument("--page-connections", type=int, default=16, help="wrk's for the page")
    parser.add_argument("--individuals", type=int, default=100_000)
    parser.add_argument("--threads", type=int, help="`serve`'s threads per process")
    parser.add_argument("--workers", type=int, help="`serve`'s processes (one per core)")
    parser.add_argument("--no-surge", action="store_true", help="only the 100,000 individuals")
    parser.add_argument(
        "--only", default=",".join(MEASURES), help="with --no-surge, the measures of the "
        f"100,000 individuals to make, comma-separated (of {', '.join(MEASURES)}; default all)",
    )  # fmt: skip
    parser.add_argument(
        "--runs", type=int, default=20, help="runs of the list's and the search's measures"
    )
    parser.add_argument("--rate", type=int, default=1500, help="signatures prepared per second")
    parser.add_argument(
        "--py-spy", metavar="BINARY", help="sample the server processes during each surge with "
        "this py-spy (never a dependency: a throwaway install) and print where their time went",
    )  # fmt: skip
    args = parser.parse_args()
    only = {measure.strip() for measure in args.only.split(",") if measure.strip()}
    if only - set(MEASURES):
        parser.error(f"--only takes {', '.join(MEASURES)}, not {', '.join(only - set(MEASURES))}")
    if only != set(MEASURES) and not args.no_surge:
        parser.error("--only chooses among the measures of the individuals: give --no-surge too")
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:  # as without PostgreSQL: this machine cannot run it, nothing failed
        print(
            f"{' and '.join(missing)} missing: the surge benchmark needs wrk and nginx "
            "(Debian: apt-get install wrk nginx-light)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_URL
    prepare_database(url)

    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # noqa: S103 - nginx's workers run as another user
        tmp_path = Path(tmp)
        (tmp_path / "logs").mkdir()
        mailbox = Mailbox()
        smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
        smtp.start()
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("UNDERSIGNED_")},
            **{k: v for k, v in os.environ.items() if k in PASSED_ON},
            "DATABASE_URL": url,
            "UNDERSIGNED_DATA_DIR": str(tmp_path / "data"),
            "UNDERSIGNED_SECRET_KEY": secrets.token_urlsafe(48),
            "UNDERSIGNED_AUDIT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "UNDERSIGNED_DEBUG": "0",
            "UNDERSIGNED_SITE_URL": f"http://127.0.0.1:{port}",
            "UNDERSIGNED_EMAIL_HOST": "127.0.0.1",
            "UNDERSIGNED_EMAIL_PORT": str(smtp.port),
            "UNDERSIGNED_EMAIL_TIMEOUT": "10",
            "UNDERSIGNED_WORKER_TIMEOUT": str(WORKER_TIMEOUT),
            # As behind the proxy of docs/deploy: the client is the X-Forwarded-For it adds.
            "UNDERSIGNED_BEHIND_PROXY": "1",
            "UNDERSIGNED_LOG_LEVEL": "WARNING",
        }
        setup_django(env)
        statement, _secretariat = open_statement("On the surge")
        run = secrets.token_hex(3)
        prepared = 0 if args.no_surge else args.seconds * args.rate
        began = time.monotonic()
        write_lines(tmp_path / "sign", sign_requests(statement, prepared, run), 2)
        solving = time.monotonic() - began
        threads = args.threads or os.environ.get("UNDERSIGNED_THREADS") or "16, the default"
        workers = args.workers or os.cpu_count() or 2
        from django.conf import settings as site_settings

        print(
            f"proof of work: {prepared:,} challenges made by the site's code and solved before "
            f"the clock starts (maximum {PROOF_MAX}, a browser's is 50,000; {solving:.0f} s);"
            " the server checks and spends each answer as for a browser; fetching a challenge "
            "(GET /people/challenge/, one per signature in a browser) is not in the load"
        )
        print(
            f"load: wrk, 2 threads, {args.connections} connections, {args.seconds} s per surge; "
            f"page turns of 3 s with {args.page_connections} connections; `serve` with "
            f"{workers} processes ({threads} "
            f"threads each), one `worker` (nice {site_settings.WORKER_NICE}), PostgreSQL on "
            "loopback, "
            f"UNDERSIGNED_WORKER_TIMEOUT={WORKER_TIMEOUT}; load average "
            f"{os.getloadavg()[0]:.1f} before the start"
        )
        site = Site(env, tmp_path / "logs", port)
        nginx = Nginx(tmp_path / "nginx", free_port())
        ceiling = Ceiling(url, env, tmp_path / "logs", free_port(), site, nginx)
        try:
            site.start(workers, args.threads)
            if not args.no_surge:
                from django.conf import settings

                ceiling.start(
                    workers,
                    args.threads or settings.SERVER_THREADS,
                    settings.SERVER_SWITCH_INTERVAL_MS,
                )
                measure(site, nginx, ceiling, statement, mailbox, tmp_path, args)
                ceiling.stop()
            many_individuals(args.individuals, site, nginx, args.page_connections, only, args.runs)
        finally:
            ceiling.stop()
            nginx.stop()
            site.stop()
            smtp.stop()
            from django.db import connections

            connections.close_all()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(
    site: Site, nginx: Nginx, ceiling: Ceiling, statement, mailbox: Mailbox, tmp_path: Path, args
) -> None:
    from django.db import close_old_connections
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from undersigned.cosigners.models import (
        Batch,
        IndividualSignature,
        Leaf,
        LeafKind,
        SignerState,
    )

    page_path = f"/statements/{statement.document_id}/"
    page_url = site.base + page_path
    nginx_url = nginx.serve(page_path, fetch(page_url).encode())
    signatures = IndividualSignature.objects.filter(statement=statement)
    turn = 3.0
    database = ceiling.database
    # The bare ceiling, in a turn before each surge and one after it (its queue drained), with
    # the same requests and connections.
    ceiling_seconds = max(2, min(10, args.seconds // 3))
    sign_ceilings = [
        ceiling.turn(tmp_path / "sign", seconds=ceiling_seconds, connections=args.connections)
    ]

    # 1. Signatures, with a server process and the worker killed half-way.
    watch = Watch(statement, page_url)
    watch.start()
    killed: dict = {}
    split = CpuSplit(site, nginx, ceiling, database)
    split.start()
    spies = spy(args.py_spy, site, tmp_path / "sign-stacks", seconds=args.seconds // 2 - 1)
    began = time.monotonic()
    statuses, latency, ours, theirs = surge(
        site, nginx_url, page_url, tmp_path / "sign", seconds=args.seconds,
        connections=args.connections, page_connections=args.page_connections, turn=turn,
        during=kill_in_the_middle(site, killed),
    )  # fmt: skip
    sign_seconds = time.monotonic() - began
    sign_cpu = split.stop()
    spied(spies, "the server's Python during the signatures (before the kill)")
    mails_during = [at for at, _raw in mailbox.received if at <= began + sign_seconds]
    accepted = statuses[302]
    stored = signatures.count()
    others = {k: v for k, v in statuses.items() if k != 302}
    sent_rate = len(mails_during) / sign_seconds
    drained = drain()
    sign_ceilings.append(
        ceiling.turn(tmp_path / "sign", seconds=ceiling_seconds, connections=args.connections)
    )
    line(
        "signatures accepted per second",
        f"{accepted / args.seconds:,.0f}/s {ceiling_text(accepted / args.seconds, sign_ceilings)}"
        f" ({accepted:,} answered 302 in {args.seconds} s, "
        f"{stored:,} stored; other answers {others or 'none'}; {latency})",
        "≥ 1,000/s",
        accepted / args.seconds >= 1000,
    )
    text, met = ratio_text(ours, theirs)
    line("statement page during the signatures", text, "≥ 1 / 4", met)
    line("CPU during the ceiling's last turn, in cores", cpu_text(ceiling.splits[-1]))
    server_ms = sign_cpu.get(SERVER, 0) * sign_seconds / max(accepted, 1) * 1000
    line(
        "CPU during the signatures, in cores",
        cpu_text(sign_cpu) + f"; the server's per signature {server_ms:.1f} ms "
        "(the page's requests included)",
    )
    line(
        "confirmation e-mails sent by the worker",
        f"{sent_rate:,.0f}/s during the surge; the {stored - len(mails_during):,} left sent "
        f"in {drained:.0f} s after it ({len(mailbox.received):,} received in all)",
    )

    # 2. Confirmations, by the links the mail server received.
    links: dict[str, str] = {}
    for _at, message in messages_of(mailbox):
        found = LINK.search(body_of(message))
        if found:
            links[str(message["To"])] = found.group(1)
    with urllib.request.urlopen(site.base + next(iter(links.values())), timeout=10) as answer:
        cookie = re.search(r"csrftoken=([^;]+)", answer.headers["Set-Cookie"]).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.read().decode())
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1)})
    write_lines(tmp_path / "confirm", [f"{path}\t\t{body}" for path in links.values()], 2)
    # The ceiling's links are its own (as many as it could use), each a pending row of its own.
    verifier = secrets.token_hex(22)  # the links' shape; the ceiling checks nothing of it
    tokens = [f"{n:08d}{secrets.token_hex(12)}.{verifier}" for n in range(ceiling_seconds * 8000)]
    lines = [f"/people/confirm/{t}/\t\t{body}" for t in tokens]
    write_lines(tmp_path / "ceiling-confirm", lines, 2)

    def confirm_ceiling() -> float:
        return ceiling.turn(
            tmp_path / "ceiling-confirm", seconds=ceiling_seconds, connections=args.connections,
            cookie=f"csrftoken={cookie}", tokens=tokens,
        )  # fmt: skip

    confirm_ceilings = [confirm_ceiling()]
    mails_before = len(mailbox.received)
    split = CpuSplit(site, nginx, ceiling, database)
    split.start()
    spies = spy(args.py_spy, site, tmp_path / "confirm-stacks", seconds=args.seconds - 2)
    began = time.monotonic()
    statuses, latency, ours, theirs = surge(
        site, nginx_url, page_url, tmp_path / "confirm", seconds=args.seconds,
        connections=args.connections, page_connections=args.page_connections, turn=turn,
        cookie=f"csrftoken={cookie}",
    )  # fmt: skip
    confirm_seconds = time.monotonic() - began
    confirm_cpu = split.stop()
    spied(spies, "the server's Python during the confirmations")
    close_old_connections()
    confirmed = signatures.filter(state=SignerState.CONFIRMED)
    times = sorted(confirmed.values_list("confirmed_at", flat=True))
    busy = (times[-1] - times[0]).total_seconds() if len(times) > 1 else args.seconds
    ran_out = busy < args.seconds - 2
    drained = drain()
    confirm_ceilings.append(confirm_ceiling())
    rate = len(times) / max(busy, 0.001)
    line(
        "confirmations per second",
        f"{rate:,.0f}/s {ceiling_text(rate, confirm_ceilings)} ({statuses[302]:,} answered 302; "
        f"{len(times):,} confirmed in {busy:.1f} s"
        + ("; every link was used before the end" if ran_out else "")
        + f"; {latency})",
        "≥ 1,000/s",
        len(times) / max(busy, 0.001) >= 1000,
    )
    text, met = ratio_text(ours, theirs)
    line("statement page during the confirmations", text, "≥ 1 / 4", met)
    line("CPU during the ceiling's last turn, in cores", cpu_text(ceiling.splits[-1]))
    server_ms = confirm_cpu.get(SERVER, 0) * confirm_seconds / max(statuses[302], 1) * 1000
    line(
        "CPU during the confirmations, in cores",
        cpu_text(confirm_cpu) + f"; the server's per confirmation "
        f"{server_ms:.1f} ms (the page's requests included)",
    )
    watch.stop()
    asked_lags, lags, longest = watch.lags()
    lag = max(lags, default=0.0)
    line(
        "shown count behind the database, at most",
        f"{lag:.1f} s when the page arrived (99th percentile {percentile(lags, 0.99):.2f} s, "
        f"median {percentile(lags, 0.5):.2f} s; when it was asked for: at most "
        f"{max(asked_lags, default=0.0):.1f} s, 99th percentile "
        f"{percentile(asked_lags, 0.99):.2f} s; the slowest answer took {longest:.1f} s; "
        f"{len(watch.page)} looks at the page)",
        "≤ 2 s",
        lag <= 2,
    )
    print(f"  the looks furthest behind, from the confirmations' start: {watch.worst(began)}")
    sealed = [
        (sealed_at - confirmed_at).total_seconds()
        for confirmed_at, sealed_at in Leaf.objects.filter(
            statement=statement, kind=LeafKind.CONFIRMED
        ).values_list("signature__confirmed_at", "batch__sealed_at")
        if sealed_at is not None and confirmed_at is not None
    ]
    line(
        "a confirmation sealed into its batch after",
        f"at most {max(sealed, default=0.0):.1f} s, 99th percentile "
        f"{percentile(sealed, 0.99):.2f} s, median {percentile(sealed, 0.5):.2f} s "
        f"({len(sealed):,} leaves; the page's count no longer waits for it)",
    )
    receipts = [at for at, _raw in mailbox.received[mails_before:]]
    line(
        "receipt e-mails sent by the worker",
        f"{rate_of(receipts):,.0f}/s from first to last ({len(receipts):,}; the last "
        f"{drained:.0f} s after the confirmations)",
    )

    # 4. After the kill: nothing lost, nothing twice beyond the one message the worker may have
    # been sending when it died (docs/operations.md).
    print(
        f"killed with SIGKILL half-way through the signatures: server process "
        f"{killed.get('server', 'none found')}, worker {killed.get('worker')}"
    )
    addresses = list(signatures.values_list("email", flat=True))
    line(
        "every accepted signature stored once",
        f"{accepted:,} answered 302, {len(addresses):,} stored, {len(set(addresses)):,} "
        f"distinct addresses; {len(addresses) - accepted:,} stored without an answer counted "
        "(in flight when the server process died or wrk stopped)",
        f"302s ≤ stored ≤ 302s + {2 * args.connections} in flight, each once",
        accepted <= len(addresses) <= accepted + 2 * args.connections
        and len(addresses) == len(set(addresses)),
    )
    # A confirmation enters the trail as a leaf of the statement's log, sealed into a batch
    # (one audit event) by the worker every second.
    confirmed_leaves = Leaf.objects.filter(statement=statement, kind=LeafKind.CONFIRMED)
    wait_until(lambda: not confirmed_leaves.filter(batch=None).exists(), 60)
    leaves = confirmed_leaves.count()
    sealed = confirmed_leaves.exclude(batch=None).count()
    batches = Batch.objects.filter(statement=statement).count()
    standing = signatures.filter(state=SignerState.CONFIRMED).count()
    line(
        "every confirmation a leaf, sealed in a batch",
        f"{leaves:,} leaves for {standing:,} confirmed, {sealed:,} sealed in {batches:,} batches",
        "all, sealed",
        leaves == sealed == standing,
    )
    by_kind: dict[str, Counter] = {"confirm": Counter(), "receipt": Counter()}
    ids: dict[tuple[str, str], set[str]] = {}
    for _at, message in messages_of(mailbox):
        kind = "confirm" if "/people/confirm/" in body_of(message) else "receipt"
        by_kind[kind][str(message["To"])] += 1
        ids.setdefault((kind, str(message["To"])), set()).add(str(message["Message-ID"]))
    unsent = set(addresses) - set(by_kind["confirm"])
    line("every confirmation e-mail received", f"{len(addresses) - len(unsent):,} of "
         f"{len(addresses):,} addresses", "all", not unsent)  # fmt: skip
    twice = [(kind, to) for kind, counts in by_kind.items() for to, n in counts.items() if n > 1]
    same_id = all(len(ids[key]) == 1 for key in twice)
    line(
        "messages received twice",
        f"{len(twice)}" + (", each with one Message-ID" if twice else ""),
        "at most 1 (the one being sent when the worker died), same Message-ID",
        len(twice) <= 1 and same_id,
    )
    failed = (
        DBTaskResult.objects.filter(task_path=MAIL_TASK)
        .exclude(status=TaskResultStatus.SUCCESSFUL)
        .count()
    )
    line("e-mail tasks not done", f"{failed}", "0", failed == 0)
    audit = subprocess.run([str(CLI), "verify-audit"], env=site.env, capture_output=True,
                           text=True, timeout=900)  # fmt: skip
    line("verify-audit", "holds" if audit.returncode == 0 else audit.stdout[-500:], "holds",
         audit.returncode == 0)  # fmt: skip


if __name__ == "__main__":
    main()
