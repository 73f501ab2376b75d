"""Writing a plan into its tables (DESIGN §2): the rows of the plan's fields, catalogs, scenarios and lines as
`planners.store.schema` maps them, for a new file (`write_plan`) and for every edit (`planners.store.operations`).

Apart from `schema`, which every open imports, so that a command that only reads (`summary`, `check`, an export) does
not load the writing code (32 kB of code it never runs: issue 19, s22-sum). Its underscore names from `schema` are
the store's own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from planners.model import (
    Allocation,
    Catalogs,
    Commitment,
    CommitmentStatus,
    CostLine,
    EquipmentItem,
    Plan,
    RoomTypeInfo,
    RunningRate,
    Scenario,
    TenantKindInfo,
    linekinds,
)
from planners.store.schema import (
    _PLAN_COLUMNS,
    _PLAN_TABLE_FIELDS,
    CATALOG_TABLE,
    LINE_KINDS,
    LINE_TABLE,
    SHARE_TABLE,
    _iso,
    dec,
    scenario_lines,
)


def _write_plan_tables(conn: sqlite3.Connection, plan: Plan, fields: Collection[str]) -> None:
    """Rewrite the tables of the plan-level fields named in `fields` (years, partners, milestones, …)."""
    if "years" in fields:
        conn.execute("DELETE FROM plan_year")
        conn.executemany("INSERT INTO plan_year (position, year) VALUES (?, ?)", list(enumerate(plan.years)))
    if "partners" in fields:
        conn.execute("DELETE FROM partner")
        conn.executemany("INSERT INTO partner (position, name) VALUES (?, ?)", list(enumerate(plan.partners)))
    if "milestones" in fields:
        conn.execute("DELETE FROM milestone")
        conn.executemany("INSERT INTO milestone (position, name, date, note) VALUES (?, ?, ?, ?)",
                         [(i, m.name, _iso(m.date), m.note) for i, m in enumerate(plan.milestones)])  # fmt: skip
    if "subprojects" in fields:
        conn.execute("DELETE FROM subproject")
        conn.executemany("INSERT INTO subproject (position, name, priority) VALUES (?, ?, ?)",
                         [(i, sp.name, sp.priority) for i, sp in enumerate(plan.subprojects)])  # fmt: skip
def write_plan_fields(conn: sqlite3.Connection, plan: Plan, fields: Collection[str] | None = None) -> None:
    """Write the plan row, its years and partners (replacing what was there); with `fields` (names of
    PLAN_FIELDS), only what those fields are kept in."""
    collab = plan.gp_collaboration
    row = {
        "id": 1,
        "title": plan.title,
        "pool_round": plan.pool_round,
        "applicant_name": plan.applicant.name,
        "applicant_type": plan.applicant.type.value,
        "gp_collaboration_with": None if collab is None else collab.with_,
        "gp_collaboration_description": None if collab is None else collab.description,
        "contact_name": plan.contact.name,
        "contact_email": plan.contact.email,
        "contact_phone": plan.contact.phone,
        "municipality": plan.municipality,
        "address": plan.address,
        "project_type": None if plan.project_type is None else plan.project_type.value,
        "price_year": plan.price_year,
        "amounts_include_vat": int(plan.amounts_include_vat),
        "description": plan.description,
        "applied_scenario": plan.applied_scenario,
        "patients_per_gp": dec(plan.catalogs.patients_per_gp),
        "cvr": plan.cvr,
        "ean": plan.ean,
        "signatory_name": plan.signatory.name,
        "signatory_title": plan.signatory.title,
        "signatory_email": plan.signatory.email,
        "project_leader_name": plan.project_leader.name,
        "project_leader_title": plan.project_leader.title,
        "project_leader_email": plan.project_leader.email,
        "approval_status": plan.approval.status.value,
        "approval_date": _iso(plan.approval.date),
    }
    if fields is not None:
        # An edit of some fields (the row exists): write only their columns, their tables only if named.
        columns = [c for f in fields if f not in _PLAN_TABLE_FIELDS for c in _PLAN_COLUMNS.get(f, (f,))]
        if columns:
            conn.execute(f"UPDATE plan SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = 1",
                         {c: row[c] for c in columns})  # fmt: skip
        _write_plan_tables(conn, plan, fields)
        return
    existing = conn.execute("SELECT 1 FROM plan WHERE id = 1").fetchone()
    if existing:
        del row["patients_per_gp"]  # a catalog setting: written by write_catalogs only
        sets = ", ".join(f"{k} = :{k}" for k in row if k != "id")
        conn.execute(f"UPDATE plan SET {sets} WHERE id = 1", row)
    else:
        conn.execute(f"INSERT INTO plan ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})", row)
    _write_plan_tables(conn, plan, _PLAN_TABLE_FIELDS)
def write_catalog_row(conn: sqlite3.Connection, catalog: str, code: str, value: object | None) -> None:
    """Set (or with None remove) one row of one of the plan's catalogs, or the patients_per_gp setting."""
    if catalog == "patients_per_gp":
        conn.execute("UPDATE plan SET patients_per_gp = ? WHERE id = 1", (dec(value),))  # type: ignore[arg-type]
        return
    table, key = CATALOG_TABLE[catalog]
    if value is None:
        conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (code,))
        return
    if isinstance(value, TenantKindInfo):
        row = {"kind": code, "name_da": value.name_da, "name_en": value.name_en, "sector": value.sector.value,
               "m2_per_clinician": dec(value.m2_per_clinician), "source": value.source}  # fmt: skip
    elif isinstance(value, RoomTypeInfo):
        row = {"room_type": code, "name_da": value.name_da, "name_en": value.name_en,
               "default_net_m2": dec(value.default_net_m2), "source": value.source}  # fmt: skip
    elif isinstance(value, EquipmentItem):
        row = {"item": code, "name_da": value.name_da, "name_en": value.name_en,
               "unit_price": dec(value.unit_price), "lifetime_years": dec(value.lifetime_years),
               "annual_service": dec(value.annual_service), "source": value.source}  # fmt: skip
    else:
        row = {"rate": code, "per_gross_m2": dec(value)}  # type: ignore[arg-type]
    # UPDATE first (keeps the row's place, hence the catalog's order), INSERT when new.
    sets = ", ".join(f"{k} = :{k}" for k in row if k != key)
    cur = conn.execute(f"UPDATE {table} SET {sets} WHERE {key} = :{key}", row)
    if cur.rowcount == 0:
        conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})", row)
    if isinstance(value, TenantKindInfo):
        conn.execute("DELETE FROM catalog_tenant_kind_room WHERE kind = ?", (code,))
        conn.executemany(
            "INSERT INTO catalog_tenant_kind_room (kind, room_type, rooms_per_clinician) VALUES (?, ?, ?)",
            [(code, rt.value, dec(n)) for rt, n in value.rooms_per_clinician.items()],
        )
