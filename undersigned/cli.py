"""The `undersigned` console script: Django's management commands with the settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
    if sys.argv[1:2] == ["demo"]:
        # The demo is tried on one's own machine: debug mode shows the outbox of e-mails at
        # /dev/outbox/, so the links in them can be followed. `serve` never does this.
        os.environ.setdefault("UNDERSIGNED_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
