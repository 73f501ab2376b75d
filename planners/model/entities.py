"""The domain model of a plan (DESIGN §3, codes of §9).

Plain typed dataclasses with no behaviour beyond small helpers: the figures are pure functions in
`planners/figures/`, persistence in `planners/store/`, the JSON form in `planners/interchange/plan_json.py`.
Money, areas, percentages and head counts are `Decimal` (exact); counts and quantities are `int`.

Tenants, lines and scenarios carry an optional `row_id` (the SQLite row id when the plan came from a file). It never
takes part in equality, so a plan read from a file equals the same plan read from JSON.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from planners.model.i18n import N_, translate
from planners.model.prebuilt import StrEnum, dataclass, field
from planners.model.timeline import MarketRentDefault, TimeLine

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class TenantKind(StrEnum):
    GP_PRACTICE = "gp_practice"
    SPECIALIST = "specialist"
    MIDWIFE = "midwife"
    HEALTH_VISITOR = "health_visitor"
    BIOMEDICAL_LAB = "biomedical_lab"
    PHYSIOTHERAPIST = "physiotherapist"
    CHIROPRACTOR = "chiropractor"
    PSYCHOLOGIST = "psychologist"
    DIETITIAN = "dietitian"
    HOME_NURSING = "home_nursing"
    REHABILITATION = "rehabilitation"
    DENTIST = "dentist"
    OTHER = "other"


class Sector(StrEnum):
    GENERAL_PRACTICE = "general_practice"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"
    PRIVATE = "private"


class ApplicantType(StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    GENERAL_PRACTICE = "general_practice"
    OTHER = "other"


class ProjectType(StrEnum):
    NEW_BUILD = "new_build"
    EXTENSION = "extension"
    CONVERSION = "conversion"
    MODERNISATION = "modernisation"


class RoomType(StrEnum):
    CONSULTATION = "consultation"
    EXAMINATION = "examination"
    TREATMENT = "treatment"
    LABORATORY = "laboratory"
    WAITING = "waiting"
    RECEPTION = "reception"
    STAFF_ROOM = "staff_room"
    MEETING = "meeting"
    OFFICE = "office"
    TRAINING_HALL = "training_hall"
    STORAGE = "storage"
    CLEANING = "cleaning"
    TOILET = "toilet"
    ACCESSIBLE_TOILET = "accessible_toilet"
    CHANGING = "changing"
    TECHNICAL = "technical"
    OTHER = "other"


class CostCategory(StrEnum):
    ACQUISITION = "acquisition"
    CONSTRUCTION = "construction"
    CONSULTANCY = "consultancy"
    FURNITURE = "furniture"
    EQUIPMENT = "equipment"
    IT = "it"
    CONTINGENCY = "contingency"
    OTHER = "other"


class FinancingSource(StrEnum):
    GRANT = "grant"
    OWN_MUNICIPALITY = "own_municipality"
    OWN_REGION = "own_region"
    OWN_PRACTICE = "own_practice"
    LOAN = "loan"
    OTHER_GRANT = "other_grant"

    @property
    def is_own(self) -> bool:
        return self in (FinancingSource.OWN_MUNICIPALITY, FinancingSource.OWN_REGION, FinancingSource.OWN_PRACTICE)

    @property
    def repaid_by_default(self) -> bool:
        """A loan is paid back by the rent unless its tick is taken off; own money only when ticked; a grant
        never (issue 14.4)."""
        return self is FinancingSource.LOAN


class AllocationKey(StrEnum):
    AREA = "area"
    HEADCOUNT = "headcount"
    EQUAL = "equal"
    CUSTOM = "custom"


class RunningRate(StrEnum):
    """The running-cost rates per gross m² a year (DESIGN §3), in the JSON's order."""

    UTILITIES = "utilities"
    CLEANING = "cleaning"
    MAINTENANCE = "maintenance"
    INSURANCE_TAX = "insurance_tax"
    ADMINISTRATION = "administration"


