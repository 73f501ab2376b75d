"""What the command line's reading commands share, and the summary itself (DESIGN §6): reading a plan or the
one scenario a command shows, the user's mistakes (`UsageError`), and the finding's line and JSON object.

`planners.cli` runs `summary FIL [--scenario NAVN] [--json]` with this module alone; the parser and the other
commands (`planners.cli_commands`) are imported only for them: a summary does not load their code (≈ 25 kB of
`.pyc`; issue 19, bench/RESULTS.md "s17-sum2").
"""

from __future__ import annotations

from pathlib import Path

from planners.model import Finding, Level, Plan, Scenario
from planners.model.errors import PlanError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    from typing import TextIO

LEVEL_DA = {Level.ERROR: "fejl", Level.WARNING: "advarsel", Level.NOTE: "note"}


class UsageError(PlanError):
    """A command used wrongly (an unknown scenario, a target that exists)."""


# --- reading plans -------------------------------------------------------------------------------


def read_any_plan(path: str | Path) -> Plan:
    """A plan from a `.sundhedshus` file (never written to) or a `.json` plan."""
    from planners.store.planfile import existing_plan_path

    p = existing_plan_path(path)
    if p.suffix.lower() == ".json":
        from planners.interchange.plan_json import load_json

        return load_json(p)
    from planners.store.planfile import read_plan

    return read_plan(p)


def pick_scenario(plan: Plan, name: str | None, names: list[str] | None = None) -> Scenario:
    """The scenario named (or the one applied for, else the first); `names`: every scenario's name, where
    `plan` holds only the one read."""
    try:
        return plan.scenario(name)
    except KeyError:
        listed = ", ".join(f"«{n}»" for n in (names if names is not None else [s.name for s in plan.scenarios]))
        raise UsageError(f"Planen har intet scenarie «{name}». Scenarier: {listed or 'ingen'}") from None


def read_scenario_of(path: str | Path, name: str | None) -> tuple[Plan, Scenario]:
    """The plan with the scenario a reading command shows: from a plan file only that scenario is read."""
    p = Path(path)
    if p.suffix.lower() == ".json" or not p.exists() or p.is_dir():
        plan = read_any_plan(p)  # a JSON plan is read whole; a missing path gets read_any_plan's message
        return plan, pick_scenario(plan, name)
    from planners.store.reading import read_plan_scenario

    plan, names = read_plan_scenario(p, name)
    return plan, pick_scenario(plan, name, names)


def summary(file: str, scenario_name: str | None, as_json: bool, out: TextIO) -> int:
    from planners.figures.summary import summary_dict, summary_text

    plan, scenario = read_scenario_of(file, scenario_name)
    if as_json:
        from planners.interchange.exactjson import dumps

        out.write(dumps(summary_dict(plan, scenario)) + "\n")
    else:
        out.write(summary_text(plan, scenario))
    return 0


def finding_line(finding: Finding) -> str:
    return f"{finding.level.value} {finding.code}: {finding.message_da} — {finding.ref.describe()}"


def finding_json(finding: Finding) -> dict[str, object]:
    ref = finding.ref
    return {
        "level": finding.level.value,
        "code": finding.code,
        "message": finding.message_da,
        "message_en": finding.message_en,
        "object": {"entity": ref.entity, "scenario": ref.scenario, "index": ref.index, "field": ref.field},
    }
