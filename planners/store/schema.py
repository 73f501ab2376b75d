"""The tables of a plan file (DESIGN §2) at the current schema version, and how the dataclasses of
`planners.model` map onto their rows.

Readable on purpose: one table per domain record, named for it, so a plan can be inspected with any SQLite
tool. Money, areas, percentages and head counts are decimal TEXT (`str(Decimal)`: exact, full precision),
never REAL. Ordered lists keep a `position` column (0, 1, 2 … within their scenario). Lines belong to their
scenario and shares to their line (ON DELETE CASCADE). A line names a tenant by the tenant's own id (its
`code` column, unique within the scenario) through a composite foreign key, so a reference can only point at
a tenant of the same scenario, and changing a tenant's id carries over to every line (ON UPDATE CASCADE).

Line tables use AUTOINCREMENT so a row id is never handed out twice: an undo step that re-inserts a deleted
row under its old id can never collide with a row made in between.

This module uses only the standard `sqlite3` module (connections with `row_factory = sqlite3.Row`): it is
imported by every process that opens a plan, and must start fast.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal

from planners.model import (
    Applicant,
    ApplicantType,
    Approval,
    ApprovalStatus,
    Catalogs,
    Commitment,
    CommitmentStatus,
    Contact,
    CostCategory,
    EquipmentItem,
    GPCollaboration,
    Milestone,
    Person,
    Plan,
    ProjectType,
    RoomType,
    RoomTypeInfo,
    Running,
    RunningRate,
    Scenario,
    Sector,
    SubProject,
    TenantKind,
    TenantKindInfo,
    linekinds,
)
from planners.model.linekinds import LINES, LineKind

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 1,5 ms CPU of `summary`; issue 19)
# The time line's store (`planners.store.timeline`, 21 kB of code) is imported where it is used: a plan without time
# line rows reads none of it (`read_plan_head` with the tables holding rows; s20-sql2).
if TYPE_CHECKING:
    from typing import Any, TypedDict

    from planners.model.timeline import MarketRentDefault

APPLICATION_ID = 0x53554E44  # "SUND": PRAGMA application_id of every plan file
# The column version 5 added to catalog_running_rate, as the DDL declares it (migrations.upgrade_version_4).
CATALOG_RATE_SOURCE_COLUMN = "source TEXT NOT NULL DEFAULT ''"
SCHEMA_VERSION = 6  # PRAGMA user_version written by this version of the app

# The line kinds of a scenario and their tables: read from the registry (`planners.model.linekinds`).
LINE_KINDS: tuple[LineKind, ...] = linekinds.LINE_KINDS
LINE_TABLE: dict[str, str] = {kind: info.table for kind, info in LINES.items()}
# Kinds whose lines carry an allocation: kind → (share table, its column naming the line).
SHARE_TABLE: dict[str, tuple[str, str]] = {
    kind: (info.share_table, info.share_column)
    for kind, info in LINES.items()
    if info.share_table is not None and info.share_column is not None
}

# The line tables ({tenant} …) are written by the registry from its fields (`LineKindInfo.columns_sql`), so a
# new field is declared once.
_DDL_TEMPLATE = """
CREATE TABLE plan (
    id INTEGER PRIMARY KEY CHECK (id = 1),          -- one row: the plan
    title TEXT NOT NULL,
    pool_round TEXT NOT NULL DEFAULT '',
    applicant_name TEXT NOT NULL DEFAULT '',
    applicant_type TEXT NOT NULL DEFAULT 'municipality',
    gp_collaboration_with TEXT,                      -- NULL: no collaboration with outside GPs recorded
    gp_collaboration_description TEXT,
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    municipality TEXT,
    address TEXT NOT NULL DEFAULT '',
    project_type TEXT,
    price_year INTEGER,
    amounts_include_vat INTEGER NOT NULL DEFAULT 0 CHECK (amounts_include_vat IN (0, 1)),
    description TEXT NOT NULL DEFAULT '',
    applied_scenario TEXT,                           -- a scenario's name, NULL: the first
    patients_per_gp TEXT NOT NULL DEFAULT '1600',    -- catalog setting (capacity aid)
    {plan_readiness}
);

