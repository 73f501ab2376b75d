"""The application annex as a workbook (no spreadsheet engine needed): structure, formulas, names, looks,
print set-up, user text kept as text, and safe writing. Recalculated figures: test_annex_recalc.py."""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from planners.exports.annex.layout import (
    ASSUMPTIONS,
    BUDGET,
    COVER,
    EQUIPMENT,
    FINDINGS,
    ROOMS,
    RUNNING,
    SHEETS,
    TENANTS,
    make_layout,
)
from planners.exports.annex.workbook import SCALAR_LABELS, build_workbook, write_annex
from planners.model.errors import PlanError
from planners.store.safewrite import TargetRefused, office_lock_file
from tests.planners.annex_plans import INJECTIONS, edge_plans, example, injection_plan, templates, tiny_plan

SCALARS = ["net_m2", "gross_m2", "establishment_total", "eligible_total", "grant", "financing_total",
           "annual_cost_total", "rent_per_gross_m2", "rent_per_gross_m2_without_grant", "vacancy_cost",
           "grant_share"]
# What LibreOffice 7.4 and every Excel since 2007 know (PLATFORM.md): no XLOOKUP, LET, FILTER, SORT, UNIQUE.
ALLOWED_FUNCTIONS = {"SUM", "SUMIF", "SUMIFS", "SUMPRODUCT", "IF", "IFERROR", "INDEX", "MATCH", "PMT", "COUNT",
                     "OR"}


def _roundtrip(wb: openpyxl.Workbook) -> openpyxl.Workbook:
    """Save and load again: what a reader of the file gets, not the in-memory objects."""
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return openpyxl.load_workbook(buf)


@pytest.fixture(scope="module")
def example_wb() -> openpyxl.Workbook:
    return _roundtrip(build_workbook(example()))


def _formulas(wb: openpyxl.Workbook) -> list[str]:
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f" and isinstance(c.value, str)]


def test_sheets_are_danish_and_in_order(example_wb: openpyxl.Workbook) -> None:
    assert example_wb.sheetnames == list(SHEETS)
    assert example_wb.sheetnames == ["Forside", "Anlægsbudget", "Finansiering", "Rumprogram", "Lejere", "Udstyr",
                                     "Drift og husleje", "Forudsætninger", "Fund"]


def test_every_scalar_is_a_defined_name_at_a_formula(example_wb: openpyxl.Workbook) -> None:
    assert list(SCALAR_LABELS) == SCALARS
    assert set(SCALARS) <= set(example_wb.defined_names)
    for key in SCALARS:
        destinations = list(example_wb.defined_names[key].destinations)
        assert len(destinations) == 1, key
        sheet, coord = destinations[0]
        cell = example_wb[sheet][coord.replace("$", "")]
        assert cell.data_type == "f", (key, cell.value)


def test_formulas_use_only_common_functions(example_wb: openpyxl.Workbook) -> None:
    names: set[str] = set()
    for formula in _formulas(example_wb):
        # Function names are words followed by "(", outside quoted strings.
        bare = re.sub(r'"[^"]*"', '""', formula)
        bare = re.sub(r"'[^']*'!", "X!", bare)
        names.update(re.findall(r"([A-Z][A-Z0-9.]*)\(", bare))
    assert names <= ALLOWED_FUNCTIONS, names - ALLOWED_FUNCTIONS
    assert {"SUMIF", "SUMIFS", "PMT", "SUMPRODUCT", "INDEX", "MATCH"} <= names


