"""`make bench`: every benchmark, each printing ratios against a reference measured in the
same run."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in ["documents_bench.py", "page_bench.py"]:
    print(f"\n== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
