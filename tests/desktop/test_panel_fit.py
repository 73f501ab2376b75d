"""The figures panel's measures are kept (issue 19, the start): the workspace measures the width the panel needs, and
its height under the page, again only when something they depend on changed (`FiguresPanel.fit_key`). Every kept
measure must equal a fresh one: after a new amount, an amount's colour and weight, a zoom step, a style sheet on the
panel (workshop mode's larger type) and a least width asked for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop import zoom


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def fresh_width(workspace) -> int:  # noqa: ANN001
    """`panel_width` measured now, as if it had never measured (the panel left as `arrange` leaves it)."""
    workspace._panel_fit = None
    width = workspace.panel_width()
    workspace.arrange()
    return width


def fresh_height(workspace, columns: int) -> int:  # noqa: ANN001
    workspace._panel_rows = None
    return workspace._panel_height(columns)


@pytest.fixture
def workspace(opened):  # noqa: ANN001, ANN201
    opened.resize(1366, 768)
    settle()
    yield opened.workspace
    zoom.apply(opened, 1.0)
    QSettings().setValue(zoom.KEY, 1.0)


def test_a_second_measure_lays_nothing_out(workspace, monkeypatch) -> None:  # noqa: ANN001
    workspace.panel_width()
    calls: list[str] = []
    monkeypatch.setattr(workspace.panel, "fit_names", lambda: calls.append("fit_names"))
    for _ in range(3):
        workspace.arrange()
    assert calls == []
    workspace.panel.labels["grant"].setText("123.456.789.012 kr.")  # a wider amount: measured again
    workspace.arrange()
    assert calls == ["fit_names"]


def test_kept_widths_equal_fresh_ones(workspace) -> None:  # noqa: ANN001
    panel = workspace.panel
    kept = workspace.panel_width()
    assert kept == fresh_width(workspace)
    # A wider amount (the panel's own refresh sets the amounts as an edit would).
    panel._show({"establishment_total": "987.654.321.098 kr."})
    assert workspace.panel_width() == fresh_width(workspace) > kept
    # An amount's style: red and bold in a larger type.
    panel._style("errors", "color: #b00020; font-weight: bold; font-size: 20pt")
    panel.labels["errors"].setText("1.000.000")
    wide = workspace.panel_width()
    assert wide == fresh_width(workspace)
    # Workshop mode's larger type is a style sheet on the panel.
    panel.setStyleSheet("QLabel { font-size: 16pt }")
    settle()
    assert workspace.panel_width() == fresh_width(workspace) > wide
    panel.setStyleSheet("")
    settle()
    # A least width asked for (workshop mode's 300 px), wider than what the amounts need.
    panel.setMinimumWidth(workspace.panel_width() + 150)
    assert workspace.panel_width() == fresh_width(workspace)
    panel.setMinimumWidth(0)
    assert workspace.panel_width() == fresh_width(workspace)


def test_a_zoom_step_measures_again(workspace) -> None:  # noqa: ANN001
    before = workspace.panel_width()
    zoom.apply(workspace.window(), 1.5)
    settle()
    after = workspace.panel_width()
    assert after == fresh_width(workspace) > before


def test_under_the_page_the_kept_height_is_a_fresh_one(workspace) -> None:  # noqa: ANN001
    window = workspace.window()
    window.resize(800, 600)  # too narrow for the panel beside the page
    settle()
    assert workspace.panel_place == "below"
    columns = workspace.panel.columns
    assert columns > 1
    height = workspace._panel_height(columns)
    assert height == fresh_height(workspace, columns)
    zoom.apply(window, 1.25)
    settle()
    columns = workspace.panel.columns
    assert workspace._panel_height(columns) == fresh_height(workspace, columns) > height
    # Back beside the page: one column again, the width as measured fresh.
    zoom.apply(window, 1.0)
    window.resize(1366, 768)
    settle()
    assert workspace.panel_place == "side"
    assert workspace.panel.columns == 1
    assert workspace.panel_width() == fresh_width(workspace)


def test_a_font_set_above_the_panel_measures_again(workspace) -> None:  # noqa: ANN001
    """Workshop mode sets a larger font on the workspace: no style sheet or text changes, only the font."""
    before = workspace.panel_width()
    font = workspace.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    workspace.setFont(font)
    settle()
    after = workspace.panel_width()
    assert after == fresh_width(workspace) > before
    workspace.setFont(QApplication.font())
    settle()
    assert workspace.panel_width() == fresh_width(workspace) == before


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768), (800, 600)])
def test_an_amount_is_never_narrower_than_its_text(workspace, size: tuple[int, int]) -> None:  # noqa: ANN001
    """The amounts keep Qt's default size policy: it may shrink a label to its minimum size hint, which for a label
    that does not wrap is its whole text. Here with the widest amounts, beside and under the page, at 1,5× zoom."""
    window = workspace.window()
    panel = workspace.panel
    panel._show({key: "−123.456.789 kr. pr. år" for key in panel.labels})
    for factor in (1.0, 1.5):
        zoom.apply(window, factor)
        window.resize(*size)
        settle()
        for key, label in panel.labels.items():
            assert not label.wordWrap()
            assert label.minimumSizeHint().width() == label.sizeHint().width(), key
            need = label.fontMetrics().horizontalAdvance(label.text())
            assert label.contentsRect().width() >= need, (key, factor, size)


def test_an_amount_as_wide_as_before_measures_nothing(workspace, monkeypatch) -> None:  # noqa: ANN001
    """Issue 19.2: an edit's new amounts mostly keep their widths; an amount whose size hints are unchanged asks for
    no new fit (the layout reads a one-line label through its hints alone), one that grows does, and the kept
    widths equal fresh ones either way."""
    from desktop.panel import _hints

    panel = workspace.panel
    kept = workspace.panel_width()
    label = panel.labels["gross_m2"]
    text = label.text()
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    assert len(digits) >= 2, text
    first, second = digits[0], digits[1]
    swapped = list(text)
    swapped[first], swapped[second] = text[second], text[first]
    # Two digits swapped (the same glyphs); two equal digits: one of them another digit (the font's digits are
    # equally wide).
    same_width = "".join(swapped) if text[first] != text[second] else \
        text[:first] + ("8" if text[first] != "8" else "9") + text[first + 1:]
    before = _hints(label)
    calls: list[str] = []
    monkeypatch.setattr(panel, "fit_names", lambda: calls.append("fit_names"))
    fits: list[int] = []
    panel.layout_changed.connect(lambda: fits.append(1))
    panel._show({"gross_m2": same_width})
    assert label.text() == same_width
    assert _hints(label) == before, "the font's digits differ in width: pick another text"
    assert fits == [] and calls == []
    assert workspace.panel_width() == kept
    panel._show({"gross_m2": "987.654.321.098.765 m²"})  # much wider: a new fit, measured again
    assert fits and calls == ["fit_names"]
    monkeypatch.undo()
    assert workspace.panel_width() == fresh_width(workspace) > kept
