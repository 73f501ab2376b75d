"""Copy and paste between a line table and a spreadsheet: tab-separated rows, Danish numbers.

`copy_text(table)` gives the selected rows as the table shows them (one line a row, cells separated by tabs,
booleans as "ja"/"nej"). `paste_text(table, text, as_new)` turns the rows of `text` into field values through
each column's own rules (numbers parsed the Danish way, choices matched by their shown name or code), checks
every resulting line with `planners.model.validation`, and then runs ALL of it as one `Batch` (one undo step):
over the rows from the current one (lines beyond the end are added), or, with `as_new`, as new lines after
the selection. One bad cell refuses the whole paste with a list of "row N: reason"; nothing is changed.

A row with as many cells as the table has columns is read from the first column (a copied row pastes back
whole); a shorter row starts at the current column. Read-only columns and the dialog columns (own shares,
spread over years, percent of) are skipped.

Like a spreadsheet (issue 15.6):
- what was copied here is remembered (`Copied`: whole rows, or the cells of some columns, `copy_cells`);
- one copied row of cells pasted over several selected rows fills those cells of EVERY selected row ("Fælles:
  ligeligt" into five rooms' "Bruges af");
- whole rows paste only where whole rows were copied: cells copied here never become whole rows, and cells
  never paste as new rows;
- a paste that would write other columns than the copied ones (the copied "Bruges af" pasted while the cursor
  stands in "Netto m²") is refused with a Danish message naming both columns; nothing is changed.
Text from elsewhere (a spreadsheet) has no such record: its shape decides, as above.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.i18n import problems_text, t
from desktop.models.base import Column, LineTableModel
from desktop.numbers import parse_decimal
from planners.model import Tenant, scenario_validation
from planners.model.linekinds import lines_of
from planners.store.operations import AddLine, Batch, Operation, UpdateLine

PASTED_EDITORS = ("text", "decimal", "int", "choice", "placement", "bool")
YES = ("ja", "j", "x", "1", "sand", "yes", "y", "true")
NO = ("nej", "n", "", "0", "falsk", "no", "false")
UNITS = ("kr./m²", "kr./år", "kr.", "kr", "m²", "%")


@dataclass
class PasteResult:
    """What a paste would do: the operation (None when there are problems) and the problems by row."""

    op: Operation | None = None
    problems: list[str] = field(default_factory=list)
    rows: int = 0


def rows_of(text: str) -> list[list[str]]:
    """Tab-separated rows (a trailing empty line, as spreadsheets copy, is dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]


def cell_text(model: LineTableModel, row: int, col: int) -> str:
    column = model.columns[col]
    line = model.line(row)
    if column.editor == "bool":
        return t("ja") if column.value_of(line) else t("nej")
    return column.display(line, row).replace("\t", " ").replace("\n", " ")


@dataclass(frozen=True)
class Copied:
    """What was last copied from a table here: its text, the kind of line, and the columns (None: whole rows)."""

    text: str
    kind: str
    columns: tuple[int, ...] | None = None


_last: Copied | None = None


def copied_for(text: str) -> Copied | None:
    """The record of the copy `text` came from, where the clipboard still holds what was copied here."""
    if _last is not None and rows_of(_last.text) == rows_of(text):
        return _last
    return None


def copy_text(model: LineTableModel, rows: list[int]) -> str:
    """The whole rows `rows`, tab-separated (remembered as whole rows)."""
    global _last
    text = "".join("\t".join(cell_text(model, r, c) for c in range(len(model.columns))) + "\n" for r in rows)
    _last = Copied(text, model.kind, None)
    return text


def copy_cells(model: LineTableModel, rows: list[int], columns: Sequence[int]) -> str:
    """The cells of `columns` in `rows` (remembered as those columns: they paste into the same columns only)."""
    global _last
    cols = tuple(sorted(set(columns)))
    text = "".join("\t".join(cell_text(model, r, c) for c in cols) + "\n" for r in rows)
    _last = Copied(text, model.kind, cols)
    return text


def _number(text: str) -> object:
    s = text.strip()
    for unit in UNITS:
        if s.endswith(unit):
            s = s[: -len(unit)].strip()
            break
    return parse_decimal(s)


class _Bad(Exception):
    pass


def convert(column: Column, text: str) -> object:
    """A cell's text as the value the column's editor would give; raises _Bad with the Danish reason."""
    s = text.strip()
    if column.editor == "text":
        return None if column.optional and not s else text.strip()
    if column.editor in ("decimal", "int"):
        if not s and column.optional:
            return None
        number = _number(s)
        if number is None:
            raise _Bad(t("{felt}: «{tekst}» er ikke et tal").format(felt=column.header, tekst=s))
        if column.editor == "int":
            if number != number.to_integral_value():  # type: ignore[attr-defined]
                raise _Bad(t("{felt}: skal være et helt tal").format(felt=column.header))
            return int(number)  # type: ignore[call-overload]
        return number
    if column.editor == "bool":
        if s.casefold() in YES:
            return True
        if s.casefold() in NO:
            return False
        raise _Bad(t("{felt}: skriv ja eller nej").format(felt=column.header))
    choices = column.choices() if column.choices else []
    wanted = s.casefold()
    for value, label in choices:
        code = value[-1] if isinstance(value, tuple) else value
        if wanted in (str(label).casefold(), str(code).casefold()):
            return value
    raise _Bad(t("{felt}: «{tekst}» er ikke et af valgene").format(felt=column.header, tekst=s))


