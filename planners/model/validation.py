"""Validity rules of DESIGN §3 ("invalid": refused) on the dataclasses of `planners.model`.

Inconsistencies across lines (shares not summing to 100, cycles, unbalanced financing, pool rules) are
NOT checked here: they are stored and reported as findings by `planners.checks.findings`.

Paths are JSON-style (`scenarios[0].rooms[3].net_m2`) so that `import-json` and the GUI report the same.
Messages are Danish first (`skal være større end 0`), English second.

This module holds every range, code and reference rule once. `planners.interchange.plan_json` only converts JSON types
(and reports wrong types, unknown keys and the JSON-only rules); it then runs these functions. A value the
parser has already reported as invalid is stored as `REPORTED`, which every check here skips, so a problem
is never listed twice.

What only the bundled reference knows (the pool rounds, the municipalities) is passed in as `Known`
(`planners.reference.known_names()` gives it): the model imports nothing of ours above it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable
from decimal import Decimal
from enum import StrEnum

from planners.model import (
    HUNDRED,
    ZERO,
    Allocation,
    AllocationKey,
    Applicant,
    ApplicantType,
    Approval,
    ApprovalStatus,
    Catalogs,
    Commitment,
    CommitmentStatus,
    Contact,
    CostCategory,
    CostLine,
    EquipmentItem,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    GPCollaboration,
    Milestone,
    Person,
    Plan,
    ProjectType,
    RoomLine,
    RoomType,
    RoomTypeInfo,
    Running,
    RunningRate,
    Scenario,
    Sector,
    Service,
    SubProject,
    Tenant,
    TenantKind,
    TenantKindInfo,
    readiness,
)
from planners.model.errors import Problem
from planners.model.i18n import N_, Message
from planners.model.prebuilt import dataclass
from planners.model.safetext import EXCERPT, excerpt

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 1,5 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    from typing import Any

LINE_KINDS = ("tenant", "room", "equipment", "cost", "financing", "service")

# Years a plan may name (plan years, price year, spread keys): wide enough for any real project, narrow
# enough to catch a typo such as 218 or 20189.
MIN_YEAR = 1900
MAX_YEAR = 2200

# No amount, area or count of a health house comes near this; a larger number is a typo (or an attack on
# the exact arithmetic, whose cost grows with the number of digits).
MAX_MAGNITUDE = Decimal(10) ** 15
# Likewise for the smallest digit: 17e-100000000 would make every exact fraction astronomically large.
MAX_DECIMALS = 40


@dataclass(frozen=True)
class Known:
    """The names a plan's fields must be one of, read from the bundled reference by the caller (the store,
    the JSON reader: `planners.reference.known_names()`): the pool rounds' codes, sorted, and the
    municipalities' Danish names."""

    pool_rounds: tuple[str, ...]
    municipalities: tuple[str, ...]


# An equipment line's `item` outside the catalog: a custom item described by the line itself.
CUSTOM_ITEM = "other"


class _Reported:
    """The type of `REPORTED`."""

    _instance: _Reported | None = None

    def __new__(cls) -> _Reported:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REPORTED"


REPORTED = _Reported()
"""Stands for a value a parser has already reported as invalid (wrong type): the checks here skip it."""


def reported(value: object) -> bool:
    """Whether `value` is `REPORTED`. A field of any declared type may hold it (the dataclasses' types say
    what a valid plan holds), so the test takes any object: the type checker sees no impossible comparison."""
    return value is REPORTED


# --- messages (Danish msgids; the English is in the catalog, resources/locale) -------------------

MISSING = N_("mangler")
UNKNOWN_KEY = N_("ukendt nøgle")
DUPLICATE_KEY = N_("nøglen står flere gange")
NOT_NUMBER = N_("skal være et tal")
NOT_FINITE = N_("skal være et endeligt tal")
TOO_LARGE = N_("er for stort (højst 10^15)")
TOO_PRECISE = Message.of(N_("har for mange decimaler (højst {n})"), n=MAX_DECIMALS)
BAD_CHARACTER = N_("indeholder et ugyldigt tegn")
HOURS_A_WEEK = 168
TOO_MANY_HOURS = Message.of(N_("en uge har kun {hours} timer"), hours=HOURS_A_WEEK)
NOT_INTEGER = N_("skal være et heltal")
NOT_TEXT = N_("skal være en tekst")
NOT_BOOL = N_("skal være true eller false")
NOT_OBJECT = N_("skal være et objekt")
NOT_LIST = N_("skal være en liste")
POSITIVE = N_("skal være større end 0")
NON_NEGATIVE = N_("må ikke være negativ")
PERCENT = N_("skal være mellem 0 og 100")
NOT_EMPTY = N_("må ikke være tom")
NOT_YEAR = Message.of(N_("skal være et årstal ({first}–{last})"), first=MIN_YEAR, last=MAX_YEAR)
ROOM_PLACEMENT = N_("præcis én af tenant, shared og vacant skal angives")
EQUIPMENT_PLACEMENT = N_("præcis én af tenant og shared skal angives")
ONE_BASIS = N_("præcis ét grundlag skal angives: amount, per_m2 eller percent")
AT_MOST_ONE_BASIS = N_("højst ét grundlag må angives: amount, per_m2 eller percent")
M2_WITHOUT_PER_M2 = N_("m2 kan kun angives sammen med per_m2")
OF_WITHOUT_PERCENT = N_("of kan kun angives sammen med percent")
SHARES_WITHOUT_CUSTOM = N_("shares kan kun angives med nøglen custom")
YEARS_ORDER = N_("årene skal være forskellige og stigende")
NO_SCENARIO = N_("planen skal have mindst ét scenarie")


# --- paths --------------------------------------------------------------------------------------


def _identifier(text: str) -> bool:
    """`text` matches `[A-Za-z_][A-Za-z0-9_]*\\Z` (an ASCII identifier), without compiling a regular expression at
    every import of the model (a reading command never names a path; issue 19)."""
    return text.isascii() and text.isidentifier()


def join(path: str, name: str) -> str:
    """`path.name` (just `name` at the top)."""
    return f"{path}.{name}" if path else name


def key_path(path: str, key: object) -> str:
    """The path of a dictionary entry: `path.key` for an identifier, else `path["key"]` (years, ids)."""
    text = excerpt(str(key), 80)  # a key from outside may be megabytes long
    if _identifier(text):
        return join(path, text)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'{path}["{escaped}"]'


def index_path(path: str, index: int) -> str:
    return f"{path}[{index}]"


def suggestion(word: str, choices: Iterable[str]) -> str | None:
    """The closest of `choices` to a mistyped `word`, if any is close."""
    if len(word) > 2 * EXCERPT:
        return None  # nothing of ours is that long; difflib's work grows with the word
    import difflib  # only to suggest a name: a reading command never pays its import

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return found[0] if found else None


