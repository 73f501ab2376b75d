"""The command line (DESIGN §6): the same engine as the GUI, for consultants, scripting and tests.

`desktop/main.py` hands every sub-command here; this module never imports Qt. A user's mistake (a
refused file, invalid JSON, an unknown scenario) is one plain Danish line on standard error and exit
status 2, never a traceback.

The reading commands (summary, check, export-json, export) import nothing of the editing machinery (operations,
validation, the lock) and summary and check read only the scenario they show (issue 19.4): every module a
command needs is imported inside it. The parser and every command but the plain summary are in
`planners.cli_commands`, what they share with the summary in `planners.cli_common`: `summary` loads neither the
parser's nor the other commands' code (issue 19, bench/RESULTS.md "s17-sum2").
"""

from __future__ import annotations

import sys

from planners.cli_common import (  # noqa: F401 (their home before: planners.cli.UsageError etc.)
    LEVEL_DA,
    UsageError,
    pick_scenario,
    read_any_plan,
    read_scenario_of,
    summary,
)
from planners.model.errors import InvalidPlan, PlanError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import TextIO

SUBCOMMANDS = ("templates", "new", "import-json", "export-json", "summary", "check", "export", "diff", "merge",
               "versions", "save-version")  # fmt: skip

# `summary FIL [--scenario NAVN] [--json]` runs with `planners.cli_common` alone; the parser and every other
# command are in `planners.cli_commands`, imported when a command needs them (issue 19, s17-sum2).


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser (`planners.cli_commands.build_parser`)."""
    from planners.cli_commands import build_parser as build

    return build(only)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args_list = list(argv) if argv is not None else sys.argv[1:]
        plain = _plain_summary(args_list)
        if plain is not None:
            return summary(*plain, out)
        first = args_list[0] if args_list else None
        args = build_parser(first if first in SUBCOMMANDS else None).parse_args(args_list)
        if args.command is None:
            build_parser().print_help(out)
            return 0
        from planners.cli_commands import COMMANDS

        return COMMANDS[args.command](args, out)
    except InvalidPlan as exc:
        for problem in exc.problems:
            print(str(problem), file=err)
        return 2
    except PlanError as exc:
        print(exc.message, file=err)
        return 2
    except OSError as exc:
        print(f"Kunne ikke læse eller skrive {exc.filename or ''}: {exc.strerror or exc}".strip(), file=err)
        return 2
    except BrokenPipeError:  # e.g. `sundhedshus export-json plan | head`
        return 0


def _plain_summary(args: list[str]) -> tuple[str, str | None, bool] | None:
    """(file, scenario, json) of `summary FIL [--scenario NAVN] [--json]` in exactly these words, each option at
    most once, no value starting with "-"; None for anything else, which argparse parses (its abbreviations,
    `--scenario=NAVN`, help and errors). The plain form is what scripts and the bench run: it then imports
    neither argparse nor gettext and builds no parser (≈ 4 ms CPU of `summary`; issue 19); the result is the
    one argparse gives (tests/planners/test_cli_light.py compares them)."""
    if not args or args[0] != "summary":
        return None
    file: str | None = None
    scenario: str | None = None
    as_json = False
    seen: set[str] = set()
    rest = iter(args[1:])
    for word in rest:
        if word in seen:
            return None
        if word == "--json":
            as_json = True
        elif word == "--scenario":
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
            scenario = value
        elif word.startswith("-") or file is not None:
            return None
        else:
            file = word
            continue
        seen.add(word)
    return None if file is None else (file, scenario, as_json)
