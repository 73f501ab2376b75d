"""The typesetting of the report, the handout and the offer letter: ReportLab's platypus on A4 (issue 16.5).

What this module gives the documents (`document`, `handout`, `offer`):
- the font: DejaVu Sans (the copy matplotlib ships, else the system's) registered as TrueType, so every Danish
  letter prints and the text stays searchable; a character the font lacks (an emoji) prints as a marked "□",
  direction controls and invisible joiners are dropped (`clean`);
- the styles (body 9,5 pt, tables 8,5 pt, nothing under 8 pt) and headings that keep with what follows and
  feed the table of contents and the PDF bookmarks;
- `table()`: a table whose columns are as wide as their longest word (a word is never broken when the table can
  be set at 8 pt or more), with its header repeated on each page, never split so that fewer than two rows stand
  alone at a page's foot or head;
- `Chart`: a matplotlib chart kept as vector graphics, drawn onto the page where it lands at scale 1
  (`vector`), so its text is real text at the size it was set, in the document's font;
- `build()`: the document with "Side N af M" and the table of contents in one typesetting pass (the page
  count and the contents' page numbers are forms defined when the pass ends), written through `safewrite` by
  the caller.

ReportLab is imported only when a document is made (the app's start never loads it).
"""

from __future__ import annotations

import io
import re
import unicodedata
from ast import literal_eval
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, cast
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from planners.model.safetext import printable

PAGE_W, PAGE_H = A4
MARGIN_X = 0.75 * inch
MARGIN_TOP = 0.95 * inch  # below the running header
MARGIN_BOTTOM = 0.85 * inch  # above the footer
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

BODY = 9.5  # pt
TABLE = 8.5
SMALL = 8.0  # notes under a table; the smallest size anywhere (issue 16.1: ≥ 8 pt)
HEADING = 15.0
SUBHEADING = 11.5
LEADING = 1.28
ACCENT = colors.HexColor("#004488")
ZEBRA = colors.HexColor("#F2F2F2")
RULE = colors.HexColor("#333333")
GREY = colors.HexColor("#444444")

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
MISSING = "□"  # printed for a character the font lacks (an emoji): visibly a substitute, never a silent gap
MIN_ROWS = 2  # a split table leaves at least this many rows on each side


# --- the font and what it can print ---------------------------------------------------------------------------


def _font_file(name: str) -> Path:
    """DejaVu Sans as matplotlib ships it (the app depends on matplotlib, so it is there wherever the app is),
    else the system's copy."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    candidates = []
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / name)
    candidates += [Path("/usr/share/fonts/truetype/dejavu") / name, Path("/usr/share/fonts/dejavu") / name]
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError(f"{name} not found (matplotlib's fonts or fonts-dejavu)")


@lru_cache(maxsize=1)
def register_fonts() -> frozenset[int]:
    """Register DejaVu Sans (regular and bold); the code points it has a glyph for."""
    regular = TTFont(FONT, str(_font_file("DejaVuSans.ttf")))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_font_file("DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return frozenset(regular.face.charToGlyph)


_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufe0e", "\ufe0f"}


def clean(text: object) -> str:
    """User text as it can be printed: direction controls and invisible format characters dropped (a name shows
    its letters in the order typed, issue 20.9), and each character the font lacks replaced by "□" (once for a
    run of them, so an emoji sequence is one mark)."""
    covered = register_fonts()
    out: list[str] = []
    for c in printable(str(text)):
        if c in _INVISIBLE or unicodedata.category(c) == "Mn" and ord(c) not in covered:
            continue
        if c in "\n\t" or ord(c) in covered:
            out.append(c)
        elif not out or out[-1] != MISSING:
            out.append(MISSING)
    return "".join(out)


_DOUBLE_STOP = re.compile(r"\b(kr|ca|inkl|ekskl|mio|pr)\.\.(?!\.)")


def markup(text: object) -> str:
    """Printable text escaped for a Paragraph; a sentence ending in "kr." gets one full stop, not two."""
    return escape(_DOUBLE_STOP.sub(r"\1.", clean(text))).replace("\n", "<br/>")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` in points as DejaVu Sans sets it."""
    register_fonts()
    return float(pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size))


# --- styles ---------------------------------------------------------------------------------------------------


@cache
def style(name: str, size: float = BODY, bold: bool = False, align: int = TA_LEFT, colour: str = "#111111",
          space_after: float = 0.0) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle(
        name, fontName=FONT_BOLD if bold else FONT, fontSize=size, leading=size * LEADING, alignment=align,
        textColor=colors.HexColor(colour), spaceAfter=space_after, splitLongWords=True, allowWidows=0,
        allowOrphans=0,
    )


