"""The annex's yearly sheet "Husleje over tid" (issue 17.4), read without a spreadsheet: the annex's own
evaluator computes every formula (the values stored beside them), and those equal the engine's yearly series
(`planners.figures.years.compute_years`) for templates with time lines and for generated plans with drawn time
lines; a small plan's loan and rent figures are worked out by hand; changing an input cell changes the years as
the engine does; the first year of a plan with nothing phased or indexed equals today's steady-state figures.
LibreOffice's recalculation is tested in test_annex_years_recalc.py."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as Q

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.exports.annex.evaluate import Scalar, formula_values
from planners.exports.annex.layout import make_layout
from planners.exports.annex.workbook import build_workbook
from planners.exports.annex.years import (
    L_CHARGED,
    L_COST,
    L_LEASE,
    L_MARKET,
    L_SPACE,
    M_CAPITAL,
    M_CASH,
    M_COST_RENT,
    M_GROSS,
    M_INCOME,
    M_RUNNING,
    M_SURPLUS,
    M_TOTAL,
    M_VACANCY,
    YEARS_SHEET,
    YearsLayout,
    make_years_layout,
)
from planners.figures.engine import compute
from planners.figures.years import compute_years
from planners.model import Plan
from planners.model.timeline import RentBasis
from tests.planners.annex_plans import example
from tests.planners.strategies import plans
from tests.planners.test_years import _small_plan
from tests.planners.years_plans import replace_timeline, template_cases, with_timeline

EXACT = Q(1, 10**9)


def _evaluated(plan: Plan, wb: openpyxl.Workbook | None = None) -> tuple[dict[tuple[str, int, int], Scalar],
                                                                          YearsLayout]:
    wb = wb if wb is not None else build_workbook(plan)
    sc = plan.scenario()
    return formula_values(wb), make_years_layout(make_layout(plan, sc))


def _num(v: Scalar) -> Q:
    assert isinstance(v, Q), v
    return v


def mismatches(plan: Plan, values: dict[tuple[str, int, int], Scalar], y: YearsLayout,
               tolerance: Q = EXACT) -> list[str]:
    """Every yearly figure of the sheet against the engine's (exact rationals; None where the engine has none)."""
    engine = compute_years(plan, plan.scenario())
    bad: list[str] = []

    def check(what: str, cell: tuple[int, int], expected: D | None) -> None:
        got = values.get((YEARS_SHEET, *cell))
        if expected is None:
            if got not in (None, ""):
                bad.append(f"{what}: {got!r}, expected empty")
        elif not isinstance(got, Q) or abs(got - Q(expected)) > tolerance * max(Q(1), abs(Q(expected))):
            bad.append(f"{what}: {got!r}, expected {expected}")

    assert len(engine.years) == y.n_years
    for k, r in enumerate(engine.years):
        m = y.main_row(k)
        for c, exp in ((1, D(r.year)), (M_GROSS, r.gross_m2), (M_CAPITAL, r.capital_cost),
                       (M_RUNNING, r.running_cost), (M_TOTAL, r.total_cost), (M_VACANCY, r.vacancy_cost),
                       (M_INCOME, r.income), (M_SURPLUS, r.surplus), (M_CASH, r.cash_balance),
                       (M_COST_RENT, sum((t.cost_rent for t in r.tenants), D(0)))):
            check(f"{r.year} column {c}", (m, c), exp)
        for i, t in enumerate(r.tenants):
            row = y.tenant_row(k, i)
            for c, exp2 in ((L_LEASE, t.lease_gross_m2), (L_SPACE, t.space_cost_rent), (L_COST, t.cost_rent),
                            (L_MARKET, t.market_rent), (L_CHARGED, t.charged)):
                check(f"{r.year} {t.tenant_id} column {c}", (row, c), exp2)
        for j, lo in enumerate(r.loans):
            row = y.rows["a_first"] + k
            for part, exp3 in ((1, lo.interest), (2, lo.repayment), (3, lo.payment), (4, lo.balance)):
                check(f"{r.year} loan {lo.line} part {part}", (row, y.loan_col(j, part)), exp3)
    pv = engine.present_value
    for c, exp4 in ((M_TOTAL, pv.total_cost if pv else None), (M_INCOME, pv.income if pv else None),
                    (M_SURPLUS, pv.surplus if pv else None)):
        check(f"present value column {c}", (y.rows["m_pv"], c), exp4)
    return bad


def test_no_sheet_without_rent_terms() -> None:
    """A plan without a time line or market rent has one steady-state year ("Drift og husleje" shows it)."""
    assert YEARS_SHEET not in build_workbook(example()).sheetnames


def test_sheet_sits_after_the_running_costs_and_is_on_the_cover() -> None:
    wb = build_workbook(_small_plan())
    names = wb.sheetnames
    assert names[names.index("Drift og husleje") + 1] == YEARS_SHEET
    cover = [c.value for row in wb["Forside"].iter_rows() for c in row]
    assert YEARS_SHEET in cover


