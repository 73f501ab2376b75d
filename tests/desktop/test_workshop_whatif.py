"""The what-if panel for each party (issue 15.2–15.3) on "Småby" (tests/planners/whatif_plans.py), by hand:
A pays 212.000 kr. a year (17.666,67 a month; today 100.000), B 112.000 (today 50.000); grant 1.500.000,
loan 5.100.000 at 0 % over 20 years; every figure on screen comes from the core."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.model import AllocationKey, FinancingSource
from planners.store.planfile import create_plan_file, read_plan
from tests.planners.whatif_plans import smaaby


@pytest.fixture
def small(window, tmp_path: Path):  # noqa: ANN001, ANN201
    def open_(without_grant: bool = False, **plan_args: object):  # noqa: ANN202
        path = tmp_path / "smaaby.sundhedshus"
        plan = smaaby(**plan_args)  # type: ignore[arg-type]
        if without_grant:
            del plan.scenarios[0].financing[0]
        create_plan_file(path, plan).close()
        assert window.open_path(path)
        window.workshop.action.trigger()
        panel = window.workshop.panel
        panel.ask_name = lambda default: default  # type: ignore[method-assign]
        return window, panel, path
    return open_


def cell(panel, tenant: str, column: str) -> str:  # noqa: ANN001
    from desktop.workshop import TENANT_COLUMNS

    table = panel.tenant_table
    row = next(y for y in range(table.rowCount()) if table.item(y, 0).text() == tenant)
    return table.item(row, TENANT_COLUMNS.index(column)).text()


def type_into(qtbot, lever, text: str) -> None:  # noqa: ANN001
    lever.field.setText(text)
    lever.field.editingFinished.emit()


def test_each_tenant_a_year_a_month_against_plan_and_today(small) -> None:  # noqa: ANN001
    _w, panel, _p = small()
    assert cell(panel, "Lægerne", "Pr. år") == "212.000 kr."
    assert cell(panel, "Lægerne", "Pr. måned") == "17.667 kr."  # 212.000 / 12 = 17.666,67
    assert cell(panel, "Lægerne", "Mod i dag pr. år") == "+112.000 kr."
    assert cell(panel, "Lægerne", "Mod i dag pr. md.") == "+9.333 kr."  # 112.000 / 12
    assert cell(panel, "Lægerne", "Mod planen pr. md.") == "±0"
    assert cell(panel, "Fysioterapien", "Pr. år") == "112.000 kr."


def test_halving_the_grant_in_one_entry(small, qtbot) -> None:  # noqa: ANN001
    _w, panel, path = small()
    before = read_plan(path)
    type_into(qtbot, panel.grant, "50 %")
    # 750.000 grant → loan 5.850.000 → 292.500 a year: rate 1.125 kr./m²; A 225.000 + 12.000 = 237.000.
    qtbot.waitUntil(lambda: panel.figures.grant == D(750_000))
    assert panel.grant.field.text() == "750.000"
    assert cell(panel, "Lægerne", "Pr. år") == "237.000 kr."
    assert cell(panel, "Lægerne", "Mod planen pr. år") == "+25.000 kr."
    assert cell(panel, "Lægerne", "Mod planen pr. md.") == "+2.083 kr."  # 25.000 / 12 = 2.083,33
    assert read_plan(path) == before


def test_typed_values_are_kept_exactly_and_nonsense_is_refused(small, qtbot) -> None:  # noqa: ANN001
    _w, panel, _p = small()
    type_into(qtbot, panel.grant, "1.234.567,89")  # between two slider steps of 10.000
    qtbot.waitUntil(lambda: panel.figures.grant == D("1234567.89"))
    computed = panel.computed
    type_into(qtbot, panel.grant, "mange penge")
    assert "background" in panel.grant.field.styleSheet()
    assert panel.grant.field.toolTip() == "Skriv et tal som 12,5"
    type_into(qtbot, panel.years, "2,5")
    assert "år" in panel.years.field.toolTip()
    assert panel.computed == computed and panel.figures.grant == D("1234567.89")


@pytest.mark.parametrize(("lever", "text", "a_annual"), [
    ("years", "25", "178.000 kr."),  # 204.000 a year → 830 kr./m² → 166.000 + 12.000
    ("running", "300", "242.000 kr."),  # 345.000 → 1.150 kr./m² → 230.000 + 12.000
    ("construction", "10", "234.000 kr."),  # test_whatif: +10 % → 1.110 kr./m²
    ("gross", "1,6", "228.667 kr."),  # 2/3 × 325.000 + 12.000 = 228.666,67
])
def test_levers_typed(small, qtbot, lever: str, text: str, a_annual: str) -> None:  # noqa: ANN001
    _w, panel, _p = small()
    type_into(qtbot, getattr(panel, lever), text)
    qtbot.waitUntil(lambda: cell(panel, "Lægerne", "Pr. år") == a_annual)
    assert panel.apply_button.isEnabled()


def test_split_key_of_the_shared_rooms(small, qtbot) -> None:  # noqa: ANN001
    _w, panel, _p = small()
    panel.key_combo.setCurrentIndex(panel.key_combo.findData(AllocationKey.HEADCOUNT.value))
    panel.key_combo.activated.emit(panel.key_combo.currentIndex())
    # Headcount 4:1: A 140 net m² = 210 gross → 210.000 + 12.000; B 102.000.
    qtbot.waitUntil(lambda: cell(panel, "Lægerne", "Pr. år") == "222.000 kr.")
    assert cell(panel, "Fysioterapien", "Pr. år") == "102.000 kr."


def test_udlign_puts_the_difference_on_the_chosen_line(small, qtbot) -> None:  # noqa: ANN001
    window, panel, path = small(grant=1_000_000)
    panel.settle_button.click()
    # The loan (the default line) takes 6.600.000 − 1.000.000 = 5.600.000 kr.
    qtbot.waitUntil(lambda: panel.figures.financing_difference == 0)
    assert panel.scenario.financing[1].amount == D(5_600_000)
    assert panel.apply_here() is not None
    assert read_plan(path).scenarios[0].financing[1].amount == D(5_600_000)
    assert window.session.undo_stack.count() == 1
    window.act_undo.trigger()
    assert read_plan(path).scenarios[0].financing[1].amount == D(5_100_000)


def test_udlign_refused_when_the_other_lines_exceed_the_costs(small, qtbot) -> None:  # noqa: ANN001
    _w, panel, _p = small(grant=7_000_000)
    panel.settle_button.click()
    qtbot.waitUntil(lambda: "400.000 kr." in panel.message.text())
    assert not panel.settle_button.isChecked()


def test_goal_seek_grant_applied_as_one_undo_step(small, qtbot) -> None:  # noqa: ANN001
    window, panel, path = small()
    panel.seek_combo.setCurrentIndex(panel.seek_combo.findData("grant"))
    panel.seek_tenant.setCurrentIndex(panel.seek_tenant.findData("a"))
    found = panel.seek()
    # test_goalseek: A keeps its 100.000 kr. at a grant of 4.860.000 kr. (loan 1.740.000).
    assert found.value == D(4_860_000)
    assert panel.grant.field.text() == "4.860.000"
    assert "Lægerne betaler da 100.000 kr. om året" in panel.seek_result.text()
    assert cell(panel, "Lægerne", "Mod i dag pr. år") == "±0"
    assert panel.apply_here() is not None
    stored = read_plan(path).scenarios[0]
    assert [f.amount for f in stored.financing] == [D(4_860_000), D(1_740_000)]
    assert window.session.undo_stack.count() == 1
    window.act_undo.trigger()
    assert [f.amount for f in read_plan(path).scenarios[0].financing] == [D(1_500_000), D(5_100_000)]


def test_goal_seek_as_a_new_scenario_and_covering_rent(small, qtbot) -> None:  # noqa: ANN001
    window, panel, path = small()
    panel.seek_combo.setCurrentIndex(panel.seek_combo.findData("construction"))
    panel.seek_tenant.setCurrentIndex(0)  # the house's rent per m²
    panel.seek_target.setText("1.110")
    assert panel.seek().value == D(10)  # test_goalseek
    assert panel.apply() is not None
    plan = read_plan(path)
    assert [s.name for s in plan.scenarios] == ["Nybyg", "Nybyg (hvad nu hvis)"]
    assert plan.scenarios[1].costs[0].per_m2 == D(22_000)
    assert plan.scenarios[0].costs[0].per_m2 == D(20_000)
    panel.seek_combo.setCurrentIndex(panel.seek_combo.findData("covering"))
    panel.seek()
    # The new scenario: building 333.000 over 300 m² = 1.110 kr./m².
    assert "1.110 kr. pr. udlejet m²" in panel.seek_result.text()


def test_goal_seek_refusal_is_said(small, qtbot) -> None:  # noqa: ANN001
    _w, panel, _p = small()
    panel.seek_combo.setCurrentIndex(panel.seek_combo.findData("gross"))
    panel.seek_tenant.setCurrentIndex(0)
    panel.seek_target.setText("5")  # 5 kr./m²: no gross area gives that
    assert panel.seek() is None
    assert panel.seek_result.text().startswith("Målet kan ikke nås")
    panel.seek_target.setText("fem")
    assert panel.seek() is None and "som et tal" in panel.seek_result.text()


def test_grant_line_added_by_the_lever_is_stored_by_apply_here(small, qtbot) -> None:  # noqa: ANN001
    window, panel, path = small(without_grant=True, loan=6_600_000)
    # Without a grant line: typing a grant adds one at the top, and the loan gives way (6.000.000 kr.).
    type_into(qtbot, panel.grant, "600.000")
    qtbot.waitUntil(lambda: panel.figures.grant == D(600_000))
    assert panel.apply_here() is not None
    stored = read_plan(path).scenarios[0].financing
    assert [(f.source, f.amount) for f in stored] == [(FinancingSource.GRANT, D(600_000)),
                                                      (FinancingSource.LOAN, D(6_000_000))]
