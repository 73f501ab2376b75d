"""The charts of a scenario, drawn once for the PDF report and the GUI (issue 6, DESIGN §8), and the charts of
scenarios side by side (issue 9), which take a `planners.figures.compare.Comparison` instead.

Each function takes the engine's figures (`planners.figures.engine.compute`) and returns a matplotlib `Figure` (or
draws into a `target` figure or sub-figure the caller gives, as the report does). Nothing is computed here:
bars, wedges and labels show the engine's figures as they are; the only arithmetic is for display (the
shared part of an area bar is allocated − dedicated, and the tenants grouped as "Øvrige" are summed).

matplotlib's object API only: no pyplot, so no global state and no GUI backend; a `Figure` made here prints
with the Agg (PNG) or PDF backend and embeds in Qt through `FigureCanvasQTAgg` in `desktop/`. This module is
imported only when a chart is made, because importing matplotlib costs most of the app's start time.

Every chart's data is readable back from its artists (bar widths and heights, wedge angles), which is what the
tests check; each bar container carries a `label` (its series) and the axes a `gid` (the chart's key).
"""

from __future__ import annotations

import functools
import warnings
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure, FigureBase
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from planners.exports import palette
from planners.model import CostCategory, FinancingSource
from planners.model.i18n import translate, translate_in, translate_plural
from planners.model.names import Name
from planners.model.results import ScenarioFigures, TenantFigures

# A name a user typed may hold a character the font lacks (an emoji): matplotlib draws a box and warns on
# standard error, which the command line must keep for real errors.
warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)

if TYPE_CHECKING:
    from planners.figures.compare import Comparison

# A figure of its own is sized for a screen or a projector: 10 × 6 inches with 14 pt text reads from the back
# of a meeting room. The report draws into half an A4 page with smaller text.
DEFAULT_SIZE = (10.0, 6.0)
DEFAULT_FONT = 14.0
ZERO = Decimal(0)
TITLE_ROOM = 0.55  # the part of a figure's width a title has beside the tick labels (a narrow figure wraps it)
NAMES_ROOM = 0.2  # the part of a figure's width row names may take (the titles start where they end)
SUBTITLE_ROOM = 0.8  # … and a subtitle, in its smaller type (wrapped only where it would leave the figure)
NARROW_IN = 5.0  # a figure narrower than this (inches) gives its subtitle only TITLE_ROOM: the tick labels take more


@dataclass(frozen=True)
class _Fmt:
    """Danish (or English) numbers through `planners.model.money`, the one place numbers are written."""

    lang: str = "da"

    def kr(self, value: Decimal) -> str:
        from planners.model.money import format_kr

        return format_kr(value, lang=self.lang)

    def m2(self, value: Decimal) -> str:
        from planners.model.money import format_m2

        return format_m2(value, lang=self.lang)

    def pct(self, fraction: Decimal) -> str:
        from planners.model.money import format_pct

        return format_pct(fraction, lang=self.lang)

    def decimal(self, value: float, decimals: int) -> str:
        """An axis tick with `decimals` places ("2,5")."""
        from planners.model.money import format_number

        return format_number(Decimal(repr(float(value))), decimals, self.lang)

    def number(self, value: float) -> str:
        """An axis tick in the reader's grouping ("1.250.000"), whole units."""
        from planners.model.money import format_number

        return format_number(Decimal(float(value)), 0, self.lang)


@dataclass(frozen=True)
class _Style:
    font: float

    @property
    def title(self) -> float:
        return self.font * 1.15

    @property
    def small(self) -> float:
        return self.font * 0.85


def _canvas(target: FigureBase | None, font_size: float | None) -> tuple[FigureBase, _Style]:
    if target is None:
        fig: FigureBase = Figure(figsize=DEFAULT_SIZE, layout="constrained")
        return fig, _Style(font_size or DEFAULT_FONT)
    return target, _Style(font_size or DEFAULT_FONT)


def _axes(fig: FigureBase, key: str, title: str, style: _Style, subtitle: str = "") -> Axes:
    ax = fig.add_subplot()
    ax.set_gid(key)
    # a title or subtitle longer than a narrow figure holds wraps (it starts at the axes' left edge, after the
    # tick labels: TITLE_ROOM and SUBTITLE_ROOM of the figure's width are left for them)
    title = _fit_line(title, style.title * 1.05, _width_in(fig) * 72 * TITLE_ROOM)
    room = SUBTITLE_ROOM if _width_in(fig) >= NARROW_IN else TITLE_ROOM
    subtitle = _fit_line(subtitle, style.small, _width_in(fig) * 72 * room)
    gap_lines = subtitle.count("\n") + 1
    # the title and subtitle start where the row names end: the names may take what the headings leave
    # (plus the gap between the names and the axes: tick pad, a tenant's colour square, the figure's margin)
    _HEADING_PT[ax] = max(_text_width([title], style.title * 1.05), _text_width([subtitle], style.small)) + (
        3 * style.font)
    # the subtitle sits in a fixed gap (in points) between the title and the axes, whatever the figure's size
    gap = style.small * 1.3 * gap_lines + style.small * 0.2 + 6 if subtitle else 6
    ax.set_title(title, fontsize=style.title, fontweight="bold", loc="left", pad=gap)
    if subtitle:
        ax.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 5),
            textcoords="offset points",
            fontsize=style.small,
            va="bottom",
            ha="left",
            color="#444444",
        )
    ax.tick_params(labelsize=style.small)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def _width_in(fig: FigureBase) -> float:
    """The figure's width in inches (a sub-figure: its share of its figure)."""
    if isinstance(fig, Figure):
        return float(fig.get_figwidth())
    return float(fig.bbox.width / fig.dpi)  # type: ignore[attr-defined]


def _height_in(fig: FigureBase) -> float:
    if isinstance(fig, Figure):
        return float(fig.get_figheight())
    return float(fig.bbox.height / fig.dpi)  # type: ignore[attr-defined]


def _fit_line(text: str, size: float, room: float) -> str:
    """`text` as it is where it fits `room` points at `size`, else wrapped over as many lines as it needs."""
    import textwrap

    width = _text_width([text], size) if text else 0.0
    if width <= room or not text:
        return text
    chars = max(12, int(len(text) * room / width))
    return "\n".join(textwrap.wrap(text, chars)) or text


def _empty(ax: Axes, message: str, style: _Style) -> None:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=style.font,
        color="#444444",
    )


def _kr_axis(ax: Axes, axis: Literal["x", "y"], lang: str, style: _Style) -> None:
    fmt = _Fmt(lang)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v)))
    target.set_major_locator(_FittingLocator(fmt, style.small))
    label = translate("kr.", lang)
    (ax.set_xlabel if axis == "x" else ax.set_ylabel)(label, fontsize=style.small)
    ax.grid(axis=axis, color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)


