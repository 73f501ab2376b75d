"""Where everything sits in the application annex: sheet names, columns and rows (DESIGN §7).

The sheets refer to each other (a tenant's rent reads the room programme's shared areas, the rent rate, the
agreed shares…), so every address is computed up front from the scenario's line counts, before any cell is
written. A table always has at least one row (an empty table gets one blank row), so that every range in a
formula is a real range and SUMIF over it gives 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planners.model import (
    AllocationKey,
    CostCategory,
    CostLine,
    FinancingSource,
    Plan,
    RunningRate,
    Scenario,
    glossary,
)

# Sheet names (Danish, as the reviewer reads them).
COVER = "Forside"
BUDGET = "Anlægsbudget"
FINANCING = "Finansiering"
ROOMS = "Rumprogram"
TENANTS = "Lejere"
EQUIPMENT = "Udstyr"
RUNNING = "Drift og husleje"
ASSUMPTIONS = "Forudsætninger"
FINDINGS = "Fund"
SHEETS = (COVER, BUDGET, FINANCING, ROOMS, TENANTS, EQUIPMENT, RUNNING, ASSUMPTIONS, FINDINGS)
# The comparison of every scenario of the plan (issue 9), added after the others with `compare=True`.
SCENARIOS = "Scenarier"

FIRST = 5  # first line row of a table whose header is row 4 (title in rows 1–2)

# The words the formulas' SUMIF criteria compare with: plain Danish words without wildcard characters
# (* ? ~) or anything a regular expression would read, so that every spreadsheet matches them literally.
# The glossary's words (planners.model.glossary), so the annex names each key as the app and the report do.
KEY_WORDS: dict[AllocationKey, str] = {key: term.word for key, term in glossary.KEYS.items()}
SIMPLE_KEYS = (AllocationKey.AREA, AllocationKey.HEADCOUNT, AllocationKey.EQUAL)
YES, NO = "Ja", "Nej"
USE_TENANT, USE_SHARED, USE_VACANT, USE_NOBODY = "Lejer", glossary.SHARED, "Ledig", "Ingen lejer"
CUSTOM_ROOM, CUSTOM_EQUIPMENT, CUSTOM_SERVICE = "Rum", "Udstyr", "Ydelse"


ROOM_SUMMARY = ("net", "factor", "gross", "dedicated", "area", "headcount", "equal", "custom", "vacant_lines",
                "custom_left", "no_tenants", "vacant_net", "vacant_gross")
EQUIPMENT_SUMMARY = ("in_project", "by_tenants", "annual", "area", "headcount", "equal", "custom", "custom_left",
                     "no_tenants", "nobody", "unallocated")
SERVICE_SUMMARY = ("total", "area", "headcount", "equal", "custom", "custom_left", "no_tenants", "unallocated")
RENT_BLOCK = ("capital", "running", "building", "gross", "rate")
WITHOUT_GRANT_BLOCK = ("grant", "rate_pct", "years", "grant_annuity", "capital", "rate")
TOTAL_BLOCK = ("building", "equipment", "services", "total", "tenants", "vacant_space", "vacant_equipment",
               "vacant_services", "vacancy", "check")


def _block(heading: int, names: tuple[str, ...]) -> dict[str, int]:
    """Rows of a summary block: the heading row, then one row per name. Key "heading" is the heading's row."""
    rows = {"heading": heading}
    rows.update({name: heading + 1 + i for i, name in enumerate(names)})
    return rows


def _rows(n: int) -> tuple[int, int]:
    """(first, last) rows of a table with `n` lines (at least one row)."""
    return FIRST, FIRST + max(n, 1) - 1


@dataclass
class CustomRow:
    """One agreed share (custom key) of one line: line kind, line index, tenant index, percent."""

    kind: str  # CUSTOM_ROOM, CUSTOM_EQUIPMENT or CUSTOM_SERVICE
    line: int
    tenant: int
    percent: object


def custom_rows(scenario: Scenario) -> list[CustomRow]:
    """The agreed shares to tenants of the scenario (a share naming no tenant gives nothing: DESIGN §4)."""
    index = {t.id: i for i, t in enumerate(scenario.tenants)}
    out: list[CustomRow] = []
    groups = (
        (CUSTOM_ROOM, [r.shared for r in scenario.rooms]),
        (CUSTOM_EQUIPMENT, [e.shared for e in scenario.equipment]),
        (CUSTOM_SERVICE, [s.shared for s in scenario.running.services]),
    )
    for kind, allocations in groups:
        for line, allocation in enumerate(allocations):
            if allocation is None or allocation.key is not AllocationKey.CUSTOM:
                continue
            for tenant_id, percent in allocation.shares.items():
                if tenant_id in index:
                    out.append(CustomRow(kind, line, index[tenant_id], percent))
    return out


def cost_kind(line: CostLine) -> str:
    """The basis of a cost line as the engine reads it: amount, per_m2, percent, carrier (equipment) or none."""
    if line.amount is not None:
        return "amount"
    if line.per_m2 is not None:
        return "per_m2"
    if line.percent is not None:
        return "percent"
    if line.category is CostCategory.EQUIPMENT:
        return "carrier"
    return "none"


