"""Look, print set-up and safe cell writing for the application annex (DESIGN §7).

The annex builder (`planners.exports.annex.sheets`) writes every cell through the helpers here, so that:
- user text is always stored as text, never as a formula (`put_text`: `data_type = "s"` and `quotePrefix`
  set after the value, because every assignment of a value resets them — PLATFORM.md);
- numbers carry the Danish format codes of DESIGN §7 (Excel codes: `,` thousands, `.` decimals);
- every sheet prints on A4 with the plan's title in the header and page x of y and the date in the footer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# --- number formats (DESIGN §7) ------------------------------------------------------------------------------
KR = '#,##0 "kr."'
M2 = '#,##0.0 "m²"'
PCT = "0.0%"
FACTOR = "0.00"
COUNT = "#,##0"
PERSONS = "#,##0.0"
YEAR = "0"
HOURS = "#,##0.0"

# --- styles (shared objects: openpyxl stores each distinct style once) ---------------------------------------
COVER_TITLE_FONT = Font(name="Calibri", size=18, bold=True, color="1F3A5F")
TITLE_FONT = Font(name="Calibri", size=15, bold=True, color="1F3A5F")
SUBTITLE_FONT = Font(name="Calibri", size=11, italic=True, color="404040")
HEADING_FONT = Font(name="Calibri", size=12, bold=True, color="1F3A5F")
HEADER_FONT = Font(name="Calibri", size=10, bold=True, color="FFFFFF")
BODY_FONT = Font(name="Calibri", size=10)
BOLD_FONT = Font(name="Calibri", size=10, bold=True)
NOTE_FONT = Font(name="Calibri", size=9.5, italic=True, color="505050")  # ≥ 8 pt printed at 85 %
INPUT_FONT = Font(name="Calibri", size=10, color="0B4F9C")  # input cells: blue, as analysts mark them
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
TOTAL_FILL = PatternFill("solid", fgColor="E4EAF2")
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
THIN = Side(style="thin", color="9AA9BC")
TOTAL_BORDER = Border(top=Side(style="thin", color="1F3A5F"), bottom=Side(style="double", color="1F3A5F"))
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

_HEADER_ESCAPE = re.compile(r"&")


def clean_text(value: str, limit: int = 32767) -> str:
    """User text as a cell can hold it: without XML control characters and within Excel's cell limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:limit]


def writable_cell(ws: Worksheet, row: int, col: int) -> Cell:
    """The cell at (row, col) to write a value in: never the hidden part of a merged range, whose value
    openpyxl refuses (`MergedCell`)."""
    cell = ws.cell(row=row, column=col)
    if not isinstance(cell, Cell):
        raise ValueError(f"{get_column_letter(col)}{row} lies inside a merged range")
    return cell


def put_text(ws: Worksheet, row: int, col: int, value: str | None, *, font: Font = BODY_FONT,
             user: bool = True, wrap: bool = False) -> Cell:
    """Write `value` as text, whatever it looks like (`=1+1`, `+45 1234`, `@SUM(A1)` stay text).

    The data type and the quote prefix are set after the value: assigning a value resets them.
    """
    cell = writable_cell(ws, row, col)
    text = clean_text(value or "")
    cell.value = text
    cell.data_type = "s"
    if user:
        cell.quotePrefix = True
    cell.font = font
    if wrap:
        cell.alignment = WRAP
    return cell


def put_label(ws: Worksheet, row: int, col: int, value: str, *, font: Font = BODY_FONT) -> Cell:
    """The app's own Danish text (headings, labels): text as well, without the user-text quote prefix."""
    return put_text(ws, row, col, value, font=font, user=False)


def put_number(ws: Worksheet, row: int, col: int, value: Decimal | int | None, fmt: str, *,
               font: Font = BODY_FONT, is_input: bool = False) -> Cell:
    """A number (an input the formulas read); None leaves the cell empty but formatted."""
    cell = writable_cell(ws, row, col)
    cell.value = value
    cell.number_format = fmt
    cell.font = INPUT_FONT if is_input else font
    if is_input:
        cell.fill = INPUT_FILL
    return cell


