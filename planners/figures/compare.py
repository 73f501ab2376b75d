"""Scenarios side by side (issue 9): the key figures of two or more scenarios as rows, with differences.

`compare(plan, scenarios, base)` returns a `Comparison`: one `CompareRow` per key figure, each holding one
value per compared scenario (in the order asked for) and the difference against the base scenario. The GUI's
comparison page, the annex sheet "Scenarier" (`planners.exports.annex.sheets.write_comparison`) and the report's
comparison pages all show these same rows, so they agree line for line.

Nothing is computed here: every value is a figure of `planners.figures.engine.compute`, and the findings counts come
from `planners.checks.findings.run_checks`. The only arithmetic is the difference (value − base value), kept exact.
Tenants are matched by their id across scenarios (a duplicated scenario keeps its tenants' ids, DESIGN §9); a
tenant missing from a scenario has the value None there ("absent", shown as "–"), never 0, and so has no
difference.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from planners.model import Finding, Level, Plan, Scenario
from planners.model.errors import PlanError
from planners.model.i18n import N_, Message, translate
from planners.model.money import exact_sub
from planners.model.results import ScenarioFigures

if TYPE_CHECKING:
    from planners.figures.whatif import SharedSpace


class Unit(StrEnum):
    """What a row's values are: kroner, square metres, a fraction shown as a percentage, or a count."""

    KR = "kr"
    M2 = "m2"
    PCT = "pct"  # a fraction: 0.5 is 50 %; its difference is in percentage points (also a fraction)
    COUNT = "count"

    def symbol(self, lang: str = "da") -> str:
        """The unit as a reader writes it: "kr." (English "DKK"), "m²", "%", or "antal" ("count")."""
        symbols = {Unit.KR: N_("kr."), Unit.COUNT: N_("antal")}
        return translate(symbols[self], lang) if self in symbols else {Unit.M2: "m²", Unit.PCT: "%"}[self]


class Group(StrEnum):
    """The sections the rows fall into (a table may print a heading for each)."""

    AREA = "area"
    ESTABLISHMENT = "establishment"
    ANNUAL = "annual"
    SHARED = "shared"
    TENANTS = "tenants"
    FINDINGS = "findings"


GROUP_LABELS: dict[Group, str] = {
    Group.AREA: N_("Areal"),
    Group.ESTABLISHMENT: N_("Anlæg og finansiering"),
    Group.ANNUAL: N_("Årlige udgifter og husleje"),
    Group.SHARED: N_("Fællesarealer"),
    Group.TENANTS: N_("Lejernes årlige udgift i alt"),
    Group.FINDINGS: N_("Fund ved tjekket"),
}


def group_label(group: Group, lang: str = "da") -> str:
    return translate(GROUP_LABELS[group], lang)


# The scalar rows: key (= the ScenarioFigures attribute and the summary's JSON key), Danish and English label,
# unit, group. In the order the rows are shown.
_SCALAR_ROWS: tuple[tuple[str, str, Unit, Group], ...] = (
    ("net_m2", N_("Nettoareal"), Unit.M2, Group.AREA),
    ("gross_m2", N_("Bruttoareal"), Unit.M2, Group.AREA),
    ("establishment_total", N_("Anlægsudgifter i alt"), Unit.KR, Group.ESTABLISHMENT),
    ("eligible_total", N_("Heraf tilskudsberettigede"), Unit.KR, Group.ESTABLISHMENT),
    ("grant", N_("Tilskud fra puljen"), Unit.KR, Group.ESTABLISHMENT),
    ("grant_share", N_("Tilskudsandel af berettigede udgifter"), Unit.PCT,
     Group.ESTABLISHMENT),
    ("financing_total", N_("Finansiering i alt"), Unit.KR, Group.ESTABLISHMENT),
    ("annual_cost_total", N_("Årlige udgifter i alt"), Unit.KR, Group.ANNUAL),
    ("rent_per_gross_m2", N_("Husleje pr. m² brutto pr. år"), Unit.KR, Group.ANNUAL),
    ("rent_per_gross_m2_without_grant", N_("Husleje pr. m² brutto pr. år uden tilskud"), Unit.KR, Group.ANNUAL),
    ("vacancy_cost", N_("Tomgang (ejerens udgift) pr. år"), Unit.KR, Group.ANNUAL),
)
# (key, Danish label, English label, unit, group): the English read from the catalog, for callers of the pairs
SCALAR_ROWS: tuple[tuple[str, str, str, Unit, Group], ...] = tuple(
    (key, da, translate(da, "en"), unit, group) for key, da, unit, group in _SCALAR_ROWS
)

# How much of the house is shared (issue 15.4): `planners.figures.whatif.shared_space`'s figures, by the
# key of the row (these are not `ScenarioFigures` attributes, so a row has no `attribute`).
SHARED_ROWS: tuple[tuple[str, str, str, Unit], ...] = (
    ("shared_net_m2", "net_m2", N_("Fællesareal netto"), Unit.M2),
    ("shared_gross_m2", "gross_m2", N_("Fællesareal brutto"), Unit.M2),
    ("shared_share", "share", N_("Fællesarealets andel af huset"), Unit.PCT),
)
_SHARED_KEYS = frozenset(key for key, *_rest in SHARED_ROWS)

