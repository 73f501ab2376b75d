"""The export menu: annex, report and JSON written off the GUI thread from a plan snapshot, the message at the
end offering to open the file or its folder, a refused target told in Danish."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QUrl

from desktop import export
from planners.interchange.plan_json import dump_json, load_json
from planners.store.planfile import read_plan


def run_export(qtbot, window, kind: str, target: Path) -> list[Path]:  # noqa: ANN001
    offered: list[Path] = []
    window.exporter.choose_path = lambda _kind, _start: target
    window.exporter.offer_open = offered.append
    with qtbot.waitSignal(window.exporter.finished, timeout=60000):
        window.export_actions[kind].trigger()
    return offered


def test_json_from_the_menu_is_the_plan(qtbot, opened, plan_path, tmp_path) -> None:  # noqa: ANN001
    target = tmp_path / "ud.json"
    offered = run_export(qtbot, opened, "json", target)
    assert offered == [target]
    assert dump_json(load_json(target)) == dump_json(read_plan(plan_path))


def test_annex_and_report_from_the_menu(qtbot, opened, tmp_path) -> None:  # noqa: ANN001
    annex, report = tmp_path / "bilag.xlsx", tmp_path / "rapport.pdf"
    assert run_export(qtbot, opened, "annex", annex) == [annex]
    assert annex.read_bytes()[:2] == b"PK"  # a zip: the xlsx container
    assert run_export(qtbot, opened, "report", report) == [report]
    assert report.read_bytes()[:5] == b"%PDF-"


def test_the_worker_gets_a_snapshot_not_the_live_plan(qtbot, opened, tmp_path) -> None:  # noqa: ANN001
    offered: list[Path] = []
    opened.exporter.offer_open = offered.append
    with qtbot.waitSignal(opened.exporter.finished, timeout=60000):
        job = opened.exporter.export("json", opened.session, tmp_path / "a.json")
        assert job is not None and job.plan is not opened.session.plan
        assert dump_json(job.plan) == dump_json(opened.session.plan)
    assert offered == [tmp_path / "a.json"]


def test_a_refused_target_is_told_in_danish_and_nothing_offered(qtbot, opened, answers, tmp_path) -> None:  # noqa: ANN001
    target = tmp_path / "låst.json"
    target.write_text("gammel", encoding="utf-8")
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        offered = run_export(qtbot, opened, "json", target)
    finally:
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
    assert offered == []
    assert answers.told and "skrivebeskyttet" in answers.told[-1].lower()
    assert target.read_text(encoding="utf-8") == "gammel"


def test_open_file_or_folder_goes_through_the_desktop(monkeypatch, tmp_path) -> None:  # noqa: ANN001
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(export.QDesktopServices, "openUrl", lambda url: opened_urls.append(url) or True)
    assert export.open_path(tmp_path / "x.pdf")
    assert opened_urls[0].toLocalFile() == str(tmp_path / "x.pdf")


def test_export_needs_an_open_plan(window) -> None:  # noqa: ANN001
    assert not window.export_actions["annex"].isEnabled()
    assert window.exporter.export("annex", None) is None
