"""The three-way merge of two copies of one plan (issue 18.4): hand-made cases and random edit sequences.

The property: two copies of one base each get a random sequence of edits (set a field of a line or of the plan,
append a line, delete a line). Every value an edit writes is new (mine counts from 1000, theirs from 2000), so a
field an edit touched differs from the base and from the other copy. Then
- when the two sequences touch disjoint things, the merge has no conflict and equals the base with my edits and
  then theirs applied one after the other;
- when they overlap, the conflicts are exactly the fields both touched, plus each line one removed and the other
  edited.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal as D
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.history.merge import merge_plans
from planners.model import CostCategory, CostLine, Plan, RoomLine, RoomType
from planners.model.linekinds import LINES, LineKind
from tests.planners.plans import rich_plan


def numbered(plan: Plan) -> Plan:
    """`plan` with row ids as a plan file gives them: scenarios and every line, unique per kind."""
    plan = copy.deepcopy(plan)
    counter = 1
    for s in plan.scenarios:
        s.row_id = counter
        counter += 1
        for kind in LineKind:
            for line in LINES[kind].lines_of(s):
                line.row_id = counter
                counter += 1
    return plan


BASE = numbered(rich_plan())
FIELDS: dict[
    LineKind, dict[str, Callable[[int], object]]
] = {  # the fields the random edits set, per line kind, and how a new value is made from a number
    LineKind.TENANT: {"note": str, "clinicians": D, "staff": D},
    LineKind.ROOM: {"label": str, "count": int, "net_m2": D},
    LineKind.FINANCING: {"text": str, "amount": D},
    LineKind.COST: {"text": str},
}
PLAN_FIELDS = ("title", "address", "description")
DELETABLE = (LineKind.ROOM, LineKind.COST)


@dataclass(frozen=True)
class Edit:
    what: str  # "set", "plan", "add", "delete"
    kind: LineKind | None = None
    row_id: int | None = None
    field: str | None = None


def base_ids(kind: LineKind) -> list[int]:
    return [line.row_id for line in LINES[kind].lines_of(BASE.scenarios[0])]


@st.composite
def edits(draw: st.DrawFn) -> Edit:
    what = draw(st.sampled_from(["set", "set", "plan", "add", "delete"]))
    if what == "plan":
        return Edit("plan", field=draw(st.sampled_from(PLAN_FIELDS)))
    if what == "add":
        return Edit("add", kind=draw(st.sampled_from(DELETABLE)))
    if what == "delete":
        kind = draw(st.sampled_from(DELETABLE))
        return Edit("delete", kind, draw(st.sampled_from(base_ids(kind))))
    kind = draw(st.sampled_from(sorted(FIELDS)))
    return Edit(
        "set", kind, draw(st.sampled_from(base_ids(kind))), draw(st.sampled_from(sorted(FIELDS[kind])))
    )


def apply_edits(plan: Plan, sequence: list[Edit], start: int) -> Plan:
    """The edits applied in order; the n-th writes the value `start + n`. A new line gets the row id a plan file
    would give it (the next free one), so the two copies' new lines collide, as real copies' do."""
    plan = copy.deepcopy(plan)
    s = plan.scenarios[0]
    next_row = 10_000
    for n, edit in enumerate(sequence):
        value = start + n
        if edit.what == "plan":
            assert edit.field is not None
            setattr(plan, edit.field, f"v{value}")
            continue
        assert edit.kind is not None
        lines: list[Any] = LINES[edit.kind].lines_of(s)
        if edit.what == "add":
            line: Any = (
                RoomLine(RoomType.OFFICE, D(value), 1, f"nyt {value}", vacant=True)
                if edit.kind is LineKind.ROOM
                else CostLine(CostCategory.OTHER, f"ny {value}", amount=D(value))
            )
            line.row_id = next_row
            next_row += 1
            lines.append(line)
            continue
        target = next((x for x in lines if x.row_id == edit.row_id), None)
        if target is None:
            continue  # deleted earlier in this sequence
        if edit.what == "delete":
            lines.remove(target)
        else:
            assert edit.field is not None
            setattr(target, edit.field, FIELDS[edit.kind][edit.field](value))
    return plan


def touched(sequence: list[Edit]) -> tuple[set[str], set[str]]:
    """(fields set, lines deleted) as conflict keys; a field of a line deleted later in the sequence counts as
    the line's deletion only."""
    deleted = {f"scenario:1/{e.kind}:{e.row_id}" for e in sequence if e.what == "delete"}
    fields = set()
    for e in sequence:
        if e.what == "plan":
            fields.add(f"plan/{e.field}")
        elif e.what == "set":
            line = f"scenario:1/{e.kind}:{e.row_id}"
            if line not in deleted:
                fields.add(f"{line}/{e.field}")
    return fields, deleted