TENANT_PREFIX = "tenant:"
FINDINGS_PREFIX = "findings:"
FINDING_LABELS: dict[Level, str] = {
    Level.ERROR: N_("Fejl"),
    Level.WARNING: N_("Advarsler"),
    Level.NOTE: N_("Noter"),
}


@dataclass(frozen=True)
class CompareRow:
    """One key figure across the compared scenarios.

    `key` is stable: a figure's name (`net_m2`, `grant_share`, … as in the summary's JSON), `tenant:<id>` for a
    tenant's annual total, `findings:<level>` for the number of findings of a level. `values` has one entry per
    compared scenario (None: the tenant is absent from that scenario); `differences` likewise holds value − base
    value (None for the base itself and wherever either value is absent).
    """

    key: str
    label_da: str
    label_en: str
    unit: Unit
    group: Group
    values: tuple[Decimal | None, ...]
    differences: tuple[Decimal | None, ...]
    tenant_id: str | None = None  # for tenant rows
    level: Level | None = None  # for findings rows

    def label(self, lang: str = "da") -> str:
        return self.label_en if lang == "en" else self.label_da

    @property
    def attribute(self) -> str | None:
        """The `ScenarioFigures` attribute of a scalar row (None for tenant and findings rows)."""
        if self.tenant_id is not None or self.level is not None or self.key in _SHARED_KEYS:
            return None
        return self.key


@dataclass(frozen=True)
class Comparison:
    """Two or more scenarios side by side: rows of key figures, their differences against `base`."""

    plan_title: str
    scenarios: tuple[str, ...]  # the compared scenarios' names, in the order asked for
    base: str  # the scenario the differences are taken against
    applied: str | None  # the scenario applied for, where it is among the compared
    rows: tuple[CompareRow, ...]
    figures: tuple[ScenarioFigures, ...] = field(repr=False)  # the engine's figures, one per scenario
    findings: tuple[tuple[Finding, ...], ...] = field(repr=False)
    # Each scenario's notes and decisions from the workshop (issue 15.7), as typed ("" where none), so every
    # view of the comparison shows what was decided beside the figures it was decided on.
    notes: tuple[str, ...] = ()

    @property
    def noted(self) -> tuple[tuple[str, str], ...]:
        """(scenario name, its notes stripped) of the scenarios that have notes, in the comparison's order."""
        return tuple((name, text.strip()) for name, text in zip(self.scenarios, self.notes, strict=False)
                     if text.strip())

    @property
    def base_index(self) -> int:
        return self.scenarios.index(self.base)

    def row(self, key: str) -> CompareRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def value(self, key: str, scenario: str) -> Decimal | None:
        return self.row(key).values[self.scenarios.index(scenario)]

    def difference(self, key: str, scenario: str) -> Decimal | None:
        return self.row(key).differences[self.scenarios.index(scenario)]

    @property
    def tenant_rows(self) -> tuple[CompareRow, ...]:
        return tuple(r for r in self.rows if r.group is Group.TENANTS)

    def rows_in(self, group: Group) -> tuple[CompareRow, ...]:
        return tuple(r for r in self.rows if r.group is group)


@dataclass
class Known:
    """What a caller already holds of each scenario, so a comparison computes nothing twice (issue 15.5).

    The GUI session keeps every scenario's figures between edits (`planners.figures.incremental.PlanFigures`)
    and gives a scenario NEW figures whenever an edit touches it or the plan; `figures` is that lookup. The
    findings and the shared area read nothing but the plan, the scenario and its figures, so they are kept here
    by the identity of the figures object: the same figures object, the same findings. Only the entries of the
    latest comparison are kept."""

    figures: Callable[[Scenario], ScenarioFigures]
    _by_figures: dict[int, tuple[ScenarioFigures, tuple[Finding, ...], SharedSpace]] = field(default_factory=dict)

    def results(self, plan: Plan, scenario: Scenario) -> tuple[ScenarioFigures, tuple[Finding, ...], SharedSpace]:
        """The scenario's figures, findings and shared space (`whatif.shared_space`)."""
        from planners.checks.findings import run_checks
        from planners.figures.whatif import shared_space

        figures = self.figures(scenario)
        kept = self._by_figures.get(id(figures))
        if kept is not None and kept[0] is figures:
            return kept
        entry = (figures, tuple(run_checks(plan, scenario, figures)), shared_space(scenario))
        self._by_figures[id(figures)] = entry
        return entry

    def keep_only(self, figures: Sequence[ScenarioFigures]) -> None:
        wanted = {id(f) for f in figures}
        for key in [k for k in self._by_figures if k not in wanted]:
            del self._by_figures[key]


class CompareError(PlanError):
    """The scenarios asked for cannot be compared (fewer than two, unknown, repeated, a base not among them)."""


