"""The compare page shows the compared scenarios' notes and decisions (issue 15.7), read-only, and follows edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from planners.store.operations import SetScenarioFields
from tests.desktop.conftest import make_plan


@pytest.fixture
def example(window, tmp_path: Path, qtbot):  # noqa: ANN001, ANN201
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    page = window.workspace.show_page("compare")
    qtbot.waitUntil(lambda: page.comparison is not None)
    return window, page


def test_notes_appear_under_their_scenarios_name_and_follow_edits(example, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    window, page = example
    assert page.notes_text() == "" and not page.notes.isVisibleTo(page)
    session = window.session
    ombygning = next(s for s in session.plan.scenarios if s.name == "Ombygning")
    session.run(SetScenarioFields(ombygning.row_id, {"notes": "Vi vælger ombygning.\n<b>Ikke</b> nybyg."}),
                "noter")
    qtbot.waitUntil(lambda: page.notes_text() != "")
    text = page.notes_text()
    # the heading, the scenario's name, then its notes as typed (markup shown as text, the line break kept)
    assert text.splitlines() == ["Noter og beslutninger", "Ombygning", "Vi vælger ombygning.", "<b>Ikke</b> nybyg."]
    assert "Nybyg" not in text  # no notes, no entry
    assert page.notes.isVisibleTo(page) or page.compact
    page.grab().save(str(tmp_path / "compare_notes.png"))
    session.run(SetScenarioFields(ombygning.row_id, {"notes": ""}), "noter")
    qtbot.waitUntil(lambda: page.notes_text() == "")
    assert not page.notes.isVisibleTo(page)


def test_compact_page_gives_the_notes_a_tab(example, qtbot) -> None:  # noqa: ANN001
    window, page = example
    session = window.session
    nybyg = next(s for s in session.plan.scenarios if s.name == "Nybyg")
    session.run(SetScenarioFields(nybyg.row_id, {"notes": "Droppes."}), "noter")
    qtbot.waitUntil(lambda: page.notes_text() != "")
    page.set_compact(True)
    tabs = [page.stacked.tabText(i) for i in range(page.stacked.count()) if page.stacked.isTabVisible(i)]
    assert tabs == ["Tal", "Diagrammer", "Noter og beslutninger"]  # a last tab, only while there are notes
    session.run(SetScenarioFields(nybyg.row_id, {"notes": ""}), "noter")
    qtbot.waitUntil(lambda: page.notes_text() == "")
    assert [page.stacked.tabText(i) for i in range(page.stacked.count())] == ["Tal", "Diagrammer"]
    session.run(SetScenarioFields(nybyg.row_id, {"notes": "Droppes."}), "noter")
    qtbot.waitUntil(lambda: page.notes_text() != "")
    page.set_compact(False)
    assert page.split.indexOf(page.notes) == 1 and page.notes.isVisibleTo(page)
