"""One registry of the kinds of line a scenario holds: what each is, in one place.

A scenario's lists (tenants, room programme, equipment, establishment costs, financing, shared services) are
"lines". For each kind, `LINES[kind]` says: its table in the plan file, its dataclass, where a scenario holds
the list, its JSON key, the names a user reads, and for each field the attribute, the column (with its SQL
declaration), the JSON key and its form. The schema (DDL and row ↔ dataclass mapping), the JSON reader and
writer, the operations and the GUI session all read this table instead of spelling a line out each.

Adding a field to a line: add a `LineField` here (and the attribute to the dataclass in `entities`), a migration
that adds the column to older files, and whatever shows or computes it (a column in the GUI, a check, a figure).

A line kind is a `LineKind` (a StrEnum: `LineKind.TENANT == "tenant"`, so the kind strings of operation records
and `Changes` are line kinds as they are).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import CodeType, FunctionType

from planners.model import prebuilt as dataclasses  # its API, importing it only when used (issue 19)
from planners.model.entities import (
    Allocation,
    AllocationKey,
    CostCategory,
    CostLine,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    RoomLine,
    RoomType,
    Scenario,
    Sector,
    Service,
    Tenant,
    TenantKind,
)
from planners.model.i18n import N_, translate
from planners.model.prebuilt import StrEnum, dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 1,5 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    from typing import Any


class LineKind(StrEnum):
    TENANT = "tenant"
    ROOM = "room"
    EQUIPMENT = "equipment"
    COST = "cost"
    FINANCING = "financing"
    SERVICE = "service"


class Form(StrEnum):
    """How a field's value is kept: in the dataclass, in its column and in JSON."""

    TEXT = "text"  # str (None allowed when `optional`)
    DECIMAL = "decimal"  # Decimal; exact TEXT in its column, a number in JSON
    INT = "int"  # int
    BOOL = "bool"  # bool; 0/1 in its column
    CODE = "code"  # a member of `codes` (a StrEnum); its value in the column and in JSON
    ALLOCATION = "allocation"  # an Allocation: its key in the column, its shares in the kind's share table
    CATEGORIES = "categories"  # a list of CostCategory (rows of cost_of)
    SPREAD = "spread"  # year → percent (rows of cost_spread)


@dataclass(frozen=True)
class LineField:
    """One field of a line: dataclass attribute, column (None: kept in child rows), JSON key, form."""

    attr: str
    form: Form
    sql: str = ""  # the column's declaration after its name ("TEXT NOT NULL DEFAULT '0'"); "" for child rows
    column: str | None = ""  # "" = the attribute's name; None = no column of its own
    json: str = ""  # "" = the attribute's name
    codes: type[StrEnum] | None = None  # for Form.CODE
    optional: bool = False  # None is a value (NULL, JSON null)
    # Written to JSON only when it differs from the dataclass's default (fields added to format 1 later,
    # issue 16.6): a plan that does not use them exports exactly as before, and older files still import.
    only_if_set: bool = False

    @property
    def column_name(self) -> str | None:
        return self.attr if self.column == "" else self.column

    @property
    def json_key(self) -> str:
        return self.json or self.attr

    def to_column(self, value: Any) -> object:
        """The value as stored in the line's row."""
        if value is None:
            return None
        if self.form is Form.DECIMAL:
            return str(value)  # exact text, never REAL
        if self.form is Form.BOOL:
            return int(value)
        if self.form is Form.CODE:
            return value.value
        if self.form is Form.ALLOCATION:
            return value.key.value
        return value

    def from_column(self, value: Any, children: Mapping[str, Any]) -> object:
        """The dataclass value from its column (and, for child rows, from `children`)."""
        if self.form is Form.CATEGORIES:
            return list(children.get("of", []))
        if self.form is Form.SPREAD:
            return dict(children.get("spread", {}))
        if value is None:
            return None
        if self.form is Form.DECIMAL:
            return Decimal(value)
        if self.form is Form.BOOL:
            return bool(value)
        if self.form is Form.CODE:
            assert self.codes is not None
            return self.codes(value)
        if self.form is Form.ALLOCATION:
            return Allocation(AllocationKey(value), dict(children.get("shares", {})))
        return value


