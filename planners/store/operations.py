"""Edits of a plan file as operation records (the command pattern), and how they are applied.

Every edit the GUI or a script makes is a small frozen dataclass below. `apply(conn, op)` (called by
`PlanFile.apply`) runs it in ONE transaction (BEGIN IMMEDIATE … COMMIT; rolled back on any error) and
returns `Changes`: what it touched, so a view refreshes only what it shows, and `inverse`, an operation that
restores the exact previous state — rows, order, values and the same row ids (line tables never hand out a
row id twice, so a deleted row comes back under its old id). Undo = apply `changes.inverse`; redo = apply
the inverse that undo returned.

Scenarios and lines are addressed by their row ids (as `PlanFile.load()` sets them on the dataclasses).
Line kinds: the `LineKind`s of `planners.model.linekinds` ("tenant", "room", "equipment", "cost", "financing",
"service"), whose registry says where each is kept.

Invalid values (DESIGN §3) are refused with `InvalidPlan` before anything is committed, by the rules of
`planners.model.validation`; inconsistencies across lines are stored (the checks report them). A caller that
holds the plan as the file holds it (the GUI's session) passes it as `held`: a line added or edited is then
validated against the scenario in memory, not the scenario read again from the file (issue 19.2).
"""

from __future__ import annotations

import copy
import dataclasses
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from operator import attrgetter
from typing import Any

from planners import reference
from planners.model import (
    Allocation,
    AllocationKey,
    Catalogs,
    Commitment,
    Plan,
    RoomType,
    RunningRate,
    Scenario,
    TenantKind,
    scenario_validation,
    validation,
)
from planners.model.errors import InvalidPlan, PlanError, Problem
from planners.model.linekinds import LINES, LineKind, LineKindInfo, line_kind
from planners.model.timeline import MarketRentDefault, TimeLine
from planners.model.timeline_validation import validate_market_rent_default, validate_timeline
from planners.store import schema, schema_write
from planners.store import timeline as timeline_store

# --- operation records -------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """Base of every operation record."""


@dataclass(frozen=True)
class SetPlanFields(Operation):
    """Set plan-level fields (any of `schema.PLAN_FIELDS`: title, years, applicant, partners, …)."""

    values: Mapping[str, object]


@dataclass(frozen=True)
class SetScenarioFields(Operation):
    """Set a scenario's own fields other than its name (today: `gross_factor`)."""

    scenario: int
    values: Mapping[str, object]


@dataclass(frozen=True)
class AddLine(Operation):
    """Insert a line at `index` of its list (None: at the end). `row_id` asks for that row id (undo)."""

    scenario: int
    kind: str
    line: object
    index: int | None = None
    row_id: int | None = None


@dataclass(frozen=True)
class UpdateLine(Operation):
    """Set some fields of one line (a tenant's new id carries over to every line that names it)."""

    kind: str
    row_id: int
    values: Mapping[str, object]


@dataclass(frozen=True)
class DeleteLines(Operation):
    """Delete several lines of one kind. Deleting a tenant follows DESIGN §3 (see `DeleteTenant`)."""

    kind: str
    row_ids: tuple[int, ...]


@dataclass(frozen=True)
class DeleteTenant(Operation):
    """Delete a tenant: its dedicated rooms become vacant, its dedicated equipment becomes shared by the
    area key, and it leaves every allocation that names it (custom shares may then not sum to 100)."""

    row_id: int


@dataclass(frozen=True)
class MoveLine(Operation):
    """Move a line to `index` of its list."""

    kind: str
    row_id: int
    index: int


@dataclass(frozen=True)
class SetRunningRate(Operation):
    """Set a scenario's running rate per gross m² a year (None removes the rate)."""

    scenario: int
    rate: RunningRate
    value: Decimal | None


@dataclass(frozen=True)
class AddScenario(Operation):
    """Insert a whole scenario at `index` (None: last). With `keep_row_ids`, the row ids its objects carry
    are reused (undo of a delete)."""

    scenario: Scenario
    index: int | None = None
    keep_row_ids: bool = False


@dataclass(frozen=True)
class DuplicateScenario(Operation):
    """A deep copy of a scenario (every line; tenants keep their ids) named `name`, placed after it."""

    scenario: int
    name: str


@dataclass(frozen=True)
class RenameScenario(Operation):
    """Rename a scenario; `applied_scenario` follows it."""

    scenario: int
    name: str


@dataclass(frozen=True)
class DeleteScenario(Operation):
    """Delete a scenario and all its lines (never the last one)."""

    scenario: int


@dataclass(frozen=True)
class MoveScenario(Operation):
    scenario: int
    index: int


@dataclass(frozen=True)
class SetCatalogRow(Operation):
    """Set one row of the plan's own catalogs; None removes it.

    `catalog` is "tenant_kind" (TenantKindInfo), "room_type" (RoomTypeInfo), "equipment" (EquipmentItem),
    "running_rate" (a Decimal, default rate per gross m²) or "patients_per_gp" (a Decimal; `code` unused)."""

    catalog: str
    code: str
    value: object | None


@dataclass(frozen=True)
class ResetCatalogs(Operation):
    """Replace all the plan's catalogs (e.g. with the bundled ones)."""

    catalogs: Catalogs


@dataclass(frozen=True)
class Batch(Operation):
    """Several operations as one edit (one transaction, one undo step)."""

    steps: tuple[Operation, ...]
    label: str = ""


@dataclass(frozen=True)
class SetTimeLine(Operation):
    """Set a scenario's rent terms over the years (issue 17) as a whole; the inverse sets the old ones."""

    scenario: int
    timeline: TimeLine


@dataclass(frozen=True)
class SetCommitment(Operation):
    """Set (None: remove) a tenant's commitment in a scenario (issue 16.6); `tenant` is the tenant's id."""

    scenario: int
    tenant: str
    value: Commitment | None


@dataclass(frozen=True)
class SetRunningRateSource(Operation):
    """Set the source of a scenario's running rate (issue 16.6); "" removes it."""

    scenario: int
    rate: RunningRate
    source: str