class Problems(list[Problem]):
    """A list of problems with a short way to add one."""

    def add(self, path: str, message: str | Message, /, **values: object) -> None:
        """A problem at `path`: a msgid with `values`, or a `Message` that already holds its values."""
        if isinstance(message, Message):
            values = {**dict(message.values), **values}
            message = message.msgid
        # A value from outside (a file, a JSON document) is quoted as a short excerpt: a message never grows
        # with the input (the longest list of valid codes, the room types, is 186 characters).
        values = {k: excerpt(v) if isinstance(v, str) and len(v) > EXCERPT else v for k, v in values.items()}
        self.append(Problem(excerpt(path, 2 * EXCERPT), message, **values))


# --- single-value rules (each written once; the JSON reader relies on them) ----------------------


def _is_number(value: object) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def check_number(
    out: Problems, value: object, path: str, rule: str | None, *, required: bool = True
) -> None:
    """A Decimal (or int) under `rule`: POSITIVE (> 0), NON_NEGATIVE (≥ 0), PERCENT (0–100) or None."""
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if not _is_number(value):
        out.add(path, NOT_NUMBER)
        return
    number = Decimal(value)  # type: ignore[arg-type]
    exponent = number.as_tuple().exponent
    if not number.is_finite():
        out.add(path, NOT_FINITE)
    elif abs(number) > MAX_MAGNITUDE:
        out.add(path, TOO_LARGE)
    elif isinstance(exponent := number.as_tuple().exponent, int) and exponent < -MAX_DECIMALS:
        out.add(path, TOO_PRECISE)
    elif rule is POSITIVE and not number > ZERO:
        out.add(path, POSITIVE)
    elif rule is NON_NEGATIVE and number < ZERO:
        out.add(path, NON_NEGATIVE)
    elif rule is PERCENT and not ZERO <= number <= HUNDRED:
        out.add(path, PERCENT)


