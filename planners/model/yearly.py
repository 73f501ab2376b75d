"""What the yearly engine returns for one scenario (issue 17): the series per year, per tenant and for the
owner, and their present values. Plain records, unrounded `Decimal`; computed by
`planners.figures.years.compute_years`. Round only for display (`planners.model.money`).
"""

from __future__ import annotations

from decimal import Decimal

from planners.model.prebuilt import dataclass
from planners.model.timeline import CostSplit, RentBasis


@dataclass
class TenantYear:
    tenant_id: str
    present: bool  # in the house this year (move-in … move-out)
    lease_gross_m2: Decimal  # allocated gross m² this year (0 when not present)
    space_cost_rent: Decimal  # lease area × the year's cost rate
    equipment_share: Decimal
    services_share: Decimal
    cost_rent: Decimal  # (space cost rent + equipment share) + services share
    market_rent: Decimal | None  # the premises at market rent (indexed); None = not known
    space_charged: Decimal  # the premises as charged under the rent basis
    charged: Decimal  # (space charged + equipment share) + services share


@dataclass
class LoanYear:
    line: int  # position in the scenario's financing
    payment: Decimal  # interest + repayment
    interest: Decimal
    repayment: Decimal
    balance: Decimal  # owed at the end of the year


@dataclass
class YearFigures:
    year: int
    gross_m2: Decimal  # the rooms in use this year (phases)
    tenants: list[TenantYear]  # the scenario's tenants, in order, present or not
    loans: list[LoanYear]  # every repaid financing line, in order
    capital_cost: Decimal  # Σ loan payments
    running_cost: Decimal  # running rates × gross m², indexed
    equipment_cost: Decimal
    services_cost: Decimal
    total_cost: Decimal  # ((capital + running) + equipment) + services
    vacancy_cost: Decimal  # total cost − Σ tenants' cost rents (exact)
    income: Decimal  # Σ charged
    surplus: Decimal  # income − total cost (the owner's result; negative = deficit)
    cash_balance: Decimal  # opening balance + Σ (surplus + financing received − establishment) up to this year
    discount_factor: Decimal | None  # 1 / (1 + d)^(k + 1), k = 0 for the first operating year
    # Issue 17 (phases' cost lines, a grant's year): money of the establishment in this operating year, exact.
    establishment: Decimal = Decimal(0)  # the cost lines of the phases that start this year
    financing_received: Decimal = Decimal(0)  # the financing lines given for this year (grants, loans, own money)


@dataclass
class PresentValues:
    discount_pct: Decimal
    income: Decimal
    total_cost: Decimal
    surplus: Decimal
    tenants: dict[str, Decimal]  # tenant id → present value of its charged rent


@dataclass
class YearsFigures:
    scenario: str
    first_year: int
    last_year: int
    rent_basis: RentBasis
    cost_split: CostSplit
    rent_index_pct: Decimal
    running_index_pct: Decimal
    years: list[YearFigures]
    present_value: PresentValues | None  # None without a discount rate
    # The cash at the start of the first operating year: what the project years paid for establishment that is
    # financed later (a grant given for an operating year: negative) or hold for establishment spent later
    # (phases' cost lines: positive); 0 when nothing is dated into the operating years.
    opening_balance: Decimal = Decimal(0)
