"""The deployment of docs/operations.md, modelled on one machine: two `serve` processes (app
hosts) and two `worker` processes on one database, Caddy in front (docs/deploy/Caddyfile),
a real SMTP server. A bounded burst of signing, withdrawing and editing goes to both app hosts, one
worker is killed with SIGKILL in the middle; then nothing is lost or duplicated, every
e-mail arrives (once, or recognisably twice by its Message-ID when the kill fell between the
server's 250 and the worker's record), both hosts' cached pages are fresh within two
seconds, and the audit trail verifies."""

import email
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from aiosmtpd.controller import Controller
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories import (
    OrganizationFactory,
    make_delegate,
    make_secretariat,
)
from tests.operations.processes import database_url, free_port, wait_for
from undersigned.core.heads import key_path, signing_key
from undersigned.demo.example import load_example
from undersigned.operations.metrics import EMAIL_TASK
from undersigned.signatures.models import Signature
from undersigned.statements.services import create_statement

CLI = Path(sys.executable).parent / "undersigned"
ROOT = Path(__file__).resolve().parents[2]
CADDYFILE = ROOT / "docs" / "deploy" / "Caddyfile"
ORGANIZATIONS = 6  # each signs, withdraws and signs again: 18 writes, 36 e-mails


def audit_key_text() -> str:
    signing_key()  # made on first use
    return key_path().read_text().strip()


class Recorder:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(envelope.content)
        return "250 Message accepted for delivery"


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code < 500
    except requests.ConnectionError:
        return False


