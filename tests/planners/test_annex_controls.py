"""The cover's control block catches a reviewer's wrong edit of every kind of driving cell (issue 16.4), and the
cover answers the first questions with live formulas (16.3).

Each case edits one driving cell of the example's (or the large template's) annex the way a reviewer might
(a renamed category, "ja " with a space, an unknown tenant number, a misspelt key …), LibreOffice recalculates
all the files in one call, and the control block's summary must say that balances fail, with at least one
balance showing its difference instead of OK. The unedited annexes say that all balances hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from planners.exports.annex.controls import OK
from planners.exports.annex.evaluate import Evaluator
from planners.exports.annex.layout import (
    ASSUMPTIONS,
    BUDGET,
    COVER,
    EQUIPMENT,
    FINANCING,
    ROOMS,
    RUNNING,
    Layout,
    make_layout,
)
from planners.exports.annex.workbook import build_workbook
from planners.exports.recalc import recalculate, soffice_path
from planners.model import Plan
from tests.planners.annex_plans import templates


@dataclass
class Edit:
    sheet: str
    column: int
    rows: tuple[int, int]
    find: object  # the value of the cell to change (the first such in the rows)
    wrong: object


def _edits(lay: Layout) -> dict[str, Edit]:
    b, f = (lay.b_first, lay.b_last), (lay.f_first, lay.f_last)
    r, e = (lay.r_first, lay.r_last), (lay.e_first, lay.e_last)
    return {
        "category_renamed": Edit(BUDGET, 2, b, "Inventar", "Inventar og møbler"),
        "eligible_with_space": Edit(BUDGET, 10, b, "Ja", "ja "),
        "source_renamed": Edit(FINANCING, 2, f, "Lån", "Lån i banken"),
        "repaid_misspelt": Edit(FINANCING, 5, f, "Ja", "Ja."),
        "room_tenant_unknown": Edit(ROOMS, 9, r, 1, 99),
        "room_key_misspelt": Edit(ROOMS, 11, r, "Areal", "Arealet"),
        "room_use_misspelt": Edit(ROOMS, 8, r, "Ledig", "ledig "),
        "equipment_bought_misspelt": Edit(EQUIPMENT, 8, e, "Nej", "nej."),
        "equipment_tenant_unknown": Edit(EQUIPMENT, 12, e, 1, 7),
        "equipment_key_misspelt": Edit(EQUIPMENT, 14, e, "Hovedantal", "Hoved antal"),
        "service_key_misspelt": Edit(RUNNING, 2, (lay.d_svc_first, lay.d_svc_last), "Areal", "Arealet"),
        "custom_kind_misspelt": Edit(ASSUMPTIONS, 1, (lay.a_custom_first, lay.a_custom_last), "Rum", "Rummet"),
    }


def _apply(ws: Worksheet, edit: Edit) -> bool:
    for row in range(edit.rows[0], edit.rows[1] + 1):
        cell = ws.cell(row=row, column=edit.column)
        if cell.value == edit.find:
            cell.value = edit.wrong  # type: ignore[assignment]  # a str or an int here
            return True
    return False


def _cover_rows(ws: Worksheet) -> tuple[int, list[int]]:
    """The control block's summary row and its balance rows (down to the next blank row)."""
    summary = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Samlet")
    rows = []
    r = summary + 1
    while ws.cell(row=r, column=1).value not in (None, ""):
        rows.append(r)
        r += 1
    return summary, rows


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("controls")
    plans: dict[str, Plan] = {"example": templates()["example"], "large": templates()["large"]}
    paths = []
    for name, plan in plans.items():
        wb = build_workbook(plan)
        paths.append(folder / f"clean_{name}.xlsx")
        wb.save(paths[-1])
        for kind, edit in _edits(make_layout(plan, plan.scenario())).items():
            wb = build_workbook(plan)
            if _apply(wb[edit.sheet], edit):
                paths.append(folder / f"{kind}__{name}.xlsx")
                wb.save(paths[-1])
    return {p.stem: p for p in recalculate(paths, folder / "out")}


needs_lo = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")


@needs_lo
def test_clean_annexes_hold_every_balance(recalculated: dict[str, Path]) -> None:
    for name in ("example", "large"):
        ws = openpyxl.load_workbook(recalculated[f"clean_{name}"], data_only=True)[COVER]
        summary, rows = _cover_rows(ws)
        assert str(ws.cell(row=summary, column=2).value).startswith("Alle "), name
        assert [ws.cell(row=r, column=2).value for r in rows] == [OK] * len(rows)


@needs_lo
@pytest.mark.parametrize("kind", sorted(_edits(make_layout(templates()["example"],
                                                           templates()["example"].scenario()))))
def test_a_wrong_driving_cell_turns_the_block_red(recalculated: dict[str, Path], kind: str) -> None:
    found = [stem for stem in recalculated if stem.startswith(kind + "__")]
    assert found, f"neither template has a cell to edit for {kind}"
    for stem in found:
        ws = openpyxl.load_workbook(recalculated[stem], data_only=True)[COVER]
        summary, rows = _cover_rows(ws)
        assert "stemmer ikke" in str(ws.cell(row=summary, column=2).value), stem
        failing = [r for r in rows if ws.cell(row=r, column=2).value != OK]
        assert failing and all(isinstance(ws.cell(row=r, column=2).value, int | float) for r in failing), stem


def test_the_block_turns_red_by_conditional_formatting() -> None:
    wb = build_workbook(templates()["example"])
    ws = wb[COVER]
    summary, rows = _cover_rows(ws)
    ranges = [str(cf.sqref) for cf in ws.conditional_formatting]
    assert f"A{rows[0]}:B{rows[-1]}" in ranges and f"A{summary}:B{summary}" in ranges


def test_cover_answers_the_first_questions_live() -> None:
    plan = templates()["example"]
    wb = build_workbook(plan)
    ws = wb[COVER]
    ev = Evaluator(wb)
    labels = {ws.cell(row=r, column=1).value: r for r in range(1, 40)}
    for label in ("Der søges om", "Anlægsudgifter i alt", "Tilskudsandel af de tilskudsberettigede udgifter",
                  "Kommunens egne midler", "Praksisejernes egne midler", "Lån", "Bilagets balancer (regnes igen)"):
        cell = ws.cell(row=labels[label], column=2)
        assert cell.data_type == "f", label  # a live formula, not a copied figure
    sc = plan.scenario()
    loans = sum(line.amount for line in sc.financing if line.source.value == "loan")
    assert ev.cell(COVER, labels["Lån"], 2) == loans
    assert ws.cell(row=labels["Ansøger"], column=2).value == plan.applicant.name


def test_drop_down_lists_on_driving_cells() -> None:
    wb = build_workbook(templates()["example"])
    lay = make_layout(templates()["example"], templates()["example"].scenario())
    covered = {(ws.title, str(dv.sqref)) for ws in wb.worksheets for dv in ws.data_validations.dataValidation}
    for sheet, cells in ((BUDGET, f"B{lay.b_first}:B{lay.b_last}"), (BUDGET, f"J{lay.b_first}:J{lay.b_last}"),
                         (FINANCING, f"B{lay.f_first}:B{lay.f_last}"), (ROOMS, f"I{lay.r_first}:I{lay.r_last}"),
                         (ROOMS, f"K{lay.r_first}:K{lay.r_last}"), (EQUIPMENT, f"L{lay.e_first}:L{lay.e_last}")):
        assert (sheet, cells) in covered, (sheet, cells)
