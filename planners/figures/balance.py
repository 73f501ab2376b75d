"""Balancing the financing (issue 15.3, also issue 14's "Udlign finansieringen" on the establishment page).

`balancing_amount(plan, scenario_name, line_index)` is the amount financing line `line_index` must have so that
the scenario's financing equals its establishment total exactly. It is computed from the exact rational total
(`planners.figures.establishment`), not from the engine's rounded Decimal, so:
- the total of decimal inputs is always a terminating decimal: where it has at most 40 decimals (what a stored
  amount may have; øre, or 3,75 kr. from 0,0125 kr./m²), the amount is that exact decimal and
  `financing_difference` becomes exactly 0;
- beyond 40 decimals (a rate of 1/3 kr. to 28 places on an area of as many places) the amount is rounded half
  up to the øre: the nearest amount a line can carry, within half an øre of the total.
A negative amount (the other lines already exceed the costs) is refused with a `PlanError` in Danish, since a
financing line cannot be negative; the message says by how much the other lines exceed the costs.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from planners.figures.engine import _select
from planners.figures.establishment import compute_establishment
from planners.figures.rent import compute_annual
from planners.figures.space import compute_space
from planners.model import Plan, Scenario
from planners.model.errors import PlanError
from planners.model.i18n import N_
from planners.model.money import format_kr, format_number

ONE_ORE = Decimal("0.01")
# A terminating decimal with more places than this is rounded to the øre all the same: the validity rules allow
# at most 40 decimals on a stored amount (planners.model.value_rules.MAX_DECIMALS).
MOST_PLACES = 40

NEGATIVE = N_("Finansieringslinjen kan ikke udligne: de øvrige finansieringslinjer er allerede {excess} større "
              "end anlægsudgifterne. Nedsæt en af dem i stedet.")  # fmt: skip
NO_LINE = N_("Scenariet har ingen finansieringslinje nummer {number}.")


def _kr(amount: Decimal, lang: str) -> str:
    """An amount as the message shows it: whole kroner, or with øre where it has øre (a 0,30 kr. excess)."""
    if amount == amount.to_integral_value():
        return format_kr(amount, lang)
    number = format_number(amount, 2, lang)
    return f"DKK {number}" if lang == "en" else f"{number} kr."


def exact_establishment_total(plan: Plan, scenario: Scenario) -> Fraction:
    """The scenario's establishment total as an exact rational (the engine's figure before rounding)."""
    space, keys = compute_space(scenario)
    annual = compute_annual(scenario, keys)
    return compute_establishment(scenario.costs, plan.years, space.gross, annual.equipment_in_project).total


def fraction_to_amount(q: Fraction) -> Decimal:
    """`q` as an exact Decimal where it terminates within MOST_PLACES decimals, else rounded half up to the øre."""
    den = q.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    places = max(twos, fives)
    if den == 1 and places <= MOST_PLACES:
        return Decimal(q.numerator * 10**places // q.denominator).scaleb(-places) if places else Decimal(q.numerator)
    # Not a terminating decimal: the nearest øre (half up, as the display rounds), from the exact value.
    ore = q * 100
    whole, rest = divmod(ore.numerator, ore.denominator)
    if 2 * rest >= ore.denominator:  # divmod floors, so this is "half up" for negative values too
        whole += 1
    return Decimal(whole).scaleb(-2)


def balancing_amount(plan: Plan, scenario_name: str, line_index: int) -> Decimal:
    """The amount financing line `line_index` (0-based, the scenario's order) must have so that the financing
    equals the establishment total exactly (to the øre where the total does not terminate).

    Raises `UnknownScenario` for a name the plan lacks, and `PlanError` (Danish message) where the line does not
    exist or the amount would be negative.
    """
    scenario = _select(plan, scenario_name)
    return balancing_amount_for(plan, scenario, line_index)


def balancing_amount_for(plan: Plan, scenario: Scenario, line_index: int) -> Decimal:
    """`balancing_amount` for a scenario object (the what-if's in-memory copy has no name in the plan)."""
    if not 0 <= line_index < len(scenario.financing):
        raise PlanError(NO_LINE, number=line_index + 1)
    others = sum((Fraction(f.amount) for i, f in enumerate(scenario.financing) if i != line_index), Fraction(0))
    needed = exact_establishment_total(plan, scenario) - others
    if needed < 0:
        excess = fraction_to_amount(-needed).quantize(ONE_ORE, ROUND_HALF_UP)  # shown to the øre at most
        # The amount is written as the message's language writes amounts (400.000 kr. / DKK 400,000).
        raise PlanError(NEGATIVE, excess=lambda lang: _kr(excess, lang))
    return fraction_to_amount(needed)