class _FittingLocator(MaxNLocator):
    """At most 5 amounts on an axis, fewer where the drawn axes has no room for them side by side (a chart
    320 px wide wrote "750.000" over "1.000.000"). Decided when the axes is drawn, at its final size."""

    def __init__(self, fmt: _Fmt, size: float) -> None:
        super().__init__(nbins=5, min_n_ticks=2)
        self.fmt, self.size = fmt, size  # the numbers' type size (the tick labels are made from this locator)

    def __call__(self) -> Any:
        from matplotlib.axis import Axis

        axis = self.axis
        if isinstance(axis, Axis) and axis.axes is not None:
            ax = axis.axes
            size = self.size
            low, high = axis.get_view_interval()
            horizontal = axis is ax.xaxis
            length_pt = (ax.bbox.width if horizontal else ax.bbox.height) * 72 / ax.figure.dpi
            if horizontal:  # the widest number side by side, a space between
                chars = max(len(self.fmt.number(low)), len(self.fmt.number(high)))
                each = (chars * 0.62 + 1.0) * size
            else:  # numbers above each other, a line and a half each
                each = 1.5 * size
            self.set_params(nbins=max(1, min(5, int(length_pt / each) - 1)))
        return super().__call__()


def _f(value: Decimal) -> float:
    return float(value)


def _tenant_markers(ax: Axes, colours: Sequence[str], style: _Style) -> None:
    """A square in the tenant's colour beside each row label, so a tenant looks the same in every chart."""
    if not colours:
        return
    trans = ax.get_yaxis_transform()  # x in axes coordinates, y in data
    ax.scatter(
        [-0.012] * len(colours),
        range(len(colours)),
        marker="s",
        s=style.font * 6,
        c=list(colours),
        transform=trans,
        clip_on=False,
        zorder=5,
        gid="tenant-markers",
    )
    ax.tick_params(axis="y", pad=style.font * 1.2)


def _value_room(ax: Axes, largest: float, axis: str) -> None:
    # room beyond the longest bar for its value label, so no label is cut at the edge
    top = largest * 1.3 if largest > 0 else 1.0
    (ax.set_xlim if axis == "x" else ax.set_ylim)(0, top)


# --- 1. area by tenant -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    label: str
    colour: str
    values: tuple[Decimal, ...]
    end_label: str = ""


def _sum(items: Sequence[TenantFigures], attr: str) -> Decimal:
    return sum((getattr(t, attr) for t in items), ZERO)


def area_by_tenant(
    figures: ScenarioFigures,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """Net area by tenant: its dedicated rooms and its share of the shared rooms, stacked; vacancy last."""
    fig, style = _canvas(target, font_size)
    fmt = _Fmt(lang)
    subtitle = translate("Huset i alt: {net} netto, {gross} brutto", lang, net=fmt.m2(figures.net_m2),
                         gross=fmt.m2(figures.gross_m2))
    ax = _axes(
        fig,
        "area_by_tenant",
        translate("Areal pr. lejer (m² netto)", lang),
        style,
        subtitle,
    )
    groups = palette.tenant_groups(figures)
    rows = [
        _Row(
            t.name,
            groups.colour(t.tenant_id),
            (t.dedicated_net_m2, t.allocated_net_m2 - t.dedicated_net_m2),
            fmt.m2(t.allocated_net_m2),
        )
        for t in groups.shown
    ]
    if groups.others:
        dedicated = _sum(groups.others, "dedicated_net_m2")
        allocated = _sum(groups.others, "allocated_net_m2")
        rows.append(
            _Row(
                _others_label(groups.others, lang),
                palette.OTHERS_COLOUR,
                (dedicated, allocated - dedicated),
                fmt.m2(allocated),
            )
        )
    if figures.vacant_net_m2:
        rows.append(
            _Row(
                palette.pick(palette.VACANT_NAME, lang),
                palette.VACANT_COLOUR,
                (figures.vacant_net_m2, ZERO),
                fmt.m2(figures.vacant_net_m2),
            )
        )
    if not rows:
        _empty(ax, translate("Ingen rum i scenariet", lang), style)
        return fig
    series = (translate("Eget areal", lang), translate("Andel af fællesareal", lang))
    _stacked_rows(ax, rows, series, hatches=("", "//"), alphas=(1.0, 0.45), style=style)
    ax.set_xlabel("m²", fontsize=style.small)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v)))
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    fig.legend(
        handles=[
            Patch(facecolor="#777777", label=series[0]),
            Patch(facecolor="#777777", alpha=0.45, hatch="//", label=series[1]),
        ],
        fontsize=style.small,
        loc="outside lower right",
        ncols=3,
        frameon=False,
    )
    return fig


def _others_label(others: Sequence[TenantFigures], lang: str) -> str:
    return translate_plural("Øvrige ({n} lejer)", "Øvrige ({n} lejere)", len(others), lang, n=len(others))


