""""Tilskuddet blev mindre" (issue 16.7): the grant came back smaller than applied for; propose a revised scenario.

`propose_reduced_grant(plan, scenario_name, granted, choice, name)` returns a new `Scenario` (a copy of the one
applied for, named `name`) with the grant lines cut to the amount granted, and the shortfall met one of two ways:

- `Choice.DROP`: sub-projects are dropped by priority — the highest priority number first (1 is kept longest;
  among equal numbers the one listed last first) — with every cost line that belongs to them, until the
  establishment total has fallen by at least the shortfall. Percent lines (consultancy, contingency) fall with
  what they are a percent of, as the engine computes them. What the dropping saves beyond the shortfall leaves
  the financing above the costs; a loan line (else own money) then takes the difference, exact to the øre
  (`balance.balancing_amount_for`). Where every sub-project is dropped and the costs still do not fit, the
  proposal says by how much (`remaining`), and the balancing line takes that too.
- `Choice.LOAN`: nothing is dropped; the first loan line grows by the shortfall, or, without one, a new loan line
  of the shortfall is added on the terms the figures use for "without grant" (`ScenarioFigures.grant_loan_terms`).

The grant per cost line (`CostLine.grant`) goes with a dropped line; the others are kept as they were — the
checks then say how far they are from the new grant. The scenario's notes say what was done. Nothing here
writes: the GUI adds the scenario as one undoable edit.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planners.figures.balance import balancing_amount_for
from planners.figures.choice import select_scenario
from planners.figures.engine import compute
from planners.model import ZERO, FinancingLine, FinancingSource, Plan, Scenario
from planners.model.errors import PlanError
from planners.model.i18n import N_
from planners.model.money import format_kr


class Choice(StrEnum):
    DROP = "drop"  # drop sub-projects by priority
    LOAN = "loan"  # borrow the shortfall


@dataclass(frozen=True)
class ReducedGrant:
    """A proposed revised scenario and what it changed."""

    scenario: Scenario
    applied: Decimal  # the grant applied for (the scenario's grant lines)
    granted: Decimal
    shortfall: Decimal  # applied − granted
    dropped: tuple[str, ...]  # the sub-projects dropped, in the order dropped
    saved: Decimal  # what the establishment total fell by (the engine's figures, rounded as they are)
    remaining: Decimal  # the part of the shortfall the dropping could not meet (0 when it fits)
    loan_change: Decimal  # how much the balancing or new loan line changed (+ more borrowed, − less)


NOT_LESS = N_("Det bevilgede tilskud ({granted}) er ikke mindre end det ansøgte ({applied}): intet at ændre.")
NEGATIVE = N_("Det bevilgede tilskud kan ikke være negativt.")
NO_GRANT = N_("Scenariet søger ikke tilskud fra puljen.")


def _balancing_line(scenario: Scenario) -> int | None:
    """The line that takes the difference: the first loan, else the first own money; None if there is neither."""
    for wanted in (lambda f: f.source is FinancingSource.LOAN, lambda f: f.source.is_own):
        found = next((i for i, f in enumerate(scenario.financing) if wanted(f)), None)
        if found is not None:
            return found
    return None


def _cut_grant(scenario: Scenario, shortfall: Decimal) -> None:
    """Take `shortfall` off the grant lines, the last first (one grant line in every plan seen)."""
    left = shortfall
    for line in reversed(scenario.financing):
        if left <= 0:
            break
        if line.source is FinancingSource.GRANT:
            cut = min(line.amount, left)
            line.amount -= cut
            left -= cut


def propose_reduced_grant(plan: Plan, scenario_name: str | None, granted: Decimal, choice: Choice,
                          name: str) -> ReducedGrant:  # fmt: skip
    """The revised scenario for a grant of `granted` instead of what `scenario_name` (None: the one applied for)
    applies for. Raises `PlanError` (Danish) where the grant is not smaller, is negative, or there is none."""
    source = select_scenario(plan, scenario_name)
    applied = sum((f.amount for f in source.financing if f.source is FinancingSource.GRANT), ZERO)
    if applied <= 0:
        raise PlanError(NO_GRANT)
    if granted < 0:
        raise PlanError(NEGATIVE)
    if granted >= applied:
        raise PlanError(NOT_LESS, granted=lambda lang: format_kr(granted, lang),
                        applied=lambda lang: format_kr(applied, lang))  # fmt: skip
    shortfall = applied - granted
    revised = copy.deepcopy(source)
    revised.name = name
    revised.row_id = None
    _cut_grant(revised, shortfall)
    before = compute(plan, source).establishment_total
    dropped: list[str] = []
    saved = ZERO
    if choice is Choice.DROP:
        order = sorted(enumerate(plan.subprojects), key=lambda p: (-p[1].priority, -p[0]))
        for _position, sub in order:
            if saved >= shortfall:
                break
            if not any(line.subproject == sub.name for line in revised.costs):
                continue
            revised.costs = [line for line in revised.costs if line.subproject != sub.name]
            dropped.append(sub.name)
            saved = before - _establishment(plan, revised)
    remaining = max(shortfall - saved, ZERO) if choice is Choice.DROP else ZERO
    loan_change = ZERO
    line = _balancing_line(revised)
    if choice is Choice.LOAN and (line is None or revised.financing[line].source is not FinancingSource.LOAN):
        years, rate = _loan_terms(plan, source)
        # The line's text is plan data, in Danish as the notes below.
        revised.financing.append(FinancingLine(FinancingSource.LOAN, shortfall, "Lån i stedet for tilskud", rate, years))
        loan_change = shortfall
    elif line is not None:
        old = revised.financing[line].amount
        revised.financing[line].amount = balancing_amount_for(plan, revised, line)
        loan_change = revised.financing[line].amount - old
    revised.notes = _notes(source, applied, granted, dropped, loan_change, revised, line, choice)
    return ReducedGrant(revised, applied, granted, shortfall, tuple(dropped), saved, remaining, loan_change)


def _establishment(plan: Plan, scenario: Scenario) -> Decimal:
    from planners.figures.balance import exact_establishment_total, fraction_to_amount

    return fraction_to_amount(exact_establishment_total(plan, scenario))


def _loan_terms(plan: Plan, scenario: Scenario) -> tuple[int, Decimal]:
    """(years, interest %) of a new loan: the terms the figures assume for borrowing the grant instead."""
    rate, years = compute(plan, scenario).grant_loan_terms
    return years, rate


def _notes(source: Scenario, applied: Decimal, granted: Decimal, dropped: list[str], loan_change: Decimal,
           revised: Scenario, line: int | None, choice: Choice) -> str:  # fmt: skip
    """What was done, in Danish, for the scenario's notes (the workshop's record, issue 15.7)."""
    parts = [f"Tilskuddet blev mindre: {format_kr(granted)} bevilget mod {format_kr(applied)} ansøgt "
             f"(scenariet «{source.name}»)."]
    if choice is Choice.DROP:
        parts.append("Udeladte delprojekter: " + (", ".join(f"«{d}»" for d in dropped) if dropped else "ingen") + ".")
    if loan_change and line is not None and line < len(revised.financing):
        what = "mere" if loan_change > 0 else "mindre"
        parts.append(f"Finansieringslinjen «{revised.financing[line].text or revised.financing[line].source}» "
                     f"er {format_kr(abs(loan_change))} {what}.")
    elif loan_change:
        parts.append(f"Nyt lån: {format_kr(loan_change)} (i stedet for tilskud).")
    if source.notes:
        parts.append(source.notes)
    return "\n".join(parts)