@dataclass(frozen=True)
class SetCatalogRateSource(Operation):
    """Set the source of one of the plan's default running rates (issue 16.6); "" removes it."""

    rate: RunningRate
    source: str


@dataclass(frozen=True)
class SetMarketRentDefault(Operation):
    """Set (or, with None, remove) the plan's default market rent (issue 17)."""

    value: MarketRentDefault | None


# --- what changed ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Changes:
    """What one applied operation changed.

    `kinds` names the entity kinds touched: "plan", "scenario", "catalog", "running_rate", the line kinds
    and "room_share", "equipment_share", "service_share". `inserted` / `updated` / `deleted` hold
    (kind, row id) pairs (kinds: "scenario" and the line kinds); `moved` the updated lines whose place in
    their list changed (the others kept theirs). `scenario` / `scenario_id` is the scenario concerned (after
    the edit), None for plan-level edits or edits of several scenarios."""

    inverse: Operation
    scenario: str | None = None
    scenario_id: int | None = None
    kinds: frozenset[str] = frozenset()
    inserted: frozenset[tuple[str, int]] = frozenset()
    updated: frozenset[tuple[str, int]] = frozenset()
    deleted: frozenset[tuple[str, int]] = frozenset()
    moved: frozenset[tuple[str, int]] = frozenset()

    def touches(self, *kinds: str) -> bool:
        return any(k in self.kinds for k in kinds)


@dataclass
class LineOrders:
    """The row ids of a scenario's lines of a kind in list order (key: kind, scenario id), as this connection's own
    edits left them in the file, at positions 0 … n − 1: a line added or deleted then moves the lines after it without
    first reading every line's id and position (`_ids_in_order`: 600 rows, ≈ 2,7 M instructions of every add, delete
    and undo on the large plan; issue 19.2). `PlanFile` keeps one for its connection.

    Trusted only while nothing but these edits wrote to the file: another connection's commit changes `PRAGMA
    data_version`, any write of this connection (also outside `apply`) its `total_changes`; an operation that does
    not keep the orders itself (anything but adding, editing and deleting lines other than tenants) forgets them
    before it runs, and a failed one (rolled back) forgets them all."""

    ids: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    data_version: int | None = None  # `PRAGMA data_version` when the orders were last known to be the file's
    total_changes: int | None = None  # the connection's `total_changes` after the last edit kept them
    checked: bool = False  # `data_version` compared in the edit running now (one statement, asked only when needed)

    def begin(self, conn: sqlite3.Connection) -> None:
        """At the start of an edit's transaction: forget the orders if this connection wrote outside the edits."""
        if conn.total_changes != self.total_changes:
            self.ids.clear()
        self.checked = False

    def known(self, conn: sqlite3.Connection, kind: str, scenario_id: int) -> list[int] | None:
        """The row ids of the lines in list order, if the connection's own edits left them and nothing else wrote
        to the file since (a copy: the caller may change it)."""
        if not self.ids:
            return None
        self._check(conn)
        known = self.ids.get((kind, scenario_id))
        return None if known is None else list(known)

    def note(self, conn: sqlite3.Connection, kind: str, scenario_id: int, ids: list[int]) -> None:
        """The lines of `kind` now stand in the file in the order `ids`, at positions 0 … n − 1."""
        self._check(conn)
        self.ids[(kind, scenario_id)] = ids

    def _check(self, conn: sqlite3.Connection) -> None:
        # Inside the edit's transaction (the file is held): another connection's commit since the orders were noted
        # changed `data_version` (never this connection's own).
        if self.checked:
            return
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self.data_version:
            self.ids.clear()
        self.data_version = version
        self.checked = True

    def forget(self) -> None:
        self.ids.clear()
        self.data_version = self.total_changes = None


@dataclass
class _Record:
    kinds: set[str] = field(default_factory=set)
    inserted: set[tuple[str, int]] = field(default_factory=set)
    updated: set[tuple[str, int]] = field(default_factory=set)
    deleted: set[tuple[str, int]] = field(default_factory=set)
    moved: set[tuple[str, int]] = field(default_factory=set)
    scenarios: dict[int, str] = field(default_factory=dict)  # id → name (after the edit, if it still exists)
    plan_level: bool = False
    # The plan as the file held it before the operation (the caller's, in memory); None once a step has
    # changed the file, so only what runs before any change reads it (`_held_scenario`).
    held: Plan | None = None
    orders: LineOrders | None = None  # the caller's (`PlanFile`): the lists' orders its own edits left


# --- applying ----------------------------------------------------------------------------------

_ROW_ID = attrgetter("row_id")

# Line kinds whose lines carry an allocation → the entity kind `Changes` names when its shares change.
_SHARE_KIND: dict[str, str] = {kind: info.share_table for kind, info in LINES.items() if info.share_table}


def apply(conn: sqlite3.Connection, op: Operation, before_commit: Callable[[Operation], None] | None = None,
          held: Plan | None = None, orders: LineOrders | None = None) -> Changes:  # fmt: skip
    """Apply `op` to the plan open on `conn` (autocommit mode) in one transaction. `before_commit(inverse)` runs
    inside it, after the edit (the plan file records its history there: edit and entry commit together).
    `held`: the plan exactly as the file holds it now, row ids set (`PlanFile.load()` and every change since),
    to validate against instead of reading the scenario again; the caller answers for it being current.
    `orders`: the lists' orders the connection's earlier edits left (`LineOrders`), kept up to date here."""
    rec = _Record(held=held, orders=orders)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if orders is not None:
            orders.begin(conn)
        inverse = _apply(conn, op, rec)
        if before_commit is not None:
            before_commit(inverse)
        conn.execute("COMMIT")
    except sqlite3.IntegrityError as exc:
        _rolled_back(conn, orders)
        # A rule of the schema the validation did not already catch: still the user's value.
        raise InvalidPlan([Problem("", "Ændringen strider mod planens regler ({reason})", reason=exc)]) from exc
    except BaseException:
        _rolled_back(conn, orders)
        raise
    if orders is not None:
        orders.total_changes = conn.total_changes  # this edit's own writes: the orders are the file's
    scenario_id = next(iter(rec.scenarios)) if len(rec.scenarios) == 1 and not rec.plan_level else None
    return Changes(
        inverse=inverse,
        scenario=rec.scenarios.get(scenario_id) if scenario_id is not None else None,
        scenario_id=scenario_id,
        kinds=frozenset(rec.kinds),
        inserted=frozenset(rec.inserted),
        updated=frozenset(rec.updated),
        deleted=frozenset(rec.deleted),
        moved=frozenset(rec.moved),
    )