def _code_reader(codes: type[StrEnum]) -> Callable[[Any], object]:
    """`codes(value)` (a ValueError for an unknown code, as before) by a dictionary look-up for a known one."""
    members = codes._value2member_map_

    def read(value: Any) -> object:
        return members[value] if value in members else codes(value)

    return read


# A reader of rows per (kind, columns), made once per process (`_builder`).
_BUILDERS: dict[tuple[object, tuple[str, ...]], Callable[..., list[tuple[int, Any]]]] = {}


def _builder(cls: type, plain: list[tuple[str, int]], converted: list[tuple[str, int, Callable[[Any], object]]],
             allocations: list[tuple[str, int]], key_of: Callable[[Any], object], with_children: list[LineField],
             at: Mapping[str, int]) -> Callable[..., list[tuple[int, Any]]]:  # fmt: skip
    """A function making the lines of many rows as `from_rows` describes, each line by one call of its class with
    every field an expression of the row (issue 19: the loop of dictionaries per row was most of reading the
    shown scenario's 8.500 lines of an XL plan). Its text is made from the fields' names (identifiers) and column
    positions (integers) only; each conversion is the same function as before, bound by name."""
    names: dict[str, object] = {"cls": cls, "Allocation": Allocation, "key_of": key_of}
    for j, (_, _, convert) in enumerate(converted):
        names[f"c{j}"] = convert
    for j, f in enumerate(with_children):
        names[f"w{j}"] = f.from_column
    source = builder_source(plain, [(attr, i) for attr, i, _ in converted], allocations,
                            [(f.attr, None if f.column_name is None else at[f.column_name]) for f in with_children])
    build = FunctionType(_builder_code(source, f"<lines of {cls.__name__}>"), names)
    assert callable(build)
    return build


def builder_source(plain: list[tuple[str, int]], converted: list[tuple[str, int]], allocations: list[tuple[str, int]],
                   with_children: list[tuple[str, int | None]]) -> str:
    """The text of `_builder`'s function: the j-th converted field through `c{j}`, the j-th field with child rows
    through `w{j}` (given its column's position, or None)."""
    args = [f"{attr}=row[{i}]" for attr, i in plain]
    for j, (attr, i) in enumerate(converted):
        args.append(f"{attr}=(None if (v := row[{i}]) is None else c{j}(v))")
    for attr, i in allocations:  # as from_column: the key in the column, the shares in child rows
        args.append(f"{attr}=(None if (v := row[{i}]) is None else "
                    f"Allocation(key_of(v), dict(children.get(row_id, {{}}).get('shares', {{}}))))")
    for j, (attr, at) in enumerate(with_children):
        column = "None" if at is None else f"row[{at}]"
        args.append(f"{attr}=w{j}({column}, children.get(row_id, {{}}))")
    assert all(a.split("=", 1)[0].isidentifier() for a in args)
    return ("def build(rows, children, id_at, scenario_at):\n"
            "    out = []\n"
            "    append = out.append\n"
            "    for row in rows:\n"
            "        row_id = row[id_at]\n"
            f"        append((row[scenario_at], cls({', '.join([*args, 'row_id=row_id'])})))\n"
            "    return out\n")  # fmt: skip


def _builder_code(source: str, filename: str) -> CodeType:
    """The code of `source`'s one function, as `compile` makes it under `filename`: for the tables of a plan file as
    this version writes them, the same function compiled ahead in `linekinds_prebuilt` (`python -m
    planners.model.linekinds_gen`; compiling the six at every open was ≈ 2,5 ms CPU of `summary`; issue 19), given
    the name, file and first line `compile` gives it; any other text (a file whose columns are in another order) is
    compiled here."""
    from planners.model.linekinds_prebuilt import BUILDERS

    ahead = BUILDERS.get(source)
    if ahead is not None:
        return ahead.__code__.replace(co_name="build", co_qualname="build", co_filename=filename, co_firstlineno=1)
    namespace: dict[str, object] = {}
    exec(compile(source, filename, "exec"), namespace)
    build = namespace["build"]
    assert isinstance(build, FunctionType)
    return build.__code__


