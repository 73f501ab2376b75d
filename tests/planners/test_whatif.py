"""The workshop's what-if in the core, by hand on "Småby" (tests/planners/whatif_plans.py): gross 300 m²,
establishment 6.600.000 kr., grant 1.500.000, loan 5.100.000 at 0 % over 20 years (255.000 kr. a year), running
150 kr./m² (45.000), rent rate 1.000 kr./m², reception 24.000 kr. split equally.
Plan: A 200 m² → 200.000 + 12.000 = 212.000 kr. a year (today 100.000); B 100.000 + 12.000 = 112.000 (today
50.000)."""

from __future__ import annotations

import copy
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.figures.engine import compute
from planners.figures.whatif import (
    Levers,
    changes_anything,
    loan_years,
    running_total,
    shared_key,
    shared_space,
    what_if,
    what_if_scenario,
)
from planners.model import AllocationKey, FinancingSource, RunningRate
from planners.model.errors import PlanError
from planners.model.money import to_decimal
from tests.planners.whatif_plans import smaaby


def run(levers: Levers, **plan_args: object):  # noqa: ANN201
    plan = smaaby(**plan_args)  # type: ignore[arg-type]
    return what_if(plan, plan.scenarios[0], levers)


def tenant(result, tid: str):  # noqa: ANN001, ANN201
    return next(t for t in result.tenants if t.tenant_id == tid)


def house(result, key: str):  # noqa: ANN001, ANN201
    return next(h for h in result.house if h.key == key)


def loan(result) -> D:  # noqa: ANN001
    return next(f.amount for f in result.scenario.financing if f.source is FinancingSource.LOAN)


def twelfth(x: int) -> D:
    return to_decimal(Fraction(x, 12))


def test_no_lever_changes_nothing() -> None:
    r = run(Levers())
    assert not r.changed
    a = tenant(r, "a")
    assert (a.annual, a.plan_annual, a.change_annual) == (D(212_000), D(212_000), 0)
    assert a.current_annual == D(100_000)
    assert a.against_today_annual == D(112_000)  # 212.000 − 100.000
    assert a.monthly == twelfth(212_000) and a.against_today_monthly == twelfth(112_000)
    assert all(h.difference == 0 for h in r.house)


def test_construction_rate_up_ten_percent_balanced_with_the_loan() -> None:
    # 22.000 kr./m² × 300 = 6.600.000 + 10 % consultancy = 7.260.000; loan 7.260.000 − 1.500.000 = 5.760.000
    # → 288.000 a year; building 333.000 → 1.110 kr./m²; A 222.000 + 12.000 = 234.000; B 111.000 + 12.000.
    r = run(Levers(construction_change_pct=D(10)))
    assert r.changed
    assert loan(r) == D(5_760_000)
    assert house(r, "establishment_total").value == D(7_260_000)
    assert house(r, "establishment_total").difference == D(660_000)
    assert house(r, "financing_difference").value == 0
    assert house(r, "rent_per_gross_m2").value == D(1110)
    a, b = tenant(r, "a"), tenant(r, "b")
    assert (a.annual, a.change_annual, a.against_today_annual) == (D(234_000), D(22_000), D(134_000))
    assert (b.annual, b.change_annual, b.against_today_annual) == (D(123_000), D(11_000), D(73_000))
    assert a.change_monthly == twelfth(22_000)


def test_unbalanced_plan_keeps_its_gap() -> None:
    # Grant 1.000.000: financing 6.100.000 against 6.600.000 (−500.000). +10 % → the loan takes the 660.000
    # of the change only: 5.760.000, and the gap stays −500.000.
    r = run(Levers(construction_change_pct=D(10)), grant=1_000_000)
    assert loan(r) == D(5_760_000)
    assert house(r, "financing_difference").value == D(-500_000)
    assert house(r, "financing_difference").difference == 0


def test_settle_puts_the_whole_difference_on_the_loan() -> None:
    # "Udlign finansieringen" on the unbalanced plan: the loan becomes 6.600.000 − 1.000.000 = 5.600.000
    # → 280.000 a year; building 325.000 → 1.083,33 kr./m²; A 2/3 × 325.000 + 12.000 = 228.666,67.
    r = run(Levers(settle=True), grant=1_000_000)
    assert r.changed
    assert loan(r) == D(5_600_000)
    assert house(r, "financing_difference").value == 0
    assert tenant(r, "a").annual == to_decimal(Fraction(650_000, 3) + 12_000)


