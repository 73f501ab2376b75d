"""Start from nothing, guided (issue 14 point 1): "Ny plan" offers an empty plan and a guide whose every step is an
ordinary undoable edit; the plan it builds has the engine's figures for the same inputs; nothing of a template
reaches it; an empty plan round-trips."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from planners import guide
from planners.figures.capacity import suggest_rooms
from planners.figures.engine import compute
from planners.interchange.plan_json import dump_json, load_json
from planners.model import (
    CostCategory,
    CostLine,
    FinancingLine,
    FinancingSource,
    ProjectType,
    Tenant,
    TenantKind,
)
from planners.reference import template_path
from planners.store.planfile import create_plan_file, read_plan


def cell(table: QTableWidget, row: int, col: int) -> QTableWidgetItem:
    item = table.item(row, col)
    assert item is not None
    return item


def test_an_empty_plan_round_trips(tmp_path: Path) -> None:
    plan = guide.empty_plan("Tom", 2027)
    assert [s.name for s in plan.scenarios] == ["Plan"]
    sc = plan.scenarios[0]
    assert (sc.tenants, sc.rooms, sc.equipment, sc.costs, sc.financing) == ([], [], [], [], [])
    assert plan.years == [2027, 2028]
    path = tmp_path / "tom.sundhedshus"
    create_plan_file(path, plan).close()
    assert read_plan(path) == plan
    assert load_json(dump_json(plan).encode()) == plan
    # Its figures are all zero, and computing them raises nothing.
    assert compute(plan).establishment_total == 0


def test_nothing_of_a_template_is_in_an_empty_plan() -> None:
    text = dump_json(guide.empty_plan("Tom", 2027))
    for name in ("large", "example", "remote", "conversion"):
        template = load_json(template_path(name))
        for sc in template.scenarios:
            for tenant in sc.tenants:
                assert tenant.name not in text and f'"{tenant.id}"' not in text
        assert template.title not in text


def _next(wizard) -> None:  # noqa: ANN001
    """ "Næste": the page stores its step and the guide goes on (a refused step stays)."""
    before = wizard.currentId()
    wizard.next()
    assert wizard.currentId() == before + 1, wizard.currentPage().error.text()


def _fill_guide(wizard, qtbot) -> None:  # noqa: ANN001
    place = wizard.place
    place.title_edit.setText("Lægehuset ved Åen")
    place.municipality.setCurrentIndex(place.municipality.findData("Lolland"))
    _next(wizard)
    tenants = wizard.tenants
    cell(tenants.table, 0, 0).setText("Lægerne i Nakskov")
    cell(tenants.table, 0, 2).setText("3")
    cell(tenants.table, 0, 3).setText("4.800")
    cell(tenants.table, 0, 4).setText("420.000")
    tenants.add_row("Fysioterapien", TenantKind.PHYSIOTHERAPIST, "2", "", "150.000")
    _next(wizard)
    rooms = wizard.rooms
    assert rooms.table.rowCount() >= 2
    from PySide6.QtCore import Qt

    cell(rooms.table, rooms.table.rowCount() - 1, 0).setCheckState(Qt.CheckState.Unchecked)  # one dropped
    _next(wizard)
    building = wizard.building
    building.kind.setCurrentIndex(building.kind.findData(ProjectType.CONVERSION))
    building.rate.setText("15.000")
    building.source.setText("rådgivers overslag")
    _next(wizard)
    financing = wizard.financing
    financing.grant.setText("1.000.000")
    financing.interest.setText("4")
    financing.years.setText("30")
    cell(financing.own, 0, 1).setText("300.000")
    _next(wizard)


def _hand_plan(title: str) -> tuple:
    """The same inputs, built by hand as a plan: what the guide's plan must compute like."""
    plan = guide.empty_plan(title)
    plan.municipality = "Lolland"
    plan.project_type = ProjectType.CONVERSION
    sc = plan.scenarios[0]
    sc.tenants = [
        Tenant("laegerne_i_nakskov", "Lægerne i Nakskov", TenantKind.GP_PRACTICE, clinicians=Decimal(3),
               listed_patients=4800, current_annual_rent=Decimal(420000)),
        Tenant("fysioterapien", "Fysioterapien", TenantKind.PHYSIOTHERAPIST, clinicians=Decimal(2),
               current_annual_rent=Decimal(150000)),
    ]  # fmt: skip
    suggested = suggest_rooms(plan, sc)
    sc.rooms = [copy.deepcopy(s.room) for s in suggested[:-1]]  # the last one dropped
    sc.costs = [CostLine(CostCategory.CONSTRUCTION, text="x", per_m2=Decimal(15000))]
    sc.running.per_gross_m2 = dict(plan.catalogs.running_rates)
    gross = compute(plan).gross_m2
    # By hand: a loan takes what the grant (1.000.000) and own money (300.000) leave of 15.000 kr./m² × gross m².
    loan = Decimal(15000) * gross - Decimal(1_000_000) - Decimal(300_000)
    sc.financing = [
        FinancingLine(FinancingSource.GRANT, Decimal(1_000_000)),
        FinancingLine(FinancingSource.OWN_PRACTICE, Decimal(300_000)),
        FinancingLine(FinancingSource.LOAN, loan, interest_pct=Decimal(4), years=30),
    ]
    return plan, loan