def heading_style(level: int) -> ParagraphStyle:
    size = HEADING if level == 0 else SUBHEADING
    s = ParagraphStyle(f"H{level}", parent=style("body"), fontName=FONT_BOLD, fontSize=size, leading=size * 1.25,
                       textColor=ACCENT, spaceBefore=10 if level == 0 else 6, spaceAfter=5)
    return s


class Heading(Paragraph):
    """A section heading: kept with what follows, an entry of the table of contents and a PDF bookmark."""

    def __init__(self, text: str, level: int = 0, toc: bool = True) -> None:
        super().__init__(markup(text), heading_style(level))
        self.level = level
        self.plain = clean(text)
        self.toc = toc


def heading(text: str, level: int = 0, toc: bool = True) -> list[Flowable]:
    """A heading; `build` keeps it on a page with the start of what it heads (`KeepStart`)."""
    return [Heading(text, level, toc)]


class KeepStart(CondPageBreak):
    """A page break unless the page has room for the headings that follow and the start of what they head: a
    table's header and first `MIN_ROWS` rows, a paragraph's first lines, a chart. Measured when laid out, so a
    row made tall by a 300-character name counts with its real height."""

    def __init__(self, items: list[Flowable], least: float) -> None:
        super().__init__(least)
        self.items = items
        self.least = least

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        need = 0.0
        for item in self.items:
            need += _start_height(item, availWidth)
        self.height = max(self.least, min(need, CONTENT_H * 0.9))
        return super().wrap(availWidth, availHeight)


def _start_height(item: Flowable, width: float) -> float:
    inner = getattr(item, "_content", None)
    if isinstance(item, KeepTogether) and isinstance(inner, list):
        return sum(_start_height(x, width) for x in inner) if len(inner) > 1 else _full_height(inner[0], width)
    if isinstance(item, Heading):
        return _full_height(item, width) + item.style.spaceBefore + item.style.spaceAfter
    if isinstance(item, SafeTable):
        item.wrap(width, CONTENT_H)
        head = item.repeatRows if isinstance(item.repeatRows, int) else len(item.repeatRows)
        return float(sum(item._rowHeights[: head + MIN_ROWS]))
    if isinstance(item, Paragraph):
        return min(_full_height(item, width), 3 * item.style.leading) + item.style.spaceAfter
    if isinstance(item, TableOfContents):
        return 3 * BODY * 1.6  # measured only when drawn; its first entries
    return min(_full_height(item, width), CONTENT_H * 0.5)


def _full_height(item: Flowable, width: float) -> float:
    return float(item.wrap(width, CONTENT_H)[1])


