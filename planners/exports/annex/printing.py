"""Printing the annex on A4 at a readable size (issue 16.1).

Fit-to-width shrank wide sheets to 4–6 pt text (a long tenant name to 3 pt). Here every sheet prints at a fixed
scale of at least `MIN_SCALE` percent, so 10-point body text prints at 8,5 pt or more and the 9,5-point notes, header and
footer at 8 pt or more, whatever the plan holds:
- a sheet narrow enough for A4 at `MIN_SCALE` prints on one page width (portrait if it fits, else landscape), at
  the largest scale up to 100 % that fits;
- a wider sheet prints in bands of columns with its name columns repeated on every band (`print_title_cols`);
- long text wraps in its cell, and the row is given the height of its lines (spreadsheets do not grow rows on
  opening a file), so no column has to be as wide as a 300-character name;
- every row gets an explicit height, and the page breaks are set here, by the heights: a heading is never left
  at a page's foot, and a page never holds only the last row or two of a table (a total row alone).
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

MIN_SCALE = 85  # 10 pt body → 8,5 pt; notes are 9,5 pt → 8,1 pt; header and footer 10 pt → 8,5 pt
A4_PT = (595.0, 842.0)
DEFAULT_WIDTH = 8.43  # a spreadsheet's default column width, in characters
BODY_ROW = 15.0  # the height of a row of 10-point text, in points
BLANK_ROW = 8.0
SAFETY = 0.97  # every row has an explicit height, so only rounding differs from the estimate here
CHARS_PER_WIDTH = 1.05  # characters of 10-point text per unit of column width, in the wider of the two fonts


def column_points(width: float) -> float:
    """A column width in characters as printed points, in the wider font a spreadsheet may print with.

    The width unit is the default font's digit: 5,25 pt in Calibri (Excel), but 7 pt where Calibri is missing
    and LibreOffice prints with DejaVu Sans (measured: a cover of 34 + 56 characters did not fit A4 portrait).
    The layout must hold in both, so the wider is taken.
    """
    return width * 7.0 + 4


def _width(ws: Worksheet, column: int) -> float:
    dim = ws.column_dimensions.get(get_column_letter(column))
    return dim.width if dim is not None and dim.width else DEFAULT_WIDTH


def _used_columns(ws: Worksheet) -> int:
    last = 1
    for (_, column), cell in ws._cells.items():
        if cell.value not in (None, "") or (cell.fill is not None and cell.fill.patternType == "solid"):
            last = max(last, column)
    for merged in ws.merged_cells.ranges:
        last = max(last, merged.max_col)
    return last


def _text_width(ws: Worksheet, cell: Cell) -> float:
    """The width (characters) a cell's text has: its column, or its merged range."""
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            return sum(_width(ws, c) for c in range(merged.min_col, merged.max_col + 1))
    return _width(ws, cell.column)


def _lines(text: str, width: float, size: float) -> int:
    per_line = max(int(width * CHARS_PER_WIDTH * 10 / max(size, 1)), 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _empty(ws: Worksheet, row: int, column: int) -> bool:
    cell = ws._cells.get((row, column))
    if cell is None:
        return True
    solid = cell.fill is not None and cell.fill.patternType == "solid"
    return cell.value in (None, "") and not solid and not isinstance(cell, MergedCell)


def wrap_long_text(ws: Worksheet, first_row: int, page_width: float) -> None:
    """Text longer than its cell wraps; each row gets the height of its tallest cell.

    A text with only empty cells to its right (a note under a table) is first merged across them, as far as
    one page's width (`page_width`, points) reaches, so it wraps into a few wide lines rather than a tall
    narrow column; a text in a table (a name) wraps in its own column.
    """
    merged_cells = {c for m in ws.merged_cells.ranges for c in m.cells}
    heights: dict[int, float] = {}
    for (row, column), cell in sorted(ws._cells.items()):
        if row < first_row or isinstance(cell, MergedCell) or not isinstance(cell.value, str):
            continue
        if cell.data_type == "f":
            continue
        size = float(cell.font.sz) if cell.font is not None and cell.font.sz else 10.0
        width = _text_width(ws, cell)
        if _lines(cell.value, width, size) <= 1:
            continue
        if (row, column) not in merged_cells:
            used = sum(column_points(_width(ws, c)) for c in range(1, column + 1))
            end = column
            limit = max(c for (r, c) in ws._cells if r >= first_row) + 1
            while (end + 1 < limit and _empty(ws, row, end + 1)
                   and used + column_points(_width(ws, end + 1)) <= page_width):
                end += 1
                used += column_points(_width(ws, end))
            if end > column:
                ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=end)
                merged_cells.update((row, c) for c in range(column, end + 1))
                width = _text_width(ws, cell)
        lines = _lines(cell.value, width, size)
        if lines > 1:
            old = cell.alignment
            if not old.wrap_text:
                cell.alignment = Alignment(wrap_text=True, vertical=old.vertical or "top", horizontal=old.horizontal,
                                           indent=old.indent)
            heights[row] = max(heights.get(row, 0.0), min(409.0, lines * size * 1.3 + 3))
    for row, height in heights.items():
        dim = ws.row_dimensions[row]
        if not dim.height or dim.height < height:
            dim.height = height
        # The row's other cells start at the top too, beside the first line of the wrapped text.
        for (r, _), other in ws._cells.items():
            if r == row and not isinstance(other, MergedCell) and not other.alignment.vertical:
                al = other.alignment
                other.alignment = Alignment(wrap_text=al.wrap_text, vertical="top", horizontal=al.horizontal,
                                            indent=al.indent)


