"""The charts in the GUI (issue 9, point 3): drawn on first show, following edits, savable as PNG and SVG."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from planners.store.operations import UpdateLine
from tests.desktop.conftest import make_plan


@pytest.fixture
def charts(window, tmp_path: Path, qtbot):  # noqa: ANN001, ANN201
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    page = window.workspace.show_page("charts")
    view = page.show_chart("area_by_tenant")
    qtbot.waitUntil(lambda: not view.dirty)
    return window, page, view


def axes(view, key: str):  # noqa: ANN001, ANN201
    return next(ax for ax in view.figure.axes if ax.get_gid() == key)


def dedicated_widths(view) -> list[float]:  # noqa: ANN001
    ax = axes(view, "area_by_tenant")
    bars = next(c for c in ax.containers if c.get_label() == "Eget areal")
    return [round(p.get_width(), 6) for p in bars]


def test_a_charts_data_follows_an_edit(charts, qtbot) -> None:  # noqa: ANN001
    window, _page, view = charts
    # By hand, the GP practice's own rooms in "Ombygning": 4 × 16 + 2 × 12 + 14 + 10 + 8 = 120 m²;
    # the physiotherapists' 3 × 10 + 60 = 90 m².
    assert 120.0 in dedicated_widths(view) and 90.0 in dedicated_widths(view)
    session = window.session
    first = session.scenario.rooms[0]
    draws = view.draws
    session.run(UpdateLine("room", first.row_id, {"net_m2": Decimal(20)}), "ændr areal")
    assert view.dirty  # the edit only marks it: the redraw follows after the panel, on a zero-timer
    qtbot.waitUntil(lambda: view.draws == draws + 1)
    # Now 4 × 20 + 24 + 32 = 136 m².
    widths = dedicated_widths(view)
    assert 136.0 in widths and 120.0 not in widths


def test_a_hidden_chart_is_drawn_only_when_shown(charts, qtbot) -> None:  # noqa: ANN001
    window, page, view = charts
    hidden = page.views["rent_with_without_grant"]
    assert hidden.draws == 0 and hidden.figure is None  # never on screen: not drawn, no canvas yet
    session = window.session
    session.run(UpdateLine("room", session.scenario.rooms[0].row_id, {"net_m2": Decimal(18)}), "ændr areal")
    qtbot.waitUntil(lambda: not view.dirty)
    assert hidden.draws == 0 and hidden.dirty
    page.show_chart("rent_with_without_grant")
    qtbot.waitUntil(lambda: hidden.draws == 1)
    ax = axes(hidden, "rent_with_without_grant")
    heights = sorted(round(p.get_height(), 6) for c in ax.containers for p in c)
    f = session.figures
    assert heights == sorted([round(float(f.rent_per_gross_m2), 6), round(float(f.rent_per_gross_m2_without_grant), 6)])


def test_save_as_png_and_svg(charts, tmp_path: Path) -> None:  # noqa: ANN001
    _w, _page, view = charts
    png = view.save(tmp_path / "areal.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    view.choose_path = lambda: str(tmp_path / "areal.svg")  # type: ignore[method-assign]
    view.save_dialog()
    svg = (tmp_path / "areal.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Areal pr. lejer" in svg


def test_another_scenario_redraws_the_chart(charts, qtbot) -> None:  # noqa: ANN001
    window, page, view = charts
    window.session.select_scenario(window.session.plan.scenarios[1].row_id)
    qtbot.waitUntil(lambda: not view.dirty)
    assert page.heading.text() == "Diagrammer — Nybyg"
    # Nybyg's vacant rooms by hand: 12 + 16 = 28 m² (a row of its own, "Ledigt").
    ax = axes(view, "area_by_tenant")
    bars = next(c for c in ax.containers if c.get_label() == "Eget areal")
    assert 28.0 in [round(p.get_width(), 6) for p in bars]


def test_start_does_not_import_matplotlib(tmp_path: Path) -> None:
    path = make_plan(tmp_path, "example")
    code = (
        "import sys\n"
        "from desktop.app import make_application\n"
        "app = make_application()\n"
        "from desktop.mainwindow import MainWindow\n"
        "w = MainWindow(); w.show()\n"
        f"assert w.open_path({str(path)!r})\n"
        "app.processEvents()\n"
        "print('matplotlib' in sys.modules)\n"
        "w.close_plan()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                         check=True)  # fmt: skip
    assert out.stdout.strip() == "False"


def test_fitted_font_keeps_labels_apart_on_a_small_chart() -> None:
    from desktop.charts_view import fitted_font

    # about 24 lines of text must fit: a chart 720 px (518 pt) tall keeps 15 pt; 400 px (288 pt) gets
    # 288 / 24 = 12 pt; 222 px would get 6,7 pt and gets the floor of 7 pt.
    assert fitted_font(15.0, 720) == 15.0
    assert fitted_font(15.0, 400) == 12.0
    assert fitted_font(15.0, 222) == 7.0


def test_a_hidden_tab_drawn_ahead_shows_at_once(charts, qtbot, monkeypatch) -> None:  # noqa: ANN001
    """Issue 15.5: while idle, the page draws its hidden charts off the GUI thread; showing one then needs no
    drawing at all, and it shows the current figures."""
    import desktop.charts_view as cv

    window, page, view = charts
    page.draw_ahead()
    hidden = page.views["rent_with_without_grant"]
    qtbot.waitUntil(lambda: hidden._ahead is not None and not cv._ahead_running and not cv._ahead_queue,
                    timeout=20000)  # fmt: skip
    assert hidden.draws == 0 and hidden.figure is None  # drawn ahead, not (yet) on screen
    drawn = []
    monkeypatch.setattr(cv, "_render", lambda job: drawn.append(job))
    page.show_chart("rent_with_without_grant")
    qtbot.waitUntil(lambda: hidden.draws == 1)
    assert drawn == [] and not hidden.busy and not hidden.dirty
    ax = axes(hidden, "rent_with_without_grant")
    heights = sorted(round(p.get_height(), 6) for c in ax.containers for p in c)
    f = window.session.figures
    assert heights == sorted([round(float(f.rent_per_gross_m2), 6), round(float(f.rent_per_gross_m2_without_grant), 6)])


def test_a_chart_drawn_ahead_for_old_figures_is_not_shown(charts, qtbot) -> None:  # noqa: ANN001
    import desktop.charts_view as cv

    window, page, _view = charts
    page.draw_ahead()
    hidden = page.views["area_by_tenant"] if page.current_view().key != "area_by_tenant" else page.views[
        "financing_sources"]
    qtbot.waitUntil(lambda: hidden._ahead is not None and not cv._ahead_running, timeout=20000)
    session = window.session
    session.run(UpdateLine("room", session.scenario.rooms[0].row_id, {"net_m2": Decimal(20)}), "ændr areal")
    page.show_chart(hidden.key)
    qtbot.waitUntil(lambda: hidden.draws == 1 and not hidden.dirty and not hidden.busy, timeout=20000)
    assert hidden._shown is not None and hidden._shown.data is session.figures


def test_matplotlib_is_imported_in_the_background_after_a_plan_opens(tmp_path: Path) -> None:
    path = make_plan(tmp_path, "example")
    code = (
        "import sys, time\n"
        "from desktop.app import make_application\n"
        "app = make_application()\n"
        "import desktop.charts_view as cv\n"
        "cv.PRELOAD_DELAY_MS = 200\n"
        "from desktop.mainwindow import MainWindow\n"
        "w = MainWindow(); w.show()\n"
        f"assert w.open_path({str(path)!r})\n"
        "app.processEvents()\n"
        "before = 'matplotlib.figure' in sys.modules\n"
        "end = time.monotonic() + 40\n"
        "while not cv._preloaded.is_set() and time.monotonic() < end:\n"
        "    app.processEvents(); time.sleep(0.02)\n"
        "print(before, 'matplotlib.figure' in sys.modules, 'planners.exports.charts' in sys.modules)\n"
        "w.close_plan()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=90,
                         check=True)  # fmt: skip
    assert out.stdout.split() == ["False", "True", "True"]
