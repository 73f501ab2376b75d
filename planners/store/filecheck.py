"""Checks of a plan file before anything of it is used or anything is written (issue 20).

A plan is a file from outside: a user may edit it in any SQLite tool, a disk may damage it, someone may hand
over a hostile one. Before the engine sees a value, and before a journal is rolled back or a lock is taken:

- the path is a regular file (a FIFO, device or socket is refused at once, never opened blocking), and a
  `-journal` beside it is a regular file too (never a symlink);
- the file is in rollback-journal mode (a WAL file would make even a read-only connection write `-shm`);
- its schema equals the app's exactly: the same tables, columns (type, NOT NULL, default, key) and indexes;
  triggers, views, virtual tables and any other object are refused with a reason (they could rewrite the plan
  on the next edit, or make every read hang);
- every stored value has the type its column holds, numbers are short decimal text (bounded before any
  arithmetic), codes are known, texts are valid UTF-8 of bounded length, references resolve;
- the plan read from it passes the same validation as a JSON import.

Every refusal is a `RefusedFile` with a Danish message naming the table, the row and the field, and quoting at
most a short excerpt of the bad value. Nothing here writes.

Writers use `refuse_plan_target()`: no export, copy or JSON may be written over a plan file or its source.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from pathlib import Path

from planners.model import (
    AllocationKey,
    ApplicantType,
    CostCategory,
    FinancingSource,
    Plan,
    ProjectType,
    RoomType,
    RunningRate,
    Sector,
    TenantKind,
)
from planners.model.errors import Problem, RefusedFile, TargetRefused

SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
PLAN_SUFFIX = ".sundhedshus"

# Longest text a plan field may hold (a description of a few pages is far below); longer is damage or attack.
MAX_TEXT = 100_000
# Longest decimal text: 15 digits before the point and 40 after, a sign and a point, with room to spare.
MAX_DECIMAL_TEXT = 64
# Integers (counts, years, positions, row ids) beyond this are no plan's.
MAX_INTEGER = 10**15
EXCERPT = 40  # characters of a bad value quoted in a message

_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?(E[+-]?[0-9]+)?\Z")

# Columns holding a Decimal as text (schema.dec): every other TEXT column is plain text or a code.
DECIMAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "plan": ("patients_per_gp",),
    "scenario": ("gross_factor",),
    "tenant": ("clinicians", "staff", "weekly_hours", "current_annual_rent"),
    "room": ("net_m2",),
    "room_share": ("percent",),
    "equipment": ("unit_price", "lifetime_years", "annual_service"),
    "equipment_share": ("percent",),
    "cost_line": ("amount", "per_m2", "m2", "percent"),
    "cost_spread": ("percent",),
    "financing": ("amount", "interest_pct"),
    "running_rate": ("per_gross_m2",),
    "service": ("annual",),
    "service_share": ("percent",),
    "catalog_tenant_kind": ("m2_per_clinician",),
    "catalog_tenant_kind_room": ("rooms_per_clinician",),
    "catalog_room_type": ("default_net_m2",),
    "catalog_equipment": ("unit_price", "lifetime_years", "annual_service"),
    "catalog_running_rate": ("per_gross_m2",),
}
CODE_COLUMNS: dict[tuple[str, str], type[StrEnum]] = {
    ("plan", "applicant_type"): ApplicantType,
    ("plan", "project_type"): ProjectType,
    ("tenant", "kind"): TenantKind,
    ("tenant", "sector"): Sector,
    ("room", "type"): RoomType,
    ("room", "shared_key"): AllocationKey,
    ("equipment", "shared_key"): AllocationKey,
    ("service", "shared_key"): AllocationKey,
    ("cost_line", "category"): CostCategory,
    ("cost_of", "category"): CostCategory,
    ("financing", "source"): FinancingSource,
    ("running_rate", "rate"): RunningRate,
    ("catalog_running_rate", "rate"): RunningRate,
    ("catalog_tenant_kind", "kind"): TenantKind,
    ("catalog_tenant_kind", "sector"): Sector,
    ("catalog_tenant_kind_room", "room_type"): RoomType,
    ("catalog_room_type", "room_type"): RoomType,
}
BOOL_COLUMNS = {("plan", "amounts_include_vat"), ("room", "vacant"), ("equipment", "in_project"),
                ("cost_line", "eligible"), ("financing", "repaid_by_rent")}  # fmt: skip

# Danish names of the tables, for messages a planner reads.
TABLE_DA = {
    "plan": "planen", "plan_year": "planens år", "partner": "partnere", "scenario": "scenarier",
    "tenant": "lejere", "room": "rum", "room_share": "rummenes andele", "equipment": "udstyr",
    "equipment_share": "udstyrets andele", "cost_line": "anlægsudgifter", "cost_of": "procentgrundlag",
    "cost_spread": "fordeling på år", "financing": "finansiering", "running_rate": "driftssatser",
    "service": "fælles ydelser", "service_share": "ydelsernes andele",
    "catalog_tenant_kind": "katalog: lejertyper", "catalog_tenant_kind_room": "katalog: rumnormer",
    "catalog_room_type": "katalog: rumtyper", "catalog_equipment": "katalog: udstyr",
    "catalog_running_rate": "katalog: driftssatser",
}  # fmt: skip


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """At most `limit` characters of a value for a message, control and bidi characters shown as '?'."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    short = text[:limit]
    short = "".join("?" if _unsafe_char(c) else c for c in short)
    return short + ("…" if len(text) > limit else "")


