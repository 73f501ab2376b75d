"""A scenario's rent terms over the years (issue 17): market rent beside cost rent, the rent basis, the time
line (operating years, tenants' move-in and move-out years, phases with their rooms and cost lines, the
year each financing line is given for, index rates), loan repayment forms and
the discount rate for a present value.

Kept apart from `entities` on purpose: a scenario without terms (`TimeLine()`, the default) gives exactly
today's one steady-state year, and none of the existing records changes shape. Every rate that comes from a
source carries that source as text beside it; nothing here has an invented default (index rates are 0 % and
the discount rate is unset until the user enters them).

References to other lines: tenants by their id (stable, like the lines' own references); loans and rooms by
their position in the scenario's `financing` and `rooms` lists. The plan file's operations that add, move or
delete such a line carry the positions along (`planners.store.timeline.follow_lines`): a reference stays with
its line, a deleted line's references go (undo brings them back); the checks report a position that names no
line (e.g. in an imported file).
"""

from __future__ import annotations

from decimal import Decimal

from planners.model.prebuilt import StrEnum, dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:  # entities import this module: Plan and Scenario are hints only here
    from planners.model.entities import Plan, Scenario

ZERO = Decimal(0)

# KommuneKredit's normal maximum term, the default number of operating years without any loan
# (kommunekredit.dk "Løbetider", terms from 1-3-2024; FACTS.md).
KOMMUNEKREDIT_MAX_YEARS = 25
# KommuneKredit: an interest-only period at most 15 years (same source).
KOMMUNEKREDIT_MAX_INTEREST_ONLY_YEARS = 15
# LCCbyg's defaults, offered as a sourced option, never applied silently (lccbyg.dk "Nøgletalstabel").
LCCBYG_DISCOUNT_PCT = Decimal("5.5")
LCCBYG_PRICE_GROWTH_PCT = Decimal(2)
LCCBYG_SOURCE = "LCCbyg, Nøgletalstabel (lccbyg.dk): kalkulationsrente 5,5 %, generel prisudvikling 2 %"
# The Sæby lease's area-deviation clause (docplayer.dk 7946536), offered as an option.
SAEBY_AREA_TOLERANCE_PCT = Decimal(15)
SAEBY_SOURCE = "Sundhedshus Sæby, erhvervslejekontrakt (docplayer.dk 7946536)"


class RentBasis(StrEnum):
    """What the tenants are charged for their premises."""

    COST = "cost"  # omkostningsbestemt husleje (today's rule)
    MARKET = "market"  # markedsleje (sundhedsloven §§ 205 a–b for a public owner)
    LOWER = "lower"  # the lower of the two (the NHS "notional rent" rule, FACTS.md)


class Repayment(StrEnum):
    ANNUITY = "annuity"
    SERIAL = "serial"


class CostSplit(StrEnum):
    """How the yearly series split shared rooms, shared equipment and services."""

    KEYS = "keys"  # every line by its own allocation key (today's rule)
    LEASE_AREA = "lease_area"  # the Sæby lease: common area by basis area, whole-building costs by lease area


@dataclass
class MarketRentDefault:
    """The plan's default market rent for premises, kr. per gross m² a year, with its source."""

    per_m2: Decimal
    source: str = ""


@dataclass
class TenantTerms:
    """A tenant's years in the house and its market rent (per gross m² a year, or a total a year)."""

    tenant: str  # tenant id
    move_in: int | None = None  # first year in the house; None = the first operating year
    move_out: int | None = None  # last year in the house; None = to the end
    market_per_m2: Decimal | None = None
    market_total: Decimal | None = None
    market_source: str = ""


@dataclass
class LoanTerms:
    """How a repaid financing line (by its position in the scenario's financing) is paid back."""

    line: int
    repayment: Repayment = Repayment.ANNUITY
    interest_only_years: int = 0  # the first years pay interest only; the rest of the term repays
    first_year: int | None = None  # first year of payments; None = the first operating year


@dataclass
class Phase:
    """A stage of the building: rooms (positions in the scenario's rooms) that come into use from `first_year`,
    and the establishment cost lines (positions in the scenario's costs) that build it, paid in that year.

    A phase's cost lines are paid by the financing given for the same year (`FinancingYear`): a loan given for
    the phase's first year starts its payments then, so the capital cost of what the phase builds starts with
    the phase. Cost lines in no phase are the project years' (before the first operating year), as before."""

    name: str
    first_year: int
    rooms: list[int] = field(default_factory=list)
    costs: list[int] = field(default_factory=list)


@dataclass
class FinancingYear:
    """The year a financing line (by its position in the scenario's financing) is given for: a grant's year
    ("til finansiering af første år", FACTS.md), a loan's payout. Received in that year's cash balance, whole; a
    repaid line given for an operating year starts its payments that year (unless its `LoanTerms.first_year`
    says otherwise). A line without a year is the project years' (before operation), as before."""

    line: int
    year: int


@dataclass
class TimeLine:
    first_year: int | None = None  # None = the year after the plan's last project year
    years: int | None = None  # None = the longest repaid loan, else KommuneKredit's 25
    rent_index_pct: Decimal = ZERO  # a year, on market rents
    rent_index_source: str = ""
    running_index_pct: Decimal = ZERO  # a year, on running costs, equipment service and services
    running_index_source: str = ""
    discount_pct: Decimal | None = None  # None = no present value
    discount_source: str = ""
    rent_basis: RentBasis = RentBasis.COST
    vat_registered: bool | None = None  # voluntary VAT registration (momsloven § 51); None = not decided
    area_tolerance_pct: Decimal | None = None  # e.g. the Sæby lease's ±15 %
    cost_split: CostSplit = CostSplit.KEYS
    tenants: list[TenantTerms] = field(default_factory=list)
    loans: list[LoanTerms] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    financing_years: list[FinancingYear] = field(default_factory=list)

    def is_default(self) -> bool:
        return self == TimeLine()

    def tenant_terms(self, tenant_id: str) -> TenantTerms | None:
        return next((t for t in self.tenants if t.tenant == tenant_id), None)

    def loan_terms(self, line: int) -> LoanTerms | None:
        return next((t for t in self.loans if t.line == line), None)

    def financing_year(self, line: int) -> int | None:
        """The year financing line `line` is given for; None = the project years."""
        return next((f.year for f in self.financing_years if f.line == line), None)

    def cost_phase(self, line: int) -> Phase | None:
        """The phase cost line `line` belongs to (the first that names it); None = the project years."""
        return next((ph for ph in self.phases if line in ph.costs), None)


def rent_terms_in_use(plan: Plan, scenario: Scenario) -> bool:
    """Whether the plan says anything about rent beyond today's one year (terms or a market rent)."""
    return plan.market_rent is not None or not scenario.timeline.is_default()


def has_market_rent(plan: Plan, terms: TenantTerms | None) -> bool:
    return plan.market_rent is not None or (
        terms is not None and (terms.market_total is not None or terms.market_per_m2 is not None)
    )
