"""Incremental figures (issue 19.2, the core's side): every scenario's figures kept between edits, and after an
edit only the scenarios it touched computed again.

`PlanFigures` holds the figures of each scenario of one plan as `engine.compute` gives them. An edit says what
it touched: `touch(scenario)` for an edit inside one scenario (a line, a tenant, its financing, its rent terms),
`touch_plan()` for an edit of the plan's own fields, catalogs or market rent, which every scenario's figures
read (the plan's years spread the budget; the market rent feeds the years). `figures(scenario)` then computes
only what is not current. A scenario is remembered by its identity as well as its name, so a scenario object
replaced by a reload, renamed, added or removed is never mistaken for the one computed before.

The figures are exactly those of a full recompute (`compute(plan, scenario)`): the engine is deterministic and
reads nothing but the plan's fields and that one scenario (property-tested in
`tests/planners/test_incremental.py` over random edits).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planners.figures.engine import compute
from planners.model import Plan, Scenario
from planners.model.results import ScenarioFigures


@dataclass
class _Entry:
    scenario: Scenario  # the object computed (identity checked: a reload gives new objects)
    figures: ScenarioFigures


@dataclass
class PlanFigures:
    """The figures of a plan's scenarios, computed on demand and kept until an edit touches them."""

    plan: Plan
    _entries: dict[int, _Entry] = field(default_factory=dict)  # id(scenario) → its figures
    computed: int = 0  # how many scenarios were computed (for tests and benchmarks)

    def figures(self, scenario: Scenario | str | None = None) -> ScenarioFigures:
        """The figures of the scenario given or named (None: the one applied for, else the first), computed
        now only if an edit touched it since they were last computed."""
        sc = scenario if isinstance(scenario, Scenario) else self.plan.scenario(scenario)
        entry = self._entries.get(id(sc))
        if entry is not None and entry.scenario is sc and entry.figures.scenario == sc.name:
            return entry.figures
        figures = compute(self.plan, sc)
        self.computed += 1
        self._entries[id(sc)] = _Entry(sc, figures)
        return figures

    def all(self) -> dict[str, ScenarioFigures]:
        """Every scenario's figures by name, in plan order (only the touched ones computed again)."""
        return {sc.name: self.figures(sc) for sc in self.plan.scenarios}

    def touch(self, scenario: Scenario) -> None:
        """An edit changed something inside `scenario`: its figures are computed again when next asked."""
        self._entries.pop(id(scenario), None)

    def touch_plan(self, plan: Plan | None = None) -> None:
        """An edit changed the plan's own fields (or the plan was reloaded, then pass it): every scenario's
        figures are computed again when next asked."""
        if plan is not None:
            self.plan = plan
        self._entries.clear()

    def forget_removed(self) -> None:
        """Drop the figures of scenarios the plan no longer holds (after a scenario was deleted)."""
        present = {id(sc) for sc in self.plan.scenarios}
        for key in [k for k in self._entries if k not in present]:
            del self._entries[key]
