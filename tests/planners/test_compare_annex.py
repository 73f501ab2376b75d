"""The annex sheet "Scenarier": every scenario's figures, recalculated by LibreOffice, equal the engine's.

The annex's own scenario is live formulas (the defined names, "Lejere", "Fund"); the other scenarios are values
computed by Sundhedshus; the differences are formulas. So each plan is exported once per scenario (each scenario
once the annex's own, its column then recalculated from the workbook's inputs), and one workbook is edited (a
gross factor) to show the own column and the differences follow. All workbooks go through ONE LibreOffice call.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from planners.exports.annex.layout import ASSUMPTIONS, SCENARIOS, SHEETS, make_layout
from planners.exports.annex.sheets import comparison_columns, comparison_rows
from planners.exports.annex.workbook import build_workbook
from planners.exports.recalc import recalculate, soffice_path
from planners.figures.compare import Comparison, Unit, compare
from planners.figures.engine import compute
from planners.model import Plan
from tests.planners.annex_plans import example
from tests.planners.test_compare import THIRD, three_scenario_plan

needs_soffice = pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
)
CENT = D("0.01")
FRACTION = D("1e-9")  # the grant share is a fraction: 0.01 kr. of tolerance means nothing for it
EDITED_FACTOR = D("1.6")


@dataclass
class Case:
    plan: Plan
    own: str
    comparison: Comparison
    path: Path  # recalculated


def _plans() -> dict[str, tuple[Plan, str]]:
    out: dict[str, tuple[Plan, str]] = {}
    for key, plan in (("example", example()), ("three", three_scenario_plan())):
        for k, sc in enumerate(plan.scenarios):
            out[f"{key}_{k}"] = (plan, sc.name)
    return out


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("compare_annex")
    plans = _plans()
    paths = []
    for stem, (plan, own) in plans.items():
        path = folder / f"{stem}.xlsx"
        build_workbook(plan, own, compare=True).save(path)
        paths.append(path)
    # A reviewer's edit: the third scenario's gross factor on "Forudsætninger".
    plan = three_scenario_plan()
    plans["edited"] = (plan, THIRD)
    wb = build_workbook(plan, THIRD, compare=True)
    lay = make_layout(plan, plan.scenario(THIRD))
    wb[ASSUMPTIONS].cell(row=lay.a_factor, column=2).value = EDITED_FACTOR
    wb.save(folder / "edited.xlsx")
    paths.append(folder / "edited.xlsx")
    out = recalculate(paths, folder / "recalculated")
    return {p.stem: Case(plans[p.stem][0], plans[p.stem][1], compare(plans[p.stem][0], base=plans[p.stem][1]), p)
            for p in out}


def _sheet(case: Case) -> tuple[openpyxl.worksheet.worksheet.Worksheet, dict[str, int], dict[str, int],
                                dict[str, int]]:
    ws = openpyxl.load_workbook(case.path, data_only=True)[SCENARIOS]
    values, diffs = comparison_columns(case.comparison.scenarios, case.own)
    return ws, comparison_rows(case.comparison), values, diffs


def _close(got: object, expected: D, unit: Unit) -> bool:
    if not isinstance(got, int | float) or isinstance(got, bool):
        return False
    return abs(D(repr(got)) - expected) <= (FRACTION if unit is Unit.PCT else CENT)


def _mismatches(case: Case) -> list[str]:
    ws, rows, values, diffs = _sheet(case)
    c = case.comparison
    bad = []
    for r in c.rows:
        for k, name in enumerate(c.scenarios):
            got = ws.cell(row=rows[r.key], column=values[name]).value
            expected = r.values[k]
            if expected is None:
                if got not in (None, ""):
                    bad.append(f"{name} {r.key}: {got!r}, expected empty")
            elif not _close(got, expected, r.unit):
                bad.append(f"{name} {r.key}: {got!r}, expected {expected}")
        for name, column in diffs.items():
            got = ws.cell(row=rows[r.key], column=column).value
            expected = r.differences[c.scenarios.index(name)]
            if expected is None:
                if got not in (None, ""):
                    bad.append(f"{name} − {case.own} {r.key}: {got!r}, expected empty")
            elif not _close(got, expected, r.unit):
                bad.append(f"{name} − {case.own} {r.key}: {got!r}, expected {expected}")
    return bad


@needs_soffice
@pytest.mark.parametrize("stem", list(_plans()))
def test_every_scenario_equals_the_engine(cases: dict[str, Case], stem: str) -> None:
    assert _mismatches(cases[stem]) == []


@needs_soffice
def test_the_own_column_and_the_differences_follow_an_edit(cases: dict[str, Case]) -> None:
    case = cases["edited"]
    ws, rows, values, diffs = _sheet(case)
    c = case.comparison
    net = compute(case.plan, THIRD).net_m2
    own_gross = ws.cell(row=rows["gross_m2"], column=values[THIRD]).value
    assert D(repr(own_gross)) == pytest.approx(net * EDITED_FACTOR)  # net × the edited factor
    assert c.value("gross_m2", THIRD) != net * EDITED_FACTOR  # so the edit did change the figure
    for name in ("Ombygning", "Nybyg"):
        other = ws.cell(row=rows["gross_m2"], column=values[name]).value
        assert other == pytest.approx(float(c.value("gross_m2", name)))  # values: unchanged
        diff = ws.cell(row=rows["gross_m2"], column=diffs[name]).value
        assert diff == pytest.approx(float(c.value("gross_m2", name) - net * EDITED_FACTOR))
    # the rent per m² follows too (a larger gross area at the same capital cost)
    own_rent = ws.cell(row=rows["rent_per_gross_m2"], column=values[THIRD]).value
    assert own_rent != pytest.approx(float(c.value("rent_per_gross_m2", THIRD)))


# --- the workbook as written (no LibreOffice) --------------------------------------------------------------


def test_sheet_is_added_last_only_with_compare() -> None:
    plan = example()
    assert build_workbook(plan).sheetnames == list(SHEETS)
    wb = build_workbook(plan, compare=True)
    assert wb.sheetnames == [*SHEETS, SCENARIOS]
    cover = [c.value for row in wb["Forside"].iter_rows() for c in row]
    assert SCENARIOS in cover


def test_own_column_is_formulas_and_others_values() -> None:
    plan = three_scenario_plan()
    wb = build_workbook(plan, "Nybyg", compare=True)
    c = compare(plan, base="Nybyg")
    ws = wb[SCENARIOS]
    rows = comparison_rows(c)
    values, diffs = comparison_columns(c.scenarios, "Nybyg")
    assert ws.cell(row=rows["net_m2"], column=values["Nybyg"]).value == "=net_m2"
    assert ws.cell(row=rows["findings:error"], column=values["Nybyg"]).value.startswith("=COUNTIF(")
    first_tenant_row = make_layout(plan, plan.scenario("Nybyg")).t_first  # gp is Nybyg's first tenant
    assert ws.cell(row=rows["tenant:gp"], column=values["Nybyg"]).value == f"='Lejere'!$H${first_tenant_row}"
    assert ws.cell(row=rows["tenant:tand"], column=values["Nybyg"]).value is None  # not in Nybyg
    for name in ("Ombygning", THIRD):
        cell = ws.cell(row=rows["grant"], column=values[name])
        assert cell.data_type == "n" and cell.value == c.value("grant", name)
        assert ws.cell(row=rows["grant"], column=diffs[name]).value.startswith("=IF(")
    assert ws.cell(row=5, column=values["Ombygning"]).value == "Værdier beregnet af Sundhedshus"
    assert ws.cell(row=5, column=values["Nybyg"]).value == "Formler (bilagets faner)"
    notes = " ".join(str(x.value) for row in ws.iter_rows() for x in row if x.value)
    assert "ikke deres egne faner" in notes and "procentpoint" in notes


def test_user_text_stays_text() -> None:
    plan = three_scenario_plan()
    plan.scenarios[1].name = "=1+1"
    plan.scenarios[0].tenants[0].name = '=HYPERLINK("http://x","y")'
    ws = build_workbook(plan, compare=True)[SCENARIOS]
    texts = {c.value: c.data_type for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert texts['=HYPERLINK("http://x","y")'] == "s"
    assert any(v.startswith("=1+1") and t == "s" for v, t in texts.items())