def _rolled_back(conn: sqlite3.Connection, orders: LineOrders | None) -> None:
    if orders is not None:
        orders.forget()  # what the edit noted of the orders before it failed is not in the file
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _apply(conn: sqlite3.Connection, op: Operation, rec: _Record) -> Operation:
    handler = _HANDLERS.get(type(op))
    if handler is None:
        raise TypeError(f"not an operation: {op!r}")
    if rec.orders is not None and not _keeps_orders(op):
        rec.orders.ids.clear()  # it may move lines without noting their order: read from the file again
    try:
        return handler(conn, op, rec)
    finally:
        rec.held = None  # the file has changed (or may have): the plan held is no longer what it holds


def _held_scenario(rec: _Record, scenario_id: int) -> Scenario | None:
    """The scenario as the caller holds it in memory, if it gave the plan and nothing has been changed yet."""
    if rec.held is None:
        return None
    return next((s for s in rec.held.scenarios if s.row_id == scenario_id), None)


def _held_with_lines(rec: _Record, scenario_id: int, kind: str, ids: list[int]) -> Scenario | None:
    """`_held_scenario` where its lines of `kind` are the file's (row ids `ids`, in list order), else None: what an
    add or a delete reads from it (the list, the tenants, the time line, the name) is then what the file holds."""
    held = _held_scenario(rec, scenario_id)
    if held is None or list(map(_ROW_ID, line_kind(kind).lines_of(held))) != ids:
        return None  # not the file's lines: everything read from the file
    return held


def _keeps_orders(op: Operation) -> bool:
    """Whether `op`'s handler keeps `LineOrders` itself: a line added, edited (its place unchanged) or deleted; a
    tenant's delete renumbers the tenants and edits the lines naming it (`_delete_tenant`), so not that."""
    kind = type(op)
    return kind is AddLine or kind is UpdateLine or kind is DeleteLines and op.kind != "tenant"  # type: ignore[attr-defined]


def _known_order(conn: sqlite3.Connection, rec: _Record, kind: str, scenario_id: int) -> list[int] | None:
    """The row ids of the lines in list order as the connection's own edits left them, if known (`LineOrders`)."""
    return None if rec.orders is None else rec.orders.known(conn, kind, scenario_id)


def _note_order(conn: sqlite3.Connection, rec: _Record, kind: str, scenario_id: int, ids: list[int]) -> None:
    """The lines of `kind` now stand in the file in the order `ids`, at positions 0 … n − 1 (`LineOrders`)."""
    if rec.orders is not None:
        rec.orders.note(conn, kind, scenario_id, ids)


def _ids_in_order(conn: sqlite3.Connection, kind: str, scenario_id: int) -> tuple[list[int], bool]:
    """The row ids of a scenario's lines of `kind` in list order (as `schema.line_ids`), and whether their
    positions are 0 … n − 1, each once, as every edit leaves them: then a line added or deleted moves the lines
    after it by ONE statement (a line added near the top of 6.000 rooms: ≈ 10 ms, against ≈ 30 ms writing each
    row's position from Python). Ids and positions in one statement, as plain tuples flattened in C, not a
    `sqlite3.Row` each (issue 19.2: 6.000 rooms on the XL plan, 2,7 → 1,7 ms; the positions were a second
    statement, an aggregate over the same rows)."""
    table = schema.LINE_TABLE[kind]
    cursor = conn.cursor()
    cursor.row_factory = None
    flat = list(chain.from_iterable(cursor.execute(
        f"SELECT id, position FROM {table} WHERE scenario_id = ? ORDER BY position, id", (scenario_id,))))
    ids, positions = flat[0::2], flat[1::2]
    return ids, positions == list(range(len(ids)))  # sorted, so: 0 … n − 1 each once


def _batch(conn: sqlite3.Connection, op: Batch, rec: _Record) -> Operation:
    inverses = [_apply(conn, step, rec) for step in op.steps]
    return Batch(tuple(reversed(inverses)), op.label)


# --- helpers -----------------------------------------------------------------------------------


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise InvalidPlan(problems)


def _scenario_row(conn: sqlite3.Connection, scenario_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM scenario WHERE id = ?", (scenario_id,)).fetchone()
    if row is None:
        raise PlanError("Scenariet findes ikke (række {row})", row=scenario_id)
    return row


def _scenario_index(conn: sqlite3.Connection, scenario_id: int) -> int:
    return schema.scenario_ids(conn).index(scenario_id)


def _load_scenario(conn: sqlite3.Connection, scenario_id: int, kinds: tuple[str, ...] | None = None) -> Scenario:
    """The scenario with all its lines, or (with `kinds`) only the lines an edit needs, no running rates."""
    found = schema.read_scenarios(conn, scenario_id, kinds)
    if not found:
        raise PlanError("Scenariet findes ikke (række {row})", row=scenario_id)
    return found[0]


def _line_path(conn: sqlite3.Connection, scenario_id: int, kind: str, index: int) -> str:
    attr = line_kind(kind).attr
    return f"scenarios[{_scenario_index(conn, scenario_id)}].{attr}[{index}]"


def _check_kind(kind: str) -> LineKindInfo:
    return line_kind(kind)


def _validate_line(conn: sqlite3.Connection, kind: str, line: object, scenario: Scenario,
                   scenario_id: int, index: int | Callable[[], int]) -> None:  # fmt: skip
    """Refuse an invalid line as it would stand at `index` of `scenario` (already placed there). `index` may
    be a function: the line's place (a statement) is looked up only to name a problem's path."""
    problems = scenario_validation.validate_line(kind, line, scenario, "")
    code = getattr(line, "id", None) if kind == "tenant" else None
    # validate_line reports a duplicate id only against the tenants *before* it: check them all.
    duplicate = code is not None and sum(1 for t in scenario.tenants if t.id == code) > 1
    if not problems and not duplicate:
        return
    path = _line_path(conn, scenario_id, kind, index if isinstance(index, int) else index())
    problems = scenario_validation.validate_line(kind, line, scenario, path)
    if duplicate and not any(p.path.endswith(".id") for p in problems):
        where = f"{path}.id"  # a variable, not an f-string in the call: the extraction skips a call with one
        problems.append(Problem(where, "lejer-id'et «{code}» er allerede brugt i scenariet", code=code))
    _refuse(problems)


def _problem_keys(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.path, p.message_da) for p in problems}


