"""The tables of a scenario's rent terms over the years (issue 17) and the plan's default market rent, kept in
their own tables (schema version 3) beside the line tables, so the lines' own tables and code stay as they were.

- `timeline`: one row per scenario that has terms (none = the default `TimeLine()`).
- `tenant_terms`: a tenant's move-in/move-out years and market rent, by the tenant's id (`code`). No foreign key:
  deleting a tenant keeps its terms, so undoing the delete brings them back (the checks report terms naming no
  tenant); a trigger carries a change of the tenant's id over to its terms.
- `loan_terms`: repayment form and interest-only years of a financing line, by its position in the scenario.
  Adding, deleting and moving a room or financing line carries these positions along (`follow_lines`, applied
  by `planners.store.operations`), so a reference stays with its line; a deleted line's references go, and its
  undo brings them back.
- `phase` and `phase_room`: the phases of the building and the rooms (by position) each brings into use.
- `market_rent_default`: the plan's default market rent (one row, or none).
- `phase_cost` and `financing_year` (schema version 6): the cost lines (by position) each phase builds, and the
  year a financing line (by position) is given for. Positions follow their lines as the rooms' and loans' do.
Money and rates are decimal TEXT, as everywhere in the file.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from planners.model import prebuilt as dataclasses  # its API, importing it only when used (issue 19)
from planners.model.timeline import (
    CostSplit,
    FinancingYear,
    LoanTerms,
    MarketRentDefault,
    Phase,
    RentBasis,
    Repayment,
    TenantTerms,
    TimeLine,
)

DDL = """
CREATE TABLE timeline (
    scenario_id INTEGER PRIMARY KEY REFERENCES scenario(id) ON DELETE CASCADE,
    first_year INTEGER,                              -- NULL: the year after the plan's last year
    years INTEGER,                                   -- NULL: the longest repaid loan, else 25
    rent_index_pct TEXT NOT NULL DEFAULT '0',
    rent_index_source TEXT NOT NULL DEFAULT '',
    running_index_pct TEXT NOT NULL DEFAULT '0',
    running_index_source TEXT NOT NULL DEFAULT '',
    discount_pct TEXT,                               -- NULL: no present value
    discount_source TEXT NOT NULL DEFAULT '',
    rent_basis TEXT NOT NULL DEFAULT 'cost',
    vat_registered INTEGER CHECK (vat_registered IN (0, 1)),  -- NULL: not decided
    area_tolerance_pct TEXT,
    cost_split TEXT NOT NULL DEFAULT 'keys'
);

CREATE TABLE tenant_terms (
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tenant TEXT NOT NULL,                            -- the tenant's id (tenant.code)
    move_in INTEGER,
    move_out INTEGER,                                -- the last year in the house
    market_per_m2 TEXT,
    market_total TEXT,
    market_source TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (scenario_id, position)
);

CREATE TABLE loan_terms (
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    line INTEGER NOT NULL,                           -- position of the financing line in its scenario
    repayment TEXT NOT NULL DEFAULT 'annuity',
    interest_only_years INTEGER NOT NULL DEFAULT 0,
    first_year INTEGER,
    PRIMARY KEY (scenario_id, position)
);

CREATE TABLE phase (
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    first_year INTEGER NOT NULL,
    PRIMARY KEY (scenario_id, position)
);

CREATE TABLE phase_room (
    scenario_id INTEGER NOT NULL,
    phase INTEGER NOT NULL,                          -- phase.position
    position INTEGER NOT NULL,
    room INTEGER NOT NULL,                           -- position of the room line in its scenario
    PRIMARY KEY (scenario_id, phase, position),
    FOREIGN KEY (scenario_id, phase) REFERENCES phase(scenario_id, position) ON DELETE CASCADE
);