class ApprovalStatus(StrEnum):
    """Where the political approval of the project stands (issue 16.6)."""

    NONE = "none"
    IN_PROCESS = "in_process"
    APPROVED = "approved"


class CommitmentStatus(StrEnum):
    """How firmly a tenant has committed to the house (issue 16.6), weakest first."""

    NONE = "none"
    LETTER_OF_INTENT = "letter_of_intent"
    SIGNED_LEASE = "signed_lease"


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


# --- plan-level records -------------------------------------------------------------------------


@dataclass
class Applicant:
    name: str = ""
    type: ApplicantType = ApplicantType.MUNICIPALITY


@dataclass
class GPCollaboration:
    """A recorded, secured collaboration with GPs outside the house (2019 round's alternative)."""

    with_: str = ""  # JSON key "with" (a Python keyword)
    description: str = ""


@dataclass
class Contact:
    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class Person:
    """A named person of the application: the legally responsible signatory or the project leader."""

    name: str = ""
    title: str = ""
    email: str = ""


@dataclass
class Approval:
    """The political approval of the project: its status and the date of the decision (or of the meeting
    that will take it, while in process)."""

    status: ApprovalStatus = ApprovalStatus.NONE
    date: datetime.date | None = None


@dataclass
class Milestone:
    """One milestone of the timetable (the plan keeps them in the order given)."""

    name: str
    date: datetime.date | None = None
    note: str = ""


@dataclass
class SubProject:
    """A part of the project with its own cost lines. `priority` orders what is dropped if the grant is
    reduced: 1 is kept longest; the highest number is dropped first."""

    name: str
    priority: int = 1


@dataclass
class Commitment:
    """A tenant's written commitment to the house and the date it was given."""

    status: CommitmentStatus = CommitmentStatus.NONE
    date: datetime.date | None = None


# --- scenario lines -----------------------------------------------------------------------------


@dataclass
class Allocation:
    """How a shared room, equipment line or service is split (a fordelingsnøgle).

    `shares` (tenant id → percent) is used by the custom key only; tenants it does not name get 0 %.
    """

    key: AllocationKey = AllocationKey.AREA
    shares: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class Tenant:
    id: str
    name: str
    kind: TenantKind
    sector: Sector | None = None  # None = the kind's default sector (catalog); filled on import
    clinicians: Decimal = ZERO
    staff: Decimal = ZERO
    listed_patients: int = 0
    provider_numbers: int = 0
    weekly_hours: Decimal | None = None
    current_annual_rent: Decimal | None = None
    note: str = ""
    row_id: int | None = field(default=None, compare=False, repr=False)

    @property
    def headcount(self) -> Decimal:
        return self.clinicians + self.staff


@dataclass
class RoomLine:
    """Exactly one of `tenant` (a tenant id), `shared` or `vacant`."""

    type: RoomType
    net_m2: Decimal
    count: int = 1
    label: str = ""
    tenant: str | None = None
    shared: Allocation | None = None
    vacant: bool = False
    row_id: int | None = field(default=None, compare=False, repr=False)

    @property
    def net_total(self) -> Decimal:
        return self.count * self.net_m2


@dataclass
class EquipmentLine:
    """Exactly one of `tenant` or `shared`. `item` is a catalog code or "other"."""

    item: str
    unit_price: Decimal
    lifetime_years: Decimal
    name: str = ""
    quantity: int = 1
    annual_service: Decimal = ZERO
    in_project: bool = True
    tenant: str | None = None
    shared: Allocation | None = None
    row_id: int | None = field(default=None, compare=False, repr=False)


