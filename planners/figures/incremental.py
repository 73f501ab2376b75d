"""Incremental figures (issue 19.2, the core's side): every scenario's figures kept between edits, and after an
edit only the scenarios it touched computed again.

`PlanFigures` holds the figures of each scenario of one plan as `engine.compute` gives them. An edit says what
it touched: `touch(scenario)` for an edit inside one scenario (a line, a tenant, its financing, its rent terms),
`touch_plan()` for an edit of the plan's own fields, catalogs or market rent, which every scenario's figures
read (the plan's years spread the budget; the market rent feeds the years). `figures(scenario)` then computes
only what is not current. A scenario is remembered by its identity as well as its name, so a scenario object
replaced by a reload, renamed, added or removed is never mistaken for the one computed before.

An edit that replaced lines by new objects (the GUI's: an edited line is read back as a new object) says
`touch_lines(scenario)`: the room lines' sums are then brought up to date by the difference of the lines that
changed (one line's worth of work, not the scenario's 6.000 rooms), and the equipment and service lines' sums are
kept where those lines are the same objects (issue 19.2: a room's edit); the rest of the scenario's figures is
computed from the sums as always.

`key_figures(scenario)` gives the figures the GUI's panel and rooms page show after every edit (areas, the
establishment total, financing, the rent rates): the engine's first part (`engine.begin`), kept with the scenario;
`figures(scenario)` finishes it (`engine.finish`: each tenant's rent, the cost lines and their years) when first
asked — the session asks after the panel has been painted, for the checks (issue 19.2).

The figures are exactly those of a full recompute (`compute(plan, scenario)`): the engine is deterministic and
reads nothing but the plan's fields and that one scenario (property-tested in
`tests/planners/test_incremental.py` over random edits).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, localcontext
from itertools import islice
from operator import is_

from planners.figures.engine import Begun, begin, finish
from planners.figures.rent import LineSums
from planners.figures.space import EXACT, RoomSums
from planners.figures.whatif import SharedSpace, shared_space_of
from planners.model import EquipmentLine, Plan, RoomLine, Scenario, Service
from planners.model.prebuilt import dataclass, field
from planners.model.results import ScenarioFigures


@dataclass
class KeyFigures:
    """The figures the GUI shows after every edit (the figures panel, the rooms page's summary): each the very
    Decimal of `ScenarioFigures` under the same name, made before the rest of them (`engine.begin`, issue 19.2)."""

    scenario: str
    gross_factor: Decimal
    net_m2: Decimal
    gross_m2: Decimal
    vacant_gross_m2: Decimal
    establishment_total: Decimal
    grant: Decimal
    grant_share: Decimal
    financing_difference: Decimal
    rent_per_gross_m2: Decimal
    rent_per_gross_m2_without_grant: Decimal

    @classmethod
    def of(cls, b: Begun) -> KeyFigures:
        return cls(b.scenario, b.gross_factor, b.net_m2, b.gross_m2, b.vacant_gross_m2, b.establishment_total, b.grant,
                   b.grant_share, b.financing_difference, b.rent_per_gross_m2, b.rent_per_gross_m2_without_grant)


@dataclass
class _Entry:
    scenario: Scenario  # the object computed (identity checked: a reload gives new objects)
    # None: lines were replaced since (`touch_lines`), begun again when asked. Else the engine's first part, and
    # its key figures; `figures` None until finished (`PlanFigures.figures`).
    begun: Begun | None
    key: KeyFigures
    figures: ScenarioFigures | None
    # The sums the figures were computed from, and the very line objects summed (identity: a line edited, added
    # or deleted is a new object or a missing one; `touch_lines` promises that none changed in place).
    rooms: RoomSums
    room_lines: list[RoomLine]
    lines: LineSums
    equipment: list[EquipmentLine]
    services: list[Service]


def _same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(map(is_, a, b))


def _room_sums(entry: _Entry, sc: Scenario) -> RoomSums | None:
    """The kept room sums brought to `sc`'s room lines by the difference of the lines replaced, added, deleted
    or moved since; None where they cannot be (other tenants)."""
    sums, old, new = entry.rooms, entry.room_lines, sc.rooms
    if sums.ids != [t.id for t in sc.tenants]:
        return None
    # The lines before and after the part that changed are the same objects (an edit changes one line or one
    # block): found by identity with the loops in C (`map(is_, …)`), so 6.000 rooms cost a fraction of a
    # millisecond; the lines between are taken out and put in (a line moved is taken out and put back).
    n = min(len(old), len(new))
    head = _first_false(map(is_, old, new), n)
    tail = _first_false(map(is_, reversed(old), reversed(new)), n - head)
    for room in old[head:len(old) - tail]:
        sums.remove(room)
    for room in new[head:len(new) - tail]:
        sums.add(room)
    return sums


def _first_false(same: Iterator[bool], limit: int) -> int:
    """How many leading Trues `same` gives, at most `limit`."""
    flags = list(islice(same, limit))
    try:
        return flags.index(False)
    except ValueError:
        return len(flags)


@dataclass
class PlanFigures:
    """The figures of a plan's scenarios, computed on demand and kept until an edit touches them."""

    plan: Plan
    _entries: dict[int, _Entry] = field(default_factory=dict)  # id(scenario) → its figures
    computed: int = 0  # how many scenarios were computed (for tests and benchmarks)
    summed: int = 0  # how many times a scenario's lines were all summed (the rest: by the difference)

    def figures(self, scenario: Scenario | str | None = None) -> ScenarioFigures:
        """The figures of the scenario given or named (None: the one applied for, else the first), computed
        now only if an edit touched it since they were last computed."""
        sc = scenario if isinstance(scenario, Scenario) else self.plan.scenario(scenario)
        entry = self._begun(sc)
        if entry.figures is None:
            assert entry.begun is not None
            try:
                entry.figures = finish(entry.begun)
            except BaseException:
                self._entries.pop(id(sc), None)  # nothing half-computed left behind
                raise
        return entry.figures

    def key_figures(self, scenario: Scenario) -> KeyFigures:
        """The figures shown after every edit (`KeyFigures`) of `scenario`: the engine's first part only, where an
        edit touched it; `figures` computes the rest when asked."""
        return self._begun(scenario).key

    def _begun(self, sc: Scenario) -> _Entry:
        """`sc`'s entry, begun (`engine.begin`) since the last edit that touched it."""
        entry = self._entries.get(id(sc))
        if entry is not None and entry.scenario is sc and entry.begun is not None and entry.key.scenario == sc.name:
            return entry
        # Taken out while computing: a failure leaves nothing half-updated behind.
        self._entries.pop(id(sc), None)
        rooms = lines = None
        if entry is not None and entry.scenario is sc and entry.begun is None:
            rooms = _room_sums(entry, sc)
            if entry.lines.ids == [t.id for t in sc.tenants] and _same(entry.equipment, sc.equipment) \
                    and _same(entry.services, sc.running.services):
                lines = entry.lines
        if rooms is None:
            rooms = RoomSums.of(sc)
            self.summed += 1
        if lines is None:
            lines = LineSums.of(sc)
        begun = begin(self.plan, sc, rooms, lines)
        self.computed += 1
        entry = _Entry(sc, begun, KeyFigures.of(begun), None, rooms, list(sc.rooms), lines, list(sc.equipment),
                       list(sc.running.services))
        self._entries[id(sc)] = entry
        return entry

    def shared_space(self, scenario: Scenario) -> SharedSpace:
        """`whatif.shared_space(scenario)` from the room sums kept (the figures panel's, after every edit: two
        sums over 6.000 rooms on the XL plan otherwise)."""
        rooms = self._begun(scenario).rooms  # the sums current
        with localcontext(EXACT):
            shared = sum(rooms.by_key.values(), Decimal(0)) + sum(rooms.custom.values(), Decimal(0))
        return shared_space_of(rooms.net, shared, scenario.gross_factor)

    def all(self) -> dict[str, ScenarioFigures]:
        """Every scenario's figures by name, in plan order (only the touched ones computed again)."""
        return {sc.name: self.figures(sc) for sc in self.plan.scenarios}

    def touch(self, scenario: Scenario) -> None:
        """An edit changed something inside `scenario`: its figures are computed again when next asked."""
        self._entries.pop(id(scenario), None)

    def touch_lines(self, scenario: Scenario) -> None:
        """An edit replaced, added, deleted or moved lines of `scenario` (its tenants too), each line edited being
        a NEW object — no line object changed in place (as the GUI session reads edited lines back): its figures
        are computed again when next asked, the room sums by the difference of the lines that changed, the
        equipment and service sums kept where those lines are the same objects (issue 19.2)."""
        entry = self._entries.get(id(scenario))
        if entry is not None and entry.scenario is scenario:
            entry.begun = entry.figures = None

    def touch_plan(self, plan: Plan | None = None) -> None:
        """An edit changed the plan's own fields (or the plan was reloaded, then pass it): every scenario's
        figures are computed again when next asked."""
        if plan is not None:
            self.plan = plan
        self._entries.clear()

    def forget_removed(self) -> None:
        """Drop the figures of scenarios the plan no longer holds (after a scenario was deleted)."""
        present = {id(sc) for sc in self.plan.scenarios}
        for key in [k for k in self._entries if k not in present]:
            del self._entries[key]