def test_totals_allocations_and_rents_are_formulas(example_wb: openpyxl.Workbook) -> None:
    plan = example()
    lay = make_layout(plan, plan.scenario())
    tenants = example_wb[TENANTS]
    for i in range(len(plan.scenario().tenants)):
        row = lay.t_first + i
        for column in (3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14):
            assert tenants.cell(row=row, column=column).data_type == "f", (row, column)
        key_row = lay.k_first + i
        for column in (10, 11, 12, 13):
            assert tenants.cell(row=key_row, column=column).data_type == "f"
    budget = example_wb[BUDGET]
    for i in range(len(plan.scenario().costs)):
        assert budget.cell(row=lay.b_first + i, column=9).data_type == "f"
        for k in range(len(lay.years)):
            assert budget.cell(row=lay.b_first + i, column=lay.year_col(k)).data_type == "f"
    rooms = example_wb[ROOMS]
    for i in range(len(plan.scenario().rooms)):
        assert rooms.cell(row=lay.r_first + i, column=6).data_type == "f"  # net = count × m²
        assert rooms.cell(row=lay.r_first + i, column=7).data_type == "f"  # gross
    # The assumptions the formulas read are plain input cells.
    assumptions = example_wb[ASSUMPTIONS]
    assert assumptions.cell(row=lay.a_factor, column=2).value == pytest.approx(1.4)
    gross_formula = rooms.cell(row=lay.rs["gross"], column=6).value
    factor_formula = rooms.cell(row=lay.rs["factor"], column=6).value
    assert "Forudsætninger" in factor_formula and f"F{lay.rs['factor']}" in gross_formula


def test_formulas_stay_compact_for_many_lines() -> None:
    """SUMIF/SUMPRODUCT over ranges: a tenant's formula does not grow with the number of rooms."""
    small = _roundtrip(build_workbook(example()))
    plan = example()
    sc = plan.scenario()
    sc.rooms = sc.rooms * 20
    big = _roundtrip(build_workbook(plan))
    lay_small, lay_big = make_layout(example(), example().scenario()), make_layout(plan, sc)
    for column in (3, 6, 7):
        a = small[TENANTS].cell(row=lay_small.t_first, column=column).value
        b = big[TENANTS].cell(row=lay_big.t_first, column=column).value
        assert abs(len(a) - len(b)) <= 12, (a, b)
    assert max(len(f) for f in _formulas(big)) < 600


def test_number_formats_widths_frozen_headers(example_wb: openpyxl.Workbook) -> None:
    plan = example()
    lay = make_layout(plan, plan.scenario())
    tenants = example_wb[TENANTS]
    assert tenants.cell(row=lay.t_first, column=8).number_format == '#,##0 "kr."'
    assert tenants.cell(row=lay.t_first, column=3).number_format == '#,##0.0 "m²"'
    assert tenants.cell(row=lay.t_first, column=14).number_format == "0.0%"
    assert tenants.cell(row=lay.t_total, column=8).font.b
    assert tenants.cell(row=4, column=2).font.b  # header row
    for name in (BUDGET, ROOMS, EQUIPMENT, FINDINGS):
        assert example_wb[name].freeze_panes is not None, name
    assert example_wb[TENANTS].column_dimensions["B"].width >= 20
    assert example_wb[COVER].column_dimensions["B"].width >= 60


def test_print_setup_a4_headers_footers_properties(example_wb: openpyxl.Workbook) -> None:
    plan = example()
    for ws in example_wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        # Issue 16.1 replaced fit-to-width (it printed wide sheets at 4–6 pt) by a fixed scale of at least 85 %,
        # wide sheets in bands: tests/planners/test_annex_print.py measures the printed sizes.
        assert not ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.scale or 100) >= 85
        assert plan.title in ws.oddHeader.left.text
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert "Udarbejdet" in ws.oddFooter.right.text
    assert example_wb[BUDGET].page_setup.orientation == "landscape"
    assert example_wb[COVER].page_setup.orientation == "portrait"
    assert example_wb[BUDGET].print_title_rows == "$1:$4"
    assert plan.title in example_wb.properties.title
    assert example_wb.properties.creator == plan.applicant.name


def test_ampersand_in_title_is_escaped_in_the_page_header() -> None:
    plan = example()
    plan.title = "Læger & fysioterapeuter"
    wb = build_workbook(plan)
    assert wb[BUDGET].oddHeader.left.text == "Læger && fysioterapeuter"


@pytest.mark.parametrize("text", INJECTIONS)
def test_user_text_is_written_as_text(text: str) -> None:
    wb = _roundtrip(build_workbook(injection_plan(text)))
    hits = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == text]
    # title, applicant, partners, collaboration ×2, contact ×3, address, description, scenario (cover);
    # tenants' names (twice) and notes, rooms, equipment, cost lines, financing lines, services.
    plan = example()
    sc = plan.scenario()
    expected = 11 + 3 * len(sc.tenants) + len(sc.rooms) + len(sc.equipment) + len(sc.costs) + len(sc.financing)
    expected += len(sc.running.services)
    assert len(hits) >= expected
    assert all(c.data_type == "s" for c in hits)
    assert not any(text in f for f in _formulas(wb))