def _validate_plan_change(before: Plan, after: Plan) -> None:
    """Refuse the change if the plan after it has a problem the plan before did not have (a plan stored
    by an older version may carry an old problem; it must not block unrelated edits). The plan before is
    validated only when the plan after has a problem: a valid edit validates the plan once."""
    known = reference.known_names()
    problems = validation.validate_plan(after, known)
    if not problems:
        return
    old = _problem_keys(validation.validate_plan(before, known))
    _refuse([p for p in problems if (p.path, p.message_da) not in old])


def _note_scenario(conn: sqlite3.Connection, rec: _Record, scenario_id: int,
                   held: Scenario | None = None) -> None:  # fmt: skip
    """Note the scenario an edit changed, with its name: the held scenario's (`_held_scenario`, taken before the
    edit changed anything: a line edit never renames its scenario), else the file's."""
    if held is not None and held.row_id == scenario_id:
        rec.scenarios[scenario_id] = held.name
        return
    row = conn.execute("SELECT name FROM scenario WHERE id = ?", (scenario_id,)).fetchone()
    if row is not None:
        rec.scenarios[scenario_id] = row[0]


def _clamp(index: int | None, size: int) -> int:
    if index is None:
        return size
    return max(0, min(index, size))


def _check_values(obj: object, values: Mapping[str, object], allowed: set[str] | None = None) -> None:
    names = {f.name for f in dataclasses.fields(obj)} - {"row_id"}  # type: ignore[arg-type]
    if allowed is not None:
        names &= allowed
    unknown = set(values) - names
    if unknown:
        raise ValueError(f"cannot set {sorted(unknown)} on {type(obj).__name__}")


# --- lines -------------------------------------------------------------------------------------


def _add_line(conn: sqlite3.Connection, op: AddLine, rec: _Record) -> Operation:
    info = _check_kind(op.kind)
    table = schema.LINE_TABLE[op.kind]
    known = _known_order(conn, rec, op.kind, op.scenario)
    before, in_order = (known, True) if known is not None else _ids_in_order(conn, op.kind, op.scenario)
    # The list the line joins (its place) and the tenants (its references): what validating it needs, from
    # the plan held in memory where the caller gave it (and it has the file's lines), else from the file.
    held = _held_with_lines(rec, op.scenario, op.kind, before)
    if held is not None:
        lines = list(info.lines_of(held))
        scenario = info.with_lines(held, lines)  # a shallow copy: the plan held is not changed
    else:
        scenario = _load_scenario(conn, op.scenario, tuple(dict.fromkeys(("tenant", op.kind))))
        lines = schema.scenario_lines(scenario, op.kind)
    index = _clamp(op.index, len(lines))
    line = copy.deepcopy(op.line)
    lines.insert(index, line)
    _validate_line(conn, op.kind, line, scenario, op.scenario, index)
    if in_order:
        conn.execute(f"UPDATE {table} SET position = position + 1 WHERE scenario_id = ? AND position >= ?",
                     (op.scenario, index))  # fmt: skip
        new_id = schema_write.insert_line(conn, op.kind, op.scenario, index, line, op.row_id)
        ids = [*before[:index], new_id, *before[index:]]
    else:  # positions with gaps or twins (a file from elsewhere): every line's written
        new_id = schema_write.insert_line(conn, op.kind, op.scenario, index, line, op.row_id)
        ids = [*before[:index], new_id, *before[index:]]
        schema_write.renumber(conn, table, ids)
    _note_order(conn, rec, op.kind, op.scenario, ids)
    # The delete that undoes this shifts them back.
    _follow_lines(conn, rec, op.scenario, op.kind, before, ids, held.timeline if held is not None else None)
    rec.kinds.add(op.kind)
    if op.kind in _SHARE_KIND and getattr(line, "shared", None) is not None:
        rec.kinds.add(_SHARE_KIND[op.kind])
    rec.inserted.add((op.kind, new_id))
    _note_scenario(conn, rec, op.scenario, held)
    return DeleteLines(op.kind, (new_id,))


def _get_line(conn: sqlite3.Connection, kind: str, row_id: int) -> tuple[int, int, object]:
    found = schema.read_line(conn, kind, row_id)
    if found is None:
        raise PlanError("Linjen findes ikke (række {row})", row=row_id)
    return found


