"""The annex stores each formula's value beside the formula (issue 16.2).

- `openpyxl` with `data_only=True` (a reader that never recalculates) reads every named figure, every tenant's
  figures, every year's spending and every cost line of the written file equal to the engine's, for every
  template's every scenario and the edge plans;
- the written file holds the very formulas and text of the built workbook (which test_annex_recalc.py proves
  against LibreOffice), and user text stays text;
- the stored value of every formula cell equals LibreOffice's own recalculation of the same formulas;
- the evaluator, on small hand-made workbooks, gives hand-computed results (criteria, PMT, errors, arrays).
"""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from planners.exports.annex.evaluate import DIV0, NA, Evaluator, Unsupported, XlError
from planners.exports.annex.layout import BUDGET, TENANTS, make_layout
from planners.exports.annex.workbook import SCALAR_LABELS, build_workbook, write_annex
from planners.exports.recalc import recalculate, soffice_path
from planners.figures.engine import compute
from planners.model import Plan
from tests.planners.annex_plans import INJECTIONS, edge_plans, injection_plan, templates

NANO = D("0.000001")
TENANT_COLUMNS = {3: "allocated_net_m2", 4: "allocated_gross_m2", 5: "space_rent", 6: "equipment_share",
                  7: "services_share", 8: "total", 9: "per_month", 10: "per_gross_m2", 11: "per_clinician"}


def _cases() -> dict[str, tuple[Plan, str]]:
    out: dict[str, tuple[Plan, str]] = {}
    for name, plan in templates().items():
        for k, sc in enumerate(plan.scenarios):
            out[f"template_{name}_{k}"] = (plan, sc.name)
    for name, plan in edge_plans().items():
        out[f"edge_{name}"] = (plan, plan.scenario().name)
    return out


CASES = _cases()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("values")
    paths: dict[str, Path] = {}
    for stem, (plan, scenario) in CASES.items():
        paths[stem] = folder / f"{stem}.xlsx"
        write_annex(plan, paths[stem], scenario)
    return paths


def _close(got: object, expected: D | None) -> bool:
    if expected is None:
        return got in (None, "")
    return isinstance(got, int | float) and not isinstance(got, bool) and abs(D(repr(got)) - expected) <= NANO


@pytest.mark.parametrize("stem", sorted(CASES))
def test_stored_values_equal_the_engine_without_recalculation(written: dict[str, Path], stem: str) -> None:
    plan, scenario = CASES[stem]
    figures = compute(plan, scenario)
    lay = make_layout(plan, next(s for s in plan.scenarios if s.name == scenario))
    wb = openpyxl.load_workbook(written[stem], data_only=True)
    bad: list[str] = []
    for key in SCALAR_LABELS:
        (sheet, coord), = list(wb.defined_names[key].destinations)
        got = wb[sheet][coord.replace("$", "")].value
        if not _close(got, getattr(figures, key)):
            bad.append(f"{key}: {got!r} != {getattr(figures, key)}")
    for i, tenant in enumerate(figures.tenants):
        for column, attr in TENANT_COLUMNS.items():
            got = wb[TENANTS].cell(row=lay.t_first + i, column=column).value
            if not _close(got, getattr(tenant, attr)):
                bad.append(f"{tenant.tenant_id}.{attr}: {got!r} != {getattr(tenant, attr)}")
    for k, year in enumerate(lay.years):
        got = wb[BUDGET].cell(row=lay.c_total, column=lay.year_col(k)).value
        if not _close(got, figures.by_year[year]):
            bad.append(f"year {year}: {got!r} != {figures.by_year[year]}")
    for i, line in enumerate(figures.cost_lines):
        got = wb[BUDGET].cell(row=lay.b_first + i, column=9).value
        if not _close(got, line.amount):
            bad.append(f"cost line {i + 1}: {got!r} != {line.amount}")
    assert not bad


def test_the_written_file_holds_the_built_formulas_text_and_names(written: dict[str, Path]) -> None:
    for stem in ("template_large_0", "template_example_0"):
        plan, scenario = CASES[stem]
        built = build_workbook(plan, scenario)
        read = openpyxl.load_workbook(written[stem])
        assert read.sheetnames == built.sheetnames
        assert set(read.defined_names) == set(built.defined_names)
        for ws in built.worksheets:
            other = read[ws.title]
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.row is not None and cell.column is not None
                    twin = other.cell(row=cell.row, column=cell.column)
                    if isinstance(cell.value, str):
                        assert (twin.value, twin.data_type) == (cell.value, cell.data_type), cell.coordinate
                    elif cell.value is not None:
                        assert twin.value == pytest.approx(float(cell.value)), cell.coordinate  # type: ignore[arg-type]
                    assert twin.number_format == cell.number_format
            assert other.freeze_panes == ws.freeze_panes
            assert other.print_title_rows == ws.print_title_rows
            assert other.page_setup.orientation == ws.page_setup.orientation
            assert {str(r) for r in other.merged_cells.ranges} == {str(r) for r in ws.merged_cells.ranges}


