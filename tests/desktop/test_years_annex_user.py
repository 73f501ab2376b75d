"""Issue 17's tried-as-a-user scenario, end to end: "two more GPs move in from the third year; rents indexed 2 %;
the municipality must charge market rent". The two GPs are added on the tenants page (duplicating the practice,
then renamed in its table), their consultation rooms as lines, the terms typed on the years page; the annex
exported from the plan on disk has the sheet "Husleje over tid", and its stored figures say who pays what each
year: the new GPs nothing before the third year, then market rent for their premises indexed 2 % a year."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from planners.exports.annex.layout import make_layout
from planners.exports.annex.workbook import write_annex
from planners.exports.annex.years import (
    L_CHARGED,
    L_LEASE,
    L_MARKET,
    L_SPACE_CHARGED,
    M_TENANT0,
    YEARS_SHEET,
    make_years_layout,
)
from planners.model import RoomLine, RoomType
from planners.model.timeline import RentBasis
from planners.store.operations import AddLine
from planners.store.planfile import read_plan
from tests.desktop.conftest import column, make_plan

MARKET = 514  # kr. per gross m² a year: Hirtshals, 375.000 kr. for 730 m² (FACTS.md), rounded


def _type(editor, text: str) -> None:  # noqa: ANN001
    editor.setText(text)
    editor.editingFinished.emit()


def build_scenario(window, tmp_path: Path) -> Path:  # noqa: ANN001
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    session = window.session
    page = window.workspace.show_page("tenants")
    view = page.tables[0]
    model = view.model()
    for name in ("Ny læge A", "Ny læge B"):
        view.select_rows([0])  # the GP practice
        window.act_dup.trigger()
        model.setData(model.index(1, column(model, "name")), name, Qt.ItemDataRole.EditRole)
    new = [t.id for t in session.scenario.tenants if t.name.startswith("Ny læge")]
    assert len(new) == 2
    sid = session.scenario.row_id
    for tid in new:  # each its own consultation room (the rooms page's editing is tested elsewhere)
        session.run(AddLine(sid, "room", RoomLine(RoomType.CONSULTATION, Decimal(16), 1, "Konsultation", tenant=tid)),
                    "tilføj rum")
    years = window.workspace.show_page("years")
    for tid in new:
        row = [t.id for t in session.scenario.tenants].index(tid)
        years.tenant_table.item(row, 1).setText("2023")  # the third operating year (2021 is the first)
    _type(years.market, str(MARKET))
    _type(years.market_source, "Hirtshals: 375.000 kr. om året for 730 m²")
    _type(years.rent_index, "2")
    _type(years.rent_index_source, "nettoprisindekset, skøn")
    years.basis.setCurrentIndex(years.basis.findData(RentBasis.MARKET))
    years.basis.activated.emit(years.basis.currentIndex())
    return path


def test_two_gps_later_market_rent_in_the_annex(window, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    path = build_scenario(window, tmp_path)
    plan = read_plan(path)
    sc = plan.scenario()
    tl = sc.timeline
    assert tl.rent_basis is RentBasis.MARKET and tl.rent_index_pct == 2
    new = [i for i, t in enumerate(sc.tenants) if t.name.startswith("Ny læge")]
    assert all(tl.tenant_terms(sc.tenants[i].id).move_in == 2023 for i in new)  # type: ignore[union-attr]

    target = tmp_path / "bilag.xlsx"
    write_annex(plan, target)
    ws = openpyxl.load_workbook(target, data_only=True)[YEARS_SHEET]  # the values stored beside the formulas
    y = make_years_layout(make_layout(plan, sc))
    assert y.first == 2021
    for k in range(y.n_years):
        index = Fraction(102, 100) ** k  # market rent indexed 2 % a year from the first operating year
        for i in range(len(sc.tenants)):
            row = y.tenant_row(k, i)
            charged = ws.cell(row=row, column=L_CHARGED).value
            assert ws.cell(row=y.main_row(k), column=M_TENANT0 + i).value == charged
            if i in new and k < 2:
                assert charged == 0 and ws.cell(row=row, column=L_MARKET).value in (None, "")
                continue
            lease = Fraction(ws.cell(row=row, column=L_LEASE).value)
            premises = ws.cell(row=row, column=L_SPACE_CHARGED).value
            # every tenant's premises at market rent: 514 kr./m² × its lease area × 1,02^k
            assert abs(Fraction(premises) - MARKET * lease * index) < Fraction(1, 100), (k, i)
    # the new GPs' lease area in 2023: their 16 m² plus a share of the common rooms, × the gross factor
    lease_2023 = Fraction(ws.cell(row=y.tenant_row(2, new[0]), column=L_LEASE).value)
    assert lease_2023 > 16 * Fraction(sc.gross_factor)
