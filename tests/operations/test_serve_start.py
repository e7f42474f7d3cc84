"""App hosts that share a data directory and start together (docs/operations.md) both come up:
`serve` collects the static files under a lock, since two unlocked collectstatic runs copy,
rename and chmod the same files at once and one of them fails."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLLECT = "import django; django.setup(); " + (
    "from undersigned.core.management.commands.serve import collect_static; collect_static()"
)


def test_two_hosts_collect_the_static_files_into_one_data_directory_at_once(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "undersigned.settings",
        "UNDERSIGNED_DATA_DIR": str(tmp_path / "data"),
    }
    for _round in range(2):  # a fresh data directory, then one already filled
        starts = [
            subprocess.Popen(
                [sys.executable, "-c", COLLECT], env=env, stderr=subprocess.PIPE, text=True
            )
            for _host in range(2)
        ]
        for start in starts:
            _out, errors = start.communicate(timeout=120)
            assert start.returncode == 0, errors[-2000:]
        manifest = tmp_path / "data" / "static" / "staticfiles.json"
        assert manifest.exists()
