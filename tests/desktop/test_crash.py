"""Never dies silently: an exception in a slot shows a Danish dialog naming the log, which has the traceback."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from desktop.dialogs import crash
from desktop.signals import emit
from planners.store.planfile import read_plan
from tests.desktop.conftest import column


class _Sender(QObject):
    fire = Signal()


def test_exception_in_a_slot_shows_dialog_and_logs(opened, plan_path, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setattr(crash, "log_path", lambda: tmp_path / "fejl.log")
    monkeypatch.setattr(sys, "excepthook", crash.handle)

    def broken() -> None:
        raise ZeroDivisionError("division med nul i en test")

    sender = _Sender()
    sender.fire.connect(broken)
    emit(sender.fire)

    assert len(shown) == 1
    box = shown[0]
    assert box.windowTitle() == "Uventet fejl"
    assert "Planen er gemt" in box.text()
    # The log's path is under "Vis detaljer…", not in the text a person reads (issue 14.3).
    assert str(tmp_path / "fejl.log") in box.detailedText()
    assert str(tmp_path) not in box.informativeText() and "ZeroDivisionError" not in box.informativeText()
    log = (tmp_path / "fejl.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError: division med nul i en test" in log and "broken" in log
    # The app goes on: an edit still works and is stored.
    model = opened.workspace.pages["rooms"].tables[0].model()
    assert model.setData(model.index(0, column(model, "count")), "7")
    assert read_plan(plan_path).scenarios[0].rooms[0].count == 7
