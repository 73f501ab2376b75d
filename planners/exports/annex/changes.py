"""The annex sheet "Ændringer siden version" (issue 18.3): for a resubmission, exactly what changed since a named
version of the plan — added, removed and changed per scenario, tenant, line and field with the old and the new
value — and what that did to each scenario's key figures and each tenant's rent.

The difference itself is the core's (`planners.history.diff.diff_plans`, the version against the plan as
exported); the exports may not import the history (the `layers` contract: they sit side by side), so the caller
computes it and hands it over in a `ChangesSince`. Amounts are written as numbers at full precision with the
annex's formats (whole kroner shown, nothing rounded); the texts are the difference's own plain Danish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet

from planners.exports.annex.style import (
    BODY_FONT,
    BOLD_FONT,
    HEADING_FONT,
    KR,
    M2,
    NOTE_FONT,
    WRAP,
    fit_height,
    header_row,
    put_label,
    put_number,
    put_text,
    title,
)
from planners.model import Plan

if TYPE_CHECKING:  # the exports never import the history at run time (import contract); the caller diffs
    from planners.history.diff import PlanDiff

CHANGES = "Ændringer siden version"  # the sheet's name (at most 31 characters, as Excel allows)
CONTENTS = "hvad der er ændret siden en gemt version: tilføjet, fjernet og ændret, med virkningen på nøgletal og husleje"
ACTION_WORDS = {"added": "Tilføjet", "removed": "Fjernet", "changed": "Ændret"}
# Widths in characters; the texts wrap. Landscape, printed at 85 % or more (issue 16.1): ≥ 8,5 pt.
WIDTHS = {"A": 4, "B": 9, "C": 13, "D": 28, "E": 20, "F": 16, "G": 16, "H": 12}
LAYOUT = (True, WIDTHS, "A5", "1:4")  # landscape, widths, frozen panes, title rows (workbook._finish)
REPEAT_COLUMNS = "A:D"
# A difference shows its sign, as the GUI's comparison does: +14,0 m², −307 kr.
CHANGE_FORMATS = {KR: '+#,##0 "kr.";-#,##0 "kr.";0 "kr."', M2: '+#,##0.0 "m²";-#,##0.0 "m²";0.0 "m²"'}


@dataclass(frozen=True)
class ChangesSince:
    """What the sheet shows: the version's name, when and by whom it was saved, and the difference from it to the
    plan as exported (`diff_plans(version, plan, by_row_id=True)`)."""

    version: str
    saved_at: str  # ISO 8601 (UTC), as the plan file keeps it
    saved_by: str
    diff: PlanDiff


def _date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d.%m.%Y")
    except ValueError:
        return iso


def sheet_heading(changes: ChangesSince) -> str:
    return f"Ændringer siden version «{changes.version}»"


def write_changes(ws: Worksheet, plan: Plan, changes: ChangesSince,
                  figure_labels: Mapping[str, tuple[str, str]]) -> int:  # fmt: skip
    """Fill the sheet; the number of change rows written (one a field changed, one a thing added or removed)."""
    title(ws, sheet_heading(changes), f"{plan.title} – versionen blev gemt {_date(changes.saved_at)} af "
                                      f"{changes.saved_by}; her sammenlignet med planen, som den er i dette bilag")
    header_row(ws, 4, ["Nr.", "Hvad", "Scenarie", "Hvor", "Felt", "Før", "Nu", ""])
    row = 4
    diff = changes.diff
    written = 0
    if diff.empty:
        row += 1
        put_label(ws, row, 4, "Ingen ændringer siden versionen.")
    for change in diff.changes:
        where = change.subject
        if change.part == "plan":
            where = "Planen"
        elif change.part == "scenario" and change.action.value == "changed":
            where = "Scenariet"
        fields = change.fields or (None,)
        for fc in fields:
            row += 1
            written += 1
            put_number(ws, row, 1, written, "0")
            put_label(ws, row, 2, ACTION_WORDS[change.action.value],
                      font=BOLD_FONT if change.action.value != "changed" else BODY_FONT)  # fmt: skip
            put_text(ws, row, 3, change.scenario or "", wrap=True)
            put_text(ws, row, 4, where[:1].upper() + where[1:], wrap=True)
            if fc is not None:
                put_label(ws, row, 5, fc.label("da"))
                put_text(ws, row, 6, fc.old_text, wrap=True)
                put_text(ws, row, 7, fc.new_text, wrap=True)
                ws.cell(row=row, column=5).alignment = WRAP
            fit_height(ws, row, [(where, WIDTHS["D"]), (change.scenario or "", WIDTHS["C"]),
                                 *(((fc.old_text, WIDTHS["F"]), (fc.new_text, WIDTHS["G"]),
                                    (fc.label("da"), WIDTHS["E"])) if fc is not None else ())])  # fmt: skip
    row += 2
    put_label(ws, row, 1, "Virkning på nøgletallene", font=HEADING_FONT)
    row += 1
    header_row(ws, row, ["", "", "Scenarie", "Nøgletal", "", "Før", "Nu", "Forskel"])
    if not diff.figures:
        row += 1
        put_label(ws, row, 4, "Ingen nøgletal er ændret.")
    for f in diff.figures:
        row += 1
        fmt = M2 if f.unit == "m2" else KR
        put_text(ws, row, 3, f.scenario, wrap=True)
        put_label(ws, row, 4, figure_labels.get(f.key, (f.key, ""))[0])
        put_number(ws, row, 6, f.old, fmt)
        put_number(ws, row, 7, f.new, fmt)
        put_number(ws, row, 8, f.new - f.old, CHANGE_FORMATS[fmt], font=BOLD_FONT)
    row += 2
    put_label(ws, row, 1, "Virkning på lejernes husleje om året", font=HEADING_FONT)
    row += 1
    header_row(ws, row, ["", "", "Scenarie", "Lejer", "", "Før", "Nu", "Forskel"])
    if not diff.rents:
        row += 1
        put_label(ws, row, 4, "Ingen lejers husleje er ændret.")
    for r in diff.rents:
        row += 1
        put_text(ws, row, 3, r.scenario, wrap=True)
        put_text(ws, row, 4, r.tenant, wrap=True)
        if r.old is None:
            put_label(ws, row, 6, "(ny lejer)")
        else:
            put_number(ws, row, 6, r.old, KR)
        if r.new is None:
            put_label(ws, row, 7, "(fraflyttet)")
        else:
            put_number(ws, row, 7, r.new, KR)
        if r.old is not None and r.new is not None:
            put_number(ws, row, 8, r.new - r.old, CHANGE_FORMATS[KR], font=BOLD_FONT)
    row += 2
    text = ("Ændringerne er fundet ved at sammenligne versionen med planen linje for linje (samme linje i begge, "
            "hvor meget den end er ændret). Beløb er i hele kroner; forskellen er regnet før afrunding.")
    put_label(ws, row, 1, text, font=NOTE_FONT)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    ws.cell(row=row, column=1).alignment = WRAP
    ws.row_dimensions[row].height = 28
    return written
