"""The report's charts drawn straight onto ReportLab pages (`planners.exports.report.vector`) and the report set in
one typesetting pass (`flow.build`): figures placed by hand, read back from the PDF with pypdf."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from planners.exports.report import flow
from planners.exports.report.vector import record
from tests.planners.pdf_fonts import page_font_sizes


def _figure(width_pt: float = 200, height_pt: float = 100) -> tuple[Figure, Axes]:
    """A figure whose one axes fills it, data 0..10 on both axes: a data unit is width/10 × height/10 points."""
    fig = Figure(figsize=(width_pt / 72, height_pt / 72))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.set_axis_off()
    return fig, ax


def _page(fig: Figure, width: float = 200, height: float = 100, at: tuple[float, float] = (0, 0)) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(400, 300))
    canvas.translate(*at)
    record(fig, width, height, flow.chart_fonts()).replay(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _content(pdf: bytes) -> str:
    contents = PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
    assert contents is not None
    return str(contents.get_data().decode("latin-1"))


def _resources(reader: PdfReader) -> Any:
    return reader.pages[0]["/Resources"]


def test_a_bar_is_a_filled_path_at_its_place_in_points() -> None:
    fig, ax = _figure()
    ax.add_patch(Rectangle((2, 3), 4, 5, facecolor="#ff0000", edgecolor="none"))
    content = _content(_page(fig))
    # (2, 3)–(6, 8) in data units of 20 × 10 points: x 40–120, y 30–80, filled red, not stroked
    bar = re.search(r"1 0 0 rg\s+40 30 m\s+120 30 l\s+120 80 l\s+40 80 l\s+h\s+f", content)
    assert bar, content


def test_text_is_real_text_in_the_documents_font_at_its_size(tmp_path: Path) -> None:
    fig, ax = _figure()
    ax.text(1, 1, "Husleje 12,5 kr. ÆØÅ", fontsize=9.5)
    target = tmp_path / "t.pdf"
    target.write_bytes(_page(fig, at=(50, 60)))
    runs = page_font_sizes(target)[0]
    # one text, set in runs where a pair kerns ("r." of "kr."): ReportLab itself does not kern
    assert "".join(text for size, text in runs if size == 9.5) == "Husleje 12,5 kr. ÆØÅ", runs
    fonts = {str(f) for f in _resources(PdfReader(str(target)))["/Font"].values()}
    assert fonts  # the text is set in a font of the page, not drawn as outlines
    content = _content(target.read_bytes())
    # at data (1, 1) = (20, 10) points in the figure, the figure at (50, 60) on the page
    assert re.search(r"1 0 0 1 50 60 cm.*BT 1 0 0 1 20 10 Tm /F\S+ 9\.5 Tf", content, re.S), content


def test_bold_text_is_set_in_the_bold_face() -> None:
    fig, ax = _figure()
    ax.text(1, 1, "Nøgletal", fontsize=11, fontweight="bold")
    pdf = _page(fig)
    names = [str(f.get_object()["/BaseFont"]) for f in _resources(PdfReader(io.BytesIO(pdf)))["/Font"].values()]
    assert any(name.endswith("DejaVuSans-Bold") for name in names), names


def test_mathtext_is_drawn_as_outlines_not_lost() -> None:
    fig, ax = _figure()
    ax.text(1, 1, r"$x^2$", fontsize=12)
    pdf = _page(fig)
    content = _content(pdf)
    assert " c" in content or " l" in content  # glyph outlines as paths
    assert "x" not in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_hatched_half_transparent_bar_is_clipped_hatched_and_transparent() -> None:
    fig, ax = _figure()
    ax.add_patch(Rectangle((2, 3), 4, 5, facecolor="#777777", alpha=0.45, hatch="//", edgecolor="none"))
    pdf = _page(fig)
    content = _content(pdf)
    assert re.search(r"40 30 m\s+120 30 l\s+120 80 l\s+40 80 l\s+h\s+W n", content), content  # clipped to the bar
    assert content.count(" cm ") >= 1 and " B Q" in content  # hatch cells
    states = _resources(PdfReader(io.BytesIO(pdf)))["/ExtGState"]
    assert any(abs(float(s.get_object().get("/ca", 1)) - 0.45) < 1e-9 for s in states.values())


def test_a_chart_is_drawn_by_matplotlib_once_however_often_it_is_laid_out() -> None:
    calls = []

    def draw_into(fig: Figure) -> None:
        calls.append(fig)
        ax = fig.add_subplot()
        ax.bar(["a", "b"], [1, 2])

    chart = flow.Chart(draw_into, 300, 150)
    for _ in range(3):
        out = io.BytesIO()
        canvas = Canvas(out)
        chart.canv = canvas
        chart.draw()
        canvas.showPage()
        canvas.save()
        assert "a" in PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text()
    assert len(calls) == 1


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _story(headings: int) -> list:
    """The contents on page 1, then section n on page n + 1 (a page break before each)."""
    from reportlab.platypus import PageBreak

    story = [*flow.contents("Indhold")]
    for n in range(1, headings + 1):
        story += [PageBreak(), *flow.heading(f"Afsnit {n}"), flow.para("Tekst " * 40)]
    return story


def _count_passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    passes: list[int] = []
    real = flow.Document.build

    def counted(self: flow.Document, *args: object, **kwargs: object) -> None:
        passes.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(flow.Document, "build", counted)
    return passes


@needs_pdftotext
def test_the_report_is_set_in_one_pass_with_right_page_numbers(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    passes = _count_passes(monkeypatch)
    running = flow.Running("Titel", "Højre", "Fod", lambda n, total: f"Side {n} af {total}")
    built = flow.build(_story(6), running)
    assert len(passes) == 1
    _check_pages(built, tmp_path)


@needs_pdftotext
def test_contents_not_as_expected_takes_another_pass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    passes = _count_passes(monkeypatch)
    monkeypatch.setattr(flow, "expected_entries", lambda story: [])  # the first pass lays out an empty contents
    running = flow.Running("Titel", "Højre", "Fod", lambda n, total: f"Side {n} af {total}")
    built = flow.build(_story(6), running)
    assert len(passes) == 2
    _check_pages(built, tmp_path)


def _check_pages(built: flow.Built, tmp_path: Path) -> None:
    """Seven pages, each with "Side N af 7"; the contents gives section n page n + 1, where it is (pdftotext puts
    each entry's page number, a form, on the entry's line by its place)."""
    from tests.planners.test_report import pdf_pages

    target = tmp_path / "d.pdf"
    target.write_bytes(built.data)
    texts = pdf_pages(target)
    assert built.pages == len(texts) == 7
    for n, text in enumerate(texts, start=1):
        assert f"Side {n} af 7" in text
    found = dict(re.findall(r"Afsnit (\d)[ .]+(\d+)", texts[0]))
    assert found == {str(n): str(n + 1) for n in range(1, 7)}
    for n in range(1, 7):
        assert f"Afsnit {n}" in texts[n]


def test_a_right_aligned_label_ends_where_matplotlib_placed_it_kerned() -> None:
    """ReportLab sets a string without kerning; matplotlib measured and placed the label kerned ("AV", "VA", "TA",
    "LT" and "Tø" of DejaVu Sans kern): drawn as one string it ended ≈ 6 pt past its place. The text's right end
    (each run's start plus its ReportLab width) must be matplotlib's right edge, 380 pt (within a tenth of a point:
    FreeType's 1/64 units and a side bearing)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    label = "AVATAR Tøjværk LTA 1.234.567 kr."
    fig, ax = _figure(400, 100)
    ax.text(9.5, 5, label, ha="right", fontsize=10)
    calls = record(fig, 400, 100, flow.chart_fonts()).calls
    font = next(args[0] for name, args in calls if name == "setFont")
    runs = [args for name, args in calls if name == "drawString"]
    assert "".join(text for _x, _y, text in runs) == label
    assert len(runs) > 1  # split where a pair kerns
    start = runs[0][0]
    end = max(x + stringWidth(text, font, 10) for x, _y, text in runs)
    # matplotlib's own measure of the kerned label (its PDF backend's), placed right-aligned at 9,5 of 10 × 40 pt
    kerned = ax.texts[0].get_window_extent(fig.canvas.get_renderer()).width  # type: ignore[attr-defined]
    assert abs(end - 380) < 0.6, (start, end)
    assert abs((end - start) - kerned) < 0.6
    assert stringWidth(label, font, 10) - kerned > 3  # one unkerned string would end past its place