def _update_line(conn: sqlite3.Connection, op: UpdateLine, rec: _Record) -> Operation:
    info = _check_kind(op.kind)
    # Read the line once, with what validating it needs: the scenario's tenants (references are checked
    # against them). A tenant is read with the other tenants of its scenario, in one statement.
    if info.kind is LineKind.TENANT:
        found = schema.read_lines(conn, "tenant", "scenario_id = (SELECT scenario_id FROM tenant WHERE id = ?)",
                                  (op.row_id,))  # fmt: skip
    else:
        found = schema.read_lines(conn, op.kind, "id = ?", (op.row_id,))
    old = next((line for _sid, line in found if line.row_id == op.row_id), None)
    if old is None:
        raise PlanError("Linjen findes ikke (række {row})", row=op.row_id)
    scenario_id = found[0][0]
    _check_values(old, op.values)
    new = dataclasses.replace(old, **copy.deepcopy(dict(op.values)))
    renames_tenant = info.kind is LineKind.TENANT and new.id != old.id
    # Only the scenario's row and the kinds validation (or a tenant's new id) needs: not the whole scenario;
    # from the plan held in memory where the caller gave it (not for a new tenant id: the lines naming it are
    # read from the file, which the cascade changes).
    held = None if renames_tenant else _held_scenario(rec, scenario_id)
    if held is None:
        kinds = ("tenant", *_SHARE_KIND) if renames_tenant else ()
        (scenario,) = schema.read_scenarios(conn, scenario_id, kinds=kinds)
    else:
        scenario = copy.copy(held)  # shallow: its lists are replaced below, never changed in place
    if info.kind is LineKind.TENANT:
        if not renames_tenant:
            scenario.tenants = [line for _sid, line in found]
        index = next(i for i, x in enumerate(scenario.tenants) if x.row_id == op.row_id)
        scenario.tenants[index] = new
        _validate_line(conn, op.kind, new, scenario, scenario_id, index)
    else:
        if held is None:
            scenario.tenants = [t for _sid, t in schema.read_lines(conn, "tenant", "scenario_id = ?",
                                                                   (scenario_id,))]  # fmt: skip
        scenario = info.with_lines(scenario, [new])  # validation looks only at this line and the tenants
        _validate_line(conn, op.kind, new, scenario, scenario_id,
                       lambda: schema.line_ids(conn, op.kind, scenario_id).index(op.row_id))  # fmt: skip
    if renames_tenant:
        # The composite foreign keys carry the new id to every line naming the tenant (ON UPDATE CASCADE).
        for kind in _SHARE_KIND:  # the kinds whose lines name tenants
            for line in schema.scenario_lines(scenario, kind):
                shares = line.shared.shares if line.shared is not None else {}
                if getattr(line, "tenant", None) == old.id or old.id in shares:
                    rec.kinds.add(kind)
                    rec.updated.add((kind, line.row_id))
                    if old.id in shares:
                        rec.kinds.add(_SHARE_KIND[kind])
    children = not schema.child_fields(op.kind).isdisjoint(op.values)
    schema_write.update_line(conn, op.kind, op.row_id, new, scenario_id, children=children)
    rec.kinds.add(op.kind)
    if op.kind in _SHARE_KIND and "shared" in op.values:
        rec.kinds.add(_SHARE_KIND[op.kind])
    rec.updated.add((op.kind, op.row_id))
    rec.scenarios[scenario_id] = scenario.name  # a line edit never renames its scenario
    return UpdateLine(op.kind, op.row_id, {k: copy.deepcopy(getattr(old, k)) for k in op.values})


def _delete_lines(conn: sqlite3.Connection, op: DeleteLines, rec: _Record) -> Operation:
    _check_kind(op.kind)
    inverses: list[Operation] = []
    # The plan held in memory, for what the first line's delete reads before it changes anything (the time
    # line, the scenario's name); each later line's delete reads the file, which the first one changed.
    first = True
    for row_id in op.row_ids:
        if op.kind == "tenant":
            inverses.append(_delete_tenant(conn, DeleteTenant(row_id), rec))
            continue
        found = schema.read_lines(conn, op.kind, "id = ?", (row_id,))
        if not found:
            raise PlanError("Linjen findes ikke (række {row})", row=row_id)
        scenario_id, line = found[0]
        table = schema.LINE_TABLE[op.kind]
        known = _known_order(conn, rec, op.kind, scenario_id)
        before, in_order = (known, True) if known is not None else _ids_in_order(conn, op.kind, scenario_id)
        held = _held_with_lines(rec, scenario_id, op.kind, before) if first else None
        first = False
        index = before.index(row_id)
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        after = [i for i in before if i != row_id]
        if in_order:  # the lines after it move up by one, in one statement
            conn.execute(f"UPDATE {table} SET position = position - 1 WHERE scenario_id = ? AND position > ?",
                         (scenario_id, index))  # fmt: skip
        else:
            schema_write.renumber(conn, table, after)
        _note_order(conn, rec, op.kind, scenario_id, after)
        rec.kinds.add(op.kind)
        if op.kind in _SHARE_KIND and getattr(line, "shared", None) is not None:
            rec.kinds.add(_SHARE_KIND[op.kind])
        rec.deleted.add((op.kind, row_id))
        _note_scenario(conn, rec, scenario_id, held)
        restore = _follow_lines(conn, rec, scenario_id, op.kind, before, after,
                                held.timeline if held is not None else None)  # fmt: skip
        add_back = AddLine(scenario_id, op.kind, line, index, row_id)
        # Undo: the line back first (which shifts the terms), then the terms exactly as they were.
        inverses.append(add_back if restore is None else Batch((add_back, restore)))
    return inverses[0] if len(inverses) == 1 else Batch(tuple(reversed(inverses)))


def _delete_tenant(conn: sqlite3.Connection, op: DeleteTenant, rec: _Record) -> Operation:
    scenario_id, index, tenant = _get_line(conn, "tenant", op.row_id)
    code = tenant.id  # type: ignore[attr-defined]
    scenario = _load_scenario(conn, scenario_id, tuple(_SHARE_KIND))  # the lines that may name the tenant
    steps: list[Operation] = []
    for room in scenario.rooms:
        if room.tenant == code:
            steps.append(UpdateLine("room", room.row_id, {"tenant": None, "vacant": True}))  # type: ignore[arg-type]
    for item in scenario.equipment:
        if item.tenant == code:
            steps.append(UpdateLine("equipment", item.row_id,  # type: ignore[arg-type]
                                    {"tenant": None, "shared": Allocation(AllocationKey.AREA)}))  # fmt: skip
    for kind in _SHARE_KIND:  # the kinds whose lines name tenants
        for line in schema.scenario_lines(scenario, kind):
            if line.shared is not None and code in line.shared.shares:
                shares = {t: p for t, p in line.shared.shares.items() if t != code}
                steps.append(UpdateLine(kind, line.row_id, {"shared": Allocation(line.shared.key, shares)}))
    inverses = [_apply(conn, step, rec) for step in steps]
    # The tenant's commitment (issue 16.6) goes with it (the file's foreign key); undo brings it back.
    commitment = _read_commitment(conn, scenario_id, code)
    conn.execute("DELETE FROM tenant WHERE id = ?", (op.row_id,))
    schema_write.renumber(conn, "tenant", schema.line_ids(conn, "tenant", scenario_id))
    rec.kinds.add("tenant")
    rec.deleted.add(("tenant", op.row_id))
    _note_scenario(conn, rec, scenario_id)
    if commitment is not None:
        rec.kinds.add("commitment")
        # Applied in reverse: the tenant is back (AddLine) before its commitment is.
        inverses.insert(0, SetCommitment(scenario_id, code, commitment))
    inverses.append(AddLine(scenario_id, "tenant", tenant, index, op.row_id))
    return inverses[0] if len(inverses) == 1 else Batch(tuple(reversed(inverses)))


