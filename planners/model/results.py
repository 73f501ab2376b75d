"""What the engine returns for one scenario: every figure of DESIGN §4, unrounded.

Computed by `planners.figures.engine.compute(plan, scenario)`; read by the checks, the command line, the
annex, the charts and the GUI. Nothing here computes; these are plain records.
Amounts are `Decimal` at full precision; round only for display (`planners.model.money`).
"""

from __future__ import annotations

from decimal import Decimal

from planners.model import CostCategory, FinancingSource
from planners.model.prebuilt import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    # `rent_years` is made only for a plan with rent terms (`figures.engine` imports the module then): a summary of a
    # plan without them does not import it (s19-sum2).
    from planners.model.yearly import YearsFigures


@dataclass
class TenantFigures:
    tenant_id: str
    name: str
    clinicians: Decimal
    dedicated_net_m2: Decimal
    allocated_net_m2: Decimal  # dedicated + Σ shared net × share
    allocated_gross_m2: Decimal
    space_rent: Decimal  # allocated gross × rent rate
    equipment_share: Decimal  # dedicated + shares of shared equipment, a year
    services_share: Decimal
    total: Decimal  # space rent + equipment share + services share
    per_month: Decimal  # total / 12
    per_gross_m2: Decimal | None  # None where allocated gross is 0
    per_clinician: Decimal | None  # None where clinicians is 0
    current_annual_rent: Decimal | None
    change: Decimal | None  # total − current rent; None without a current rent
    change_pct: Decimal | None  # a fraction; None without a current rent or where it is 0


@dataclass
class CostLineFigures:
    """One establishment cost line, in the scenario's order (index = position in `scenario.costs`)."""

    index: int
    category: CostCategory
    amount: Decimal  # 0 for a line in a cycle or an ignored second basis-free equipment line
    eligible: bool
    by_year: dict[int, Decimal]  # the spread applied as given (years outside the plan included)
    in_cycle: bool = False
    ignored: bool = False  # a second basis-free `equipment` line (DESIGN §4)


@dataclass
class FinancingLineFigures:
    index: int
    source: FinancingSource
    amount: Decimal
    annuity: Decimal  # 0 unless the line is repaid (loan, or own money repaid by rent)


@dataclass
class EquipmentLineFigures:
    index: int
    investment: Decimal  # quantity × unit price
    annual_cost: Decimal  # quantity × (service + price / lifetime where the tenants buy it)


@dataclass
class ScenarioFigures:
    scenario: str
    gross_factor: Decimal
    # space
    net_m2: Decimal  # every room line, vacant included
    gross_m2: Decimal
    vacant_net_m2: Decimal  # vacant lines, plus shared lines where there are no tenants, plus the
    vacant_gross_m2: Decimal  # part of custom keys not given to tenants
    tenants: list[TenantFigures]
    # establishment
    cost_lines: list[CostLineFigures]
    equipment_in_project: Decimal  # Σ quantity × unit price of equipment bought in the project
    equipment_eligible: bool  # from the basis-free equipment cost line, else True
    equipment_by_year: dict[int, Decimal]
    by_category: dict[CostCategory, Decimal]  # every category, zero included, equipment included
    eligible_by_category: dict[CostCategory, Decimal]
    by_year: dict[int, Decimal]  # every plan year (zero included) plus any year a spread names
    by_category_year: dict[CostCategory, dict[int, Decimal]]
    establishment_total: Decimal
    eligible_total: Decimal
    non_eligible_total: Decimal
    # financing
    financing_lines: list[FinancingLineFigures]
    financing_by_source: dict[FinancingSource, Decimal]
    financing_total: Decimal
    grant: Decimal
    grant_share: Decimal  # grant / eligible total; 0 where the eligible total is 0
    financing_difference: Decimal  # financing total − establishment total
    # annual costs and rent
    capital_cost: Decimal  # Σ annuities of repaid lines
    running_rates_total: Decimal  # Σ running rates per gross m²
    running_cost: Decimal  # running rates total × gross m²
    building_cost: Decimal  # capital + running
    rent_per_gross_m2: Decimal  # building cost / gross m² (0 where gross is 0)
    capital_cost_without_grant: Decimal  # capital cost + the grant as if borrowed
    rent_per_gross_m2_without_grant: Decimal
    grant_loan_terms: tuple[Decimal, int]  # (interest %, years) used for "without grant"
    equipment_lines: list[EquipmentLineFigures]
    equipment_annual_total: Decimal
    services_total: Decimal
    annual_cost_total: Decimal  # building cost + equipment annual + services
    vacancy_cost: Decimal  # owner's cost: vacant gross × rate + unallocated equipment/services
    # inconsistencies the checks turn into findings
    cycle_lines: list[int] = field(default_factory=list)  # indexes of cost lines in a percent cycle
    ignored_equipment_lines: list[int] = field(default_factory=list)
    # the years of the house (issue 17), computed only where the plan has rent terms or a market rent
    rent_years: YearsFigures | None = None

    @property
    def years(self) -> list[int]:
        return sorted(self.by_year)