def put_formula(ws: Worksheet, row: int, col: int, formula: str, fmt: str, *, font: Font = BODY_FONT) -> Cell:
    cell = writable_cell(ws, row, col)
    cell.value = formula if formula.startswith("=") else "=" + formula
    cell.number_format = fmt
    cell.font = font
    return cell


def note(cell: Cell, text: str) -> None:
    """A cell comment (e.g. why a percent line in a cycle is the value 0)."""
    comment = Comment(clean_text(text, 2000), "Sundhedshus")
    comment.width = 320
    comment.height = 110
    cell.comment = comment


def header_row(ws: Worksheet, row: int, labels: list[str], first_col: int = 1) -> None:
    for offset, label in enumerate(labels):
        # Blank header cells are filled too, so the header reads as one band.
        cell = put_label(ws, row, first_col + offset, label, font=HEADER_FONT)
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
    ws.row_dimensions[row].height = 30


def total_style(ws: Worksheet, row: int, first_col: int, last_col: int) -> None:
    """Bold with a rule above and a double rule below: a total row as accountants draw it."""
    for col in range(first_col, last_col + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = BOLD_FONT
        cell.fill = TOTAL_FILL
        cell.border = TOTAL_BORDER


def title(ws: Worksheet, heading: str, subtitle: str) -> None:
    put_label(ws, 1, 1, heading, font=TITLE_FONT)
    put_text(ws, 2, 1, subtitle, font=SUBTITLE_FONT)
    ws.row_dimensions[1].height = 22


def widths(ws: Worksheet, values: Mapping[str, float]) -> None:
    for letter, width in values.items():
        ws.column_dimensions[letter].width = width


def col(n: int) -> str:
    return get_column_letter(n)


def ref(sheet: str, column: int, row: int) -> str:
    """An absolute reference to one cell of a sheet: 'Sheet name'!$C$5."""
    return f"{quote_sheetname(sheet)}!${col(column)}${row}"


def rng(sheet: str, column: int, first: int, last: int) -> str:
    """An absolute reference to part of a column: 'Sheet'!$C$5:$C$40."""
    return f"{quote_sheetname(sheet)}!${col(column)}${first}:${col(column)}${last}"


def header_footer_text(text: str, limit: int = 70) -> str:
    """User text for a page header: `&` starts a control code there, so it is doubled; a long text is cut with
    an ellipsis, so the left and right parts of the header never run into each other."""
    text = clean_text(text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _HEADER_ESCAPE.sub("&&", text)


def print_setup(ws: Worksheet, *, landscape: bool, plan_title: str, scenario: str, made: str,
                title_rows: str | None) -> None:
    """A4, fit to the page width, the plan's title in the header, page x of y and the date in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    page_setup = ws.sheet_properties.pageSetUpPr
    if page_setup is None:  # openpyxl makes one with every new sheet; its types allow none
        page_setup = ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    page_setup.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.8, bottom=0.8, header=0.3, footer=0.3)
    if title_rows:
        ws.print_title_rows = title_rows
    for hf in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
        assert hf is not None  # every worksheet has its six header and footer parts; the types allow none
        hf.left.text = header_footer_text(plan_title, 45)  # left and right never meet on A4 portrait
        hf.left.size = 10
        hf.right.text = header_footer_text(f"Ansøgningsbilag – scenarie: {scenario}", 50)
        hf.right.size = 10
    for hf in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
        assert hf is not None
        hf.left.text = "&A"
        hf.left.size = 10  # printed at 85 % or more: at least 8,5 pt
        hf.center.text = "Side &P af &N"
        hf.center.size = 10
        hf.right.text = header_footer_text(f"Udarbejdet {made}")
        hf.right.size = 10


def fit_height(ws: Worksheet, row: int, texts: list[tuple[str, float]], line_height: float = 13.0) -> None:
    """Give a row with wrapped text room for all its lines.

    Spreadsheets do not always grow a row to its wrapped text when they open a file (LibreOffice printing an
    openpyxl file does not), so the height is estimated: about 1.15 characters of 10-point text per unit of
    column width.
    """
    lines = 1
    for text, width in texts:
        per_line = max(int(width * 1.15), 1)
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in (text or "").split("\n")))
    if lines > 1:
        ws.row_dimensions[row].height = min(409, line_height * lines + 3)