@dataclass
class Layout:
    """Every address the sheets share, for one scenario."""

    plan: Plan
    scenario: Scenario
    years: list[int]  # the plan's years and every year a spread names, sorted
    plan_years: list[int]  # the plan's years, without repeats
    equipment_row: bool  # the budget has an extra row for the equipment (no basis-free equipment line)
    custom: list[CustomRow] = field(default_factory=list)

    # --- Forudsætninger ---
    a_factor: int = 5
    a_rates: dict[RunningRate, int] = field(default_factory=dict)
    a_fallback_rate: int = 11
    a_fallback_years: int = 12
    a_rate: int = 13
    a_years: int = 14
    a_tenants: int = 15
    a_custom_heading: int = 17
    a_custom_header: int = 18
    a_custom_first: int = 19
    a_custom_last: int = 19

    def __post_init__(self) -> None:
        sc = self.scenario
        self.a_rates = {rate: 6 + i for i, rate in enumerate(RunningRate)}
        self.a_custom_last = self.a_custom_first + max(len(self.custom), 1) - 1
        # Rumprogram
        self.r_first, self.r_last = _rows(len(sc.rooms))
        self.r_total = self.r_last + 1
        self.r_sum = self.r_total + 2  # heading of the summary; its rows follow
        # Udstyr
        self.e_first, self.e_last = _rows(len(sc.equipment))
        self.e_total = self.e_last + 1
        self.e_sum = self.e_total + 2
        # Lejere: the statement first, then the basis of the keys
        n = len(sc.tenants)
        self.t_first, self.t_last = _rows(n)
        self.t_total = self.t_last + 1
        self.t_vacancy = self.t_total + 1
        self.t_grand = self.t_total + 2
        self.k_heading = self.t_grand + 2
        self.k_header = self.k_heading + 1
        self.k_first = self.k_header + 1
        self.k_last = self.k_first + max(n, 1) - 1
        self.k_total = self.k_last + 1
        # Anlægsbudget
        lines = len(sc.costs) + (1 if self.equipment_row else 0)
        self.b_first, self.b_last = _rows(lines)
        self.b_total = self.b_last + 1
        self.c_heading = self.b_total + 2
        self.c_header = self.c_heading + 1
        self.c_first = self.c_header + 1
        self.c_rows = {cat: self.c_first + i for i, cat in enumerate(CostCategory)}
        self.c_total = self.c_first + len(CostCategory)
        # Finansiering
        self.f_first, self.f_last = _rows(len(sc.financing))
        self.f_total = self.f_last + 1
        self.f_heading = self.f_total + 2
        self.f_sources = {src: self.f_heading + 1 + i for i, src in enumerate(FinancingSource)}
        after = self.f_heading + 1 + len(FinancingSource)
        self.f_fin_total = after
        self.f_est_total = after + 1
        self.f_difference = after + 2
        self.f_eligible = after + 3
        self.f_share = after + 4
        self.f_capital = after + 5
        # Drift og husleje
        self.d_rates = {rate: FIRST + i for i, rate in enumerate(RunningRate)}
        self.d_rates_total = FIRST + len(RunningRate)
        self.d_svc_heading = self.d_rates_total + 2
        self.d_svc_header = self.d_svc_heading + 1
        self.d_svc_first = self.d_svc_header + 1
        self.d_svc_last = self.d_svc_first + max(len(sc.running.services), 1) - 1
        self.d_svc_total = self.d_svc_last + 1
        # Summary blocks below the tables: name → row
        self.rs = _block(self.r_sum, ROOM_SUMMARY)
        self.es = _block(self.e_sum, EQUIPMENT_SUMMARY)
        self.ds = _block(self.d_svc_total + 2, SERVICE_SUMMARY)
        self.dr = _block(max(self.ds.values()) + 2, RENT_BLOCK)
        self.dw = _block(max(self.dr.values()) + 2, WITHOUT_GRANT_BLOCK)
        self.dt = _block(max(self.dw.values()) + 2, TOTAL_BLOCK)

    # budget columns: the years' shares, then the years' amounts
    @property
    def spread_col0(self) -> int:
        return 11

    def spread_col(self, year_index: int) -> int:
        return self.spread_col0 + year_index

    def year_col(self, year_index: int) -> int:
        return self.spread_col0 + len(self.years) + year_index

    @property
    def budget_last_col(self) -> int:
        return self.spread_col0 + 2 * len(self.years) - 1


def make_layout(plan: Plan, scenario: Scenario) -> Layout:
    plan_years = list(dict.fromkeys(plan.years))
    years = set(plan_years)
    for line in scenario.costs:
        years.update(int(y) for y in line.spread)
    carrier = any(cost_kind(c) == "carrier" for c in scenario.costs)
    return Layout(
        plan=plan,
        scenario=scenario,
        years=sorted(years),
        plan_years=plan_years,
        equipment_row=not carrier and bool(scenario.equipment),
        custom=custom_rows(scenario),
    )
