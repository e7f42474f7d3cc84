import os
import subprocess
import sys
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


def test_the_cli_sets_up_a_fresh_data_directory_and_exports(tmp_path):
    """The console script end to end, as a newcomer runs it (SQLite in a new data dir)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["UNDERSIGNED_DATA_DIR"] = str(tmp_path / "data")
    run = subprocess.run(
        [CLI, "demo", "--no-serve"], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
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
