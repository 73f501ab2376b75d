"""Which scenario a figure is of: the one given, the one named, or the one applied for (else the first)."""

from __future__ import annotations

from planners.model import Plan, Scenario
from planners.model.errors import PlanError


class UnknownScenario(PlanError, KeyError):
    """The plan has no scenario of that name (a user's mistake: the command line exits 2)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


def select_scenario(plan: Plan, scenario: Scenario | str | None) -> Scenario:
    """The scenario given, the one named, or the one applied for (else the first)."""
    if isinstance(scenario, Scenario):
        return scenario
    try:
        return plan.scenario(scenario)
    except KeyError:
        if scenario is None:
            raise UnknownScenario("Planen har ingen scenarier.") from None
        raise UnknownScenario("Planen har intet scenarie ved navn «{name}».", name=scenario) from None
