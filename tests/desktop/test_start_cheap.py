"""The first window made cheaper (issue 19, branch s16-example): what it now skips must still happen where it matters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from planners.store.operations import SetPlanFields


def _editable(page: QWidget) -> set[bool]:
    """Whether each field of the page takes input (text fields not read-only, choices enabled)."""
    texts = page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit)
    choices = page.findChildren(QComboBox) + page.findChildren(QCheckBox)
    assert len(texts) >= 12 and len(choices) >= 5  # the page's own fields (and the combo boxes' line edits)
    return {not w.isReadOnly() for w in texts} | {c.isEnabled() for c in choices}


def test_the_overview_of_a_read_only_plan_takes_no_input_and_an_editable_one_does(window, plan_path: Path) -> None:  # noqa: ANN001
    plan_path.chmod(0o444)
    try:
        assert window.open_path(plan_path) and window.session.readonly
        page = window.workspace.pages["overview"]
        assert _editable(page) == {False}
        window.session.plan_changed.emit(None)  # a refresh keeps it so
        assert _editable(page) == {False}
    finally:
        window.close_plan()
        plan_path.chmod(0o644)
    assert window.open_path(plan_path) and not window.session.readonly
    page = window.workspace.pages["overview"]
    assert _editable(page) == {True}
    assert window.session.run(SetPlanFields({"title": "Ny titel"}), "titel") is not None
    assert _editable(page) == {True} and page.title_edit.text() == "Ny titel"
