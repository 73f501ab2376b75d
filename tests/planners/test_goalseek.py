"""Goal-seek, verified by hand on "Småby" (tests/planners/whatif_plans.py). A pays 2/3 of the building cost
(annuity + 45.000 running) + 12.000 reception; B 1/3 + 12.000. The loan (0 %, 20 years) takes every change."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.figures.goalseek import (
    RentTarget,
    construction_for_rent,
    covering_rent,
    grant_keeping_rent,
    gross_factor_for_rent,
)
from planners.figures.whatif import Levers, what_if
from planners.model import RoomLine, RoomType
from planners.model.errors import PlanError
from planners.model.money import to_decimal
from tests.planners.whatif_plans import smaaby


def test_grant_that_keeps_a_rent_at_todays_level() -> None:
    # A today 100.000: 2/3 × (annuity + 45.000) + 12.000 = 100.000 → annuity 87.000 → loan 1.740.000
    # → grant 6.600.000 − 1.740.000 = 4.860.000 kr.
    plan = smaaby()
    seek = grant_keeping_rent(plan, plan.scenarios[0], "a")
    assert seek.value == D(4_860_000)
    assert seek.exact and seek.achieved == D(100_000)
    assert seek.levers.grant == D(4_860_000)
    assert next(t for t in seek.result.tenants if t.tenant_id == "a").against_today_annual == 0
    # Linear: the interpolation lands at once (2 ends + the answer + at most 2 neighbours).
    assert seek.evaluations <= 5


def test_grant_for_the_other_tenant() -> None:
    # B today 50.000: 1/3 × (annuity + 45.000) + 12.000 = 50.000 → annuity 69.000 → loan 1.380.000
    # → grant 5.220.000 kr.
    plan = smaaby()
    assert grant_keeping_rent(plan, plan.scenarios[0], "b").value == D(5_220_000)


def test_grant_to_the_ore_where_the_answer_has_no_whole_ore() -> None:
    # A today 100.000,01: annuity 87.000,015 → loan 1.740.000,30 → grant 4.859.999,70 kr. exactly.
    plan = smaaby()
    sc = plan.scenarios[0]
    sc.tenants[0] = dataclasses.replace(sc.tenants[0], current_annual_rent=D("100000.01"))
    seek = grant_keeping_rent(plan, sc, "a")
    assert seek.value == D("4859999.70") and seek.exact
    # A today 100.000,0001: annuity 87.000,00015 → loan 1.740.000,003 → grant 4.859.999,997 kr.; the nearest
    # øre is 4.860.000,00, where A pays 100.000 kr. (0,0001 kr. a year off).
    sc.tenants[0] = dataclasses.replace(sc.tenants[0], current_annual_rent=D("100000.0001"))
    seek = grant_keeping_rent(plan, sc, "a")
    assert seek.value == D(4_860_000) and not seek.exact
    assert seek.achieved == D(100_000)


def test_grant_with_interest_is_still_linear() -> None:
    # 5 % over 20 years: annuity = loan × f, f = 0,05/(1 − 1,05^−20). A: 2/3 (loan f + 45.000) + 12.000 = 100.000
    # → loan = 87.000 / f; grant = 6.600.000 − loan, to the øre.
    plan = smaaby(interest="5")
    seek = grant_keeping_rent(plan, plan.scenarios[0], "a")
    f = Fraction(1, 20) / (1 - Fraction(21, 20) ** -20)
    loan = Fraction(87_000) / f
    assert abs(Fraction(seek.value) - (6_600_000 - loan)) <= Fraction(1, 200)
    assert abs(seek.value - D("5515787.70")) <= D("0.01")  # 87.000 / 0,0802425872 = 1.084.212,30
    assert seek.evaluations <= 5


def test_unreachable_and_missing_rent_are_refused_in_danish() -> None:
    plan = smaaby()
    sc = plan.scenarios[0]
    # A today 10.000 kr.: even a grant of the whole cost leaves 2/3 × 45.000 + 12.000 = 42.000 kr.
    sc.tenants[0] = dataclasses.replace(sc.tenants[0], current_annual_rent=D(10_000))
    with pytest.raises(PlanError, match="Målet kan ikke nås.*42.000 kr"):
        grant_keeping_rent(plan, sc, "a")
    sc.tenants[0] = dataclasses.replace(sc.tenants[0], current_annual_rent=None)
    with pytest.raises(PlanError, match="ingen nuværende husleje"):
        grant_keeping_rent(plan, sc, "a")


def test_construction_rate_for_a_rent_per_m2() -> None:
    # Rent rate 1.100 kr./m²: building 330.000 → annuity 285.000 → loan 5.700.000 → costs 7.200.000
    # = 1,1 × 300 × rate → rate 21.818,18…; as a change: 7.200.000 / 6.600.000 = +9,0909…% → 9,09 %.
    plan = smaaby()
    seek = construction_for_rent(plan, plan.scenarios[0], RentTarget(D(1100)))
    assert seek.value == D("9.09")
    assert not seek.exact  # 0,01 % steps: 1.099,98 kr./m² at 9,09 %
    assert abs(seek.achieved - D(1100)) < D("0.02")
    # Rent rate 1.110 exactly at +10 % (test_whatif: 1.110 kr./m²).
    seek = construction_for_rent(plan, plan.scenarios[0], RentTarget(D(1110)))
    assert seek.value == D(10) and seek.exact


def test_construction_rate_for_a_tenants_rent() -> None:
    # A pays 234.000 at +10 % (test_whatif).
    plan = smaaby()
    seek = construction_for_rent(plan, plan.scenarios[0], RentTarget(D(234_000), "a"))
    assert seek.value == D(10) and seek.exact


def test_gross_factor_for_a_rent_per_m2_by_bisection() -> None:
    # Rent per m² = (annuity + running) / gross, gross = 200 f: costs 22.000 × 200 f = 4.400.000 f; loan
    # 4.400.000 f − 1.500.000; annuity 220.000 f − 75.000; running 30.000 f; rate = 1.250 − 375 / f.
    # Rate 1.000 at f = 1,5 (the plan); rate 1.025 → 375 / f = 225 → f = 5/3 = 1,6667 (to 0,0001).
    plan = smaaby()
    seek = gross_factor_for_rent(plan, plan.scenarios[0], RentTarget(D(1025)))
    assert seek.value == D("1.6667")
    assert abs(seek.achieved - D(1025)) < D("0.01")
    seek = gross_factor_for_rent(plan, plan.scenarios[0], RentTarget(D(1000)))
    assert seek.value == D("1.5") and seek.exact
    assert seek.evaluations > 5  # not linear: bisection


def test_covering_rent() -> None:
    plan = smaaby()
    # Nothing vacant: the rent rate, 300.000 / 300 = 1.000 kr./m².
    c = covering_rent(plan, plan.scenarios[0])
    assert (c.per_let_m2, c.per_gross_m2, c.let_gross_m2) == (D(1000), D(1000), D(300))
    # A vacant room of 20 m² net: gross 330, costs 20.000 × 330 × 1,1 = 7.260.000 (financing unchanged:
    # loan 5.100.000 → 255.000); running 150 × 330 = 49.500; building 304.500 over 300 let m² = 1.015 kr./m²,
    # over all 330 m² = 922,7272…
    plan.scenarios[0].rooms.append(RoomLine(RoomType.OFFICE, D(20), vacant=True))
    c = covering_rent(plan, plan.scenarios[0], Levers(balance=False))
    assert c.per_let_m2 == D(1015)
    assert c.per_gross_m2 == to_decimal(Fraction(304_500, 330))


@settings(max_examples=25, deadline=None)
@given(today=st.integers(42_001, 120_000), ore=st.integers(0, 99))
def test_grant_found_is_the_nearest_ore(today: int, ore: int) -> None:
    # Any rent A can reach (above 42.000 kr., what it pays with the whole cost as grant; below 262.000 kr.,
    # 2/3 × (330.000 + 45.000) + 12.000, without grant): the grant found is a whole number of øre, and one øre
    # more or less brings A no nearer its rent today.
    plan = smaaby()
    sc = plan.scenarios[0]
    target = D(today) + D(ore).scaleb(-2)
    sc.tenants[0] = dataclasses.replace(sc.tenants[0], current_annual_rent=target)
    seek = grant_keeping_rent(plan, sc, "a")
    assert seek.value == seek.value.quantize(D("0.01"))
    miss = abs(seek.achieved - target)
    for step in (D("-0.01"), D("0.01")):
        other = what_if(plan, sc, Levers(grant=seek.value + step))
        assert abs(next(t.total for t in other.figures.tenants if t.tenant_id == "a") - target) >= miss