def _da(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def check_at_most(out: Problems, value: object, path: str, limit: int, unit: str = "") -> None:
    """A realistic upper bound (issue 20.8: a typo such as 10.000.000 years for a loan is refused, with the
    limit in the message, and no arithmetic ever meets a value of absurd size). Only a value that passed its
    type and sign checks is judged here, so a problem is never listed twice."""
    if not _is_number(value) or any(p.path == path for p in out):
        return
    if Decimal(value) > limit:  # type: ignore[arg-type]
        # The limit in Danish notation in both languages, as the tables show numbers; the unit is a msgid.
        if unit:
            out.add(path, Message.of(N_("må højst være {limit} {unit}"), limit=_da(limit), unit=Message.of(unit)))
        else:
            out.add(path, Message.of(N_("må højst være {limit}"), limit=_da(limit)))


# Realistic ranges of a health house (issue 20.8); far above any real project, far below what would slow the
# exact arithmetic. A loan's term is 1–100 years: the annuity raises an exact fraction to that power.
MAX_YEARS = 100
MAX_AREA_M2 = 100_000
MAX_PERSONS = 10_000
MAX_PATIENTS = 10_000_000
MAX_COUNT = 10_000
MAX_QUANTITY = 100_000
MAX_PRICE = 1_000_000_000  # kr.: one item, one year's service or rent
MAX_AMOUNT = 100_000_000_000  # kr.: a whole cost line or financing line
MAX_RATE_M2 = 1_000_000_000  # kr. per m² (a rate, or a cost line per m²)
MAX_FACTOR = 10
MAX_PERCENT_OF = 1_000
# Units of check_at_most's limits (msgids)
YEARS = N_("år")
KR = N_("kr.")
M2 = N_("m²")


def check_integer(
    out: Problems, value: object, path: str, rule: str | None, *, required: bool = True
) -> None:
    """An int under `rule` (POSITIVE or NON_NEGATIVE)."""
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if not isinstance(value, int) or isinstance(value, bool):
        out.add(path, NOT_INTEGER)
        return
    check_number(out, value, path, rule)


def check_year(out: Problems, value: object, path: str, *, required: bool = True) -> None:
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if not isinstance(value, int) or isinstance(value, bool):
        out.add(path, NOT_INTEGER)
    elif not MIN_YEAR <= value <= MAX_YEAR:
        out.add(path, NOT_YEAR)


def check_text(
    out: Problems, value: object, path: str, *, required: bool = True, non_empty: bool = False
) -> None:
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
    elif not encodable(value):
        out.add(path, BAD_CHARACTER)
    elif non_empty and not value.strip():
        out.add(path, NOT_EMPTY)


def encodable(text: str) -> bool:
    """False for text no file can hold: a lone surrogate (`\\ud800` in JSON) is not a character."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_bool(out: Problems, value: object, path: str) -> None:
    if value is REPORTED:
        return
    if value is None:
        out.add(path, MISSING)
    elif not isinstance(value, bool):
        out.add(path, NOT_BOOL)


def check_code(
    out: Problems, value: object, codes: type[StrEnum], path: str, *, required: bool = True
) -> None:
    """A code of one of the enums of `planners.model` (DESIGN §9)."""
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if isinstance(value, codes):
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
        return
    known = [c.value for c in codes]
    if value in known:
        return
    near = suggestion(value, known)
    if near:
        out.add(path, N_("ukendt kode «{value}» (mente du «{near}»?)"), value=value, near=near)
    else:
        out.add(path, N_("ukendt kode «{value}»; gyldige: {valid}"), value=value, valid=", ".join(known))


def check_tenant_ref(out: Problems, value: object, tenant_ids: set[str], path: str) -> None:
    """A reference to a tenant of the same scenario."""
    if value is REPORTED or value is None:
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
    elif value not in tenant_ids:
        out.add(path, N_("ukendt lejer «{value}»"), value=value)


def check_allocation(out: Problems, value: object, tenant_ids: set[str], path: str) -> None:
    """An allocation key; `shares` (tenant id → percent) only with the custom key."""
    if value is REPORTED or value is None:
        return
    if not isinstance(value, Allocation):
        out.add(path, NOT_OBJECT)
        return
    check_code(out, value.key, AllocationKey, join(path, "key"))
    shares_path = join(path, "shares")
    if reported(value.shares):
        return
    if not isinstance(value.shares, dict):
        out.add(shares_path, NOT_OBJECT)
        return
    known_key = value.key in {k.value for k in AllocationKey}  # an unknown key is its own problem
    if value.shares and known_key and value.key != AllocationKey.CUSTOM:
        out.add(shares_path, SHARES_WITHOUT_CUSTOM)
    for tenant_id, share in value.shares.items():
        entry = key_path(shares_path, tenant_id)
        check_tenant_ref(out, tenant_id, tenant_ids, entry)
        check_number(out, share, entry, PERCENT)


def _tenant_ids(scenario: Scenario) -> set[str]:
    tenants = scenario.tenants if isinstance(scenario.tenants, list) else []
    return {t.id for t in tenants if isinstance(t, Tenant) and isinstance(t.id, str)}


def _given(value: object) -> bool:
    return value is not None and value is not False


# --- lines ---------------------------------------------------------------------------------------


class _ScenarioIndex:
    """The scenario's tenant ids and where each tenant sits, computed once per scenario: validating N tenants
    against each other is then linear, not quadratic (8.000 tenants took 107 s; issue 20.10)."""

    def __init__(self, scenario: Scenario) -> None:
        self.ids = _tenant_ids(scenario)
        tenants = scenario.tenants if isinstance(scenario.tenants, list) else []
        self.position = {id(t): i for i, t in enumerate(tenants)}
        self.count = len(tenants)
        self.first: dict[str, int] = {}
        for i, t in enumerate(tenants):
            if isinstance(t, Tenant) and isinstance(t.id, str):
                self.first.setdefault(t.id, i)

    def duplicate(self, t: Tenant) -> bool:
        """Whether a tenant before `t` (before all, if `t` is not in the scenario yet) has its id."""
        first = self.first.get(t.id)
        return first is not None and first < self.position.get(id(t), self.count)


def validate_line(kind: str, line: object, scenario: Scenario, path: str = "",
                  _index: _ScenarioIndex | None = None) -> list[Problem]:  # fmt: skip
    """Problems of one line of `kind` (one of LINE_KINDS) as it would stand in `scenario`
    (references to tenant ids are resolved against `scenario.tenants`).

    A tenant's id is also checked against the tenants before it in the scenario (or all of them when the
    tenant is not in the scenario yet), so a duplicated id is reported once, on the later tenant.
    """
    if kind not in LINE_KINDS:
        raise ValueError(f"unknown line kind {kind!r}; one of {LINE_KINDS}")
    out = Problems()
    if line is REPORTED:
        return out
    expected = {
        "tenant": Tenant,
        "room": RoomLine,
        "equipment": EquipmentLine,
        "cost": CostLine,
        "financing": FinancingLine,
        "service": Service,
    }[kind]
    if not isinstance(line, expected):
        out.add(path, NOT_OBJECT)
        return out
    index = _index or _ScenarioIndex(scenario)
    ids = index.ids
    if isinstance(line, Tenant):
        if not _tenant_ok(line, index):
            _tenant(out, line, index, path)
    elif isinstance(line, RoomLine):
        if not _room_ok(line, ids):
            _room(out, line, ids, path)
    elif isinstance(line, EquipmentLine):
        if not _equipment_ok(line, ids):
            _equipment(out, line, ids, path)
    elif isinstance(line, CostLine):
        if not _cost_ok(line):
            _cost(out, line, path)
    elif isinstance(line, FinancingLine):
        _financing(out, line, path)
    else:
        assert isinstance(line, Service)
        _service(out, line, ids, path)
    return out


# --- the common case at once (issue 19: opening a plan of 85.000 lines validated each value through the rules
# above, most of the open's time). Each `_…_ok` is True only where its line certainly has no problem: every field
# of the exact type a valid line holds and inside its range. Anything else (a wrong type, an edge, REPORTED) goes
# through the full rules, which find and word the problems as always. So the problems found never change.


def _text_ok(value: object, non_empty: bool = False) -> bool:
    return type(value) is str and (value.isascii() or encodable(value)) and (not non_empty or bool(value.strip()))


def _number_ok(value: object, positive: bool, limit: int) -> bool:
    """check_number (POSITIVE or NON_NEGATIVE) and check_at_most(limit) would add nothing; limit ≤ MAX_MAGNITUDE."""
    if type(value) is int:
        return (value > 0 if positive else value >= 0) and value <= limit
    if type(value) is not Decimal or not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -MAX_DECIMALS:
        return False
    return (value > ZERO if positive else value >= ZERO) and value <= limit


def _integer_ok(value: object, positive: bool, limit: int) -> bool:
    return type(value) is int and (value > 0 if positive else value >= 0) and value <= limit


def _allocation_ok(value: object, ids: set[str]) -> bool:
    if value is None:
        return True
    if type(value) is not Allocation or type(value.key) is not AllocationKey:
        return False
    shares = value.shares
    if type(shares) is not dict:
        return False
    if shares and value.key is not AllocationKey.CUSTOM:
        return False
    return all(type(k) is str and k in ids and _number_ok(v, False, 100) for k, v in shares.items())


def _room_ok(r: RoomLine, ids: set[str]) -> bool:
    tenant, shared, vacant = r.tenant, r.shared, r.vacant
    return (type(r.type) is RoomType and _text_ok(r.label) and _integer_ok(r.count, True, MAX_COUNT)
            and _number_ok(r.net_m2, True, MAX_AREA_M2) and (tenant is None or type(tenant) is str and tenant in ids)
            and _allocation_ok(shared, ids) and type(vacant) is bool
            and (tenant is not None) + (shared is not None) + vacant == 1)  # fmt: skip


def _equipment_ok(e: EquipmentLine, ids: set[str]) -> bool:
    tenant, shared = e.tenant, e.shared
    return (_text_ok(e.item, non_empty=True) and _text_ok(e.name) and _integer_ok(e.quantity, True, MAX_QUANTITY)
            and _number_ok(e.unit_price, False, MAX_PRICE) and _number_ok(e.lifetime_years, True, MAX_YEARS)
            and _number_ok(e.annual_service, False, MAX_PRICE) and type(e.in_project) is bool
            and (tenant is None or type(tenant) is str and tenant in ids) and _allocation_ok(shared, ids)
            and (tenant is not None) + (shared is not None) == 1)  # fmt: skip


def _tenant_ok(t: Tenant, index: _ScenarioIndex) -> bool:
    hours, rent = t.weekly_hours, t.current_annual_rent
    return (_text_ok(t.id, non_empty=True) and not index.duplicate(t) and _text_ok(t.name, non_empty=True)
            and type(t.kind) is TenantKind and (t.sector is None or type(t.sector) is Sector)
            and _number_ok(t.clinicians, False, MAX_PERSONS) and _number_ok(t.staff, False, MAX_PERSONS)
            and _integer_ok(t.listed_patients, False, MAX_PATIENTS)
            and _integer_ok(t.provider_numbers, False, MAX_COUNT)
            and (hours is None or _number_ok(hours, False, HOURS_A_WEEK))
            and (rent is None or _number_ok(rent, False, MAX_PRICE)) and _text_ok(t.note))  # fmt: skip


def _optional_ok(value: object, positive: bool, limit: int) -> bool:
    return value is None or _number_ok(value, positive, limit)


def _cost_ok(c: CostLine) -> bool:
    amount, per_m2, percent, of = c.amount, c.per_m2, c.percent, c.of
    if not (type(c.category) is CostCategory and _text_ok(c.text) and _optional_ok(amount, False, MAX_AMOUNT)
            and _optional_ok(per_m2, False, MAX_RATE_M2) and _optional_ok(c.m2, True, MAX_AREA_M2 * 100)
            and _optional_ok(percent, False, MAX_PERCENT_OF) and type(c.eligible) is bool
            and _optional_ok(c.grant, False, MAX_AMOUNT)):  # fmt: skip
        return False
    given = (amount is not None) + (per_m2 is not None) + (percent is not None)
    if given > 1 or given == 0 and c.category is not CostCategory.EQUIPMENT:
        return False
    if c.m2 is not None and per_m2 is None:
        return False
    if type(of) is not list or not all(type(x) is CostCategory for x in of) or bool(of) != (percent is not None):
        return False
    subproject = c.subproject
    if not (subproject is None or _text_ok(subproject) and len(subproject) <= readiness.MAX_NAME):
        return False
    if not (_text_ok(c.source) and len(c.source) <= readiness.MAX_SOURCE) or type(c.spread) is not dict:
        return False
    return all(type(y) is int and MIN_YEAR <= y <= MAX_YEAR and _number_ok(v, False, 100) for y, v in c.spread.items())


def _tenant(out: Problems, t: Tenant, index: _ScenarioIndex, path: str) -> None:
    check_text(out, t.id, join(path, "id"), non_empty=True)
    if isinstance(t.id, str) and t.id.strip():
        if index.duplicate(t):
            out.add(
                join(path, "id"),
                N_("lejer-id'et «{code}» er allerede brugt i scenariet"),
                code=t.id,
            )
    check_text(out, t.name, join(path, "name"), non_empty=True)
    check_code(out, t.kind, TenantKind, join(path, "kind"))
    check_code(out, t.sector, Sector, join(path, "sector"), required=False)
    check_number(out, t.clinicians, join(path, "clinicians"), NON_NEGATIVE)
    check_number(out, t.staff, join(path, "staff"), NON_NEGATIVE)
    check_integer(out, t.listed_patients, join(path, "listed_patients"), NON_NEGATIVE)
    check_integer(out, t.provider_numbers, join(path, "provider_numbers"), NON_NEGATIVE)
    check_number(out, t.weekly_hours, join(path, "weekly_hours"), NON_NEGATIVE, required=False)
    if _is_number(t.weekly_hours) and Decimal(t.weekly_hours) > HOURS_A_WEEK:  # type: ignore[arg-type]
        out.add(join(path, "weekly_hours"), TOO_MANY_HOURS)
    check_number(out, t.current_annual_rent, join(path, "current_annual_rent"), NON_NEGATIVE, required=False)
    check_at_most(out, t.clinicians, join(path, "clinicians"), MAX_PERSONS)
    check_at_most(out, t.staff, join(path, "staff"), MAX_PERSONS)
    check_at_most(out, t.listed_patients, join(path, "listed_patients"), MAX_PATIENTS)
    check_at_most(out, t.provider_numbers, join(path, "provider_numbers"), MAX_COUNT)
    check_at_most(out, t.current_annual_rent, join(path, "current_annual_rent"), MAX_PRICE, KR)
    check_text(out, t.note, join(path, "note"))


def _room(out: Problems, r: RoomLine, ids: set[str], path: str) -> None:
    check_code(out, r.type, RoomType, join(path, "type"))
    check_text(out, r.label, join(path, "label"))
    check_integer(out, r.count, join(path, "count"), POSITIVE)
    check_number(out, r.net_m2, join(path, "net_m2"), POSITIVE)
    check_at_most(out, r.count, join(path, "count"), MAX_COUNT)
    check_at_most(out, r.net_m2, join(path, "net_m2"), MAX_AREA_M2, M2)
    check_tenant_ref(out, r.tenant, ids, join(path, "tenant"))
    check_allocation(out, r.shared, ids, join(path, "shared"))
    if not reported(r.vacant) and not isinstance(r.vacant, bool):
        out.add(join(path, "vacant"), NOT_BOOL)
    placement = (r.tenant, r.shared, r.vacant)
    if not any(reported(v) for v in placement) and sum(_given(v) for v in placement) != 1:
        out.add(path, ROOM_PLACEMENT)


def _equipment(out: Problems, e: EquipmentLine, ids: set[str], path: str) -> None:
    check_text(out, e.item, join(path, "item"), non_empty=True)
    check_text(out, e.name, join(path, "name"))
    check_integer(out, e.quantity, join(path, "quantity"), POSITIVE)
    check_number(out, e.unit_price, join(path, "unit_price"), NON_NEGATIVE)
    check_number(out, e.lifetime_years, join(path, "lifetime_years"), POSITIVE)
    check_number(out, e.annual_service, join(path, "annual_service"), NON_NEGATIVE)
    check_at_most(out, e.quantity, join(path, "quantity"), MAX_QUANTITY)
    check_at_most(out, e.unit_price, join(path, "unit_price"), MAX_PRICE, KR)
    check_at_most(out, e.lifetime_years, join(path, "lifetime_years"), MAX_YEARS, YEARS)
    check_at_most(out, e.annual_service, join(path, "annual_service"), MAX_PRICE, KR)
    check_bool(out, e.in_project, join(path, "in_project"))
    check_tenant_ref(out, e.tenant, ids, join(path, "tenant"))
    check_allocation(out, e.shared, ids, join(path, "shared"))
    placement = (e.tenant, e.shared)
    if not any(reported(v) for v in placement) and sum(_given(v) for v in placement) != 1:
        out.add(path, EQUIPMENT_PLACEMENT)


def _cost(out: Problems, c: CostLine, path: str) -> None:
    check_code(out, c.category, CostCategory, join(path, "category"))
    check_text(out, c.text, join(path, "text"))
    check_number(out, c.amount, join(path, "amount"), NON_NEGATIVE, required=False)
    check_number(out, c.per_m2, join(path, "per_m2"), NON_NEGATIVE, required=False)
    check_number(out, c.m2, join(path, "m2"), POSITIVE, required=False)
    check_number(out, c.percent, join(path, "percent"), NON_NEGATIVE, required=False)
    check_at_most(out, c.amount, join(path, "amount"), MAX_AMOUNT, KR)
    check_at_most(out, c.per_m2, join(path, "per_m2"), MAX_RATE_M2, N_("kr. pr. m²"))
    check_at_most(out, c.m2, join(path, "m2"), MAX_AREA_M2 * 100, M2)
    check_at_most(out, c.percent, join(path, "percent"), MAX_PERCENT_OF, N_("%"))
    check_bool(out, c.eligible, join(path, "eligible"))
    bases = (c.amount, c.per_m2, c.percent)
    if not any(reported(b) for b in bases) and not reported(c.category):
        given = sum(v is not None for v in bases)
        if c.category == CostCategory.EQUIPMENT:
            if given > 1:
                out.add(path, AT_MOST_ONE_BASIS)
        elif given != 1:
            out.add(path, ONE_BASIS)
    if c.m2 is not None and not reported(c.m2) and c.per_m2 is None:
        out.add(join(path, "m2"), M2_WITHOUT_PER_M2)
    of_path = join(path, "of")
    if not reported(c.of):
        if not isinstance(c.of, list):
            out.add(of_path, NOT_LIST)
        else:
            for i, category in enumerate(c.of):
                check_code(out, category, CostCategory, index_path(of_path, i))
            if c.of and c.percent is None:
                out.add(of_path, OF_WITHOUT_PERCENT)
            elif not c.of and c.percent is not None and not reported(c.percent):
                out.add(of_path, NOT_EMPTY)
    # issue 16.6: the sub-project (a name; whether the plan has it is a finding), the grant, the source
    check_bounded_text(out, c.subproject, join(path, "subproject"), readiness.MAX_NAME, required=False)
    check_number(out, c.grant, join(path, "grant"), NON_NEGATIVE, required=False)
    check_at_most(out, c.grant, join(path, "grant"), MAX_AMOUNT, KR)
    check_bounded_text(out, c.source, join(path, "source"), readiness.MAX_SOURCE)
    spread_path = join(path, "spread")
    if not reported(c.spread):
        if not isinstance(c.spread, dict):
            out.add(spread_path, NOT_OBJECT)
        else:
            for year, share in c.spread.items():
                entry = key_path(spread_path, year)
                check_year(out, year, entry)
                check_number(out, share, entry, PERCENT)


def _financing(out: Problems, f: FinancingLine, path: str) -> None:
    check_code(out, f.source, FinancingSource, join(path, "source"))
    check_number(out, f.amount, join(path, "amount"), NON_NEGATIVE)
    check_text(out, f.text, join(path, "text"))
    check_number(out, f.interest_pct, join(path, "interest_pct"), PERCENT)
    check_integer(out, f.years, join(path, "years"), POSITIVE, required=False)
    check_at_most(out, f.amount, join(path, "amount"), MAX_AMOUNT, KR)
    if _is_number(f.years) and not any(p.path == join(path, "years") for p in out) and f.years > MAX_YEARS:  # type: ignore[operator]
        out.add(join(path, "years"), Message.of(N_("skal være mellem 1 og {limit} år"), limit=MAX_YEARS))
    check_bool(out, f.repaid_by_rent, join(path, "repaid_by_rent"))
    # A loan or own money the rent pays back is an annuity: it needs its term (DESIGN §4). A loan whose tick is
    # taken off counts nothing in the rent, so its term is not needed (issue 14.4).
    source = f.source if isinstance(f.source, FinancingSource) else None
    if source is None and isinstance(f.source, str) and f.source in {s.value for s in FinancingSource}:
        source = FinancingSource(f.source)
    repaid = source is not None and (source is FinancingSource.LOAN or source.is_own) and f.repaid_by_rent is True
    if repaid and f.years is None:
        out.add(join(path, "years"), MISSING)


def _service(out: Problems, s: Service, ids: set[str], path: str) -> None:
    check_text(out, s.name, join(path, "name"), non_empty=True)
    check_number(out, s.annual, join(path, "annual"), NON_NEGATIVE)
    check_at_most(out, s.annual, join(path, "annual"), MAX_PRICE, KR)
    if s.shared is None:
        out.add(join(path, "shared"), MISSING)
    check_allocation(out, s.shared, ids, join(path, "shared"))


# --- scenario ------------------------------------------------------------------------------------

_LISTS = (
    ("tenants", "tenant"),
    ("rooms", "room"),
    ("equipment", "equipment"),
    ("costs", "cost"),
    ("financing", "financing"),
)


def validate_scenario(scenario: Scenario, plan: Plan, path: str = "") -> list[Problem]:
    """Problems of a scenario and all its lines (unique tenant ids, every line).

    The scenario is taken as it would stand in `plan`: its name must differ from the names of the scenarios
    before it (of all of them if it is not in the plan yet); its equipment items must be in the plan's
    catalog (or be `other`). Without `path`, a scenario of the plan gets `scenarios[i]`.
    """
    out = Problems()
    if reported(scenario):
        return out
    scenarios = plan.scenarios if isinstance(plan.scenarios, list) else []
    position = next((i for i, s in enumerate(scenarios) if s is scenario), None)
    if not path and position is not None:
        path = index_path("scenarios", position)
    if not isinstance(scenario, Scenario):
        out.add(path, NOT_OBJECT)
        return out
    check_text(out, scenario.name, join(path, "name"), non_empty=True)
    if isinstance(scenario.name, str) and scenario.name.strip():
        before = scenarios[:position] if position is not None else scenarios
        if any(isinstance(s, Scenario) and s is not scenario and s.name == scenario.name for s in before):
            out.add(
                join(path, "name"),
                N_("scenarienavnet «{name}» er allerede brugt"),
                name=scenario.name,
            )
    check_number(out, scenario.gross_factor, join(path, "gross_factor"), POSITIVE)
    check_at_most(out, scenario.gross_factor, join(path, "gross_factor"), MAX_FACTOR)
    scenario_index = _ScenarioIndex(scenario)
    # The catalog's codes once per scenario, not once per equipment line (`_equipment_item` lists them per call).
    codes = set(plan.catalogs.equipment) if isinstance(plan.catalogs, Catalogs) else set()
    for attr, kind in _LISTS:
        lines = getattr(scenario, attr)
        list_path = join(path, attr)
        if lines is REPORTED:
            continue
        if not isinstance(lines, list):
            out.add(list_path, NOT_LIST)
            continue
        fast = _fast_ok(kind, scenario_index)
        for i, line in enumerate(lines):
            # The common line at once (issue 19: the open validates the scenario shown, 8.500 lines on XL): of its
            # exact class and certainly without a problem by its `_…_ok`, where `validate_line` adds none either;
            # its item (equipment) known to the catalog or `other`. Any other line goes through the rules as before.
            if fast is not None and type(line) is fast[0] and fast[1](line) and (
                    not isinstance(line, EquipmentLine) or line.item in codes or line.item == CUSTOM_ITEM):
                continue
            out.extend(validate_line(kind, line, scenario, index_path(list_path, i), scenario_index))
            if kind == "equipment" and isinstance(line, EquipmentLine):
                _equipment_item(out, line.item, plan.catalogs, join(index_path(list_path, i), "item"))
    _running(out, scenario, join(path, "running"), scenario_index)
    validate_scenario_readiness(out, scenario, path)
    return out


def _fast_ok(kind: str, index: _ScenarioIndex) -> tuple[type, Callable[[Any], bool]] | None:
    """The exact class of a line of `kind` and the test true only where `validate_line` finds no problem in it."""
    ids = index.ids
    if kind == "tenant":
        return Tenant, lambda t: _tenant_ok(t, index)
    if kind == "room":
        return RoomLine, lambda r: _room_ok(r, ids)
    if kind == "equipment":
        return EquipmentLine, lambda e: _equipment_ok(e, ids)
    if kind == "cost":
        return CostLine, _cost_ok
    return None


def validate_equipment_item(item: object, catalogs: Catalogs, path: str = "item") -> list[Problem]:
    """The catalog rule of an equipment line's item (`validate_line` cannot see the plan's catalogs):
    for an editor adding or changing an equipment line; `validate_scenario` applies it to every line."""
    out = Problems()
    _equipment_item(out, item, catalogs, path)
    return out


def _equipment_item(out: Problems, item: object, catalogs: Catalogs, path: str) -> None:
    """An equipment line's item: a code of the plan's equipment catalog, or `other` (DESIGN §9)."""
    if not isinstance(item, str) or not item.strip() or item == CUSTOM_ITEM:
        return  # a wrong type or an empty item is the line's own problem
    codes = list(catalogs.equipment) if isinstance(catalogs, Catalogs) else []
    if item in codes:
        return
    near = suggestion(item, codes)
    if near:
        out.add(path, N_("ukendt udstyr «{item}» (mente du «{near}»?)"), item=item, near=near)
    else:
        out.add(path, N_("ukendt udstyr «{item}»; brug en kode fra kataloget eller «{other}»"), item=item,
                other=CUSTOM_ITEM)


def _running(out: Problems, scenario: Scenario, path: str, index: _ScenarioIndex) -> None:
    running = scenario.running
    if reported(running):
        return
    if not isinstance(running, Running):
        out.add(path, NOT_OBJECT)
        return
    _rates(out, running.per_gross_m2, join(path, "per_gross_m2"))
    services_path = join(path, "services")
    if reported(running.services):
        return
    if not isinstance(running.services, list):
        out.add(services_path, NOT_LIST)
        return
    for i, service in enumerate(running.services):
        out.extend(validate_line("service", service, scenario, index_path(services_path, i), index))


def _rates(out: Problems, rates: object, path: str) -> None:
    """Running rates per gross m² a year, by RunningRate code; each ≥ 0."""
    if rates is REPORTED:
        return
    if not isinstance(rates, dict):
        out.add(path, NOT_OBJECT)
        return
    for code, value in rates.items():
        entry = key_path(path, code)
        check_code(out, code, RunningRate, entry)
        check_number(out, value, entry, NON_NEGATIVE)
        check_at_most(out, value, entry, MAX_RATE_M2, N_("kr. pr. m²"))


# --- plan ----------------------------------------------------------------------------------------


def validate_plan(plan: Plan, known: Known, scenarios: Collection[int] | None = None) -> list[Problem]:
    """Every problem of a whole plan: plan fields, unique scenario names, every scenario, its catalogs.
    `known`: the pool rounds and municipalities the plan's fields may name. With `scenarios`, only the scenarios at
    those positions are validated (the store has proved the others in SQL, `filecheck.doubted_scenarios`; their
    names still count for the plan's fields and the names' uniqueness): the problems are those of the whole plan
    wherever the others have none, in the same order and with the same paths."""
    out = Problems()
    if not isinstance(plan, Plan):
        out.add("plan", NOT_OBJECT)
        return out
    _plan_fields(out, plan, "plan", known)
    if not reported(plan.scenarios):
        if not isinstance(plan.scenarios, list):
            out.add("scenarios", NOT_LIST)
        else:
            if not plan.scenarios:
                out.add("scenarios", NO_SCENARIO)
            for i, scenario in enumerate(plan.scenarios):
                if scenarios is None or i in scenarios:
                    out.extend(validate_scenario(scenario, plan, index_path("scenarios", i)))
    _catalogs(out, plan.catalogs, "catalogs")
    return out


def validate_plan_fields(plan: Plan, known: Known) -> list[Problem]:
    """The problems of the plan's own fields (title, years, applicant …; `applied_scenario` against the
    names of `plan.scenarios`): the only part of `validate_plan` a plan-level edit can change, since the
    rules of scenarios and catalogs never look at these fields."""
    out = Problems()
    _plan_fields(out, plan, "plan", known)
    return out


def _plan_fields(out: Problems, plan: Plan, path: str, known: Known) -> None:
    check_text(out, plan.title, join(path, "title"), non_empty=True)
    _pool_round(out, plan.pool_round, join(path, "pool_round"), known)
    _applicant(out, plan.applicant, join(path, "applicant"))
    partners_path = join(path, "partners")
    if not reported(plan.partners):
        if not isinstance(plan.partners, list):
            out.add(partners_path, NOT_LIST)
        else:
            for i, partner in enumerate(plan.partners):
                check_text(out, partner, index_path(partners_path, i))
    collab = plan.gp_collaboration
    collab_path = join(path, "gp_collaboration")
    if collab is not None and not reported(collab):
        if not isinstance(collab, GPCollaboration):
            out.add(collab_path, NOT_OBJECT)
        else:
            check_text(out, collab.with_, join(collab_path, "with"))
            check_text(out, collab.description, join(collab_path, "description"))
    contact = plan.contact
    contact_path = join(path, "contact")
    if not reported(contact):
        if not isinstance(contact, Contact):
            out.add(contact_path, NOT_OBJECT)
        else:
            for name in ("name", "email", "phone"):
                check_text(out, getattr(contact, name), join(contact_path, name))
    _municipality(out, plan.municipality, join(path, "municipality"), known)
    check_text(out, plan.address, join(path, "address"))
    check_code(out, plan.project_type, ProjectType, join(path, "project_type"), required=False)
    check_year(out, plan.price_year, join(path, "price_year"), required=False)
    _years(out, plan.years, join(path, "years"))
    check_bool(out, plan.amounts_include_vat, join(path, "amounts_include_vat"))
    check_text(out, plan.description, join(path, "description"))
    applied = plan.applied_scenario
    applied_path = join(path, "applied_scenario")
    if applied is not None and not reported(applied):
        if not isinstance(applied, str):
            out.add(applied_path, NOT_TEXT)
        else:
            names = (
                [s.name for s in plan.scenarios if isinstance(s, Scenario)]
                if isinstance(plan.scenarios, list)
                else []
            )
            if applied not in names:
                out.add(applied_path, N_("ukendt scenarie «{name}»"), name=applied)
    validate_plan_readiness(out, plan, path)


def _applicant(out: Problems, applicant: object, path: str) -> None:
    if applicant is REPORTED:
        return
    if not isinstance(applicant, Applicant):
        out.add(path, NOT_OBJECT)
        return
    check_text(out, applicant.name, join(path, "name"))
    check_code(out, applicant.type, ApplicantType, join(path, "type"))


def _years(out: Problems, years: object, path: str) -> None:
    """`plan.years`: a non-empty list of distinct, increasing years (every year, not a first–last pair)."""
    if years is REPORTED:
        return
    if years is None:
        out.add(path, MISSING)
        return
    if not isinstance(years, list):
        out.add(path, NOT_LIST)
        return
    if not years:
        out.add(path, NOT_EMPTY)
        return
    previous: int | None = None
    for i, year in enumerate(years):
        entry = index_path(path, i)
        before = len(out)
        check_year(out, year, entry)
        if len(out) > before or year is REPORTED:
            previous = None
            continue
        assert isinstance(year, int)
        if previous is not None and year <= previous:
            out.add(entry, YEARS_ORDER)
        previous = year


def _pool_round(out: Problems, value: object, path: str, known: Known) -> None:
    """A bundled round ("2018", "2019"); "" (or None) stands for the newest."""
    if value is REPORTED or value is None or value == "":
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
        return
    if value not in known.pool_rounds:
        out.add(
            path,
            N_("ukendt puljerunde «{value}»; kendte: {known}"),
            value=value,
            known=", ".join(known.pool_rounds),
        )


def _municipality(out: Problems, value: object, path: str, known: Known) -> None:
    """One of the 98 municipalities by its Danish name as in the bundled list, or None."""
    if value is REPORTED or value is None:
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
        return
    names = known.municipalities
    if value in names:
        return
    near = suggestion(value, names)
    if near:
        out.add(path, N_("ukendt kommune «{value}» (mente du «{near}»?)"), value=value, near=near)
    else:
        out.add(path, N_("ukendt kommune «{value}»"), value=value)


# --- catalogs ------------------------------------------------------------------------------------


def _catalogs(out: Problems, catalogs: object, path: str) -> None:
    """The plan's own catalogs: every row within range (the bundled rows and the plan's overrides alike)."""
    if catalogs is REPORTED:
        return
    if not isinstance(catalogs, Catalogs):
        out.add(path, NOT_OBJECT)
        return
    sections: tuple[
        tuple[str, type[StrEnum] | None, type[TenantKindInfo] | type[RoomTypeInfo] | type[EquipmentItem]], ...
    ] = (
        ("tenant_kinds", TenantKind, TenantKindInfo),
        ("room_types", RoomType, RoomTypeInfo),
        ("equipment", None, EquipmentItem),
    )
    for name, codes, row_type in sections:
        rows = getattr(catalogs, name)
        section_path = join(path, name)
        if rows is REPORTED:
            continue
        if not isinstance(rows, dict):
            out.add(section_path, NOT_OBJECT)
            continue
        for code, row in rows.items():
            entry = key_path(section_path, code)
            if codes is not None:
                check_code(out, code, codes, entry)
            else:
                check_text(out, code, entry, non_empty=True)
            if row is REPORTED:
                continue
            if not isinstance(row, row_type):
                out.add(entry, NOT_OBJECT)
                continue
            assert isinstance(row, (TenantKindInfo, RoomTypeInfo, EquipmentItem))
            check_text(out, row.name_da, join(entry, "name_da"))
            check_text(out, row.name_en, join(entry, "name_en"))
            check_text(out, row.source, join(entry, "source"))
            if isinstance(row, TenantKindInfo):
                check_code(out, row.sector, Sector, join(entry, "sector"))
                norms_path = join(entry, "rooms_per_clinician")
                if not reported(row.rooms_per_clinician):
                    if not isinstance(row.rooms_per_clinician, dict):
                        out.add(norms_path, NOT_OBJECT)
                    else:
                        for room_type, n in row.rooms_per_clinician.items():
                            norm = key_path(norms_path, room_type)
                            check_code(out, room_type, RoomType, norm)
                            check_number(out, n, norm, NON_NEGATIVE)
                            check_at_most(out, n, norm, MAX_COUNT)
                check_number(out, row.m2_per_clinician, join(entry, "m2_per_clinician"), NON_NEGATIVE)
                check_at_most(out, row.m2_per_clinician, join(entry, "m2_per_clinician"), MAX_AREA_M2, M2)
            elif isinstance(row, RoomTypeInfo):
                check_number(out, row.default_net_m2, join(entry, "default_net_m2"), POSITIVE)
                check_at_most(out, row.default_net_m2, join(entry, "default_net_m2"), MAX_AREA_M2, M2)
            else:
                assert isinstance(row, EquipmentItem)
                check_number(out, row.unit_price, join(entry, "unit_price"), NON_NEGATIVE)
                check_number(out, row.lifetime_years, join(entry, "lifetime_years"), POSITIVE)
                check_number(out, row.annual_service, join(entry, "annual_service"), NON_NEGATIVE)
                check_at_most(out, row.unit_price, join(entry, "unit_price"), MAX_PRICE, KR)
                check_at_most(out, row.lifetime_years, join(entry, "lifetime_years"), MAX_YEARS, YEARS)
                check_at_most(out, row.annual_service, join(entry, "annual_service"), MAX_PRICE, KR)
    _rates(out, catalogs.running_rates, join(path, "running_rates"))
    # The default rates' sources (issue 16.6), bounded as the scenario's rate sources.
    s_path = join(path, "running_rate_sources")
    for code, source in getattr(catalogs, "running_rate_sources", {}).items():
        entry = key_path(s_path, code)
        check_code(out, code, RunningRate, entry)
        check_bounded_text(out, source, entry, readiness.MAX_SOURCE)
    check_number(out, catalogs.patients_per_gp, join(path, "patients_per_gp"), POSITIVE)
    check_at_most(out, catalogs.patients_per_gp, join(path, "patients_per_gp"), MAX_AREA_M2)


# --- the application's fields (issue 16.6) and a scenario's notes (15.7); bounds in `readiness` ----------------


def check_bounded_text(out: Problems, value: object, path: str, limit: int, *, non_empty: bool = False,
                       required: bool = True) -> None:  # fmt: skip
    """A text (see `validation.check_text`) of at most `limit` characters."""

    check_text(out, value, path, non_empty=non_empty, required=required)
    if isinstance(value, str) and len(value) > limit and not any(p.path == path for p in out):
        out.add(path, Message.of(N_("teksten er for lang (højst {limit} tegn)"), limit=f"{limit:,}".replace(",", ".")))


def check_date(out: Problems, value: object, path: str) -> None:
    """An optional date of the application (None: not given)."""

    if value is None or reported(value):
        return
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        out.add(path, readiness.NOT_DATE)
    elif not readiness.FIRST_YEAR <= value.year <= readiness.LAST_YEAR:
        out.add(path, readiness.DATE_RANGE)


def _readiness_person(out: Problems, person: object, path: str) -> None:

    if reported(person):
        return
    if not isinstance(person, Person):
        out.add(path, NOT_OBJECT)
        return
    check_bounded_text(out, person.name, join(path, "name"), readiness.MAX_NAME)
    check_bounded_text(out, person.title, join(path, "title"), readiness.MAX_NAME)
    check_bounded_text(out, person.email, join(path, "email"), readiness.MAX_NAME)
    email = person.email
    if isinstance(email, str) and email.strip() and not readiness.EMAIL_PATTERN.match(email.strip()):
        if not any(p.path == join(path, "email") for p in out):
            out.add(join(path, "email"), readiness.BAD_EMAIL)


def validate_plan_readiness(out: Problems, plan: Plan, path: str) -> None:
    """The application's plan-level fields (called by `validation` for every plan and plan-level edit)."""

    for name, rule, message in (("cvr", readiness.cvr_valid, readiness.BAD_CVR), ("ean", readiness.ean_valid, readiness.BAD_EAN)):
        value = getattr(plan, name)
        where = join(join(path, "applicant"), name)  # where JSON keeps them: the applicant's numbers
        check_bounded_text(out, value, where, 20)
        if isinstance(value, str) and value.strip() and not any(p.path == where for p in out):
            if not rule(value.strip()):
                out.add(where, message)
    _readiness_person(out, plan.signatory, join(path, "signatory"))
    _readiness_person(out, plan.project_leader, join(path, "project_leader"))
    approval = plan.approval
    approval_path = join(path, "approval")
    if not reported(approval):
        if not isinstance(approval, Approval):
            out.add(approval_path, NOT_OBJECT)
        else:
            check_code(out, approval.status, ApprovalStatus, join(approval_path, "status"))
            check_date(out, approval.date, join(approval_path, "date"))
    milestones_path = join(path, "milestones")
    if not reported(plan.milestones):
        if not isinstance(plan.milestones, list):
            out.add(milestones_path, NOT_LIST)
        else:
            if len(plan.milestones) > readiness.MAX_MILESTONES:
                out.add(milestones_path, Message.of(N_("højst {limit} milepæle"), limit=readiness.MAX_MILESTONES))
            for i, m in enumerate(plan.milestones):
                m_path = index_path(milestones_path, i)
                if reported(m):
                    continue
                if not isinstance(m, Milestone):
                    out.add(m_path, NOT_OBJECT)
                    continue
                check_bounded_text(out, m.name, join(m_path, "name"), readiness.MAX_NAME, non_empty=True)
                check_date(out, m.date, join(m_path, "date"))
                check_bounded_text(out, m.note, join(m_path, "note"), readiness.MAX_NOTE)
    sub_path = join(path, "subprojects")
    if not reported(plan.subprojects):
        if not isinstance(plan.subprojects, list):
            out.add(sub_path, NOT_LIST)
        else:
            if len(plan.subprojects) > readiness.MAX_SUBPROJECTS:
                out.add(sub_path, Message.of(N_("højst {limit} delprojekter"), limit=readiness.MAX_SUBPROJECTS))
            seen: set[str] = set()
            for i, sp in enumerate(plan.subprojects):
                sp_path = index_path(sub_path, i)
                if reported(sp):
                    continue
                if not isinstance(sp, SubProject):
                    out.add(sp_path, NOT_OBJECT)
                    continue
                check_bounded_text(out, sp.name, join(sp_path, "name"), readiness.MAX_NAME, non_empty=True)
                if isinstance(sp.name, str) and sp.name.strip():
                    if sp.name in seen:
                        out.add(join(sp_path, "name"), N_("delprojektet «{name}» findes allerede"), name=sp.name)
                    seen.add(sp.name)
                check_integer(out, sp.priority, join(sp_path, "priority"), None)
                if isinstance(sp.priority, int) and not isinstance(sp.priority, bool):
                    if not 1 <= sp.priority <= readiness.MAX_PRIORITY and not any(p.path == join(sp_path, "priority") for p in out):
                        out.add(join(sp_path, "priority"),
                                Message.of(N_("skal være mellem 1 og {limit}"), limit=readiness.MAX_PRIORITY))  # fmt: skip