@dataclass
class CostLine:
    """An establishment cost line. Exactly one basis: `amount`, `per_m2` (optional `m2`) or `percent`
    with `of`; a line of category `equipment` may have none (it then only gives the eligibility and
    spread of the equipment bought in the project, DESIGN §4).

    `spread` maps a year to the percent spent that year; empty = evenly over the plan's years.
    """

    category: CostCategory
    text: str = ""
    amount: Decimal | None = None
    per_m2: Decimal | None = None
    m2: Decimal | None = None
    percent: Decimal | None = None
    of: list[CostCategory] = field(default_factory=list)
    eligible: bool = True
    spread: dict[int, Decimal] = field(default_factory=dict)
    # Issue 16.6: the sub-project the line belongs to (its name; None: none), the part of the grant applied
    # for that goes to this line (None: not given), and where the line's rate or amount comes from.
    subproject: str | None = None
    grant: Decimal | None = None
    source: str = ""
    row_id: int | None = field(default=None, compare=False, repr=False)

    @property
    def has_basis(self) -> bool:
        return self.amount is not None or self.per_m2 is not None or self.percent is not None


@dataclass
class FinancingLine:
    """A loan or own money the rent pays back (`repaid_by_rent`) needs `interest_pct` and `years`."""

    source: FinancingSource
    amount: Decimal
    text: str = ""
    interest_pct: Decimal = ZERO
    years: int | None = None
    # None (not given) becomes the source's default in __post_init__: a loan made without the tick, in code,
    # a template or JSON, is paid back by the rent as it always was; own money and grants are not. Typed `bool`
    # because it is one after construction, for every reader.
    repaid_by_rent: bool = None  # type: ignore[assignment]
    row_id: int | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.repaid_by_rent is None:
            self.repaid_by_rent = self.source == FinancingSource.LOAN  # a str source too (JSON before validation)

    @property
    def is_repaid(self) -> bool:
        """Counts in the capital cost: a loan or own money whose tick says the rent pays it back; never a grant."""
        return (self.source is FinancingSource.LOAN or self.source.is_own) and self.repaid_by_rent is True

    def repaid_after_source(self, source: FinancingSource) -> bool:
        """The tick when the line's source becomes `source`: the new source's default where the kind changes
        (own ↔ loan, or to a grant); between two kinds of own money the user's tick stays."""
        if source == self.source or (source.is_own and self.source.is_own):
            return self.repaid_by_rent
        return source.repaid_by_default


@dataclass
class Service:
    """A fixed shared service a year (shared reception, IT, …); services are always shared."""

    name: str
    annual: Decimal
    shared: Allocation = field(default_factory=Allocation)
    row_id: int | None = field(default=None, compare=False, repr=False)


def default_running_rates() -> dict[RunningRate, Decimal]:
    return {rate: ZERO for rate in RunningRate}


@dataclass
class Running:
    per_gross_m2: dict[RunningRate, Decimal] = field(default_factory=default_running_rates)
    services: list[Service] = field(default_factory=list)
    # Where each rate comes from (issue 16.6); a rate not named here has no source given.
    sources: dict[RunningRate, str] = field(default_factory=dict)


@dataclass
class Scenario:
    name: str
    gross_factor: Decimal = Decimal("1.35")
    tenants: list[Tenant] = field(default_factory=list)
    rooms: list[RoomLine] = field(default_factory=list)
    equipment: list[EquipmentLine] = field(default_factory=list)
    costs: list[CostLine] = field(default_factory=list)
    financing: list[FinancingLine] = field(default_factory=list)
    running: Running = field(default_factory=Running)
    # Rent terms over the years (issue 17); the default gives today's one steady-state year.
    timeline: TimeLine = field(default_factory=TimeLine)
    # The workshop's notes and decisions for this scenario (issue 15.7).
    notes: str = ""
    # Each tenant's commitment by tenant id (issue 16.6); a tenant not named here has none.
    commitments: dict[str, Commitment] = field(default_factory=dict)
    row_id: int | None = field(default=None, compare=False, repr=False)

    def tenant(self, tenant_id: str) -> Tenant | None:
        return next((t for t in self.tenants if t.id == tenant_id), None)


# --- catalogs (the plan's own copies; bundled defaults in resources/) ---------------------------


@dataclass
class TenantKindInfo:
    name_da: str
    name_en: str
    sector: Sector
    # Space norms: rooms per clinician by room type, and net m² per clinician (for the area check).
    rooms_per_clinician: dict[RoomType, Decimal] = field(default_factory=dict)
    m2_per_clinician: Decimal = ZERO
    source: str = ""