def keep_starts(story: Sequence[Flowable]) -> list[Flowable]:
    """The story with a `KeepStart` before each run of headings (a section's and its first sub-section's)."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        f = story[i]
        if isinstance(f, Heading):
            run = [f]
            j = i + 1
            while j < len(story) and isinstance(story[j], Heading):
                run.append(story[j])
                j += 1
            following = [story[j]] if j < len(story) else []
            least = 1.6 * inch if run[0].level == 0 else 1.0 * inch
            out.append(KeepStart(run + following, least))
            out += run
            i = j
            continue
        out.append(f)
        i += 1
    return out


def para(text: str, size: float = BODY, bold: bool = False, colour: str = "#111111",
         space_after: float = 5.0) -> Paragraph:
    return Paragraph(markup(text), style(f"p{size}{bold}{colour}{space_after}", size, bold, TA_LEFT, colour,
                                         space_after))


def note(text: str) -> Paragraph:
    return para(text, SMALL, colour="#333333", space_after=6.0)


def space(points: float) -> Spacer:
    return Spacer(1, points)


# --- tables ---------------------------------------------------------------------------------------------------


@dataclass
class Col:
    title: str
    weight: float = 1.0  # how the width beyond what the text needs is shared (text columns get more)
    align: str = "left"  # "left" or "right" (numbers)


def _widest_word(text: str, size: float, bold: bool) -> float:
    words = text.replace("-", "- ").replace("/", "/ ").split()
    return max((text_width(w, size, bold) for w in words), default=0.0)


PAD = 4.0  # points of padding left and right in a cell
TEXT_COLUMN = 1.7 * inch  # a name column gets this much (or its natural width) before the figures widen


@dataclass
class _Widths:
    widths: list[float]
    size: float


def column_widths(cols: Sequence[Col], cells: Sequence[Sequence[str]], bold_rows: set[int], avail: float,
                  size: float, bold_first: bool = False) -> _Widths:
    """Widths like a browser's automatic table layout: each column at least its longest word, the rest of the
    width shared towards each column's natural (unwrapped) width. A table whose words do not fit at `size` is
    set smaller, down to 8 pt; below that a word too long for any column is broken (it cannot be otherwise)."""
    for trial in (size, size - 0.5, SMALL):
        if trial > size:
            continue
        low = [0.0] * len(cols)
        natural = [0.0] * len(cols)
        for r, row in enumerate(cells):
            bold = r in bold_rows
            for i, text in enumerate(row):
                bold = r in bold_rows or (bold_first and i == 0)
                low[i] = max(low[i], _widest_word(text, trial, bold) + 2 * PAD)
                longest = max((text_width(line, trial, bold) for line in text.split("\n")), default=0.0)
                natural[i] = max(natural[i], longest + 2 * PAD)
        # a word longer than 0,6 of the table (a 300-character name without a space) is broken in any case:
        # it must not take the other columns' room
        low = [min(lo, avail * 0.6) if c.align != "right" else lo for lo, c in zip(low, cols, strict=True)]
        natural = [max(n, lo) for n, lo in zip(natural, low, strict=True)]
        if sum(low) <= avail or trial == SMALL:
            break
    extra = avail - sum(low)
    if extra <= 0:  # even at 8 pt: share the width by need (a word longer than its column is then broken)
        total = sum(low) or 1.0
        return _Widths([avail * x / total for x in low], trial)
    # figures first: a number column (and its header) gets its natural width where it can, then the text
    # columns share what is left, towards their natural width, the rest by weight
    widths = list(low)
    text_cols = [i for i, c in enumerate(cols) if c.align != "right"]
    number_cols = [i for i, c in enumerate(cols) if c.align == "right"]
    comfortable = [max(lo, min(n, TEXT_COLUMN)) for lo, n in zip(low, natural, strict=True)]
    for group, goal in ((text_cols, comfortable), (number_cols, natural), (text_cols, natural)):
        need = {i: goal[i] - widths[i] for i in group}
        total_need = sum(need.values())
        if total_need <= 0:
            continue
        scale = min(1.0, extra / total_need)
        for i in group:
            widths[i] += need[i] * scale
        extra -= total_need * scale
    if extra > 0:
        weights = [c.weight if c.align != "right" else 0.0 for c in cols]
        if not any(weights):
            weights = [1.0 if c.align != "right" else 0.0 for c in cols] if any(
                c.align != "right" for c in cols) else [1.0] * len(cols)
        total_w = sum(weights)
        widths = [w + extra * k / total_w for w, k in zip(widths, weights, strict=True)]
    return _Widths(widths, trial)


class SafeTable(Table):
    """A table that never leaves fewer than `MIN_ROWS` rows of its body on either side of a page break (no
    header with one row at a page's foot, no page holding only a total row).

    Its cells' text is flush with the text column: the table is `2 × PAD` wider than the column and set `PAD`
    into the left margin, so the padding and the shading stand out into the margins instead."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        w, h = super().wrap(availWidth + 2 * PAD, availHeight)
        return w - 2 * PAD, h

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        super().drawOn(canvas, x - PAD, y, _sW)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - ReportLab's names
        parts = super().split(availWidth + 2 * PAD, availHeight)
        if len(parts) != 2:
            return parts
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        first_rows = parts[0]._nrows - head
        body_rows = self._nrows - head
        if body_rows < 2 * MIN_ROWS:
            return []
        if first_rows < MIN_ROWS:
            return []
        tail_rows = body_rows - first_rows
        if tail_rows < MIN_ROWS:
            move = MIN_ROWS - tail_rows
            cut = head + first_rows
            lose = sum(self._rowHeights[cut - move:cut])
            parts = super().split(availWidth + 2 * PAD, availHeight - lose - 0.01)
            if len(parts) != 2 or parts[0]._nrows - head < MIN_ROWS:
                return []
        return parts


class Keep(KeepTogether):
    """Kept on one page when it is short; a block taller than half a page is let split where it falls (moving it
    whole would leave the rest of the page empty)."""

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803
        if getattr(self, "_H", 0) > CONTENT_H * 0.5 and len(self._content) == 1:
            return list(self._content[0].split(aW, aH))  # [] when it cannot split here: the next page
        return list(super().split(aW, aH))


def table(cols: Sequence[Col], rows: Sequence[Sequence[str]], totals: Sequence[Sequence[str]] = (),
          header: bool = True, size: float = TABLE, bold_first: bool = False,
          bold_rows: frozenset[int] = frozenset(), avail: float = CONTENT_W, keep: int = 18) -> Flowable:
    """A table of text cells (already formatted figures); numbers right-aligned, never broken."""
    head = [[c.title for c in cols]] if header else []
    all_rows = [[clean(x) for x in row] for row in [*head, *rows, *totals]]
    first_body = len(head)
    bold = {i for i in range(len(head))}
    bold |= {first_body + i for i in bold_rows}
    bold |= {first_body + len(rows) + i for i in range(len(totals))}
    fit = column_widths(cols, all_rows, bold, avail + 2 * PAD, size, bold_first)
    size = fit.size
    data: list[list[Paragraph]] = []
    for r, row in enumerate(all_rows):
        cells = []
        for i, (col, text) in enumerate(zip(cols, row, strict=True)):
            is_bold = r in bold or (bold_first and i == 0)
            align = TA_RIGHT if col.align == "right" else TA_LEFT
            cells.append(Paragraph(markup(text), style(f"cell{size}{is_bold}{align}", size, is_bold, align)))
        data.append(cells)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # a cell's own font, else ReportLab names Helvetica on every page
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
    ]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.9, RULE))
    for n in range(len(rows)):
        if n % 2 and n not in bold_rows:
            commands.append(("BACKGROUND", (0, first_body + n), (-1, first_body + n), ZEBRA))
    if totals:
        commands.append(("LINEABOVE", (0, first_body + len(rows)), (-1, first_body + len(rows)), 0.9, RULE))
    t = SafeTable(data, colWidths=fit.widths, repeatRows=len(head), style=TableStyle(commands), hAlign="LEFT")
    if len(all_rows) <= keep:
        return Keep([t])
    return t