def test_cycle_line_is_zero_with_a_note_and_the_findings_say_why() -> None:
    plan = edge_plans()["percent_cycle"]
    sc = plan.scenario()
    wb = _roundtrip(build_workbook(plan))
    lay = make_layout(plan, sc)
    cycle = [i for i, c in enumerate(sc.costs) if c.text in ("Uforudset A", "Uforudset B")]
    for i in cycle:
        cell = wb[BUDGET].cell(row=lay.b_first + i, column=9)
        assert cell.value == 0 and cell.data_type == "n"
        assert "cirkulær" in cell.comment.text
    # The line depending on the cycle is still a formula, and no formula refers to its own cell.
    dependent = next(i for i, c in enumerate(sc.costs) if c.text == "Byggestyring")
    formula = wb[BUDGET].cell(row=lay.b_first + dependent, column=9).value
    assert formula.startswith("=") and f"$I${lay.b_first + dependent}" not in formula
    texts = [c.value for row in wb[FINDINGS].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(f"linje {cycle[0] + 1}" in t and "cirkulær" in t for t in texts)


def test_second_basis_free_equipment_line_is_zero_with_a_note() -> None:
    plan = edge_plans()["second_equipment_line"]
    sc = plan.scenario()
    lay = make_layout(plan, sc)
    wb = _roundtrip(build_workbook(plan))
    second = next(i for i, c in enumerate(sc.costs) if c.text == "Udstyr igen")
    cell = wb[BUDGET].cell(row=lay.b_first + second, column=9)
    assert cell.value == 0 and cell.comment is not None
    assert not lay.equipment_row  # the first basis-free line carries the equipment


def test_empty_tables_still_give_ranges() -> None:
    wb = _roundtrip(build_workbook(edge_plans()["no_tenants"]))
    assert "Ingen lejere" in str(wb[TENANTS]["B5"].value)
    wb = _roundtrip(build_workbook(edge_plans()["zero_gross"]))
    assert wb[ROOMS]["C5"].value == "Ingen rum"


def test_every_template_builds() -> None:
    for name, plan in templates().items():
        for sc in plan.scenarios:
            wb = build_workbook(plan, sc.name)
            assert wb[COVER].cell(row=1, column=1).value == plan.title, name


def test_named_scenario_and_unknown_scenario(tmp_path: Path) -> None:
    plan = example()
    other = plan.scenarios[1].name
    wb = build_workbook(plan, other)
    assert other in wb[RUNNING]["A2"].value
    target = tmp_path / "bilag.xlsx"
    with pytest.raises(PlanError):
        write_annex(plan, target, "Findes ikke")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_write_annex_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "bilag.xlsx"
    target.write_bytes(b"old")
    write_annex(tiny_plan(), target)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[0] == "Forside"
    assert [p.name for p in tmp_path.iterdir()] == ["bilag.xlsx"]  # no temporary file left behind


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_target_or_folder_is_refused_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "bilag.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(TargetRefused, match="skrivebeskyttet"):
        write_annex(tiny_plan(), target)
    assert target.read_bytes() == b"old"
    target.chmod(0o644)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(TargetRefused, match="skrivebeskyttet"):
            write_annex(tiny_plan(), folder / "bilag.xlsx")
    finally:
        folder.chmod(0o755)


def test_target_open_in_an_office_suite_is_refused_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "bilag.xlsx"
    target.write_bytes(b"old")
    office_lock_file(target).write_text(",Anne Jensen,pc1,24.11.2026 10:00,file:///x;", encoding="utf-8")
    with pytest.raises(TargetRefused, match="åben") as info:
        write_annex(tiny_plan(), target)
    assert "Anne Jensen" in info.value.message
    assert target.read_bytes() == b"old"


def test_inputs_keep_full_precision() -> None:
    plan = tiny_plan()
    plan.scenarios[0].costs[0].amount = D("1000000.125")
    wb = _roundtrip(build_workbook(plan))
    lay = make_layout(plan, plan.scenarios[0])
    assert wb[BUDGET].cell(row=lay.b_first, column=5).value == pytest.approx(1000000.125, abs=1e-9)
