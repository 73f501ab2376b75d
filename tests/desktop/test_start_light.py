"""Issue 19.1, the start: what the first painted window loads, and what it leaves for later (branch s15-start).

The app is started as a user starts it (`sundhedshus PLAN`, a fresh interpreter and home, the bench's paint probe);
the probe lists the modules it loaded and counts the Python enum classes PySide made for the Qt classes touched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.conftest import make_plan

# Loaded on first use, never for the first painted window with a plan.
LATER = ("desktop.workshop", "desktop.charts_view", "desktop.export", "desktop.dialogs.help", "desktop.startpage",
         "desktop.paste", "desktop.pages.lists", "planners.cli", "planners.exports.drawlock",
         "planners.store.operations")  # fmt: skip


def start(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               SUNDHEDSHUS_STARTUP_PROBE="modules")  # fmt: skip
    env.pop("SUNDHEDSHUS_SETTINGS_DIR", None)
    code = "import sys, desktop.main as m; sys.exit(m.main(sys.argv[1:]))"
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=home, capture_output=True, text=True,
                         timeout=120, check=False)  # fmt: skip
    return out, home


def probe(out: subprocess.CompletedProcess[str]) -> tuple[set[str], int]:
    lines = probe_lines(out)
    return set(lines["modules"].split()), int(lines["qt-enum-classes"])


def probe_lines(out: subprocess.CompletedProcess[str]) -> dict[str, str]:
    lines = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in out.stdout.splitlines() if " " in line}
    assert "painted=True" in lines["startup"], out.stdout + out.stderr
    return lines


def test_the_first_window_with_a_plan_leaves_the_rest_for_later(tmp_path: Path) -> None:
    path = make_plan(tmp_path, "example")
    out, home = start(tmp_path, str(path))
    assert out.returncode == 0, out.stderr
    modules, enums = probe(out)
    assert "desktop.pages.overview" in modules and "desktop.session" in modules  # the plan is shown
    from desktop.app import PLAN_FIRST

    assert set(PLAN_FIRST) <= modules, set(PLAN_FIRST) - modules  # imported before Qt: used by the open anyway
    assert not [m for m in LATER if m in modules]
    # No application-wide event filter in Python (it made PySide create the enums of every class it met: 384
    # then, about 210 now; a bare window with a table makes 59).
    assert enums < 260, enums
    # Nor the `Qt` namespace's ≈ 95 enum classes (≈ 20 ms CPU; 207 enum classes before, 114 after): the first
    # window sets its alignments, scroll-bar policies and shortcuts without naming `Qt` (desktop.qtprops).
    assert probe_lines(out)["qt-namespace"] == "False", enums
    assert enums < 150, enums
    # The fast exit still released the lock and wrote the settings (the plan is first among the recent ones).
    assert not Path(str(path) + ".lock").exists()
    conf = next((home / ".config").rglob("*.conf")).read_text(encoding="utf-8")
    assert path.name in conf and "geometry" in conf


def test_the_start_page_when_no_plan_is_given(tmp_path: Path) -> None:
    out, _home = start(tmp_path)
    assert out.returncode == 0, out.stderr
    modules, _enums = probe(out)
    assert "desktop.startpage" in modules and "desktop.workshop" not in modules
    # What the app imports before Qt (load_core_first) only moves imports the window makes anyway, even without
    # a plan: nothing more loads for the start page.
    from desktop.app import CORE_FIRST

    assert set(CORE_FIRST) <= modules, set(CORE_FIRST) - modules
    # Those a plan's open needs besides are imported first only when a plan is given (the start page has none).
    from desktop.app import PLAN_FIRST

    assert not set(PLAN_FIRST) & modules, set(PLAN_FIRST) & modules


def test_a_plan_that_cannot_be_opened_shows_the_start_page(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from desktop.mainwindow import MainWindow

    w = MainWindow(start_page=False)
    qtbot.addWidget(w)
    told: list[str] = []
    w.tell = lambda title, text: told.append(text)  # type: ignore[method-assign]
    assert w._start is None  # not made for a window that opens a plan first
    bad = tmp_path / "bad.sundhedshus"
    bad.write_bytes(b"no plan")
    assert not w.open_path(bad)
    w.show_start_if_empty()
    assert told and w.stack.currentWidget() is w.start


@pytest.mark.parametrize("via", ["menu", "f11"])
def test_workshop_mode_is_made_on_first_use(qtbot, window, plan_path: Path, via: str) -> None:  # noqa: ANN001
    assert window._workshop is None and not window.act_workshop.isEnabled()  # no plan: nothing to show
    assert window.open_path(plan_path)
    assert window.act_workshop.isEnabled()
    if via == "menu":
        window.workshop_menu.aboutToShow.emit()  # opening the menu makes the mode and shows its actions
        assert window._workshop is not None
        texts = [a.text() for a in window.workshop_menu.actions()]
        assert texts == [window.workshop.action.text(), window.workshop.leave_action.text(),
                         window.workshop.show_dock.text()]  # fmt: skip
        window.workshop.action.trigger()
    else:
        window.act_workshop.trigger()  # F11 before the mode exists: made, then entered
    assert window.workshop.active
    # One F11 only (two would be an ambiguous shortcut, which Qt ignores).
    f11 = [a for a in window.actions() if a.shortcut().toString() == "F11"]
    assert f11 == [window.workshop.action]
    window.workshop.action.trigger()
    assert not window.workshop.active
