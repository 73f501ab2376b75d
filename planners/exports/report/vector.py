"""A matplotlib figure drawn straight onto a ReportLab page as vector graphics (issue 19: the report's speed).

Before, the charts went through matplotlib's PDF backend into a PDF of their own, which pypdf then laid onto the
typeset pages: each figure was laid out twice (`print_figure` draws once without output for the constrained
layout, then again), its fonts were subset and embedded a second time (fontTools, ≈ 0,3 s CPU), and pypdf parsed,
merged and rewrote the pages (≈ 0,4 s CPU). Here a small matplotlib renderer turns the figure into page
operations once:
- paths become PDF path operators through matplotlib's own `convert_to_string` (what its PDF backend writes),
  with the same fill, stroke, alpha, dash, clip and hatch rules as that backend;
- text is set by ReportLab in the document's own DejaVu Sans (one font subset for the whole document), at the
  size matplotlib set it and where matplotlib placed it, so it stays real, searchable text at ≥ 8 pt;
  text matplotlib must draw itself (mathtext, a font ReportLab cannot read) is drawn as outlines.
Text is measured as the PDF backend measures it (FreeType, no hinting, 72 dpi), so the layout is that backend's.

`record` returns the operations as a `Recording`; each typesetting pass replays it onto its canvas (a few
hundred cheap calls), so matplotlib draws each chart once per document, not once per pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path as FilePath
from typing import Any, cast

from matplotlib import _path, font_manager, rcParams
from matplotlib.backend_bases import FigureCanvasBase, GraphicsContextBase, RendererBase
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from planners.exports.drawlock import DRAW_LOCK

try:  # matplotlib ≥ 3.10 names the FreeType load flags in an enum
    from matplotlib.ft2font import LoadFlags

    NO_HINTING: Any = LoadFlags.NO_HINTING
except ImportError:  # pragma: no cover - matplotlib 3.8 and 3.9
    from matplotlib.ft2font import LOAD_NO_HINTING as NO_HINTING  # type: ignore[attr-defined,no-redef]

_CODES = [b"m", b"l", b"", b"c", b"h"]  # moveto, lineto, (quad: converted), curveto, closepath
# points: a pair's "kerning" smaller than this is FreeType's rounding of positions to 1/64 (≈ ±0,005 pt), not kerning
KERN_BELOW = 0.05
HATCH_CELL = 72.0  # points: matplotlib's PDF backend tiles a hatch in cells of one inch from the figure's top


@dataclass
class Recording:
    """Canvas calls (method name, arguments) in order; `replay` makes them on a ReportLab canvas."""

    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def add(self, name: str, *args: Any) -> None:
        self.calls.append((name, args))

    def literal(self, text: str) -> None:
        self.calls.append(("addLiteral", (text,)))

    def replay(self, canvas: Any) -> None:
        for name, args in self.calls:
            getattr(canvas, name)(*args)


def _ops(path: Path, transform: Any, clip: Sequence[float] | None = None, simplify: bool = False) -> str:
    # matplotlib's PDF backend writes its paths with this (C, fast); its type stubs do not list it
    convert = _path.convert_to_string  # type: ignore[attr-defined]
    return str(convert(path, transform, clip, simplify, None, 6, _CODES, True).decode("ascii"))


def _num(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".") or "0"


def _rgb(rgb: Sequence[float]) -> str:
    return " ".join(_num(float(c)) for c in rgb[:3])


@cache
def _registered(file: str) -> str | None:
    """A font file matplotlib chose that the document has not got, registered with ReportLab under its own name;
    None when ReportLab cannot read it (then the text is drawn as outlines)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    alias = "chart-" + FilePath(file).stem
    try:
        pdfmetrics.registerFont(TTFont(alias, file))
    except Exception:  # noqa: BLE001 - any font ReportLab cannot embed (OpenType CFF, a collection) is outlined
        return None
    return alias