def validate_scenario_readiness(out: Problems, scenario: Scenario, path: str) -> None:
    """A scenario's notes, its tenants' commitments and its running rates' sources."""

    check_bounded_text(out, scenario.notes, join(path, "notes"), readiness.MAX_NOTES)
    commitments = scenario.commitments
    c_path = join(path, "commitments")
    if not reported(commitments):
        if not isinstance(commitments, dict):
            out.add(c_path, NOT_OBJECT)
        else:
            # A tenant already reported as not an object has no id (the fuzzer's seeds 129 and 187).
            ids = ({t.id for t in scenario.tenants if isinstance(t, Tenant)}
                   if isinstance(scenario.tenants, list) else set())
            for code, commitment in commitments.items():
                entry = key_path(c_path, code)
                if isinstance(scenario.tenants, list) and code not in ids:
                    out.add(entry, N_("ukendt lejer «{value}»"), value=code)
                if reported(commitment):
                    continue
                if not isinstance(commitment, Commitment):
                    out.add(entry, NOT_OBJECT)
                    continue
                check_code(out, commitment.status, CommitmentStatus, join(entry, "status"))
                check_date(out, commitment.date, join(entry, "date"))
    running = scenario.running
    sources = getattr(running, "sources", None)
    s_path = join(join(path, "running"), "sources")
    if sources is not None and not reported(sources):
        if not isinstance(sources, dict):
            out.add(s_path, NOT_OBJECT)
        else:
            for code, source in sources.items():
                entry = key_path(s_path, code)
                check_code(out, code, RunningRate, entry)
                check_bounded_text(out, source, entry, readiness.MAX_SOURCE)
