"""Validity rules of DESIGN §3 ("invalid": refused) on the dataclasses of `planners.model`.

Inconsistencies across lines (shares not summing to 100, cycles, unbalanced financing, pool rules) are
NOT checked here: they are stored and reported as findings by `planners.checks`.

Paths are JSON-style (`scenarios[0].rooms[3].net_m2`) so that `import-json` and the GUI report the same.
Messages are Danish first (`skal være større end 0`), English second.

STUB — to be filled in (owner: the JSON interchange work). Signatures are the contract.
"""

from __future__ import annotations

from planners.errors import Problem
from planners.model import Plan, Scenario

LINE_KINDS = ("tenant", "room", "equipment", "cost", "financing", "service")


def validate_line(kind: str, line: object, scenario: Scenario, path: str = "") -> list[Problem]:
    """Problems of one line of `kind` (one of LINE_KINDS) as it would stand in `scenario`
    (references to tenant ids are resolved against `scenario.tenants`)."""
    raise NotImplementedError


def validate_scenario(scenario: Scenario, plan: Plan, path: str = "") -> list[Problem]:
    """Problems of a scenario and all its lines (unique tenant ids, every line)."""
    raise NotImplementedError


def validate_plan(plan: Plan) -> list[Problem]:
    """Every problem of a whole plan: plan fields, unique scenario names, every scenario."""
    raise NotImplementedError
