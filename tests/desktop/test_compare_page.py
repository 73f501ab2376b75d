"""The page "Sammenlign" (issue 9, point 2): scenarios side by side, differences against a chosen base."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics

from desktop.pages.compare import format_difference
from planners.figures.compare import SCALAR_ROWS, Unit
from planners.figures.engine import compute
from planners.store.operations import DuplicateScenario, SetScenarioFields
from planners.store.planfile import read_plan
from tests.desktop.conftest import make_plan


@pytest.fixture
def example(window, tmp_path: Path, qtbot):  # noqa: ANN001, ANN201
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    page = window.workspace.show_page("compare")
    qtbot.waitUntil(lambda: page.comparison is not None)
    return window, page, path


def test_default_compares_the_applied_scenario_with_the_next(example) -> None:  # noqa: ANN001
    _w, page, _path = example
    c = page.comparison
    assert c.scenarios == ("Ombygning", "Nybyg") and c.base == "Ombygning"
    # Columns: figure, Ombygning (base), Nybyg, its difference.
    headers = [page.table.horizontalHeaderItem(i).text() for i in range(page.table.columnCount())]
    assert headers == ["Nøgletal", "Ombygning (ansøges) — basis", "Nybyg", "Forskel"]
    # By hand: net 463 and 479 m² (Nybyg has one more vacant office of 16 m²); gross 463 × 1,4 = 648,2 and
    # 479 × 1,3 = 622,7 m².
    assert page.cell("net_m2", 1) == "463,0 m²" and page.cell("net_m2", 2) == "479,0 m²"
    assert page.cell("net_m2", 3) == "+16,0 m²"
    assert page.cell("gross_m2", 3) == "−25,5 m²"


def test_differences_equal_the_engines_figures(example) -> None:  # noqa: ANN001
    _w, page, path = example
    plan = read_plan(path)
    base, other = compute(plan, "Ombygning"), compute(plan, "Nybyg")
    for key, _da, _en, unit, _group in SCALAR_ROWS:
        expected = getattr(other, key) - getattr(base, key)
        assert page.cell(key, 3) == format_difference(unit, expected), key
    for tenant in base.tenants:
        theirs = next(x for x in other.tenants if x.tenant_id == tenant.tenant_id)
        assert page.cell(f"tenant:{tenant.tenant_id}", 3) == format_difference(Unit.KR, theirs.total - tenant.total)


def test_another_base_and_a_third_scenario(example, qtbot) -> None:  # noqa: ANN001
    window, page, path = example
    session = window.session
    session.run(DuplicateScenario(session.plan.scenarios[0].row_id, "Ombygning stor"), "dupliker scenarie")
    copy = next(s for s in session.plan.scenarios if s.name == "Ombygning stor")
    session.run(SetScenarioFields(copy.row_id, {"gross_factor": Decimal("1.5")}), "ændr bruttofaktor")
    window.workspace.show_page("compare")
    page.choose(["Ombygning", "Ombygning stor", "Nybyg"], base="Nybyg")
    c = page.comparison
    assert c.scenarios == ("Ombygning", "Ombygning stor", "Nybyg") and c.base == "Nybyg"
    headers = [page.table.horizontalHeaderItem(i).text() for i in range(page.table.columnCount())]
    assert headers == ["Nøgletal", "Ombygning (ansøges)", "Forskel", "Ombygning stor", "Forskel", "Nybyg — basis"]
    # By hand: 463 m² × 1,5 = 694,5 m² against Nybyg's 622,7 m²: +71,8 m².
    assert page.cell("gross_m2", 3) == "694,5 m²"
    assert page.cell("gross_m2", 4) == "+71,8 m²"
    plan = read_plan(path)
    expected = compute(plan, "Ombygning stor").establishment_total - compute(plan, "Nybyg").establishment_total
    assert page.cell("establishment_total", 4) == format_difference(Unit.KR, expected)


def test_one_scenario_is_not_a_comparison(example) -> None:  # noqa: ANN001
    _w, page, _path = example
    item = page.list.item(1)
    from PySide6.QtCore import Qt

    item.setCheckState(Qt.CheckState.Unchecked)
    assert page.comparison is None
    assert page.message.text() == "Vælg mindst to scenarier at sammenligne."
    assert page.table.rowCount() == 0
    item.setCheckState(Qt.CheckState.Checked)
    assert page.comparison is not None and page.message.text() == ""


def test_the_table_follows_an_edit(example, qtbot) -> None:  # noqa: ANN001
    window, page, _path = example
    session = window.session
    session.run(SetScenarioFields(session.scenario.row_id, {"gross_factor": Decimal("1.5")}), "ændr bruttofaktor")
    # By hand: 463 m² × 1,5 = 694,5 m²; Nybyg's 622,7 m² is now 71,8 m² less.
    qtbot.waitUntil(lambda: page.cell("gross_m2", 1) == "694,5 m²")
    assert page.cell("gross_m2", 3) == "−71,8 m²"


def test_format_difference_signs_and_points() -> None:
    assert format_difference(Unit.KR, Decimal("1234.5")) == "+1.235 kr."
    assert format_difference(Unit.KR, Decimal("-2")) == "−2 kr."
    assert format_difference(Unit.PCT, Decimal("-0.036")) == "−3,6 procentpoint"
    assert format_difference(Unit.M2, Decimal(0)) == "±0,0 m²"
    assert format_difference(Unit.COUNT, None) == ""


def test_format_difference_through_the_core_helpers() -> None:
    """Issue 15.4: the page's differences are `money.format_change`'s (no arithmetic of its own); a difference
    that shows as zero keeps its unit, a count its sign."""
    assert format_difference(Unit.KR, Decimal("0.4")) == "±0 kr."  # 0,4 kr. shows as 0 kr.
    assert format_difference(Unit.KR, Decimal("-0.5")) == "−1 kr."  # half up, as format_kr
    assert format_difference(Unit.M2, Decimal("46.3")) == "+46,3 m²"
    assert format_difference(Unit.PCT, Decimal(0)) == "±0,0 procentpoint"
    assert format_difference(Unit.PCT, Decimal("0.025"), "en") == "+2.5 pp."
    assert format_difference(Unit.COUNT, Decimal(2)) == "+2"
    assert format_difference(Unit.COUNT, Decimal(-3)) == "−3"
    assert format_difference(Unit.COUNT, Decimal(0)) == "±0"


def test_the_shared_part_of_the_house_is_a_key_figure(example) -> None:  # noqa: ANN001
    """Issue 15.4. By hand from the example's rooms: the shared rooms are 40 + 12 + 30 + 20 + 3 × 3 + 5 + 4 + 15
    = 135 m² in both scenarios; of Ombygning's 463 m² that is 29,16 %, of Nybyg's 479 m² 28,18 % (−0,97 points);
    gross 135 × 1,4 = 189,0 m² and 135 × 1,3 = 175,5 m²."""
    _w, page, _path = example
    assert page.cell("shared_net_m2", 1) == "135,0 m²" and page.cell("shared_net_m2", 3) == "±0,0 m²"
    assert page.cell("shared_gross_m2", 1) == "189,0 m²" and page.cell("shared_gross_m2", 2) == "175,5 m²"
    assert page.cell("shared_gross_m2", 3) == "−13,5 m²"
    assert page.cell("shared_share", 1) == "29,2 %" and page.cell("shared_share", 2) == "28,2 %"
    assert page.cell("shared_share", 3) == "−1,0 procentpoint"
    labels = [page.table.item(y, 0).text() for y in range(page.table.rowCount())]
    assert "Fællesarealer" in labels and "Fællesarealets andel af huset" in labels


def test_three_scenarios_fit_without_cutting_an_amount(example, qtbot) -> None:  # noqa: ANN001
    """Issue 15.4: the amounts' columns are as wide as their amounts; the labels and the scenario names wrap
    instead of widening the table, so three scenarios need less width than one line of every text would."""
    window, page, _path = example
    session = window.session
    session.run(DuplicateScenario(session.plan.scenarios[0].row_id, "Ombygning med en lang titel"), "dupliker")
    window.workspace.show_page("compare")
    page.choose(["Ombygning", "Nybyg", "Ombygning med en lang titel"])
    table = page.table
    metrics = table.fontMetrics()
    bold = QFontMetrics(page.table.item(2, 1).font())
    for x in range(1, table.columnCount()):
        for y in range(table.rowCount()):
            item = table.item(y, x)
            if item is None or table.columnSpan(y, x) > 1 or not item.text():
                continue
            text = item.text().split(" procentpoint")[0]  # the word "procentpoint" may wrap below its number
            assert max(metrics.horizontalAdvance(text), bold.horizontalAdvance(text)) <= table.columnWidth(x), text
    header = [table.horizontalHeaderItem(x).text() for x in range(table.columnCount())]
    one_line = sum(max(max(metrics.horizontalAdvance(table.item(y, x).text()) for y in range(table.rowCount())
                           if table.item(y, x) is not None and table.columnSpan(y, x) == 1),
                       metrics.horizontalAdvance(header[x])) for x in range(table.columnCount()))
    assert sum(table.columnWidth(x) for x in range(table.columnCount())) < one_line


def test_difference_charts_first_and_tall_enough(example, qtbot) -> None:  # noqa: ANN001
    _w, page, _path = example
    keys = list(page.views)
    assert keys[:2] == ["compare_key_figure_differences", "compare_tenant_differences"]
    assert page.charts.tabText(0) == "Forskelle i nøgletal"
    view = page.current_view()
    qtbot.waitUntil(lambda: not view.dirty and not view.busy)
    assert page.charts.minimumHeight() >= 300
    bars = next(c for c in view.figure.axes[0].containers if c.get_label() == "Nybyg")
    # establishment: Nybyg − Ombygning in mio. kr., as the table's difference says (the row by hand in
    # test_compare_page.test_differences_equal_the_engines_figures)
    diff = page.comparison.difference("establishment_total", "Nybyg")
    assert round(bars[0].get_width(), 9) == round(float(diff) / 1e6, 9)
