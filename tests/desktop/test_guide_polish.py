"""The guide's polish (issue 14.1): "Tilbage" works on every step and takes the step back (stored once, one undo
step each); the municipality is found by any part of its name in any case; the last page says what each tenant
pays a month, per clinician and against today."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from tests.desktop.test_guide import _fill_guide, _next, cell


def _wizard(window, tmp_path: Path, qtbot):  # noqa: ANN001, ANN202
    from desktop.dialogs.guide import GuideWizard

    window.choose_new_path = lambda title, start="": str(tmp_path / "ny.sundhedshus")  # type: ignore[method-assign]
    window.run_guide = lambda: None  # type: ignore[method-assign]
    assert window.new_plan("")
    wizard = GuideWizard(window.session, window)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_back_is_enabled_and_a_step_taken_back_is_stored_once(window, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    wizard = _wizard(window, tmp_path, qtbot)
    session = window.session
    wizard.place.title_edit.setText("Huset")
    _next(wizard)
    cell(wizard.tenants.table, 0, 0).setText("Lægerne")
    cell(wizard.tenants.table, 0, 2).setText("2")
    _next(wizard)  # on the rooms page: two steps stored
    assert session.undo_stack.count() == 2 and [t.name for t in session.scenario.tenants] == ["Lægerne"]
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert back.isEnabled() and back.isVisible()
    wizard.back()  # onto the tenants: its step is taken back, the answers stay in the form
    assert wizard.currentPage() is wizard.tenants
    assert session.scenario.tenants == [] and session.undo_stack.index() == 1
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    cell(wizard.tenants.table, 0, 0).setText("Lægerne i byen")
    _next(wizard)
    assert [t.name for t in session.scenario.tenants] == ["Lægerne i byen"]  # stored once, with the new answer
    assert session.undo_stack.index() == 2
    wizard.back()
    wizard.back()  # back to the first step; its name can change too
    assert wizard.currentPage() is wizard.place and session.undo_stack.index() == 0
    wizard.place.title_edit.setText("Huset ved åen")
    _next(wizard)
    _next(wizard)
    assert session.plan.title == "Huset ved åen" and [t.name for t in session.scenario.tenants] == ["Lægerne i byen"]
    wizard.close()


def test_the_municipality_is_found_by_any_part_of_its_name(window, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    wizard = _wizard(window, tmp_path, qtbot)
    place = wizard.place
    completer = place.municipality.completer()
    completer.setCompletionPrefix("land")  # contains, any case: Lolland, Langeland, Vesthimmerland
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert sorted(found) == ["Langeland", "Lolland", "Vesthimmerland"]
    place.municipality.setEditText("lolland")
    assert place.chosen_municipality() == "Lolland"
    place.municipality.setEditText("GULDBORG")
    assert place.chosen_municipality() == "Guldborgsund"
    place.municipality.setEditText("sund")  # Frederikssund and Guldborgsund: refused in plain words
    wizard.next()
    assert wizard.currentPage() is place and "Flere kommuner" in place.error.text()
    place.municipality.setEditText("Atlantis")
    wizard.next()
    assert wizard.currentPage() is place and "Ingen kommune" in place.error.text()
    place.municipality.setEditText("")
    assert place.chosen_municipality() is None
    place.municipality.setEditText("vesthimmer")
    _next(wizard)
    assert window.session.plan.municipality == "Vesthimmerland"
    wizard.close()


def test_the_guide_ends_on_what_each_tenant_pays(window, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    wizard = _wizard(window, tmp_path, qtbot)
    _fill_guide(wizard, qtbot)
    assert wizard.currentPage() is wizard.result_page and wizard.nextId() == -1
    headers = [wizard.result_page.table.horizontalHeaderItem(c).text()
               for c in range(wizard.result_page.table.columnCount())]  # fmt: skip
    assert headers == ["Lejer", "Pr. måned", "Pr. behandler pr. måned", "I dag pr. måned", "Forskel pr. måned"]
    f = window.session.figures
    # Per clinician a month: the engine's annual figure per clinician / 12 (3 doctors in the practice).
    gp = f.tenants[0]
    assert gp.per_clinician is not None
    from desktop.numbers import show_kr

    assert cell(wizard.result_page.table, 0, 2).text() == show_kr(gp.total / 3 / 12)
    wizard.close()
