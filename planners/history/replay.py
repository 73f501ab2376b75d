"""The edit that turns the plan in a file into another plan (issue 18.4): a merge's result brought into my copy as
ONE operation (a `Batch`: one transaction, one undo step, one history entry), never by rewriting the file.

`operations_to(current, target, foreign)` compares the plan as it is in the file (`current`, row ids set) with the
plan it should become (`target`, e.g. `merge_plans(...).plan`) and returns the operations, in an order the
operations' validation accepts at every step: catalogs first (lines name their codes), then per scenario the
removed lines, the tenants (new ones before the lines that name them), every other kind's new, changed and
moved lines, and removed tenants last but one; the plan's own fields last (the scenario applied for must exist).

A target object is "the same" as a current one when it has a row id the current plan has for that kind and is
not in `foreign` (object identities): a merge copies their new lines from their copy as they are, and their row
ids may equal ids my copy gave to other lines (each copy numbers its new lines from the same counter), so the
caller names them. Everything else of the target is added.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from planners.model import Plan, RunningRate, Scenario
from planners.model.linekinds import LINE_KINDS, LINES, LineKind
from planners.store.operations import (
    AddLine,
    AddScenario,
    Batch,
    DeleteLines,
    DeleteScenario,
    MoveLine,
    MoveScenario,
    Operation,
    RenameScenario,
    ResetCatalogs,
    SetMarketRentDefault,
    SetPlanFields,
    SetRunningRate,
    SetScenarioFields,
    SetTimeLine,
    UpdateLine,
)
from planners.store.schema import PLAN_FIELDS

_REFERENCES = ("tenant", "shared", "vacant")  # the fields by which a line names a tenant


def _same(obj: Any, current_ids: Collection[int | None], foreign: Collection[int]) -> bool:
    return obj.row_id is not None and obj.row_id in current_ids and id(obj) not in foreign


def _names_tenant(line: Any, tenant_ids: set[str]) -> bool:
    if getattr(line, "tenant", None) in tenant_ids:
        return True
    shared = getattr(line, "shared", None)
    return shared is not None and not tenant_ids.isdisjoint(shared.shares or {})


def _place(ops: list[Operation], kind: str, scenario_id: int, order: list[int | None], target: list[Any],
           current_ids: set[int | None], foreign: Collection[int]) -> None:  # fmt: skip
    """Add the target's new lines and move the kept ones so the list reads as the target's. `order`: the row
    ids in the list now (None for a line added here)."""
    for i, line in enumerate(target):
        if _same(line, current_ids, foreign):
            if order[i] != line.row_id:
                order.remove(line.row_id)
                order.insert(i, line.row_id)
                ops.append(MoveLine(kind, line.row_id, i))
        else:
            ops.append(AddLine(scenario_id, kind, line, index=i))
            order.insert(i, None)


def _scenario_ops(ops: list[Operation], cur: Scenario, new: Scenario, foreign: Collection[int]) -> None:
    sid = cur.row_id
    assert sid is not None
    if new.name != cur.name:
        ops.append(RenameScenario(sid, new.name))
    if new.gross_factor != cur.gross_factor:
        ops.append(SetScenarioFields(sid, {"gross_factor": new.gross_factor}))
    for rate in RunningRate:
        before, after = cur.running.per_gross_m2.get(rate), new.running.per_gross_m2.get(rate)
        if before != after:
            ops.append(SetRunningRate(sid, rate, after))
    if new.timeline != cur.timeline:
        ops.append(SetTimeLine(sid, new.timeline))
    current = {k: LINES[k].lines_of(cur) for k in LINE_KINDS}
    target = {k: LINES[k].lines_of(new) for k in LINE_KINDS}
    ids = {k: {x.row_id for x in current[k]} for k in LINE_KINDS}
    kept = {k: {x.row_id for x in target[k] if _same(x, ids[k], foreign)} for k in LINE_KINDS}
    gone_tenants = [t for t in current[LineKind.TENANT] if t.row_id not in kept[LineKind.TENANT]]
    gone_ids = {t.id for t in gone_tenants}
    # Other kinds' removed lines first: a removed line may name a tenant that goes too.
    for kind in LINE_KINDS:
        removed = tuple(x.row_id for x in current[kind] if x.row_id not in kept[kind])
        if kind is not LineKind.TENANT and removed:
            ops.append(DeleteLines(str(kind), removed))
    for kind in LINE_KINDS:
        info = LINES[kind]
        held = {x.row_id: x for x in current[kind]}
        for line in target[kind]:
            if not _same(line, ids[kind], foreign):
                continue
            old = held[line.row_id]
            names = [a for a in info.field_names if getattr(old, a) != getattr(line, a)
                     or (a in _REFERENCES and _names_tenant(old, gone_ids))]  # fmt: skip
            if names:
                ops.append(UpdateLine(str(kind), line.row_id, {a: getattr(line, a) for a in names}))
        order: list[int | None] = [x.row_id for x in current[kind] if x.row_id in kept[kind]]
        if kind is LineKind.TENANT:
            # The removed tenants stay until the end (lines may still name them): moved after the kept ones, out
            # of the way of the positions below.
            for t in gone_tenants:
                ops.append(MoveLine(str(kind), t.row_id, len(current[kind]) - 1))
        _place(ops, str(kind), sid, order, target[kind], ids[kind], foreign)
    if gone_tenants:
        ops.append(DeleteLines(str(LineKind.TENANT), tuple(t.row_id for t in gone_tenants)))


def operations_to(current: Plan, target: Plan, foreign: Collection[int] = ()) -> list[Operation]:
    """The operations that make `current` (as read from its file) into `target` (module doc)."""
    ops: list[Operation] = []
    if target.catalogs != current.catalogs:
        ops.append(ResetCatalogs(target.catalogs))
    cur_ids = {s.row_id for s in current.scenarios}
    kept = {s.row_id for s in target.scenarios if _same(s, cur_ids, foreign)}
    removed = [s for s in current.scenarios if s.row_id not in kept]
    for s in current.scenarios:
        match = next((n for n in target.scenarios if n.row_id == s.row_id and s.row_id in kept), None)
        if match is not None:
            _scenario_ops(ops, s, match, foreign)
    # A plan keeps at least one scenario: remove after adding where nothing of the current ones is kept.
    delete_first = bool(kept)
    if delete_first:
        ops += [DeleteScenario(s.row_id) for s in removed if s.row_id is not None]
    order: list[int | None] = [s.row_id for s in current.scenarios if s.row_id in kept]
    for i, s in enumerate(target.scenarios):
        if s.row_id in kept and id(s) not in foreign:
            if order[i] != s.row_id:
                order.remove(s.row_id)
                order.insert(i, s.row_id)
                ops.append(MoveScenario(s.row_id, i))  # type: ignore[arg-type]
        else:
            ops.append(AddScenario(s, index=i))
            order.insert(i, None)
    if not delete_first:
        ops += [DeleteScenario(s.row_id) for s in removed if s.row_id is not None]
    if target.market_rent != current.market_rent:
        ops.append(SetMarketRentDefault(target.market_rent))
    fields = {name: getattr(target, name) for name in PLAN_FIELDS if getattr(target, name) != getattr(current, name)}
    if fields:
        ops.append(SetPlanFields(fields))
    return ops


def batch_to(current: Plan, target: Plan, label: str, foreign: Collection[int] = ()) -> Batch:
    return Batch(tuple(operations_to(current, target, foreign)), label)


def foreign_objects(plan: Plan) -> set[int]:
    """The identities of every scenario and line of `plan` (their copy, for a merge's `foreign`)."""
    found: set[int] = set()
    for s in plan.scenarios:
        found.add(id(s))
        for kind in LINE_KINDS:
            found.update(id(x) for x in LINES[kind].lines_of(s))
    return found
