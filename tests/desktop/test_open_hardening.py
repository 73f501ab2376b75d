"""Issue 20 in the GUI: refused files untouched and unlocked, read-only plans offered read-only, leftover and
garbage locks taken over after a question, a failed open never keeps the lock."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from pathlib import Path

import pytest

from planners.store.lock import lock_path, read_lock
from planners.store.planfile import PlanFile, read_plan
from tests.fuzzing import edit_by_hand


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sql", [
    "CREATE TRIGGER t AFTER UPDATE ON room BEGIN UPDATE financing SET amount = '1'; END",
    "CREATE VIEW v AS SELECT * FROM room",
    "UPDATE room SET net_m2 = 'NaN'",
    "UPDATE room SET type = 'spaceship'",
    "UPDATE financing SET years = 10000000 WHERE years IS NOT NULL",
    "UPDATE plan SET patients_per_gp = '1e999999'",
])  # fmt: skip
def test_a_damaged_plan_is_refused_in_the_gui_unchanged_and_unlocked(window, plan_path, answers, sql) -> None:  # noqa: ANN001
    edit_by_hand(plan_path, sql)
    before, files = sha(plan_path), sorted(p.name for p in plan_path.parent.iterdir())
    assert not window.open_path(plan_path)
    assert window.session is None
    assert answers.told and "Traceback" not in answers.told[0]
    assert "kan ikke åbnes" in answers.told[0] or "ikke åbnet" in answers.told[0]
    assert sha(plan_path) == before
    assert sorted(p.name for p in plan_path.parent.iterdir()) == files  # no lock left


def test_a_read_only_plan_is_offered_read_only_in_the_words_of_a_locked_plan(window, plan_path, answers) -> None:  # noqa: ANN001
    plan_path.chmod(0o444)
    try:
        assert window.open_path(plan_path)
        assert "skrivebeskyttet" in answers.asked[0] and answers.asked[0].endswith("Vil du åbne den skrivebeskyttet?")
        assert window.session is not None and window.session.readonly
        assert "skrivebeskyttet" in window.windowTitle()
        assert not lock_path(plan_path).exists()
    finally:
        window.close_plan()
        plan_path.chmod(0o644)


def test_a_read_only_plan_declined_opens_nothing(window, plan_path, answers) -> None:  # noqa: ANN001
    plan_path.chmod(0o444)
    try:
        answers.ask = False
        assert not window.open_path(plan_path)
        assert window.session is None
    finally:
        plan_path.chmod(0o644)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe garbage", b"{" * 100_000, json.dumps({"pid": 10**40}).encode()])
def test_an_empty_or_garbage_lock_can_be_taken_over_after_a_question(window, plan_path, answers, content) -> None:  # noqa: ANN001
    lock_path(plan_path).write_bytes(content)
    assert window.open_path(plan_path)
    if content.startswith(b"{\"pid\""):
        # A parseable lock of no known host: respected, offered read-only.
        assert window.session.readonly
        return
    assert "tom eller kan ikke læses" in answers.asked[0] and "overtage låsen" in answers.asked[0]
    assert not window.session.readonly
    assert read_lock(plan_path)["pid"] == os.getpid()  # type: ignore[index]


def test_a_garbage_lock_declined_falls_back_to_read_only(window, plan_path, answers) -> None:  # noqa: ANN001
    lock_path(plan_path).write_bytes(b"\x00\x01")
    replies = iter([False, True])
    window.ask = lambda title, text: (answers.asked.append(text), next(replies))[1]
    assert window.open_path(plan_path)
    assert window.session.readonly and lock_path(plan_path).read_bytes() == b"\x00\x01"


def test_this_windows_own_leftover_lock_can_be_taken_over(window, plan_path, answers) -> None:  # noqa: ANN001
    owner = {"user": "x", "host": socket.gethostname(), "pid": os.getpid(), "time": "2026-12-01T10:00:00+00:00"}
    lock_path(plan_path).write_text(json.dumps(owner), encoding="utf-8")
    assert window.open_path(plan_path)
    assert "dette vindue selv" in answers.asked[0]
    assert not window.session.readonly


def test_a_lock_owner_is_shown_cleaned(window, plan_path, answers) -> None:  # noqa: ANN001
    owner = {"user": "anne\n\u202eevil" + "x" * 1000, "host": "other-host", "pid": 1, "time": "2026-12-01T10:00:00"}
    lock_path(plan_path).write_text(json.dumps(owner), encoding="utf-8")
    answers.ask = False
    assert not window.open_path(plan_path)
    asked = answers.asked[0]
    assert "\u202e" not in asked and "anne evil" in asked and len(asked) < 300


def test_a_failed_open_never_keeps_the_lock(window, plan_path, answers, monkeypatch) -> None:  # noqa: ANN001
    import desktop.mainwindow as mw

    def broken(_plan_file: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(mw, "PlanSession", broken)
    with pytest.raises(RuntimeError):
        window.open_path(plan_path)
    assert not lock_path(plan_path).exists()
    assert read_plan(plan_path).title
    with PlanFile.open(plan_path):
        pass


def test_a_loans_term_of_ten_million_years_is_refused_as_typed(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    """Issue 20.8: the typo that froze the app and bricked the plan is refused with the limit, nothing stored."""
    from planners.model import FinancingSource
    from tests.desktop.conftest import column, edit_cell

    page = opened.workspace.show_page("establishment")
    view = next(v for v in page.tables if any(c.field == "years" for c in v.model().columns))
    model = view.model()
    row = next(i for i, f in enumerate(opened.session.scenario.financing) if f.source is FinancingSource.LOAN)
    before = read_plan(plan_path).scenarios[0].financing[row].years
    notices: list[str] = []
    opened.session.refused.connect(notices.append)
    edit_cell(qtbot, view, row, column(model, "years"), "10.000.000")
    qtbot.waitUntil(lambda: bool(notices))
    assert "mellem 1 og 100 år" in notices[-1]
    assert read_plan(plan_path).scenarios[0].financing[row].years == before
    edit_cell(qtbot, view, row, column(model, "years"), "40")
    qtbot.waitUntil(lambda: read_plan(plan_path).scenarios[0].financing[row].years == 40)
