"""The annex's sheet "Tidsplan og tilsagn" (issue 16.6): present once the application is begun, its texts as
given, and the grant per line and per year as live formulas whose stored values and LibreOffice's recalculation
both equal figures worked out by hand."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from planners.exports.annex.application import APPLICATION
from planners.exports.annex.layout import SHEETS
from planners.exports.annex.workbook import build_workbook, write_annex
from planners.exports.recalc import recalculate, soffice_path
from planners.figures.engine import compute
from tests.planners.plans import rich_plan
from tests.planners.test_readiness import _filled, readiness_plan

# rich_plan's first scenario "Ombygning 🏥": cost line 1 (Ombygning) spreads 30 % / 70 % over 2018–2019, line 2
# (Rådgivning) 50 % / 50 %; readiness_plan gives them the grants 2.500.000,50 and 499.999,50 (3.000.000 in all,
# the grant of the financing).
EXPECTED_BY_YEAR = {
    (0, 2018): D("750000.15"), (0, 2019): D("1750000.35"), (0, 2020): D(0),
    (1, 2018): D("249999.75"), (1, 2019): D("249999.75"), (1, 2020): D(0),
}  # fmt: skip
NANO = D("0.000001")


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    """Where the grant table's rows are: by the label in column B."""
    found: dict[str, int] = {}
    for row in ws.iter_rows(min_col=2, max_col=2):
        cell = row[0]
        if isinstance(cell.value, str) and cell.value not in found:
            found[cell.value] = cell.row
    return found


def _check(ws: openpyxl.worksheet.worksheet.Worksheet, plan_amounts: list[D]) -> None:
    rows = _rows(ws)
    header = rows["Tilskud pr. post og år"] + 1
    assert [ws.cell(header, c).value for c in range(1, 8)] == [
        "Nr.", "Post", "Delprojekt", "Tilskud", "Tilskud 2018", "Tilskud 2019", "Tilskud 2020"]
    for (line, year), expected in EXPECTED_BY_YEAR.items():
        got = ws.cell(header + 1 + line, 5 + (year - 2018)).value
        assert abs(D(repr(got or 0)) - expected) <= NANO, (line, year, got)
    total = rows["I alt"]
    assert abs(D(repr(ws.cell(total, 4).value)) - D(3_000_000)) <= NANO
    assert abs(D(repr(ws.cell(rows["Tilskud i finansieringen"], 4).value)) - D(3_000_000)) <= NANO
    assert abs(D(repr(ws.cell(rows["Forskel (skal være 0)"], 4).value))) <= NANO
    main = rows["Hovedhus"]
    assert abs(D(repr(ws.cell(main, 3).value)) - plan_amounts[0]) <= NANO
    assert abs(D(repr(ws.cell(main, 4).value)) - D("2500000.5")) <= NANO


def test_the_sheet_comes_only_with_a_begun_application() -> None:
    assert build_workbook(_filled(rich_plan())).sheetnames == list(SHEETS)
    wb = build_workbook(readiness_plan(), "Ombygning 🏥")
    assert wb.sheetnames == [*SHEETS, APPLICATION]
    ws = wb[APPLICATION]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ("29189846", "5798000000001", "Borgmester Åse Ø, Borgmester", "Under behandling (01.03.2027)",
                 "Ansøgning sendt", "15.04.2027", "Efter udbud ✅", "Underskrevet lejekontrakt", "10.01.2027",
                 "Hensigtserklæring", "Intet tilsagn", "Træningssal"):  # fmt: skip
        assert text in texts, text
    assert "Tidsplan og tilsagn" in {c.value for row in wb["Forside"].iter_rows() for c in row}


def test_stored_values_equal_the_hand_figures(tmp_path: Path) -> None:
    plan = readiness_plan()
    path = tmp_path / "bilag.xlsx"
    write_annex(plan, path, "Ombygning 🏥")
    amounts = [line.amount for line in compute(plan, "Ombygning 🏥").cost_lines]
    _check(openpyxl.load_workbook(path, data_only=True)[APPLICATION], amounts)


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_the_same(tmp_path: Path) -> None:
    plan = readiness_plan()
    path = tmp_path / "bilag.xlsx"
    build_workbook(plan, "Ombygning 🏥").save(path)  # openpyxl: formulas only, no stored values
    (out,) = recalculate([path], tmp_path / "recalculated")
    amounts = [line.amount for line in compute(plan, "Ombygning 🏥").cost_lines]
    _check(openpyxl.load_workbook(out, data_only=True)[APPLICATION], amounts)