@pytest.mark.parametrize("text", INJECTIONS)
def test_user_text_stays_text_in_the_written_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bilag.xlsx"
    write_annex(injection_plan(text), path)
    for data_only in (False, True):
        wb = openpyxl.load_workbook(path, data_only=data_only)
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == text]
        assert cells, "the user's text is in the annex"
        assert all(c.data_type == "s" for c in cells)


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_every_stored_value_equals_libreoffice(tmp_path: Path) -> None:
    """Each formula cell's stored value equals what LibreOffice computes from the same formulas (the built
    workbook, saved without values, so LibreOffice must compute every one)."""
    stems = ["template_large_0", "template_example_0", "edge_no_tenants", "edge_zero_gross"]
    built = {}
    paths = []
    for stem in stems:
        plan, scenario = CASES[stem]
        built[stem] = build_workbook(plan, scenario)
        paths.append(tmp_path / f"{stem}.xlsx")
        built[stem].save(paths[-1])
    bad: list[str] = []
    for path in recalculate(paths, tmp_path / "out"):
        ours = Evaluator(built[path.stem]).values()
        theirs = openpyxl.load_workbook(path, data_only=True)
        for (sheet, row, column), value in ours.items():
            got = theirs[sheet].cell(row=row, column=column).value
            if isinstance(value, Fraction):
                ok = isinstance(got, int | float) and abs(Fraction(got) - value) <= Fraction(1, 10**6)
            elif isinstance(value, XlError):
                ok = got == value.code
            elif value in (None, ""):
                ok = got in (None, "", 0)
            else:
                ok = got == value
            if not ok:
                bad.append(f"{path.stem} {sheet}!{row},{column}: ours {value!r}, LibreOffice {got!r}")
    assert not bad, bad[:10]


# --- the evaluator by hand ------------------------------------------------------------------------------------
def _sheet(**cells: object) -> Evaluator:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Ark"
    for coord, value in cells.items():
        ws[coord] = value  # type: ignore[assignment]
    return Evaluator(wb)


def _eval(ev: Evaluator, coord: str) -> object:
    return ev.scalar(ev.reference(coord, "Ark"))


def test_evaluator_criteria_are_exact_words_without_regard_to_case() -> None:
    ev = _sheet(A1="Ja", A2="ja ", A3="JA", A4="Nej", B1=100, B2=20, B3=3, B4=4000,
                C1='=SUMIF(A1:A4,"Ja",B1:B4)', C2='=SUMIFS(B1:B4,A1:A4,"<>Ja")', C3='=COUNTIF(A1:A4,"ja")',
                C4="=SUMIF(B1:B4,\">=20\")")
    assert _eval(ev, "C1") == 103  # "Ja" and "JA"; "ja " (a space) is another word, as in every spreadsheet
    assert _eval(ev, "C2") == 4020
    assert _eval(ev, "C3") == 2
    assert _eval(ev, "C4") == 4120


def test_evaluator_annuity_matches_the_closed_form() -> None:
    # 1.000.000 kr. over 2 years at 10 %: P = 1e6 * 0.1 / (1 - 1.1^-2) = 576.190,476… (hand: 1.21 / 0.21 * 0.1e6)
    ev = _sheet(A1=D("0.1"), A2=2, A3=1000000, B1="=PMT(A1,A2,-A3)", B2="=PMT(0,4,-1000)")
    assert _eval(ev, "B1") == Fraction(121, 21) * 100000
    assert _eval(ev, "B2") == 250


def test_evaluator_errors_iferror_if_and_arrays() -> None:
    ev = _sheet(A1=0, A2="Inventar", A3="Byggeri", A4="Inventar", B2=2, B3=5, B4=7, C2=10, C3=100, C4=1000,
                D1="=1/A1", D2="=IFERROR(1/A1,42)", D3='=IF(A1=0,"",1/A1)', D4='=SUMPRODUCT((A2:A4="inventar")*B2:B4*C2:C4)',
                D5='=INDEX(B2:B4,MATCH("Byggeri",A2:A4,0))', D6='=MATCH("Tag",A2:A4,0)', D7="=-2^2+7%",
                D8='=D3&"x"')
    assert _eval(ev, "D1") == DIV0
    assert _eval(ev, "D2") == 42
    assert _eval(ev, "D3") == ""
    assert _eval(ev, "D4") == 2 * 10 + 7 * 1000
    assert _eval(ev, "D5") == 5
    assert _eval(ev, "D6") == NA
    assert _eval(ev, "D7") == Fraction(4) + Fraction(7, 100)  # unary minus binds before ^ in spreadsheets
    assert _eval(ev, "D8") == "x"


def test_evaluator_refuses_what_it_does_not_know() -> None:
    ev = _sheet(A1="=VLOOKUP(1,B1:C2,2,FALSE)")
    with pytest.raises(Unsupported):
        _eval(ev, "A1")
