"""The findings of a plan for a caller that has only the plan: its figures computed by the engine, then
checked (`planners.checks.findings`). The checks read the engine's results but never call the engine, so
this entry point lives here, above both.
"""

from __future__ import annotations

from planners.checks import findings
from planners.figures.engine import compute
from planners.model import Finding, Plan, Scenario
from planners.model.results import ScenarioFigures


def run_checks(
    plan: Plan, scenario: Scenario | str | None = None, figures: ScenarioFigures | None = None
) -> list[Finding]:
    """Every finding of the plan and one of its scenarios (default: the one applied for, else the first),
    as `planners.checks.findings.run_checks`; `figures` (that scenario's) are computed when not given.
    A name that is no scenario of the plan raises `planners.figures.engine.UnknownScenario` (a KeyError).
    """
    if figures is None and (plan.scenarios or isinstance(scenario, Scenario)):
        figures = compute(plan, scenario)
    return findings.run_checks(plan, scenario, figures)


def check_all(plan: Plan) -> dict[str, list[Finding]]:
    """The findings of every scenario, by scenario name, in the plan's order."""
    return {s.name: run_checks(plan, s) for s in plan.scenarios}
