"""The command line's parser and its commands but `summary` in its plain form (DESIGN §6), for `planners.cli`.

Apart from `planners.cli` so that `summary`, the command scripts and the bench run most, loads neither the
parser's nor the other commands' code (issue 19, bench/RESULTS.md "s17-sum2"). Every module a command needs
is imported inside it.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from planners import __version__
from planners.cli_common import (
    UsageError,
    finding_json,
    finding_line,
    pick_scenario,
    read_any_plan,
    read_scenario_of,
    summary,
)
from planners.model import Level, Plan
from planners.model.errors import PlanError
from planners.model.prebuilt import replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    import argparse
    from typing import TextIO

    from planners.exports.annex.changes import ChangesSince


@cache
def _parser_class() -> type[argparse.ArgumentParser]:
    """The parser's class, made when a command is parsed: the app's start imports this module only for
    SUBCOMMANDS and does not import argparse (≈ 1,5 ms CPU; issue 19)."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        """argparse, but its errors are a Danish line and exit status 2 like every other user mistake."""

        def error(self, message: str) -> None:  # type: ignore[override]
            self.print_usage(sys.stderr)
            raise UsageError(f"Forkert brug: {message}")

        def _get_formatter(self) -> argparse.HelpFormatter:
            # argparse makes a formatter at every add_argument, and its default width imports shutil (with bz2,
            # lzma and zlib, ≈ 1 ms CPU of every command); the same width, as shutil.get_terminal_size gives it.
            return self.formatter_class(prog=self.prog, width=_terminal_columns() - 2)  # type: ignore[call-arg]

    return _Parser


def _terminal_columns() -> int:
    """The columns of `shutil.get_terminal_size()`: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only` (a sub-command's name) only that sub-command's parser is built:
    a command then does not pay for building the other ten (≈ 3 ms of a reading command's start; issue 19.4)."""
    parser_class = _parser_class()
    parser = parser_class(prog="sundhedshus", description="Planlægning af læge- og sundhedshuse.")
    parser.add_argument("--version", action="version", version=f"sundhedshus {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=parser_class)

    if only in (None, "templates"):
        sub.add_parser("templates", help="list skabeloner: NAVN<TAB>titel")

    if only in (None, "new"):
        p = sub.add_parser("new", help="ny plan fra en skabelon")
        p.add_argument("--template", required=True, metavar="NAVN")
        p.add_argument("-o", "--output", required=True, metavar="FIL")

    if only in (None, "import-json"):
        p = sub.add_parser("import-json", help="importér en plan fra JSON til en ny planfil")
        p.add_argument("json", metavar="JSON")
        p.add_argument("-o", "--output", required=True, metavar="FIL")

    if only in (None, "export-json"):
        p = sub.add_parser("export-json", help="eksportér en plan som JSON")
        p.add_argument("file", metavar="FIL")
        p.add_argument("-o", "--output", metavar="UD")

    if only in (None, "summary"):
        p = sub.add_parser("summary", help="nøgletal for et scenarie")
        p.add_argument("file", metavar="FIL")
        p.add_argument("--scenario", metavar="NAVN")
        p.add_argument("--json", action="store_true")

    if only in (None, "check"):
        p = sub.add_parser("check", help="tjek planen mod puljens regler")
        p.add_argument("file", metavar="FIL")
        group = p.add_mutually_exclusive_group()
        group.add_argument("--scenario", metavar="NAVN")
        group.add_argument("--all", action="store_true")
        p.add_argument("--json", action="store_true")
        p.add_argument("--look-up", action="store_true",
                       help="med --json: et objekt med fundene under «findings» og det, der skal slås op i "
                            "puljeopslaget, under «to_look_up»")

    if only in (None, "export"):
        p = sub.add_parser("export", help="ansøgningsbilag (Excel) og/eller rapport (PDF)")
        p.add_argument("file", metavar="FIL")
        p.add_argument("--xlsx", metavar="UD.xlsx")
        p.add_argument("--pdf", metavar="UD.pdf")
        p.add_argument("--scenario", metavar="NAVN")
        p.add_argument("--compare", action="store_true",
                       help="sammenlign alle planens scenarier (fanen «Scenarier» og sider i rapporten)")
        p.add_argument("--changes-since", metavar="VERSION",
                       help="bilaget får fanen «Ændringer siden version»: hvad der er ændret siden planens gemte version")
        p.add_argument("--handout", metavar="UD.pdf", help="scenariet på én side (PDF) til uddeling")
        p.add_argument("--offer", nargs=2, metavar=("LEJER", "UD.pdf"),
                       help="lejetilbud (PDF) til lejeren LEJER (id eller navn)")

    if only in (None, "diff"):
        p = sub.add_parser("diff", help="forskelle mellem to planer: tilføjet, fjernet og ændret, og virkningen")
        p.add_argument("old", metavar="A")
        p.add_argument("new", metavar="B", nargs="?", help="udeladt med --version: A, som den er nu")
        p.add_argument("--version", dest="named", metavar="NAVN", help="sammenlign A's gemte version NAVN")
        p.add_argument("--json", action="store_true")
        p.add_argument("--english", action="store_true", help="teksterne på engelsk")

    if only in (None, "merge"):
        p = sub.add_parser("merge", help="flet to kopier af samme plan til en ny planfil")
        p.add_argument("mine", metavar="MIN")
        p.add_argument("theirs", metavar="DERES")
        p.add_argument("-o", "--output", required=True, metavar="UD")
        p.add_argument("--take", choices=("mine", "theirs"),
                       help="ved konflikt: tag min (mine) eller deres (theirs) værdi")
        p.add_argument("--json", action="store_true")

    if only in (None, "versions"):
        p = sub.add_parser("versions", help="planens gemte versioner: navn<TAB>tidspunkt<TAB>hvem")
        p.add_argument("file", metavar="FIL")

    if only in (None, "save-version"):
        p = sub.add_parser("save-version", help="gem planen, som den er nu, som en navngiven version")
        p.add_argument("file", metavar="FIL")
        p.add_argument("name", metavar="NAVN")
    return parser


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise UsageError(f"{target} findes allerede; vælg et andet filnavn (en plan overskrives aldrig)")


def _refuse_target(target: Path, source: str) -> None:
    """No command writes over its source or over any plan file (issue 20.8); checked before any work."""
    from planners.store.targets import refuse_plan_target

    refuse_plan_target(target, (Path(source),))


# --- commands ------------------------------------------------------------------------------------


def cmd_templates(args: argparse.Namespace, out: TextIO) -> int:
    from planners.reference import template_names

    for name, title in template_names():
        print(f"{name}\t{title}", file=out)
    return 0


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    from planners.interchange.plan_json import load_json
    from planners.reference import template_names, template_path
    from planners.store.planfile import create_plan_file

    target = Path(args.output)
    _refuse_existing(target)
    try:
        source = template_path(args.template)
    except KeyError:
        names = ", ".join(name for name, _ in template_names())
        raise UsageError(f"Ukendt skabelon «{args.template}». Skabeloner: {names}") from None
    create_plan_file(target, load_json(source)).close()
    print(f"Oprettet {target}", file=out)
    return 0


def cmd_import_json(args: argparse.Namespace, out: TextIO) -> int:
    from planners.interchange.plan_json import load_json
    from planners.store.planfile import create_plan_file

    target = Path(args.output)
    _refuse_existing(target)
    source = Path(args.json)
    if not source.exists():
        raise PlanError("Filen findes ikke: {path}", path=source)
    plan = load_json(source)  # every problem is listed before anything is written
    create_plan_file(target, plan).close()
    print(f"Importeret til {target}", file=out)
    return 0


def cmd_export_json(args: argparse.Namespace, out: TextIO) -> int:
    from planners.interchange.plan_json import dump_json

    if args.output:
        _refuse_target(Path(args.output), args.file)  # before reading: a refused target costs nothing
    text = dump_json(read_any_plan(args.file))
    if args.output:
        from planners.store.safewrite import write_text_atomically

        write_text_atomically(Path(args.output), text if text.endswith("\n") else text + "\n")
    else:
        out.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_summary(args: argparse.Namespace, out: TextIO) -> int:
    return summary(args.file, args.scenario, args.json, out)


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from planners.figures.checked import run_checks

    if args.all:
        plan = read_any_plan(args.file)
        scenarios = plan.scenarios
    else:
        plan, scenario = read_scenario_of(args.file, args.scenario)
        scenarios = [scenario]
    results = {s.name: run_checks(plan, s) for s in scenarios}
    if args.json:
        from planners.interchange.exactjson import dumps

        if args.all:
            payload: object = {name: [finding_json(f) for f in found] for name, found in results.items()}
        else:
            payload = [finding_json(f) for f in next(iter(results.values()))]
        if args.look_up:
            # What the round's data does not know is no finding (issue 14.3) but a list of its own; an option,
            # so that scripts reading the plain list of findings keep working.
            from planners.checks.findings import to_look_up

            items = zip(to_look_up(plan.pool_round, "da"), to_look_up(plan.pool_round, "en"), strict=True)
            payload = {"findings": payload, "to_look_up": [{"message": da, "message_en": en} for da, en in items]}
        out.write(dumps(payload) + "\n")
    else:
        # One finding a line, nothing else on standard output, so scripts can read it (DESIGN §6); with
        # --all each line names its scenario.
        for name, found in results.items():
            for finding in found:
                if args.all and finding.ref.scenario is None:
                    finding = replace(finding, ref=replace(finding.ref, scenario=name))
                print(finding_line(finding), file=out)
            if not found:
                print(f"Ingen fund i scenarie «{name}».", file=sys.stderr)
    has_error = any(f.level is Level.ERROR for found in results.values() for f in found)
    return 1 if has_error else 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    offer = args.offer[1] if args.offer else None
    targets = [t for t in (args.xlsx, args.pdf, args.handout, offer) if t]
    if not targets:
        raise UsageError("Angiv mindst én af --xlsx UD.xlsx, --pdf UD.pdf, --handout UD.pdf og --offer LEJER UD.pdf")
    for target in targets:
        _refuse_target(Path(target), args.file)
    if len({Path(t) for t in targets}) < len(targets):
        raise UsageError("To eksporter kan ikke skrive til den samme fil")
    plan = read_any_plan(args.file)
    scenario = pick_scenario(plan, args.scenario)
    if args.offer and not any(args.offer[0] in (t.id, t.name) for t in scenario.tenants):
        raise PlanError(f"Scenariet «{scenario.name}» har ingen lejer «{args.offer[0]}»",
                        f"The scenario “{scenario.name}” has no tenant “{args.offer[0]}”.")
    if args.compare:
        from planners.figures.compare import compare

        compare(plan, None, base=scenario.name)  # a plan that cannot be compared stops here, nothing written
    changes_since = _changes_since(args.file, plan, args.changes_since) if args.changes_since else None
    if args.xlsx:
        from planners.exports.annex.workbook import write_annex

        write_annex(plan, Path(args.xlsx), scenario.name, compare=args.compare, changes_since=changes_since)
        print(f"Ansøgningsbilag skrevet: {args.xlsx}", file=out)
    if args.pdf:
        from planners.exports.report.document import write_report

        write_report(plan, Path(args.pdf), scenario.name, compare=args.compare)
        print(f"Rapport skrevet: {args.pdf}", file=out)
    if args.handout:
        from planners.exports.report.handout import write_handout

        write_handout(plan, Path(args.handout), scenario.name)
        print(f"Uddeling skrevet: {args.handout}", file=out)
    if args.offer:
        from planners.exports.report.offer import write_offer

        write_offer(plan, args.offer[0], Path(offer or ""), scenario.name)
        print(f"Lejetilbud skrevet: {offer}", file=out)
    return 0


def _changes_since(path: str, plan: Plan, name: str) -> ChangesSince:
    """The difference from the plan file's version `name` to `plan` (the plan as exported), for the annex's sheet
    "Ændringer siden version"; a JSON plan has no versions."""
    from planners.exports.annex.changes import ChangesSince
    from planners.history.diff import diff_plans
    from planners.store.planfile import PlanFile

    if Path(path).suffix.lower() == ".json":
        raise UsageError("--changes-since kræver en planfil (.sundhedshus): en JSON-plan har ingen versioner")
    with PlanFile.open(path, readonly=True) as plan_file:
        old = plan_file.version_plan(name)  # a name the plan lacks: its versions are listed
        version = next(v for v in plan_file.versions() if v.name == name)
    return ChangesSince(version.name, version.at, version.who, diff_plans(old, plan, by_row_id=True))


def cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when the two plans are the same, 1 when they differ (like `diff`)."""
    from planners.history.diff import diff_plans
    from planners.history.files import read_with_origin, share_origin

    lang = "en" if args.english else "da"
    if args.new is None and args.named is None:
        raise UsageError("Angiv to planer, eller én plan og --version NAVN")
    a = read_with_origin(args.old)
    b = read_with_origin(args.new) if args.new is not None else a
    if args.named is not None:  # the version is A as it was: its row ids are A's
        from planners.store.planfile import PlanFile

        with PlanFile.open(a.path, readonly=True) as plan_file:
            old = plan_file.version_plan(args.named)
        same = b is a or share_origin(a, b)
        result = diff_plans(old, b.plan, by_row_id=same, lang=lang)
    else:
        result = diff_plans(a.plan, b.plan, by_row_id=share_origin(a, b), lang=lang)
    if args.json:
        from planners.interchange.exactjson import dumps

        out.write(dumps(result.to_dict(lang)) + "\n")
    else:
        out.write(result.text(lang))
    return 0 if result.empty else 1


def cmd_merge(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 with the merged plan written to UD; 1 with the conflicts listed (nothing written), or when the two
    are not copies of one plan (their differences listed, nothing written)."""
    from planners.history.diff import diff_plans
    from planners.history.files import read_with_origin, share_origin
    from planners.history.merge import merge_plans
    from planners.store.planfile import create_plan_file

    target = Path(args.output)
    _refuse_existing(target)
    mine, theirs = read_with_origin(args.mine), read_with_origin(args.theirs)
    if not share_origin(mine, theirs) or mine.origin is None:
        print("De to planer er ikke kopier af samme plan (ingen fælles historik), så de flettes ikke. "
              "Forskellene:", file=sys.stderr)
        out.write(diff_plans(mine.plan, theirs.plan).text())
        return 1
    choose: dict[str, str] = {}
    result = merge_plans(mine.origin.plan, mine.plan, theirs.plan)
    if result.conflicts and args.take:
        choose = {c.key: args.take for c in result.conflicts}
        result = merge_plans(mine.origin.plan, mine.plan, theirs.plan, choose)
    if result.conflicts:
        if args.json:
            from planners.interchange.exactjson import dumps

            out.write(dumps([{"key": c.key, "text": c.text()} for c in result.conflicts]) + "\n")
        else:
            for conflict in result.conflicts:
                print(conflict.text(), file=out)
        print(f"{len(result.conflicts)} konflikt(er): begge kopier har ændret det samme forskelligt. Intet er "
              "skrevet; vælg med --take mine eller --take theirs, eller flet i programmet.", file=sys.stderr)
        return 1
    validation_problems = _merged_problems(result.plan)
    if validation_problems:
        for problem in validation_problems:
            print(problem, file=out)
        print("Den flettede plan er ikke gyldig (se ovenfor); intet er skrevet.", file=sys.stderr)
        return 1
    from planners.store import history

    with create_plan_file(target, result.plan) as merged:
        history.mark(merged.conn, f"flettet: «{mine.path.name}» med «{theirs.path.name}»", merged.author)
    changes = diff_plans(mine.plan, result.plan, figures=False).changes
    print(f"Flettet til {target}: {len(changes)} ændring(er) fra deres kopi"
          + (f", {len(result.resolved)} konflikt(er) afgjort med --take {args.take}" if result.resolved else ""),
          file=out)
    return 0


def cmd_versions(args: argparse.Namespace, out: TextIO) -> int:
    from planners.store.planfile import PlanFile

    with PlanFile.open(args.file, readonly=True) as plan_file:
        for version in plan_file.versions():
            print(f"{version.name}\t{version.at}\t{version.who}", file=out)
    return 0


def cmd_save_version(args: argparse.Namespace, out: TextIO) -> int:
    from planners.store.planfile import PlanFile

    with PlanFile.open(args.file) as plan_file:
        version = plan_file.save_version(args.name)
    print(f"Version «{version.name}» gemt", file=out)
    return 0


def _merged_problems(plan: Plan) -> list[str]:
    from planners import reference
    from planners.model import validation

    return [str(p) for p in validation.validate_plan(plan, reference.known_names())]


COMMANDS = {
    "templates": cmd_templates,
    "new": cmd_new,
    "import-json": cmd_import_json,
    "export-json": cmd_export_json,
    "summary": cmd_summary,
    "check": cmd_check,
    "export": cmd_export,
    "diff": cmd_diff,
    "merge": cmd_merge,
    "versions": cmd_versions,
    "save-version": cmd_save_version,
}