def _names(plan: Plan, scenarios: Sequence[str] | None) -> list[Scenario]:
    by_name = {s.name: s for s in plan.scenarios}
    wanted = [s.name for s in plan.scenarios] if scenarios is None else list(scenarios)
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        names = ", ".join(f"«{s.name}»" for s in plan.scenarios) or Message.of(N_("ingen"))
        raise CompareError("Planen har intet scenarie «{name}». Scenarier: {names}", name=unknown[0], names=names)
    repeated = sorted({n for n in wanted if wanted.count(n) > 1})
    if repeated:
        raise CompareError("Scenariet «{name}» er valgt mere end én gang.", name=repeated[0])
    if len(wanted) < 2:
        if scenarios is None:
            raise CompareError("Planen har kun ét scenarie; en sammenligning kræver mindst to.")
        raise CompareError("Vælg mindst to scenarier at sammenligne.")
    return [by_name[n] for n in wanted]


def _difference(value: Decimal | None, base: Decimal | None, is_base: bool) -> Decimal | None:
    if is_base or value is None or base is None:
        return None
    return exact_sub(value, base)  # every digit kept: a difference is as exact as its figures


def _row(key: str, da: str, en: str, unit: Unit, group: Group, values: list[Decimal | None], base: int,
         **extra: object) -> CompareRow:
    diffs = tuple(_difference(v, values[base], i == base) for i, v in enumerate(values))
    return CompareRow(key, da, en, unit, group, tuple(values), diffs, **extra)  # type: ignore[arg-type]


def compare(plan: Plan, scenarios: list[str] | None = None, base: str | None = None,
            known: Known | None = None) -> Comparison:
    """The key figures of `scenarios` (names; default every scenario of the plan, in the plan's order) side by
    side, with differences against `base` (default: the scenario applied for where it is compared, else the
    first compared). `known`: the figures the caller holds already (default: every scenario computed now).

    Raises `CompareError` (a `PlanError`, Danish message) for fewer than two scenarios, an unknown or repeated
    name, or a base that is not among the compared.
    """
    from planners.checks.findings import run_checks
    from planners.figures.engine import compute
    from planners.figures.whatif import shared_space

    chosen = _names(plan, scenarios)
    names = tuple(s.name for s in chosen)
    applied = plan.applied_scenario if plan.applied_scenario in names else None
    if base is None:
        base = applied if applied is not None else names[0]
    elif base not in names:
        raise CompareError("Basisscenariet «{name}» er ikke blandt de sammenlignede scenarier.", name=base)
    b = names.index(base)

    if known is None:
        figures = tuple(compute(plan, s) for s in chosen)
        findings = tuple(tuple(run_checks(plan, s, f)) for s, f in zip(chosen, figures, strict=True))
        shared = [shared_space(s) for s in chosen]
    else:
        results = [known.results(plan, s) for s in chosen]
        figures = tuple(r[0] for r in results)
        findings = tuple(r[1] for r in results)
        shared = [r[2] for r in results]
        known.keep_only(figures)

    rows: list[CompareRow] = []
    for key, da, en, unit, group in SCALAR_ROWS:
        rows.append(_row(key, da, en, unit, group, [getattr(f, key) for f in figures], b))

    for key, field_name, da, unit in SHARED_ROWS:
        rows.append(_row(key, da, translate(da, "en"), unit, Group.SHARED, [getattr(x, field_name) for x in shared], b))

    # Tenants by id, in order of first appearance (the base scenario's names win, as the reader's reference).
    order: list[str] = []
    names_by_id: dict[str, str] = {}
    for f in (figures[b], *figures):
        for t in f.tenants:
            if t.tenant_id not in names_by_id:
                names_by_id[t.tenant_id] = t.name
    for f in figures:
        for t in f.tenants:
            if t.tenant_id not in order:
                order.append(t.tenant_id)
    totals = [{t.tenant_id: t.total for t in f.tenants} for f in figures]
    for tid in order:
        values: list[Decimal | None] = [by_id.get(tid) for by_id in totals]
        rows.append(_row(f"{TENANT_PREFIX}{tid}", names_by_id[tid], names_by_id[tid], Unit.KR, Group.TENANTS,
                         values, b, tenant_id=tid))

    for level, da in FINDING_LABELS.items():
        en = translate(da, "en")
        counts: list[Decimal | None] = [Decimal(sum(1 for x in found if x.level is level)) for found in findings]
        rows.append(_row(f"{FINDINGS_PREFIX}{level.value}", da, en, Unit.COUNT, Group.FINDINGS, counts, b,
                         level=level))

    return Comparison(
        plan_title=plan.title,
        scenarios=names,
        base=base,
        applied=applied,
        rows=tuple(rows),
        figures=figures,
        findings=findings,
        notes=tuple(s.notes for s in chosen),
    )


__all__ = ["SHARED_ROWS", "CompareError", "Known", "CompareRow", "Comparison", "Group", "Unit", "compare", "group_label"]