def _read_commitment(conn: sqlite3.Connection, scenario_id: int, tenant: str) -> Commitment | None:
    found = schema.read_scenarios(conn, scenario_id)
    return found[0].commitments.get(tenant) if found else None


def _move_line(conn: sqlite3.Connection, op: MoveLine, rec: _Record) -> Operation:
    _check_kind(op.kind)
    scenario_id, index, _line = _get_line(conn, op.kind, op.row_id)
    ids = schema.line_ids(conn, op.kind, scenario_id)
    before = list(ids)
    ids.remove(op.row_id)
    ids.insert(_clamp(op.index, len(ids)), op.row_id)
    schema_write.renumber(conn, schema.LINE_TABLE[op.kind], ids)
    _follow_lines(conn, rec, scenario_id, op.kind, before, ids)  # the move back carries them back
    rec.kinds.add(op.kind)
    rec.updated.add((op.kind, op.row_id))
    rec.moved.add((op.kind, op.row_id))
    _note_scenario(conn, rec, scenario_id)
    return MoveLine(op.kind, op.row_id, index)


def _follow_lines(conn: sqlite3.Connection, rec: _Record, scenario_id: int, kind: str, before: list[int],
                  after: list[int], held: TimeLine | None = None) -> Operation | None:
    """Carry the time line's positions of `kind` (rooms in phases, loans' terms) from the line order `before`
    (row ids) to `after`, so a reference stays with its line. Returns the operation that sets the old terms back,
    or None where nothing changed. `held`: the scenario's terms as the plan held in memory has them (taken before
    the edit changed anything), instead of reading them (seven statements at every line added or deleted)."""
    if kind not in timeline_store.POSITIONED_KINDS:
        return None
    old = held if held is not None else timeline_store.read_timelines(conn, scenario_id).get(scenario_id)
    if old is None or not timeline_store.names_positions(old, kind):
        return None  # nothing to carry (no maps of the 600 lines' positions built: issue 19.2)
    where = {row_id: i for i, row_id in enumerate(after)}
    new = timeline_store.follow_lines(old, kind, {i: where.get(row_id) for i, row_id in enumerate(before)})
    if new == old:
        return None
    timeline_store.write_timeline(conn, scenario_id, new)
    rec.kinds.add("timeline")
    rec.updated.add(("scenario", scenario_id))
    return SetTimeLine(scenario_id, old)


def _set_running_rate(conn: sqlite3.Connection, op: SetRunningRate, rec: _Record) -> Operation:
    rate = RunningRate(op.rate)
    scenario = _load_scenario(conn, op.scenario)
    old = scenario.running.per_gross_m2.get(rate)
    if op.value is None:
        scenario.running.per_gross_m2.pop(rate, None)
    else:
        scenario.running.per_gross_m2[rate] = op.value
    path = f"scenarios[{_scenario_index(conn, op.scenario)}]"
    problems = [p for p in scenario_validation.validate_scenario(scenario, Plan("", [], scenarios=[scenario]), path)
                if ".running.per_gross_m2" in p.path]  # fmt: skip
    _refuse(problems)
    conn.execute("DELETE FROM running_rate WHERE scenario_id = ? AND rate = ?", (op.scenario, rate.value))
    if op.value is not None:
        conn.execute("INSERT INTO running_rate (scenario_id, rate, per_gross_m2) VALUES (?, ?, ?)",
                     (op.scenario, rate.value, schema.dec(op.value)))  # fmt: skip
    rec.kinds.add("running_rate")
    _note_scenario(conn, rec, op.scenario)
    return SetRunningRate(op.scenario, rate, old)


# --- scenarios ---------------------------------------------------------------------------------


def _check_new_name(conn: sqlite3.Connection, name: object, except_id: int | None = None) -> None:
    if not isinstance(name, str) or not name.strip():
        raise InvalidPlan([Problem("name", "Scenariet skal have et navn")])
    row = conn.execute("SELECT id FROM scenario WHERE name = ?", (name,)).fetchone()
    if row is not None and row[0] != except_id:
        raise PlanError("Der findes allerede et scenarie med navnet «{name}»", name=name)


def _insert_scenario_at(conn: sqlite3.Connection, scenario: Scenario, index: int | None, keep_ids: bool,
                        rec: _Record) -> int:  # fmt: skip
    ids = schema.scenario_ids(conn)
    at = _clamp(index, len(ids))
    new_id = schema_write.insert_scenario(conn, scenario, at, keep_ids)
    ids.insert(at, new_id)
    schema_write.renumber(conn, "scenario", ids)
    rec.kinds.update({"scenario", "running_rate", *schema.LINE_KINDS, *_SHARE_KIND.values()})
    rec.inserted.add(("scenario", new_id))
    for kind in schema.LINE_KINDS:
        rec.inserted.update((kind, i) for i in schema.line_ids(conn, kind, new_id))
    _note_scenario(conn, rec, new_id)
    return new_id


def _add_scenario(conn: sqlite3.Connection, op: AddScenario, rec: _Record) -> Operation:
    _check_new_name(conn, op.scenario.name)
    before = schema.read_whole_plan(conn)
    after = copy.deepcopy(before)
    at = _clamp(op.index, len(after.scenarios))
    after.scenarios.insert(at, copy.deepcopy(op.scenario))
    _validate_plan_change(before, after)
    new_id = _insert_scenario_at(conn, op.scenario, op.index, op.keep_row_ids, rec)
    return DeleteScenario(new_id)


def _duplicate_scenario(conn: sqlite3.Connection, op: DuplicateScenario, rec: _Record) -> Operation:
    _check_new_name(conn, op.name)
    source = _load_scenario(conn, op.scenario)
    copied = dataclasses.replace(copy.deepcopy(source), name=op.name)
    new_id = _insert_scenario_at(conn, copied, _scenario_index(conn, op.scenario) + 1, False, rec)
    return DeleteScenario(new_id)