def test_small_plan_by_hand() -> None:
    """_small_plan (tests/planners/test_years.py): 2025–2027; a loan of 1.000.000 kr. at 5 % over 3 years, the
    first interest only; A (gross factor 1) 100 m² from 2025, B 50 m² from 2026, a shared waiting room of 30 m²
    split by area; running 100 kr./m² indexed 10 %; market rent 600 kr./m² indexed 2 %; basis: the lower."""
    plan = _small_plan()
    values, y = _evaluated(plan)

    def v(row: int, col: int) -> Q:
        return _num(values[(YEARS_SHEET, row, col)])

    annuity = Q(10**6) * Q(5, 100) * Q(105, 100) ** 2 / (Q(105, 100) ** 2 - 1)  # the 2 repaying years
    assert v(y.main_row(0), M_CAPITAL) == 50000  # interest only: 1.000.000 × 5 %
    assert v(y.main_row(1), M_CAPITAL) == annuity
    assert v(y.main_row(2), M_CAPITAL) == annuity
    a = y.rows["a_first"]
    assert v(a + 1, y.loan_col(0, 1)) == 50000  # 2026's interest on the whole loan
    assert v(a + 1, y.loan_col(0, 4)) == 10**6 - (annuity - 50000)
    assert v(a + 2, y.loan_col(0, 4)) == 0  # repaid at the end of the term
    # 2025: B is not in the house; its treatment room (50 m²) is vacant: 180 m² cost 100 kr. each.
    assert v(y.main_row(0), M_RUNNING) == 18000
    assert v(y.main_row(0), M_TOTAL) == 68000
    # A rents 100 m² + the whole waiting room = 130 m² at (50.000 + 18.000) / 180 kr./m² (cost) against
    # 130 × 600 = 78.000 (market): the lower is cost.
    a0 = y.tenant_row(0, 0)
    assert v(a0, L_LEASE) == 130
    assert v(a0, L_MARKET) == 78000
    assert v(a0, L_CHARGED) == Q(130 * 68000, 180)
    # 2026: both in; the waiting room split 100 : 50; market indexed once: 600 × 1,02 = 612 kr./m².
    b1 = y.tenant_row(1, 1)
    assert v(b1, L_LEASE) == 60
    assert v(b1, L_MARKET) == 60 * 612
    assert v(y.main_row(1), M_RUNNING) == 180 * 110  # indexed 10 %


def test_the_sheet_follows_its_inputs() -> None:
    """Changing the rent index, the rent basis and a move-in year on the sheet gives the engine's figures for
    the time line changed the same way."""
    plan = _small_plan()
    wb = build_workbook(plan)
    y = make_years_layout(make_layout(plan, plan.scenario()))
    ws = wb[YEARS_SHEET]
    ws.cell(row=y.rows["rent_index"], column=2).value = D("0.05")
    ws.cell(row=y.rows["basis"], column=2).value = "Markedsleje"
    ws.cell(row=y.rows["t_first"] + 1, column=3).value = 2027  # B moves in a year later
    changed = replace_timeline(plan, rent_index_pct=D(5), rent_basis=RentBasis.MARKET)
    changed.scenario().timeline.tenants[0].move_in = 2027
    values = formula_values(wb)
    assert mismatches(changed, values, y) == []
    assert mismatches(plan, values, y) != []  # and the figures did change


@pytest.mark.parametrize("name", sorted(template_cases()))
def test_templates_with_time_lines_equal_the_engine(name: str) -> None:
    plan = template_cases()[name]
    values, y = _evaluated(plan)
    assert mismatches(plan, values, y) == []


@pytest.mark.parametrize("name", sorted(n for n in template_cases() if n.startswith("steady_")))
def test_first_year_equals_steady_state(name: str) -> None:
    """Nothing phased or indexed: the sheet's first year is the steady-state year of "Drift og husleje"."""
    plan = template_cases()[name]
    values, y = _evaluated(plan)
    figures = compute(plan)
    m = y.main_row(0)
    # The engine's figures are Decimals of 28 digits; the sheet's are exact.
    assert abs(_num(values[(YEARS_SHEET, m, M_TOTAL)]) - Q(figures.annual_cost_total)) < EXACT
    assert abs(_num(values[(YEARS_SHEET, m, M_VACANCY)]) - Q(figures.vacancy_cost)) < EXACT
    for i, t in enumerate(figures.tenants):
        assert abs(_num(values[(YEARS_SHEET, y.tenant_row(0, i), L_COST)]) - Q(t.total)) < EXACT


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_generated_plans_with_time_lines_equal_the_engine(data: st.DataObject) -> None:
    plan = data.draw(plans(max_tenants=4, max_rooms=6, max_equipment=3).flatmap(with_timeline))
    values, y = _evaluated(plan)
    assert mismatches(plan, values, y) == []
