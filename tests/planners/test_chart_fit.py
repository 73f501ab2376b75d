"""Every text and legend of every chart lies inside its figure (issue 15.7 point 3: the financing ring's legend was
cut at the right edge, "…2.969.154 k"), at the sizes the report and the GUI draw them: the report's half page with
its font, and the GUI's pictures from a desk screen down to the chart's least size (320 × 220 px), with the font
the GUI picks for each height. Measured with matplotlib's own renderer (`get_window_extent`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text

from planners.exports import charts
from planners.exports.report import flow
from planners.exports.report.document import CHART_H, _draw
from planners.figures.compare import compare
from planners.figures.engine import compute
from tests.planners.annex_plans import five_scenario_plan, long_names_plan, templates

# The GUI's pictures (px at 100 dpi): a desk screen, a 1366 laptop, a 1024 projector, a docked panel, the least.
GUI_SIZES = ((1000, 600), (800, 450), (600, 360), (480, 320), (320, 220))
NORMAL_FONT = 11.0  # desktop.charts_view.NORMAL_FONT (the core's tests do not import the GUI)


def gui_font(height_px: int) -> float:
    # desktop.charts_view.fitted_font: about 24 lines of text in the picture's height, never under 7 pt
    return max(7.0, min(NORMAL_FONT, height_px * 72 / 100 / 24))


def outside(fig: Any) -> list[str]:
    """Every drawn text, legend and axes (with its tick labels) whose extent leaves the figure."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height

    def out(box: Any) -> bool:
        return bool(box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1)

    bad: list[str] = []
    ticks: set[Any] = set()  # tick labels beyond the view limits are not drawn: the axes' tight box counts them
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks |= {tick.label1, tick.label2}
        box = ax.get_tightbbox(renderer)
        if ax.get_visible() and box is not None and out(box):
            bad.append(f"axes {ax.get_gid()} {box}")
    for artist in [*fig.findobj(Text), *fig.findobj(Legend)]:
        if artist in ticks or not artist.get_visible() or (isinstance(artist, Text) and not artist.get_text()):
            continue
        box = artist.get_window_extent(renderer)
        if out(box):
            bad.append(f"{type(artist).__name__} {getattr(artist, 'get_text', lambda: '')()!r} {box}")
    return bad


def _scenario_cases() -> list[tuple[str, Callable[..., Any], object]]:
    # the largest amounts (the large template) and the longest names (300 characters): the widest texts
    plans = {"large": templates()["large"], "long_names": long_names_plan()}
    cases: list[tuple[str, Callable[..., Any], object]] = []
    for name, plan in plans.items():
        figures = compute(plan, plan.scenarios[0])
        cases += [(f"{name}-{key}", fn, figures) for key, fn in charts.CHARTS]
    comparison = compare(five_scenario_plan())
    cases += [(f"five-{key}", fn, comparison)
              for key, fn in (*charts.COMPARE_CHARTS, *charts.COMPARE_DIFFERENCE_CHARTS)]
    return cases


CASES = _scenario_cases()


@pytest.mark.parametrize(("name", "chart", "data"), CASES, ids=[c[0] for c in CASES])
def test_every_text_lies_inside_the_figure(name: str, chart: Callable[..., Any], data: object) -> None:
    bad = {"report": outside(flow.Chart(_draw(chart, data, "da"), flow.CONTENT_W, CHART_H).figure())}
    for w, h in GUI_SIZES:
        fig = Figure(figsize=(w / 100, h / 100), dpi=100, layout="constrained")
        chart(data, lang="da", target=fig, font_size=gui_font(h))
        bad[f"{w}x{h}"] = outside(fig)
    assert not {k: v for k, v in bad.items() if v}, name


def test_the_financing_legend_is_short_and_moves_below_on_a_narrow_figure() -> None:
    plan = templates()["large"]
    figures = compute(plan, plan.scenarios[0])
    wide, narrow = Figure(figsize=(10, 6), layout="constrained"), Figure(figsize=(5, 5), layout="constrained")
    charts.financing_sources(figures, target=wide)
    charts.financing_sources(figures, target=narrow)
    legends: list[Any] = [fig.axes[0].get_legend() for fig in (wide, narrow)]
    for legend in legends:
        texts = [t.get_text() for t in legend.get_texts()]
        # amounts from a million in millions with two decimals, below the (wrapped) source's name
        assert all("\n" in t for t in texts) and any(t.endswith(" mio. kr.") for t in texts), texts
        assert all(len(line) <= 22 for t in texts for line in t.split("\n")), texts
    for fig in (wide, narrow):
        FigureCanvasAgg(fig).draw()
    wide_box, narrow_box = (legend.get_window_extent() for legend in legends)
    # beside the ring on the wide figure (its left edge right of the figure's middle), below it on the narrow one
    assert wide_box.x0 > wide.bbox.width / 2
    assert narrow_box.y1 < narrow.axes[0].get_window_extent().y0 + 1


def test_short_amounts() -> None:
    from decimal import Decimal

    # by hand: 2.969.153,6 kr. = 2,97 mio. kr.; under a million in whole kroner
    assert charts._short_kr(Decimal("2969153.6"), "da") == "2,97 mio. kr."
    assert charts._short_kr(Decimal("500000"), "da") == "500.000 kr."


def overlapping_row_names(fig: Any) -> list[str]:
    """Pairs of an axes' tick labels (row names, axis numbers) that are drawn over each other."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    bad: list[str] = []
    for ax in fig.axes:
        for axis, lo, hi in ((ax.yaxis, "y0", "y1"), (ax.xaxis, "x0", "x1")):
            low, high = sorted(axis.get_view_interval())
            boxes = sorted(
                (getattr(box, lo), getattr(box, hi), tick.label1.get_text())
                for tick in axis.get_major_ticks()
                if tick.label1.get_visible() and tick.label1.get_text() and low - 1e-9 <= tick.get_loc() <= high + 1e-9
                for box in [tick.label1.get_window_extent(renderer)]
            )
            for (_a0, a1, a), (b0, _b1, b) in zip(boxes, boxes[1:], strict=False):
                if a1 > b0 + 1:  # one pixel of anti-aliasing allowed
                    bad.append(f"{a!r} over {b!r}")
    return bad


@pytest.mark.parametrize(("name", "chart", "data"), CASES, ids=[c[0] for c in CASES])
def test_row_names_never_run_into_each_other(name: str, chart: Callable[..., Any], data: object) -> None:
    """Issue 15.1, "keep labels apart at any size": nine tenants' names wrapped over two lines ran into each other
    in the area chart at 1024 px (a chart about 370 px tall); a name now wraps only where its row has the height."""
    bad = {}
    for w, h in GUI_SIZES:
        fig = Figure(figsize=(w / 100, h / 100), dpi=100, layout="constrained")
        chart(data, lang="da", target=fig, font_size=gui_font(h))
        bad[f"{w}x{h}"] = overlapping_row_names(fig)
    assert not {k: v for k, v in bad.items() if v}, name
