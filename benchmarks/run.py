"""`make bench`: every benchmark, each printing ratios against a reference measured in the
same run. The surge benchmark needs PostgreSQL, wrk and nginx: without them it says so and the
others still count."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CANNOT_RUN_HERE = 2  # surge_bench.py's exit code without PostgreSQL, wrk or nginx

for script in ["documents_bench.py", "page_bench.py", "surge_bench.py"]:
    print(f"\n== {script}", flush=True)
    done = subprocess.run([sys.executable, str(HERE / script)])
    if done.returncode == CANNOT_RUN_HERE and script == "surge_bench.py":
        print("surge_bench.py skipped: it cannot run on this machine (see above)")
    elif done.returncode:
        sys.exit(done.returncode)