CREATE TABLE market_rent_default (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    per_m2 TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER tenant_terms_follow_id AFTER UPDATE OF code ON tenant BEGIN
    UPDATE tenant_terms SET tenant = NEW.code WHERE scenario_id = NEW.scenario_id AND tenant = OLD.code;
END
"""

# Schema version 6 (issue 17, what remained): cost lines in phases and the year each financing line is given for.
DDL_V6 = """
CREATE TABLE phase_cost (
    scenario_id INTEGER NOT NULL,
    phase INTEGER NOT NULL,                          -- phase.position
    position INTEGER NOT NULL,
    cost INTEGER NOT NULL,                           -- position of the cost line in its scenario
    PRIMARY KEY (scenario_id, phase, position),
    FOREIGN KEY (scenario_id, phase) REFERENCES phase(scenario_id, position) ON DELETE CASCADE
);

CREATE TABLE financing_year (
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    line INTEGER NOT NULL,                           -- position of the financing line in its scenario
    year INTEGER NOT NULL,
    PRIMARY KEY (scenario_id, position)
);
"""


def create_tables(conn: sqlite3.Connection, version: int | None = None) -> None:
    """Create the tables (inside the caller's transaction): all of them (`create_schema`), or those a version
    step adds (the upgrade to version 3 creates version 3's, the upgrade to 6 version 6's)."""
    parts = {3: [DDL], 6: [DDL_V6]}.get(version, []) if version is not None else [DDL, DDL_V6]
    for ddl in parts:
        for statement in statements(ddl):
            conn.execute(statement)


def statements(ddl: str) -> list[str]:
    # The trigger's body holds a ";": split on the blank lines between statements instead.
    return [s.strip() for s in ddl.split("\n\n") if s.strip()]


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def write_timeline(conn: sqlite3.Connection, scenario_id: int, tl: TimeLine) -> None:
    """Replace the scenario's terms (the default writes no row at all)."""
    for table in ("financing_year", "phase_cost", "phase_room", "phase", "loan_terms", "tenant_terms", "timeline"):
        conn.execute(f"DELETE FROM {table} WHERE scenario_id = ?", (scenario_id,))
    if tl.is_default():
        return
    conn.execute(
        "INSERT INTO timeline (scenario_id, first_year, years, rent_index_pct, rent_index_source, "
        "running_index_pct, running_index_source, discount_pct, discount_source, rent_basis, vat_registered, "
        "area_tolerance_pct, cost_split) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (scenario_id, tl.first_year, tl.years, str(tl.rent_index_pct), tl.rent_index_source,
         str(tl.running_index_pct), tl.running_index_source, _dec(tl.discount_pct), tl.discount_source,
         tl.rent_basis.value, None if tl.vat_registered is None else int(tl.vat_registered),
         _dec(tl.area_tolerance_pct), tl.cost_split.value),
    )
    conn.executemany(
        "INSERT INTO tenant_terms (scenario_id, position, tenant, move_in, move_out, market_per_m2, market_total, "
        "market_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(scenario_id, i, t.tenant, t.move_in, t.move_out, _dec(t.market_per_m2), _dec(t.market_total),
          t.market_source) for i, t in enumerate(tl.tenants)],
    )
    conn.executemany(
        "INSERT INTO loan_terms (scenario_id, position, line, repayment, interest_only_years, first_year) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(scenario_id, i, t.line, t.repayment.value, t.interest_only_years, t.first_year)
         for i, t in enumerate(tl.loans)],
    )
    for i, ph in enumerate(tl.phases):
        conn.execute("INSERT INTO phase (scenario_id, position, name, first_year) VALUES (?, ?, ?, ?)",
                     (scenario_id, i, ph.name, ph.first_year))
        conn.executemany("INSERT INTO phase_room (scenario_id, phase, position, room) VALUES (?, ?, ?, ?)",
                         [(scenario_id, i, j, room) for j, room in enumerate(ph.rooms)])
        conn.executemany("INSERT INTO phase_cost (scenario_id, phase, position, cost) VALUES (?, ?, ?, ?)",
                         [(scenario_id, i, j, cost) for j, cost in enumerate(ph.costs)])
    conn.executemany("INSERT INTO financing_year (scenario_id, position, line, year) VALUES (?, ?, ?, ?)",
                     [(scenario_id, i, f.line, f.year) for i, f in enumerate(tl.financing_years)])


