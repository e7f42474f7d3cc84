"""Parsing a file someone else made, in a child process with bounded memory and time.

The readers hand bytes from anywhere to large C libraries (PDFium, libxml2, zlib, LibreOffice)
and the parsers run regular expressions over whatever text comes out. A crafted or merely
odd file (100 MB on one line, a PDF of thousands of pages) can take minutes and gigabytes, or
crash the process. So the parse runs in a fresh interpreter of the same Python
(`python -m undersigned.importing.sandbox`) which, before it loads any reading library,
limits its own address space (RLIMIT_AS) and processor time (RLIMIT_CPU, a backstop); the
parent kills the child's whole process group (a LibreOffice conversion included) once the
wall-clock budget is spent. Request and answer cross as JSON on pipes: no pickle from the
child, no database or Django settings in it, and its temporary files go to a directory the
parent removes, so nothing is left behind even when the child is killed.

The budgets are settings (`IMPORT_MEMORY_MB`, `IMPORT_SECONDS`; docs/configuration.md).
"""

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from undersigned.importing.readers import UnusableInput
from undersigned.importing.result import ImportResult, Signatory

_HEADER_BYTES = 1 << 20  # the request line: a path, a name and the register's abbreviations


@dataclass(frozen=True)
class Limits:
    """The budgets of one file: the child's address space and the wall-clock seconds."""

    memory_mb: int = 500
    seconds: int = 30

    @classmethod
    def from_settings(cls) -> "Limits":
        from django.conf import settings

        return cls(memory_mb=settings.IMPORT_MEMORY_MB, seconds=settings.IMPORT_SECONDS)


@dataclass
class SandboxRun:
    """What one parse in the child came to: a result or an error, and what it cost."""

    result: ImportResult | None
    error: str | None
    seconds: float
    peak_rss: int | None  # bytes, the child's (and its converters') peak; None when unknown
    budget: str | None = None  # the budget exceeded: SECONDS or MEMORY; None otherwise


SECONDS = "seconds"
MEMORY = "memory"


def parse_file_in_sandbox(
    path: Path,
    *,
    source: str | None = None,
    abbreviations: frozenset[str] = frozenset(),
    limits: Limits | None = None,
) -> ImportResult:
    """`parsers.parse_file` in a child process within `limits` (the settings' by default);
    raises `UnusableInput` for a file that cannot be used or that exceeds them.

    Side effects: none (the child reads the file; a .doc converter writes only to a
    temporary directory it removes)."""
    run = run_in_sandbox(
        path=path, source=source or str(path), abbreviations=abbreviations, limits=limits
    )
    if run.result is None:
        raise UnusableInput(run.error)
    return run.result


def parse_bytes_in_sandbox(
    data: bytes,
    filename: str,
    *,
    abbreviations: frozenset[str] = frozenset(),
    limits: Limits | None = None,
) -> ImportResult:
    """`parsers.parse_bytes` in a child process within `limits`; raises `UnusableInput`."""
    run = run_in_sandbox(data=data, source=filename, abbreviations=abbreviations, limits=limits)
    if run.result is None:
        raise UnusableInput(run.error)
    return run.result


def run_in_sandbox(
    *,
    path: Path | None = None,
    data: bytes | None = None,
    source: str,
    abbreviations: frozenset[str] = frozenset(),
    limits: Limits | None = None,
) -> SandboxRun:
    """Parse a file (by path) or bytes (an upload) in a child process; never raises for the
    file's sake. The child reads a path itself, so a large file never passes through here."""
    limits = limits or Limits.from_settings()
    request = {
        "path": str(path.resolve()) if path is not None else None,
        "source": source,
        "abbreviations": sorted(abbreviations),
    }
    payload = json.dumps(request).encode("utf-8") + b"\n" + (data or b"")
    too_long = (
        f"it took longer than {limits.seconds} s to read; the limit is set by "
        "UNDERSIGNED_IMPORT_SECONDS"
    )
    command = [
        sys.executable,
        "-m",
        "undersigned.importing.sandbox",
        str(limits.memory_mb * 2**20),
        str(limits.seconds),
    ]
    started = time.perf_counter()
    # The child's temporary files (a .doc conversion) go to a directory removed here, also
    # when the child was killed before it could clean up.
    with tempfile.TemporaryDirectory(prefix="undersigned-import-") as scratch:
        child = subprocess.Popen(  # noqa: S603 — our own interpreter and module
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # libraries' warnings; the answer says what went wrong
            env=_child_environment(scratch),
            start_new_session=True,  # its own process group: a converter dies with it
        )
        try:
            output, _ = child.communicate(payload, timeout=limits.seconds)
        except subprocess.TimeoutExpired:
            peak = _peak_rss(child.pid)
            _kill_group(child.pid)
            child.communicate()
            return SandboxRun(None, too_long, time.perf_counter() - started, peak, SECONDS)
        finally:
            if child.returncode != 0:
                _kill_group(child.pid)  # a converter the child left running when it died
    seconds = time.perf_counter() - started
    try:
        answer = json.loads(output)
    except ValueError:
        answer = {}
    peak = answer.get("peak_rss")
    if "result" in answer:
        return SandboxRun(_import_result(answer["result"]), None, seconds, peak)
    if "unusable" in answer:
        return SandboxRun(None, answer["unusable"], seconds, peak)
    if "failed" in answer:  # a bug of ours, said in a line rather than a traceback
        return SandboxRun(None, f"could not be parsed ({answer['failed']})", seconds, peak)
    memory = (
        f"it needed more than {limits.memory_mb} MB of memory to read; the limit is set by "
        "UNDERSIGNED_IMPORT_MEMORY_MB"
    )
    if answer.get("memory"):
        return SandboxRun(None, memory, seconds, peak, MEMORY)
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):  # RLIMIT_CPU's backstop
        return SandboxRun(None, too_long, seconds, peak, SECONDS)
    # A C library that cannot allocate often aborts or crashes instead of failing politely.
    stopped = _signal_name(child.returncode)
    return SandboxRun(
        None,
        f"its reader stopped ({stopped}): the file is damaged, or {memory}",
        seconds,
        peak,
    )