@dataclass
class RoomTypeInfo:
    name_da: str
    name_en: str
    default_net_m2: Decimal
    source: str = ""


@dataclass
class EquipmentItem:
    name_da: str
    name_en: str
    unit_price: Decimal
    lifetime_years: Decimal
    annual_service: Decimal = ZERO
    source: str = ""


@dataclass
class Catalogs:
    """Catalog rows and rates as a plan holds them (self-contained: copied in when the plan is made)."""

    tenant_kinds: dict[TenantKind, TenantKindInfo] = field(default_factory=dict)
    room_types: dict[RoomType, RoomTypeInfo] = field(default_factory=dict)
    equipment: dict[str, EquipmentItem] = field(default_factory=dict)
    running_rates: dict[RunningRate, Decimal] = field(default_factory=default_running_rates)
    patients_per_gp: Decimal = Decimal(1600)
    # Where each default running rate comes from (issue 16.6 "a source for every rate"), as the scenario's
    # `Running.sources`; a rate not named here has no source given. Bundled: resources/catalogs/running_rates.json.
    running_rate_sources: dict[RunningRate, str] = field(default_factory=dict)


# --- the plan ------------------------------------------------------------------------------------


@dataclass
class Plan:
    title: str
    years: list[int]
    pool_round: str = ""  # "" = the newest bundled round (filled on import)
    applicant: Applicant = field(default_factory=Applicant)
    partners: list[str] = field(default_factory=list)
    gp_collaboration: GPCollaboration | None = None
    contact: Contact = field(default_factory=Contact)
    municipality: str | None = None
    address: str = ""
    project_type: ProjectType | None = None
    price_year: int | None = None
    amounts_include_vat: bool = False
    description: str = ""
    applied_scenario: str | None = None
    scenarios: list[Scenario] = field(default_factory=list)
    catalogs: Catalogs = field(default_factory=Catalogs)
    market_rent: MarketRentDefault | None = None  # the plan's default market rent (issue 17)
    # What a case officer asks for before submission (issue 16.6).
    cvr: str = ""  # the applicant's CVR number (8 digits)
    ean: str = ""  # the applicant's EAN (GLN) number for e-invoicing (13 digits)
    signatory: Person = field(default_factory=Person)  # legally responsible for the application
    project_leader: Person = field(default_factory=Person)
    approval: Approval = field(default_factory=Approval)
    milestones: list[Milestone] = field(default_factory=list)
    subprojects: list[SubProject] = field(default_factory=list)

    def scenario(self, name: str | None = None) -> Scenario:
        """The named scenario, or the one applied for, else the first (DESIGN §6)."""
        wanted = name if name is not None else self.applied_scenario
        if wanted is not None:
            for s in self.scenarios:
                if s.name == wanted:
                    return s
            if name is not None:
                raise KeyError(name)
        if not self.scenarios:
            raise KeyError("no scenario")
        return self.scenarios[0]


