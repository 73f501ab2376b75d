"""A full disk or a lost drive in the GUI (issue 20.9): edits, "Gem kopi som" and exports say so in Danish,
nothing is lost, no crash dialog, and the app goes on (the next edit works once there is room)."""

from __future__ import annotations

import errno
import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from planners.store import operations, safewrite
from planners.store.planfile import PlanFile, read_plan
from tests.desktop.conftest import column


def _full() -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorcode = 13  # SQLITE_FULL
    return exc


def test_an_edit_on_a_full_disk_is_told_and_the_app_goes_on(opened, plan_path, qtbot, monkeypatch) -> None:  # noqa: ANN001
    crashes: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: crashes.append(a))
    model = opened.workspace.show_page("rooms").tables[0].model()
    col = column(model, "net_m2")
    before = read_plan(plan_path)
    real = operations.apply

    def full(conn, op, **kw):  # noqa: ANN001, ANN003, ANN202
        raise _full()

    monkeypatch.setattr(operations, "apply", full)
    refused: list[str] = []
    opened.session.refused.connect(refused.append)
    assert not model.setData(model.index(0, col), "33", Qt.ItemDataRole.EditRole)
    assert refused and refused[-1].startswith("Disken er fuld") and "ikke gemt" in refused[-1]
    assert read_plan(plan_path) == before and opened.session.undo_stack.count() == 0
    assert crashes == []
    monkeypatch.setattr(operations, "apply", real)  # room again: the next edit is stored
    assert model.setData(model.index(0, col), "33", Qt.ItemDataRole.EditRole)
    assert read_plan(plan_path).scenarios[0].rooms[0].net_m2 == 33


def test_save_copy_on_a_full_disk_is_told(opened, answers, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "kopi.sundhedshus"
    opened.choose_new_path = lambda title, start="": str(target)
    monkeypatch.setattr(PlanFile, "_save_copy", lambda self, t: (_ for _ in ()).throw(OSError(errno.ENOSPC, "x")))
    opened.save_copy()
    assert answers.told and answers.told[-1].startswith("Disken er fuld") and "Kopien er ikke gemt" in answers.told[-1]
    assert not target.exists()


def test_an_export_to_a_lost_drive_is_told_and_the_old_file_stays(qtbot, opened, answers, tmp_path,  # noqa: ANN001
                                                                  monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "plan.json"
    target.write_text("gammel", encoding="utf-8")
    real_replace = safewrite.os.replace

    def lost(src, dst):  # noqa: ANN001, ANN202
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(safewrite.os, "replace", lost)
    offered: list[Path] = []
    opened.exporter.offer_open = offered.append
    with qtbot.waitSignal(opened.exporter.finished, timeout=60000):
        opened.exporter.export("json", opened.session, target)
    monkeypatch.setattr(safewrite.os, "replace", real_replace)
    assert offered == []
    assert answers.told and "ikke længere adgang" in answers.told[-1] and "uændret" in answers.told[-1]
    assert target.read_text(encoding="utf-8") == "gammel"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".plan")) == []


def test_an_undo_and_a_redo_on_a_full_disk_are_told_and_the_stack_stays_true(opened, plan_path, qtbot,  # noqa: ANN001
                                                                             monkeypatch) -> None:  # fmt: skip
    """Undo and redo write to the file like an edit: on a full disk each is told, the file keeps what it had, and
    the undo stack is put back, so the step can be undone (or redone) once there is room."""
    crashes: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: crashes.append(a))
    model = opened.workspace.show_page("rooms").tables[0].model()
    col = column(model, "net_m2")
    assert model.setData(model.index(0, col), "33", Qt.ItemDataRole.EditRole)
    stack = opened.session.undo_stack
    edited = read_plan(plan_path)
    assert stack.index() == 1 and edited.scenarios[0].rooms[0].net_m2 == 33
    real = operations.apply

    def full(conn, op, **kw):  # noqa: ANN001, ANN003, ANN202
        raise _full()

    refused: list[str] = []
    opened.session.refused.connect(refused.append)
    monkeypatch.setattr(operations, "apply", full)
    stack.undo()
    qtbot.waitUntil(lambda: stack.index() == 1)  # put back after the failed undo
    assert refused and refused[-1].startswith("Kunne ikke fortryde: Disken er fuld")
    assert read_plan(plan_path) == edited and crashes == []
    monkeypatch.setattr(operations, "apply", real)
    stack.undo()  # room again: the undo works, once
    assert stack.index() == 0 and read_plan(plan_path).scenarios[0].rooms[0].net_m2 != 33
    undone = read_plan(plan_path)
    monkeypatch.setattr(operations, "apply", full)
    stack.redo()
    qtbot.waitUntil(lambda: stack.index() == 0)
    assert refused[-1].startswith("Kunne ikke gentage: Disken er fuld")
    assert read_plan(plan_path) == undone and crashes == []
    monkeypatch.setattr(operations, "apply", real)
    stack.redo()
    assert stack.index() == 1 and read_plan(plan_path).scenarios[0].rooms[0].net_m2 == 33
    assert crashes == []
