"""The `undersigned` console script: Django's management commands with the settings preset."""

import os
import sys


def demo_addr(args: list[str]) -> str:
    """The --addr of `undersigned demo` (the default when absent or malformed; the command
    itself reports a malformed one)."""
    for index, arg in enumerate(args):
        if arg.startswith("--addr="):
            return arg.split("=", 1)[1]
        if arg == "--addr" and index + 1 < len(args):
            return args[index + 1]
    return "127.0.0.1:8000"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
    if sys.argv[1:2] == ["demo"]:
        # The demo is tried on one's own machine: it lists the e-mails it "sends" at
        # /dev/outbox/, and their links point at the address it serves on.
        os.environ.setdefault("UNDERSIGNED_DEMO", "1")
        os.environ.setdefault("UNDERSIGNED_SITE_URL", f"http://{demo_addr(sys.argv[2:])}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