# --- charts as vector graphics --------------------------------------------------------------------------------


class Chart(Flowable):
    """Space for one matplotlib chart; `draw_into(figure)` draws it. The chart is drawn onto the page where the
    flowable lands, as vector graphics at scale 1 (`vector`: its text is real text at the size it was set, in the
    document's font); matplotlib draws it once, at the first pass that places it, and later passes replay that."""

    def __init__(self, draw_into: Callable[[Any], object], width: float, height: float) -> None:
        super().__init__()
        self.draw_into = draw_into
        self.width, self.height = width, height
        self._drawing: Any = None  # vector.Recording, made at the first draw

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        if self._drawing is None:
            from planners.exports.drawlock import DRAW_LOCK
            from planners.exports.report.vector import record

            with DRAW_LOCK:  # making the figure measures text too: matplotlib's font caches are shared
                self._drawing = record(self.figure(), self.width, self.height, chart_fonts())
        self._drawing.replay(self.canv)

    def figure(self) -> Any:
        """The chart drawn into a matplotlib figure of exactly the reserved size."""
        from matplotlib.figure import Figure
        from matplotlib.text import Text

        fig = Figure(figsize=(self.width / 72, self.height / 72), layout="constrained")
        self.draw_into(fig)
        # a chart's smallest labels are a fraction of its font (0,7–0,85): on paper none is set under 8 pt
        for label in fig.findobj(Text):
            if isinstance(label, Text) and label.get_text() and float(label.get_fontsize()) < SMALL:
                label.set_fontsize(SMALL)
        _fit_legends(fig, self.width)
        return fig


def chart_fonts() -> dict[str, str]:
    """The document's fonts by the file name matplotlib finds them under (it ships DejaVu Sans too): a chart's text
    is set in them."""
    register_fonts()
    return {"DejaVuSans.ttf": FONT, "DejaVuSans-Bold.ttf": FONT_BOLD}


