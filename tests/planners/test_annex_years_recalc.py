"""The annex's yearly sheet recalculated by LibreOffice equals the yearly series of `summary --json` within
0,01 kr. (issue 17, "Done when"): every bundled template given a time line that changes nothing (its first year
must equal today's steady-state figures, checked against "Drift og husleje" of the same recalculated file) and a
phased one (tenants moving in from the third year, a room in a later phase, indexed rent and running costs,
market rents, a serial loan and interest-only years, the Sæby split), and generated plans with drawn time lines.
All workbooks go through one LibreOffice call."""

from __future__ import annotations

import io
import json
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from planners.cli import main as cli_main
from planners.exports.annex.layout import make_layout
from planners.exports.annex.workbook import build_workbook
from planners.exports.annex.years import (
    L_CHARGED,
    L_COST,
    L_EQUIPMENT,
    L_LEASE,
    L_MARKET,
    L_SERVICES,
    L_SPACE,
    L_SPACE_CHARGED,
    M_CAPITAL,
    M_CASH,
    M_EQUIPMENT,
    M_ESTABLISHMENT,
    M_FINANCED,
    M_GROSS,
    M_INCOME,
    M_RUNNING,
    M_SERVICES,
    M_SURPLUS,
    M_TOTAL,
    M_VACANCY,
    YEARS_SHEET,
    make_years_layout,
)
from planners.exports.recalc import recalculate, soffice_path
from planners.interchange.plan_json import dump_json
from planners.model import Plan
from tests.planners.strategies import plans
from tests.planners.test_years_phased import phased_plan
from tests.planners.years_plans import template_cases, with_timeline

pytestmark = pytest.mark.skipif(soffice_path() is None,
                                reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")

CENT = D("0.01")


def _generated(count: int = 6) -> list[Plan]:
    out: list[Plan] = []
    for k in range(count):
        drawn: list[Plan] = []

        @seed(1700 + k)
        @settings(max_examples=1, database=None, phases=[Phase.generate], deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.data())
        def draw(data: st.DataObject) -> None:
            drawn.append(data.draw(plans(min_tenants=1, max_tenants=4, max_rooms=6).flatmap(with_timeline)))  # noqa: B023

        draw()
        out.extend(drawn)
    return out


def _summary_json(plan: Plan, folder: Path, stem: str) -> dict[str, object]:
    """`sundhedshus summary --json` on the plan, as a user runs it (the applied scenario)."""
    path = folder / f"{stem}.json"
    path.write_text(dump_json(plan), encoding="utf-8")
    out = io.StringIO()
    assert cli_main(["summary", str(path), "--json"], out=out) == 0
    result = json.loads(out.getvalue(), parse_float=D)
    assert isinstance(result, dict)
    return result


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path, dict[str, object]]]:
    folder = tmp_path_factory.mktemp("years")
    chosen = dict(template_cases())
    chosen.update({f"generated_{k}": p for k, p in enumerate(_generated())})
    chosen["hand_phased"] = phased_plan()
    paths = []
    for stem, plan in chosen.items():
        paths.append(folder / f"{stem}.xlsx")
        build_workbook(plan).save(paths[-1])  # openpyxl: no stored values, LibreOffice computes every one
    out = recalculate(paths, folder / "recalculated")
    return {p.stem: (chosen[p.stem], p, _summary_json(chosen[p.stem], folder, p.stem)) for p in out}


def _near(got: object, expected: object) -> bool:
    if expected is None:
        return got in (None, "")
    return (isinstance(got, int | float) and not isinstance(got, bool)
            and abs(D(repr(got)) - D(str(expected))) <= CENT)


