"""The annex recalculated by a real spreadsheet engine (LibreOffice headless) equals the engine.

Every scalar figure (by its defined name), every tenant's figures and every year's spending are compared with
`planners.figures.engine.compute` within 0.01 kr., for every template's every scenario, for edge plans with findings
(custom shares not summing to 100, a percent cycle, a second basis-free equipment line, spreads not summing to
100 or outside the plan's years, no tenants, zero gross area, all weights zero), for generated plans
(tests/planners/strategies.py, drawn deterministically) and for a small plan whose figures are worked out by
hand below. All workbooks go through ONE LibreOffice call (its start-up dominates).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from planners.exports.annex.layout import BUDGET, TENANTS, make_layout
from planners.exports.annex.workbook import SCALAR_LABELS, build_workbook
from planners.exports.recalc import recalculate, soffice_path
from planners.figures.engine import compute
from planners.model import Plan
from tests.planners.annex_plans import INJECTIONS, edge_plans, injection_plan, templates, tiny_plan
from tests.planners.strategies import plans as plan_strategy

pytestmark = pytest.mark.skipif(soffice_path() is None,
                                reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")

CENT = D("0.01")
TENANT_COLUMNS = {3: "allocated_net_m2", 4: "allocated_gross_m2", 5: "space_rent", 6: "equipment_share",
                  7: "services_share", 8: "total", 9: "per_month", 10: "per_gross_m2", 11: "per_clinician",
                  13: "change", 14: "change_pct"}


@dataclass
class Case:
    plan: Plan
    scenario: str
    built: openpyxl.Workbook  # before recalculation (where the user text cells are)
    path: Path  # recalculated


def _interest(plan: Plan) -> int:
    """How much of the hard part of the annex a plan exercises (findings first, then size)."""
    f = compute(plan)
    sc = plan.scenario()
    spread_off = any(c.spread and sum(c.spread.values()) != 100 for c in sc.costs)
    outside = any(set(c.spread) - set(plan.years) for c in sc.costs)
    custom = sum(1 for line in (*sc.rooms, *sc.equipment, *sc.running.services)
                 if line.shared is not None and line.shared.key.value == "custom")
    return (10 * bool(f.cycle_lines) + 10 * bool(f.ignored_equipment_lines) + 5 * spread_off + 5 * outside
            + 3 * custom + len(sc.tenants) + len(sc.rooms) + len(sc.costs) + len(sc.equipment))


def _generated(count: int = 8, per_seed: int = 15) -> list[Plan]:
    """A fixed set of generated plans: for each of `count` fixed seeds, the richest of `per_seed` draws."""
    out: list[Plan] = []
    for k in range(count):
        drawn: list[Plan] = []

        @seed(1000 + k)
        @settings(max_examples=per_seed, database=None, phases=[Phase.generate], deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(plan_strategy(max_tenants=5))
        def draw(plan: Plan) -> None:
            drawn.append(plan)  # noqa: B023 (run at once, inside the loop)

        draw()
        out.append(max(drawn, key=_interest))
    return out


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("annex")
    plans: dict[str, tuple[Plan, str]] = {}
    for name, plan in templates().items():
        for k, sc in enumerate(plan.scenarios):
            plans[f"template_{name}_{k}"] = (plan, sc.name)
    for name, plan in edge_plans().items():
        plans[f"edge_{name}"] = (plan, plan.scenario().name)
    for k, plan in enumerate(_generated()):
        plans[f"generated_{k}"] = (plan, plan.scenario().name)
    for k, text in enumerate(INJECTIONS):
        plan = injection_plan(text)
        plans[f"injection_{k}"] = (plan, plan.scenario().name)
    plans["tiny"] = (tiny_plan(), "Lille")
    built: dict[str, openpyxl.Workbook] = {}
    paths = []
    for stem, (plan, scenario) in plans.items():
        wb = build_workbook(plan, scenario)
        path = folder / f"{stem}.xlsx"
        wb.save(path)
        built[stem] = wb
        paths.append(path)
    out = recalculate(paths, folder / "recalculated")
    return {p.stem: Case(*plans[p.stem], built[p.stem], p) for p in out}


def _value(wb: openpyxl.Workbook, sheet: str, row: int, column: int) -> object:
    return wb[sheet].cell(row=row, column=column).value


def _mismatches(case: Case) -> list[str]:
    figures = compute(case.plan, case.scenario)
    sc = next(s for s in case.plan.scenarios if s.name == case.scenario)
    lay = make_layout(case.plan, sc)
    wb = openpyxl.load_workbook(case.path, data_only=True)
    bad: list[str] = []

    def compare(what: str, got: object, expected: D | None) -> None:
        if expected is None:
            if got not in (None, ""):
                bad.append(f"{what}: {got!r}, expected empty")
        elif not isinstance(got, int | float) or isinstance(got, bool) or abs(D(repr(got)) - expected) > CENT:
            bad.append(f"{what}: {got!r}, expected {expected}")

    for key in SCALAR_LABELS:
        (sheet, coord), = list(wb.defined_names[key].destinations)
        compare(key, wb[sheet][coord.replace("$", "")].value, getattr(figures, key))
    for i, tenant in enumerate(figures.tenants):
        for column, attr in TENANT_COLUMNS.items():
            compare(f"{tenant.tenant_id}.{attr}", _value(wb, TENANTS, lay.t_first + i, column), getattr(tenant, attr))
    assert lay.years == figures.years
    for k, year in enumerate(lay.years):
        compare(f"year {year}", _value(wb, BUDGET, lay.c_total, lay.year_col(k)), figures.by_year[year])
    for i, line in enumerate(figures.cost_lines):
        compare(f"cost line {i + 1}", _value(wb, BUDGET, lay.b_first + i, 9), line.amount)
    return bad


def _stems(prefix: str) -> list[str]:
    names = {"template": [f"{n}_{k}" for n, p in templates().items() for k in range(len(p.scenarios))],
             "edge": list(edge_plans())}
    return [f"{prefix}_{n}" for n in names[prefix]]


@pytest.mark.parametrize("stem", _stems("template"))
def test_templates_equal_the_engine(cases: dict[str, Case], stem: str) -> None:
    assert _mismatches(cases[stem]) == []


@pytest.mark.parametrize("stem", _stems("edge"))
def test_plans_with_findings_equal_the_engine(cases: dict[str, Case], stem: str) -> None:
    assert _mismatches(cases[stem]) == []


def test_generated_plans_equal_the_engine(cases: dict[str, Case]) -> None:
    generated = [s for s in cases if s.startswith("generated_")]
    assert len(generated) >= 5
    assert {s: _mismatches(cases[s]) for s in generated} == dict.fromkeys(generated, [])


def test_tiny_plan_by_hand(cases: dict[str, Case]) -> None:
    """Net 20 + 10 + 30 = 60 m², gross × 1.5 = 90 m². Construction 1,000,000 (40/60 % over 2019/2020),
    consultancy 10 % of it = 100,000 spread evenly. Loan 600,000 at 0 % over 10 years = 60,000 a year; running
    100 × 90 = 9,000; rate = 69,000 / 90. Area key 20:10 → the waiting room 20 + 10 m² → allocated 40 and 20 m²
    net, 60 and 30 m² gross → rent 46,000 and 23,000. Reception 12,000 by headcount 4:1 → 9,600 and 2,400.
    Without grant: the grant on the loan's terms, 500,000 / 10 = 50,000 → (119,000) / 90."""
    wb = openpyxl.load_workbook(cases["tiny"].path, data_only=True)

    def name(key: str) -> float:
        (sheet, coord), = list(wb.defined_names[key].destinations)
        return wb[sheet][coord.replace("$", "")].value

    assert name("net_m2") == pytest.approx(60)
    assert name("gross_m2") == pytest.approx(90)
    assert name("establishment_total") == pytest.approx(1_100_000)
    assert name("eligible_total") == pytest.approx(1_100_000)
    assert name("grant") == pytest.approx(500_000)
    assert name("financing_total") == pytest.approx(1_100_000)
    assert name("grant_share") == pytest.approx(5 / 11)
    assert name("rent_per_gross_m2") == pytest.approx(69_000 / 90)
    assert name("rent_per_gross_m2_without_grant") == pytest.approx(119_000 / 90)
    assert name("annual_cost_total") == pytest.approx(81_000)
    assert name("vacancy_cost") == pytest.approx(0, abs=1e-6)
    lay = make_layout(cases["tiny"].plan, cases["tiny"].plan.scenarios[0])
    a, b = lay.t_first, lay.t_first + 1
    assert [_value(wb, TENANTS, a, c) for c in (3, 4, 5, 7, 8)] == pytest.approx([40, 60, 46_000, 9_600, 55_600])
    assert [_value(wb, TENANTS, b, c) for c in (3, 4, 5, 7, 8)] == pytest.approx([20, 30, 23_000, 2_400, 25_400])
    assert _value(wb, TENANTS, b, 11) == pytest.approx(25_400)  # one clinician
    assert _value(wb, TENANTS, b, 13) == pytest.approx(5_400)  # against 20,000 today
    assert _value(wb, TENANTS, b, 14) == pytest.approx(0.27)
    assert _value(wb, TENANTS, a, 13) in (None, "")  # no current rent
    years = [_value(wb, BUDGET, lay.c_total, lay.year_col(k)) for k in range(2)]
    assert years == pytest.approx([450_000, 650_000])


@pytest.mark.parametrize("k", range(len(INJECTIONS)))
def test_user_text_stays_text_after_recalculation(cases: dict[str, Case], k: int) -> None:
    case = cases[f"injection_{k}"]
    text = INJECTIONS[k]
    recalculated = openpyxl.load_workbook(case.path, data_only=True)
    places = [(ws.title, c.coordinate) for ws in case.built.worksheets for row in ws.iter_rows() for c in row
              if c.value == text]
    assert len(places) > 20
    assert [recalculated[s][c].value for s, c in places] == [text] * len(places)
    assert _mismatches(case) == []
