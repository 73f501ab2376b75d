"""Saving the annex with every formula's value stored beside it (XlsxWriter).

The annex is built as an openpyxl workbook (`build_workbook`; the tests read it as it is), but openpyxl cannot
store a formula's result: a file it writes shows blank key figures in every reader that does not recalculate.
XlsxWriter writes a formula together with its value, so `save_with_values` copies the built workbook cell by cell
into XlsxWriter, with each formula's value from `planners.exports.annex.evaluate` (exact, over the annex's own
inputs). Excel still recalculates on opening (XlsxWriter asks for a full calculation on load).

Copied: values (text always as text, never as a formula: user text such as `=1+1` stays text), formulas with
their values, fonts, fills, borders, alignment, number formats, the quote prefix, merged cells, column widths,
row heights, frozen panes, A4 print set-up (orientation, fit, margins, repeated rows, header and footer), defined
names, comments, data validations, conditional formats and the document properties.
"""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles.colors import Color
from openpyxl.utils import column_index_from_string, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet as XWorksheet

from planners.exports.annex.evaluate import Scalar, XlError, formula_values

_BORDERS = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7,
            "mediumDashed": 8, "dashDot": 9, "mediumDashDot": 10, "dashDotDot": 11, "mediumDashDotDot": 12,
            "slantDashDot": 13}


def _color(color: Color | None) -> str | None:
    if color is None or color.type != "rgb" or not isinstance(color.rgb, str):
        return None
    return "#" + color.rgb[-6:]


def _format_props(cell: Cell | MergedCell) -> dict[str, Any]:
    props: dict[str, Any] = {}
    font = cell.font
    if font is not None:
        if font.name:
            props["font_name"] = font.name
        if font.sz:
            props["font_size"] = float(font.sz)
        if font.b:
            props["bold"] = True
        if font.i:
            props["italic"] = True
        if font.u:
            props["underline"] = 1
        colour = _color(font.color)
        if colour:
            props["font_color"] = colour
    fill = cell.fill
    if fill is not None and getattr(fill, "patternType", None) == "solid":
        colour = _color(fill.fgColor)
        if colour:
            props["pattern"] = 1
            props["bg_color"] = colour
    border = cell.border
    if border is not None:
        for side in ("top", "bottom", "left", "right"):
            s = getattr(border, side)
            if s is not None and s.style:
                props[side] = _BORDERS.get(s.style, 1)
                colour = _color(s.color)
                if colour:
                    props[f"{side}_color"] = colour
    al = cell.alignment
    if al is not None:
        if al.wrap_text:
            props["text_wrap"] = True
        if al.horizontal:
            props["align"] = {"centerContinuous": "center_across"}.get(al.horizontal, al.horizontal)
        if al.vertical:
            props["valign"] = {"center": "vcenter"}.get(al.vertical, al.vertical)
        if al.indent:
            props["indent"] = int(al.indent)
    if cell.number_format and cell.number_format != "General":
        props["num_format"] = cell.number_format
    if cell.quotePrefix:
        props["quote_prefix"] = True
    return props


class _Formats:
    """One XlsxWriter format per distinct look (XlsxWriter, like Excel, stores each once)."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, cell: Cell | MergedCell) -> Format | None:
        if not cell.has_style:
            return None
        props = _format_props(cell)
        if not props:
            return None
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format(props)
        return self.cache[key]


def _stored(value: Scalar) -> Any:
    """A formula's value as the file stores it: numbers as floats (the file's only number), text as text."""
    if isinstance(value, XlError):
        return value.code
    if isinstance(value, Fraction):
        return float(value)
    if value is None:
        return 0  # a formula over an empty cell shows 0 in every spreadsheet
    return value


def _header_footer(hf: Any) -> str:
    """openpyxl's header or footer (left/centre/right with font sizes) in the code string XlsxWriter takes."""
    out = ""
    for code, part in (("&L", hf.left), ("&C", hf.center), ("&R", hf.right)):
        if part is not None and part.text:
            size = f"&{int(part.size)}" if part.size else ""
            out += f"{code}{size}{part.text}"
    return out