# --- findings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """The object a finding concerns, so a GUI can jump to it.

    `entity` is one of: "plan", "scenario", "tenant", "room", "equipment", "cost", "financing",
    "service", "running". `index` is the line's position in its scenario list (None for the plan, the
    scenario or the running rates); `field` optionally names the field concerned.
    """

    entity: str
    scenario: str | None = None
    index: int | None = None
    field: str | None = None

    def describe(self, lang: str = "da") -> str:
        """Where the finding is, in words: «scenarie «Ombygning», rum, linje 3»."""
        noun = _ENTITY_NOUNS.get(self.entity)
        parts = [translate(noun, lang) if noun else self.entity]
        if self.scenario is not None:
            parts.insert(0, translate("scenarie «{name}»", lang, name=self.scenario))
        if self.index is not None:
            parts.append(translate("linje {number}", lang, number=self.index + 1))
        if self.field:
            parts.append(translate("felt «{name}»", lang, name=self.field_name(lang)))
        return ", ".join(parts)

    def field_name(self, lang: str = "da") -> str:
        """The field concerned as the GUI and the annex label it ("kommune", not "municipality")."""
        if not self.field:
            return ""
        name = _FIELD_NAMES.get(self.field)
        return translate(name, lang) if name else self.field


_ENTITY_NOUNS = {
    "plan": N_("plan"),
    "scenario": N_("scenarie"),
    "tenant": N_("lejer"),
    "room": N_("rumprogram"),
    "equipment": N_("udstyr"),
    "cost": N_("anlægsudgift"),
    "financing": N_("finansiering"),
    "service": N_("fælles ydelse"),
    "running": N_("driftsudgifter"),
}

_FIELD_NAMES = {  # the fields findings point at, as the GUI and the annex label them
    "title": N_("titel"),
    "pool_round": N_("puljerunde"),
    "applicant": N_("ansøger"),
    "municipality": N_("kommune"),
    "gp_collaboration": N_("samarbejde med praktiserende læger"),
    "amounts_include_vat": N_("beløb inkl. moms"),
    "years": N_("projektår"),
    "gross_factor": N_("bruttofaktor"),
    "tenants": N_("lejere"),
    "rooms": N_("rumprogram"),
    "costs": N_("anlægsudgifter"),
    "equipment": N_("udstyr"),
    "financing": N_("finansiering"),
    "running": N_("driftsudgifter"),
    "shares": N_("andele"),
    "spread": N_("fordeling på år"),
    "amount": N_("beløb"),
    "percent": N_("procent"),
    "net_m2": N_("nettoareal"),
    "clinicians": N_("behandlere"),
    "timeline": N_("husleje over tid"),
    "market_rent": N_("markedsleje"),
    "cvr": N_("CVR-nummer"),
    "ean": N_("EAN-nummer"),
    "signatory": N_("tegningsberettiget"),
    "project_leader": N_("projektleder"),
    "approval": N_("politisk godkendelse"),
    "milestones": N_("tidsplan"),
    "subprojects": N_("delprojekter"),
    "subproject": N_("delprojekt"),
    "commitments": N_("lejernes tilsagn"),
    "grant": N_("tilskud"),
    "source": N_("kilde"),
    "notes": N_("noter og beslutninger"),
}


class _Message:
    """A finding's message in one language as a field: given (a str), or None to be built from the finding's
    `text` when first read. The checks give None: after an edit they run for the figures panel's counts and
    the checks page, which show one language; building every text in both languages was most of their time
    (issue 19.2). Read, compared or printed, a message is the same str either way."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.lang = name.rpartition("_")[2]  # message_da → da
        self.slot = "_" + name

    def __get__(self, obj: object, owner: type | None = None) -> str:
        if obj is None:
            raise AttributeError(self.slot)  # no default: the dataclass field stays a required one
        value: str | None = obj.__dict__[self.slot]
        if value is None:
            text = obj.text  # type: ignore[attr-defined]
            value = text(self.lang) if text is not None else ""
            obj.__dict__[self.slot] = value  # kept: a frozen dataclass is set through its __dict__
        return value

    def __set__(self, obj: object, value: str | None) -> None:
        obj.__dict__[self.slot] = value


@dataclass(frozen=True)
class Finding:
    """One finding of the checks; its message rendered in Danish and English (from the catalog), and in any
    language through `text` (the checks' function of the language: the numbers in it follow the language).
    The checks give the messages as None: each is built from `text` when first read (`_Message`)."""

    level: Level
    code: str
    message_da: str = _Message()  # type: ignore[assignment]
    message_en: str = _Message()  # type: ignore[assignment]
    ref: Ref  # type: ignore[misc]
    text: Callable[[str], str] | None = field(default=None, compare=False, repr=False)

    def message(self, lang: str = "da") -> str:
        if lang == "da" or self.text is None:
            return self.message_en if lang == "en" else self.message_da
        return self.message_en if lang == "en" else self.text(lang)