def read_timelines(conn: sqlite3.Connection, scenario_id: int | None = None) -> dict[int, TimeLine]:
    """Every scenario's terms that differ from the default, by scenario row id."""
    where, params = ("WHERE scenario_id = ?", (scenario_id,)) if scenario_id is not None else ("", ())
    out: dict[int, TimeLine] = {}
    for r in conn.execute(f"SELECT * FROM timeline {where}", params):
        out[r["scenario_id"]] = TimeLine(
            first_year=r["first_year"], years=r["years"], rent_index_pct=Decimal(r["rent_index_pct"]),
            rent_index_source=r["rent_index_source"], running_index_pct=Decimal(r["running_index_pct"]),
            running_index_source=r["running_index_source"], discount_pct=_undec(r["discount_pct"]),
            discount_source=r["discount_source"], rent_basis=RentBasis(r["rent_basis"]),
            vat_registered=None if r["vat_registered"] is None else bool(r["vat_registered"]),
            area_tolerance_pct=_undec(r["area_tolerance_pct"]), cost_split=CostSplit(r["cost_split"]),
        )
    for r in conn.execute(f"SELECT * FROM tenant_terms {where} ORDER BY scenario_id, position", params):
        out.setdefault(r["scenario_id"], TimeLine()).tenants.append(TenantTerms(
            r["tenant"], r["move_in"], r["move_out"], _undec(r["market_per_m2"]), _undec(r["market_total"]),
            r["market_source"]))
    for r in conn.execute(f"SELECT * FROM loan_terms {where} ORDER BY scenario_id, position", params):
        out.setdefault(r["scenario_id"], TimeLine()).loans.append(
            LoanTerms(r["line"], Repayment(r["repayment"]), r["interest_only_years"], r["first_year"]))
    phases: dict[tuple[int, int], Phase] = {}
    for r in conn.execute(f"SELECT * FROM phase {where} ORDER BY scenario_id, position", params):
        phase = Phase(r["name"], r["first_year"])
        phases[(r["scenario_id"], r["position"])] = phase
        out.setdefault(r["scenario_id"], TimeLine()).phases.append(phase)
    for r in conn.execute(f"SELECT * FROM phase_room {where} ORDER BY scenario_id, phase, position", params):
        phases[(r["scenario_id"], r["phase"])].rooms.append(r["room"])
    for r in conn.execute(f"SELECT * FROM phase_cost {where} ORDER BY scenario_id, phase, position", params):
        phases[(r["scenario_id"], r["phase"])].costs.append(r["cost"])
    for r in conn.execute(f"SELECT * FROM financing_year {where} ORDER BY scenario_id, position", params):
        out.setdefault(r["scenario_id"], TimeLine()).financing_years.append(FinancingYear(r["line"], r["year"]))
    return out


def write_market_rent(conn: sqlite3.Connection, default: MarketRentDefault | None) -> None:
    conn.execute("DELETE FROM market_rent_default")
    if default is not None:
        conn.execute("INSERT INTO market_rent_default (id, per_m2, source) VALUES (1, ?, ?)",
                     (str(default.per_m2), default.source))


def read_market_rent(conn: sqlite3.Connection) -> MarketRentDefault | None:
    r = conn.execute("SELECT per_m2, source FROM market_rent_default WHERE id = 1").fetchone()
    return None if r is None else MarketRentDefault(Decimal(r[0]), r[1])


# The line kinds the time line names by position (planners.model.timeline): rooms and cost lines in phases,
# loans' terms and financing lines' years.
POSITIONED_KINDS = ("room", "financing", "cost")


def names_positions(tl: TimeLine, kind: str) -> bool:
    """Whether the terms name any line of `kind` by its position (what `follow_lines` would carry along)."""
    if kind == "room":
        return any(phase.rooms for phase in tl.phases)
    if kind == "cost":
        return any(phase.costs for phase in tl.phases)
    if kind == "financing":
        return bool(tl.loans or tl.financing_years)
    return False


def follow_lines(tl: TimeLine, kind: str, mapping: dict[int, int | None]) -> TimeLine:
    """The terms with every position of `kind` carried to where its line went (`mapping`: old position → new
    position, None for a deleted line, whose references are dropped). Positions the mapping does not name (a
    reference to no line, which the checks report) stay as they are."""
    import copy  # here, not at every start (issue 19)

    out = copy.deepcopy(tl)
    if kind == "room":
        for phase in out.phases:
            moved = [mapping.get(i, i) for i in phase.rooms]
            phase.rooms = [i for i in moved if i is not None]
    elif kind == "cost":
        for phase in out.phases:
            moved = [mapping.get(i, i) for i in phase.costs]
            phase.costs = [i for i in moved if i is not None]
    elif kind == "financing":
        out.loans = [dataclasses.replace(lo, line=new) for lo in out.loans
                     if (new := mapping.get(lo.line, lo.line)) is not None]
        out.financing_years = [dataclasses.replace(fy, line=new) for fy in out.financing_years
                               if (new := mapping.get(fy.line, fy.line)) is not None]
    return out