def _fit_legends(fig: Any, width: float) -> None:
    """A figure legend of many long entries (five scenarios' names) in fewer columns, so that it is not cut at
    the page's width: each column taken as wide as the widest entry plus its colour patch."""
    for legend in list(getattr(fig, "legends", [])):
        texts = [t.get_text() for t in legend.get_texts()]
        if not texts:
            continue
        size = float(legend.get_texts()[0].get_fontsize())
        widest = max(text_width(x, size) for x in texts) + 3.5 * size
        before = max(1, min(len(texts), int(getattr(legend, "_ncols", 1))))
        columns = before
        while columns > 1 and columns * widest > width * 0.96:
            columns -= 1
        if columns == before:
            continue
        # a legend's columns are fixed when it is made: make it again with fewer
        outside = getattr(legend, "_outside_loc", None)
        fig.legends.remove(legend)
        codes = {v: k for k, v in legend.codes.items()}  # the "outside" legends here are all at the foot
        loc = codes.get(legend._loc, "lower center")
        fig.legend(handles=list(legend.legend_handles), labels=texts, fontsize=size, ncols=columns, frameon=False,
                   loc=f"outside {loc}" if outside else loc)


# --- the document ---------------------------------------------------------------------------------------------


@dataclass
class Running:
    """The running header and footer: the plan's title (cut to fit), the scenario, version and date, page N of M."""

    title: str
    right: str
    footer: str
    page_text: Callable[[int, int], str]


def _cut(text: str, width: float, size: float, bold: bool) -> str:
    if text_width(text, size, bold) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with "…" (bisection: a 300-character title costs little)
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid] + "…", size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


class Document(BaseDocTemplate):
    """A4 with the running header and footer; headings feed the table of contents and the bookmarks.

    Set in one pass where it can be (issue 19: a pass is ≈ 0,2 s CPU of the large plan's report): what only the
    end of the pass knows — the page count in each footer ("Side N af M") and the contents' page numbers — is
    drawn as a form XObject that each page names during the pass and `finish` defines before the file is saved
    (PDF lets a page use a form defined later), so the layout of the pass is final."""

    def __init__(self, target: io.BytesIO, running: Running, **meta: str) -> None:
        super().__init__(target, pagesize=A4, initialFontName=FONT, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, **meta)
        self.running = running
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, CONTENT_H, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])
        self.total_pages = 0  # the last page's number, known when a pass ends
        self._heading_no = 0

    def _decorate(self, canv: Any, doc: Any) -> None:
        r = self.running
        canv.saveState()
        size = SMALL
        right = _cut(clean(r.right), CONTENT_W * 0.45, size, False)
        right_w = text_width(right, size)
        canv.setFont(FONT_BOLD, size)
        canv.setFillColor(RULE)
        canv.drawString(MARGIN_X, PAGE_H - 0.55 * inch, _cut(clean(r.title), CONTENT_W - right_w - 18, size, True))
        canv.setFont(FONT, size)
        canv.drawRightString(PAGE_W - MARGIN_X, PAGE_H - 0.55 * inch, right)
        canv.setStrokeColor(colors.HexColor("#888888"))
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, PAGE_H - 0.63 * inch, PAGE_W - MARGIN_X, PAGE_H - 0.63 * inch)
        canv.line(MARGIN_X, 0.6 * inch, PAGE_W - MARGIN_X, 0.6 * inch)
        canv.drawString(MARGIN_X, 0.42 * inch, clean(r.footer))
        canv.doForm(f"page-{canv.getPageNumber()}")  # "Side N af M": M is known at the end (`finish`)
        canv.restoreState()

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab's hook
        self._heading_no = 0
        self.canv.showOutline()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's hook
        if isinstance(flowable, Heading) and flowable.toc:
            self._heading_no += 1
            key = f"h{self._heading_no}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, level=flowable.level, closed=flowable.level > 0)
            self.notify("TOCEntry", (flowable.level, escape(flowable.plain), self.page, key))

    def afterPage(self) -> None:  # noqa: N802 - ReportLab's hook
        self.total_pages = self.page

    def finish(self, contents: Contents | None) -> None:
        """Define the forms the pages named: each page's "Side N af M" and the contents' page numbers."""
        canv = self.canv
        for n in range(1, self.total_pages + 1):
            canv.beginForm(f"page-{n}")
            canv.setFont(FONT, SMALL)
            canv.setFillColor(RULE)
            canv.drawRightString(PAGE_W - MARGIN_X, 0.42 * inch, self.running.page_text(n, self.total_pages))
            canv.endForm()
        if contents is not None:
            contents.define_numbers(canv)