def write_catalogs(conn: sqlite3.Connection, catalogs: Catalogs) -> None:
    """Replace every catalog of the plan with `catalogs`."""
    for table, _key in CATALOG_TABLE.values():
        conn.execute(f"DELETE FROM {table}")
    for kind, info in catalogs.tenant_kinds.items():
        write_catalog_row(conn, "tenant_kind", kind.value, info)
    for room_type, rinfo in catalogs.room_types.items():
        write_catalog_row(conn, "room_type", room_type.value, rinfo)
    for item, einfo in catalogs.equipment.items():
        write_catalog_row(conn, "equipment", item, einfo)
    for rate, value in catalogs.running_rates.items():
        write_catalog_row(conn, "running_rate", rate.value, value)
    for rate, source in catalogs.running_rate_sources.items():
        write_catalog_rate_source(conn, rate, source)
    write_catalog_row(conn, "patients_per_gp", "", catalogs.patients_per_gp)
def write_catalog_rate_source(conn: sqlite3.Connection, rate: RunningRate, source: str) -> None:
    """Set the source of one of the plan's default running rates ("" removes it); a rate the catalog does not
    hold has no row to carry one, and is left so. A change of the rate itself (`write_catalog_row`) keeps it."""
    conn.execute("UPDATE catalog_running_rate SET source = ? WHERE rate = ?", (source, rate.value))
def _line_row(kind: str, line: object) -> dict[str, object]:
    """The columns of a line's own row (not id, scenario_id, position; not its child rows)."""
    return linekinds.line_kind(kind).to_row(line)
def _write_children(conn: sqlite3.Connection, kind: str, row_id: int, scenario_id: int, line: object) -> None:
    """(Re)write the child rows of one line: its shares, or a cost line's `of` and `spread`."""
    if kind in SHARE_TABLE:
        table, col = SHARE_TABLE[kind]
        conn.execute(f"DELETE FROM {table} WHERE {col} = ?", (row_id,))
        alloc: Allocation | None = line.shared  # type: ignore[attr-defined]
        if alloc is not None:
            conn.executemany(
                f"INSERT INTO {table} ({col}, scenario_id, tenant, percent) VALUES (?, ?, ?, ?)",
                [(row_id, scenario_id, t, dec(p)) for t, p in alloc.shares.items()],
            )
    elif kind == "cost":
        c: CostLine = line  # type: ignore[assignment]
        conn.execute("DELETE FROM cost_of WHERE cost_line_id = ?", (row_id,))
        conn.execute("DELETE FROM cost_spread WHERE cost_line_id = ?", (row_id,))
        conn.executemany(
            "INSERT INTO cost_of (cost_line_id, position, category) VALUES (?, ?, ?)",
            [(row_id, i, cat.value) for i, cat in enumerate(c.of)],
        )
        conn.executemany(
            "INSERT INTO cost_spread (cost_line_id, year, percent) VALUES (?, ?, ?)",
            [(row_id, year, dec(p)) for year, p in c.spread.items()],
        )
