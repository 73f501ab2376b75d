"""The page "Husleje over tid": the user's scenario of issue 17 built through the page's own editors — two more
GPs move in from the third year, market rents indexed 2 %, the municipality charges market rent — and the
tables show what the core computes; every edit is one undo step."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt

from planners.figures.years import compute_years
from planners.model import RoomLine, RoomType, Tenant, TenantKind
from planners.model.money import format_kr
from planners.model.timeline import RentBasis
from planners.store.operations import AddLine
from planners.store.planfile import read_plan
from tests.desktop.conftest import make_plan


def _type(editor, text: str) -> None:  # noqa: ANN001
    editor.setText(text)
    editor.editingFinished.emit()


def test_two_gps_later_market_rent_indexed(window, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    session = window.session
    sid = session.scenario.row_id
    # Two more GPs with two consultation rooms (the tenants and rooms pages do this; here through their ops).
    session.run(AddLine(sid, "tenant", Tenant("nye", "Nye læger", TenantKind.GP_PRACTICE, clinicians=Decimal(2))),
                "tilføj lejer")
    session.run(AddLine(sid, "room", RoomLine(RoomType.CONSULTATION, Decimal(16), 2, "Konsultation", tenant="nye")),
                "tilføj rum")
    page = window.workspace.show_page("years")
    assert page.isVisible()
    first = compute_years(session.plan, session.scenario).first_year
    assert first == 2021  # the example's project years are 2019–2020
    # move-in in the third operating year, typed in the tenants' table
    row = [t.id for t in session.scenario.tenants].index("nye")
    page.tenant_table.item(row, 1).setText("2023")
    _type(page.market, "600")
    _type(page.market_source, "skøn ud fra Hirtshals")
    _type(page.rent_index, "2")
    page.basis.setCurrentIndex(page.basis.findData(RentBasis.MARKET))
    page.basis.activated.emit(page.basis.currentIndex())
    plan = read_plan(path)
    tl = plan.scenario().timeline
    assert tl.rent_basis is RentBasis.MARKET and tl.rent_index_pct == 2
    assert tl.tenant_terms("nye") is not None and tl.tenant_terms("nye").move_in == 2023
    assert plan.market_rent is not None and plan.market_rent.per_m2 == 600
    # the tables show the core's figures
    y = compute_years(plan)
    assert page.owner_table.rowCount() == len(y.years)
    col = page.rent_table.columnCount() - 2  # the last tenant ("Nye læger") before "I alt"
    assert page.rent_table.item(1, col).text() == "ikke i huset"  # 2022
    nye_2023 = y.years[2].tenants[-1]
    assert nye_2023.present and page.rent_table.item(2, col).text() == format_kr(nye_2023.charged)
    # market rent indexed: the GPs' premises in 2024 = 600 × their lease area × 1,02³ (2021 is year 0)
    gp = y.years[3].tenants[0]
    assert gp.market_rent is not None
    assert abs(gp.market_rent - Decimal(600) * gp.lease_gross_m2 * Decimal("1.02") ** 3) < Decimal("0.000001")
    assert page.owner_table.item(0, 8).text() == format_kr(y.years[0].cash_balance)
    # the chart is drawn when its tab is shown
    page.tabs.setCurrentWidget(page.chart)
    assert page.chart.draws >= 1
    if os.environ.get("YEARS_SCREENSHOTS"):
        folder = Path(os.environ["YEARS_SCREENSHOTS"])
        window.resize(1366, 768)
        page.tabs.setCurrentIndex(1)
        window.grab().save(str(folder / "years-rent.png"))
        page.tabs.setCurrentWidget(page.chart)
        qtbot.wait(50)  # let the canvas take its size and paint (screenshots only; the asserts need no wait)
        page.chart.redraw()
        qtbot.wait(50)
        window.grab().save(str(folder / "years-chart.png"))
        page.tabs.setCurrentIndex(2)
        window.grab().save(str(folder / "years-statement.png"))
    # undo: basis back to cost, then the rent index
    session.undo_stack.undo()
    assert read_plan(path).scenario().timeline.rent_basis is RentBasis.COST
    assert page.basis.currentData() == RentBasis.COST


def test_a_word_is_refused_and_nothing_changes(window, tmp_path: Path) -> None:  # noqa: ANN001
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    page = window.workspace.show_page("years")
    refused: list[str] = []
    window.session.refused.connect(refused.append)
    _type(page.rent_index, "to procent")
    assert refused and "Indeksering af markedsleje" in refused[0]
    assert read_plan(path).scenario().timeline.is_default()
    assert page.rent_index.text() == "0"
    assert page.first_year.text() == "" and page.owner_table.item(0, 0).text() == "2021"
    assert page.tabs.tabText(0) and page.heading.text().startswith("Husleje over tid")
    assert Qt  # keep the import for pytest-qt's offscreen set-up


def test_a_phase_built_in_the_page(window, tmp_path: Path) -> None:  # noqa: ANN001
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    page = window.workspace.show_page("years")
    page.add_phase.click()
    assert page.phase_table.rowCount() == 1
    rooms = window.session.scenario.rooms
    last = len(rooms)  # the vacant office, the last room line (shown from 1)
    page.phase_table.item(0, 2).setText(str(last))
    page.phase_table.item(0, 1).setText("2024")
    tl = read_plan(path).scenario().timeline
    assert tl.phases[0].rooms == [last - 1] and tl.phases[0].first_year == 2024
    y = compute_years(read_plan(path))
    office = rooms[-1].count * rooms[-1].net_m2 * window.session.scenario.gross_factor
    # the phase's rooms count from 2024: 2023's gross area is the office's smaller
    assert y.years[3].gross_m2 - y.years[2].gross_m2 == office
    page.phase_table.item(0, 2).setText("første")
    assert read_plan(path).scenario().timeline.phases[0].rooms == [last - 1]  # refused, unchanged
    page.phase_table.setCurrentCell(0, 0)
    page.delete_phase.click()
    assert read_plan(path).scenario().timeline.phases == []