@pytest.fixture
def site(tmp_path):
    """Start and stop the processes; yields what the test needs of them."""
    smtp = Recorder()
    controller = Controller(smtp, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url(),
        "UNDERSIGNED_DATA_DIR": str(tmp_path / "data"),
        "UNDERSIGNED_SECRET_KEY": settings.SECRET_KEY,
        # Every host signs the trail's heads with the one audit key (docs/operations.md).
        "UNDERSIGNED_AUDIT_KEY": settings.AUDIT_KEY or audit_key_text(),
        "UNDERSIGNED_EMAIL_HOST": "127.0.0.1",
        "UNDERSIGNED_EMAIL_PORT": str(controller.port),
        "UNDERSIGNED_EMAIL_TIMEOUT": "5",
        "UNDERSIGNED_WORKER_TIMEOUT": "3",
        "UNDERSIGNED_BEHIND_PROXY": "1",
    }
    processes: dict[str, subprocess.Popen] = {}
    logs = tmp_path / "logs"
    logs.mkdir()

    def start(name: str, *args: str, command: list[str] | None = None, **extra: str):
        with open(logs / f"{name}.log", "wb") as log:
            processes[name] = subprocess.Popen(
                command or [str(CLI), *args],
                env={**env, **extra},
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        return processes[name]

    def log_of(url: str) -> str:
        """What the process behind `url` printed, to say why it never answered."""
        name = next((f"app-{n + 1}" for n, host in enumerate(hosts) if host == url), "caddy")
        return f"{name} at {url}:\n" + (logs / f"{name}.log").read_text(errors="replace")[-3000:]

    hosts = []
    for name in ("app-1", "app-2"):
        port = free_port()
        start(name, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "1", "--no-access-log")
        hosts.append(f"http://127.0.0.1:{port}")
    for name in ("worker-1", "worker-2"):
        start(name, "worker", "--interval", "0.2")
    proxy = None
    if shutil.which("caddy"):
        proxy = f"http://127.0.0.1:{free_port()}"
        start(
            "caddy",
            command=["caddy", "run", "--adapter", "caddyfile", "--config", str(CADDYFILE)],
            CADDY_ADMIN="off",
            XDG_DATA_HOME=str(tmp_path / "caddy"),
            XDG_CONFIG_HOME=str(tmp_path / "caddy"),
            UNDERSIGNED_SITE_ADDRESS=proxy,
            UNDERSIGNED_UPSTREAMS=" ".join(host.removeprefix("http://") for host in hosts),
        )
    try:
        for url in [*hosts, *([proxy] if proxy else [])]:
            assert wait_for(lambda url=url: answers(url + "/healthz"), 60), log_of(url)
        yield {"hosts": hosts, "proxy": proxy, "smtp": smtp, "processes": processes, "env": env}
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        controller.stop()


def session_for(user) -> requests.Session:
    client = Client()
    client.force_login(user)
    browser = requests.Session()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browser.cookies.set(cookie.key, cookie.value)
    return browser


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def act(
    browser: requests.Session, host: str, path: str, data: dict, *, keep: tuple[str, ...] = ()
) -> int:
    """Open the page, then send its form with `data`, the CSRF token and the hidden fields
    named in `keep` as the page gave them."""
    page = browser.get(host + path, timeout=30).text
    fields = {name: hidden(page, name) for name in ("csrfmiddlewaretoken", *keep)}
    answer = browser.post(
        host + path,
        data={**data, **fields},
        headers={"Referer": host + path},
        allow_redirects=False,
        timeout=30,
    )
    return answer.status_code


@pytest.mark.django_db(transaction=True)
def test_two_app_hosts_and_two_workers_lose_and_duplicate_nothing_when_a_worker_is_killed(site):
    (statement,) = load_example()
    secretariat = make_secretariat(email="secretariat@example.org")
    draft = create_statement(
        language="en", title="On the burst", short_title="Burst", body="Draft.", author=secretariat
    )
    hosts, smtp = site["hosts"], site["smtp"]
    path = f"/statements/{statement.document_id}/"
    for host in hosts:  # both hosts have the page in their cache before the burst
        assert requests.get(host + path, timeout=30).status_code == 200
    organizations = [
        OrganizationFactory(abbreviation=f"BURST{n}", is_member=True) for n in range(ORGANIZATIONS)
    ]
    delegates = [make_delegate(org, email=f"delegate{n}@example.org") for n, org in
                 enumerate(organizations)]  # fmt: skip
    version_hash = statement.current_version().content_hash

    def journey(n: int) -> list[int]:
        browser = session_for(delegates[n])
        sign_path = reverse("signatures:sign", args=[statement.pk, organizations[n].pk])
        sign = {"version_hash": version_hash, "confirm": "on"}
        withdraw = {"action": "withdraw", "confirm_withdrawal": "on"}
        first, second = hosts[n % 2], hosts[(n + 1) % 2]
        return [
            act(browser, first, sign_path, sign),
            act(browser, second, sign_path, withdraw),
            act(browser, first, sign_path, sign),
        ]

    def editing() -> list[int]:
        browser = session_for(secretariat)
        edit_path = reverse("drafting:edit", args=[draft.pk])
        statuses = []
        for n in range(3):
            text = {"title": "On the burst", "short_title": "Burst", "body": f"Edit {n}."}
            statuses.append(
                act(
                    browser,
                    hosts[n % 2],
                    edit_path,
                    {**text, "note": f"edit {n}"},
                    keep=("base_hash", "base_version"),
                )
            )
        return statuses

    with ThreadPoolExecutor(ORGANIZATIONS + 1) as pool:
        edits = pool.submit(editing)
        journeys = [pool.submit(journey, n) for n in range(ORGANIZATIONS)]
        time.sleep(0.5)  # in the middle of the burst
        site["processes"]["worker-1"].send_signal(signal.SIGKILL)
        statuses = [future.result() for future in journeys]

    assert statuses == [[302, 302, 302]] * ORGANIZATIONS
    assert edits.result() == [302, 302, 302]
    assert [v.body for v in draft.versions.order_by("pk")][1:] == ["Edit 0.", "Edit 1.", "Edit 2."]
    for organization in organizations:
        rows = Signature.objects.filter(statement=statement, organization=organization)
        assert (rows.count(), rows.active().count()) == (2, 1)

    # Both hosts show every new signatory within two seconds (their page caches are fresh).
    def listed_everywhere() -> bool:
        pages = [requests.get(host + path, timeout=10).text for host in hosts]
        return all(org.abbreviation in page for page in pages for org in organizations)

    assert wait_for(listed_everywhere, 2)

    # Every e-mail task ends sent; each message arrives, by its Message-ID.
    emails = DBTaskResult.objects.filter(task_path=EMAIL_TASK)
    assert emails.count() == ORGANIZATIONS * 3 * 2  # a receipt and the secretariat's notice

    def all_sent() -> bool:
        return not emails.exclude(status=TaskResultStatus.SUCCESSFUL).exists()

    assert wait_for(all_sent, 60), list(emails.values_list("status", "traceback"))
    received = Counter(email.message_from_bytes(m)["Message-ID"] for m in smtp.messages)
    expected = {f"<{pk}@127.0.0.1>" for pk in emails.values_list("id", flat=True)}
    assert set(received) == expected
    # A second copy only where the kill fell between the server's 250 and the record.
    assert sum(received.values()) - len(received) <= 1

    verified = subprocess.run(
        [str(CLI), "verify-audit"], env=site["env"], capture_output=True, text=True, timeout=120
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr

    if site["proxy"]:  # Caddy in front: both hosts answer through it, HTTPS headers kept
        through = [requests.get(site["proxy"] + path, timeout=10) for _ in range(4)]
        assert [answer.status_code for answer in through] == [200] * 4
        assert all(org.abbreviation in through[-1].text for org in organizations)