def insert_line(
    conn: sqlite3.Connection, kind: str, scenario_id: int, position: int, line: object, row_id: int | None = None
) -> int:
    """Insert one line (and its child rows) at `position` (the caller renumbers the others); the new row id.
    `row_id` reuses a former row id (undo of a delete) when it is free."""
    row = _line_row(kind, line)
    table = LINE_TABLE[kind]
    if row_id is not None and conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone():
        row_id = None  # taken: a new id rather than a clash
    row = {"id": row_id, "scenario_id": scenario_id, "position": position, **row}
    cur = conn.execute(
        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})", row
    )
    new_id = int(cur.lastrowid)  # type: ignore[arg-type]
    _write_children(conn, kind, new_id, scenario_id, line)
    return new_id
def update_line(conn: sqlite3.Connection, kind: str, row_id: int, line: object, scenario_id: int | None = None,
                children: bool = True) -> None:  # fmt: skip
    """Rewrite one line's row with the values of `line` (position unchanged), and its child rows unless
    `children` is False (an edit that changes none of the fields kept in them: one statement, not three)."""
    row = _line_row(kind, line)
    table = LINE_TABLE[kind]
    sets = ", ".join(f"{k} = :{k}" for k in row)
    conn.execute(f"UPDATE {table} SET {sets} WHERE id = :id", {**row, "id": row_id})
    if not children:
        return
    if scenario_id is None:
        (scenario_id,) = conn.execute(f"SELECT scenario_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
    _write_children(conn, kind, row_id, scenario_id, line)
def renumber(conn: sqlite3.Connection, table: str, ordered_ids: list[int]) -> None:
    """Give rows the positions 0, 1, 2 … in the order of `ordered_ids` (only rows that move are written)."""
    current = dict(conn.execute(
        f"SELECT id, position FROM {table} WHERE id IN ({', '.join('?' * len(ordered_ids))})", ordered_ids
    ).fetchall()) if ordered_ids else {}  # fmt: skip
    conn.executemany(
        f"UPDATE {table} SET position = ? WHERE id = ?",
        [(pos, i) for pos, i in enumerate(ordered_ids) if current.get(i) != pos],
    )
def insert_scenario(conn: sqlite3.Connection, scenario: Scenario, position: int, keep_row_ids: bool) -> int:
    """Insert a whole scenario with every line (tenants first, for the references); its row id.
    With `keep_row_ids`, the row ids the objects carry are reused where free (undo of a delete)."""
    sid = scenario.row_id if keep_row_ids else None
    if sid is not None and conn.execute("SELECT 1 FROM scenario WHERE id = ?", (sid,)).fetchone():
        sid = None
    cur = conn.execute(
        "INSERT INTO scenario (id, position, name, gross_factor, notes) VALUES (?, ?, ?, ?, ?)",
        (sid, position, scenario.name, dec(scenario.gross_factor), scenario.notes),
    )
    new_sid = int(cur.lastrowid)  # type: ignore[arg-type]
    for kind in LINE_KINDS:
        for pos, line in enumerate(scenario_lines(scenario, kind)):
            insert_line(conn, kind, new_sid, pos, line, line.row_id if keep_row_ids else None)
    conn.executemany(
        "INSERT INTO running_rate (scenario_id, rate, per_gross_m2) VALUES (?, ?, ?)",
        [(new_sid, rate.value, dec(v)) for rate, v in scenario.running.per_gross_m2.items()],
    )
    from planners.store import timeline as timeline_store

    timeline_store.write_timeline(conn, new_sid, scenario.timeline)
    for code, commitment in scenario.commitments.items():
        write_commitment(conn, new_sid, code, commitment)
    for rate, source in scenario.running.sources.items():
        write_rate_source(conn, new_sid, rate, source)
    return new_sid
def write_commitment(conn: sqlite3.Connection, scenario_id: int, tenant: str, value: Commitment | None) -> None:
    """Set (None: remove) a tenant's commitment in a scenario. A commitment of status none with no date is
    no commitment: its row is removed, so "none" is kept one way only."""
    conn.execute("DELETE FROM tenant_commitment WHERE scenario_id = ? AND tenant = ?", (scenario_id, tenant))
    if value is not None and (value.status is not CommitmentStatus.NONE or value.date is not None):
        conn.execute("INSERT INTO tenant_commitment (scenario_id, tenant, status, date) VALUES (?, ?, ?, ?)",
                     (scenario_id, tenant, value.status.value, _iso(value.date)))  # fmt: skip
def write_rate_source(conn: sqlite3.Connection, scenario_id: int, rate: RunningRate, source: str | None) -> None:
    """Set (None or "": remove) the source of a scenario's running rate."""
    conn.execute("DELETE FROM running_rate_source WHERE scenario_id = ? AND rate = ?", (scenario_id, rate.value))
    if source:
        conn.execute("INSERT INTO running_rate_source (scenario_id, rate, source) VALUES (?, ?, ?)",
                     (scenario_id, rate.value, source))  # fmt: skip
def write_plan(conn: sqlite3.Connection, plan: Plan) -> None:
    """Write a whole plan into an empty schema (inside the caller's transaction)."""
    write_plan_fields(conn, plan)
    write_catalogs(conn, plan.catalogs)
    from planners.store import timeline as timeline_store

    timeline_store.write_market_rent(conn, plan.market_rent)
    for pos, scenario in enumerate(plan.scenarios):
        insert_scenario(conn, scenario, pos, keep_row_ids=False)