def test_the_guide_builds_the_plan_the_engine_computes_for_the_same_inputs(window, tmp_path, qtbot) -> None:  # noqa: ANN001
    from desktop.dialogs.guide import GuideWizard

    guided: list[object] = []
    window.choose_new_path = lambda title, start="": str(tmp_path / "ny.sundhedshus")  # type: ignore[method-assign]
    window.run_guide = lambda: guided.append(True)  # type: ignore[method-assign]
    assert window.new_plan("")  # "Tom plan med guide"
    assert guided == [True]
    session = window.session
    assert session.scenario.tenants == [] and session.scenario.rooms == []

    wizard = GuideWizard(session, window)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_guide(wizard, qtbot)

    plan = session.plan
    hand, loan = _hand_plan(plan.title)
    assert plan.title == "Lægehuset ved Åen" and plan.municipality == "Lolland"
    assert plan.project_type is ProjectType.CONVERSION
    got, want = compute(plan), compute(hand)
    assert got.financing_difference == 0 == want.financing_difference
    assert [f.amount for f in plan.scenarios[0].financing] == [Decimal(1_000_000), Decimal(300_000), loan]
    for field in ("gross_m2", "establishment_total", "grant", "capital_cost", "running_cost", "annual_cost_total",
                  "rent_per_gross_m2"):  # fmt: skip
        assert getattr(got, field) == getattr(want, field), field
    assert [(t.name, t.total, t.per_month, t.change) for t in got.tenants] == \
        [(t.name, t.total, t.per_month, t.change) for t in want.tenants]  # fmt: skip

    # The last step shows what each tenant pays a month: the engine's figure, per clinician and against today.
    from desktop.numbers import show_kr

    table = wizard.result_page.table
    for row, tf in enumerate(want.tenants):
        assert cell(table, row, 0).text() == tf.name
        assert cell(table, row, 1).text() == show_kr(tf.total / 12)
        assert tf.current_annual_rent is not None
        assert cell(table, row, 3).text() == show_kr(tf.current_annual_rent / 12)

    # Every step one ordinary undo step: five of them, and undoing all gives the empty plan back.
    assert session.undo_stack.count() == 5
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    sc = session.scenario
    assert (sc.tenants, sc.rooms, sc.costs, sc.financing) == ([], [], [], [])
    wizard.close()


def test_the_guide_refuses_in_plain_danish_and_stores_nothing(window, tmp_path, qtbot) -> None:  # noqa: ANN001
    from desktop.dialogs.guide import GuideWizard

    window.choose_new_path = lambda title, start="": str(tmp_path / "ny.sundhedshus")  # type: ignore[method-assign]
    window.run_guide = lambda: None  # type: ignore[method-assign]
    assert window.new_plan("")
    wizard = GuideWizard(window.session, window)
    qtbot.addWidget(wizard)
    wizard.show()
    _next(wizard)
    cell(wizard.tenants.table, 0, 0).setText("Lægerne")
    cell(wizard.tenants.table, 0, 2).setText("tre")
    wizard.next()
    assert wizard.currentPage() is wizard.tenants
    assert "ikke et tal" in wizard.tenants.error.text()
    assert window.session.scenario.tenants == []
    wizard.close()


def test_new_plan_offers_the_empty_plan_first_and_names_templates_as_examples(window, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QInputDialog

    seen: list[list[str]] = []

    def get_item(_parent, _title, _label, items, *_args):  # noqa: ANN001, ANN202
        seen.append(list(items))
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    assert window.choose_template() == ""
    first, *examples = seen[0]
    assert "guide" in first.lower()
    assert examples and all(title.startswith("Eksempel: ") for title in examples)
    assert not any(title.startswith("Eksempel: Eksempel") for title in examples)
