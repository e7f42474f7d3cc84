import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from undersigned.organizations.models import Organization
from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement

CLI = Path(sys.executable).parent / "undersigned"


@pytest.mark.django_db
def test_demo_without_serving_loads_the_example_once(capsys):
    call_command("demo", "--no-serve")
    first = capsys.readouterr().out
    call_command("demo", "--no-serve")
    second = capsys.readouterr().out
    assert "Loaded the example statement ICOR00359." in first
    assert "already loaded; nothing duplicated" in second
    assert (Statement.objects.count(), Organization.objects.count(), Signature.objects.count()) == (
        1,
        32,
        32,
    )
    password = first.split("Sign in as: admin / ")[1].split()[0]
    assert f"Sign in as: admin / {password}" in second


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory) -> tuple[dict, subprocess.CompletedProcess]:
    """A data directory the console script set up, as a newcomer does (SQLite)."""
    tmp_path = tmp_path_factory.mktemp("demo")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["UNDERSIGNED_DATA_DIR"] = str(tmp_path / "data")
    run = subprocess.run(
        [CLI, "demo", "--no-serve"], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return env, run


def test_the_cli_sets_up_a_fresh_data_directory_and_exports(demo_data):
    """The console script end to end, as a newcomer runs it (SQLite in a new data dir)."""
    env, run = demo_data
    tmp_path = Path(env["UNDERSIGNED_DATA_DIR"]).parent
    assert "http://127.0.0.1:8000/statements/ICOR00359/" in run.stdout
    assert (tmp_path / "data" / "undersigned.sqlite3").exists()
    assert oct((tmp_path / "data" / "secret_key").stat().st_mode & 0o777) == "0o600"
    export = subprocess.run(
        [CLI, "export", "ICOR00359", "--format", "txt"], env=env, capture_output=True, text=True
    )
    assert export.returncode == 0, export.stderr
    assert export.stdout.startswith("ICOR Statement on the Events in Belarus\n")
    bad = subprocess.run(
        [CLI, "demo", "--addr", "nonsense"], env=env, capture_output=True, text=True
    )
    assert bad.returncode != 0
    assert "--addr takes HOST:PORT" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_serve_answers_as_a_production_server_and_stops_on_sigterm(demo_data):
    """`undersigned serve` for real: pages (the second from the page cache), HEAD, 304,
    static files, CSRF, and a clean stop."""
    env, _run = demo_data
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [CLI, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "1", "--no-access-log"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        page = _wait_for(f"{base}/statements/ICOR00359/")
        body = page.read().decode()
        assert "Parti Communiste Proletarien de Côte d&#x27;Ivoire" in body
        with urllib.request.urlopen(f"{base}/statements/ICOR00359/") as again:
            assert again.read().decode() == body
            assert again.headers["ETag"] == page.headers["ETag"]
            assert "default-src 'self'" in again.headers["Content-Security-Policy"]
        head = urllib.request.Request(f"{base}/statements/ICOR00359/", method="HEAD")
        with urllib.request.urlopen(head) as answer:
            assert answer.status == 200 and answer.read() == b""
        conditional = urllib.request.Request(
            f"{base}/statements/ICOR00359/", headers={"If-None-Match": page.headers["ETag"]}
        )
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(conditional)
        assert not_modified.value.code == 304
        with urllib.request.urlopen(f"{base}/static/publishing/publishing.css") as css:
            assert css.status == 200 and b"{" in css.read()
        post = urllib.request.Request(f"{base}/account/sign-in/", data=b"email=a@b.c")
        with pytest.raises(urllib.error.HTTPError) as forbidden:
            urllib.request.urlopen(post)
        assert forbidden.value.code == 403  # no CSRF token
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "Traceback" not in output


def _wait_for(url: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