def _row_height(ws: Worksheet, row: int) -> float:
    dim = ws.row_dimensions.get(row)
    return dim.height if dim is not None and dim.height else BODY_ROW


def _is_blank(ws: Worksheet, row: int, last_col: int) -> bool:
    return all(ws._cells.get((row, c)) is None or ws._cells[(row, c)].value in (None, "")
               for c in range(1, last_col + 1))


def _is_heading(ws: Worksheet, row: int, last_col: int) -> bool:
    """A heading or a table header: what must stay with the rows after it."""
    for c in range(1, last_col + 1):
        cell = ws._cells.get((row, c))
        if cell is None or cell.value in (None, ""):
            continue
        fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.patternType == "solid" else None
        if isinstance(fill, str) and fill.endswith("1F3A5F"):
            return True
        if cell.font is not None and cell.font.sz and cell.font.sz >= 12:
            return True
    return False


def set_page_breaks(ws: Worksheet, *, printable_height: float, title_rows: int, last_col: int) -> list[int]:
    """Page breaks by the rows' heights; returns the rows after which a page ends."""
    last_row = max((r for (r, c), cell in ws._cells.items() if cell.value not in (None, "")), default=1)
    for row in range(1, last_row + 1):  # explicit heights: the spreadsheet lays the page out as estimated here
        dim = ws.row_dimensions[row]
        if not dim.height:
            # A blank row only separates two blocks: half a line is enough, and pages hold more.
            dim.height = BLANK_ROW if row > 2 and _is_blank(ws, row, last_col) else BODY_ROW
    repeated = sum(_row_height(ws, r) for r in range(1, title_rows + 1))
    breaks: list[int] = []
    row = 1
    used = 0.0
    page_first = 1
    while row <= last_row:
        h = _row_height(ws, row)
        room = printable_height - (repeated if breaks else 0.0)
        if used + h <= room or row == page_first:
            used += h
            row += 1
            continue
        brk = row - 1  # the page ends after this row
        # Never end a page on a heading or a blank row before one; keep it with what follows.
        while brk > page_first + 1 and (_is_heading(ws, brk, last_col) or _is_blank(ws, brk, last_col)):
            brk -= 1
        # Never leave the last one or two rows of a table (its total) alone at the top of the next page.
        tail = 0
        r = brk + 1
        while r <= last_row and not _is_blank(ws, r, last_col):
            tail += 1
            r += 1
        if 0 < tail <= 2 and not _is_blank(ws, brk, last_col) and brk > page_first:
            brk = max(page_first, brk - (3 - tail))  # the page keeps at least its first row
        # The sheet's last block (a note under the tables) goes whole to the next page, with its heading.
        rest = [r for r in range(brk + 1, last_row + 1) if not _is_blank(ws, r, last_col)]
        if len(rest) <= 2:
            start = brk
            while start > page_first + 1 and not _is_blank(ws, start, last_col):
                start -= 1
            if start > page_first + 1 and start < brk:
                brk = start
        breaks.append(brk)
        page_first = brk + 1
        row = page_first
        used = 0.0
    ws.row_breaks = RowBreak()
    for brk in breaks:
        ws.row_breaks.append(Break(id=brk))
    return breaks


def print_readable(ws: Worksheet, *, repeat_cols: str | None, title_rows: int, first_body_row: int = 1,
                   allow_portrait: bool = True) -> int:
    """Set `ws` to print at a readable size (see the module's note); returns the scale in percent."""
    last_col = _used_columns(ws)
    # 4 % to spare: the spreadsheet's widths differ a little from the estimate, and a sliver of a column
    # would otherwise print alone on a page of its own.
    total = sum(column_points(_width(ws, c)) for c in range(1, last_col + 1)) * 1.04
    m = ws.page_margins
    side = (m.left + m.right) * 72
    tops = (m.top + m.bottom) * 72
    choice: tuple[bool, int] | None = None
    for landscape in ((False, True) if allow_portrait else (True,)):
        page_w, page_h = (A4_PT[1], A4_PT[0]) if landscape else A4_PT
        scale = min(100, int(100 * (page_w - side) / total))
        if scale >= MIN_SCALE:
            choice = (landscape, scale)
            break
    banded = choice is None
    landscape, scale = choice if choice is not None else (True, MIN_SCALE)
    page_w, page_h = (A4_PT[1], A4_PT[0]) if landscape else A4_PT
    wrap_long_text(ws, first_body_row, (page_w - side) * 100 / scale / 1.04)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.scale = scale
    ws.page_setup.fitToWidth = None
    ws.page_setup.fitToHeight = None
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
    if banded and repeat_cols:
        ws.print_title_cols = repeat_cols
    ws.page_setup.pageOrder = "overThenDown" if banded else None
    set_page_breaks(ws, printable_height=(page_h - tops) * 100 / scale * SAFETY, title_rows=title_rows,
                    last_col=last_col)
    return scale