def _stacked_rows(
    ax: Axes,
    rows: Sequence[_Row],
    series: Sequence[str],
    hatches: Sequence[str],
    alphas: Sequence[float],
    style: _Style,
    part_colours: Sequence[str] | None = None,
) -> None:
    """Horizontal stacked bars, one row per entry (first row on top), one bar container per series.

    Each segment takes its row's colour (its tenant or category), or with `part_colours` its series' colour.
    """
    positions = list(range(len(rows)))
    left = [0.0] * len(rows)
    for i, label in enumerate(series):
        widths = [_f(row.values[i]) for row in rows]
        colours = [part_colours[i] if part_colours else row.colour for row in rows]
        if part_colours:
            # rows without their own parts (the owner's vacancy cost) keep their own colour
            colours = [
                row.colour if row.colour == palette.VACANT_COLOUR else c
                for row, c in zip(rows, colours, strict=True)
            ]
        ax.barh(
            positions,
            widths,
            left=left,
            color=colours,
            alpha=alphas[i],
            hatch=hatches[i],
            edgecolor="white",
            linewidth=0.6,
            label=label,
            height=0.66,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    _set_row_names(ax, positions, [row.label for row in rows], style)
    ax.invert_yaxis()
    largest = max(left) if left else 0.0
    for y, (row, end) in enumerate(zip(rows, left, strict=True)):
        if row.end_label:
            ax.text(
                end + largest * 0.015,
                y,
                row.end_label,
                va="center",
                ha="left",
                fontsize=style.small,
                color=palette.TEXT_COLOUR,
            )
    _value_room(ax, largest, "x")


def _row_labels(ax: Axes, labels: Sequence[str], style: _Style) -> list[str]:
    """Row names over two lines where each row has the height for them, else on one line, shortened with "…"
    (nine tenants in a chart 270 px tall at 1024 px: wrapped names ran into each other). A first guess for the
    layout, from the figure's height (the axes take about half of it); `_RowNames` decides again when the axes
    is drawn at its final size."""
    row_pt = _height_in(ax.get_figure()) * 72 * 0.5 / max(len(labels), 1)  # type: ignore[arg-type]
    return _fitted_names(labels, row_pt, style.small, _names_room(ax))


def _fitted_names(labels: Sequence[str], row_pt: float, size: float, max_pt: float = float("inf")) -> list[str]:
    """Names over two lines where a row has the height (`row_pt`) for them, else on one line; never wider than
    `max_pt` (a title starts where the names end: a name a third of a narrow chart wide pushed it off the edge),
    shortened with "…" where they must be."""
    if row_pt >= 2.3 * size * 1.2:  # two lines and a little air
        return [_wrap_within(label, size, max_pt) for label in labels]
    limit = 26 if row_pt >= 1.15 * size else 14
    return [_cut_within(label, limit, size, max_pt) for label in labels]


def _cut_within(label: str, limit: int, size: float, max_pt: float) -> str:
    text = label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
    while len(text) > 4 and _line_width(text, size) > max_pt:
        text = text[:-2].rstrip() + "…"
    return text


def _wrap_within(label: str, size: float, max_pt: float) -> str:
    width = 28
    text = _wrap(label, width)
    while width > 8 and _text_width([text], size) > max_pt:
        width -= 3
        text = _wrap(label, width)
    return text


class _RowNames(FuncFormatter):
    """The rows' names as tick labels, fitted to the height each row has when the axes is drawn (constrained
    layout settles the axes' size only then: a legend of five long scenario names takes much of a small chart)."""

    def __init__(self, ax: Axes, positions: Sequence[float], labels: Sequence[str], style: _Style) -> None:
        super().__init__(self._label)
        self.ax, self.positions, self.labels, self.size = ax, list(positions), list(labels), style.small
        # the names fitted for one (row height, room): every tick of a drawing asks for the same fit
        self._fitted: tuple[tuple[float, float], list[str]] | None = None

    def _label(self, value: float, _pos: int | None = None) -> str:
        distances = [abs(value - p) for p in self.positions]
        if not distances or min(distances) > 0.01:
            return ""
        height_pt = self.ax.bbox.height * 72 / self.ax.figure.dpi
        low, high = sorted(self.ax.get_ylim())
        rows = max(high - low, 1.0)  # rows are one unit apart: a row's height is the axes' per unit
        fit = (height_pt / rows, _names_room(self.ax))
        if self._fitted is None or self._fitted[0] != fit:
            self._fitted = (fit, _fitted_names(self.labels, fit[0], self.size, fit[1]))
        return self._fitted[1][distances.index(min(distances))]


_HEADING_PT: weakref.WeakKeyDictionary[Axes, float] = weakref.WeakKeyDictionary()


def _names_room(ax: Axes) -> float:
    """How wide (points) an axes' row names may be: what its title and subtitle leave of the figure's width
    (they start at the axes' left edge, after the names), but never under NAMES_ROOM of it."""
    figure_pt = _width_in(ax.get_figure()) * 72  # type: ignore[arg-type]
    heading = _HEADING_PT.get(ax, figure_pt * (1 - NAMES_ROOM))
    return max(figure_pt * NAMES_ROOM, figure_pt * 0.97 - heading)


class _ColumnNames(FuncFormatter):
    """The groups' names under vertical bars, on as many lines as the group's width needs when the axes is drawn
    ("Finansiering" and "Årlige udgifter" ran into each other in a chart 480 px wide). A name's "-\n" marks
    where it may be hyphenated; a word wider than the group is hyphenated where it must be."""

    def __init__(self, ax: Axes, labels: Sequence[str], style: _Style) -> None:
        super().__init__(self._label)
        self.ax, self.labels, self.size = ax, list(labels), style.small

    def _label(self, value: float, _pos: int | None = None) -> str:
        index = round(value)
        if abs(value - index) > 0.01 or not 0 <= index < len(self.labels):
            return ""
        room = self.ax.bbox.width * 72 / self.ax.figure.dpi / max(len(self.labels), 1) * 0.92
        return _column_name(self.labels[index], self.size, room)


def _column_name(label: str, size: float, room: float) -> str:
    one = label.replace("-\n", "")
    if _line_width(one, size) <= room:
        return one
    pieces = [p for p in label.replace("-\n", "-\x00").replace(" ", " \x00").split("\x00") if p]
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if line and _line_width((line + piece).rstrip(), size) > room:
            lines.append(line.rstrip())
            line = ""
        while _line_width(piece.rstrip(), size) > room and len(piece.rstrip()) > 3:
            cut = len(piece.rstrip()) - 3  # never fewer than three letters after a hyphen
            while cut > 2 and _line_width(piece[:cut] + "-", size) > room:
                cut -= 1
            lines.append(piece[:cut] + "-")
            piece = piece[cut:]
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def _set_row_names(ax: Axes, positions: Sequence[float], labels: Sequence[str], style: _Style) -> None:
    """Row names on the y axis, fitted to the rows' height at draw time (see `_RowNames`)."""
    ax.set_yticks(list(positions))
    ax.yaxis.set_major_formatter(_RowNames(ax, positions, labels, style))
    ax.tick_params(axis="y", labelsize=style.small)


def _wrap(text: str, width: int) -> str:
    """Break a long label over two lines (and cut a third), so a tenant's name never runs off the chart."""
    import textwrap

    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return "\n".join(lines)


# --- 2. establishment by category ----------------------------------------------------------------------


def _categories(figures: ScenarioFigures) -> list[CostCategory]:
    return [c for c in CostCategory if figures.by_category.get(c, ZERO) != 0]


def establishment_by_category(
    figures: ScenarioFigures,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """Establishment costs by category, eligible for the grant (solid) and not eligible (hatched)."""
    fig, style = _canvas(target, font_size)
    fmt = _Fmt(lang)
    subtitle = translate("I alt {total}, heraf tilskudsberettiget {eligible}", lang,
                         total=fmt.kr(figures.establishment_total), eligible=fmt.kr(figures.eligible_total))
    ax = _axes(
        fig,
        "establishment_by_category",
        translate("Anlægsudgifter efter kategori", lang),
        style,
        subtitle,
    )
    categories = _categories(figures)
    if not categories:
        _empty(ax, translate("Ingen anlægsudgifter", lang), style)
        return fig
    rows = [
        _Row(
            palette.name(palette.CATEGORY_NAMES, c, lang),
            palette.CATEGORY_COLOURS[c],
            (
                figures.eligible_by_category.get(c, ZERO),
                figures.by_category[c] - figures.eligible_by_category.get(c, ZERO),
            ),
            fmt.kr(figures.by_category[c]),
        )
        for c in categories
    ]
    series = (translate("Tilskudsberettiget", lang), translate("Ikke tilskudsberettiget", lang))
    _stacked_rows(ax, rows, series, hatches=("", "//"), alphas=(1.0, 0.4), style=style)
    _kr_axis(ax, "x", lang, style)
    fig.legend(
        handles=[
            Patch(facecolor="#777777", label=series[0]),
            Patch(facecolor="#777777", alpha=0.4, hatch="//", label=series[1]),
        ],
        fontsize=style.small,
        loc="outside lower right",
        ncols=3,
        frameon=False,
    )
    return fig


# --- 3. financing sources ----------------------------------------------------------------------------


def financing_sources(
    figures: ScenarioFigures,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """The financing by source as a ring; the grant's share of the eligible costs in the middle."""
    fig, style = _canvas(target, font_size)
    fmt = _Fmt(lang)
    subtitle = translate("Finansiering i alt {total}", lang, total=fmt.kr(figures.financing_total))
    if figures.financing_difference != 0:
        subtitle += translate(" — afviger {difference} fra anlægsudgifterne", lang,
                              difference=fmt.kr(figures.financing_difference))
    ax = _axes(fig, "financing_sources", translate("Finansiering", lang), style, subtitle)
    sources = [s for s in FinancingSource if figures.financing_by_source.get(s, ZERO) > 0]
    if not sources:
        _empty(ax, translate("Ingen finansiering", lang), style)
        return fig
    amounts = [figures.financing_by_source[s] for s in sources]
    # The legend beside the ring on a wide figure, below it on a narrow one; each entry the source's name
    # (wrapped) over its amount in millions ("2,97 mio. kr."): "Egenfinansiering, kommune: 2.969.154 kr." on one
    # line ran past the figure's right edge in the report and in a narrow window (issue 15.7).
    beside = _width_in(fig) >= LEGEND_BESIDE_RATIO * _height_in(fig)
    labels = [  # each wedge's own label: the whole amount
        f"{palette.name(palette.SOURCE_NAMES, s, lang)}: {fmt.kr(a)}"
        for s, a in zip(sources, amounts, strict=True)
    ]
    shown = [
        f"{_wrap(palette.name(palette.SOURCE_NAMES, s, lang), LEGEND_CHARS)}\n{_short_kr(a, lang)}"
        for s, a in zip(sources, amounts, strict=True)
    ]
    wedges, _texts = ax.pie(
        [_f(a) for a in amounts],
        colors=[palette.SOURCE_COLOURS[s] for s in sources],
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.38, "edgecolor": "white"},
    )
    for wedge, label in zip(wedges, labels, strict=True):
        wedge.set_label(label)
    ax.text(0, 0.08, translate("Tilskudsandel", lang), ha="center", va="bottom", fontsize=style.small)
    ax.text(
        0, -0.02, fmt.pct(figures.grant_share), ha="center", va="top", fontsize=style.title, fontweight="bold"
    )
    ax.text(
        0,
        -0.28,
        translate("af berettigede udgifter", lang),
        ha="center",
        va="top",
        fontsize=style.small * 0.9,
        color="#444444",
    )
    ax.set_aspect("equal")
    if beside:
        ax.legend(handles=list(wedges), labels=shown, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=style.small,
                  frameon=False, labelspacing=0.8)
    else:
        ax.legend(handles=list(wedges), labels=shown, loc="upper center", bbox_to_anchor=(0.5, -0.02), fontsize=style.small,
                  frameon=False, ncols=min(len(wedges), 2), labelspacing=0.6, columnspacing=1.2)
    return fig


LEGEND_BESIDE_RATIO = 1.25  # a figure this much wider than tall has the ring's legend beside it, else below
LEGEND_CHARS = 22  # a legend entry's name wraps at about this many characters
LEGEND_NAME_CHARS = 30  # … and a scenario's name in a comparison's legend at this many


def _short_kr(value: Decimal, lang: str) -> str:
    """An amount as a legend has room for: "2,97 mio. kr." from a million up, else whole kroner ("450.000 kr.")."""
    from planners.model.money import format_kr, format_number

    if abs(value) < 1_000_000:
        return format_kr(value, lang=lang)
    return f"{format_number(_mio(value), 2, lang)} {translate_in('forkortet', 'mio. kr.', lang)}"


# --- 4. annual cost per tenant -----------------------------------------------------------------------


def annual_cost_by_tenant(
    figures: ScenarioFigures,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """Each tenant's annual cost: space rent, equipment and shared services, stacked; vacancy last."""
    fig, style = _canvas(target, font_size)
    fmt = _Fmt(lang)
    subtitle = translate("Årlige udgifter i alt {total}", lang, total=fmt.kr(figures.annual_cost_total))
    ax = _axes(
        fig,
        "annual_cost_by_tenant",
        translate("Årlig udgift pr. lejer", lang),
        style,
        subtitle,
    )
    groups = palette.tenant_groups(figures)
    rows = [
        _Row(
            t.name,
            groups.colour(t.tenant_id),
            (t.space_rent, t.equipment_share, t.services_share),
            fmt.kr(t.total),
        )
        for t in groups.shown
    ]
    if groups.others:
        rows.append(
            _Row(
                _others_label(groups.others, lang),
                palette.OTHERS_COLOUR,
                (
                    _sum(groups.others, "space_rent"),
                    _sum(groups.others, "equipment_share"),
                    _sum(groups.others, "services_share"),
                ),
                fmt.kr(_sum(groups.others, "total")),
            )
        )
    if figures.vacancy_cost:
        rows.append(
            _Row(
                translate("Tomgang (ejer)", lang),
                palette.VACANT_COLOUR,
                (figures.vacancy_cost, ZERO, ZERO),
                fmt.kr(figures.vacancy_cost),
            )
        )
    if not rows:
        _empty(ax, translate("Ingen årlige udgifter", lang), style)
        return fig
    series = (
        translate("Husleje", lang),
        translate("Udstyr", lang),
        translate("Fælles ydelser", lang),
    )
    parts = (
        palette.PART_COLOURS["space"],
        palette.PART_COLOURS["equipment"],
        palette.PART_COLOURS["services"],
    )
    _stacked_rows(
        ax, rows, series, hatches=("", "", ""), alphas=(1.0, 1.0, 1.0), style=style, part_colours=parts
    )
    _tenant_markers(ax, [row.colour for row in rows], style)
    _kr_axis(ax, "x", lang, style)
    fig.legend(
        handles=[Patch(facecolor=c, label=s) for s, c in zip(series, parts, strict=True)],
        fontsize=style.small,
        loc="outside lower right",
        ncols=3,
        frameon=False,
    )
    return fig


# --- 5. spending by year -----------------------------------------------------------------------------


def spending_by_year(
    figures: ScenarioFigures,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """Establishment spending by year, stacked by category (the categories' colours as in chart 2)."""
    fig, style = _canvas(target, font_size)
    fmt = _Fmt(lang)
    ax = _axes(
        fig,
        "spending_by_year",
        translate("Anlægsudgifter pr. år", lang),
        style,
        translate("I alt {total}", lang, total=fmt.kr(figures.establishment_total)),
    )
    years = figures.years
    categories = _categories(figures)
    if not years or not categories:
        _empty(ax, translate("Ingen anlægsudgifter", lang), style)
        return fig
    positions = list(range(len(years)))
    bottom = [0.0] * len(years)
    for c in categories:
        per_year = figures.by_category_year.get(c, {})
        heights = [_f(per_year.get(y, ZERO)) for y in years]
        ax.bar(
            positions,
            heights,
            bottom=bottom,
            color=palette.CATEGORY_COLOURS[c],
            width=0.6,
            edgecolor="white",
            linewidth=0.6,
            label=palette.name(palette.CATEGORY_NAMES, c, lang),
        )
        bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
    top = max(bottom) if bottom else 0.0
    for x, y in zip(positions, years, strict=True):
        ax.text(
            x,
            bottom[x] + top * 0.015,
            fmt.kr(figures.by_year[y]),
            ha="center",
            va="bottom",
            fontsize=style.small,
        )
    ax.set_xticks(positions, [str(y) for y in years], fontsize=style.small)
    _kr_axis(ax, "y", lang, style)
    _value_room(ax, top, "y")
    ax.legend(fontsize=style.small, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, reverse=True)
    return fig


# --- 6. rent per m² with and without the grant ---------------------------------------------------------


def rent_with_without_grant(
    figures: ScenarioFigures,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """The cost-based rent per gross m² a year, with the grant and as if the grant were borrowed."""
    fig, style = _canvas(target, font_size)
    fmt = _Fmt(lang)
    interest, years = figures.grant_loan_terms
    terms = fmt.pct(interest / 100)
    subtitle = translate("Uden tilskud: tilskuddet ({grant}) regnet som lån til {terms} over {years} år", lang,
                         grant=fmt.kr(figures.grant), terms=terms, years=years)
    ax = _axes(
        fig,
        "rent_with_without_grant",
        translate("Husleje pr. m² brutto pr. år", lang),
        style,
        subtitle,
    )
    values = (figures.rent_per_gross_m2, figures.rent_per_gross_m2_without_grant)
    labels = (translate("Med tilskud", lang), translate("Uden tilskud", lang))
    colours = (palette.RENT_COLOURS["with_grant"], palette.RENT_COLOURS["without_grant"])
    ax.bar([0, 1], [_f(v) for v in values], color=colours, width=0.5, label="rent")
    for x, value in enumerate(values):
        ax.text(
            x,
            _f(max(values)) * 0.015 + _f(value),
            translate("{amount} pr. m²", lang, amount=fmt.kr(value)),
            ha="center",
            va="bottom",
            fontsize=style.font,
            fontweight="bold",
        )
    ax.set_xticks([0, 1], labels, fontsize=style.font)
    ax.set_xlim(-0.7, 1.7)
    _kr_axis(ax, "y", lang, style)
    _value_room(ax, _f(max(values)), "y")
    return fig


# --- 7. each tenant's annual cost against its current rent ------------------------------------------------


def cost_vs_current_rent(
    figures: ScenarioFigures,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """Each tenant's new annual cost beside its current annual rent (where given), with the change."""
    fig, style = _canvas(target, font_size)
    fmt = _Fmt(lang)
    ax = _axes(
        fig,
        "cost_vs_current_rent",
        translate("Ny årlig udgift mod nuværende husleje", lang),
        style,
        translate("Lejere der har oplyst deres nuværende husleje", lang),
    )
    groups = palette.tenant_groups(figures)
    rows: list[tuple[str, str, Decimal, Decimal, str]] = []
    for t in groups.shown:
        if t.current_annual_rent is None:
            continue
        change = ""
        if t.change is not None:
            sign = "+" if t.change > 0 else ""
            change = f"{sign}{fmt.kr(t.change)}"
            if t.change_pct is not None:
                change += f" ({sign}{fmt.pct(t.change_pct)})"
        rows.append((t.name, groups.colour(t.tenant_id), t.total, t.current_annual_rent, change))
    grouped = [t for t in groups.others if t.current_annual_rent is not None]
    if grouped:
        rows.append(
            (
                _others_label(grouped, lang),
                palette.OTHERS_COLOUR,
                _sum(grouped, "total"),
                _sum(grouped, "current_annual_rent"),
                "",
            )
        )
    if not rows:
        _empty(
            ax,
            translate("Ingen lejer har oplyst sin nuværende husleje", lang),
            style,
        )
        return fig
    positions = list(range(len(rows)))
    height = 0.38
    new_label, old_label = (
        translate("Ny årlig udgift", lang),
        translate("Nuværende husleje", lang),
    )
    ax.barh(
        [p - height / 2 for p in positions],
        [_f(r[2]) for r in rows],
        height=height,
        color=[r[1] for r in rows],
        label=new_label,
    )
    ax.barh(
        [p + height / 2 for p in positions],
        [_f(r[3]) for r in rows],
        height=height,
        color=[r[1] for r in rows],
        alpha=0.4,
        hatch="//",
        edgecolor="white",
        label=old_label,
    )
    largest = max(max(_f(r[2]), _f(r[3])) for r in rows)
    for p, r in zip(positions, rows, strict=True):
        if r[4]:
            ax.text(
                max(_f(r[2]), _f(r[3])) + largest * 0.015,
                p,
                r[4],
                va="center",
                ha="left",
                fontsize=style.small,
            )
    _set_row_names(ax, positions, [r[0] for r in rows], style)
    ax.invert_yaxis()
    _kr_axis(ax, "x", lang, style)
    _value_room(ax, largest * 1.15, "x")
    # … and on a narrow figure room for the longest label itself ("+131.385 kr. (+16,8 %)" was cut at 600 px):
    # the axes take about 0,6 of the figure's width beside the tenants' names
    label_pt = _text_width([r[4] for r in rows if r[4]], style.small)
    axes_pt = _width_in(fig) * 72 * 0.6
    if label_pt and axes_pt > 0:
        share = min(0.6, (label_pt + style.small) / axes_pt)
        ax.set_xlim(0, max(ax.get_xlim()[1], largest * 1.015 / (1 - share)))
    fig.legend(
        handles=[
            Patch(facecolor="#777777", label=new_label),
            Patch(facecolor="#777777", alpha=0.4, hatch="//", label=old_label),
        ],
        fontsize=style.small,
        loc="outside lower right",
        ncols=3,
        frameon=False,
    )
    return fig


# --- 8–10. scenarios side by side (issue 9) ----------------------------------------------------------------

# One colour per compared scenario, in the comparison's order: Paul Tol's "bright" scheme (as the financing
# sources), whose colours stay apart for the common colour-vision deficiencies.
SCENARIO_COLOURS: tuple[str, ...] = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")

# The figures the bar charts show, with the short axis labels they need (the rows' own labels are long).
COMPARED_KEY_FIGURES: dict[str, Name] = {
    "establishment_total": Name("Anlæg i alt"),
    "eligible_total": Name("Tilskuds-\nberettiget"),
    "grant": Name("Tilskud"),
    "financing_total": Name("Finansiering"),
    "annual_cost_total": Name("Årlige udgifter"),
}
COMPARED_RENT: dict[str, Name] = {
    "rent_per_gross_m2": Name("Med tilskud"),
    "rent_per_gross_m2_without_grant": Name("Uden tilskud"),
}


def scenario_colour(index: int) -> str:
    return SCENARIO_COLOURS[index % len(SCENARIO_COLOURS)]


def _text_width(texts: Sequence[str], size: float) -> float:
    """The width in points of the widest line of `texts` at `size` (matplotlib's own font metrics)."""
    return max((_line_width(line, size) for text in texts for line in text.split("\n") if line), default=0.0)


@functools.lru_cache(maxsize=4096)
def _line_width(line: str, size: float) -> float:
    """One line's width in points, as matplotlib lays text out (the font's advance, a little wider than the ink).

    Measured from the font's glyph metrics, not by building the line's outline as a path and taking its extent:
    that cost ≈ 9 ms a line, 100 ms of a comparison chart's 200 ms (issue 15.5); this ≈ 0,4 ms, and a line
    measured once is remembered (the same titles and names come back with every redraw)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    width, _height, _descent = text_to_path.get_text_width_height_descent(line, FontProperties(size=size),
                                                                          ismath=False)
    return float(width)


def _legend_columns(fig: FigureBase, labels: Sequence[str], size: float, most: int) -> int:
    """As many legend columns (up to `most`) as the figure's width holds: five scenarios' names in four columns
    ran past both edges of a window 800 pixels wide. Each column is taken as wide as the widest entry's longest
    line plus its colour patch and the gaps."""
    widest = _text_width(labels, size) + 3.5 * size
    room = _width_in(fig) * 72 * 0.96
    columns = max(1, min(most, len(labels)))
    while columns > 1 and columns * widest > room:
        columns -= 1
    return columns


def _scenario_legend(fig: FigureBase, comparison: Comparison, lang: str, style: _Style) -> None:
    base = translate(" (basis)", lang)
    labels = [_wrap(name + (base if name == comparison.base else ""), LEGEND_NAME_CHARS)
              for name in comparison.scenarios]
    fig.legend(
        handles=[Patch(facecolor=scenario_colour(i), label=label) for i, label in enumerate(labels)],
        fontsize=style.small,
        loc="outside lower center",
        ncols=_legend_columns(fig, labels, style.small, 4),
        frameon=False,
    )


def _grouped_columns(ax: Axes, comparison: Comparison, keys: dict[str, Name], lang: str,
                     style: _Style, value_labels: bool = False) -> None:
    """Vertical bars: one group per key figure, one bar per scenario (a bar container per scenario)."""
    n = len(comparison.scenarios)
    width = 0.8 / n
    positions = range(len(keys))
    fmt = _Fmt(lang)
    largest = 0.0
    for i, name in enumerate(comparison.scenarios):
        values = [comparison.value(key, name) for key in keys]
        heights = [_f(v) if v is not None else float("nan") for v in values]
        xs = [p - 0.4 + width * (i + 0.5) for p in positions]
        ax.bar(xs, heights, width=width * 0.92, color=scenario_colour(i), label=name)
        largest = max([largest, *(h for h in heights if h == h)])
        if value_labels:
            for x, v in zip(xs, values, strict=True):
                if v is not None:
                    ax.text(x, _f(v), fmt.kr(v), ha="center", va="bottom", fontsize=style.small * 0.9)
    ax.set_xticks(list(positions))
    ax.xaxis.set_major_formatter(_ColumnNames(ax, [palette.pick(label, lang) for label in keys.values()], style))
    ax.tick_params(axis="x", labelsize=style.small)
    _kr_axis(ax, "y", lang, style)
    _value_room(ax, largest, "y")


def compare_key_figures(
    comparison: Comparison,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """Establishment, eligible costs, grant, financing and annual cost of each compared scenario, side by side."""
    fig, style = _canvas(target, font_size)
    ax = _axes(
        fig,
        "compare_key_figures",
        translate("Nøgletal pr. scenarie", lang),
        style,
        translate("Anlæg, finansiering og årlige udgifter; «{base}» er basis", lang, base=comparison.base),
    )
    _grouped_columns(ax, comparison, COMPARED_KEY_FIGURES, lang, style)
    _scenario_legend(fig, comparison, lang, style)
    return fig


def compare_rent(
    comparison: Comparison,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """The rent per gross m² a year, with the grant and as if it were borrowed, of each compared scenario."""
    fig, style = _canvas(target, font_size)
    ax = _axes(
        fig,
        "compare_rent",
        translate("Husleje pr. m² brutto pr. år pr. scenarie", lang),
        style,
        translate("Med tilskud og som om tilskuddet var lånt", lang),
    )
    _grouped_columns(ax, comparison, COMPARED_RENT, lang, style, value_labels=True)
    _scenario_legend(fig, comparison, lang, style)
    return fig


def compare_tenant_totals(
    comparison: Comparison,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """Each tenant's annual total in each compared scenario (tenants matched by id); a tenant missing from a
    scenario has no bar there and says so, it is not drawn as 0."""
    fig, style = _canvas(target, font_size)
    ax = _axes(
        fig,
        "compare_tenant_totals",
        translate("Lejernes årlige udgift pr. scenarie", lang),
        style,
        translate("Husleje, udstyr og fælles ydelser i alt", lang),
    )
    rows = _group_tenant_rows(comparison.tenant_rows, lang)
    if not rows:
        _empty(ax, translate("Ingen lejere i scenarierne", lang), style)
        return fig
    n = len(comparison.scenarios)
    height = 0.8 / n
    largest = max((_f(v) for r in rows for v in r.values if v is not None), default=0.0)
    absent = translate("findes ikke i scenariet", lang)
    for i, name in enumerate(comparison.scenarios):
        ys = [p - 0.4 + height * (i + 0.5) for p in range(len(rows))]
        widths = [float("nan") if (v := r.values[i]) is None else _f(v) for r in rows]
        ax.barh(ys, widths, height=height * 0.92, color=scenario_colour(i), label=name)
        for y, r in zip(ys, rows, strict=True):
            if r.values[i] is None:
                ax.text(largest * 0.01, y, f"{name}: {absent}", va="center", ha="left",
                        fontsize=style.small * 0.8, color="#555555", gid="absent")
    _set_row_names(ax, range(len(rows)), [r.label(lang) for r in rows], style)
    ax.invert_yaxis()
    _kr_axis(ax, "x", lang, style)
    _value_room(ax, largest, "x")
    _scenario_legend(fig, comparison, lang, style)
    return fig


@dataclass(frozen=True)
class _TenantBars:
    """A tenant's (or the grouped rest's) annual totals, one per compared scenario (None: absent)."""

    name: str
    values: tuple[Decimal | None, ...]

    def label(self, _lang: str) -> str:
        return self.name


def _group_tenant_rows(rows: Sequence[object], lang: str, limit: int = palette.MAX_TENANTS) -> list[_TenantBars]:
    """As in the scenario charts (issue 6): beyond ten tenants the largest nine keep their bars and the rest are
    one "Øvrige" bar per scenario (the sum of those present; absent where none is). Readable on a projector,
    and the chart stays quick to draw for a house of 60 tenants."""
    bars = [_TenantBars(r.label(lang), r.values) for r in rows]  # type: ignore[attr-defined]
    if len(bars) <= limit:
        return bars

    def size(bar: _TenantBars) -> Decimal:
        return max((v for v in bar.values if v is not None), default=ZERO)

    ranked = sorted(range(len(bars)), key=lambda i: size(bars[i]), reverse=True)
    keep = set(ranked[: limit - 1])
    rest = [bars[i] for i in range(len(bars)) if i not in keep]
    sums = tuple(
        None if all(b.values[s] is None for b in rest) else sum((b.values[s] or ZERO for b in rest), ZERO)
        for s in range(len(bars[0].values))
    )
    others = f"{palette.pick(palette.OTHERS_NAME, lang)} ({len(rest)})"
    return [bars[i] for i in range(len(bars)) if i in keep] + [_TenantBars(others, sums)]


# --- 11–12. differences against the base scenario (issue 15.4) --------------------------------------------------
#
# The side-by-side charts put 55 mio. and 5 mio. on one axis, where a difference of 2,5 mio. is invisible. These
# show only the differences (scenario − base, `Comparison.differences`, exact), one bar per other scenario, about
# a zero line, every bar with its signed value; the key figures in mio. kr., each tenant's cost in kr. a month.


def _mio(value: Decimal) -> Decimal:
    # kroner → millions of kroner for display: a shift of the decimal point, exact
    return value.scaleb(-6)


def _signed(text: str) -> str:
    """A number as `format_number` wrote it, with its sign as a difference shows it (+, −, ±0)."""
    if text.lstrip("-").strip("0.,") == "":
        return "±0"
    return "−" + text[1:] if text.startswith("-") else "+" + text


def _mio_change(value: Decimal, lang: str) -> str:
    """A difference in millions from a million up ("+2,50 mio. kr."), in kroner below ("+3.000 kr."), so a
    small change never reads as ±0."""
    from planners.model.money import format_change, format_number

    if abs(value) < 1_000_000:
        return format_change(value, "kr", lang)
    return f"{_signed(format_number(_mio(value), 2, lang))} {translate_in('forkortet', 'mio. kr.', lang)}"


def _difference_bars(ax: Axes, labels: Sequence[str], values: Sequence[Sequence[Decimal | None]],
                     comparison: Comparison, style: _Style, scale: Callable[[Decimal], Decimal],
                     text: Callable[[Decimal], str], lang: str) -> None:
    """Horizontal bars about zero: one row per label, one bar per non-base scenario (a bar container each,
    labelled with the scenario's name), its signed value beside its end; an absent value says so."""
    others = [i for i in range(len(comparison.scenarios)) if i != comparison.base_index]
    n = len(others)
    height = 0.8 / n
    scaled = [[None if v is None else _f(scale(v)) for v in row] for row in values]
    largest = max((abs(v) for row in scaled for v in row if v is not None), default=0.0) or 1.0
    absent = translate("findes ikke i", lang)
    placed: list[tuple[float, float]] = []  # each value label: where it starts (data) and its width (points, signed)
    for k, i in enumerate(others):
        ys = [p - 0.4 + height * (k + 0.5) for p in range(len(labels))]
        widths: list[float] = [float("nan") if (w := row[i]) is None else w for row in scaled]
        ax.barh(ys, widths, height=height * 0.9, color=scenario_colour(i), label=comparison.scenarios[i])
        for y, row, exact in zip(ys, scaled, values, strict=True):
            v, e = row[i], exact[i]
            if v is None or e is None:
                note = f"{absent} «{comparison.scenarios[i]}»"
                ax.text(largest * 0.02, y, note, va="center", ha="left",
                        fontsize=style.small * 0.85, color="#555555", gid="absent")
                placed.append((largest * 0.02, _text_width([note], style.small * 0.85)))
                continue
            at = v + (largest * 0.02 if v >= 0 else -largest * 0.02)
            ax.text(at, y, text(e), va="center",
                    ha="left" if v >= 0 else "right", fontsize=style.small, color=palette.TEXT_COLOUR,
                    gid="difference")
            width_pt = _text_width([text(e)], style.small)
            placed.append((at, width_pt if v >= 0 else -width_pt))
    ax.axvline(0, color="#333333", linewidth=1.0)
    # room for the value labels beyond the longest bar on each side that has bars (and for "±0" or "absent")
    low = min((v for row in scaled for v in row if v is not None), default=0.0)
    high = max((v for row in scaled for v in row if v is not None), default=0.0)
    lo, hi = min(low * 1.5, -largest * 0.05), max(high * 1.5, largest * 0.5)
    # … measured: a label "−5,07 mio. kr." left of a long negative bar ran over the tenants' names when a larger
    # positive bar set the scale. The axes' width in points is the figure's less the row labels beside it; the
    # limits widen until every label's far end is inside them (a few rounds: widening changes the scale).
    # Names over two lines where each row has the height for them, else on one line, shortened with "…" (nine
    # tenants in a chart 270 px tall at 1024 px: wrapped names ran into each other)
    shown = _row_labels(ax, labels, style)
    row_labels = _text_width(shown, style.small) + 3 * style.small
    axes_pt = max(_width_in(ax.get_figure()) * 72 * 0.96 - row_labels, 72.0)  # type: ignore[arg-type]
    for _round in range(4):
        per_pt = (hi - lo) / axes_pt
        ends = [at + width * per_pt for at, width in placed]
        lo, hi = min([lo, *(e - 2 * per_pt for e in ends)]), max([hi, *(e + 2 * per_pt for e in ends)])
    ax.set_xlim(lo, hi)
    _set_row_names(ax, range(len(labels)), labels, style)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first row on top
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)


def _difference_legend(fig: FigureBase, comparison: Comparison, lang: str, style: _Style) -> None:
    others = [i for i in range(len(comparison.scenarios)) if i != comparison.base_index]
    labels = [_wrap(comparison.scenarios[i], LEGEND_NAME_CHARS) for i in others]
    fig.legend(
        handles=[Patch(facecolor=scenario_colour(i), label=label) for i, label in zip(others, labels, strict=True)],
        title=translate("mod «{base}» (basis)", lang, base=comparison.base),
        title_fontsize=style.small,
        fontsize=style.small,
        loc="outside lower center",
        ncols=_legend_columns(fig, labels, style.small, 4),
        frameon=False,
    )


def compare_key_figure_differences(
    comparison: Comparison,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
) -> FigureBase:
    """Each other scenario's difference against the base in establishment, eligible costs, grant, financing and
    annual cost, in mio. kr.: a 2,5 mio. change is as visible as the figure it changes is large."""
    fig, style = _canvas(target, font_size)
    ax = _axes(
        fig,
        "compare_key_figure_differences",
        translate("Forskelle i nøgletal", lang),
        style,
        translate("Mio. kr. i forhold til «{base}»; til højre: mere end basis", lang, base=comparison.base),
    )
    keys = list(COMPARED_KEY_FIGURES)
    labels = [palette.pick(COMPARED_KEY_FIGURES[k], lang).replace("-\n", "") for k in keys]
    values = [comparison.row(k).differences for k in keys]
    _difference_bars(ax, labels, values, comparison, style, _mio, lambda d: _mio_change(d, lang), lang)
    fmt = _Fmt(lang)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.decimal(v, 1)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, min_n_ticks=3))
    ax.set_xlabel(translate("mio. kr.", lang), fontsize=style.small)
    _difference_legend(fig, comparison, lang, style)
    return fig


def compare_tenant_differences(
    comparison: Comparison,
    lang: str = "da",
    target: FigureBase | None = None,
    font_size: float | None = None,
    limit: int = palette.MAX_TENANTS,
) -> FigureBase:
    """What each tenant pays more or less a month than in the base (its annual total's difference ÷ 12), for the
    `limit` tenants whose cost changes most; a tenant absent from a scenario says so and has no bar."""
    from planners.figures.whatif import monthly
    from planners.model.money import format_change

    fig, style = _canvas(target, font_size)
    rows = list(comparison.tenant_rows)

    def change(row: object) -> Decimal:
        diffs = [abs(d) for d in row.differences if d is not None]  # type: ignore[attr-defined]
        return max(diffs, default=ZERO)

    shown = sorted(rows, key=change, reverse=True)[:limit]
    shown = [r for r in rows if r in shown]  # in the comparison's order, as the table
    subtitle = translate("Kr. pr. måned i forhold til «{base}»; til højre: betaler mere", lang, base=comparison.base)
    if len(shown) < len(rows):
        subtitle += translate(" — de {shown} af {total} lejere med størst forskel", lang, shown=len(shown), total=len(rows))
    ax = _axes(fig, "compare_tenant_differences", translate("Forskel pr. lejer pr. måned", lang), style, subtitle)
    if not shown:
        _empty(ax, translate("Ingen lejere i scenarierne", lang), style)
        return fig
    values = [tuple(None if d is None else monthly(d) for d in r.differences) for r in shown]
    # the base's own column has no difference; a tenant absent from the base has none either
    _difference_bars(ax, [r.label(lang) for r in shown], values, comparison, style, lambda d: d,
                     lambda d: translate("{change} pr. md.", lang, change=format_change(d, "kr", lang)), lang)
    _kr_axis(ax, "x", lang, style)
    ax.set_xlabel(translate("kr. pr. måned", lang), fontsize=style.small)
    _difference_legend(fig, comparison, lang, style)
    return fig


# The difference charts, apart from COMPARE_CHARTS (which the report draws as its comparison pages): the GUI's
# comparison page shows both.
COMPARE_DIFFERENCE_CHARTS: tuple[tuple[str, Callable[..., FigureBase]], ...] = (
    ("compare_key_figure_differences", compare_key_figure_differences),
    ("compare_tenant_differences", compare_tenant_differences),
)


COMPARE_CHARTS: tuple[tuple[str, Callable[..., FigureBase]], ...] = (
    ("compare_key_figures", compare_key_figures),
    ("compare_rent", compare_rent),
    ("compare_tenant_totals", compare_tenant_totals),
)


# --- the list the report and the GUI use -------------------------------------------------------------------

ChartFunction = Callable[..., FigureBase]

CHARTS: tuple[tuple[str, ChartFunction], ...] = (
    ("area_by_tenant", area_by_tenant),
    ("establishment_by_category", establishment_by_category),
    ("financing_sources", financing_sources),
    ("annual_cost_by_tenant", annual_cost_by_tenant),
    ("spending_by_year", spending_by_year),
    ("rent_with_without_grant", rent_with_without_grant),
    ("cost_vs_current_rent", cost_vs_current_rent),
)


def all_charts(figures: ScenarioFigures, lang: str = "da") -> dict[str, FigureBase]:
    """Every chart of the scenario as its own figure, by key (the GUI's chart page)."""
    return {key: chart(figures, lang=lang) for key, chart in CHARTS}


def comparison_charts(comparison: Comparison, lang: str = "da") -> dict[str, FigureBase]:
    """Every chart of a comparison of scenarios as its own figure, by key (the GUI's comparison page)."""
    return {key: chart(comparison, lang=lang) for key, chart in COMPARE_CHARTS}