CREATE TABLE plan_year (
    position INTEGER PRIMARY KEY,
    year INTEGER NOT NULL
);

CREATE TABLE partner (
    position INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE scenario (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    position INTEGER NOT NULL,
    name TEXT NOT NULL UNIQUE,
    gross_factor TEXT NOT NULL,
    {scenario_readiness}
);

{tenant}

{room}

CREATE TABLE room_share (
    room_id INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
    scenario_id INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    percent TEXT NOT NULL,
    PRIMARY KEY (room_id, tenant),
    FOREIGN KEY (scenario_id, tenant) REFERENCES tenant(scenario_id, code) ON UPDATE CASCADE ON DELETE CASCADE
);

{equipment}

CREATE TABLE equipment_share (
    equipment_id INTEGER NOT NULL REFERENCES equipment(id) ON DELETE CASCADE,
    scenario_id INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    percent TEXT NOT NULL,
    PRIMARY KEY (equipment_id, tenant),
    FOREIGN KEY (scenario_id, tenant) REFERENCES tenant(scenario_id, code) ON UPDATE CASCADE ON DELETE CASCADE
);

{cost_line}

CREATE TABLE cost_of (                               -- the categories a percent line is taken of
    cost_line_id INTEGER NOT NULL REFERENCES cost_line(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    category TEXT NOT NULL,
    PRIMARY KEY (cost_line_id, position)
);

CREATE TABLE cost_spread (                           -- percent of the line spent each year
    cost_line_id INTEGER NOT NULL REFERENCES cost_line(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    percent TEXT NOT NULL,
    PRIMARY KEY (cost_line_id, year)
);

{financing}

CREATE TABLE running_rate (                          -- per gross m² a year
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    rate TEXT NOT NULL,
    per_gross_m2 TEXT NOT NULL,
    PRIMARY KEY (scenario_id, rate)
);

{service}

CREATE TABLE service_share (
    service_id INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
    scenario_id INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    percent TEXT NOT NULL,
    PRIMARY KEY (service_id, tenant),
    FOREIGN KEY (scenario_id, tenant) REFERENCES tenant(scenario_id, code) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE catalog_tenant_kind (
    kind TEXT PRIMARY KEY,
    name_da TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sector TEXT NOT NULL,
    m2_per_clinician TEXT NOT NULL DEFAULT '0',
    source TEXT NOT NULL DEFAULT ''
);

CREATE TABLE catalog_tenant_kind_room (              -- space norm: rooms per clinician by room type
    kind TEXT NOT NULL REFERENCES catalog_tenant_kind(kind) ON DELETE CASCADE ON UPDATE CASCADE,
    room_type TEXT NOT NULL,
    rooms_per_clinician TEXT NOT NULL,
    PRIMARY KEY (kind, room_type)
);

CREATE TABLE catalog_room_type (
    room_type TEXT PRIMARY KEY,
    name_da TEXT NOT NULL,
    name_en TEXT NOT NULL,
    default_net_m2 TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT ''
);

CREATE TABLE catalog_equipment (
    item TEXT PRIMARY KEY,
    name_da TEXT NOT NULL,
    name_en TEXT NOT NULL,
    unit_price TEXT NOT NULL,
    lifetime_years TEXT NOT NULL,
    annual_service TEXT NOT NULL DEFAULT '0',
    source TEXT NOT NULL DEFAULT ''
);

CREATE TABLE catalog_running_rate (                  -- default rates per gross m² a year
    rate TEXT PRIMARY KEY,
    per_gross_m2 TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT ''                   -- where the rate comes from (version 5, issue 16.6)
);

CREATE INDEX tenant_by_scenario ON tenant(scenario_id, position);
CREATE INDEX room_by_scenario ON room(scenario_id, position);
CREATE INDEX equipment_by_scenario ON equipment(scenario_id, position);
CREATE INDEX cost_line_by_scenario ON cost_line(scenario_id, position);
CREATE INDEX financing_by_scenario ON financing(scenario_id, position);
CREATE INDEX service_by_scenario ON service(scenario_id, position);
CREATE INDEX room_share_by_tenant ON room_share(scenario_id, tenant);
CREATE INDEX equipment_share_by_tenant ON equipment_share(scenario_id, tenant);
CREATE INDEX service_share_by_tenant ON service_share(scenario_id, tenant);
CREATE INDEX room_by_tenant ON room(scenario_id, tenant);
CREATE INDEX equipment_by_tenant ON equipment(scenario_id, tenant);
"""


# Version 5 (issue 16.6, 15.7): what a case officer asks for before submission. The new columns of existing
# tables (added at their end, so a new file and an upgraded one have the same columns in the same order) and the
# new tables; `migrations.upgrade_version_4` adds exactly these.
PLAN_READINESS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("cvr", "TEXT NOT NULL DEFAULT ''"),
    ("ean", "TEXT NOT NULL DEFAULT ''"),
    ("signatory_name", "TEXT NOT NULL DEFAULT ''"),
    ("signatory_title", "TEXT NOT NULL DEFAULT ''"),
    ("signatory_email", "TEXT NOT NULL DEFAULT ''"),
    ("project_leader_name", "TEXT NOT NULL DEFAULT ''"),
    ("project_leader_title", "TEXT NOT NULL DEFAULT ''"),
    ("project_leader_email", "TEXT NOT NULL DEFAULT ''"),
    ("approval_status", "TEXT NOT NULL DEFAULT 'none'"),
    ("approval_date", "TEXT"),  # an ISO date; NULL: none given
)
SCENARIO_READINESS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("notes", "TEXT NOT NULL DEFAULT ''"),  # the workshop's notes and decisions (issue 15.7)
)
READINESS_DDL: tuple[str, ...] = (
    """CREATE TABLE milestone (                          -- the timetable, in order
    position INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    date TEXT,
    note TEXT NOT NULL DEFAULT ''
)""",
    """CREATE TABLE subproject (                         -- parts of the project (cost lines name one)
    position INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 1
)""",
    """CREATE TABLE tenant_commitment (                  -- a tenant's letter of intent or signed lease
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    tenant TEXT NOT NULL,
    status TEXT NOT NULL,
    date TEXT,
    PRIMARY KEY (scenario_id, tenant),
    FOREIGN KEY (scenario_id, tenant) REFERENCES tenant(scenario_id, code) ON UPDATE CASCADE ON DELETE CASCADE
)""",
    """CREATE TABLE running_rate_source (                -- where a scenario's running rate comes from
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    rate TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (scenario_id, rate)
)""",
)

DDL = _DDL_TEMPLATE.replace(
    "{plan_readiness}", ",\n    ".join(f"{name} {decl}" for name, decl in PLAN_READINESS_COLUMNS)
).replace("{scenario_readiness}", ",\n    ".join(f"{name} {decl}" for name, decl in SCENARIO_READINESS_COLUMNS))
DDL += "".join(f"\n{statement};\n" for statement in READINESS_DDL)

# Issue 18, kept beside the plan's tables and never read when a plan is loaded: the origin a merge of two copies
# starts from (`planners.store.origin`), the history of edits (`history`) and the named versions (`versions`).
ORIGIN_DDL = """CREATE TABLE IF NOT EXISTS origin (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    snapshot TEXT NOT NULL
)"""
HISTORY_DDL = """CREATE TABLE IF NOT EXISTS history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    text TEXT NOT NULL,
    forward TEXT,
    inverse TEXT
)"""
VERSION_DDL = """CREATE TABLE IF NOT EXISTS version (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    history_seq INTEGER,
    snapshot TEXT NOT NULL
)"""
for _info in LINES.values():
    DDL = DDL.replace("{" + _info.table + "}", _info.columns_sql() + ";")


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table of the current version, inside the caller's transaction, and stamp the file."""
    for statement in DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    from planners.store import timeline as timeline_store

    timeline_store.create_tables(conn)
    for statement in (ORIGIN_DDL, HISTORY_DDL, VERSION_DDL):  # issue 18: origin, history, named versions
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# --- values ------------------------------------------------------------------------------------


def dec(value: Decimal | None) -> str | None:
    """A Decimal as exact text (None stays NULL)."""
    return None if value is None else str(value)


def undec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _d(text: str) -> Decimal:
    return Decimal(text)


# --- plan-level fields -------------------------------------------------------------------------

PLAN_FIELDS = (
    "title", "years", "pool_round", "applicant", "partners", "gp_collaboration", "contact", "municipality",
    "address", "project_type", "price_year", "amounts_include_vat", "description", "applied_scenario",
    # issue 16.6 (version 5)
    "cvr", "ean", "signatory", "project_leader", "approval", "milestones", "subprojects",
)  # fmt: skip
# Plan-level fields kept in tables of their own (rewritten whole when edited), not in the plan row.
_PLAN_TABLE_FIELDS = ("years", "partners", "milestones", "subprojects")


# The columns of the plan row a plan-level field is kept in (others: a column of the field's own name).
_PLAN_COLUMNS = {
    "applicant": ("applicant_name", "applicant_type"),
    "gp_collaboration": ("gp_collaboration_with", "gp_collaboration_description"),
    "contact": ("contact_name", "contact_email", "contact_phone"),
    "signatory": ("signatory_name", "signatory_title", "signatory_email"),
    "project_leader": ("project_leader_name", "project_leader_title", "project_leader_email"),
    "approval": ("approval_status", "approval_date"),
}


def _iso(date: datetime.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _date(text: str | None) -> datetime.date | None:
    return None if text is None else datetime.date.fromisoformat(text)


# The plan row with its milestones and sub-projects (as JSON arrays) in ONE statement: a plan-level edit reads
# the plan's fields before it, and the milestones' and sub-projects' tables must not cost it statements.
_PLAN_ROW_SQL = """SELECT plan.*,
    (SELECT json_group_array(json_array(name, date, note))
       FROM (SELECT name, date, note FROM milestone ORDER BY position)) AS milestones_json,
    (SELECT json_group_array(json_array(name, priority))
       FROM (SELECT name, priority FROM subproject ORDER BY position)) AS subprojects_json
FROM plan WHERE id = 1"""


def _rows(conn: sqlite3.Connection | sqlite3.Cursor, table: str, sql: str, params: tuple = (),
          filled: Collection[str] | None = None) -> Iterable[Any]:  # fmt: skip
    """The rows of `sql` (a statement reading `table`); none without a statement where `filled` (the tables holding a
    row, `filecheck.tables_with_rows`, asked in the same read transaction) leaves `table` out: each statement made and
    run costs ≈ 40.000 instructions, and a plan leaves most of its tables empty (s20-sql2)."""
    if filled is not None and table not in filled:
        return ()
    return conn.execute(sql, params)


def read_plan_fields(conn: sqlite3.Connection, filled: Collection[str] | None = None) -> Plan:
    """The plan's own fields (no scenarios; default catalogs but for patients_per_gp). `filled`: as `_rows`."""
    r = conn.execute(_PLAN_ROW_SQL).fetchone()
    if r is None:
        raise sqlite3.DatabaseError("plan row missing")
    years = [y for (y,) in _rows(conn, "plan_year", "SELECT year FROM plan_year ORDER BY position", (), filled)]
    partners = [n for (n,) in _rows(conn, "partner", "SELECT name FROM partner ORDER BY position", (), filled)]
    collab = None
    if r["gp_collaboration_with"] is not None:
        collab = GPCollaboration(r["gp_collaboration_with"], r["gp_collaboration_description"] or "")
    plan = Plan(
        title=r["title"],
        years=years,
        pool_round=r["pool_round"],
        applicant=Applicant(r["applicant_name"], ApplicantType(r["applicant_type"])),
        partners=partners,
        gp_collaboration=collab,
        contact=Contact(r["contact_name"], r["contact_email"], r["contact_phone"]),
        municipality=r["municipality"],
        address=r["address"],
        project_type=None if r["project_type"] is None else ProjectType(r["project_type"]),
        price_year=r["price_year"],
        amounts_include_vat=bool(r["amounts_include_vat"]),
        description=r["description"],
        applied_scenario=r["applied_scenario"],
        cvr=r["cvr"],
        ean=r["ean"],
        signatory=Person(r["signatory_name"], r["signatory_title"], r["signatory_email"]),
        project_leader=Person(r["project_leader_name"], r["project_leader_title"], r["project_leader_email"]),
        approval=Approval(ApprovalStatus(r["approval_status"]), _date(r["approval_date"])),
        milestones=[Milestone(name, _date(date), note) for name, date, note in json.loads(r["milestones_json"])],
        subprojects=[SubProject(name, priority) for name, priority in json.loads(r["subprojects_json"])],
    )
    plan.catalogs.patients_per_gp = _d(r["patients_per_gp"])
    return plan


# --- catalogs ----------------------------------------------------------------------------------

CATALOG_TABLE = {
    "tenant_kind": ("catalog_tenant_kind", "kind"),
    "room_type": ("catalog_room_type", "room_type"),
    "equipment": ("catalog_equipment", "item"),
    "running_rate": ("catalog_running_rate", "rate"),
}


def read_catalog_row(conn: sqlite3.Connection, catalog: str, code: str) -> object | None:
    """One catalog row as its dataclass (a Decimal for rates and patients_per_gp), None if absent."""
    cats = read_catalogs(conn)
    if catalog == "patients_per_gp":
        return cats.patients_per_gp
    tables: dict[str, Mapping[str, object]] = {
        "tenant_kind": {k.value: v for k, v in cats.tenant_kinds.items()},
        "room_type": {k.value: v for k, v in cats.room_types.items()},
        "equipment": cats.equipment,
        "running_rate": {k.value: v for k, v in cats.running_rates.items()},
    }
    return tables[catalog].get(code)


def read_catalogs(conn: sqlite3.Connection, filled: Collection[str] | None = None) -> Catalogs:
    """The plan's catalogs; `filled`: as `_rows`."""
    cats = Catalogs(running_rates={})
    norms: dict[str, dict[RoomType, Decimal]] = {}
    for r in _rows(conn, "catalog_tenant_kind_room", "SELECT * FROM catalog_tenant_kind_room ORDER BY rowid", (),
                   filled):  # fmt: skip
        norms.setdefault(r["kind"], {})[RoomType(r["room_type"])] = _d(r["rooms_per_clinician"])
    for r in _rows(conn, "catalog_tenant_kind", "SELECT * FROM catalog_tenant_kind ORDER BY rowid", (), filled):
        cats.tenant_kinds[TenantKind(r["kind"])] = TenantKindInfo(
            r["name_da"], r["name_en"], Sector(r["sector"]), norms.get(r["kind"], {}),
            _d(r["m2_per_clinician"]), r["source"],
        )  # fmt: skip
    for r in _rows(conn, "catalog_room_type", "SELECT * FROM catalog_room_type ORDER BY rowid", (), filled):
        cats.room_types[RoomType(r["room_type"])] = RoomTypeInfo(
            r["name_da"], r["name_en"], _d(r["default_net_m2"]), r["source"]
        )
    for r in _rows(conn, "catalog_equipment", "SELECT * FROM catalog_equipment ORDER BY rowid", (), filled):
        cats.equipment[r["item"]] = EquipmentItem(
            r["name_da"], r["name_en"], _d(r["unit_price"]), _d(r["lifetime_years"]),
            _d(r["annual_service"]), r["source"],
        )  # fmt: skip
    for r in _rows(conn, "catalog_running_rate", "SELECT * FROM catalog_running_rate ORDER BY rowid", (), filled):
        cats.running_rates[RunningRate(r["rate"])] = _d(r["per_gross_m2"])
        if r["source"]:
            cats.running_rate_sources[RunningRate(r["rate"])] = r["source"]
    row = conn.execute("SELECT patients_per_gp FROM plan WHERE id = 1").fetchone()
    if row is not None:
        cats.patients_per_gp = _d(row[0])
    return cats


# --- lines -------------------------------------------------------------------------------------


if TYPE_CHECKING:

    class _Children(TypedDict, total=False):
        """A line's child rows, read before the line: its shares, or a cost line's bases and spread."""

        shares: dict[str, Decimal]
        of: list[CostCategory]
        spread: dict[int, Decimal]

else:
    _Children = dict  # what a TypedDict is at run time


def _line_from_row(kind: str, r: sqlite3.Row, children: _Children) -> object:
    """Rebuild a line from its row and its child rows (`shares`, `of`, `spread`), row_id set."""
    return linekinds.line_kind(kind).from_row(r, children)


def child_fields(kind: str) -> frozenset[str]:
    """The fields of a line of `kind` kept in child rows (an allocation's shares, a cost line's of/spread)."""
    return frozenset(
        f.attr for f in linekinds.line_kind(kind).fields
        if f.column_name is None or f.form is linekinds.Form.ALLOCATION
    )  # fmt: skip


def read_lines(conn: sqlite3.Connection, kind: str, where: str = "", params: tuple = (),
               scan_children: bool = False, filled: Collection[str] | None = None,
               ids_read: dict[str, str] | None = None) -> list[tuple[int, Any]]:  # fmt: skip
    """(scenario_id, line) for the lines of `kind` matching `where`, in scenario and list order. `scan_children`: the
    child rows are found in their tables themselves (NOT INDEXED), by the line ids they store, never through an index,
    which `quick_check` does not compare with its table: as the checks of one scenario select them
    (`filecheck.judge_shown`), so every child row read is one judged. `filled`: as `_rows` (a table holding no row is
    not asked). `ids_read`: where given, the row ids read in their order as "[1,2,…]" under `kind` (none: no line)."""
    table = LINE_TABLE[kind]
    if filled is not None and table not in filled:
        return []
    plain = " NOT INDEXED" if scan_children else ""
    cursor = conn.cursor()
    # Plain tuples, not `sqlite3.Row`: the columns are found by position (`from_rows`), and making a Row per line was
    # a third of reading them (issue 19).
    cursor.row_factory = None
    rows = cursor.execute(
        f"SELECT * FROM {table} {'WHERE ' + where if where else ''} ORDER BY scenario_id, position, id", params
    ).fetchall()
    if not rows:
        return []
    names = [d[0] for d in cursor.description]
    id_at = names.index("id")
    ids = [r[id_at] for r in rows]
    children: dict[int, _Children] = {i: _Children() for i in ids}
    # The lines' child rows asked with their ids in one parameter, a JSON array (`json_each`), not one `?` each: the
    # statement is then one text whatever the number of lines, prepared once per connection (600 marks were parsed and
    # bound: ≈ 0,3 ms of `summary`); SQLite searches the same index for the same ids in the same order (EXPLAIN QUERY
    # PLAN), so the rows and their order are those of the list of marks.
    listed = "(SELECT value FROM json_each(?))"
    given = ("[" + ",".join(map(str, ids)) + "]",)  # row ids: ints
    if ids_read is not None:
        ids_read[kind] = given[0]
    # The child rows' columns named, read as plain tuples (a `sqlite3.Row` each and a lookup by name per value cost
    # ≈ 0,5 M instructions of the large plan's summary).
    if kind in SHARE_TABLE:
        stable, col = SHARE_TABLE[kind]
        for line_id, tenant, percent in _rows(
                cursor, stable, f"SELECT {col}, tenant, percent FROM {stable}{plain} WHERE {col} IN {listed} "
                "ORDER BY rowid", given, filled):  # fmt: skip
            children[line_id].setdefault("shares", {})[tenant] = _d(percent)
    elif kind == "cost":
        for line_id, category in _rows(
                cursor, "cost_of", f"SELECT cost_line_id, category FROM cost_of{plain} WHERE cost_line_id IN {listed} "
                "ORDER BY position", given, filled):  # fmt: skip
            children[line_id].setdefault("of", []).append(CostCategory(category))
        for line_id, year, percent in _rows(
                cursor, "cost_spread", f"SELECT cost_line_id, year, percent FROM cost_spread{plain} WHERE cost_line_id "
                f"IN {listed} ORDER BY rowid", given, filled):  # fmt: skip
            children[line_id].setdefault("spread", {})[year] = _d(percent)
    return linekinds.line_kind(kind).from_rows(rows, names, children)


def read_line(conn: sqlite3.Connection, kind: str, row_id: int) -> tuple[int, int, object] | None:
    """(scenario_id, index in its list, line) of one line, None if there is no such row."""
    found = read_lines(conn, kind, "id = ?", (row_id,))
    if not found:
        return None
    scenario_id, line = found[0]
    return scenario_id, line_ids(conn, kind, scenario_id).index(row_id), line


def line_ids(conn: sqlite3.Connection, kind: str, scenario_id: int) -> list[int]:
    """The row ids of a scenario's lines of `kind`, in list order."""
    table = LINE_TABLE[kind]
    return [i for (i,) in conn.execute(
        f"SELECT id FROM {table} WHERE scenario_id = ? ORDER BY position, id", (scenario_id,)
    )]  # fmt: skip


# --- scenarios ---------------------------------------------------------------------------------


def scenario_lines(scenario: Scenario, kind: str) -> list:
    """The list of a scenario holding lines of `kind`."""
    return linekinds.lines_of(scenario, kind)


def _read_readiness(conn: sqlite3.Connection, scenario_id: int | None, by_id: dict[int, Scenario],
                    filled: Collection[str] | None = None) -> None:  # fmt: skip
    """The scenarios' tenant commitments and running rates' sources (version 5), into `by_id`; `filled`: as `_rows`."""
    where, params = ("WHERE scenario_id = ?", (scenario_id,)) if scenario_id is not None else ("", ())
    for r in _rows(conn, "tenant_commitment", f"SELECT * FROM tenant_commitment {where} ORDER BY rowid", params,
                   filled):  # fmt: skip
        if r["scenario_id"] in by_id:
            by_id[r["scenario_id"]].commitments[r["tenant"]] = Commitment(
                CommitmentStatus(r["status"]), _date(r["date"]))
    for r in _rows(conn, "running_rate_source", f"SELECT * FROM running_rate_source {where} ORDER BY rowid", params,
                   filled):  # fmt: skip
        if r["scenario_id"] in by_id:
            by_id[r["scenario_id"]].running.sources[RunningRate(r["rate"])] = r["source"]


def read_scenarios(conn: sqlite3.Connection, scenario_id: int | None = None, kinds: tuple[str, ...] | None = None,
                   lines: bool = True, filled: Collection[str] | None = None) -> list[Scenario]:  # fmt: skip
    """Every scenario (or the one with `scenario_id`) with all its lines, row ids set, in plan order.
    With `kinds`, only the lines of those kinds (and no running rates) are read: a partial scenario for an
    edit that needs no more (validating one line needs only the scenario's tenants). Without `lines`, everything
    but the lines (`read_lines_of` reads them later: the open reads only the lines of the scenario shown). `filled`:
    the tables holding a row (`_rows`): the others are not asked."""
    where, params = ("id = ?", (scenario_id,)) if scenario_id is not None else ("", ())
    rows = conn.execute(
        f"SELECT * FROM scenario {'WHERE ' + where if where else ''} ORDER BY position, id", params
    ).fetchall()
    by_id: dict[int, Scenario] = {}
    for r in rows:
        by_id[r["id"]] = Scenario(
            name=r["name"], gross_factor=_d(r["gross_factor"]), running=Running(per_gross_m2={}), row_id=r["id"],
            notes=r["notes"],
        )
    line_where, line_params = ("scenario_id = ?", (scenario_id,)) if scenario_id is not None else ("", ())
    if lines or kinds is not None:
        _read_lines_into(conn, by_id, line_where, line_params, LINE_KINDS if kinds is None else kinds)
    if kinds is not None:
        return list(by_id.values())
    for r in _rows(conn, "running_rate",
                   f"SELECT * FROM running_rate {'WHERE ' + line_where if line_where else ''} ORDER BY rowid",
                   line_params, filled):  # fmt: skip
        if r["scenario_id"] in by_id:
            by_id[r["scenario_id"]].running.per_gross_m2[RunningRate(r["rate"])] = _d(r["per_gross_m2"])
    if filled is None or not TIMELINE_TABLES.isdisjoint(filled):
        from planners.store import timeline as timeline_store

        for sid, timeline in timeline_store.read_timelines(conn, scenario_id).items():
            if sid in by_id:
                by_id[sid].timeline = timeline
    _read_readiness(conn, scenario_id, by_id, filled)
    return list(by_id.values())


def _read_lines_into(conn: sqlite3.Connection, by_id: dict[int, Scenario], where: str, params: tuple,
                     kinds: tuple[str, ...], scan_children: bool = False, filled: Collection[str] | None = None,
                     ids_read: dict[str, str] | None = None) -> None:  # fmt: skip
    for kind in kinds:
        info = linekinds.line_kind(kind)  # once per kind, not per line
        lists = {sid: info.lines_of(scenario) for sid, scenario in by_id.items()}  # each list once, not per line
        for sid, line in read_lines(conn, kind, where, params, scan_children, filled, ids_read):
            found = lists.get(sid)
            if found is not None:
                found.append(line)


def read_lines_of(conn: sqlite3.Connection, scenarios: Collection[Scenario], scan_children: bool = False,
                  filled: Collection[str] | None = None, ids_read: dict[str, str] | None = None) -> None:  # fmt: skip
    """Read the lines of `scenarios` (read without them: `read_scenarios(lines=False)`) into their lists; the child rows
    from their tables themselves with `scan_children` (`read_lines`); `filled`, `ids_read`: as `read_lines`."""
    by_id = {s.row_id: s for s in scenarios if s.row_id is not None}
    if not by_id:
        return
    ids = tuple(by_id)
    _read_lines_into(conn, by_id, f"scenario_id IN ({', '.join('?' * len(ids))})", ids, LINE_KINDS, scan_children,
                     filled, ids_read)


def scenario_names(conn: sqlite3.Connection) -> list[str]:
    """The scenarios' names, in plan order."""
    return [n for (n,) in conn.execute("SELECT name FROM scenario ORDER BY position, id")]


def scenario_ids(conn: sqlite3.Connection) -> list[int]:
    return [i for (i,) in conn.execute("SELECT id FROM scenario ORDER BY position, id")]


# --- the whole plan ----------------------------------------------------------------------------


# The time line's tables of a scenario (`planners.store.timeline.DDL` but the plan's market rent, read on its own).
TIMELINE_TABLES = frozenset({"timeline", "tenant_terms", "loan_terms", "phase", "phase_room", "phase_cost",
                             "financing_year"})  # fmt: skip


def _read_market_rent(conn: sqlite3.Connection, filled: Collection[str] | None = None) -> MarketRentDefault | None:
    """The plan's default market rent (`timeline.read_market_rent`); None without asking where `filled` (`_rows`)
    leaves its table out."""
    if filled is not None and "market_rent_default" not in filled:
        return None
    from planners.store import timeline as timeline_store

    return timeline_store.read_market_rent(conn)


def read_whole_plan(conn: sqlite3.Connection) -> Plan:
    """The whole plan, with row ids set on scenarios, tenants and lines."""
    plan = read_plan_fields(conn)
    plan.catalogs = read_catalogs(conn)
    plan.scenarios = read_scenarios(conn)
    plan.market_rent = _read_market_rent(conn)
    return plan


def read_plan_head(conn: sqlite3.Connection, filled: Collection[str] | None = None) -> Plan:
    """The whole plan but the scenarios' lines (`read_lines_of` adds them): equal to `read_whole_plan` once every
    scenario's lines are read. `filled`: the tables holding a row, asked in the same read transaction
    (`filecheck.tables_with_rows`): the others are not asked (`_rows`)."""
    plan = read_plan_fields(conn, filled)
    plan.catalogs = read_catalogs(conn, filled)
    plan.scenarios = read_scenarios(conn, lines=False, filled=filled)
    plan.market_rent = _read_market_rent(conn, filled)
    return plan


def read_plan_with_scenario(conn: sqlite3.Connection, name: str | None) -> tuple[Plan, list[str]]:
    """The plan with one scenario only: the one named, else (no name) the one applied for, else the first —
    as `Plan.scenario` chooses; no scenario where none has the name. And every scenario's name, in plan order."""
    plan = read_plan_fields(conn)
    plan.catalogs = read_catalogs(conn)
    plan.market_rent = _read_market_rent(conn)
    rows = conn.execute("SELECT id, name FROM scenario ORDER BY position, id").fetchall()
    names = [n for _sid, n in rows]
    wanted = name if name is not None else plan.applied_scenario
    chosen = next((sid for sid, n in rows if n == wanted), None)
    if chosen is None and name is None and rows:
        chosen = rows[0][0]
    plan.scenarios = read_scenarios(conn, chosen) if chosen is not None else []
    return plan, names
