"""The rent over the years (issue 17): a hand-computed series, loan forms, hypothesis invariants, and the first
year against the steady-state engine for every bundled template.

Expected figures are worked out by hand in the comments (exact fractions), never read from the engine."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal as D
from fractions import Fraction as Q
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.figures.engine import compute
from planners.figures.years import compute_years, loan_schedule
from planners.interchange.plan_json import load_json
from planners.model import (
    Allocation,
    FinancingLine,
    FinancingSource,
    Plan,
    RoomLine,
    RoomType,
    Running,
    RunningRate,
    Scenario,
    Tenant,
    TenantKind,
    default_running_rates,
)
from planners.model.timeline import (
    LoanTerms,
    MarketRentDefault,
    Phase,
    RentBasis,
    Repayment,
    TenantTerms,
    TimeLine,
)
from planners.reference import template_names, template_path
from tests.planners.strategies import plans

CENT = D("0.000001")


def _small_plan(basis: RentBasis = RentBasis.LOWER) -> Plan:
    """Two tenants (B moves in the second year), a shared waiting room, one loan with an interest-only year,
    running costs indexed 10 %, market rents indexed 2 %."""
    rates = default_running_rates()
    rates[RunningRate.UTILITIES] = D(100)
    sc = Scenario(
        name="Lille",
        gross_factor=D(1),
        tenants=[Tenant("a", "Lægerne", TenantKind.GP_PRACTICE), Tenant("b", "Fysioterapi", TenantKind.PHYSIOTHERAPIST)],
        rooms=[
            RoomLine(RoomType.CONSULTATION, D(100), tenant="a"),
            RoomLine(RoomType.TREATMENT, D(50), tenant="b"),
            RoomLine(RoomType.WAITING, D(30), shared=Allocation()),
        ],
        financing=[FinancingLine(FinancingSource.GRANT, D(500000)),
                   FinancingLine(FinancingSource.LOAN, D(1000000), interest_pct=D(5), years=3)],
        running=Running(per_gross_m2=rates),
        timeline=TimeLine(
            first_year=2025, years=3, rent_index_pct=D(2), running_index_pct=D(10), discount_pct=D(10),
            rent_basis=basis, tenants=[TenantTerms("b", move_in=2026)],
            loans=[LoanTerms(1, Repayment.ANNUITY, interest_only_years=1)],
        ),
    )
    return Plan(title="Lille hus", years=[2024], scenarios=[sc], market_rent=MarketRentDefault(D(600), "skøn"))


def _q(x: D) -> Q:
    return Q(x)


def test_hand_computed_series() -> None:
    y = compute_years(_small_plan())
    assert [r.year for r in y.years] == [2025, 2026, 2027]
    y1, y2, y3 = y.years
    # 2025: B not in the house; its 50 m² are vacant; the waiting room (area key) all A's: A 130 m².
    # capital: interest only, 1.000.000 × 5 % = 50.000; running 100 × 180 = 18.000; rate 68.000 / 180.
    assert y1.capital_cost == 50000 and y1.running_cost == 18000 and y1.total_cost == 68000
    a1, b1 = y1.tenants
    assert not b1.present and b1.charged == 0
    assert a1.lease_gross_m2 == 130
    assert _q(a1.space_cost_rent) == pytest.approx(Q(130 * 68000, 180), abs=1e-9)
    assert abs(y1.vacancy_cost - D(50 * 68000) / 180) < CENT
    # market 600 × 130 = 78.000 > cost: the lower is the cost rent
    assert a1.market_rent == 78000 and a1.space_charged == a1.space_cost_rent
    # 2026: the annuity of 1.000.000 over the 2 remaining years at 5 % = 50.000 × 1,1025 / 0,1025 = 22.050.000/41.
    annuity = Q(22050000, 41)
    assert abs(_q(y2.capital_cost) - annuity) < Q(1, 10**12)
    assert y2.loans[0].interest == 50000
    assert abs(_q(y2.loans[0].balance) - (1000000 - (annuity - 50000))) < Q(1, 10**12)
    assert y2.running_cost == D("19800")  # 18.000 × 1,10
    a2, b2 = y2.tenants
    # waiting room by area 100:50 → A 120 m², B 60 m²; each a third and two thirds of the building cost
    assert (a2.lease_gross_m2, b2.lease_gross_m2) == (120, 60)
    building2 = annuity + 19800
    assert abs(_q(a2.space_cost_rent) - building2 * 2 / 3) < Q(1, 10**12)
    assert abs(_q(b2.space_cost_rent) - building2 / 3) < Q(1, 10**12)
    assert y2.vacancy_cost == 0
    # market rents indexed 2 %: 600 × 120 × 1,02 = 73.440 and 600 × 60 × 1,02 = 36.720, both below cost
    assert (a2.market_rent, b2.market_rent) == (D("73440"), D("36720"))
    assert (a2.charged, b2.charged) == (D("73440"), D("36720"))
    assert y2.income == D("110160")
    assert abs(_q(y2.surplus) - (110160 - building2)) < Q(1, 10**12)
    # 2027: running 18.000 × 1,21 = 21.780; the loan is repaid at the end of the year
    assert y3.running_cost == D("21780")
    assert abs(y3.loans[0].balance) < CENT
    assert (y3.tenants[0].market_rent, y3.tenants[1].market_rent) == (D("74908.8"), D("37454.4"))
    # cash balance: the running sum of the surpluses
    s1 = Q(130 * 68000, 180) - 68000
    s2 = 110160 - building2
    s3 = Q(1123632, 10) - (annuity + 21780)
    assert abs(_q(y3.cash_balance) - (s1 + s2 + s3)) < Q(1, 10**12)
    # present value at 10 %, end-of-year amounts
    assert y.present_value is not None
    pv = s1 / Q(11, 10) + s2 / Q(11, 10) ** 2 + s3 / Q(11, 10) ** 3
    assert abs(_q(y.present_value.surplus) - pv) < Q(1, 10**12)


def test_cost_basis_owner_carries_only_vacancy() -> None:
    y = compute_years(_small_plan(RentBasis.COST))
    for row in y.years:
        assert row.surplus == -row.vacancy_cost
        for t in row.tenants:
            assert t.charged == t.cost_rent


def test_market_basis_charges_market() -> None:
    y = compute_years(_small_plan(RentBasis.MARKET))
    a1 = y.years[0].tenants[0]
    assert a1.space_charged == 78000 and a1.charged == 78000  # no equipment, no services


def test_serial_loan_by_hand() -> None:
    # 1.200.000 at 10 % over 3 years, serial: 400.000 + interest on 1.200.000, 800.000, 400.000
    sched = loan_schedule(Q(1200000), Q(10), 3, Repayment.SERIAL, 0, 2030)
    assert [i + r for i, r, _ in sched.values()] == [520000, 480000, 440000]
    assert [b for _, _, b in sched.values()] == [800000, 400000, 0]


def test_interest_only_serial_by_hand() -> None:
    # 1.000.000 at 4 % over 4 years, 2 interest-only: 40.000, 40.000, then 500.000 + 40.000, 500.000 + 20.000
    sched = loan_schedule(Q(1000000), Q(4), 4, Repayment.SERIAL, 2, 2030)
    assert [i + r for i, r, _ in sched.values()] == [40000, 40000, 540000, 520000]


def test_phase_and_move_out() -> None:
    plan = _small_plan(RentBasis.COST)
    sc = plan.scenarios[0]
    sc.timeline.phases = [Phase("Etape 2", 2027, rooms=[1])]  # B's room only from 2027
    sc.timeline.tenants = [TenantTerms("b", move_in=2025, move_out=2026)]
    y = compute_years(plan)
    assert [r.gross_m2 for r in y.years] == [130, 130, 180]
    # 2027: B has moved out; its room (now in use) is vacant and the waiting room all A's
    assert not y.years[2].tenants[1].present
    assert y.years[2].tenants[0].lease_gross_m2 == 130


@pytest.mark.parametrize("name", [n for n, _ in template_names()])
def test_first_year_equals_steady_state(name: str) -> None:
    plan = load_json(template_path(name))
    for sc in plan.scenarios:
        figures = compute(plan, sc)
        first = compute_years(plan, sc).years[0]
        assert first.total_cost == figures.annual_cost_total
        assert first.vacancy_cost == figures.vacancy_cost
        assert first.capital_cost == figures.capital_cost
        for steady, year in zip(figures.tenants, first.tenants, strict=True):
            assert year.cost_rent == steady.total
            assert year.charged == steady.total


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(plans(min_tenants=1, max_tenants=4), st.data())
def test_invariants(plan: Plan, data: st.DataObject) -> None:
    sc = plan.scenarios[0]
    first_op = max(plan.years) + 1
    tenants = [TenantTerms(t.id, move_in=first_op + data.draw(st.integers(0, 3)),
                           market_per_m2=data.draw(st.none() | st.decimals(0, 2000, places=0)))
               for t in sc.tenants]
    loans = [LoanTerms(i, data.draw(st.sampled_from(list(Repayment))), data.draw(st.integers(0, 2)))
             for i, f in enumerate(sc.financing) if f.is_repaid]
    tl = TimeLine(years=data.draw(st.integers(1, 8)), running_index_pct=data.draw(st.decimals(0, 5, places=1)),
                  rent_index_pct=data.draw(st.decimals(0, 5, places=1)), discount_pct=D("5.5"),
                  rent_basis=data.draw(st.sampled_from(list(RentBasis))), tenants=tenants, loans=loans)
    sc = dataclasses.replace(sc, timeline=tl)
    y = compute_years(plan, sc)
    pv = Q(0)
    for k, row in enumerate(y.years):
        # every year: Σ cost rents + vacancy = that year's costs, exactly
        assert sum((t.cost_rent for t in row.tenants), D(0)) + row.vacancy_cost == row.total_cost
        assert row.income == sum((t.charged for t in row.tenants), D(0))
        if tl.rent_basis is RentBasis.COST:
            assert abs(row.surplus + row.vacancy_cost) < CENT * max(1, abs(row.total_cost))
        for t in row.tenants:
            if t.market_rent is not None and tl.rent_basis is RentBasis.LOWER:
                assert t.space_charged <= t.space_cost_rent and t.space_charged <= t.market_rent
        pv += Q(row.surplus) / Q(1055, 1000) ** (k + 1)
    assert y.present_value is not None
    assert abs(Q(y.present_value.surplus) - pv) <= Q(1, 10**6) * max(1, abs(pv))
    # loans repaid over their term: the balance ends at 0 in the loan's last year (if inside the series)
    for i, f in enumerate(sc.financing):
        if f.is_repaid and f.years and f.years <= len(y.years):
            bal = next(lo.balance for lo in y.years[f.years - 1].loans if lo.line == i)
            assert abs(bal) < CENT * max(1, abs(f.amount))


def _codes(plan: Plan) -> list[str]:
    from planners.figures.checked import run_checks

    return [f.code for f in run_checks(plan)]


def test_findings_of_market_rent_and_vat() -> None:
    # A municipality charges the lower of cost and market: in 2025 A's cost rent 130 × 68.000 / 180 = 49.111,11
    # is below its market rent 78.000 (28.888,89 kr. less); from 2026 cost is above market for both.
    plan = _small_plan(RentBasis.LOWER)
    from planners.figures.checked import run_checks

    below = [f for f in run_checks(plan) if f.code == "rent_below_market"]
    assert len(below) == 1 and below[0].ref.index == 0
    assert "28.889 kr. mindre i 2025 (i 1 af årene)" in below[0].message_da
    assert "§§ 205 a–205 b" in below[0].message_da
    codes = _codes(plan)
    assert "vat_letting_undecided" in codes
    plan.scenarios[0].timeline.vat_registered = False
    plan.scenarios[0].timeline.rent_basis = RentBasis.MARKET
    codes = _codes(plan)
    assert "rent_below_market" not in codes and "vat_letting_undecided" not in codes
    # 2025: A's cost rent (49.111 kr.) is below its market rent (78.000 kr.) with a grant: who keeps it
    assert "grant_below_market" in codes


def test_findings_of_an_invalid_time_line() -> None:
    plan = _small_plan(RentBasis.COST)
    tl = plan.scenarios[0].timeline
    tl.tenants = [TenantTerms("b", move_in=2027, move_out=2026), TenantTerms("x")]
    tl.loans = [LoanTerms(0), LoanTerms(1, interest_only_years=4)]
    tl.phases = [Phase("Etape 2", 2040, rooms=[7])]
    codes = _codes(plan)
    assert codes.count("timeline_invalid") == 5
    assert codes.count("timeline_year_outside") == 1
    plan.scenarios[0].timeline = TimeLine()
    plan.market_rent = None
    assert not {"timeline_invalid", "vat_letting_undecided", "rent_below_market"} & set(_codes(plan))


def test_summary_json_has_the_yearly_series(tmp_path: Path) -> None:
    import json

    from planners.cli import main
    from planners.interchange.plan_json import dump_json

    plan = _small_plan()
    path = tmp_path / "lille.json"
    path.write_text(dump_json(plan), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["summary", str(path), "--json"], out=out, err=err) == 0
    doc = json.loads(out.getvalue(), parse_float=D)
    ry = doc["rent_years"]
    assert (ry["first_year"], ry["last_year"], ry["rent_basis"]) == (2025, 2027, "lower")
    # the hand-computed figures of test_hand_computed_series, read back through the JSON
    assert [r["year"] for r in ry["series"]] == [2025, 2026, 2027]
    assert ry["series"][0]["total_cost"] == 68000
    assert ry["series"][1]["income"] == 110160
    assert [t["charged"] for t in ry["series"][1]["tenants"]] == [73440, 36720]
    assert ry["series"][0]["tenants"][1]["present"] is False
    assert ry["present_value"]["discount_pct"] == 10
    text = io.StringIO()
    assert main(["summary", str(path)], out=text, err=err) == 0
    assert "Husleje over tid (2025–2027)" in text.getvalue()
    assert "Nutidsværdi af over-/underskud (10 % om året)" in text.getvalue()
