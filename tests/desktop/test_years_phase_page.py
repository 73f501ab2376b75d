"""The page "Husleje over tid": a cost line assigned to a phase and a grant given for a year, typed in the page's
tables, stored, shown in the owner's table by year, and undone (issue 17, what remained)."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from planners.figures.years import compute_years
from planners.model import FinancingSource
from planners.model.money import format_kr
from planners.model.timeline import FinancingYear
from planners.store.planfile import read_plan
from tests.desktop.conftest import make_plan


def test_phase_costs_and_a_grant_year_in_the_page(window, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    session = window.session
    page = window.workspace.show_page("years")
    sc = session.scenario
    assert page.financing_table.rowCount() == len(sc.financing)
    grant = next(i for i, f in enumerate(sc.financing) if f.source is FinancingSource.GRANT)
    # the grant is given for 2022, the second operating year (the example's project years are 2019–2020)
    page.financing_table.item(grant, 2).setText("2022")
    tl = read_plan(path).scenario().timeline
    assert tl.financing_years == [FinancingYear(grant, 2022)]
    # a phase from 2023 that builds the last cost line
    page.add_phase.click()
    page.phase_table.item(0, 1).setText("2023")
    last = len(sc.costs)  # shown from 1
    page.phase_table.item(0, 3).setText(str(last))
    tl = read_plan(path).scenario().timeline
    assert tl.phases[0].costs == [last - 1] and tl.phases[0].first_year == 2023
    assert page.phase_table.item(0, 3).toolTip().startswith(f"{last}: ")
    # the owner's table shows the core's money by year: the grant received in 2022, the phase paid in 2023
    y = compute_years(read_plan(path))
    headers = [page.owner_table.horizontalHeaderItem(c).text() for c in range(page.owner_table.columnCount())]
    paid, received = headers.index("Anlæg betalt"), headers.index("Finansiering modtaget")
    amount = sc.financing[grant].amount
    assert page.owner_table.item(1, received).text() == format_kr(amount)
    assert page.owner_table.item(2, paid).text() == format_kr(y.years[2].establishment)
    assert y.years[2].establishment > 0 and page.owner_table.item(0, paid).text() == format_kr(Decimal(0))
    assert "Kassebeholdning ved driftens begyndelse" in page.summary.text()
    # a word for a year is refused, nothing changes
    refused: list[str] = []
    session.refused.connect(refused.append)
    page.financing_table.item(grant, 2).setText("næste år")
    assert refused and read_plan(path).scenario().timeline.financing_years == [FinancingYear(grant, 2022)]
    if os.environ.get("YEARS_SCREENSHOTS"):
        folder = Path(os.environ["YEARS_SCREENSHOTS"])
        window.resize(1366, 768)
        from PySide6.QtWidgets import QScrollArea, QSplitter

        page.findChild(QSplitter).setSizes([420, 300])
        page.findChild(QScrollArea).ensureWidgetVisible(page.phase_table)
        window.grab().save(str(folder / "years-phase-terms.png"))
        page.findChild(QSplitter).setSizes([150, 570])
        window.grab().save(str(folder / "years-phase-owner.png"))
    # undo: the phase's cost line, then the phase, then the grant's year
    session.undo_stack.undo()
    assert read_plan(path).scenario().timeline.phases[0].costs == []
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert read_plan(path).scenario().timeline.financing_years == []
    assert page.financing_table.item(grant, 2).text() == ""
