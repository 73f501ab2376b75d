"""The light command line (issue 19.4): the reading commands import none of the editing machinery, and
summary and check read only the scenario they show — with the same output as from the whole plan."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planners.cli import main
from planners.figures.summary import summary_text
from planners.store.planfile import create_plan_file, read_plan
from planners.store.reading import read_plan_scenario
from tests.planners.plans import rich_plan
from tests.planners.test_summary_light import RARE_FILE_CHECKS

# The validity rules themselves are loaded by every open: a plan read from a file is validated before use
# (issue 20.2). What a reading command must not load is the machinery of editing: operations, the lock (with
# socket) and difflib (which only suggests a name when an edit is refused). Nor (s22-val) the scenarios' and lines'
# rules (SQL proved a sound file's scenarios) and the checks without work in a plan without rent terms or a begun
# application (the rent over the years', those before submission).
EDITING = ("difflib", "socket", "planners.store.operations", "planners.store.lock",
           "planners.model.scenario_validation", "planners.checks.timeline_findings",
           "planners.checks.submission_findings")  # fmt: skip
# Nor the generated methods no reading command calls (repr, most classes' eq, hash, frozen setattr; s22-pre).
NEVER_CALLED = ("planners.model.prebuilt_methods_rest",)
ROOT = Path(__file__).resolve().parents[2]
FIRST = [s.name for s in rich_plan().scenarios]  # the hand-written plan's own scenarios


@pytest.fixture
def three_scenarios(tmp_path: Path) -> Path:
    plan = rich_plan()
    for name in ("Nybyg", "Tilbygning"):
        other = copy.deepcopy(plan.scenarios[0])
        other.name = name
        other.rooms = other.rooms[:1]  # different figures from the first
        plan.scenarios.append(other)
    plan.applied_scenario = "Nybyg"
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, plan).close()
    return path


def _loaded(plan: Path, argv: list[str], modules: tuple[str, ...]) -> str:
    """Which of `modules` the command `argv` on `plan` loaded, as the child process prints it."""
    code = ("import sys\nfrom planners.cli import main\n"
            f"main([{argv[0]!r}, {str(plan)!r}, *{argv[1:]!r}])\n"
            f"print('LOADED', [m for m in {list(modules)!r} if m in sys.modules], file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stderr


@pytest.mark.parametrize("argv", [["summary"], ["summary", "--json"], ["check"], ["export-json"]])
def test_reading_commands_import_no_editing_machinery(three_scenarios: Path, argv: list[str]) -> None:
    assert "LOADED []" in _loaded(three_scenarios, argv, EDITING + NEVER_CALLED)


# s22-fc: nor do they load the file checks a sound plan never needs (`test_summary_light.RARE_FILE_CHECKS`);
# `export-json` reads the whole file and builds the rule statements of every scenario (`checksql`).
@pytest.mark.parametrize("argv", [["summary"], ["summary", "--json"], ["check"], ["summary", "--scenario", "Nybyg"]])
def test_one_scenario_reads_import_no_rare_file_checks(three_scenarios: Path, argv: list[str]) -> None:
    assert "LOADED []" in _loaded(three_scenarios, argv, RARE_FILE_CHECKS)


def test_one_scenario_read_with_every_name(three_scenarios: Path) -> None:
    plan, names = read_plan_scenario(three_scenarios, None)
    assert names == [*FIRST, "Nybyg", "Tilbygning"]
    assert [s.name for s in plan.scenarios] == ["Nybyg"]  # the one applied for, not the first
    plan, _ = read_plan_scenario(three_scenarios, "Tilbygning")
    assert [s.name for s in plan.scenarios] == ["Tilbygning"]
    plan, _ = read_plan_scenario(three_scenarios, "Findes ikke")
    assert plan.scenarios == []


@pytest.mark.parametrize("name", [None, "Ombygning 🏥", "Tilbygning"])
def test_summary_of_one_scenario_equals_summary_from_the_whole_plan(three_scenarios: Path, name: str | None) -> None:
    whole = read_plan(three_scenarios)
    expected = summary_text(whole, whole.scenario(name))
    out = io.StringIO()
    assert main(["summary", str(three_scenarios), *(["--scenario", name] if name else [])], out=out) == 0
    assert out.getvalue() == expected


def test_unknown_scenario_lists_every_name(three_scenarios: Path) -> None:
    err = io.StringIO()
    assert main(["summary", str(three_scenarios), "--scenario", "X"], err=err) == 2
    listed = ", ".join(f"«{n}»" for n in [*FIRST, "Nybyg", "Tilbygning"])
    assert err.getvalue().strip() == f"Planen har intet scenarie «X». Scenarier: {listed}"


def test_check_json_of_one_scenario_equals_the_whole_plans(three_scenarios: Path) -> None:
    from planners.figures.checked import run_checks

    whole = read_plan(three_scenarios)
    out = io.StringIO()
    main(["check", str(three_scenarios), "--scenario", "Tilbygning", "--json"], out=out)
    codes = [f["code"] for f in json.loads(out.getvalue())]
    assert codes == [f.code for f in run_checks(whole, whole.scenario("Tilbygning"))]