def _apply_cells(model: LineTableModel, line: Any, row: int, cells: list[str], start: int) -> dict:
    """The field values the cells set on `line` (refused cells raise _Bad)."""
    values: dict[str, object] = {}
    current = line
    for offset, text in enumerate(cells):
        c = start + offset
        if c >= len(model.columns):
            break
        column = model.columns[c]
        if column.field is None or column.editor not in PASTED_EDITORS:
            continue
        if not text.strip() and not column.optional and column.editor != "bool":
            continue  # an empty cell leaves a required value as it is
        if text.strip() == _shown(column, current, row) and column.editor != "bool":
            continue  # as shown already: unchanged (a copied row pastes back without edits)
        value = convert(column, text)
        if column.to_values is not None:
            update = column.to_values(current, value)
        else:
            update = {column.field: value}
        current = dataclasses.replace(current, **update)
        values.update(update)
    return values


def _refusal(model: LineTableModel, rows: list[list[str]], first_col: int, as_new: bool,
             copied: Copied | None) -> str | None:
    """Why the paste is refused as a whole (the spreadsheet rules of the module's docstring), or None."""
    n = len(model.columns)
    if copied is not None and copied.kind != model.kind and copied.columns is not None:
        return t("De kopierede celler hører til en anden tabel; kopiér fra denne tabel eller hele rækker")
    if copied is not None and copied.columns is not None:
        names = ", ".join(f"«{model.columns[c].header}»" for c in copied.columns if c < n)
        if as_new:
            return t("Du har kopieret enkelte celler ({kolonner}); kun hele rækker kan indsættes som nye rækker. "
                     "Kopiér hele rækker, eller indsæt over de valgte rækker").format(kolonner=names)  # fmt: skip
        target = tuple(range(first_col, first_col + len(copied.columns)))
        contiguous = copied.columns == tuple(range(copied.columns[0], copied.columns[0] + len(copied.columns)))
        if target != copied.columns or not contiguous:
            here = ", ".join(f"«{model.columns[c].header}»" for c in target if c < n) or t("uden for tabellen")
            return t("Du har kopieret {kolonner}, men markøren står i {her}: indsæt i de samme kolonner, så "
                     "intet andet overskrives").format(kolonner=names, her=here)  # fmt: skip
    if not as_new and any(len(cells) != n for cells in rows):
        widest = max(len(cells) for cells in rows)
        if first_col + widest > n:
            return t("Der er {antal} kolonner i det kopierede, men kun {plads} fra den markerede celle og til "
                     "højre").format(antal=widest, plads=n - first_col)  # fmt: skip
    return None


def plan_paste(model: LineTableModel, text: str, first_row: int, first_col: int, as_new: bool,
               target_rows: Sequence[int] = (), copied: Copied | None = None) -> PasteResult:
    """What pasting `text` at (`first_row`, `first_col`) does: one Batch, or the problems of each row.

    `target_rows`: the selected rows; one row of cells fills that part of each of them. `copied`: the record
    of the copy made here that `text` came from (`copied_for`), which decides which columns it may write."""
    session = model.session
    rows = rows_of(text)
    result = PasteResult(rows=len(rows))
    if not rows:
        result.problems.append(t("Udklipsholderen er tom"))
        return result
    refusal = _refusal(model, rows, first_col, as_new, copied)
    if refusal is not None:
        result.problems.append(refusal)
        return result
    whole = all(len(cells) == len(model.columns) for cells in rows)
    if copied is not None:
        whole = copied.columns is None
    fill = (not as_new and not whole and len(rows) == 1 and len(target_rows) > 1)
    targets = list(target_rows) if fill else None
    if fill:
        rows = rows * len(target_rows)  # one row of cells into each selected row
        result.rows = len(rows)
    scenario = copy.deepcopy(session.scenario)
    lines = _lines(scenario, model.kind)
    existing = len(lines)
    steps: list[Operation] = []
    used_ids = {x.id for x in scenario.tenants}
    where = existing if as_new else first_row  # the first row pasted over (as_new: none)
    for n, cells in enumerate(rows):
        start = 0 if whole and len(cells) == len(model.columns) else first_col
        index = targets[n] if targets is not None else where + n
        is_new = as_new or index >= existing
        line: Any = model.new_line() if is_new else lines[index]
        label = t("Række {n}").format(n=n + 1)
        try:
            values = _apply_cells(model, line, index, cells, start)
        except _Bad as exc:
            result.problems.append(f"{label}: {exc}")
            continue
        changed = dataclasses.replace(line, **values) if values else line
        if isinstance(changed, Tenant) and is_new and "id" not in values:
            changed.id = _free_id(used_ids)
        if isinstance(changed, Tenant):
            used_ids.add(changed.id)
        if is_new:
            changed.row_id = None
            position = first_row + n if as_new else index
            lines.insert(min(position, len(lines)), changed)
        else:
            lines[index] = changed
        problems = scenario_validation.validate_line(model.kind, changed, scenario, "")
        if problems:
            result.problems.append(f"{label}: {problems_text(problems)}")
            continue
        if is_new:
            steps.append(AddLine(session.scenario_id, model.kind, changed, position))
        elif values:
            assert line.row_id is not None  # a line read from the plan file has its row
            steps.append(UpdateLine(model.kind, line.row_id, values))
    if result.problems:
        return result
    if not steps:
        result.problems.append(t("Intet at ændre: cellerne svarer til tabellen"))
        return result
    result.op = steps[0] if len(steps) == 1 else Batch(tuple(steps), t("indsæt"))
    return result


def _shown(column: Column, line: Any, row: int) -> str:
    """The cell as the table would show it; a new line's figures do not exist yet ('' then)."""
    try:
        return column.display(line, row).strip()
    except (IndexError, KeyError, AttributeError):
        return ""


def _lines(scenario: Any, kind: str) -> list:
    return lines_of(scenario, kind)


def _free_id(used: set[str]) -> str:
    n = 1
    while f"lejer{n}" in used:
        n += 1
    return f"lejer{n}"