@dataclass(frozen=True)
class LineKindInfo:
    """Everything about one kind of line."""

    kind: LineKind
    cls: type
    table: str  # its table in the plan file
    attr: str  # the scenario's attribute holding the list ("running.services" for services)
    json_key: str  # its key in a scenario's JSON object (under "running" for services)
    fields: tuple[LineField, ...]  # in the order of the JSON format (DESIGN §9)
    noun: str  # one line, Danish (translated where shown): "lejer"
    title: str  # the list, Danish: "Lejere"
    constraints: tuple[str, ...] = ()  # table constraints after the columns
    share_table: str | None = None  # (table, column naming the line) of an allocation's shares
    share_column: str | None = None

    @property
    def share_kind(self) -> str | None:
        """The entity kind `Changes` names when the shares change ("room_share")."""
        return self.share_table

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.attr for f in self.fields)

    @property
    def json_keys(self) -> tuple[str, ...]:
        return tuple(f.json_key for f in self.fields)

    def field(self, attr: str) -> LineField:
        return next(f for f in self.fields if f.attr == attr)

    def noun_in(self, lang: str = "da") -> str:
        return translate(self.noun, lang)

    def title_in(self, lang: str = "da") -> str:
        return translate(self.title, lang)

    # --- the row of its table ------------------------------------------------------------------------------

    def to_row(self, line: object) -> dict[str, object]:
        """The columns of a line's own row (not id, scenario_id, position; not its child rows)."""
        row: dict[str, object] = {}
        for f in self.fields:
            name = f.column_name
            if name is not None:
                row[name] = f.to_column(getattr(line, f.attr))
        return row

    def from_row(self, row: Any, children: Mapping[str, Any]) -> Any:
        """The line from its row (a mapping by column name, e.g. an `sqlite3.Row`) and its child rows
        (`shares`, `of`, `spread`), row_id set."""
        values = {f.attr: f.from_column(None if f.column_name is None else row[f.column_name], children)
                  for f in self.fields}  # fmt: skip
        return self.cls(**values, row_id=row["id"])

    def from_rows(self, rows: Sequence[Sequence[Any]], names: Sequence[str],
                  children: Mapping[int, Mapping[str, Any]]) -> list[tuple[int, Any]]:  # fmt: skip
        """(scenario_id, line) of many rows of one query, whose columns are `names`: what `from_row` makes of each,
        with each column found once by position, not by name per row, and each field's conversion chosen once
        (opening a plan of 85.000 lines spent most of its reading in `from_column`)."""
        at = {name: i for i, name in enumerate(names)}
        id_at, scenario_at = at["id"], at["scenario_id"]
        plain: list[tuple[str, int]] = []  # text and integers: the column's value as it is
        converted: list[tuple[str, int, Callable[[Any], object]]] = []
        with_children: list[LineField] = []
        allocations: list[tuple[str, int]] = []
        key_of = _code_reader(AllocationKey)
        for f in self.fields:
            if f.form is Form.ALLOCATION and f.column_name is not None:
                allocations.append((f.attr, at[f.column_name]))
            elif f.column_name is None or f.form is Form.ALLOCATION:
                with_children.append(f)
            elif f.form is Form.DECIMAL:
                converted.append((f.attr, at[f.column_name], Decimal))
            elif f.form is Form.BOOL:
                converted.append((f.attr, at[f.column_name], bool))
            elif f.form is Form.CODE:
                assert f.codes is not None
                converted.append((f.attr, at[f.column_name], _code_reader(f.codes)))
            else:
                plain.append((f.attr, at[f.column_name]))
        key = (self.kind, tuple(names))
        build = _BUILDERS.get(key)
        if build is None:
            build = _BUILDERS[key] = _builder(self.cls, plain, converted, allocations, key_of, with_children, at)
        return build(rows, children, id_at, scenario_at)

    def columns_sql(self) -> str:
        """The CREATE TABLE statement of its table."""
        parts = [
            "    id INTEGER PRIMARY KEY AUTOINCREMENT",
            "    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE",
            "    position INTEGER NOT NULL",
            *(f"    {f.column_name} {f.sql}" for f in self.fields if f.column_name is not None),
            *(f"    {c}" for c in self.constraints),
        ]
        return f"CREATE TABLE {self.table} (\n" + ",\n".join(parts) + "\n)"

    # --- its list in a scenario -----------------------------------------------------------------------------

    def lines_of(self, scenario: Scenario) -> list[Any]:
        """The scenario's list of these lines (the list itself: changing it changes the scenario)."""
        if self.kind is LineKind.SERVICE:
            return scenario.running.services
        return getattr(scenario, self.attr)

    def with_lines(self, scenario: Scenario, lines: list[Any]) -> Scenario:
        """A shallow copy of `scenario` holding `lines` as its list of this kind (the original is untouched)."""
        if self.kind is LineKind.SERVICE:
            running = dataclasses.replace(scenario.running, services=lines)
            return dataclasses.replace(scenario, running=running)
        import copy  # here, not at every start (issue 19)

        copied = copy.copy(scenario)
        setattr(copied, self.attr, lines)
        return copied


