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
            raise UnknownScenario("Planen har ingen scenarier.", "The plan has no scenarios.") from None
        raise UnknownScenario(f"Planen har intet scenarie ved navn «{scenario}».",
                              f"The plan has no scenario named “{scenario}”.") from None
