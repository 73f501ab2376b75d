"""The table model every list of a scenario uses: one row a line, columns described by `Column`.

Subclasses (one per table: tenants, rooms, equipment, costs, financing, services) only describe their columns.
Reading comes from the session's current plan; `setData` converts the editor's value, refuses a value it cannot
read with its Danish reason (the session's `refused` signal) and otherwise runs ONE `UpdateLine` through the
session's dispatcher. The model listens to `plan_changed` and tells its views exactly what changed (issue 19.2):
rows added or deleted as row inserts and removals (`beginInsertRows`, `beginRemoveRows`), a reset only when rows
moved or another scenario is shown; `dataChanged` for the rows edited, and for a computed column on every row
(figures shown in a row may follow any edit) unless it reads only its own line (`Column.row_only`). A view
repaints only what a signal names: a column's whole height is its whole viewport, one row is one row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from operator import attrgetter, eq
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.dialogs.help import field_help
from desktop.i18n import lang, t
from desktop.numbers import edit_text, number_hint, parse_decimal
from desktop.session import PlanSession
from desktop.signals import emit
from planners.model import CostLine, EquipmentLine, FinancingLine, RoomLine, Service, Tenant
from planners.model.linekinds import LINES, line_kind
from planners.store.operations import Changes, UpdateLine

Line = Tenant | RoomLine | EquipmentLine | CostLine | FinancingLine | Service
"""One line of a scenario's tables (each model's `kind` holds one of these)."""

Index = QModelIndex | QPersistentModelIndex
NUMBER_EDITORS = ("decimal", "int")


@dataclass
class Column:
    """One column: its header (with the unit), how a line shows, and how an edit becomes field values."""

    header: str
    display: Callable[[Any, int], str]  # (line, row) → text
    field: str | None = None  # the line's field an edit sets (None: read only)
    editor: str = "text"  # text | decimal | int | choice | bool | placement | shares | spread | of
    undo_text: str = ""  # "ændr areal"
    edit_value: Callable[[Any], object] | None = None  # line → the value the editor starts from
    to_values: Callable[[Any, object], dict[str, object]] | None = None  # (line, value) → UpdateLine values
    choices: Callable[[], Sequence[tuple[object, str]]] | None = None  # (value, Danish label)
    optional: bool = False  # an empty entry means "no value" (None)
    number: bool = False  # right-aligned
    tooltip: str = ""
    row_only: bool = False  # computed from its own line alone (not the figures): changes only with that line

    def value_of(self, line: Any) -> object:
        if self.edit_value is not None:
            return self.edit_value(line)
        return getattr(line, self.field) if self.field else None


class LineTableModel(QAbstractTableModel):
    """A scenario's lines of one kind (`kind` is a `LineKind` of `planners.model.linekinds`)."""

    kind = ""

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self._lines: list | None = None
        self._lines_generation = -1
        self.columns: list[Column] = self.make_columns()
        # Per column, made once (a view asks for them at every cell it paints; each `Qt.ItemFlag | …` is a
        # Python enum operation of about a microsecond): the flags when editable and when read-only, the alignment.
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self._flags_ro = [base for _c in self.columns]
        self._flags_rw = [base if c.field is None else base | Qt.ItemFlag.ItemIsUserCheckable if c.editor == "bool"
                          else base | Qt.ItemFlag.ItemIsEditable for c in self.columns]  # fmt: skip
        self._align = [_RIGHT if c.number else None for c in self.columns]
        self._align_flags = [None if a is None else Qt.AlignmentFlag(a) for a in self._align]  # (for `look`)
        # Which columns' texts are kept between paints: those made from the line alone (and the plan's names);
        # a computed column (figures) is made when painted.
        self._kept = [c.field is not None or c.row_only for c in self.columns]
        # Each line's display texts (row id → (the line, its texts)), kept between paints: rows that move when a
        # line is added or deleted above them are repainted from here. Valid while only this table's own lines
        # change (an edited line is a new object, so its entry no longer matches); cleared on any other change.
        self._texts: dict[int, tuple[Any, list[str | None]]] = {}
        self._texts_language = lang()
        self._ids = self._row_ids()
        # While rows are inserted or removed one block at a time, the row count the views are told (the session's
        # lines already hold the end state); None otherwise.
        self._count: int | None = None
        session.plan_changed.connect(self._on_plan_changed)

    # --- to describe in subclasses ---------------------------------------------------------------------

    def make_columns(self) -> list[Column]:
        raise NotImplementedError

    def new_line(self) -> Line:
        """A line added by "Tilføj"."""
        raise NotImplementedError

    def duplicate(self, line: Line) -> Line:
        import copy

        return copy.deepcopy(line)

    def noun(self) -> str:
        """One line of the table, in the user's language ("lejer"): the registry's name of the kind."""
        return t(line_kind(self.kind).noun)

    # --- reading ------------------------------------------------------------------------------------------

    def lines(self) -> list:
        # Read for every cell painted (several roles each): kept until the session's plan or scenario changes.
        if self._lines_generation != self.session.generation or self._lines is None:
            self._lines = self.session.lines(self.kind)
            self._lines_generation = self.session.generation
        return self._lines

    def line(self, row: int) -> Any:
        return self.lines()[row]

    def _row_ids(self) -> list[int | None]:
        return list(map(_ROW_ID, self.lines()))  # (in C: 6.000 rooms on the XL plan, after every edit)

    def row_of(self, row_id: int) -> int | None:
        ids = self._row_ids()
        return ids.index(row_id) if row_id in ids else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        return len(self.lines()) if self._count is None else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        # Roles arrive as ints from a view: compared with ints (an enum member's look-up costs more than the rest).
        if role == _DISPLAY:
            if orientation == Qt.Orientation.Horizontal:
                return self.columns[section].header
            return str(section + 1)
        if role == _TOOLTIP and orientation == Qt.Orientation.Horizontal:
            col = self.columns[section]
            return col.tooltip or field_help(self.kind, col.field) or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # A view asks for seven roles a cell it paints; four of them this model never gives: answered first.
        if role in _NO_ROLES or not index.isValid():
            return None
        row = index.row()
        lines = self.lines()
        if row >= len(lines):
            return None
        c = index.column()
        if role == _DISPLAY:
            return self._display(lines[row], row, c)
        if role == _ALIGN:
            return self._align[c]
        col = self.columns[c]
        line = lines[row]
        if role == _EDIT:
            value = col.value_of(line)
            if col.editor in NUMBER_EDITORS:
                return edit_text(value)  # type: ignore[arg-type]
            return value
        if role == _CHECK:
            return _check_state(col, line)
        if role == _TOOLTIP:
            return col.display(line, row) or None
        return None

    def look(self, row: int, c: int) -> tuple[str, Qt.AlignmentFlag | None, Qt.CheckState | None] | None:
        """What `data` gives for the roles a view paints a cell from, in one call: the display text, the alignment
        and (a check box column) the check state; None for a row past the last line (then `data` gives nothing).
        The table's delegate paints from it (`TableDelegate.initStyleOption`): a view asks `data` for seven roles
        of every cell it paints, each a call from Qt into Python (issue 19.2: a line added repaints every row)."""
        lines = self.lines()
        if not 0 <= row < len(lines):
            return None
        line = lines[row]
        return self._display(line, row, c), self._align_flags[c], _check_state(self.columns[c], line)

    def _display(self, line: Any, row: int, c: int) -> str:
        """The cell's text: a kept one where the line has not changed since it was made (see `_texts`)."""
        if not self._kept[c]:
            return self.columns[c].display(line, row)
        key = line.row_id
        entry = self._texts.get(key) if key is not None else None
        if entry is None or entry[0] is not line:
            if self._texts_language != lang():  # another language: every text again
                self._texts.clear()
                self._texts_language = lang()
            texts = [("" if col.editor == "bool" else col.display(line, row)) if kept else None
                     for col, kept in zip(self.columns, self._kept, strict=True)]  # fmt: skip
            if key is not None:
                self._texts[key] = (line, texts)
            return texts[c]  # type: ignore[return-value]  # a kept column's text
        return entry[1][c]  # type: ignore[return-value]

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Asked for every cell painted (twice for a selected one): the file's flag read directly, not through the
        # session's property (a Python frame more), and an invalid index told by its column (-1), not by another
        # call of the index (a valid index has a column ≥ 0, an invalid one has -1).
        column = index.column()
        if column < 0:
            return _BASE_FLAGS
        return (self._flags_ro if self.session.file.readonly else self._flags_rw)[column]

    # --- editing ------------------------------------------------------------------------------------------

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        col = self.columns[index.column()]
        if col.field is None:
            return False
        if role == Qt.ItemDataRole.CheckStateRole and col.editor == "bool":
            value = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        converted = self.convert(col, value)
        if converted is _REFUSED:
            return False
        line = self.line(index.row())
        values = col.to_values(line, converted) if col.to_values else {col.field: converted}
        if all(getattr(line, k) == v for k, v in values.items()):
            return True  # nothing to do: no empty undo step
        # The core validates the edit (once) and refuses an invalid value; the notice names the column.
        changes = self.session.run(
            UpdateLine(self.kind, line.row_id, values),
            col.undo_text or t("ændr {felt}").format(felt=col.header.lower()),
            merge_key=(self.kind, line.row_id, col.field),
            field_label=col.header,
        )
        return changes is not None

    def convert(self, col: Column, value: object) -> object:
        """The editor's value as the field's type, or _REFUSED (the reason is emitted)."""
        if col.editor not in NUMBER_EDITORS:
            if col.editor == "text" and isinstance(value, str) and col.optional and not value.strip():
                return None
            return value
        text = "" if value is None else str(value)
        if not text.strip():
            if col.optional:
                return None
            emit(self.session.refused, t("{felt}: skal udfyldes").format(felt=col.header))
            return _REFUSED
        number = parse_decimal(text)
        if number is None:
            emit(self.session.refused,
                 t("{felt}: «{tekst}» er ikke et tal").format(felt=col.header, tekst=text) + number_hint(text))
            return _REFUSED
        if col.editor == "int":
            if number != number.to_integral_value():
                emit(self.session.refused, t("{felt}: skal være et helt tal").format(felt=col.header))
                return _REFUSED
            return int(number)
        return number

    # --- following the plan ---------------------------------------------------------------------------------

    def _on_plan_changed(self, changes: Changes | None) -> None:
        ids = self._row_ids()
        old, self._ids = self._ids, ids
        if changes is None or not changes.kinds <= {self.kind, _SHARE_KIND.get(self.kind, self.kind)}:
            self._texts.clear()  # another scenario, the plan, another list: a kept text may name what changed
        else:
            for kind, row_id in changes.deleted:  # (an edited line is a new object: its entry no longer matches)
                if kind == self.kind:
                    self._texts.pop(row_id, None)
        if ids != old and (changes is None or not self._insert_and_remove(old, ids)):
            self.beginResetModel()  # another scenario, a plan reloaded, lines moved: the rows themselves
            self.endResetModel()
            return
        if not ids:
            return
        last = len(self.columns) - 1
        own = {self.kind, _SHARE_KIND.get(self.kind, self.kind)}
        if changes is None or not changes.kinds <= own:
            # Another list or the plan changed: any text may follow (a tenant's name in "Bruges af").
            emit(self.dataChanged, self.index(0, 0), self.index(len(ids) - 1, last))
            return
        # This table's own lines only: the rows edited (inserted rows are painted as new), and the computed
        # columns of every row where a figure they show may follow any edit.
        edited = {row_id for kind, row_id in changes.updated if kind == self.kind}
        if len(edited) < 8:  # a few rows: found in C (`index`), not a dictionary of every row
            rows = sorted({ids.index(row_id) for row_id in edited if row_id in ids})
        else:
            where = {row_id: row for row, row_id in enumerate(ids)}
            rows = sorted({where[row_id] for row_id in edited if row_id in where})
        for row in rows:
            emit(self.dataChanged, self.index(row, 0), self.index(row, last))
        for c, col in enumerate(self.columns):
            if col.field is None and not col.row_only:
                emit(self.dataChanged, self.index(0, c), self.index(len(ids) - 1, c))

    def _insert_and_remove(self, old: list[int | None], new: list[int | None]) -> bool:
        """Tell the views that rows were removed and inserted, block by block, when that is all that happened
        (the lines kept are in the same order); False if not (then the caller resets)."""
        if None in old or None in new:
            return False  # rows told apart by their row ids only
        # One block taken out or put in (a line added, deleted, the undo of either): the rows before and after it
        # are the same row ids, found in C (`map(eq, …)`), not by sets and loops over every row.
        n = min(len(old), len(new))
        head = _leading(map(eq, old, new), n)
        tail = _leading(map(eq, reversed(old), reversed(new)), n - head)
        gone_block, added_block = old[head:len(old) - tail], new[head:len(new) - tail]
        if not (gone_block and added_block) and set(gone_block).isdisjoint(new) \
                and set(added_block).isdisjoint(old):
            self._tell(list(range(head, head + len(gone_block))), list(range(head, head + len(added_block))),
                       len(old))
            return True
        if len(set(old)) != len(old) or len(set(new)) != len(new):
            return False  # rows told apart by their row ids only
        kept = set(old) & set(new)
        if [x for x in old if x in kept] != [x for x in new if x in kept]:
            return False  # moved
        gone = [row for row, x in enumerate(old) if x not in kept]
        added = [row for row, x in enumerate(new) if x not in kept]
        self._tell(gone, added, len(old))
        return True

    def _tell(self, gone: list[int], added: list[int], count: int) -> None:
        """Tell the views that the rows `gone` (numbered as before, `count` rows) were removed and `added`
        (numbered as after) inserted, block by block."""
        self._count = count
        try:
            for first, last in reversed(_blocks(gone)):  # from the bottom: the rows above keep their numbers
                self.beginRemoveRows(QModelIndex(), first, last)
                self._count -= last - first + 1
                self.endRemoveRows()
            for first, last in _blocks(added):  # from the top: each block's rows are numbered as they end up
                self.beginInsertRows(QModelIndex(), first, last)
                self._count += last - first + 1
                self.endInsertRows()
        finally:
            self._count = None