T, D, N, B, C, A = Form.TEXT, Form.DECIMAL, Form.INT, Form.BOOL, Form.CODE, Form.ALLOCATION
_PLACEMENT = "CHECK ((tenant IS NOT NULL) + (shared_key IS NOT NULL) + vacant = 1)"
_TENANT_REF = "FOREIGN KEY (scenario_id, tenant) REFERENCES tenant(scenario_id, code) ON UPDATE CASCADE"

LINES: dict[LineKind, LineKindInfo] = {
    LineKind.TENANT: LineKindInfo(
        LineKind.TENANT, Tenant, "tenant", "tenants", "tenants",
        (
            LineField("id", T, "TEXT NOT NULL", column="code"),  # the tenant's id in the plan ("gp", "fys")
            LineField("name", T, "TEXT NOT NULL"),
            LineField("kind", C, "TEXT NOT NULL", codes=TenantKind),
            LineField("sector", C, "TEXT", codes=Sector, optional=True),  # NULL: the kind's default sector
            LineField("clinicians", D, "TEXT NOT NULL DEFAULT '0'"),
            LineField("staff", D, "TEXT NOT NULL DEFAULT '0'"),
            LineField("listed_patients", N, "INTEGER NOT NULL DEFAULT 0"),
            LineField("provider_numbers", N, "INTEGER NOT NULL DEFAULT 0"),
            LineField("weekly_hours", D, "TEXT", optional=True),
            LineField("current_annual_rent", D, "TEXT", optional=True),
            LineField("note", T, "TEXT NOT NULL DEFAULT ''"),
        ),
        N_("lejer"), N_("Lejere"),
        constraints=("UNIQUE (scenario_id, code)",),
    ),
    LineKind.ROOM: LineKindInfo(
        LineKind.ROOM, RoomLine, "room", "rooms", "rooms",
        (
            LineField("type", C, "TEXT NOT NULL", codes=RoomType),
            LineField("label", T, "TEXT NOT NULL DEFAULT ''"),
            LineField("count", N, "INTEGER NOT NULL DEFAULT 1"),
            LineField("net_m2", D, "TEXT NOT NULL"),
            LineField("tenant", T, "TEXT", optional=True),  # dedicated to this tenant (its code)
            LineField("shared", A, "TEXT", column="shared_key", optional=True),  # shared by this allocation key
            LineField("vacant", B, "INTEGER NOT NULL DEFAULT 0 CHECK (vacant IN (0, 1))"),
        ),
        N_("rum"), N_("Rumprogram"),
        constraints=(_PLACEMENT, _TENANT_REF),
        share_table="room_share", share_column="room_id",
    ),
    LineKind.EQUIPMENT: LineKindInfo(
        LineKind.EQUIPMENT, EquipmentLine, "equipment", "equipment", "equipment",
        (
            LineField("item", T, "TEXT NOT NULL"),  # a catalog code or 'other'
            LineField("name", T, "TEXT NOT NULL DEFAULT ''"),
            LineField("quantity", N, "INTEGER NOT NULL DEFAULT 1"),
            LineField("unit_price", D, "TEXT NOT NULL"),
            LineField("lifetime_years", D, "TEXT NOT NULL"),
            LineField("annual_service", D, "TEXT NOT NULL DEFAULT '0'"),
            LineField("in_project", B, "INTEGER NOT NULL DEFAULT 1 CHECK (in_project IN (0, 1))"),
            LineField("tenant", T, "TEXT", optional=True),
            LineField("shared", A, "TEXT", column="shared_key", optional=True),
        ),
        N_("udstyr"), N_("Udstyr"),
        constraints=("CHECK ((tenant IS NULL) <> (shared_key IS NULL))", _TENANT_REF),
        share_table="equipment_share", share_column="equipment_id",
    ),
    LineKind.COST: LineKindInfo(
        LineKind.COST, CostLine, "cost_line", "costs", "costs",
        (
            LineField("category", C, "TEXT NOT NULL", codes=CostCategory),
            LineField("text", T, "TEXT NOT NULL DEFAULT ''"),
            # exactly one basis: amount, per_m2 (+ m2) or percent
            LineField("amount", D, "TEXT", optional=True),
            LineField("per_m2", D, "TEXT", optional=True),
            LineField("m2", D, "TEXT", optional=True),
            LineField("percent", D, "TEXT", optional=True),
            LineField("of", Form.CATEGORIES, column=None),  # rows of cost_of
            LineField("eligible", B, "INTEGER NOT NULL DEFAULT 1 CHECK (eligible IN (0, 1))"),
            LineField("spread", Form.SPREAD, column=None),  # rows of cost_spread
            # issue 16.6 (schema version 5): the sub-project (its name), the grant on this line, the source
            LineField("subproject", T, "TEXT", optional=True, only_if_set=True),
            LineField("grant", D, "TEXT", column="grant_amount", optional=True, only_if_set=True),
            LineField("source", T, "TEXT NOT NULL DEFAULT ''", only_if_set=True),
        ),
        N_("post"), N_("Anlægsudgifter"),
    ),
    LineKind.FINANCING: LineKindInfo(
        LineKind.FINANCING, FinancingLine, "financing", "financing", "financing",
        (
            LineField("source", C, "TEXT NOT NULL", codes=FinancingSource),
            LineField("amount", D, "TEXT NOT NULL"),
            LineField("repaid_by_rent", B, "INTEGER NOT NULL DEFAULT 0 CHECK (repaid_by_rent IN (0, 1))"),
            LineField("interest_pct", D, "TEXT NOT NULL DEFAULT '0'"),
            LineField("years", N, "INTEGER", optional=True),
            LineField("text", T, "TEXT NOT NULL DEFAULT ''"),
        ),
        N_("finansiering"), N_("Finansiering"),
    ),
    LineKind.SERVICE: LineKindInfo(
        LineKind.SERVICE, Service, "service", "running.services", "services",
        (
            LineField("name", T, "TEXT NOT NULL"),
            LineField("annual", D, "TEXT NOT NULL"),
            LineField("shared", A, "TEXT NOT NULL DEFAULT 'area'", column="shared_key"),
        ),
        N_("ydelse"), N_("Fælles ydelser"),
        share_table="service_share", share_column="service_id",
    ),
}  # fmt: skip

LINE_KINDS: tuple[LineKind, ...] = tuple(LineKind)
SHARE_KINDS: tuple[str, ...] = tuple(i.share_table for i in LINES.values() if i.share_table)


def line_kind(kind: str) -> LineKindInfo:
    """The description of `kind`; ValueError for a string that is no line kind."""
    try:
        return LINES[LineKind(kind)]
    except ValueError:
        raise ValueError(f"unknown line kind {kind!r}; one of {tuple(str(k) for k in LINE_KINDS)}") from None


def lines_of(scenario: Scenario, kind: str) -> list[Any]:
    """The scenario's list of lines of `kind`."""
    return line_kind(kind).lines_of(scenario)