def _copy_sheet(ws: Worksheet, xs: XWorksheet, formats: _Formats, values: dict[tuple[str, int, int], Scalar]) -> None:
    for letter, dim in ws.column_dimensions.items():
        if dim.width:
            index = column_index_from_string(letter)
            xs.set_column(index - 1, index - 1, dim.width)
    for number, row_dim in ws.row_dimensions.items():
        if row_dim.height:
            xs.set_row(number - 1, row_dim.height)
    for mr in ws.merged_cells.ranges:
        top_left = ws.cell(row=mr.min_row, column=mr.min_col)
        xs.merge_range(mr.min_row - 1, mr.min_col - 1, mr.max_row - 1, mr.max_col - 1, "", formats.get(top_left))
    for (row, column), cell in sorted(ws._cells.items()):
        r, c = row - 1, column - 1
        fmt = formats.get(cell)
        value = cell.value
        if value is None:
            if fmt is not None:
                xs.write_blank(r, c, None, fmt)
        elif cell.data_type == "f" and isinstance(value, str) and value.startswith("="):
            xs.write_formula(r, c, value, fmt, _stored(values[(ws.title, row, column)]))
        elif isinstance(value, str):
            xs.write_string(r, c, value, fmt)  # always text: never read as a formula, number or link
        elif isinstance(value, bool):
            xs.write_boolean(r, c, value, fmt)
        else:
            xs.write_number(r, c, float(value), fmt)  # type: ignore[arg-type]  # the annex writes only numbers here
        if cell.comment is not None:
            xs.write_comment(r, c, cell.comment.text, {"author": cell.comment.author or "",
                                                       "x_scale": 2.5, "y_scale": 1.5})
    for dv in ws.data_validations.dataValidation:
        options: dict[str, Any] = {"validate": dv.type or "any"}
        if dv.type == "list":
            source = (dv.formula1 or "").strip()
            if source.startswith('"'):
                options["source"] = source.strip('"').split(",")
            else:
                options["source"] = "=" + source.lstrip("=")
        elif dv.type in ("whole", "decimal", "textLength", "date", "time"):
            options["criteria"] = {"between": "between", "notBetween": "not between", "equal": "==",
                                   "notEqual": "!=", "greaterThan": ">", "lessThan": "<",
                                   "greaterThanOrEqual": ">=", "lessThanOrEqual": "<="}[dv.operator or "between"]
            if (dv.operator or "between") in ("between", "notBetween"):
                options["minimum"] = float(dv.formula1) if dv.formula1 else 0
                options["maximum"] = float(dv.formula2) if dv.formula2 else 0
            else:
                options["value"] = float(dv.formula1) if dv.formula1 else 0
        options["ignore_blank"] = bool(dv.allow_blank)
        options["show_error"] = bool(dv.showErrorMessage)
        if dv.error:
            options["error_message"] = dv.error[:255]
        if dv.errorTitle:
            options["error_title"] = dv.errorTitle[:32]
        if dv.prompt:
            options["input_message"] = dv.prompt[:255]
        if dv.promptTitle:
            options["input_title"] = dv.promptTitle[:32]
        options["show_input"] = bool(dv.showInputMessage)
        if dv.errorStyle in ("warning", "information"):
            options["error_type"] = dv.errorStyle
        for area in str(dv.sqref).split():
            min_col, min_row, max_col, max_row = range_boundaries(area)
            assert min_col is not None and min_row is not None and max_col is not None and max_row is not None
            xs.data_validation(min_row - 1, min_col - 1, max_row - 1, max_col - 1, options)
    cf_rules: dict[Any, Any] = ws.conditional_formatting._cf_rules  # type: ignore[attr-defined]
    for area_ref, rules in cf_rules.items():
        for rule in rules:
            if rule.type != "expression" or not rule.formula:
                continue
            dxf: dict[str, Any] = {}
            if rule.dxf is not None:
                if rule.dxf.fill is not None:
                    colour = _color(rule.dxf.fill.bgColor) or _color(rule.dxf.fill.fgColor)
                    if colour:
                        dxf["bg_color"] = colour
                if rule.dxf.font is not None:
                    colour = _color(rule.dxf.font.color)
                    if colour:
                        dxf["font_color"] = colour
                    if rule.dxf.font.b:
                        dxf["bold"] = True
            for area in str(area_ref.sqref).split():
                min_col, min_row, max_col, max_row = range_boundaries(area)
                assert min_col is not None and min_row is not None and max_col is not None and max_row is not None
                xs.conditional_format(min_row - 1, min_col - 1, max_row - 1, max_col - 1, {
                    "type": "formula", "criteria": "=" + rule.formula[0].lstrip("="),
                    "format": formats.book.add_format(dxf), "stop_if_true": bool(rule.stopIfTrue)})
    _copy_print(ws, xs)