def _unsafe_char(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")


def _damaged(detail_da: str, detail_en: str) -> RefusedFile:
    return RefusedFile(
        f"Planen er beskadiget eller ændret uden for Sundhedshus og kan ikke åbnes: {detail_da}. "
        "Filen er ikke ændret; brug en sikkerhedskopi.",
        f"The plan is damaged or was changed outside Sundhedshus and cannot be opened: {detail_en}. "
        "The file was not changed; use a backup copy.",
    )


# --- the file itself -----------------------------------------------------------------------------


def _kind_of(mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        return "en mappe", "a folder"
    if stat.S_ISFIFO(mode):
        return "en navngivet pipe (FIFO)", "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en socket", "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhed", "a device"
    return "ikke en almindelig fil", "not a regular file"


def read_header(path: Path) -> bytes:
    """The first 100 bytes of a plan file, refusing anything but a regular file without ever blocking."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RefusedFile(f"Filen findes ikke: {path}", f"No such file: {path}") from None
    except OSError as exc:
        raise RefusedFile(f"Filen kan ikke læses: {path} ({exc.strerror})",
                          f"Cannot read the file: {path} ({exc.strerror})") from None  # fmt: skip
    if not stat.S_ISREG(st.st_mode):
        da, en = _kind_of(st.st_mode)
        raise RefusedFile(f"{path} er {da}, ikke en planfil", f"{path} is {en}, not a plan file")
    try:
        # O_NONBLOCK: if the name became a FIFO after the stat, opening it must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise RefusedFile(f"Filen kan ikke læses: {path} ({exc.strerror})",
                          f"Cannot read the file: {path} ({exc.strerror})") from None  # fmt: skip
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedFile(f"{path} er ikke en almindelig fil", f"{path} is not a regular file")
        return os.read(fd, 100)
    finally:
        os.close(fd)


def check_header(path: Path, head: bytes) -> None:
    """Rollback-journal mode and a journal beside the file that could be this plan's."""
    if len(head) >= 20 and (head[18] != 1 or head[19] != 1):
        # WAL (2): even a read-only connection would create `-shm` and read a `-wal` of unknown origin.
        raise _damaged("filen er i WAL-tilstand, som Sundhedshus ikke bruger",
                       "the file is in WAL mode, which Sundhedshus does not use")  # fmt: skip
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    wal = path.with_name(path.name + "-wal")
    if os.path.lexists(wal):
        # SQLite reads a `-wal` beside a database whatever its header says (and makes `-shm` to do so): a
        # stray or foreign one would change what is read, and an editor would copy it into the plan.
        raise RefusedFile(
            f"Ved siden af planen ligger {wal.name}, en WAL-fil som Sundhedshus ikke laver. Den er ikke brugt, og "
            "intet er ændret; flyt den væk og prøv igen.",
            f"Beside the plan is {wal.name}, a WAL file Sundhedshus does not make. It was not used and nothing "
            "was changed; move it away and try again.",
        )
    journal = path.with_name(path.name + "-journal")
    try:
        st = os.lstat(journal)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise RefusedFile(f"Journalfilen {journal.name} kan ikke læses ({exc.strerror}); planen er ikke åbnet",
                          f"The journal {journal.name} cannot be read ({exc.strerror})") from None  # fmt: skip
    if not stat.S_ISREG(st.st_mode):
        da, en = ("en genvej (symlink)", "a symlink") if stat.S_ISLNK(st.st_mode) else _kind_of(st.st_mode)
        raise RefusedFile(
            f"Ved siden af planen ligger {journal.name}, som er {da}, ikke en journal fra Sundhedshus. "
            "Planen er ikke åbnet og intet er ændret; flyt den fil væk og prøv igen.",
            f"Beside the plan is {journal.name}, which is {en}, not a Sundhedshus journal. The plan was not "
            "opened and nothing was changed; move that file away and try again.",
        )
    with open(journal, "rb") as f:
        jhead = f.read(28)
    if len(jhead) < 28 or jhead[:8] != JOURNAL_MAGIC:
        return  # not hot: SQLite ignores (and the next editing commit deletes) a journal without a header
    journal_page_size = int.from_bytes(jhead[24:28], "big")
    if journal_page_size != page_size:
        raise RefusedFile(
            f"Ved siden af planen ligger journalen {journal.name}, som ikke hører til denne plan "
            "(en anden sidestørrelse). Den er ikke brugt, og intet er ændret; flyt den væk og prøv igen.",
            f"Beside the plan is the journal {journal.name}, which does not belong to this plan (another page "
            "size). It was not used and nothing was changed; move it away and try again.",
        )


# --- the schema ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    """What the open checks compare: objects by (type, name, table), columns and indexes of each table."""

    objects: frozenset[tuple[str, str, str]]
    columns: dict[str, frozenset[tuple[str, str, int, str | None, int]]]
    indexes: dict[str, frozenset[tuple[str, int, tuple[str | None, ...]]]]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema_of(conn: sqlite3.Connection) -> Schema:
    objects = frozenset((str(t), str(n), str(tbl)) for t, n, tbl in conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master"))  # fmt: skip
    columns: dict[str, frozenset[tuple[str, str, int, str | None, int]]] = {}
    indexes: dict[str, frozenset[tuple[str, int, tuple[str | None, ...]]]] = {}
    for kind, name, _tbl in objects:
        if kind != "table" or name.startswith("sqlite_"):
            continue
        cols = conn.execute(f"PRAGMA table_xinfo({_quote(name)})").fetchall()
        # Compared by name, not position: a column added by a migration sits last, a new file's in its place.
        columns[name] = frozenset((str(c[1]), str(c[2]).upper(), int(c[3]), _norm_default(c[4]), int(c[5]))
                                  for c in cols)  # fmt: skip
        found = []
        for idx in conn.execute(f"PRAGMA index_list({_quote(name)})").fetchall():
            parts = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({_quote(idx[1])})").fetchall())
            found.append((str(idx[3]), int(idx[2]), parts))  # origin (c, u, pk), unique, columns
        indexes[name] = frozenset(found)
    return Schema(objects, columns, indexes)


def _norm_default(value: object) -> str | None:
    # sqlite-utils writes DEFAULT '' where the DDL says DEFAULT ''; both read back the same; keep as text.
    return None if value is None else str(value)


@cache
def expected_schema() -> Schema:
    """The schema a new plan file of this version has (made in memory from `schema.DDL`)."""
    from planners.store import schema

    conn = sqlite3.connect(":memory:")
    try:
        schema.create_schema(conn)
        return schema_of(conn)
    finally:
        conn.close()


_FOREIGN_KINDS = {"trigger": ("en trigger", "a trigger"), "view": ("et view", "a view")}


def _sql_words(sql: object) -> str:
    return " ".join(str(sql or "").split())


@cache
def own_triggers() -> frozenset[tuple[str, str]]:
    """The app's own triggers, (name, SQL with its whitespace collapsed), as a new plan file has them: a trigger
    the app made (one keeps a tenant's rent terms with its id) is ours only when its text is exactly ours."""
    from planners.store import schema

    conn = sqlite3.connect(":memory:")
    try:
        schema.create_schema(conn)
        return frozenset((str(n), _sql_words(sql)) for n, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))  # fmt: skip
    finally:
        conn.close()


def check_objects(conn: sqlite3.Connection) -> None:
    """No triggers, views, virtual tables or other objects but tables, indexes and the app's own triggers
    (any schema version)."""
    # Read as bytes: a damaged schema row may hold any bytes, and a refusal must quote them, not raise.
    rows = conn.execute("SELECT CAST(type AS BLOB), CAST(name AS BLOB), CAST(sql AS BLOB) FROM sqlite_master "
                        "ORDER BY rowid").fetchall()  # fmt: skip
    for kind, name, sql in ([None if b is None else bytes(b).decode("utf-8", "replace") for b in row] for row in rows):
        if kind in ("table", "index") and not str(sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
            continue
        if kind == "trigger" and (str(name), _sql_words(sql)) in own_triggers():
            continue
        da, en = _FOREIGN_KINDS.get(str(kind), ("et objekt af ukendt art", "an object of an unknown kind"))
        if str(sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
            da, en = "en virtuel tabel", "a virtual table"
        raise RefusedFile(
            f"Planen indeholder {da} («{excerpt(name)}»), som Sundhedshus ikke har lavet; den kunne ændre planen "
            "eller få programmet til at hænge. Planen er ikke åbnet og intet er ændret.",
            f"The plan contains {en} («{excerpt(name)}») that Sundhedshus did not make; it could change the "
            "plan or make the application hang. The plan was not opened and nothing was changed.",
        )


def check_schema(conn: sqlite3.Connection) -> None:
    """The file's schema equals the app's (current version) exactly."""
    check_objects(conn)
    have, want = schema_of(conn), expected_schema()
    if have == want:
        return
    want_tables = {n for t, n, _ in want.objects if t == "table"}
    have_tables = {n for t, n, _ in have.objects if t == "table"}
    for name in sorted(want_tables - have_tables):
        raise _damaged(f"tabellen «{name}» mangler", f"the table «{name}» is missing")
    for name in sorted(have_tables - want_tables):
        raise _damaged(f"tabellen «{excerpt(name)}» hører ikke til en plan",
                       f"the table «{excerpt(name)}» does not belong in a plan")  # fmt: skip
    for name in sorted(want_tables):
        if have.columns.get(name) != want.columns.get(name):
            have_cols = {c[0]: c for c in have.columns.get(name, frozenset())}
            want_cols = {c[0]: c for c in want.columns.get(name, frozenset())}
            for col in sorted(want_cols.keys() - have_cols.keys()):
                raise _damaged(f"tabel «{name}»: kolonnen «{col}» mangler",
                               f"table «{name}»: the column «{col}» is missing")  # fmt: skip
            for col in sorted(have_cols.keys() - want_cols.keys()):
                raise _damaged(f"tabel «{name}»: kolonnen «{excerpt(col)}» hører ikke til en plan",
                               f"table «{name}»: the column «{excerpt(col)}» does not belong in a plan")  # fmt: skip
            col = next(c for c in sorted(want_cols) if want_cols[c] != have_cols[c])
            raise _damaged(f"tabel «{name}»: kolonnen «{col}» er ændret (type, NOT NULL, standardværdi eller nøgle)",
                           f"table «{name}»: the column «{col}» was changed")  # fmt: skip
        if have.indexes.get(name) != want.indexes.get(name):
            raise _damaged(f"tabel «{name}»: nøgler eller indekser er ændret",
                           f"table «{name}»: its keys or indexes were changed")  # fmt: skip
    raise _damaged("skemaet er ændret", "the schema was changed")


# --- the values ----------------------------------------------------------------------------------


def _row_label(table: str, rowid: object) -> tuple[str, str]:
    return (f"tabel «{table}» ({TABLE_DA.get(table, table)}), række {rowid}",
            f"table «{table}», row {rowid}")  # fmt: skip


def _bad(table: str, rowid: object, column: str, why_da: str, why_en: str, value: object) -> RefusedFile:
    where_da, where_en = _row_label(table, rowid)
    shown = "" if value is None else f" (fandt «{excerpt(value)}»)"
    shown_en = "" if value is None else f" (found «{excerpt(value)}»)"
    return _damaged(f"{where_da}, felt «{column}»: {why_da}{shown}", f"{where_en}, field «{column}»: {why_en}{shown_en}")


def check_values(conn: sqlite3.Connection) -> None:
    """Every stored value of every table: its type, a bounded decimal, a known code, valid bounded text."""
    want = expected_schema()
    old_factory = conn.text_factory
    conn.text_factory = bytes  # invalid UTF-8 must be our message, not sqlite3's decode error
    try:
        for table in sorted(want.columns):
            cols = {c[0]: c for c in want.columns[table]}
            names = sorted(cols)
            decimals = set(DECIMAL_COLUMNS.get(table, ()))
            # typeof() beside each value: with bytes as the text factory a BLOB and a TEXT look alike.
            select = ", ".join(f"{_quote(n)}, typeof({_quote(n)})" for n in names)
            for row in conn.execute(f"SELECT rowid, {select} FROM {_quote(table)}"):
                rowid = row[0]
                for i, name in enumerate(names):
                    value, kind = row[1 + 2 * i], row[2 + 2 * i]
                    if kind == b"blob" or kind == "blob":
                        raise _bad(table, rowid, name, "skal være en tekst eller et tal, ikke binære data",
                                   "must be a text or a number, not binary data", None)  # fmt: skip
                    _check_value(table, rowid, name, cols[name][1], value, decimals)
    finally:
        conn.text_factory = old_factory


def _check_value(table: str, rowid: object, name: str, decl: str, value: object, decimals: set[str]) -> None:
    if value is None:
        return  # NOT NULL is the schema's (compared exactly); an allowed NULL is the model's to judge
    if decl == "INTEGER":
        if not isinstance(value, int):
            raise _bad(table, rowid, name, "skal være et heltal", "must be a whole number", value)
        if abs(value) > MAX_INTEGER:
            raise _bad(table, rowid, name, "tallet er urimeligt stort", "the number is unreasonably large", value)
        if (table, name) in BOOL_COLUMNS and value not in (0, 1):
            raise _bad(table, rowid, name, "skal være 0 eller 1", "must be 0 or 1", value)
        return
    if not isinstance(value, bytes):
        raise _bad(table, rowid, name, "skal være en tekst", "must be a text", value)
    if len(value) > 4 * MAX_TEXT:
        raise _bad(table, rowid, name, f"teksten er for lang (højst {MAX_TEXT:_} tegn)".replace("_", "."),
                   f"the text is too long (at most {MAX_TEXT} characters)", value)  # fmt: skip
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(table, rowid, name, "teksten er ikke gyldig UTF-8", "the text is not valid UTF-8", value) from None
    if len(text) > MAX_TEXT:
        raise _bad(table, rowid, name, f"teksten er for lang (højst {MAX_TEXT:_} tegn)".replace("_", "."),
                   f"the text is too long (at most {MAX_TEXT} characters)", text)  # fmt: skip
    if "\x00" in text:
        raise _bad(table, rowid, name, "teksten indeholder et nul-tegn", "the text contains a NUL character", text)
    if name in decimals:
        if len(text) > MAX_DECIMAL_TEXT or not _DECIMAL.match(text):
            raise _bad(table, rowid, name, "skal være et tal", "must be a number", text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _bad(table, rowid, name, "skal være et tal", "must be a number", text) from None
        exponent = number.as_tuple().exponent
        if not number.is_finite() or not isinstance(exponent, int):
            raise _bad(table, rowid, name, "skal være et endeligt tal", "must be a finite number", text)
        if abs(number) > Decimal(10) ** 15 or exponent < -40:
            raise _bad(table, rowid, name, "tallet er uden for hvad en plan kan rumme (højst 10^15, 40 decimaler)",
                       "the number is outside what a plan can hold (at most 10^15, 40 decimals)", text)  # fmt: skip
        return
    codes = CODE_COLUMNS.get((table, name))
    if codes is not None and text not in {c.value for c in codes}:
        raise _bad(table, rowid, name, "ukendt kode", "unknown code", text)


def check_references(conn: sqlite3.Connection) -> None:
    """Every foreign key resolves (read-only: `foreign_key_check` writes nothing)."""
    row = conn.execute("PRAGMA foreign_key_check").fetchone()
    if row is not None:
        table, rowid, parent = str(row[0]), row[1], str(row[2])
        where_da, where_en = _row_label(table, rowid)
        raise _damaged(f"{where_da} henviser til noget i «{parent}», som ikke findes",
                       f"{where_en} refers to something in «{parent}» that does not exist")  # fmt: skip
    plan_rows = conn.execute("SELECT count(*) FROM plan").fetchone()[0]
    if plan_rows != 1:
        raise _damaged(f"tabellen «plan» skal have præcis én række (har {plan_rows})",
                       f"the table «plan» must have exactly one row (has {plan_rows})")  # fmt: skip


def check_file_contents(conn: sqlite3.Connection) -> None:
    """Schema, values and references of a current-version plan, before the plan is read."""
    check_schema(conn)
    check_values(conn)
    check_references(conn)


# --- the plan read from it -----------------------------------------------------------------------

_LIST_TABLES = {"tenants": "tenant", "rooms": "room", "equipment": "equipment", "costs": "cost_line",
                "financing": "financing", "services": "service"}  # fmt: skip
_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def locate(plan: Plan, path: str) -> tuple[str, str, str]:
    """(table, row, field) of a validation path such as `scenarios[0].rooms[3].net_m2`, as best it can."""
    steps = [(m.group(1), m.group(2)) for m in _STEP.finditer(path.split("«")[0])]
    table, row, field = "plan", "1", steps[-1][0] if steps else path
    if not steps:
        return table, row, field
    if steps[0][0] == "catalogs":
        return "catalog_" + (steps[1][0] if len(steps) > 1 else ""), path.split(".")[-1], field
    if steps[0][0] != "scenarios" or steps[0][1] is None:
        return table, row, field
    scenarios = plan.scenarios if isinstance(plan.scenarios, list) else []
    index = int(steps[0][1])
    obj: object = scenarios[index] if index < len(scenarios) else None
    table, row = "scenario", str(getattr(obj, "row_id", None) or index + 1)
    for name, idx in steps[1:]:
        if idx is None:
            continue
        lines = getattr(getattr(obj, "running", None), "services", None) if name == "services" else \
            getattr(obj, name, None)  # fmt: skip
        if name in _LIST_TABLES and isinstance(lines, list) and int(idx) < len(lines):
            line = lines[int(idx)]
            table, row = _LIST_TABLES[name], str(getattr(line, "row_id", None) or int(idx) + 1)
            break
    return table, row, field


def refuse_invalid(plan: Plan, problems: list[Problem]) -> RefusedFile:
    """A refusal naming table, row and field of the first invalid values (at most three)."""
    parts_da, parts_en = [], []
    for p in problems[:3]:
        table, row, field = locate(plan, p.path)
        where_da, where_en = _row_label(table, row)
        parts_da.append(f"{where_da}, felt «{field}»: {p.message_da}")
        parts_en.append(f"{where_en}, field «{field}»: {p.message_en or p.message_da}")
    more = len(problems) - 3
    if more > 0:
        parts_da.append(f"og {more} fejl mere")
        parts_en.append(f"and {more} more")
    return _damaged("; ".join(parts_da), "; ".join(parts_en))


# --- targets of writers --------------------------------------------------------------------------


def holds_sqlite(path: Path) -> bool:
    """Whether `path` is an existing regular file that starts like an SQLite database (a plan of any version)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        return os.read(fd, 16) == SQLITE_MAGIC
    finally:
        os.close(fd)


def is_plan_like(path: Path) -> bool:
    """A name that is, or could be, a plan or one of its companions; or an existing SQLite file."""
    name = path.name.lower()
    if name.endswith(PLAN_SUFFIX) or any(name.endswith(PLAN_SUFFIX + s) for s in ("-journal", "-wal", "-shm",
                                                                                    ".lock")):
        return True
    if ".sundhedshus.bak-v" in name:
        return True
    return holds_sqlite(path)


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def refuse_plan_target(target: Path, sources: tuple[Path, ...] = ()) -> None:
    """Raise `TargetRefused` if writing `target` could destroy a plan: it is a source of this command, a
    plan file (by name or by content: any SQLite database), or a plan's journal, lock or backup."""
    target = Path(target)
    for source in sources:
        if same_file(target, Path(source)):
            raise TargetRefused(
                f"{target.name} er selve kildefilen; den overskrives ikke. Vælg et andet filnavn.",
                f"{target.name} is the source file itself; it is not overwritten. Choose another file name.",
            )
    if is_plan_like(target):
        raise TargetRefused(
            f"{target.name} er en plan (eller hører til en); en eksport skrives aldrig oven i en plan. "
            "Vælg et andet filnavn.",
            f"{target.name} is a plan (or belongs to one); an export is never written over a plan. "
            "Choose another file name.",
        )