def test_settle_on_a_chosen_line_and_refused_when_negative() -> None:
    # The grant line takes the difference instead: 6.600.000 − 5.100.000 = 1.500.000 (from 1.000.000).
    r = run(Levers(settle=True, balance_line=0), grant=1_000_000)
    assert r.scenario.financing[0].amount == D(1_500_000)
    with pytest.raises(PlanError):
        run(Levers(settle=True), grant=7_000_000)


def test_halving_the_grant() -> None:
    # Grant 750.000 → loan 5.850.000 → 292.500 a year; building 337.500 → 1.125 kr./m²; A 225.000 + 12.000.
    r = run(Levers(grant=D(750_000)))
    assert loan(r) == D(5_850_000)
    assert house(r, "grant").difference == D(-750_000)
    assert house(r, "grant_share").value == D("0.1136363636363636363636363636")  # 750.000 / 6.600.000
    assert tenant(r, "a").annual == D(237_000)
    assert tenant(r, "b").annual == D(124_500)  # 112.500 + 12.000


def test_without_balancing_the_loan_stays() -> None:
    r = run(Levers(grant=D(750_000), balance=False))
    assert loan(r) == D(5_100_000)
    assert house(r, "financing_difference").value == D(-750_000)


def test_loan_term() -> None:
    # 25 years at 0 %: 5.100.000 / 25 = 204.000; building 249.000 → 830 kr./m²; A 166.000 + 12.000 = 178.000.
    r = run(Levers(loan_years=25))
    assert r.scenario.financing[1].years == 25
    assert tenant(r, "a").annual == D(178_000)
    assert tenant(r, "b").against_today_annual == D(95_000 - 50_000)  # 83.000 + 12.000 − 50.000


def test_interest() -> None:
    # 5 % over 20 years: annuity = 5.100.000 × 0,05 / (1 − 1,05^−20); A pays 2/3 of (annuity + 45.000) + 12.000.
    r = run(Levers(interest_pct=D(5)))
    annuity = Fraction(5_100_000) * Fraction(1, 20) / (1 - Fraction(21, 20) ** -20)
    expected = Fraction(2, 3) * (annuity + 45_000) + 12_000
    assert abs(tenant(r, "a").annual - to_decimal(expected)) <= D("1e-18")
    # By the annuity table (factor 0,0802426): 409.237,19 a year; 2/3 × 454.237,19 = 302.824,80 + 12.000.
    assert abs(tenant(r, "a").annual - D("314824.80")) < D("0.01")


def test_running_rates() -> None:
    # 300 kr./m²: running 90.000, building 345.000 → 1.150 kr./m²; A 230.000 + 12.000 = 242.000.
    r = run(Levers(running_per_m2=D(300)))
    assert running_total(r.scenario) == D(300)
    assert tenant(r, "a").annual == D(242_000)


def test_running_rates_keep_their_parts() -> None:
    plan = smaaby()
    rates = plan.scenarios[0].running.per_gross_m2
    rates[RunningRate.CLEANING] = D(50)  # 150 + 50 = 200; to 300: 225 + 75
    copy_ = what_if_scenario(plan, plan.scenarios[0], Levers(running_per_m2=D(300)))
    assert copy_.running.per_gross_m2[RunningRate.UTILITIES] == D(225)
    assert copy_.running.per_gross_m2[RunningRate.CLEANING] == D(75)
    # Every rate 0: the whole total is utilities.
    for r in rates:
        rates[r] = D(0)
    copy_ = what_if_scenario(plan, plan.scenarios[0], Levers(running_per_m2=D(120)))
    assert copy_.running.per_gross_m2[RunningRate.UTILITIES] == D(120)
    assert running_total(copy_) == D(120)