class _Renderer(RendererBase):
    """Draws a figure at 72 dpi (a pixel is a point) into a `Recording`, origin at the figure's lower left."""

    def __init__(self, width: float, height: float, fonts: Mapping[str, str]) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.fonts = fonts
        self.out = Recording()

    def _font_name(self, file: str) -> str | None:
        return self.fonts.get(FilePath(file).name) or _registered(file)

    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        return points

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def option_image_nocomposite(self) -> bool:
        return True

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        # as matplotlib's PDF backend measures: FreeType without hinting at 72 dpi
        font = _font_at(prop)
        font.set_text(s, 0.0, flags=NO_HINTING)
        w, h = font.get_width_height()
        return w / 64, h / 64, font.get_descent() / 64

    # --- paths ---

    def _clip(self, gc: GraphicsContextBase) -> None:
        rect = gc.get_clip_rectangle()
        if rect is not None:
            x0, y0, w, h = rect.bounds
            self.out.literal(f"{_num(x0)} {_num(y0)} {_num(w)} {_num(h)} re W n")
        clip_path, affine = gc.get_clip_path()  # a Path (the stubs say TransformedPath) and its affine
        if clip_path is not None:
            self.out.literal(_ops(cast(Path, clip_path), affine) + " W n")

    def _stroke_style(self, gc: GraphicsContextBase, alpha: float) -> None:
        caps = {"butt": 0, "round": 1, "projecting": 2}
        joins = {"miter": 0, "round": 1, "bevel": 2}
        offset, dashes = cast(tuple[Any, Any], gc.get_dashes())
        dash = f"[{' '.join(_num(d) for d in dashes)}] {_num(offset or 0)} d" if dashes else "[] 0 d"
        self.out.literal(f"{_num(gc.get_linewidth())} w {caps[gc.get_capstyle()]} J {joins[gc.get_joinstyle()]} j "
                         f"{dash} {_rgb(gc.get_rgb())} RG")
        if alpha < 1:
            self.out.add("setStrokeAlpha", float(alpha))

    def draw_path(self, gc: GraphicsContextBase, path: Path, transform: Any, rgbFace: Any = None) -> None:  # noqa: N803
        rgb = gc.get_rgb()
        # the PDF backend's alphas: a forced alpha for both, else the colours' own
        if gc.get_forced_alpha():
            stroke_alpha = fill_alpha = float(gc.get_alpha())
        else:
            stroke_alpha = float(rgb[3])
            fill_alpha = float(rgbFace[3]) if rgbFace is not None and len(rgbFace) >= 4 else 1.0
        hatch = gc.get_hatch()
        stroke = gc.get_linewidth() > 0 and gc.get_alpha() > 0 and (len(rgb) <= 3 or rgb[3] != 0.0)
        fill = rgbFace is not None and (len(rgbFace) <= 3 or rgbFace[3] != 0.0)
        if not (stroke or fill or hatch):
            return
        outline = rgbFace is None and not hatch
        ops = _ops(path, transform, (0.0, 0.0, self.width, self.height) if outline else None,
                   bool(path.should_simplify) if outline else False)
        out = self.out
        out.add("saveState")
        self._clip(gc)
        if hatch:
            self._hatch(gc, path, transform, ops, rgbFace if fill else None, fill_alpha)
            fill = False
        if fill:
            out.literal(f"{_rgb(rgbFace)} rg")
            if fill_alpha < 1:
                out.add("setFillAlpha", fill_alpha)
        if stroke:
            self._stroke_style(gc, stroke_alpha)
        if fill or stroke:
            out.literal(ops + (" B" if fill and stroke else " f" if fill else " S"))
        out.add("restoreState")

    def _hatch(self, gc: GraphicsContextBase, path: Path, transform: Any, ops: str, face: Any,
               alpha: float) -> None:
        """The path filled with its face colour and the hatch lines over it, as the PDF backend's tiling pattern
        paints it: cells of one inch counted from the figure's top left, the pattern under the fill's alpha."""
        out = self.out
        out.add("saveState")
        out.literal(ops + " W n")
        if alpha < 1:
            out.add("setFillAlpha", alpha)
            out.add("setStrokeAlpha", alpha)
        box = path.get_extents(transform)
        if face is not None:
            out.literal(f"{_rgb(face)} rg {_num(box.x0)} {_num(box.y0)} {_num(box.width)} {_num(box.height)} re f")
        colour = _rgb(cast(Sequence[float], gc.get_hatch_color()))
        cell = _ops(gc.get_hatch_path(), Affine2D().scale(HATCH_CELL))
        # the hatch's line width: the graphics context's from matplotlib 3.10, the rc setting before
        width = gc.get_hatch_linewidth() if hasattr(gc, "get_hatch_linewidth") else rcParams["hatch.linewidth"]
        out.literal(f"{colour} RG {colour} rg {_num(float(width))} w [] 0 d")
        top = self.height
        first_col = int(box.x0 // HATCH_CELL)
        last_col = int(box.x1 // HATCH_CELL)
        first_row = int((box.y0 - top) // HATCH_CELL)
        last_row = int((box.y1 - top) // HATCH_CELL)
        for i in range(first_col, last_col + 1):
            for j in range(first_row, last_row + 1):
                out.literal(f"q 1 0 0 1 {_num(i * HATCH_CELL)} {_num(top + j * HATCH_CELL)} cm {cell} B Q")
        out.add("restoreState")

    # --- text ---

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        name = None if ismath else self._font_name(font_manager.findfont(prop))
        if name is None:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # as outlines (still vector)
            return
        rgb = gc.get_rgb()
        alpha = float(gc.get_alpha()) if gc.get_forced_alpha() else float(rgb[3])
        if alpha == 0:
            return
        out = self.out
        out.add("saveState")
        self._clip(gc)
        out.add("setFillColorRGB", *(float(c) for c in rgb[:3]))
        if alpha < 1:
            out.add("setFillAlpha", alpha)
        out.add("setFont", name, float(prop.get_size_in_points()))
        if angle:
            out.add("translate", float(x), float(y))
            out.add("rotate", float(angle))
            x = y = 0.0
        for dx, run in _kerned_runs(s, prop):
            out.add("drawString", float(x) + dx, float(y), run)
        out.add("restoreState")


def _font_at(prop: Any) -> Any:
    """matplotlib's FreeType font for `prop` (with its fallbacks) at its size, 72 dpi: as its PDF backend measures."""
    font = font_manager.get_font(font_manager.fontManager._find_fonts_by_props(prop))
    font.clear()
    font.set_size(prop.get_size_in_points(), 72)
    return font


def _kerned_runs(s: str, prop: Any) -> list[tuple[float, str]]:
    """The text in runs that need no kerning inside, each with its offset where matplotlib placed its first letter.
    ReportLab sets a string without kerning, matplotlib measured and placed it kerned ("AV", "Tø", "LT"): one string
    would come out up to ≈ 3,5 % wider than measured, and right-aligned labels would end past their place."""
    from matplotlib import _text_helpers

    font = _font_at(prop)
    try:
        items = list(_text_helpers.layout(s, font))
    except Exception:  # noqa: BLE001 - a matplotlib whose private layout differs: the text unkerned, as one string
        return [(0.0, s)]
    runs: list[tuple[float, str]] = []
    for item in items:
        if runs and abs(item.prev_kern) < KERN_BELOW:
            runs[-1] = (runs[-1][0], runs[-1][1] + item.char)
        else:
            runs.append((float(item.x), item.char))
    return runs if "".join(text for _x, text in runs) == s else [(0.0, s)]


class _Canvas(FigureCanvasBase):
    """A figure's canvas whose renderer is ours, so the constrained layout measures with it (the base canvas
    would make an Agg renderer by printing the figure to PNG)."""

    def __init__(self, figure: Any, renderer: _Renderer) -> None:
        super().__init__(figure)
        self.renderer = renderer

    def get_renderer(self) -> _Renderer:
        return self.renderer


def record(figure: Any, width: float, height: float, fonts: Mapping[str, str]) -> Recording:
    """The figure (sized `width` × `height` points) drawn once into canvas operations, origin lower left. `fonts`:
    the ReportLab names (registered) of the document's fonts by the file name of each (`flow.chart_fonts`), so a
    chart's text is set in the document's own font."""
    renderer = _Renderer(width, height, fonts)
    with DRAW_LOCK:
        _Canvas(figure, renderer)
        figure.dpi = 72
        figure.draw(renderer)
    return renderer.out