@pytest.mark.parametrize("stem", [*sorted(template_cases()), *(f"generated_{k}" for k in range(6))])
def test_recalculated_sheet_equals_summary_json(cases: dict[str, tuple[Plan, Path, dict[str, object]]],
                                                stem: str) -> None:
    plan, path, summary = cases[stem]
    series = summary["rent_years"]
    assert isinstance(series, dict)
    y = make_years_layout(make_layout(plan, plan.scenario()))
    ws = openpyxl.load_workbook(path, data_only=True)[YEARS_SHEET]
    bad: list[str] = []

    def check(what: str, row: int, column: int, expected: object) -> None:
        got = ws.cell(row=row, column=column).value
        if not _near(got, expected):
            bad.append(f"{what}: {got!r}, expected {expected}")

    rows = series["series"]
    assert len(rows) == y.n_years
    for k, r in enumerate(rows):
        m = y.main_row(k)
        for c, key in ((M_GROSS, "gross_m2"), (M_CAPITAL, "capital_cost"), (M_RUNNING, "running_cost"),
                       (M_EQUIPMENT, "equipment_cost"), (M_SERVICES, "services_cost"), (M_TOTAL, "total_cost"),
                       (M_VACANCY, "vacancy_cost"), (M_INCOME, "income"), (M_SURPLUS, "surplus"),
                       (M_CASH, "cash_balance")):
            check(f"{r['year']} {key}", m, c, r[key])
        check(f"{r['year']} year", m, 1, r["year"])
        for i, t in enumerate(r["tenants"]):
            row = y.tenant_row(k, i)
            for c, key in ((L_LEASE, "lease_gross_m2"), (L_SPACE, "space_cost_rent"),
                           (L_EQUIPMENT, "equipment_share"), (L_SERVICES, "services_share"),
                           (L_COST, "cost_rent"), (L_MARKET, "market_rent"), (L_SPACE_CHARGED, "space_charged"),
                           (L_CHARGED, "charged")):
                check(f"{r['year']} {t['id']} {key}", row, c, t[key])
        for j, lo in enumerate(r["loans"]):
            for part, key in ((1, "interest"), (2, "repayment"), (3, "payment"), (4, "balance")):
                check(f"{r['year']} loan {lo['line']} {key}", y.rows["a_first"] + k, y.loan_col(j, part), lo[key])
    pv = series["present_value"]
    for c, key in ((M_TOTAL, "total_cost"), (M_INCOME, "income"), (M_SURPLUS, "surplus")):
        check(f"present value {key}", y.rows["m_pv"], c, pv[key] if pv else None)
    assert not bad, bad[:10]


@pytest.mark.parametrize("stem", [*sorted(template_cases()), *(f"generated_{k}" for k in range(6)), "hand_phased"])
def test_recalculated_establishment_and_financing_by_year(cases: dict[str, tuple[Plan, Path, dict[str, object]]],
                                                          stem: str) -> None:
    """Cost lines in phases and financing given for a year: the opening balance, each year's establishment paid,
    financing received, loans and cash balance of the recalculated sheet equal `summary --json`."""
    plan, path, summary = cases[stem]
    series = summary["rent_years"]
    assert isinstance(series, dict)
    y = make_years_layout(make_layout(plan, plan.scenario()))
    ws = openpyxl.load_workbook(path, data_only=True)[YEARS_SHEET]
    assert _near(ws.cell(row=y.rows["opening"], column=2).value, series["opening_balance"])
    for k, r in enumerate(series["series"]):
        m = y.main_row(k)
        for c, key in ((M_ESTABLISHMENT, "establishment"), (M_FINANCED, "financing_received"),
                       (M_CAPITAL, "capital_cost"), (M_CASH, "cash_balance")):
            assert _near(ws.cell(row=m, column=c).value, r[key]), (r["year"], key)
        for j, lo in enumerate(r["loans"]):
            for part, key in ((3, "payment"), (4, "balance")):
                got = ws.cell(row=y.rows["a_first"] + k, column=y.loan_col(j, part)).value
                assert _near(got, lo[key]), (r["year"], lo["line"], key)
    if stem in ("hand_phased", "dated_example"):  # the cases are dated: the sheet shows money moving in a year
        assert any(r["establishment"] or r["financing_received"] for r in series["series"])


@pytest.mark.parametrize("stem", sorted(s for s in template_cases() if s.startswith("steady_")))
def test_first_year_equals_the_steady_state_sheet(cases: dict[str, tuple[Plan, Path, dict[str, object]]],
                                                  stem: str) -> None:
    """Nothing phased or indexed: the first year's figures are the summary's steady-state figures."""
    plan, path, summary = cases[stem]
    y = make_years_layout(make_layout(plan, plan.scenario()))
    ws = openpyxl.load_workbook(path, data_only=True)[YEARS_SHEET]
    m = y.main_row(0)
    assert _near(ws.cell(row=m, column=M_TOTAL).value, summary["annual_cost_total"])
    assert _near(ws.cell(row=m, column=M_VACANCY).value, summary["vacancy_cost"])
    tenants = summary["tenants"]
    assert isinstance(tenants, list)
    for i, t in enumerate(tenants):
        assert _near(ws.cell(row=y.tenant_row(0, i), column=L_CHARGED).value, t["total"]), t["id"]