def line_of(key: str) -> str:
    return key.rsplit("/", 1)[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits(), max_size=8), st.lists(edits(), max_size=8))
def test_random_edits_merge_as_both_applied_or_conflict_exactly_where_they_overlap(
    mine_edits: list[Edit], theirs_edits: list[Edit]
) -> None:
    mine = apply_edits(BASE, mine_edits, 1000)
    theirs = apply_edits(BASE, theirs_edits, 2000)
    m_fields, m_deleted = touched(mine_edits)
    t_fields, t_deleted = touched(theirs_edits)
    expected = (
        (m_fields & t_fields)
        | {line_of(f) for f in m_fields if line_of(f) in t_deleted}
        | {line_of(f) for f in t_fields if line_of(f) in m_deleted}
    )
    result = merge_plans(BASE, mine, theirs)
    assert {c.key for c in result.conflicts} == expected
    if not expected:
        both = apply_edits(apply_edits(BASE, mine_edits, 1000), theirs_edits, 2000)
        assert result.plan == both
    # the inputs are never changed
    assert mine == apply_edits(BASE, mine_edits, 1000) and BASE == numbered(rich_plan())


@settings(max_examples=60, deadline=None)
@given(st.lists(edits(), max_size=8))
def test_merging_with_an_unchanged_copy_gives_the_changed_one(sequence: list[Edit]) -> None:
    changed = apply_edits(BASE, sequence, 1000)
    assert merge_plans(BASE, changed, BASE).plan == changed
    assert merge_plans(BASE, BASE, changed).plan == changed
    assert merge_plans(BASE, changed, changed).plan == changed
    assert merge_plans(BASE, changed, changed).clean


def test_one_field_both_changed_is_one_conflict_and_choose_resolves_it() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    room = mine.scenarios[0].rooms[0]
    room.net_m2 = D(18)
    theirs.scenarios[0].rooms[0].net_m2 = D(20)
    theirs.scenarios[0].gross_factor = D("1.4")  # the building: only theirs
    mine.scenarios[0].tenants[0].clinicians = D(5)  # a tenant: only mine
    result = merge_plans(BASE, mine, theirs)
    key = f"scenario:1/room:{room.row_id}/net_m2"
    assert [c.key for c in result.conflicts] == [key]
    conflict = result.conflicts[0]
    assert (conflict.base, conflict.mine, conflict.theirs) == (D(16), D(18), D(20))
    assert conflict.text() == ("Scenarie «Ombygning 🏥»: rum «Konsultation», nettoareal pr. rum: før 16; min kopi 18; "
                               "deres kopi 20")  # fmt: skip
    s = result.plan.scenarios[0]
    assert (s.rooms[0].net_m2, s.gross_factor, s.tenants[0].clinicians) == (D(18), D("1.4"), D(5))
    chosen = merge_plans(BASE, mine, theirs, {key: "theirs"})
    assert chosen.clean and [c.key for c in chosen.resolved] == [key]
    assert chosen.plan.scenarios[0].rooms[0].net_m2 == D(20)


def test_a_line_removed_in_one_copy_and_changed_in_the_other_is_a_conflict_on_the_line() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    removed = mine.scenarios[0].rooms.pop(1)
    theirs.scenarios[0].rooms[1].label = "Venterum"
    result = merge_plans(BASE, mine, theirs)
    assert [(c.key, c.field) for c in result.conflicts] == [(f"scenario:1/room:{removed.row_id}", None)]
    assert "min kopi fjernet; deres kopi ændret" in result.conflicts[0].text()
    assert "Venterum" not in [r.label for r in result.plan.scenarios[0].rooms]  # mine until someone chooses
    kept = merge_plans(BASE, mine, theirs, {result.conflicts[0].key: "theirs"}).plan.scenarios[0].rooms
    assert [r.label for r in kept][1] == "Venterum"


def test_both_adding_a_tenant_under_one_short_name_is_a_conflict() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    new_mine = copy.deepcopy(mine.scenarios[0].tenants[1])
    new_mine.id, new_mine.name, new_mine.row_id = "tandlæge", "Tandlægerne", 500
    new_theirs = copy.deepcopy(new_mine)
    new_theirs.name = "Tandklinikken"
    mine.scenarios[0].tenants.append(new_mine)
    theirs.scenarios[0].tenants.append(new_theirs)
    result = merge_plans(BASE, mine, theirs)
    assert [c.field for c in result.conflicts] == ["id"]
    assert [t.id for t in result.plan.scenarios[0].tenants].count("tandlæge") == 1
    same = merge_plans(BASE, mine, mine)  # the same tenant added in both: one tenant, no conflict
    assert same.clean and [t.id for t in same.plan.scenarios[0].tenants].count("tandlæge") == 1
