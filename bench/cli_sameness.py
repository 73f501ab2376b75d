"""Issue 19 (s19-sum2): the reading commands' verdicts and words in two source trees, case by case.

    python bench/cli_sameness.py make DIR SEEDS            # the cases: plans, commands, damaged copies (in DIR)
    python bench/cli_sameness.py run JOBS OUT              # run them with the tree on PYTHONPATH (its working folder)
    python bench/cli_sameness.py compare OUT_A OUT_B       # what differs

`make` (from this tree) writes DIR/plans.json (the four templates as plan files, LARGE and XL from $LARGE / $XL when
set, a non-plan and a missing path: `summary`, `summary --json`, `check`, `check --json` with every scenario named,
none and a name no scenario has, `check --all`, `export-json`, `versions`) and DIR/fuzz.json (`tests.fuzzing.damage_plan`
of the remote and example templates, seeds 0..SEEDS-1, made once: `summary`, `summary --json`, `check --json`). `run`
copies each case's folder afresh, calls `planners.cli.main` in process and records the exit code, stdout, stderr (the
folder's path replaced) and the sha256 of every file left in the folder."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

PLAN = "{W}/plan.sundhedshus"


def make(folder: Path, seeds: int) -> None:
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path
    from planners.store.planfile import create_plan_file
    from tests.fuzzing import damage_plan

    folder.mkdir(parents=True, exist_ok=True)
    plans: dict[str, str] = {}
    for name in ("example", "remote", "large", "conversion"):
        path = folder / f"{name}.sundhedshus"
        if not path.exists():
            create_plan_file(path, load_json(template_path(name))).close()
        plans[name] = str(path)
    plans.update({name: os.environ[name] for name in ("LARGE", "XL") if os.environ.get(name)})
    nonplan = folder / "nonplan.sundhedshus"
    nonplan.write_bytes(b"not a plan\n" * 10)
    plans["nonplan"] = str(nonplan)
    jobs = []
    for name, source in plans.items():
        names: list[str | None] = [None, "Ingen sådan"]
        if name != "nonplan":
            conn = sqlite3.connect(source)
            names += [row[0] for row in conn.execute("SELECT name FROM scenario ORDER BY position, id")]
            conn.close()
        for shown in names:
            extra = [] if shown is None else ["--scenario", shown]
            for command in (["summary"], ["summary", "--json"], ["check"], ["check", "--json"]):
                jobs.append({"key": f"{name}|{command}|{shown}", "src": source,
                             "argv": [command[0], PLAN, *command[1:], *extra]})  # fmt: skip
        for command in (["check", PLAN, "--all"], ["export-json", PLAN, "-o", "{W}/out.json"], ["versions", PLAN]):
            jobs.append({"key": f"{name}|{command[0]}|{command[2:]}", "src": source, "argv": command})
    for command in (["summary"], ["check"], ["check", "--all"], ["export-json", "-o", "{W}/o.json"], ["versions"]):
        jobs.append({"key": f"missing|{command}", "src": None, "argv": [command[0], "{W}/missing.sundhedshus",
                                                                        *command[1:]]})  # fmt: skip
    (folder / "plans.json").write_text(json.dumps(jobs))
    fuzz = []
    for template in ("remote", "example"):
        for seed in range(seeds):
            case = folder / "fuzz" / template / str(seed)
            if not case.exists():
                case.mkdir(parents=True)
                damage_plan(seed, case, Path(plans[template]))
            for command in (["summary"], ["summary", "--json"], ["check", "--json"]):
                fuzz.append({"key": f"{template}|{seed}|{command}", "src": str(case), "argv": [command[0], PLAN,
                                                                                              *command[1:]]})  # fmt: skip
    (folder / "fuzz.json").write_text(json.dumps(fuzz))
    print(f"{len(jobs)} plan cases, {len(fuzz)} fuzz cases in {folder}")


def run(jobs_file: Path, out_file: Path) -> None:
    from planners.cli import main

    results = {}
    for job in json.loads(jobs_file.read_text()):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "w"
            source = job["src"]
            if source and os.path.isdir(source):
                shutil.copytree(source, work, symlinks=True)
            else:
                work.mkdir()
                if source:
                    shutil.copyfile(source, work / "plan.sundhedshus")
            out, err = io.StringIO(), io.StringIO()
            try:
                code: object = main([a.replace("{W}", str(work)) for a in job["argv"]], out, err)
            except BaseException as exc:  # noqa: BLE001 (recorded: a traceback is a difference too)
                code = ["raised", type(exc).__name__, str(exc)[:200]]
            files = {str(p.relative_to(work)): hashlib.sha256(p.read_bytes()).hexdigest()
                     for p in sorted(work.rglob("*")) if p.is_file()}  # fmt: skip
            results[job["key"]] = [code, out.getvalue().replace(str(work), "{W}"),
                                   err.getvalue().replace(str(work), "{W}"), files]  # fmt: skip
    out_file.write_text(json.dumps(results, sort_keys=True))


def compare(a_file: Path, b_file: Path) -> int:
    a, b = json.loads(a_file.read_text()), json.loads(b_file.read_text())
    assert a.keys() == b.keys(), "not the same cases"
    differ = [key for key in a if a[key] != b[key]]
    codes: dict[str, int] = {}
    for key in a:
        codes[str(a[key][0])] = codes.get(str(a[key][0]), 0) + 1
    print(f"{len(a) - len(differ)} of {len(a)} identical; exit codes (A) {codes}")
    for key in differ:
        print("DIFF", key, "\n  A:", str(a[key])[:400], "\n  B:", str(b[key])[:400])
    return 1 if differ else 0


if __name__ == "__main__":
    what, first, second = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    if what == "make":
        make(first, int(second))
    elif what == "run":
        run(first, Path(second))
    else:
        sys.exit(compare(first, Path(second)))
