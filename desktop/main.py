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
        code = _reading_command(args)
        if argv is None:  # the process's own command line: the console script, the launcher, `python -m`
            _end_process(code)
        return code
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


def _end_process(code: int) -> None:
    """End a reading command's process at once, as `desktop.app.leave` ends the GUI's: the command wrote no file
    and holds no lock, so nothing is left but freeing memory, which a normal interpreter exit does object by object
    and module by module (≈ 3–4 ms CPU of `summary` of the large plan; issue 19, bench/RESULTS.md "s16-summary").
    The exit handlers (`atexit`: a temporary copy's clean-up) still run and the output is flushed first; where the
    flush fails (a closed pipe) the interpreter's own exit decides and words it, as before. Only called when `main`
    read the process's own arguments (`argv` None): a caller that passes them gets the code back."""
    import atexit
    import os

    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the normal exit reports it (status 120), as before
        return
    os._exit(code)


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