def _rename_scenario(conn: sqlite3.Connection, op: RenameScenario, rec: _Record) -> Operation:
    old = _scenario_row(conn, op.scenario)["name"]
    _check_new_name(conn, op.name, except_id=op.scenario)
    conn.execute("UPDATE scenario SET name = ? WHERE id = ?", (op.name, op.scenario))
    cur = conn.execute("UPDATE plan SET applied_scenario = ? WHERE applied_scenario = ?", (op.name, old))
    if cur.rowcount:
        rec.kinds.add("plan")
    rec.kinds.add("scenario")
    rec.updated.add(("scenario", op.scenario))
    _note_scenario(conn, rec, op.scenario)
    return RenameScenario(op.scenario, old)


def _delete_scenario(conn: sqlite3.Connection, op: DeleteScenario, rec: _Record) -> Operation:
    if len(schema.scenario_ids(conn)) <= 1:
        raise PlanError("Planens sidste scenarie kan ikke slettes")
    scenario = _load_scenario(conn, op.scenario)
    index = _scenario_index(conn, op.scenario)
    inverses: list[Operation] = []
    (applied,) = conn.execute("SELECT applied_scenario FROM plan WHERE id = 1").fetchone()
    if applied == scenario.name:
        # The applied-for scenario is gone: the first one is used until the user picks another.
        conn.execute("UPDATE plan SET applied_scenario = NULL WHERE id = 1")
        rec.kinds.add("plan")
        inverses.append(SetPlanFields({"applied_scenario": applied}))
    for kind in schema.LINE_KINDS:
        rec.deleted.update((kind, i) for i in schema.line_ids(conn, kind, op.scenario))
    conn.execute("DELETE FROM scenario WHERE id = ?", (op.scenario,))
    schema_write.renumber(conn, "scenario", schema.scenario_ids(conn))
    rec.kinds.update({"scenario", "running_rate", *schema.LINE_KINDS, *_SHARE_KIND.values()})
    rec.deleted.add(("scenario", op.scenario))
    rec.scenarios[op.scenario] = scenario.name
    inverses.insert(0, AddScenario(scenario, index, keep_row_ids=True))
    return inverses[0] if len(inverses) == 1 else Batch(tuple(inverses))


def _move_scenario(conn: sqlite3.Connection, op: MoveScenario, rec: _Record) -> Operation:
    _scenario_row(conn, op.scenario)
    ids = schema.scenario_ids(conn)
    old = ids.index(op.scenario)
    ids.remove(op.scenario)
    ids.insert(_clamp(op.index, len(ids)), op.scenario)
    schema_write.renumber(conn, "scenario", ids)
    rec.kinds.add("scenario")
    rec.updated.add(("scenario", op.scenario))
    _note_scenario(conn, rec, op.scenario)
    return MoveScenario(op.scenario, old)


def _set_scenario_fields(conn: sqlite3.Connection, op: SetScenarioFields, rec: _Record) -> Operation:
    before = schema.read_whole_plan(conn)
    after = copy.deepcopy(before)
    index = _scenario_index(conn, op.scenario)
    scenario = after.scenarios[index]
    _check_values(scenario, op.values, allowed={"gross_factor", "notes"})
    old = {k: copy.deepcopy(getattr(scenario, k)) for k in op.values}
    for k, v in op.values.items():
        setattr(scenario, k, copy.deepcopy(v))
    _validate_plan_change(before, after)
    conn.execute("UPDATE scenario SET gross_factor = ?, notes = ? WHERE id = ?",
                 (schema.dec(scenario.gross_factor), scenario.notes, op.scenario))  # fmt: skip
    rec.kinds.add("scenario")
    rec.updated.add(("scenario", op.scenario))
    _note_scenario(conn, rec, op.scenario)
    return SetScenarioFields(op.scenario, old)


# --- plan and catalogs -------------------------------------------------------------------------


def _set_plan_fields(conn: sqlite3.Connection, op: SetPlanFields, rec: _Record) -> Operation:
    unknown = set(op.values) - set(schema.PLAN_FIELDS)
    if unknown:
        raise ValueError(f"cannot set {sorted(unknown)} on the plan")
    # The plan's own fields and the scenarios' names are all a plan-level field's rules look at (the rules of
    # scenarios and catalogs never read them): no need to read, or validate, the whole plan.
    before = schema.read_plan_fields(conn)
    before.scenarios = [Scenario(name=name) for name in schema.scenario_names(conn)]
    # Each value is of its field's type or refused by the validation just below: Any, not object, here.
    values: dict[str, Any] = copy.deepcopy(dict(op.values))
    after = dataclasses.replace(before, **values)
    known = reference.known_names()
    problems = validation.validate_plan_fields(after, known)
    if problems:
        old = _problem_keys(validation.validate_plan_fields(before, known))
        _refuse([p for p in problems if (p.path, p.message_da) not in old])
    schema_write.write_plan_fields(conn, after, fields=op.values)
    rec.kinds.add("plan")
    rec.plan_level = True
    return SetPlanFields({k: copy.deepcopy(getattr(before, k)) for k in op.values})


def _set_catalog_row(conn: sqlite3.Connection, op: SetCatalogRow, rec: _Record) -> Operation:
    if op.catalog not in (*schema.CATALOG_TABLE, "patients_per_gp"):
        raise ValueError(f"unknown catalog {op.catalog!r}")
    if op.catalog == "patients_per_gp" and op.value is None:
        raise ValueError("patients_per_gp cannot be removed")
    before = schema.read_whole_plan(conn)
    after = copy.deepcopy(before)
    cats = after.catalogs
    value = copy.deepcopy(op.value)
    if op.catalog == "patients_per_gp":
        cats.patients_per_gp = value  # type: ignore[assignment]
    else:
        attr, key_type = {
            "tenant_kind": ("tenant_kinds", TenantKind),
            "room_type": ("room_types", RoomType),
            "equipment": ("equipment", str),
            "running_rate": ("running_rates", RunningRate),
        }[op.catalog]
        table: dict = getattr(cats, attr)
        try:
            key = key_type(op.code)
        except ValueError:
            where = f"catalogs.{attr}.{op.code}"
            raise InvalidPlan([Problem(where, "ukendt kode «{value}»", value=op.code)]) from None
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    _validate_plan_change(before, after)
    old = schema.read_catalog_row(conn, op.catalog, op.code)
    schema_write.write_catalog_row(conn, op.catalog, op.code, value)
    rec.kinds.add("catalog")
    rec.plan_level = True
    return SetCatalogRow(op.catalog, op.code, old)


