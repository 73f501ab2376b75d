"""Opening files: refused files, locked files (read-only banner), JSON import by drop, new, example, copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from planners.interchange.plan_json import load_json
from planners.reference import example_path
from planners.store.planfile import PlanFile, read_plan


def test_a_text_file_is_refused_with_its_reason(window, tmp_path, answers) -> None:  # noqa: ANN001
    path = tmp_path / "noter.sundhedshus"
    path.write_text("bare noter\n", encoding="utf-8")
    assert not window.open_path(path)
    assert answers.told and "ikke en Sundhedshus-plan" in answers.told[0]
    assert window.session is None
    assert path.read_text(encoding="utf-8") == "bare noter\n"


def test_locked_plan_opens_read_only_with_a_banner(window, plan_path, answers) -> None:  # noqa: ANN001
    holder = PlanFile.open(plan_path)  # another editor has the plan
    try:
        assert window.open_path(plan_path)
        assert "Planen er åben hos" in answers.asked[0] and "skrivebeskyttet" in answers.asked[0]
        banner = window.workspace.banner
        assert banner.isVisible()
        assert "skrivebeskyttet" in window.windowTitle()
        model = window.workspace.pages["rooms"].tables[0].model()
        from PySide6.QtCore import Qt as _Qt

        assert not model.flags(model.index(0, 3)) & _Qt.ItemFlag.ItemIsEditable
        assert not window.act_add.isEnabled()
        assert not model.setData(model.index(0, 3), "20")
        assert window.workspace.notice.isVisible()
    finally:
        holder.close()
    assert read_plan(plan_path).scenarios[0].rooms[0].net_m2 == 16


def test_locked_plan_declined_opens_nothing(window, plan_path, answers) -> None:  # noqa: ANN001
    holder = PlanFile.open(plan_path)
    try:
        answers.ask = False
        assert not window.open_path(plan_path)
        assert window.session is None
    finally:
        holder.close()


def test_dropping_a_json_plan_imports_it_beside(window, tmp_path, answers) -> None:  # noqa: ANN001
    source = tmp_path / "nordby.json"
    source.write_bytes(example_path().read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)
    target = tmp_path / "nordby.sundhedshus"
    # Named by the file's name, in plain words: no format name, no folder path (issue 14.3).
    assert answers.asked and "nordby.json" in answers.asked[0] and "udvekslingsfil" in answers.asked[0]
    assert "JSON-format" not in answers.asked[0] and str(tmp_path) not in answers.asked[0]
    assert window.session is not None and window.session.file.path == target
    assert read_plan(target) == load_json(source)


def test_new_plan_asks_for_the_file_name_first(window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    calls: list[str] = []
    target = tmp_path / "ny.sundhedshus"

    def choose_path(title: str, start: str = "") -> str:
        calls.append("path")
        return str(target)

    def choose_template() -> str:
        calls.append("template")
        return "remote"

    monkeypatch.setattr(window, "choose_new_path", choose_path)
    monkeypatch.setattr(window, "choose_template", choose_template)
    window.act_new.trigger()
    assert calls == ["path", "template"]
    assert read_plan(target).title == window.session.plan.title
    assert str(target) in window.recent_files()


def test_example_opens_as_a_copy_in_the_documents_folder(window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _loc: str(tmp_path / "Dokumenter"))
    bundled = example_path().read_bytes()
    assert window.open_example()
    assert window.session.file.path.parent == tmp_path / "Dokumenter"
    assert window.open_example()  # a second copy never overwrites the first
    assert len(list((tmp_path / "Dokumenter").glob("*.sundhedshus"))) == 2
    assert example_path().read_bytes() == bundled


def test_save_copy_and_close_back_to_start_page(opened, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    copy = tmp_path / "kopi.sundhedshus"
    monkeypatch.setattr(opened, "choose_new_path", lambda title, start="": str(copy))
    opened.act_copy.trigger()
    assert read_plan(copy) == opened.session.plan
    opened.act_close.trigger()
    assert opened.session is None and opened.stack.currentWidget() is opened.start
    assert opened.windowTitle() == "Sundhedshus"
    # The start page lists the plan among the recent ones.
    items = [opened.start.recent.item(i).data(Qt.ItemDataRole.UserRole) for i in range(opened.start.recent.count())]
    assert items and Path(items[0]).name == "plan.sundhedshus"