class Contents(TableOfContents):
    """The table of contents, laid out at its final size in the first pass: its entries (level, text, key) are
    known from the story before the pass (`expected_entries`), and only their page numbers come from the pass.
    Each entry's dot leader and page number is a form named when the entry is drawn and defined by
    `define_numbers` at the end; the entry links to its heading as before (its text, and the leader and number
    as one area). Satisfied when the pass produced the entries it was laid out with, page numbers aside."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._numbers: list[tuple[str, float, float, int, float, str]] = []  # form, x, y, level, width, key

    def beforeBuild(self) -> None:  # noqa: N802 - ReportLab's hook
        super().beforeBuild()
        self._numbers = []

    def isSatisfied(self) -> bool:  # noqa: N802 - ReportLab's hook
        def without_pages(entries: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
            return [(level, text, key) for level, text, _page, key in entries]

        return without_pages(self._entries) == without_pages(self._lastEntries)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        size = super().wrap(availWidth, availHeight)

        def entry_end(canvas: Any, kind: str, label: str) -> None:
            _page, level, key = label.split(",", 2)
            key = literal_eval(key)
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            name = f"toc-{len(self._numbers)}"
            self._numbers.append((name, x, y, int(level), availWidth, key))
            canvas.doForm(name)
            if key:
                leading = self.getLevelStyle(int(level)).leading
                canvas.linkRect("", key, (x, y, availWidth, y + leading), relative=1)

        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)  # in place of the base class's, which draws the number
        return cast(tuple[float, float], size)

    def define_numbers(self, canv: Any) -> None:
        from reportlab.platypus.tableofcontents import drawPageNumbers

        pages = {key: page for _level, _text, page, key in self._entries}
        for name, x, y, level, width, key in self._numbers:
            dot = " . " if 0 <= self.dotsMinLevel <= level else ""
            # the form's box: the page around the entry, whatever the table's offset when it named the form
            canv.beginForm(name, -PAGE_W, -PAGE_H, 2 * PAGE_W, 2 * PAGE_H)
            canv._curr_tx_info = {"cur_x": x, "cur_y": y}
            drawPageNumbers(canv, self.getLevelStyle(level), [(pages.get(key, 0), None)], width, 0, dot)
            canv.endForm()


def contents(title: str) -> list[Flowable]:
    toc = Contents(dotsMinLevel=0)
    toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    toc.levelStyles = [
        ParagraphStyle("toc0", parent=style("body"), fontName=FONT, fontSize=BODY + 0.5, leading=15,
                       leftIndent=0, firstLineIndent=0),
        ParagraphStyle("toc1", parent=style("body"), fontName=FONT, fontSize=BODY - 0.5, leading=12.5,
                       leftIndent=14, firstLineIndent=0),
    ]
    return [Heading(title, 0, toc=False), toc]


@dataclass
class Built:
    data: bytes
    pages: int
    charts: list[Chart] = field(default_factory=list)


MAX_PASSES = 8


def expected_entries(story: Sequence[Flowable]) -> list[tuple[int, str, int, str]]:
    """The contents' entries the pass will notify (as `Document.afterFlowable` makes them), page numbers 0."""
    headings = [f for f in _walk(story) if isinstance(f, Heading) and f.toc]
    return [(h.level, escape(h.plain), 0, f"h{n}") for n, h in enumerate(headings, start=1)]


def build(story: list[Flowable], running: Running, **meta: str) -> Built:
    """Typeset `story`, its charts drawn in place: one pass when the contents come out as expected (always, for
    the documents here), another pass with the entries found otherwise."""
    register_fonts()
    charts = [f for f in _walk(story) if isinstance(f, Chart)]
    laid = keep_starts(story)
    toc = next((f for f in laid if isinstance(f, Contents)), None)
    if toc is not None:
        toc._entries = expected_entries(story)  # laid out at its final size in the first pass
    out = io.BytesIO()
    doc = Document(out, running, **meta)
    doc._indexingFlowables = [toc] if toc is not None else []
    doc._doSave = 0  # saved below, once the forms the pages name are defined
    edits: list[tuple[Any, ...]] = []  # what a pass changed on the flowables, undone before another (as multiBuild)
    doc._multiBuildEdits = edits.append
    for _ in range(MAX_PASSES):
        if toc is not None:
            toc.beforeBuild()
        doc.build(laid[:])
        if toc is None or toc.isSatisfied():
            doc.finish(toc)
            doc.canv.save()
            return Built(out.getvalue(), doc.total_pages, charts)
        while edits:
            edit = edits.pop(0)
            edit[0](*edit[1:])
    raise RuntimeError(f"the table of contents was not stable after {MAX_PASSES} passes")


def _walk(story: Sequence[Flowable]) -> list[Flowable]:
    out: list[Flowable] = []
    for f in story:
        out.append(f)
        inner = getattr(f, "_content", None)
        if isinstance(inner, list):
            out += _walk(inner)
    return out
