"""The `sundhedshus` command: sub-commands go to `planners.cli`; otherwise the desktop app starts.

Qt is imported only when the GUI is started, so the command-line tools start fast and run on
machines without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

GUI_OPTIONS = ("--example", "--self-test")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in GUI_OPTIONS or any(c in args[0] for c in "./\\"):
        # The window, without loading the command line (argparse, its parsers): no sub-command is named with a
        # dot or a path separator, so a plan's file name never is one.
        return start_gui(args)
    from planners.cli import SUBCOMMANDS

    if args[0] not in SUBCOMMANDS and args[0] not in ("--version", "-h", "--help"):
        return start_gui(args)
    from planners.cli import main as cli_main

    return cli_main(args)


def start_gui(args: list[str]) -> int:
    import importlib.util

    if importlib.util.find_spec("desktop.app") is None:
        print(
            "Den grafiske brugerflade er ikke en del af denne version endnu.\n"
            "Brug kommandoerne: sundhedshus --help",
            file=sys.stderr,
        )
        return 2
    from desktop.app import run  # the GUI (imports Qt)

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