def _copy_print(ws: Worksheet, xs: XWorksheet) -> None:
    if ws.freeze_panes:
        min_col, min_row, _, _ = range_boundaries(f"{ws.freeze_panes}:{ws.freeze_panes}")
        assert min_col is not None and min_row is not None
        xs.freeze_panes(min_row - 1, min_col - 1)
    setup = ws.page_setup
    xs.set_paper(9 if str(setup.paperSize) == str(ws.PAPERSIZE_A4) else int(setup.paperSize or 9))
    if setup.orientation == "landscape":
        xs.set_landscape()
    else:
        xs.set_portrait()
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        xs.fit_to_pages(int(setup.fitToWidth or 0), int(setup.fitToHeight or 0))
    elif setup.scale:
        xs.set_print_scale(int(setup.scale))
    m = ws.page_margins
    xs.set_margins(left=m.left, right=m.right, top=m.top, bottom=m.bottom)
    header = _header_footer(ws.oddHeader)
    footer = _header_footer(ws.oddFooter)
    if header:
        xs.set_header(header, {"margin": m.header})
    if footer:
        xs.set_footer(footer, {"margin": m.footer})
    if ws.print_title_rows:
        first, _, last = str(ws.print_title_rows).partition(":")
        xs.repeat_rows(int(first.strip("$")) - 1, int((last or first).strip("$")) - 1)
    if ws.print_title_cols:
        first, _, last = str(ws.print_title_cols).partition(":")
        xs.repeat_columns(first.strip("$") + ":" + (last or first).strip("$"))
    if ws.row_breaks.brk:
        xs.set_h_pagebreaks([b.id for b in ws.row_breaks.brk])
    if ws.col_breaks.brk:
        xs.set_v_pagebreaks([b.id for b in ws.col_breaks.brk])
    if setup.pageOrder == "overThenDown":
        xs.print_across()
    if ws.print_options.horizontalCentered:
        xs.center_horizontally()
    zoom = ws.sheet_view.zoomScale
    if zoom:
        xs.set_zoom(int(zoom))


def save_with_values(wb: Workbook, target: Path | str) -> None:
    """Write `wb` (as `build_workbook` made it) to `target` with XlsxWriter, each formula with its value.

    XlsxWriter zips into memory and the bytes are written here, in one `with`: XlsxWriter's own ZipFile is not
    closed when a write fails, and on a full disk its `__del__` printed "Exception ignored in … ZipFile.__del__
    … No space left on device" (issue 20.9) after the Danish message; a full disk now fails only here."""
    values = formula_values(wb)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
        "nan_inf_to_errors": True,
    })
    formats = _Formats(book)
    for ws in wb.worksheets:
        xs = book.add_worksheet(ws.title)
        _copy_sheet(ws, xs, formats, values)
    for name, dn in wb.defined_names.items():
        book.define_name(name, "=" + str(dn.attr_text).lstrip("="))
    props = wb.properties
    book.set_properties({
        "title": props.title or "", "subject": props.subject or "", "author": props.creator or "",
        "comments": props.description or "", "keywords": props.keywords or "", "category": props.category or "",
        **({"created": props.created} if props.created else {}),
    })
    if props.language:
        book.set_custom_property("Language", props.language)
    book.worksheets()[wb.index(wb.active) if wb.active is not None else 0].activate()
    book.close()
    with open(target, "wb") as f:
        f.write(buffer.getbuffer())
