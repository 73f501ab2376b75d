"""The page Ansøgning (issue 16.6), the cost table's new columns and the scenarios' notes (15.7): each edit
through the real widgets, stored in the file, and undone in one step."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.pages.application import BadDate, parse_date, show_date
from planners.model import CommitmentStatus, RunningRate
from planners.store.planfile import read_plan
from tests.desktop.conftest import column


def _type(qtbot, edit: QLineEdit, text: str) -> None:  # noqa: ANN001
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def test_dates_as_danes_write_them() -> None:
    assert parse_date("1.3.2027") == parse_date("01-03-2027") == parse_date("2027-03-01") == datetime.date(2027, 3, 1)
    assert parse_date("  ") is None
    assert show_date(datetime.date(2027, 3, 1)) == "01-03-2027"
    for bad in ("31-02-2027", "marts", "1.3.27"):
        with pytest.raises(BadDate):
            parse_date(bad)


def test_applicant_numbers_and_people_edit_and_undo(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("application")
    session = opened.session
    _type(qtbot, page.cvr, "13 74 81 36")
    assert session.plan.cvr == "13748136" and read_plan(plan_path).cvr == "13748136"
    _type(qtbot, page.person_edits[("signatory", "name")], "Åse Ø")
    assert session.plan.signatory.name == "Åse Ø"
    session.undo_stack.undo()
    assert session.plan.signatory.name == "" and page.person_edits[("signatory", "name")].text() == ""
    session.undo_stack.undo()
    assert read_plan(plan_path).cvr == ""
    # A CVR failing modulus 11 is refused, told, and the field shows the stored value again.
    refused: list[str] = []
    session.refused.connect(refused.append)
    _type(qtbot, page.cvr, "13748137")
    assert session.plan.cvr == "" and page.cvr.text() == ""
    assert refused and "modulus 11" in refused[-1]


def test_approval_and_its_date(opened, qtbot) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("application")
    session = opened.session
    page.approval_status.setCurrentIndex(2)
    page.approval_status.activated.emit(2)
    assert session.plan.approval.status.value == "approved"
    _type(qtbot, page.approval_date, "1.3.2027")
    assert session.plan.approval.date == datetime.date(2027, 3, 1)
    assert page.approval_date.text() == "01-03-2027"
    _type(qtbot, page.approval_date, "1850-01-01")  # refused by the core's rule: 2000–2100
    assert session.plan.approval.date == datetime.date(2027, 3, 1)


def test_milestones_add_edit_move_delete_each_undone(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("application")
    session = opened.session
    page._add_milestone()
    page._add_milestone()
    assert len(session.plan.milestones) == 2
    page.milestones.item(0, 0).setText("Ansøgning sendt")
    page.milestones.item(0, 1).setText("15.4.2027")
    page.milestones.item(1, 0).setText("Byggestart")
    names = [m.name for m in read_plan(plan_path).milestones]
    assert names == ["Ansøgning sendt", "Byggestart"]
    assert session.plan.milestones[0].date == datetime.date(2027, 4, 15)
    page.milestones.setCurrentCell(1, 0)
    page._move_milestone(-1)
    assert [m.name for m in session.plan.milestones] == ["Byggestart", "Ansøgning sendt"]
    session.undo_stack.undo()
    assert [m.name for m in session.plan.milestones] == ["Ansøgning sendt", "Byggestart"]
    page.milestones.item(0, 1).setText("ikke en dato")  # refused: the stored date is shown again
    assert page.milestones.item(0, 1).text() == "15-04-2027"


def test_a_renamed_sub_project_carries_its_cost_lines_in_one_step(opened, qtbot) -> None:  # noqa: ANN001
    session = opened.session
    page = opened.workspace.show_page("application")
    page._add_subproject()
    name = session.plan.subprojects[0].name
    costs = opened.workspace.show_page("establishment").tables[0]
    model = costs.model()
    col = column(model, "subproject")
    assert model.setData(model.index(1, col), name)
    assert session.scenario.costs[1].subproject == name
    opened.workspace.show_page("application")
    page.subprojects.item(0, 0).setText("Hovedhus")
    assert session.plan.subprojects[0].name == "Hovedhus" and session.scenario.costs[1].subproject == "Hovedhus"
    session.undo_stack.undo()  # the rename and the line's new name, together
    assert session.plan.subprojects[0].name == name and session.scenario.costs[1].subproject == name


def test_grant_and_source_columns_of_the_cost_table(opened, plan_path) -> None:  # noqa: ANN001
    session = opened.session
    model = opened.workspace.show_page("establishment").tables[0].model()
    assert model.setData(model.index(1, column(model, "grant")), "1.234.567,5")
    assert model.setData(model.index(1, column(model, "source")), "Molio 2026")
    line = read_plan(plan_path).scenario().costs[1]
    assert (line.grant, line.source) == (Decimal("1234567.5"), "Molio 2026")
    assert model.index(1, column(model, "grant")).data() == "1.234.568 kr."
    assert not model.setData(model.index(1, column(model, "grant")), "-5")  # refused by the core
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert read_plan(plan_path).scenario().costs[1].grant is None


def test_commitments_and_rate_sources_of_the_scenario_shown(opened, plan_path) -> None:  # noqa: ANN001
    session = opened.session
    page = opened.workspace.show_page("application")
    combo = page.commitments.cellWidget(0, 1)
    assert isinstance(combo, QComboBox) and combo.count() == 3
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    tenant = session.scenario.tenants[0].id
    assert session.scenario.commitments[tenant].status is CommitmentStatus.SIGNED_LEASE
    page.commitments.item(0, 2).setText("10-01-2027")
    assert read_plan(plan_path).scenario().commitments[tenant].date == datetime.date(2027, 1, 10)
    page.sources.item(1, 2).setText("Rengøringstilbud 2026")
    assert session.scenario.running.sources == {RunningRate.CLEANING: "Rengøringstilbud 2026"}
    for _ in range(3):
        session.undo_stack.undo()
    assert read_plan(plan_path).scenario().commitments == {}
    assert session.scenario.running.sources == {}


def test_a_finding_before_submission_jumps_to_its_field(opened) -> None:  # noqa: ANN001
    session = opened.session
    page = opened.workspace.show_page("application")
    page._add_milestone()  # the application is begun: its findings appear
    finding = next(f for f in session.findings if f.code == "submission_applicant_numbers")
    opened.workspace.jump_to(finding)
    assert opened.workspace.current_page() is page


def test_scenario_notes_edit_and_undo(opened, plan_path) -> None:  # noqa: ANN001
    session = opened.session
    page = opened.workspace.show_page("scenarios")
    page.select_row(0)
    page.notes.setPlainText("Vi valgte nybyg; træningssalen udgår ved mindre tilskud.")
    page.commit_notes()
    assert read_plan(plan_path).scenarios[0].notes.startswith("Vi valgte nybyg")
    session.undo_stack.undo()
    assert session.plan.scenarios[0].notes == "" and page.notes.toPlainText() == ""


def test_the_grant_came_back_smaller_adds_a_revised_scenario_in_one_undo_step(opened, answers) -> None:  # noqa: ANN001
    from desktop.menus import open_reduced_grant

    session = opened.session
    applied = session.plan.scenario()
    names = [s.name for s in session.plan.scenarios]
    dialog = open_reduced_grant(opened)
    assert dialog is not None and dialog.loan.isChecked()  # the template has no sub-projects: only borrowing
    assert not dialog.drop.isEnabled()
    dialog.amount.setText("5.000.000")
    changes = dialog.add()
    assert changes is not None
    new = session.scenario
    assert new.name == f"{applied.name} – mindre tilskud" and new.name not in names
    grant = sum(f.amount for f in new.financing if f.source.value == "grant")
    assert grant == Decimal(5_000_000)
    assert session.figures.financing_difference == 0  # the loan took the shortfall, to the øre
    assert answers.told and "tilskuddet er 5.000.000 kr. (ansøgt: 6.680.000 kr.)." in answers.told[-1]
    session.undo_stack.undo()
    assert [s.name for s in session.plan.scenarios] == names


def test_a_grant_that_is_not_smaller_is_told_in_the_dialog(opened) -> None:  # noqa: ANN001
    from desktop.menus import open_reduced_grant

    dialog = open_reduced_grant(opened)
    assert dialog is not None
    dialog.amount.setText("7.000.000")
    assert dialog.add() is None and "ikke mindre" in dialog.result_label.text()
    dialog.amount.setText("mange penge")
    assert dialog.add() is None and "beløb" in dialog.result_label.text()
