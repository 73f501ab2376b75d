"""`balancing_amount`: the amount a financing line needs so that financing equals the establishment total
exactly. Figures by hand on the plan "Småby" (tests/planners/whatif_plans.py: total 6.600.000 kr.)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.figures.balance import balancing_amount, fraction_to_amount
from planners.figures.engine import UnknownScenario, compute
from planners.model import CostCategory, CostLine
from planners.model.errors import PlanError
from tests.planners.whatif_plans import smaaby


def test_balanced_plan_keeps_its_loan() -> None:
    assert balancing_amount(smaaby(), "Nybyg", 1) == D(5_100_000)


def test_the_loan_takes_the_difference_of_an_unbalanced_plan() -> None:
    # Grant 1.000.000: the loan must carry 6.600.000 − 1.000.000 = 5.600.000 kr.
    assert balancing_amount(smaaby(grant=1_000_000), "Nybyg", 1) == D(5_600_000)


def test_the_grant_line_can_take_the_difference() -> None:
    # Loan 5.500.000: the grant must be 6.600.000 − 5.500.000 = 1.100.000 kr.
    assert balancing_amount(smaaby(loan=5_500_000), "Nybyg", 0) == D(1_100_000)


def test_exact_where_the_cost_has_ore() -> None:
    plan = smaaby()
    plan.scenarios[0].costs.append(CostLine(CostCategory.OTHER, "Gebyr", amount=D("1234.57")))
    # 6.600.000 + 1.234,57 − 1.500.000 = 5.101.234,57 kr.; financing then equals the total exactly.
    amount = balancing_amount(plan, "Nybyg", 1)
    assert amount == D("5101234.57")
    sc = plan.scenarios[0]
    sc.financing[1] = dataclasses.replace(sc.financing[1], amount=amount)
    assert compute(plan, "Nybyg").financing_difference == 0


def test_exact_beyond_the_ore_where_the_total_terminates() -> None:
    plan = smaaby()
    # 12,345 kr./m² more on 300 m²: 3.703,5 kr.; at 0,0125 kr./m² × 300 = 3,75 kr.: exact, not rounded.
    plan.scenarios[0].costs.append(CostLine(CostCategory.OTHER, "Skilte", per_m2=D("0.0125")))
    assert balancing_amount(plan, "Nybyg", 1) == D("5100003.75")


def test_rounded_to_the_ore_beyond_forty_decimals() -> None:
    plan = smaaby()
    # 0,333…(28 places) kr./m² on 33,333…(26 places) m² = 11,111… kr. with 54 decimals, more than a stored
    # amount may have: the loan takes 5.100.000 + 11,11 kr. (half up to the øre).
    plan.scenarios[0].costs.append(CostLine(CostCategory.OTHER, "Skilte", per_m2=D(1) / D(3), m2=D(100) / D(3)))
    assert balancing_amount(plan, "Nybyg", 1) == D("5100011.11")


def test_fraction_to_amount_rounds_half_up_to_the_ore() -> None:
    from fractions import Fraction

    assert fraction_to_amount(Fraction(1, 3)) == D("0.33")
    assert fraction_to_amount(Fraction(2, 3)) == D("0.67")
    assert fraction_to_amount(Fraction(1, 8)) == D("0.125")  # terminates: kept exactly
    assert fraction_to_amount(Fraction(100_001, 6)) == D("16666.83")  # 16.666,8333…
    assert fraction_to_amount(Fraction(1, 600)) == D("0.00")  # 0,00166… kr.


def test_negative_amount_is_refused_in_danish() -> None:
    # Grant 7.000.000 alone exceeds the 6.600.000 kr. of costs by 400.000 kr.: no loan can balance that.
    with pytest.raises(PlanError) as raised:
        balancing_amount(smaaby(grant=7_000_000), "Nybyg", 1)
    assert "400.000 kr." in raised.value.message
    assert "større end anlægsudgifterne" in raised.value.message
    assert "400,000" in raised.value.message_en


def test_an_excess_of_ore_is_said_with_its_ore() -> None:
    plan = smaaby(grant=1_500_000)
    sc = plan.scenarios[0]
    sc.financing[0] = dataclasses.replace(sc.financing[0], amount=D("7000000.30"))
    with pytest.raises(PlanError) as raised:
        balancing_amount(plan, "Nybyg", 1)
    assert "400.000,30 kr." in raised.value.message


def test_zero_is_allowed() -> None:
    assert balancing_amount(smaaby(grant=6_600_000), "Nybyg", 1) == 0


def test_unknown_line_and_scenario() -> None:
    with pytest.raises(PlanError, match="nummer 3"):
        balancing_amount(smaaby(), "Nybyg", 2)
    with pytest.raises(UnknownScenario):
        balancing_amount(smaaby(), "Gammel", 1)


@settings(max_examples=40, deadline=None)
@given(grant=st.integers(0, 6_600_000), ore=st.integers(0, 99), rate=st.integers(1, 40_000))
def test_balanced_after_setting_the_amount(grant: int, ore: int, rate: int) -> None:
    plan = smaaby(grant=grant)
    sc = plan.scenarios[0]
    sc.costs[0] = dataclasses.replace(sc.costs[0], per_m2=D(rate) + D(ore).scaleb(-2))
    try:
        amount = balancing_amount(plan, "Nybyg", 1)
    except PlanError:
        assert compute(plan, "Nybyg").establishment_total < grant
        return
    sc.financing[1] = dataclasses.replace(sc.financing[1], amount=amount)
    assert compute(plan, "Nybyg").financing_difference == 0