def _reset_catalogs(conn: sqlite3.Connection, op: ResetCatalogs, rec: _Record) -> Operation:
    before = schema.read_whole_plan(conn)
    after = copy.deepcopy(before)
    after.catalogs = copy.deepcopy(op.catalogs)
    _validate_plan_change(before, after)
    schema_write.write_catalogs(conn, op.catalogs)
    rec.kinds.add("catalog")
    rec.plan_level = True
    return ResetCatalogs(before.catalogs)


# --- rent terms over the years (issue 17): kept apart from the line operations above ---------------------


def _set_timeline(conn: sqlite3.Connection, op: SetTimeLine, rec: _Record) -> Operation:
    _scenario_row(conn, op.scenario)
    problems = validate_timeline(op.timeline, f"scenarios[{_scenario_index(conn, op.scenario)}].timeline")
    _refuse(problems)
    old = timeline_store.read_timelines(conn, op.scenario).get(op.scenario, TimeLine())
    timeline_store.write_timeline(conn, op.scenario, copy.deepcopy(op.timeline))
    rec.kinds.add("timeline")
    rec.updated.add(("scenario", op.scenario))
    _note_scenario(conn, rec, op.scenario)
    return SetTimeLine(op.scenario, old)


def _set_market_rent_default(conn: sqlite3.Connection, op: SetMarketRentDefault, rec: _Record) -> Operation:
    if op.value is not None:
        _refuse(validate_market_rent_default(op.value, "plan.market_rent"))
    old = timeline_store.read_market_rent(conn)
    timeline_store.write_market_rent(conn, copy.deepcopy(op.value))
    rec.kinds.add("timeline")
    rec.plan_level = True
    return SetMarketRentDefault(old)


# --- the application's per-scenario fields (issue 16.6) ---------------------------------------------------


def _set_commitment(conn: sqlite3.Connection, op: SetCommitment, rec: _Record) -> Operation:
    scenario = _load_scenario(conn, op.scenario)
    old = scenario.commitments.get(op.tenant)
    if op.value is None:
        scenario.commitments.pop(op.tenant, None)
    else:
        scenario.commitments[op.tenant] = copy.deepcopy(op.value)
    path = f"scenarios[{_scenario_index(conn, op.scenario)}]"
    _refuse([p for p in scenario_validation.validate_scenario(scenario, Plan("", [], scenarios=[scenario]), path)
             if ".commitments" in p.path])  # fmt: skip
    schema_write.write_commitment(conn, op.scenario, op.tenant, op.value)
    rec.kinds.add("commitment")
    rec.updated.add(("scenario", op.scenario))
    _note_scenario(conn, rec, op.scenario)
    return SetCommitment(op.scenario, op.tenant, old)


def _set_running_rate_source(conn: sqlite3.Connection, op: SetRunningRateSource, rec: _Record) -> Operation:
    rate = RunningRate(op.rate)
    scenario = _load_scenario(conn, op.scenario)
    old = scenario.running.sources.get(rate, "")
    scenario.running.sources[rate] = op.source
    path = f"scenarios[{_scenario_index(conn, op.scenario)}]"
    _refuse([p for p in scenario_validation.validate_scenario(scenario, Plan("", [], scenarios=[scenario]), path)
             if ".running.sources" in p.path])  # fmt: skip
    schema_write.write_rate_source(conn, op.scenario, rate, op.source)
    rec.kinds.add("running_rate")
    _note_scenario(conn, rec, op.scenario)
    return SetRunningRateSource(op.scenario, rate, old)


def _set_catalog_rate_source(conn: sqlite3.Connection, op: SetCatalogRateSource, rec: _Record) -> Operation:
    rate = RunningRate(op.rate)
    before = schema.read_whole_plan(conn)
    if rate not in before.catalogs.running_rates:
        where = f"catalogs.running_rate_sources.{rate.value}"
        raise InvalidPlan([Problem(where, "ukendt kode «{value}»", value=rate.value)])
    after = copy.deepcopy(before)
    if op.source:
        after.catalogs.running_rate_sources[rate] = op.source
    else:
        after.catalogs.running_rate_sources.pop(rate, None)
    _validate_plan_change(before, after)
    schema_write.write_catalog_rate_source(conn, rate, op.source)
    rec.kinds.add("catalog")
    rec.plan_level = True
    return SetCatalogRateSource(rate, before.catalogs.running_rate_sources.get(rate, ""))


# Each handler takes its own kind of operation (hence Any: a callable's parameter cannot be narrower in a union).
_HANDLERS: dict[type[Operation], Callable[[sqlite3.Connection, Any, _Record], Operation]] = {
    SetTimeLine: _set_timeline,
    SetMarketRentDefault: _set_market_rent_default,
    SetCommitment: _set_commitment,
    SetRunningRateSource: _set_running_rate_source,
    SetCatalogRateSource: _set_catalog_rate_source,
    SetPlanFields: _set_plan_fields,
    SetScenarioFields: _set_scenario_fields,
    AddLine: _add_line,
    UpdateLine: _update_line,
    DeleteLines: _delete_lines,
    DeleteTenant: _delete_tenant,
    MoveLine: _move_line,
    SetRunningRate: _set_running_rate,
    AddScenario: _add_scenario,
    DuplicateScenario: _duplicate_scenario,
    RenameScenario: _rename_scenario,
    DeleteScenario: _delete_scenario,
    MoveScenario: _move_scenario,
    SetCatalogRow: _set_catalog_row,
    ResetCatalogs: _reset_catalogs,
    Batch: _batch,
}
