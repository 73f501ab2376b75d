"""Issue 15.5, the room's wait when choosing scenarios: a chart no longer wanted stops part-way, a chart asked for
on screen never waits for one drawn ahead, and the comparison's chart is started before its table is filled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desktop.conftest import make_plan


def test_a_cancelled_picture_stops_while_it_is_drawn(monkeypatch) -> None:  # noqa: ANN001
    import desktop.charts_view as cv
    from planners.figures.compare import compare
    from tests.planners.test_compare import three_scenario_plan

    plan = three_scenario_plan()
    comparison = compare(plan, ["Ombygning", "Nybyg"])
    job = cv._Job("compare_key_figures", comparison, 640, 400, 1.0, 11.0, "da")
    assert cv._render(job).rgba  # drawn whole where nobody cancels it
    real = cv.chart_function
    made: list[str] = []

    def cancelled_while_made(key: str):  # noqa: ANN202
        def make(data, **kw):  # noqa: ANN001, ANN003, ANN202
            figure = real(key)(data, **kw)
            job.cancel.set()  # cancelled while the chart was made: it is not laid out nor drawn
            made.append(key)
            return figure

        return make

    job = cv._Job("compare_key_figures", comparison, 640, 400, 1.0, 11.0, "da")
    monkeypatch.setattr(cv, "chart_function", cancelled_while_made)
    with pytest.raises(cv._Cancelled):
        cv._render(job)
    assert made == ["compare_key_figures"]

    # cancelled during the artists' drawing: the renderer's first group stops it
    job = cv._Job("compare_key_figures", comparison, 640, 400, 1.0, 11.0, "da")
    monkeypatch.setattr(cv, "chart_function", real)
    from matplotlib.backends.backend_agg import RendererAgg

    groups: list[str] = []
    real_open = RendererAgg.open_group

    def open_and_cancel(self, name, gid=None):  # noqa: ANN001, ANN202
        groups.append(name)
        if name == "axes":
            job.cancel.set()
        return real_open(self, name, gid)

    monkeypatch.setattr(RendererAgg, "open_group", open_and_cancel)
    with pytest.raises(cv._Cancelled):
        cv._render(job)
    # the figure's background was drawn, the axes' group was the last opened: no bar, no text, no legend
    assert groups[0] == "figure" and groups[-1] == "axes" and "legend" not in groups and "text" not in groups


@pytest.fixture
def charts(window, tmp_path: Path, qtbot):  # noqa: ANN001, ANN201
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    page = window.workspace.show_page("charts")
    view = page.show_chart("area_by_tenant")
    qtbot.waitUntil(lambda: not view.dirty and not view.busy, timeout=20000)
    return window, page, view


def test_a_chart_on_screen_stops_a_chart_drawn_ahead(charts, qtbot) -> None:  # noqa: ANN001
    import desktop.charts_view as cv

    _window, page, _view = charts
    qtbot.waitUntil(lambda: not cv._ahead_running, timeout=20000)
    hidden = page.views["rent_with_without_grant"]
    hidden._ahead = None
    other = page.views["establishment_by_category"]
    other._ahead = None
    hidden.draw_ahead()
    other.draw_ahead()  # waits in the queue behind `hidden`
    job = hidden._ahead_job
    assert job is not None and other in cv._ahead_queue
    wanted = page.show_chart("financing_sources")
    qtbot.waitUntil(lambda: wanted.busy or wanted.draws > 0, timeout=20000)
    # the chart on screen went first: the one drawn ahead was told to stop, the queue behind it dropped
    assert job.cancel.is_set() and other not in cv._ahead_queue
    qtbot.waitUntil(lambda: wanted.draws == 1 and not wanted.busy, timeout=20000)
    # … and the page draws its hidden charts ahead again once idle
    qtbot.waitUntil(lambda: hidden._ahead is not None and other._ahead is not None, timeout=20000)
    shown = page.show_chart("rent_with_without_grant")
    qtbot.waitUntil(lambda: shown.draws == 1, timeout=20000)
    assert shown._shown is not None and shown._shown.data is page.session.figures


def test_choosing_scenarios_starts_the_chart_before_the_table(window, tmp_path: Path, qtbot, monkeypatch) -> None:  # noqa: ANN001
    import desktop.charts_view as cv
    from planners.store.operations import DuplicateScenario

    assert window.open_path(make_plan(tmp_path, "example"))
    session = window.session
    session.run(DuplicateScenario(session.plan.scenarios[0].row_id, "Kopi"), "dupliker scenarie")
    page = window.workspace.show_page("compare")
    current = page.current_view()
    qtbot.waitUntil(lambda: page.comparison is not None and current.draws > 0 and not current.busy, timeout=20000)
    columns_at_start: list[int] = []
    real_submit = cv._submit

    def submit(job, view) -> None:  # noqa: ANN001
        if view is current:
            columns_at_start.append(page.table.columnCount())
        real_submit(job, view)

    monkeypatch.setattr(cv, "_submit", submit)
    page.choose([s.name for s in session.plan.scenarios[:3]])
    # two scenarios: the label, two values, one difference; the chart was on its way before the table became
    # three scenarios' six columns
    assert columns_at_start == [4] and page.table.columnCount() == 6
    qtbot.waitUntil(lambda: not current.busy and not current.dirty, timeout=20000)
    assert current._shown is not None and current._shown.data is page.comparison
