"""Bringing two copies of one plan together (issue 18.4): a three-way merge against what they had in common.

`merge_plans(base, mine, theirs)` compares each copy with the base, thing by thing: each of the plan's own fields,
each catalog entry and rate, each scenario's own fields (name, gross factor, running rates, rent over the years)
and each field of each line. A thing only one side changed takes that side's value; a thing both changed to the
same value takes it; a thing both changed differently is a `Conflict`, listed with the three values (the base's,
mine, theirs) for a person to choose. A line (or scenario) one side removed and the other changed is a conflict
on the whole line; removed by one and untouched by the other, it is removed. Lines either side added are all
kept, except one both added alike (same row id, same content: the file was copied after it was added), kept
once; both tenants added under one short name is a conflict (a plan cannot hold two). A line added after the
origin but before the file was copied, then edited in one copy, shows as two lines: the origin does not know it
(history in the file, issue 18.1, would).

The copies are copies of one plan (they share an origin, `planners.store.origin`), so a row id names the same
line in the base and in both; a line a copy added after the origin has a row id the base does not know, and
such ids are never compared between the copies (each copy numbers its new lines from the same counter).

Order: the result keeps my order; a line theirs added goes before the line that follows it in their copy (at
the end where nothing follows), so two copies that each append lines give mine first, then theirs, as if the two
sequences of edits had been made one after the other. A copy that only moved lines does not move them here.

`choose` resolves conflicts (conflict key → "mine" or "theirs"); a conflict it does not resolve is kept in
`MergeResult.conflicts` and mine is in the result plan until a person decides. Nothing here reads or writes a file.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planners.history.diff import describe_line, field_name, show
from planners.model import Plan, RunningRate, Scenario
from planners.model.i18n import translate
from planners.model.linekinds import LINE_KINDS, LINES, LineKind


class Side(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"


@dataclass(frozen=True)
class Conflict:
    """One thing both copies changed differently (or one removed and the other changed)."""

    key: str  # stable: "plan/title", "scenario:3/gross_factor", "scenario:3/room:17/net_m2", "scenario:3/room:17"
    scenario: str | None  # the scenario's name in my copy (theirs where I removed it)
    subject: str  # the thing in words: «rum «Konsultation»»
    field: (
        str | None
    )  # the field; None: the whole line or scenario (removed on one side, changed on the other)
    base: object
    mine: object
    theirs: object
    plan: Plan | None = dataclasses.field(default=None, compare=False, repr=False)  # names codes when shown

    def text(self, lang: str = "da") -> str:
        def value(v: object) -> str:
            if self.field is None:  # the whole line: "removed" on one side, "changed" on the other
                return translate("fjernet", lang) if v == "removed" else translate("ændret", lang)
            return show(v, self.plan, lang)

        where = (
            translate("Scenarie «{name}»", lang, name=self.scenario) + ": "
            if self.scenario is not None
            else ""
        )
        what = self.subject + (f", {field_name(self.field, lang)}" if self.field else "")
        if not where:
            what = what[:1].upper() + what[1:]  # a sentence of its own: «Planen, titel: …»
        return where + translate("{what}: før {base}; min kopi {mine}; deres kopi {theirs}", lang, what=what,
                                 base=show(self.base, self.plan, lang) if self.field else translate("findes", lang),
                                 mine=value(self.mine), theirs=value(self.theirs))  # fmt: skip


@dataclass
class MergeResult:
    plan: Plan  # the merged plan; where a conflict is open, it holds my value
    conflicts: list[Conflict] = field(default_factory=list)  # open: `choose` did not resolve them
    resolved: list[Conflict] = field(default_factory=list)  # resolved by `choose`

    @property
    def clean(self) -> bool:
        return not self.conflicts


_MISSING = object()


class _Merger:
    def __init__(self, choose: Mapping[str, str], plan: Plan) -> None:
        self.choose = choose
        self.plan = plan
        self.conflicts: list[Conflict] = []
        self.resolved: list[Conflict] = []

    def decide(self, key: str, scenario: str | None, subject: str, fld: str | None,
               b: object, m: object, t: object) -> object:  # fmt: skip
        """The merged value of one thing: the side that changed it, or the agreed value; else a conflict."""
        if m == t:
            return m
        if m == b:
            return t
        if t == b:
            return m
        conflict = Conflict(key, scenario, subject, fld, b, m, t, self.plan)
        side = self.choose.get(key)
        if side is None:
            self.conflicts.append(conflict)
            return m
        self.resolved.append(conflict)
        return t if side == Side.THEIRS else m


def _order(mine_keys: Sequence[Any], theirs_keys: Sequence[Any], kept: set[Any]) -> list[Any]:
    """My order of what is kept, with what only theirs has (added, or kept where I removed it) placed before
    what follows it in their copy."""
    result = [k for k in mine_keys if k in kept]
    for i, k in enumerate(theirs_keys):
        if k not in kept or k in result:
            continue
        following = next((f for f in theirs_keys[i + 1 :] if f in result), None)
        if following is None:
            result.append(k)
        else:
            result.insert(result.index(following), k)
    return result


def _merge_items(merger: _Merger, key_prefix: str, base: Sequence[Any], mine: Sequence[Any],
                 theirs: Sequence[Any], merge_one: Callable[[str, Any, Any, Any], Any],
                 subject: Callable[[Any], str], scenario: str | None) -> list[Any]:  # fmt: skip
    """Three-way merge of a list of things with row ids (scenarios, or the lines of one kind)."""
    base_by = {x.row_id: x for x in base if x.row_id is not None}
    mine_by = {x.row_id: x for x in mine if x.row_id in base_by}
    theirs_by = {x.row_id: x for x in theirs if x.row_id in base_by}
    # Keys: ("b", row id) for what the base had, ("m"/"t", position) for what a copy added.
    mine_keys = [("b", x.row_id) if x.row_id in base_by else ("m", i) for i, x in enumerate(mine)]
    # A line both added with the same row id and the same content is one line (the file was copied after it was
    # added, or both made the same edit): it is kept once, where I have it.
    mine_new = {
        x.row_id: ("m", i) for i, x in enumerate(mine) if x.row_id not in base_by and x.row_id is not None
    }
    theirs_keys = []
    for i, x in enumerate(theirs):
        if x.row_id in base_by:
            theirs_keys.append(("b", x.row_id))
        elif (
            x.row_id in mine_new
            and mine[mine_new[x.row_id][1]] == x
            and _row_ids(mine[mine_new[x.row_id][1]]) == _row_ids(x)
        ):
            theirs_keys.append(mine_new[x.row_id])
        else:
            theirs_keys.append(("t", i))
    merged: dict[Any, Any] = {}
    for rid, b in base_by.items():
        m, t = mine_by.get(rid), theirs_by.get(rid)
        key = f"{key_prefix}:{rid}"
        if m is not None and t is not None:
            merged[("b", rid)] = merge_one(key, b, m, t)
            continue
        if m is None and t is None:
            continue  # removed in both
        # Removed on one side: removed if the other left it as it was, else a conflict on the whole thing.
        left = t if m is None else m
        changed = left != b or _row_ids(left) != _row_ids(b)
        if not changed:
            continue
        present = merger.decide(key, scenario, subject(b), None, "present", "removed" if m is None else "changed",
                                "removed" if t is None else "changed")  # fmt: skip
        if present == "changed":
            merged[("b", rid)] = left
    for i, x in enumerate(mine):
        if ("m", i) in mine_keys:
            merged[("m", i)] = x
    for i, x in enumerate(theirs):
        if ("t", i) in theirs_keys:
            merged[("t", i)] = x
    order = _order(mine_keys, theirs_keys, set(merged))
    return [merged[k] for k in order]


def _row_ids(x: Any) -> object:
    """The row ids of the lines inside a scenario (a scenario whose lines were replaced is changed)."""
    if isinstance(x, Scenario):
        return tuple(tuple(line.row_id for line in LINES[k].lines_of(x)) for k in LINE_KINDS)
    return None


def _merge_line(merger: _Merger, kind: LineKind, scenario: str) -> Callable[[str, Any, Any, Any], Any]:
    info = LINES[kind]

    def merge_one(key: str, b: Any, m: Any, t: Any) -> Any:
        values = {a: merger.decide(f"{key}/{a}", scenario, describe_line(kind, m, merger.plan), a,
                                   getattr(b, a), getattr(m, a), getattr(t, a))
                  for a in info.field_names}  # fmt: skip
        return dataclasses.replace(b, **values)

    return merge_one


def _merge_scenario(merger: _Merger) -> Callable[[str, Scenario, Scenario, Scenario], Scenario]:
    def merge_one(key: str, b: Scenario, m: Scenario, t: Scenario) -> Scenario:
        subject = translate("scenariet")
        name = merger.decide(f"{key}/name", m.name, subject, "scenario_name", b.name, m.name, t.name)
        assert isinstance(name, str)
        out = copy.copy(b)
        out.name = name
        out.gross_factor = merger.decide(f"{key}/gross_factor", name, subject, "gross_factor",  # type: ignore[assignment]
                                         b.gross_factor, m.gross_factor, t.gross_factor)  # fmt: skip
        out.timeline = merger.decide(f"{key}/timeline", name, subject, "timeline",  # type: ignore[assignment]
                                     b.timeline, m.timeline, t.timeline)  # fmt: skip
        rates = {r: merger.decide(f"{key}/rate.{r.value}", name, subject, f"rate.{r.value}",
                                  b.running.per_gross_m2.get(r), m.running.per_gross_m2.get(r),
                                  t.running.per_gross_m2.get(r)) for r in RunningRate}  # fmt: skip
        sources = merger.decide(f"{key}/rate_sources", name, subject, "source", b.running.sources,
                                m.running.sources, t.running.sources)  # fmt: skip
        out.running = dataclasses.replace(b.running, per_gross_m2=rates, sources=copy.deepcopy(sources))  # type: ignore[arg-type]
        # a scenario's notes (issue 15.7) and its tenants' commitments (16.6), each merged whole
        out.notes = merger.decide(f"{key}/notes", name, subject, "notes", b.notes, m.notes, t.notes)  # type: ignore[assignment]
        out.commitments = copy.deepcopy(merger.decide(f"{key}/commitments", name, subject, "commitments",  # type: ignore[arg-type]
                                                      b.commitments, m.commitments, t.commitments))  # fmt: skip
        for kind in LINE_KINDS:
            info = LINES[kind]
            lines = _merge_items(merger, f"{key}/{kind}", info.lines_of(b), info.lines_of(m), info.lines_of(t),
                                 _merge_line(merger, kind, name), _describer(kind, merger.plan), name)  # fmt: skip
            out = info.with_lines(out, lines)
        _tenant_clashes(merger, key, name, out)
        return out

    return merge_one


def _describer(kind: LineKind, plan: Plan) -> Callable[[Any], str]:
    return lambda line: describe_line(kind, line, plan)


def _tenant_clashes(merger: _Merger, key: str, scenario: str, s: Scenario) -> None:
    """Two tenants under one short name (both copies added "fys"): a plan cannot hold both; a person chooses."""
    seen: dict[str, Any] = {}
    for tenant in list(s.tenants):
        other = seen.get(tenant.id)
        if other is None:
            seen[tenant.id] = tenant
            continue
        subject = describe_line(LineKind.TENANT, tenant, merger.plan)
        kept = merger.decide(f"{key}/tenant-id:{tenant.id}", scenario, subject, "id", None, other, tenant)
        s.tenants.remove(tenant if kept is other else other)


_PLAN_FIELDS = ("title", "years", "pool_round", "partners", "gp_collaboration", "municipality", "address",
                "project_type", "price_year", "amounts_include_vat", "description", "applied_scenario",
                "market_rent",
                # the application's fields (issue 16.6): each merged whole, like the others
                "cvr", "ean", "signatory", "project_leader", "approval", "milestones", "subprojects")  # fmt: skip


def merge_plans(base: Plan, mine: Plan, theirs: Plan, choose: Mapping[str, str] | None = None) -> MergeResult:
    """The three-way merge of two copies of one plan against their common `base` (module doc); the copies
    and the base are left as they are."""
    merger = _Merger(choose or {}, mine)
    out = copy.deepcopy(base)
    plan_subject = translate("planen")
    for name in _PLAN_FIELDS:
        setattr(out, name, copy.deepcopy(merger.decide(f"plan/{name}", None, plan_subject, name if name != "years"
                                                       else "plan_years", getattr(base, name), getattr(mine, name),
                                                       getattr(theirs, name))))  # fmt: skip
    for part in ("applicant", "contact"):
        b, m, t = getattr(base, part), getattr(mine, part), getattr(theirs, part)
        values = {f.name: merger.decide(f"plan/{part}.{f.name}", None, plan_subject, f"{part}.{f.name}",
                                        getattr(b, f.name), getattr(m, f.name), getattr(t, f.name))
                  for f in dataclasses.fields(b)}  # fmt: skip
        setattr(out, part, dataclasses.replace(b, **values))
    out.catalogs = _merge_catalogs(merger, base, mine, theirs)
    out.scenarios = _merge_items(merger, "scenario", base.scenarios, mine.scenarios, theirs.scenarios,
                                 _merge_scenario(merger), lambda s: translate("scenarie «{name}»", name=s.name),
                                 None)  # fmt: skip
    return MergeResult(out, merger.conflicts, merger.resolved)


def _merge_catalogs(merger: _Merger, base: Plan, mine: Plan, theirs: Plan) -> Any:
    out = copy.deepcopy(base.catalogs)
    subject = translate("kataloget")
    for attr in ("tenant_kinds", "room_types", "equipment", "running_rates"):
        b, m, t = (getattr(p.catalogs, attr) for p in (base, mine, theirs))
        merged: dict[Any, Any] = {}
        for code in [*m, *(c for c in t if c not in m), *(c for c in b if c not in m and c not in t)]:
            value = merger.decide(f"catalog/{attr}/{code}", None, subject, f"{attr}.{code}",
                                  b.get(code, _MISSING), m.get(code, _MISSING), t.get(code, _MISSING))  # fmt: skip
            if value is not _MISSING:
                merged[code] = copy.deepcopy(value)
        setattr(out, attr, merged)
    per_gp = merger.decide("catalog/patients_per_gp", None, subject, "patients_per_gp",
                           base.catalogs.patients_per_gp, mine.catalogs.patients_per_gp,
                           theirs.catalogs.patients_per_gp)  # fmt: skip
    assert isinstance(per_gp, Decimal)
    out.patients_per_gp = per_gp
    return out