def _check_state(col: Column, line: Any) -> Qt.CheckState | None:
    """A check box column's state for `line` (what `data` gives for the check state role and `look` gives); None for
    any other column."""
    if col.editor != "bool":
        return None
    return Qt.CheckState.Checked if col.value_of(line) else Qt.CheckState.Unchecked


def _leading(same: Iterator[bool], limit: int) -> int:
    """How many leading Trues `same` gives, at most `limit`."""
    flags = list(islice(same, limit))
    try:
        return flags.index(False)
    except ValueError:
        return len(flags)


def _blocks(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive rows."""
    out: list[tuple[int, int]] = []
    for row in rows:
        if out and out[-1][1] == row - 1:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out


# Roles a view asks of every cell it paints that no line table gives (its style and palette decide). The roles as
# ints: a view passes an int, and comparing it with an int costs no look-up of an enum member.
_NO_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole,
                                       Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DecorationRole,
                                       Qt.ItemDataRole.SizeHintRole))  # fmt: skip
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_CHECK = int(Qt.ItemDataRole.CheckStateRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BASE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ROW_ID = attrgetter("row_id")
# Line kinds whose lines carry an allocation → the name `Changes.kinds` gives a change of their shares.
_SHARE_KIND: dict[str, str] = {str(kind): info.share_table for kind, info in LINES.items() if info.share_table}


class _Refused:
    pass


_REFUSED: Any = _Refused()


def opt_decimal(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None