def _child_environment(scratch: str) -> dict[str, str]:
    """The parent's environment without Django's settings (the parsers need none, and
    loading the settings may write a secret key), with this checkout importable and
    temporary files in `scratch`."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment["TMPDIR"] = scratch
    root = str(Path(__file__).resolve().parents[2])
    environment["PYTHONPATH"] = os.pathsep.join(
        p for p in (root, environment.get("PYTHONPATH")) if p
    )
    return environment


def _kill_group(pid: int) -> None:
    """The child's process group: the child (its id names the group) and any converter."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _peak_rss(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


def _signal_name(returncode: int | None) -> str:
    if returncode is not None and returncode < 0:
        try:
            return signal.Signals(-returncode).name
        except ValueError:
            return f"signal {-returncode}"
    return f"exit status {returncode}"


def _import_result(data: dict) -> ImportResult:
    signatories = [Signatory(**entry) for entry in data.pop("signatories")]
    return ImportResult(**data, signatories=signatories)


# The child: `python -m undersigned.importing.sandbox MEMORY_BYTES CPU_SECONDS`, the request
# as a JSON line on stdin (then the bytes to parse when no path is given), the answer as one
# JSON object on stdout.


def _limit(kind: int, soft: int, hard: int) -> None:
    import resource

    _, ceiling = resource.getrlimit(kind)
    if ceiling != resource.RLIM_INFINITY:
        soft, hard = min(soft, ceiling), min(hard, ceiling)
    # A platform without this limit (RLIMIT_AS on macOS): the wall clock still holds.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(kind, (soft, hard))


def _peak_of_child() -> int:
    """The child's peak resident memory, and its converters'. Not `ru_maxrss` of the child
    itself: Linux carries the parent's peak across fork and exec into it."""
    import resource

    converters = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    own = _peak_rss(os.getpid())
    if own is None:  # no /proc (macOS, where ru_maxrss counts bytes)
        return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, converters)
    return max(own, converters * 1024)


def _out_of_memory(error: Exception) -> bool:
    """A C library (or its loader: "failed to map segment") that could not allocate."""
    return getattr(error, "errno", None) == errno.ENOMEM or any(
        words in str(error) for words in ("failed to map segment", "Cannot allocate memory")
    )


def _child(memory: int, cpu_seconds: int) -> None:
    import resource

    _limit(resource.RLIMIT_AS, memory, memory)
    # A backstop to the parent's clock: SIGXCPU at the soft limit, SIGKILL a second later.
    _limit(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)
    answer_to = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever a library prints must not mix with the answer
    stdin = sys.stdin.buffer
    request = json.loads(stdin.readline(_HEADER_BYTES))
    try:
        from undersigned.importing.parsers import parse_bytes, parse_file

        abbreviations = frozenset(request["abbreviations"])
        if request["path"] is not None:
            result = parse_file(
                Path(request["path"]), source=request["source"], abbreviations=abbreviations
            )
        else:
            result = parse_bytes(stdin.read(), request["source"], abbreviations=abbreviations)
        # ASCII: a PDF's text may hold lone surrogates (PDFium's halves of a char outside
        # the BMP), which UTF-8 cannot carry and JSON's escapes can
        text = json.dumps({"result": asdict(result)})
    except UnusableInput as error:
        text = json.dumps({"unusable": " ".join(str(error).split())})
    except MemoryError:
        text = json.dumps({"memory": True})
    except RecursionError:
        text = json.dumps({"unusable": "a document nested too deeply to read"})
    except Exception as error:  # a bug of ours: reported in one line
        if _out_of_memory(error):
            text = json.dumps({"memory": True})
        else:
            said = " ".join(str(error).split())
            text = json.dumps({"failed": f"{type(error).__name__}: {said}"})
    answer_to.write(f'{text[:-1]}, "peak_rss": {_peak_of_child()}}}')
    answer_to.flush()


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