@pytest.mark.parametrize(("key", "a", "b"), [
    # equal: the 50 shared m² 25/25 → A 125 net = 187,5 gross → 187.500 + 12.000; B 112.500 + 12.000.
    (AllocationKey.EQUAL, D(199_500), D(124_500)),
    # headcount 4:1: A 100 + 40 = 140 net = 210 gross → 222.000; B 60 net = 90 gross → 102.000.
    (AllocationKey.HEADCOUNT, D(222_000), D(102_000)),
    (AllocationKey.AREA, D(212_000), D(112_000)),
])
def test_split_key_of_the_shared_areas(key: AllocationKey, a: D, b: D) -> None:
    r = run(Levers(shared_key=key))
    assert shared_key(r.scenario) is key
    assert (tenant(r, "a").annual, tenant(r, "b").annual) == (a, b)
    assert r.changed is (key is not AllocationKey.AREA)


def test_gross_factor() -> None:
    # 1,6: gross 320; costs 6.400.000 + 640.000 = 7.040.000 → loan 5.540.000 → 277.000; running 48.000;
    # building 325.000; A gets 2/3 → 216.666,67 + 12.000.
    r = run(Levers(gross_factor=D("1.6")))
    assert house(r, "gross_m2").value == D(320)
    assert house(r, "gross_m2").difference == D(20)
    assert tenant(r, "a").annual == to_decimal(Fraction(650_000, 3) + 12_000)


def test_shared_space() -> None:
    # 50 of 200 net m² are shared: 25 %, 75 gross m² at factor 1,5.
    s = shared_space(smaaby().scenarios[0])
    assert (s.net_m2, s.gross_m2, s.share) == (D(50), D(75), D("0.25"))
    r = run(Levers(gross_factor=D(2)))
    assert house(r, "shared_gross_m2").value == D(100) and house(r, "shared_gross_m2").difference == D(25)
    assert house(r, "shared_share").difference == 0


def test_the_plan_is_not_touched() -> None:
    plan = smaaby()
    before = copy.deepcopy(plan)
    what_if(plan, plan.scenarios[0], Levers(D(2), D(20), D(0), D(4), 30, D(500), AllocationKey.EQUAL,
                                            settle=True))
    assert plan == before


def test_helpers() -> None:
    sc = smaaby().scenarios[0]
    assert loan_years(sc) == 20
    assert not changes_anything(sc, Levers(gross_factor=D("1.50"), grant=D(1_500_000), loan_years=20))
    assert changes_anything(sc, Levers(loan_years=21))


@settings(max_examples=30, deadline=None)
@given(change=st.integers(-50, 50), grant=st.integers(0, 3_000_000), years=st.integers(1, 40),
       running=st.integers(0, 1000), key=st.sampled_from(list(AllocationKey)[:3]))
def test_tenants_and_vacancy_add_up_and_balance_holds(change: int, grant: int, years: int, running: int,
                                                      key: AllocationKey) -> None:
    r = run(Levers(gross_factor=None, construction_change_pct=D(change), grant=D(grant), loan_years=years,
                   running_per_m2=D(running), shared_key=key))
    # Balanced plan stays balanced while the loan stays positive; Σ tenants + vacancy = annual total.
    if loan(r) > 0:
        assert house(r, "financing_difference").value == 0
    assert sum(t.annual for t in r.tenants) + r.figures.vacancy_cost == r.figures.annual_cost_total
    for t in r.tenants:
        assert Fraction(t.change_annual) == Fraction(t.annual) - Fraction(t.plan_annual)  # every digit kept
    assert compute(smaaby(), "Nybyg").annual_cost_total == D(324_000)


def test_a_grant_line_added_counts_not_for_the_chosen_balancing_line() -> None:
    # No grant line: the lever adds one at the top; the chosen line 0 (the loan, in the scenario's own order)
    # still takes the change: 6.600.000 − 600.000 = 6.000.000 kr.
    plan = smaaby(loan=6_600_000)
    del plan.scenarios[0].financing[0]
    r = what_if(plan, plan.scenarios[0], Levers(grant=D(600_000), balance_line=0))
    assert [(f.source, f.amount) for f in r.scenario.financing] == [(FinancingSource.GRANT, D(600_000)),
                                                                    (FinancingSource.LOAN, D(6_000_000))]
