"""The `sundhedshus` command: sub-commands go to `planners.cli`; otherwise the desktop app starts.

Qt is imported only when the GUI is started, so the command-line tools start fast and run on
machines without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

GUI_OPTIONS = ("--example", "--self-test")
# The commands that only read and print: run without the cyclic garbage collector (`_reading_command`).
READING_COMMANDS = ("summary", "check", "export-json", "templates", "versions")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in GUI_OPTIONS or any(c in args[0] for c in "./\\"):
        # The window, without loading the command line (argparse, its parsers): no sub-command is named with a
        # dot or a path separator, so a plan's file name never is one.
        return start_gui(args)
    if args[0] in READING_COMMANDS:
        return _reading_command(args)
    from planners.cli import SUBCOMMANDS

    if args[0] not in SUBCOMMANDS and args[0] not in ("--version", "-h", "--help"):
        return start_gui(args)
    from planners.cli import main as cli_main

    return cli_main(args)


def _reading_command(args: list[str]) -> int:
    """A command that only reads and prints (no file written, a bounded amount of memory), without the cyclic
    garbage collector: it has nothing to free in such a command that the process's end does not.

    No collection while the command imports and runs (≈ 3 ms CPU of `summary` of the large plan, ≈ 17 ms of the
    XL plan), and everything it made frozen at its end, so the collections of the interpreter's shutdown do not
    walk every object of the modules and the plan once more (≈ 10 ms of `summary`; issue 19, bench/RESULTS.md).
    Objects are still freed by their reference counts; the process ends right after `main` returns (the console
    script, the frozen launcher, `python -m desktop.main`)."""
    import gc

    gc.disable()
    try:
        from planners.cli import main as cli_main

        return cli_main(args)
    finally:
        gc.freeze()
        gc.enable()


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
