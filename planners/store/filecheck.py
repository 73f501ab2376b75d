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

import datetime
import os
import re
import sqlite3
import stat
from collections.abc import Collection
from decimal import Decimal, InvalidOperation, Overflow
from enum import StrEnum
from functools import cache
from pathlib import Path

from planners.model import (
    AllocationKey,
    ApplicantType,
    ApprovalStatus,
    CommitmentStatus,
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
from planners.model.i18n import N_, Message
from planners.model.money import format_number
from planners.model.prebuilt import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
PLAN_SUFFIX = ".sundhedshus"

# Longest text a plan field may hold (a description of a few pages is far below); longer is damage or attack.
MAX_TEXT = 100_000
# The app's own JSON of a whole plan (the origin, a named version) or of one edit (the history) grows with the plan:
# a plan of 600 rooms writes ≈ 270.000 characters. Bounded by what SQLite itself stores in one value.
MAX_SNAPSHOT = 500_000_000
LONG_COLUMNS = {("origin", "snapshot"), ("version", "snapshot"), ("history", "forward"), ("history", "inverse")}
# Longest decimal text: 15 digits before the point and 40 after, a sign and a point, with room to spare.
MAX_DECIMAL_TEXT = 64
# Integers (counts, years, positions, row ids) beyond this are no plan's.
MAX_INTEGER = 10**15
EXCERPT = 40  # characters of a bad value quoted in a message


def _snapshot_limit(lang: str) -> str:
    return format_number(MAX_SNAPSHOT, 0, lang)


def _text_limit(lang: str) -> str:  # a value of messages: MAX_TEXT as each language writes numbers
    return format_number(MAX_TEXT, 0, lang)


# The forms judged value by value (`_check_value`) and the paths of a refusal (`locate`), compiled when first needed:
# a plan that opens never uses them (three expressions ≈ 0,3 ms CPU of `summary`; issue 19).
@cache
def _decimal_form() -> re.Pattern[str]:
    return re.compile(r"-?[0-9]+(\.[0-9]+)?(E[+-]?[0-9]+)?\Z")


@cache
def _iso_date_form() -> re.Pattern[str]:
    return re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


@cache
def _path_step_form() -> re.Pattern[str]:
    return re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


# Columns holding a Decimal as text (schema.dec): every other TEXT column is plain text or a code.
DECIMAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "plan": ("patients_per_gp",),
    "scenario": ("gross_factor",),
    "tenant": ("clinicians", "staff", "weekly_hours", "current_annual_rent"),
    "room": ("net_m2",),
    "room_share": ("percent",),
    "equipment": ("unit_price", "lifetime_years", "annual_service"),
    "equipment_share": ("percent",),
    "cost_line": ("amount", "per_m2", "m2", "percent", "grant_amount"),
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
    ("plan", "approval_status"): ApprovalStatus,
    ("tenant_commitment", "status"): CommitmentStatus,
    ("running_rate_source", "rate"): RunningRate,
}
# Columns holding a date as ISO text (version 5).
DATE_COLUMNS = {("plan", "approval_date"), ("milestone", "date"), ("tenant_commitment", "date")}
BOOL_COLUMNS = {("plan", "amounts_include_vat"), ("room", "vacant"), ("equipment", "in_project"),
                ("cost_line", "eligible"), ("financing", "repaid_by_rent")}  # fmt: skip

# Danish names of the tables (msgids), for messages a planner reads.
TABLE_DA = {
    "plan": N_("planen"), "plan_year": N_("planens år"), "partner": N_("partnere"), "scenario": N_("scenarier"),
    "tenant": N_("lejere"), "room": N_("rum"), "room_share": N_("rummenes andele"), "equipment": N_("udstyr"),
    "equipment_share": N_("udstyrets andele"), "cost_line": N_("anlægsudgifter"),
    "cost_of": N_("procentgrundlag"), "cost_spread": N_("fordeling på år"), "financing": N_("finansiering"),
    "running_rate": N_("driftssatser"), "service": N_("fælles ydelser"), "service_share": N_("ydelsernes andele"),
    "catalog_tenant_kind": N_("katalog: lejertyper"), "catalog_tenant_kind_room": N_("katalog: rumnormer"),
    "catalog_room_type": N_("katalog: rumtyper"), "catalog_equipment": N_("katalog: udstyr"),
    "catalog_running_rate": N_("katalog: driftssatser"),
    "milestone": N_("tidsplan"), "subproject": N_("delprojekter"), "tenant_commitment": N_("lejernes tilsagn"),
    "running_rate_source": N_("driftssatsernes kilder"),
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


def _damaged(detail: str, /, **values: object) -> RefusedFile:
    """The refusal of a damaged plan; `detail` is a msgid (marked with N_) filled with `values`."""
    return RefusedFile(
        "Planen er beskadiget eller ændret uden for Sundhedshus og kan ikke åbnes: {detail}. "
        "Filen er ikke ændret; brug en sikkerhedskopi.",
        detail=Message.of(detail, **values),
    )


# --- the file itself -----------------------------------------------------------------------------


def _kind_of(mode: int) -> Message:
    if stat.S_ISDIR(mode):
        return Message.of(N_("en mappe"))
    if stat.S_ISFIFO(mode):
        return Message.of(N_("en navngivet pipe (FIFO)"))
    if stat.S_ISSOCK(mode):
        return Message.of(N_("en socket"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Message.of(N_("en enhed"))
    return Message.of(N_("ikke en almindelig fil"))


def read_header(path: Path) -> bytes:
    """The first 100 bytes of a plan file, refusing anything but a regular file without ever blocking."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RefusedFile("Filen findes ikke: {path}", path=path) from None
    except OSError as exc:
        raise RefusedFile("Filen kan ikke læses: {path} ({reason})", path=path, reason=exc.strerror) from None
    if not stat.S_ISREG(st.st_mode):
        raise RefusedFile("{path} er {kind}, ikke en planfil", path=path, kind=_kind_of(st.st_mode))
    try:
        # O_NONBLOCK: if the name became a FIFO after the stat, opening it must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise RefusedFile("Filen kan ikke læses: {path} ({reason})", path=path, reason=exc.strerror) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedFile("{path} er ikke en almindelig fil", path=path)
        return os.read(fd, 100)
    finally:
        os.close(fd)


def check_header(path: Path, head: bytes) -> None:
    """Rollback-journal mode and a journal beside the file that could be this plan's."""
    if len(head) >= 20 and (head[18] != 1 or head[19] != 1):
        # WAL (2): even a read-only connection would create `-shm` and read a `-wal` of unknown origin.
        raise _damaged(N_("filen er i WAL-tilstand, som Sundhedshus ikke bruger"))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    wal = path.with_name(path.name + "-wal")
    if os.path.lexists(wal):
        # SQLite reads a `-wal` beside a database whatever its header says (and makes `-shm` to do so): a
        # stray or foreign one would change what is read, and an editor would copy it into the plan.
        raise RefusedFile(
            "Ved siden af planen ligger {name}, en WAL-fil som Sundhedshus ikke laver. Den er ikke brugt, og "
            "intet er ændret; flyt den væk og prøv igen.",
            name=wal.name,
        )
    journal = path.with_name(path.name + "-journal")
    try:
        st = os.lstat(journal)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise RefusedFile("Journalfilen {name} kan ikke læses ({reason}); planen er ikke åbnet",
                          name=journal.name, reason=exc.strerror) from None  # fmt: skip
    if not stat.S_ISREG(st.st_mode):
        kind = Message.of(N_("en genvej (symlink)")) if stat.S_ISLNK(st.st_mode) else _kind_of(st.st_mode)
        raise RefusedFile(
            "Ved siden af planen ligger {name}, som er {kind}, ikke en journal fra Sundhedshus. "
            "Planen er ikke åbnet og intet er ændret; flyt den fil væk og prøv igen.",
            name=journal.name, kind=kind,
        )
    with open(journal, "rb") as f:
        jhead = f.read(28)
    if len(jhead) < 28 or jhead[:8] != JOURNAL_MAGIC:
        return  # not hot: SQLite ignores (and the next editing commit deletes) a journal without a header
    journal_page_size = int.from_bytes(jhead[24:28], "big")
    if journal_page_size != page_size:
        raise RefusedFile(
            "Ved siden af planen ligger journalen {name}, som ikke hører til denne plan "
            "(en anden sidestørrelse). Den er ikke brugt, og intet er ændret; flyt den væk og prøv igen.",
            name=journal.name,
        )
    if not _journal_fits(path, head, journal, jhead, page_size):
        raise RefusedFile(
            "Ved siden af planen ligger journalen {name}, som ikke hører til denne plan (dens sider passer "
            "ikke til planens). Den er ikke brugt, og intet er ændret; flyt den væk og prøv igen.",
            name=journal.name,
        )


def _journal_fits(path: Path, head: bytes, journal: Path, jhead: bytes, page_size: int) -> bool:
    """Whether a hot journal is this plan's (issue 20.8). SQLite rolls back ANY valid journal beside a file:
    another plan's, left or copied beside this one, would write that plan's pages into this one (a copy with
    another title became this plan's title, and an editing open made it permanent).

    A journal holds the pages as they were when its transaction began; a page is journaled before it is
    changed in the file. This app's editing connection never spills pages before its commit (`cache_spill =
    OFF`), and a commit writes its pages in ascending order, page 1 (the header, its change counter + 1) first.
    So a journal of this plan is in one of two states, and is applied only if it fits one exactly:
    - nothing of its transaction reached the file yet (page 1 not journaled, or the file's change counter still
      the image's): EVERY journaled page, page 1 included, is still in the file byte for byte as journaled, and
      the header's page count is the journal's at the start — rolling back changes nothing;
    - the commit had begun writing (the file's counter is the image's + 1): the file is then a mix of new and
      old pages, so the pages cannot prove it. What can: a commit changes only the counters, sizes, free list,
      schema cookie and user version of the header — every other header byte equals the image's, the
      "version valid for" equals the new counter, and page 1's b-tree is the image's unless the schema cookie
      changed — and this app writes a plan in place only under its lock: an editor killed in its commit leaves
      its lock file beside the plan. Another plan's journal whose page 1 happens to carry this file's counter
      − 1 (a copy of this plan edited as often as it, say) is refused when no lock file is beside the plan.
    """
    count_at_start = int.from_bytes(jhead[16:20], "big")
    sector = int.from_bytes(jhead[20:24], "big")
    if not 512 <= sector <= 65536:
        return False
    size = journal.stat().st_size
    record_size = 4 + page_size + 4
    counter = int.from_bytes(head[24:28], "big")
    page1: bytes | None = None
    pages: list[tuple[int, bytes]] = []
    with open(journal, "rb") as f:
        # Every segment, as SQLite plays them back: a header (at a multiple of the sector size) and its records;
        # a journal synced more than once (pages spilled in a big transaction) has several.
        offset, first = 0, True
        while offset + 28 <= size:
            f.seek(offset)
            header = f.read(28)
            if header[:8] != JOURNAL_MAGIC:
                break
            records = int.from_bytes(header[8:12], "big")
            if records in (0, 0xFFFFFFFF):  # not synced: counted by the file's size (at most what is there)
                records = max(0, (size - offset - sector) // record_size)
            records = min(records, max(0, (size - offset - sector) // record_size))
            f.seek(offset + sector)
            for _ in range(records):
                record = f.read(record_size)
                number = int.from_bytes(record[:4], "big")
                if len(record) < record_size or number == 0:
                    break
                image = record[4:4 + page_size]
                if number == 1 and first:
                    page1 = image  # the header as the transaction found it (a later image is no older)
                elif 1 < number <= count_at_start:
                    pages.append((number, image))
            end = offset + sector + records * record_size
            offset, first = -(-end // sector) * sector, False
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if page1 is not None:
            image_counter = int.from_bytes(page1[24:28], "big")
            if int.from_bytes(page1[28:32], "big") != count_at_start:
                return False
            if counter == image_counter:  # nothing written yet: page 1 and every other page as journaled
                pages.append((1, page1))
            elif counter == (image_counter + 1) & 0xFFFFFFFF:  # the commit had begun (page 1 written first)
                file_page1 = os.pread(fd, page_size, 0)
                return (page1[16:24] == head[16:24] and page1[44:60] == head[44:60]
                        and page1[64:92] == head[64:92] and head[92:96] == head[24:28]
                        and (page1[40:44] != head[40:44] or page1[100:] == file_page1[100:])
                        and _editor_lock_beside(path))  # fmt: skip
            else:
                return False
        elif int.from_bytes(head[28:32], "big") != count_at_start:
            return False
        return all(os.pread(fd, page_size, (number - 1) * page_size) == image for number, image in pages)
    finally:
        os.close(fd)


def _editor_lock_beside(path: Path) -> bool:
    """Whether a lock file (`planners.store.lock`: the plan's name + ".lock") is beside the plan, as an
    editor of this app leaves it when it is killed: it takes the lock before it writes a byte of the plan."""
    try:
        return stat.S_ISREG(os.lstat(path.with_name(path.name + ".lock")).st_mode)
    except OSError:
        return False


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


_MASTER_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master"


def _master(conn: sqlite3.Connection) -> frozenset[tuple[object, ...]]:
    return frozenset(tuple(row) for row in conn.execute(_MASTER_SQL))


@cache
def _new_plan_schema() -> tuple[Schema, frozenset[tuple[str, str]], frozenset[tuple[object, ...]]]:
    """The schema, the app's own triggers and the rows of `sqlite_master` of a new plan file of this version, as
    kept in `schema_constant` (issue 19: made in memory from `schema.DDL` in every process, it cost ≈ 7 ms of each
    command; `tests/planners/test_schema_constant.py` fails when the constant is not what a new file gets)."""
    from planners.store import schema_constant as k

    return Schema(k.OBJECTS, dict(k.COLUMNS), dict(k.INDEXES)), k.TRIGGERS, k.MASTER


def built_plan_schema() -> tuple[Schema, frozenset[tuple[str, str]], frozenset[tuple[object, ...]]]:
    """What `_new_plan_schema` keeps, made from one in-memory database created with `schema.DDL`."""
    from planners.store import schema

    conn = sqlite3.connect(":memory:")
    try:
        schema.create_schema(conn)
        triggers = frozenset((str(n), _sql_words(sql)) for n, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))  # fmt: skip
        return schema_of(conn), triggers, _master(conn)
    finally:
        conn.close()


ForeignKey = tuple[str, tuple[str, ...], str, tuple[str, ...]]  # (table, its columns, parent table, parent's columns)


def built_foreign_keys() -> tuple[ForeignKey, ...]:
    """The foreign keys of a new plan file (`PRAGMA foreign_key_list` of each table), by table and key: what
    `schema_constant.FOREIGN_KEYS` keeps for the one-scenario read's scoped check (`shown_references_broken`)."""
    from planners.store import schema

    conn = sqlite3.connect(":memory:")
    try:
        schema.create_schema(conn)
        tables = sorted(str(n) for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        keys: list[ForeignKey] = []
        for table in tables:
            found: dict[int, list[tuple[int, str, str, str]]] = {}
            for row in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})"):
                found.setdefault(int(row[0]), []).append((int(row[1]), str(row[3]), str(row[2]), str(row[4])))
            for _key, cols in sorted(found.items()):
                cols.sort()
                keys.append((table, tuple(c[1] for c in cols), cols[0][2], tuple(c[3] for c in cols)))
        return tuple(keys)
    finally:
        conn.close()


def schema_constant_text() -> str:
    """The text of `planners/store/schema_constant.py` for this version's schema (write it with
    `python -c "from planners.store import filecheck; filecheck.write_schema_constant()"`)."""
    from planners.store.schema import SCHEMA_VERSION

    built, triggers, master = built_plan_schema()
    keys = built_foreign_keys()
    lines = [
        f'"""The schema of a new plan file of version {SCHEMA_VERSION}, as `filecheck` compares a file against it.',
        "",
        "Generated by `filecheck.write_schema_constant()` from `schema.DDL`; never edited by hand. A test",
        "(tests/planners/test_schema_constant.py) fails when `schema.py` changes and this file does not.",
        '"""',
        "# ruff: noqa: E501",
        "",
        f"SCHEMA_VERSION = {SCHEMA_VERSION}",
        "",
        "OBJECTS: frozenset[tuple[str, str, str]] = frozenset({",
        *(f"    {o!r}," for o in sorted(built.objects)),
        "})",
        "COLUMNS: dict[str, frozenset[tuple[str, str, int, str | None, int]]] = {",
        *(f"    {t!r}: frozenset({{\n" + "".join(f"        {c!r},\n" for c in sorted(built.columns[t], key=repr))
          + "    })," for t in sorted(built.columns)),
        "}",
        "INDEXES: dict[str, frozenset[tuple[str, int, tuple[str | None, ...]]]] = {",
        *(f"    {t!r}: frozenset({{" + "".join(f"\n        {i!r}," for i in sorted(built.indexes[t], key=repr))
          + ("\n    " if built.indexes[t] else "") + "})," for t in sorted(built.indexes)),
        "}",
        "TRIGGERS: frozenset[tuple[str, str]] = frozenset({",
        *(f"    {t!r}," for t in sorted(triggers)),
        "})",
        "MASTER: frozenset[tuple[object, ...]] = frozenset({",
        *(f"    {m!r}," for m in sorted(master, key=repr)),
        "})",
        "# (table, its columns, parent table, parent's columns): the scoped check of a one-scenario read",
        "FOREIGN_KEYS: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...] = (",
        *(f"    {k!r}," for k in keys),
        ")",
        "# The statements of a one-scenario read (`filecheck.generated_sql`), from the schema above, its foreign keys",
        "# and the limits and codes of `planners.model` (`validation`, `readiness`, the enums).",
        "SHOWN_SQL: dict[str, object] = {",
        *_generated_lines(generated_sql(built, keys)),
        "}",
        "",
    ]
    return "\n".join(lines)


def _generated_lines(sql: dict[str, Any]) -> list[str]:
    """`generated_sql`'s dict as the lines of a literal, one entry (a table's statement, a part) a line."""
    lines: list[str] = []
    for key, value in sql.items():
        if isinstance(value, dict):
            lines += [f"    {key!r}: {{", *(f"        {t!r}: {v!r}," for t, v in value.items()), "    },"]
        elif key == "references":
            lines += [f"    {key!r}: (", *(f"        {part!r}," for part in value), "    ),"]
        else:
            lines.append(f"    {key!r}: {value!r},")
    return lines


def write_schema_constant() -> None:
    from planners.store import schema_constant

    Path(schema_constant.__file__).write_text(schema_constant_text(), encoding="utf-8")


def expected_schema() -> Schema:
    """The schema a new plan file of this version has (made in memory from `schema.DDL`)."""
    return _new_plan_schema()[0]


_FOREIGN_KINDS = {"trigger": N_("en trigger"), "view": N_("et view")}


def _sql_words(sql: object) -> str:
    return " ".join(str(sql or "").split())


def own_triggers() -> frozenset[tuple[str, str]]:
    """The app's own triggers, (name, SQL with its whitespace collapsed), as a new plan file has them: a trigger
    the app made (one keeps a tenant's rent terms with its id) is ours only when its text is exactly ours."""
    return _new_plan_schema()[1]


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
        what = _FOREIGN_KINDS.get(str(kind), N_("et objekt af ukendt art"))
        if str(sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
            what = N_("en virtuel tabel")
        raise RefusedFile(
            "Planen indeholder {kind} («{name}»), som Sundhedshus ikke har lavet; den kunne ændre planen "
            "eller få programmet til at hænge. Planen er ikke åbnet og intet er ændret.",
            kind=Message.of(what), name=excerpt(name),
        )


def check_schema(conn: sqlite3.Connection) -> bool:
    """The file's schema equals the app's (current version) exactly. True where its text is a new file's too (then
    its foreign keys are `schema_constant.FOREIGN_KEYS`); False where it equals column by column only."""
    check_objects(conn)
    # SQLite builds every table, index and trigger from its text in sqlite_master: where every row there is the text a
    # new plan file of this version has, the schema is the app's (one statement; comparing column by column took a
    # hundred). A file that differs in text only (an older file upgraded by ALTER TABLE) is compared as before.
    try:
        if _master(conn) == _new_plan_schema()[2]:
            return True
    except sqlite3.Error:
        pass  # judged and worded below
    have, want = schema_of(conn), expected_schema()
    if have == want:
        return False
    want_tables = {n for t, n, _ in want.objects if t == "table"}
    have_tables = {n for t, n, _ in have.objects if t == "table"}
    for name in sorted(want_tables - have_tables):
        raise _damaged(N_("tabellen «{name}» mangler"), name=name)
    for name in sorted(have_tables - want_tables):
        raise _damaged(N_("tabellen «{name}» hører ikke til en plan"), name=excerpt(name))
    for name in sorted(want_tables):
        if have.columns.get(name) != want.columns.get(name):
            have_cols = {c[0]: c for c in have.columns.get(name, frozenset())}
            want_cols = {c[0]: c for c in want.columns.get(name, frozenset())}
            for col in sorted(want_cols.keys() - have_cols.keys()):
                raise _damaged(N_("tabel «{name}»: kolonnen «{column}» mangler"), name=name, column=col)
            for col in sorted(have_cols.keys() - want_cols.keys()):
                raise _damaged(N_("tabel «{name}»: kolonnen «{column}» hører ikke til en plan"),
                               name=name, column=excerpt(col))  # fmt: skip
            col = next(c for c in sorted(want_cols) if want_cols[c] != have_cols[c])
            raise _damaged(N_("tabel «{name}»: kolonnen «{column}» er ændret (type, NOT NULL, standardværdi eller "
                              "nøgle)"), name=name, column=col)  # fmt: skip
        if have.indexes.get(name) != want.indexes.get(name):
            raise _damaged(N_("tabel «{name}»: nøgler eller indekser er ændret"), name=name)
    raise _damaged(N_("skemaet er ændret"))


# --- the values ----------------------------------------------------------------------------------


def _row_label(table: str, rowid: object) -> Message:
    # A table unknown to TABLE_DA (never one of a checked plan) is named by itself, not translated.
    return Message.of(N_("tabel «{table}» ({name}), række {row}"), table=table,
                      name=Message.of(TABLE_DA.get(table, table)), row=rowid)  # fmt: skip


def _bad(table: str, rowid: object, column: str, why: str, value: object, /, **values: object) -> RefusedFile:
    """A bad value: `why` is a msgid (marked with N_) filled with `values`."""
    where, reason = _row_label(table, rowid), Message.of(why, **values)
    if value is None:
        return _damaged(N_("{where}, felt «{column}»: {why}"), where=where, column=column, why=reason)
    return _damaged(N_("{where}, felt «{column}»: {why} (fandt «{value}»)"), where=where, column=column,
                    why=reason, value=excerpt(value))  # fmt: skip


# Tables checked when they are read, not when the plan is opened: the history grows by an entry with every edit
# and is only read by the history page and "Gå tilbage hertil" (issue 18.1). Checking its 10.000 entries at every
# open made opening five times slower; `check_table` checks it (pages and values) before it is read.
CHECKED_WHEN_READ = frozenset({"history"})


# The columns a one-scenario read (`planfile._check_shown`) neither reads nor judges: the origin's snapshot (the whole
# plan as JSON, 0,5 MB on the large plan, read only by a merge: `planners.store.origin`). The commands that read it
# judge it (`read_plan`'s open judges every value); a summary judging it cost ≈ 0,56 ms and 121 page faults.
UNREAD_BY_ONE_SCENARIO = frozenset({("origin", "snapshot")})

# The tables whose pages a one-scenario read leaves out of its `quick_check` (`planfile.read_plan_scenario`): the
# origin, whose snapshot it never reads (35 % of the large plan's file, ≈ 0,3 ms of `summary`; issue 19, s20-sql). Its
# other columns are judged as ever (`check_values`), from the row's first page. Where anything is found, the whole file
# is checked, pages first, and refused in the words of every open.
PAGES_UNREAD_BY_ONE_SCENARIO = frozenset({"origin"})


def check_values(conn: sqlite3.Connection, tables: Collection[str] | None = None,
                 unread: Collection[tuple[str, str]] = (), filled: Collection[str] | None = None) -> None:  # fmt: skip
    """Every stored value of every table (or of `tables`; by default all but `CHECKED_WHEN_READ`): its type, a
    bounded decimal, a known code, valid bounded text. The columns of `unread` ((table, column)) are not judged:
    the caller reads none of their values. `filled`: the tables holding a row, where the caller asked
    (`tables_with_rows`)."""
    want = expected_schema()
    chosen = sorted(t for t in want.columns if t not in CHECKED_WHEN_READ) if tables is None else sorted(tables)
    if filled is None:
        filled = _with_rows(conn, chosen)
    old_factory = conn.text_factory
    conn.text_factory = bytes  # invalid UTF-8 must be our message, not sqlite3's decode error
    try:
        for table in chosen:
            if table not in filled:
                continue  # not one row: no value to judge (a plan leaves most of its 35 tables empty)
            decimals = set(DECIMAL_COLUMNS.get(table, ()))
            prepared = _generated_head_sql(table, unread)
            if prepared is not None and _clean_in_sql(conn, table, {}, decimals, prepared=prepared):
                continue  # the statement generated ahead said what `_clean_in_sql` would build and ask
            cols = {c[0]: c for c in want.columns[table]}
            names = sorted(n for n in cols if (table, n) not in unread)
            required = {n for n in names if cols[n][2]}
            if prepared is None and _clean_in_sql(conn, table, {n: cols[n][1] for n in names}, decimals, required,
                                                  _rowid_alias(cols)):  # fmt: skip
                continue  # no value of the table can fail a rule below: not one value is read into Python
            # typeof() beside each value: with bytes as the text factory a BLOB and a TEXT look alike.
            select = ", ".join(f"{_quote(n)}, typeof({_quote(n)})" for n in names)
            for row in conn.execute(f"SELECT rowid, {select} FROM {_quote(table)}"):
                rowid = row[0]
                for i, name in enumerate(names):
                    value, kind = row[1 + 2 * i], row[2 + 2 * i]
                    if kind == b"blob" or kind == "blob":
                        raise _bad(table, rowid, name, N_("skal være en tekst eller et tal, ikke binære data"), None)
                    _check_value(table, rowid, name, cols[name][1], value, decimals)
    finally:
        conn.text_factory = old_factory


def _rowid_alias(cols: dict[str, tuple[str, str, int, str | None, int]]) -> str | None:
    """The column that is the table's rowid (`id INTEGER PRIMARY KEY`): the one key column, of type INTEGER. The file's
    schema equals ours (`check_schema` passed before any value is judged): a WITHOUT ROWID table or a key declared
    DESC, the cases where such a column is not the rowid, has an index of its key the app's tables have not."""
    keys = [c for c in cols.values() if c[4]]
    return keys[0][0] if len(keys) == 1 and keys[0][1] == "INTEGER" else None


def _with_rows(conn: sqlite3.Connection, tables: Collection[str]) -> set[str]:
    """The tables of `tables` holding at least one row, asked in one statement (a statement per empty table, made
    and run, was ≈ 1 ms CPU of every open; issue 19). Each is asked of the table itself (NOT INDEXED: an index,
    which `quick_check` does not compare with its table, never answers for it), stopping at its first row."""
    if not tables:
        return set()
    order = list(tables)
    asked = ", ".join(f"EXISTS (SELECT 1 FROM {_quote(t)} NOT INDEXED)" for t in order)
    row = conn.execute(f"SELECT {asked}").fetchone()
    return {t for t, has in zip(order, row, strict=True) if has}


def tables_with_rows(conn: sqlite3.Connection) -> frozenset[str]:
    """The app's tables holding at least one row, but those checked when read (`CHECKED_WHEN_READ`), in one statement
    (`_with_rows`): a one-scenario read asks once for its value checks, `judge_shown` and the foreign keys."""
    kept = _generated().get("with_rows")
    if kept is None:
        return frozenset(_with_rows(conn, sorted(t for t in expected_schema().columns if t not in CHECKED_WHEN_READ)))
    order, sql = kept
    return frozenset(t for t, has in zip(order, conn.execute(sql).fetchone(), strict=True) if has)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _column_ok_sql(table: str, name: str, decl: str, decimals: set[str], required: bool = False) -> str:
    """An SQL condition true (1) only where the column's value certainly passes `_check_value`: a cautious
    over-approximation of the refusals (a value it doubts is checked by `_check_value` itself, which then
    decides and words the refusal). Comparisons are in BINARY, whatever the column's collation.
    An INTEGER column's condition holds for any number in range, a REAL too: that its values are integers is
    judged once per table by `_integers_sql` (a function per value, `typeof`, cost more than the rest of the
    condition). `required` (the schema says NOT NULL): a NULL is doubted too, so the sum over the row adds up."""
    c = _quote(name)
    if decl == "INTEGER":
        # Without affinity (+), a text or blob sorts after every number: only a number in range passes.
        low = 0 if (table, name) in BOOL_COLUMNS else -MAX_INTEGER
        high = 1 if (table, name) in BOOL_COLUMNS else MAX_INTEGER
        ok = f"+{c} BETWEEN {low} AND {high}"
        return f"({ok})" if required else f"({c} IS NULL OR ({ok}))"
    # A TEXT value, by comparisons alone (a function per value costs more than the rest of the scan): without
    # affinity (+), numbers sort before any text and blobs after it. NUL bytes, UTF-8, the length and a decimal's
    # form are judged in Python on the column's values joined (`_clean_in_sql`).
    ok = f"+{c} >= '' AND +{c} < x''"
    if (table, name) in LONG_COLUMNS:
        # The same judgement (a TEXT value) without loading the value: a snapshot of an XL plan is 5 MB, and a
        # comparison reads all of it (typeof reads the record's header only).
        ok = f"typeof({c}) = 'text'"
    if (table, name) in DATE_COLUMNS:
        # date() with a modifier moves an impossible day (02-30) on, so it differs from the text.
        ok += (f" AND {c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND {c} >= '0001' COLLATE BINARY"
               f" AND date({c}, '+0 days') = {c} COLLATE BINARY")
    codes = CODE_COLUMNS.get((table, name))
    if codes is not None:
        ok += f" AND {c} COLLATE BINARY IN ({', '.join(_sql_text(str(x.value)) for x in codes)})"
    return f"({c} IS NULL OR ({ok}))"


# The separator joining a column's values for `_clean_in_sql`: a text literal, so SQLite appends it as it is (a blob
# separator, x'00', is converted to text, copied, for every value: ≈ 1 ms CPU of the large plan's rooms alone). Any
# character may be in a valid text but NUL, so a value holding the separator is told by the count: such a table is
# read value by value. The unit separator (U+001F), which no text of a plan needs.
_JOIN = "\x1f"
_JOIN_BYTE = _JOIN.encode()

# A decimal `_check_value` certainly passes: at most 15 digits before the point (below 10^15) and 40 after, no
# exponent (a rarer form is doubted, and judged by `_check_value`).
_PLAIN_DECIMAL = re.compile(rb"-?[0-9]{1,15}(?:\.[0-9]{1,40})?\Z")


def _integers_sql(decls: dict[str, str], required: Collection[str]) -> list[str]:
    """Aggregates whose every value is 'integer' (or 'null': no value) only where every value of the INTEGER columns
    is an integer, given that each row passed `_column_ok_sql`: sum() is an integer exactly when every value it adds
    is one (SQLite: any other value makes it a REAL). The NOT NULL columns of a row are added into one sum (no NULL
    passed their condition); each other column has its own (sum() skips its NULLs). An integer overflow is an
    error: the caller then reads the table value by value."""
    ints = [n for n, d in decls.items() if d == "INTEGER"]
    summed = [_quote(n) for n in ints if n in required]
    out = [f"typeof(sum({' + '.join(summed)}))"] if summed else []
    return out + [f"typeof(sum({_quote(n)}))" for n in ints if n not in required]


# A statement of `_clean_in_sql` with what reading its one row needs: (its text, the text columns joined in their
# order, the number of integer aggregates, the `LONG_COLUMNS` columns judged after it, the number of extras, whether
# the rowids' range is asked). Built by `_clean_sql`; those of a one-scenario read kept in `schema_constant.CLEAN_SQL`.
CleanSql = tuple[str, tuple[str, ...], int, tuple[str, ...], int, bool]


def _clean_sql(table: str, decls: dict[str, str], decimals: Collection[str], required: Collection[str] = (),
               rowid_alias: str | None = None, scope: tuple[str, str] | None = None,
               extras: tuple[str, ...] = ()) -> CleanSql:  # fmt: skip
    """The statement `_clean_in_sql` runs (see there); `scope`: (access, where) of the rows in scope."""
    per_row = {n: d for n, d in decls.items() if n != rowid_alias}
    conditions = " AND ".join(_column_ok_sql(table, n, d, set(decimals), n in required)
                              for n, d in per_row.items()) or "1"  # fmt: skip
    integers = _integers_sql(per_row, required)
    # A code or a date that SQLite found equal to one of ours is plain ASCII: only the other texts are read.
    texts = [n for n, d in decls.items() if d != "INTEGER" and (table, n) not in CODE_COLUMNS
             and (table, n) not in DATE_COLUMNS and (table, n) not in LONG_COLUMNS]  # fmt: skip
    # Each value joined as the TEXT it is (every row counted passed its condition: a TEXT or NULL): the bytes stored,
    # as `CAST(… AS BLOB)` gave them, without a conversion and a copy per value (≈ 0,5 ms of the large plan's rooms).
    # The file is UTF-8, so no text is translated on the way: `check_objects` refuses a UTF-16 file (its schema's
    # `type` column, read as stored bytes, is never 'table'; test_filecheck_join).
    joined = "".join(f", group_concat({_quote(n)}, '{_JOIN}'), count({_quote(n)})" for n in texts)
    joined += "".join(f", {i}" for i in integers)
    if scope is not None:
        # One pass over the rows in scope: those passing every condition counted against all of them (any row failing
        # one is a doubt before its joined text is looked at), the rowids judged, and their range.
        if rowid_alias is not None:
            joined += ", group_concat(rowid), min(rowid), max(rowid)"
        joined += "".join(f", {e}" for e in extras)
        sql = (f"SELECT count(CASE WHEN {conditions} THEN 1 END), count(*){joined} FROM {_quote(table)} "
               f"{scope[0]} WHERE {scope[1]}")  # fmt: skip
    else:
        if rowid_alias is not None:
            joined += f", (SELECT min(rowid) FROM {_quote(table)} NOT INDEXED), (SELECT max(rowid) FROM " \
                      f"{_quote(table)} NOT INDEXED)"
        # One statement, one scan: the rows whose every condition holds (CASE WHEN judges them as jumps, each
        # stopping at its first answer, and takes NULL as a doubt), counted against all rows, and their texts joined.
        sql = (f"SELECT count(*), (SELECT count(*) FROM {_quote(table)} NOT INDEXED){joined} FROM {_quote(table)} "
               f"NOT INDEXED WHERE CASE WHEN {conditions} THEN 1 ELSE 0 END")  # fmt: skip
    longs = tuple(n for n in decls if (table, n) in LONG_COLUMNS)
    return sql, tuple(texts), len(integers), longs, len(extras), rowid_alias is not None


def _clean_in_sql(conn: sqlite3.Connection, table: str, decls: dict[str, str], decimals: set[str],
                  required: Collection[str] = (), rowid_alias: str | None = None,
                  scope: Scope | None = None, extras: tuple[str, ...] = (),
                  answers: list[object] | None = None, prepared: CleanSql | None = None) -> bool:  # fmt: skip
    """Whether every value of `table` certainly passes `_check_value`, decided by SQLite and one look at each text
    column: one query finds whether any row holds a value of the wrong type, an unknown code or an impossible date,
    and reads each text column's values joined by `_JOIN` (a text separator: see there), with their number: as many
    separators as values less one means no value holds the separator, so the parts are the values; then no NUL, valid
    UTF-8 (ASCII is; the separator is ASCII, so it neither makes nor breaks a character), the longest value, and a
    decimal column's form by one regular expression. False means "read the table value by value": the refusal, if
    any, is then found and worded exactly as before.

    `rowid_alias`: the column that is the table's rowid. SQLite keeps a rowid an integer in every row, so of the value
    check's rules only the range is left, judged on the smallest and largest rowid, which SQLite finds at the ends of
    the table's b-tree (its order is `quick_check`'s), not row by row (≈ 0,5 ms of the large plan's rooms).

    `scope`: only the rows it selects are judged (the shown scenario's lines and their children, `judge_shown`), in one
    pass, their rowids' range among them; a line table's judged rowids are appended to `scope.judged`. `extras`:
    aggregates over the same rows computed in the same statement (`_shown_extras`), their values appended to `answers`
    (nothing where the statement failed)."""
    if prepared is None:
        prepared = _clean_sql(table, decls, decimals, required, rowid_alias,
                              None if scope is None else (scope.access, scope.where), extras)  # fmt: skip
    sql, texts, n_integers, longs, n_extras, ranged = prepared
    params: dict[str, object] | tuple[()] = () if scope is None else scope.params
    try:
        row = conn.execute(sql, params).fetchone()
    except sqlite3.DataError:
        return False  # more text than SQLite joins into one value (1 GB): read it value by value, as before
    except sqlite3.OperationalError as exc:
        if "overflow" in str(exc):
            return False  # integers summing beyond 64 bits: read value by value (which judges each)
        raise
    if n_extras:
        if answers is not None:
            answers.extend(row[len(row) - n_extras:])
        row = row[:len(row) - n_extras]
    if scope is not None and ranged:
        scope.judged[table] = row[-3]  # "id,id,…" (bytes) or None: no row
    if row[0] != row[1]:
        return False  # a row with a value to doubt
    if scope is not None and row[1] == 0:
        return True  # no row in scope: nothing to judge (its rowids' range is NULL)
    kinds = row[2 + 2 * len(texts):2 + 2 * len(texts) + n_integers]
    if any(kind not in (b"integer", b"null", "integer", "null") for kind in kinds):
        return False  # a REAL among the integers
    if ranged:
        low, high = row[-2], row[-1]
        if type(low) is not int or type(high) is not int or low < -MAX_INTEGER or high > MAX_INTEGER:
            return False  # a rowid beyond the range (judged and worded value by value)
    for i, name in enumerate(texts):
        value, count = row[2 + 2 * i], row[3 + 2 * i]
        if value is None:
            continue  # no value but NULLs
        data = bytes(value)
        if data.count(_JOIN_BYTE) != count - 1 or b"\x00" in data:
            return False  # a value holds the separator (its values cannot be told apart) or a NUL
        if not data.isascii():  # ASCII is valid UTF-8: no decode (and no copy of the text) needed
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return False
        if name in decimals:
            # Each distinct value once: a plan repeats its areas, prices and percentages (60.000 rooms, ~100 areas).
            if not all(_PLAIN_DECIMAL.match(part) for part in set(data.split(_JOIN_BYTE))):
                return False
        else:
            # bytes ≤ characters' limit
            if len(data) > MAX_TEXT and max(map(len, data.split(_JOIN_BYTE))) > MAX_TEXT:
                return False
    return all(_long_texts_clean(conn, table, name) for name in longs)


def _long_texts_clean(conn: sqlite3.Connection, table: str, name: str) -> bool:
    """Whether every value of a `LONG_COLUMNS` column (a whole plan's JSON: 500 kB on the large plan, 5 MB on XL),
    each a TEXT (`_column_ok_sql` judged its type), is free of NUL, valid UTF-8 and within `MAX_SNAPSHOT`. Read with
    SQLite's blob API straight from the file's pages into one `bytes` each: joined by group_concat it was copied
    four times (≈ 1,5 ms CPU of `summary` of the large plan, most of it fresh memory). The bytes are those stored;
    any surprise is a doubt, and the table is read value by value."""
    try:
        rows = [rowid for (rowid,) in conn.execute(f"SELECT rowid FROM {_quote(table)} NOT INDEXED "
                                                   f"WHERE {_quote(name)} IS NOT NULL")]  # fmt: skip
        for rowid in rows:
            with conn.blobopen(table, name, rowid, readonly=True) as blob:
                if len(blob) > MAX_SNAPSHOT:
                    return False
                data = blob.read()
            if b"\x00" in data:
                return False
            if not data.isascii():
                data.decode("utf-8")
    except (sqlite3.Error, UnicodeDecodeError, OverflowError):
        return False
    return True


def _check_value(table: str, rowid: object, name: str, decl: str, value: object, decimals: set[str]) -> None:
    if value is None:
        return  # NOT NULL is the schema's (compared exactly); an allowed NULL is the model's to judge
    if decl == "INTEGER":
        if not isinstance(value, int):
            raise _bad(table, rowid, name, N_("skal være et heltal"), value)
        if abs(value) > MAX_INTEGER:
            raise _bad(table, rowid, name, N_("tallet er urimeligt stort"), value)
        if (table, name) in BOOL_COLUMNS and value not in (0, 1):
            raise _bad(table, rowid, name, N_("skal være 0 eller 1"), value)
        return
    if not isinstance(value, bytes):
        raise _bad(table, rowid, name, N_("skal være en tekst"), value)
    long_column = (table, name) in LONG_COLUMNS
    if long_column and len(value) > MAX_SNAPSHOT:
        raise _bad(table, rowid, name, N_("teksten er for lang (højst {limit} tegn)"), None,
                   limit=_snapshot_limit)  # fmt: skip
    if not long_column and len(value) > 4 * MAX_TEXT:
        raise _bad(table, rowid, name, N_("teksten er for lang (højst {limit} tegn)"), value, limit=_text_limit)
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(table, rowid, name, N_("teksten er ikke gyldig UTF-8"), value) from None
    if not long_column and len(text) > MAX_TEXT:
        raise _bad(table, rowid, name, N_("teksten er for lang (højst {limit} tegn)"), text, limit=_text_limit)
    if "\x00" in text:
        raise _bad(table, rowid, name, N_("teksten indeholder et nul-tegn"), text)
    if name in decimals:
        if len(text) > MAX_DECIMAL_TEXT or not _decimal_form().match(text):
            raise _bad(table, rowid, name, N_("skal være et tal"), text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _bad(table, rowid, name, N_("skal være et tal"), text) from None
        exponent = number.as_tuple().exponent
        if not number.is_finite() or not isinstance(exponent, int):
            raise _bad(table, rowid, name, N_("skal være et endeligt tal"), text)
        try:
            too_large = abs(number) > Decimal(10) ** 15
        except Overflow:  # beyond what the context holds (e.g. 751E795410927): certainly larger; not a crash
            too_large = True
        if too_large or exponent < -40:
            raise _bad(table, rowid, name, N_("tallet er uden for hvad en plan kan rumme (højst 10^15, 40 decimaler)"),
                       text)  # fmt: skip
        return
    if (table, name) in DATE_COLUMNS:
        if not _iso_date_form().match(text):
            raise _bad(table, rowid, name, N_("skal være en dato (ÅÅÅÅ-MM-DD)"), text)
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            raise _bad(table, rowid, name, N_("skal være en dato (ÅÅÅÅ-MM-DD)"), text) from None
        return
    codes = CODE_COLUMNS.get((table, name))
    if codes is not None and text not in {c.value for c in codes}:
        raise _bad(table, rowid, name, N_("ukendt kode"), text)


def check_references(conn: sqlite3.Connection) -> None:
    """Every foreign key resolves (read-only: `foreign_key_check` writes nothing)."""
    row = conn.execute("PRAGMA foreign_key_check").fetchone()
    if row is not None:
        table, rowid, parent = str(row[0]), row[1], str(row[2])
        raise _damaged(N_("{where} henviser til noget i «{parent}», som ikke findes"),
                       where=_row_label(table, rowid), parent=parent)  # fmt: skip
    plan_rows = conn.execute("SELECT count(*) FROM plan").fetchone()[0]
    if plan_rows != 1:
        raise _damaged(N_("tabellen «plan» skal have præcis én række (har {rows})"), rows=plan_rows)


def _broken_sql(table: str, columns: tuple[str, ...], parent: str, keys: tuple[str, ...]) -> str:
    """True for a row of `table` whose foreign key (`columns` → `parent`'s `keys`) may name no row, as `PRAGMA
    foreign_key_check` finds it (a key with a NULL part is not checked; the file's values were judged, each has its
    column's type, and every key is BINARY). The parent's keys are one set, made once (a subquery per row cost more
    than the whole PRAGMA); a line's tenant is looked for among the shown scenario's tenants (`_scoped_key`: every row
    in scope belongs to it, and one that does not is a doubt the whole check decides)."""
    given = " AND ".join(f"{table}.{c} IS NOT NULL" for c in columns)
    scope = _line_scope(parent) if _scoped_key(table, parent) else "NOT INDEXED"
    found = f"SELECT {', '.join(keys)} FROM {parent} {scope}"
    return f"({given} AND ({', '.join(f'{table}.{c}' for c in columns)}) NOT IN ({found}))"


def _scoped_key(table: str, parent: str) -> bool:
    """Whether a foreign key of `table` is checked only on the rows of the shown scenario (`judge_shown`'s scope,
    `_shown_extras`): a line's or a child's key naming one of the scenario's own tenants or lines other than the child's
    own line. The keys that place a row in a scenario or under a line (`scenario_id`, a child's line id) are checked
    for every row (`_shown_references_sql`): a row naming no scenario or line belongs to none, and might be one of the
    shown scenario's, damaged (the file less the other scenarios' lines is refused for it: `tests.fuzzing`)."""
    return table in SCOPED_TABLES and parent in LINE_ROW_TABLES and CHILD_ROW_TABLES.get(table, ("", ""))[1] != parent


def _shown_reference_parts(keys: tuple[ForeignKey, ...] | None = None) -> tuple[tuple[str, str], ...]:
    """The parts of `_shown_references_sql`, each with the table whose rows it asks ("" for the plan's one row), in
    the statement's order; `keys`: the schema's foreign keys (`schema_constant.FOREIGN_KEYS`, or those being
    generated)."""
    if keys is None:
        from planners.store import schema_constant

        keys = schema_constant.FOREIGN_KEYS
    whole: dict[str, list[str]] = {}
    for table, columns, parent, parent_keys in keys:
        if not _scoped_key(table, parent):
            whole.setdefault(table, []).append(_broken_sql(table, columns, parent, parent_keys))
    parts = [("", "(SELECT count(*) FROM plan) <> 1")]
    for table in LINE_ROW_TABLES:
        if whole.pop(table, None) is None:
            continue
        lines = f"SELECT 1 FROM {table} INDEXED BY {table}_by_scenario WHERE scenario_id"
        parts += [(table, f"EXISTS (SELECT 1 FROM _scenario_gaps g WHERE EXISTS ({lines} > g.a AND scenario_id < g.b))"),
                  (table, f"EXISTS ({lines} < (SELECT min(id) FROM scenario))"),
                  (table, f"EXISTS ({lines} > (SELECT max(id) FROM scenario))")]
    for child, (column, line) in CHILD_ROW_TABLES.items():
        if whole.pop(child, None) is not None:
            parts.append((child, f"EXISTS (SELECT 1 FROM {child} c NOT INDEXED LEFT JOIN {line} l ON l.id = "
                                 f"c.{column} WHERE c.{column} IS NOT NULL AND l.id IS NULL)"))
    for table, broken in sorted(whole.items()):
        parts.append((table, f"EXISTS (SELECT 1 FROM {table} NOT INDEXED WHERE {' OR '.join(broken)})"))
    return tuple(parts)


_REFERENCES_WITH = "WITH _scenario_gaps(a, b) AS (SELECT id, lead(id) OVER (ORDER BY id) FROM scenario NOT INDEXED) SELECT "


def _shown_references_sql(filled: frozenset[str]) -> str:
    """One statement, true where a foreign key a one-scenario read relies on and `judge_shown` left (`_scoped_key`)
    may be broken, of the tables of `filled` (those holding a row: an empty table breaks none), and the plan's one row:
    every row's, of the table itself (NOT INDEXED, as `PRAGMA foreign_key_check` reads it), but a line's scenario,
    found through the lines' index by scenario (as the reader finds lines; a scan of the large plan's 6.000 rooms cost
    2,8 M instructions): no line between the scenarios' ids, below or above them (a text or blob sorts after every
    number). A child's line is found by its row id (LEFT JOIN: half the instructions of a subquery per row).
    (`pragma_foreign_key_check(table)` prepares a statement of its own for each table.) The parts are generated ahead
    (`schema_constant.SHOWN_SQL`), and joined here for the tables holding rows."""
    parts = _generated().get("references") or _shown_reference_parts()
    return _REFERENCES_WITH + " OR ".join(part for table, part in parts if not table or table in filled)


def shown_references_broken(conn: sqlite3.Connection, exact: bool, filled: Collection[str] | None = None) -> bool:
    """Whether a foreign key a one-scenario read relies on may be broken (`_shown_references_sql`; DETECTION only:
    the caller then checks the whole file, `check_references`, which words the refusal), after `judge_shown` checked
    those of the shown scenario's rows. `exact`: the file's schema is a new file's text (`check_schema`); else its
    foreign keys may be written otherwise, and every one of the file is checked. `filled`: the tables holding a row
    (`tables_with_rows`), where the caller asked."""
    if not exact:
        return conn.execute("PRAGMA foreign_key_check").fetchone() is not None or \
            conn.execute("SELECT count(*) FROM plan").fetchone()[0] != 1
    from planners.store import schema_constant

    tables = {key[0] for key in schema_constant.FOREIGN_KEYS}
    found = _with_rows(conn, sorted(tables)) if filled is None else tables.intersection(filled)
    return bool(conn.execute(_shown_references_sql(frozenset(found))).fetchone()[0])


def check_table(conn: sqlite3.Connection, table: str) -> None:
    """One table of `CHECKED_WHEN_READ`, before it is read: its pages (`PRAGMA quick_check(table)`) and its
    values, as the open checks the others. A `RefusedFile` where it is damaged."""
    old_factory = conn.text_factory
    conn.text_factory = lambda b: b.decode("utf-8", "replace")  # quick_check may quote damaged bytes
    try:
        quoted = "'" + table.replace("'", "''") + "'"
        result = [str(row[0]) for row in conn.execute(f"PRAGMA quick_check({quoted})").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise _damaged(N_("tabellen «{table}»: {detail}"), table=table, detail=excerpt(exc, 200)) from None
    finally:
        conn.text_factory = old_factory
    if result != ["ok"]:
        raise _damaged(N_("tabellen «{table}»: {detail}"), table=table, detail=excerpt("; ".join(result[:3]), 200))
    check_values(conn, [table])


def check_file_contents(conn: sqlite3.Connection) -> None:
    """Schema, values and references of a current-version plan, before the plan is read."""
    check_schema(conn)
    check_values(conn)
    check_references(conn)


# --- the validation rules, proved in SQL for every scenario at once (issue 19.4) ----------------------------
#
# The open reads in Python only the scenario shown. Every scenario must still be refused where
# `scenario_validation.validate_scenario` would refuse it, and must be readable later without a surprise: so SQLite
# judges every rule of the line validation for all scenarios at once, as `_clean_in_sql` judges the values. Like it, the
# SQL only over-approximates: a condition true (1) only where the rule certainly holds; a scenario with any row in
# doubt is read and validated in Python by the unchanged code (`planfile`), which decides and words any refusal.
# Preconditions: `check_schema`, `check_values` and `check_references` have passed on the same snapshot (every value
# has its column's type, a decimal is short decimal text, a code is known, a reference resolves); the SQL relies on
# them and checks what they leave open (NULL in a NOT NULL column, ranges, placements, duplicates, the catalog).
# Only comparisons, CAST and arithmetic per row (no function per value where it can be helped): opening the XL
# plan judges 85.000 lines.

# Python's whitespace has no character in U+0021–U+007E nor in U+00C0–U+00FF (first byte 0xC3 in UTF-8): a text
# starting there certainly has something left after `str.strip()`. Any other text is doubted.
_VISIBLE = "(({c} >= '!' AND {c} < '\x7f') OR ({c} >= '\u00c0' AND {c} < '\u0100'))"


def _visible(column: str) -> str:
    return _VISIBLE.format(c=column)


def _dec_sql(column: str, positive: bool, limit: int, optional: bool = False) -> str:
    """A decimal column (checked text: `check_values`) > 0 (or ≥ 0) and ≤ `limit`, judged on its REAL value, computed
    once (BETWEEN): the sign of a checked decimal text is exact in a double, and a positive one is at least 10^-40;
    the bound holds only with a margin (a double may round a long text up to the bound or down), and the bound
    itself only as one of its own plain texts."""
    low = "1e-41" if positive else "0"
    exact = ", ".join(_sql_text(f"{limit}{tail}") for tail in ("", ".0", ".00", ".000"))
    cond = f"CAST({column} AS REAL) BETWEEN {low} AND {float(limit) * (1 - 1e-9)!r} OR {column} IN ({exact})"
    return f"({column} IS NULL OR {cond})" if optional else f"({cond})"


def _int_sql(column: str, low: int, high: int, optional: bool = False) -> str:
    cond = f"{column} BETWEEN {low} AND {high}"
    return f"({column} IS NULL OR {cond})" if optional else f"({cond})"


def _doubt(conds: list[str]) -> str:
    """True where not every condition is certainly true (false or NULL). CASE WHEN judges its condition as a jump:
    AND and OR stop at the first answer (in a value, SQLite would compute every operand of every row)."""
    return f"CASE WHEN {' AND '.join(conds)} THEN 0 ELSE 1 END"


def _line_rules() -> dict[str, list[str]]:
    """Per line table, the conditions every row must meet (`scenario_validation.validate_scenario`'s rules; a row
    failing or leaving one NULL is a doubt, `_doubt`), of the row's own columns, unqualified."""
    from planners.model import readiness
    from planners.model import value_rules as v

    own = ", ".join(_sql_text(s.value) for s in FinancingSource if s is FinancingSource.LOAN or s.is_own)
    return {
        "tenant": [
            _visible("code"), _visible("name"), _dec_sql("clinicians", False, v.MAX_PERSONS),
            _dec_sql("staff", False, v.MAX_PERSONS), _int_sql("listed_patients", 0, v.MAX_PATIENTS),
            _int_sql("provider_numbers", 0, v.MAX_COUNT), _dec_sql("weekly_hours", False, v.HOURS_A_WEEK, True),
            _dec_sql("current_annual_rent", False, v.MAX_PRICE, True),
        ],
        "room": [
            _int_sql("count", 1, v.MAX_COUNT), _dec_sql("net_m2", True, v.MAX_AREA_M2),
            "(tenant IS NOT NULL) + (shared_key IS NOT NULL) + vacant = 1",
        ],
        "equipment": [
            _visible("item"), _int_sql("quantity", 1, v.MAX_QUANTITY), _dec_sql("unit_price", False, v.MAX_PRICE),
            _dec_sql("lifetime_years", True, v.MAX_YEARS), _dec_sql("annual_service", False, v.MAX_PRICE),
            "(tenant IS NOT NULL) + (shared_key IS NOT NULL) = 1",
            f"(item = {_sql_text(v.CUSTOM_ITEM)} OR item IN (SELECT item FROM catalog_equipment NOT INDEXED "
            "WHERE item IS NOT NULL))",
        ],
        "cost_line": [
            _dec_sql("amount", False, v.MAX_AMOUNT, True), _dec_sql("per_m2", False, v.MAX_RATE_M2, True),
            _dec_sql("m2", True, v.MAX_AREA_M2 * 100, True), _dec_sql("percent", False, v.MAX_PERCENT_OF, True),
            _dec_sql("grant_amount", False, v.MAX_AMOUNT, True),
            "((amount IS NOT NULL) + (per_m2 IS NOT NULL) + (percent IS NOT NULL) = 1 OR (amount IS NULL AND "
            f"per_m2 IS NULL AND percent IS NULL AND category = {_sql_text(CostCategory.EQUIPMENT.value)}))",
            "(m2 IS NULL OR per_m2 IS NOT NULL)",
            # A percent line has its bases (the converse: each row of cost_of, below).
            "(percent IS NULL OR id IN (SELECT cost_line_id FROM cost_of NOT INDEXED))",
            f"(subproject IS NULL OR length(subproject) <= {readiness.MAX_NAME})",
            f"length(source) <= {readiness.MAX_SOURCE}",
        ],
        "financing": [
            _dec_sql("amount", False, v.MAX_AMOUNT), _dec_sql("interest_pct", False, 100),
            _int_sql("years", 1, v.MAX_YEARS, True),
            f"NOT (repaid_by_rent = 1 AND source IN ({own}) AND years IS NULL)",
        ],
        "service": [_visible("name"), _dec_sql("annual", False, v.MAX_PRICE)],
    }


def _share_conds(child: str, line: str) -> list[str]:
    """A share (row `child`) of a line (row `line`): its scenario is its line's; shares only with the custom key; each
    0–100 %."""
    return [f"{child}.scenario_id = {line}.scenario_id", f"{line}.shared_key IS 'custom'",
            _dec_sql(f"{child}.percent", False, 100)]


def _spread_conds(child: str) -> list[str]:
    from planners.model import value_rules as v

    return [_int_sql(f"{child}.year", v.MIN_YEAR, v.MAX_YEAR), _dec_sql(f"{child}.percent", False, 100)]


def _rule_queries(scoped: bool = False) -> list[str]:
    """Queries returning the ids of the scenarios with a row in doubt (one query per table, each a single scan).
    `scoped`: only the queries of the scenarios' own tables, which judge every row (`judge_shown` judges the rows of
    the lines' tables and their children in scope in its own statements, `_shown_extras`)."""
    from planners.model import readiness
    from planners.model import value_rules as v

    lines = _line_rules()

    def rows(table: str, conds: list[str]) -> str:
        # NOT INDEXED: the table itself is read (a damaged index could leave rows out), in one scan.
        return f"SELECT scenario_id FROM {table} NOT INDEXED WHERE {_doubt(conds)}"

    def shares(table: str, column: str, line_table: str) -> str:
        # CROSS JOIN keeps the order: every share row read from its table, its line found by row id.
        return (f"SELECT l.scenario_id FROM {table} s NOT INDEXED CROSS JOIN {line_table} l ON l.id = s.{column} "
                f"WHERE {_doubt(_share_conds('s', 'l'))}")

    first_day, after_last = f"{readiness.FIRST_YEAR:04d}-01-01", f"{readiness.LAST_YEAR + 1:04d}-01-01"
    scenario_conds = [
        _visible("name"), _dec_sql("gross_factor", True, v.MAX_FACTOR), f"length(notes) <= {readiness.MAX_NOTES}",
        # A name used twice (the unique index may be damaged: the table itself is searched).
        "NOT EXISTS (SELECT 1 FROM scenario o NOT INDEXED WHERE o.name = scenario.name AND o.id <> scenario.id)",
    ]
    own_tables = [
        f"SELECT id FROM scenario NOT INDEXED WHERE {_doubt(scenario_conds)}",
        rows("running_rate", [_dec_sql("per_gross_m2", False, v.MAX_RATE_M2)]),
        rows("running_rate_source", [f"length(source) <= {readiness.MAX_SOURCE}"]),
        rows("tenant_commitment", [f"(date IS NULL OR (date >= '{first_day}' AND date < '{after_last}'))"]),
    ]
    if scoped:
        return own_tables
    return [
        own_tables[0],
        rows("tenant", lines["tenant"]),
        # A duplicated id (the unique index may be damaged: the table itself is grouped, no index used).
        "SELECT scenario_id FROM tenant NOT INDEXED GROUP BY scenario_id, code HAVING count(*) > 1",
        rows("room", lines["room"]),
        rows("equipment", lines["equipment"]),
        rows("cost_line", lines["cost_line"]),
        ("SELECT l.scenario_id FROM cost_of s NOT INDEXED CROSS JOIN cost_line l ON l.id = s.cost_line_id "
         "WHERE l.percent IS NULL"),
        (f"SELECT l.scenario_id FROM cost_spread s NOT INDEXED CROSS JOIN cost_line l ON l.id = s.cost_line_id WHERE "
         f"{_doubt(_spread_conds('s'))}"),
        rows("financing", lines["financing"]),
        rows("service", lines["service"]),
        shares("room_share", "room_id", "room"),
        shares("equipment_share", "equipment_id", "equipment"),
        shares("service_share", "service_id", "service"),
        *own_tables[1:],
    ]


@cache
def _shown_extras(keys: tuple[ForeignKey, ...] | None = None) -> dict[str, tuple[str, str]]:
    """Per table of `SCOPED_TABLES`, two aggregates over its rows in scope that `judge_shown` adds to the statement
    judging their values (`_clean_in_sql`, `Scope.extras`), so each table is read once: the rows in doubt under the
    rules (`_rule_queries`' conditions for these rows) and the rows whose foreign key naming one of the shown
    scenario's tenants may be broken (`_scoped_key`; the other keys are checked whole, `_shown_references_sql`).
    Each is 0 where nothing is found. A child's line is found by its row id, as the whole rule query joins it (a child
    whose line is missing is a doubt here; the whole check finds it as a broken key). `keys`: the schema's foreign keys
    (`schema_constant.FOREIGN_KEYS`, or those being generated)."""
    if keys is None:
        from planners.store import schema_constant

        keys = schema_constant.FOREIGN_KEYS

    def doubts(conds: list[str]) -> str:
        return f"count(CASE WHEN {' AND '.join(conds)} THEN NULL ELSE 1 END)"

    def line_of(child: str, column: str, line: str, conds: list[str]) -> str:
        return f"NOT EXISTS (SELECT 1 FROM {line} l WHERE l.id = {child}.{column} AND {' AND '.join(conds)})"

    rules = {table: doubts(conds) for table, conds in _line_rules().items()}
    rules["tenant"] += " + (count(code) - count(DISTINCT code))"  # a duplicated id (the rows themselves, no index)
    for child, (column, line) in CHILD_ROW_TABLES.items():
        if child.endswith("_share"):
            rules[child] = f"count(CASE WHEN {line_of(child, column, line, _share_conds(child, 'l'))} THEN 1 END)"
    rules["cost_of"] = f"count(CASE WHEN {line_of('cost_of', 'cost_line_id', 'cost_line', ['l.percent IS NOT NULL'])}" \
                       " THEN 1 END)"
    rules["cost_spread"] = doubts(_spread_conds("cost_spread"))
    broken: dict[str, list[str]] = {}
    for table, columns, parent, parent_keys in keys:
        if _scoped_key(table, parent):
            broken.setdefault(table, []).append(_broken_sql(table, columns, parent, parent_keys))
    return {t: (rules[t], f"count(CASE WHEN {' OR '.join(broken[t])} THEN 1 END)" if t in broken else "0")
            for t in SCOPED_TABLES}


@cache
def rule_queries(scoped: bool = False) -> tuple[str, ...]:
    return tuple(_rule_queries(scoped))


def doubted_scenarios(conn: sqlite3.Connection) -> set[int] | None:
    """The row ids of the scenarios SQLite cannot prove valid under `scenario_validation.validate_scenario` (and
    readable by `schema`), after the checks of `check_file_contents` passed on the same snapshot; None when SQLite could not
    judge at all (then every scenario is read and validated in Python)."""
    found: set[int] = set()
    try:
        for query in rule_queries():
            found.update(int(sid) for (sid,) in conn.execute(query) if isinstance(sid, int))
    except sqlite3.Error:
        return None
    return found


# --- one scenario's lines judged: the reading commands that show one scenario (issue 19.4, 20.2) -----------------
#
# `summary` and `check` (without --all) read the plan's own fields, the catalogs, every scenario's own fields and the
# lines of ONE scenario (`planfile.read_plan_scenario`). Every value they read is judged before use, as ever; the other
# scenarios' lines are not read, so they need not be judged: of the lines' tables and their children only the shown
# scenario's rows are (values and rules, the same conditions as `check_values` and `doubted_scenarios`): a line table's
# rows found through its index by scenario, as the reader finds them (and the reader's lines checked to be among those
# judged, `planfile._read_judged`), a child table scanned whole (NOT INDEXED) for the judged lines' ids. The structure
# stays whole: schema, every other table's values, the rules of the scenarios' own tables and every foreign key.

# The lines' tables (a `scenario_id` each) and their children (their line's id): the rows judged per scenario.
LINE_ROW_TABLES = ("tenant", "room", "equipment", "cost_line", "financing", "service")
CHILD_ROW_TABLES: dict[str, tuple[str, str]] = {  # child table → (its column naming the line, the line's table)
    "room_share": ("room_id", "room"),
    "equipment_share": ("equipment_id", "equipment"),
    "service_share": ("service_id", "service"),
    "cost_of": ("cost_line_id", "cost_line"),
    "cost_spread": ("cost_line_id", "cost_line"),
}
SCOPED_TABLES = frozenset(LINE_ROW_TABLES) | frozenset(CHILD_ROW_TABLES)


@dataclass
class Scope:
    """The rows of a table `_clean_in_sql` judges: `access` (how the table is read: `INDEXED BY …` or `NOT INDEXED`),
    `where` (an SQL condition) and its named parameters; `judged`: per line table, the rowids judged ("1,2,…")."""

    access: str
    where: str
    params: dict[str, object]
    judged: dict[str, bytes | None]


def _line_scope(table: str) -> str:
    """The shown scenario's rows of a line table (:sid): through the table's index by scenario, as `schema.read_lines`
    finds them (`PRAGMA quick_check` does not compare an index with its table, so a damaged one may point at any row:
    every query of one scenario goes through the same index with the same key and meets the same rows, and the reader's
    are checked against those judged, `judged_ids`)."""
    return f"INDEXED BY {table}_by_scenario WHERE scenario_id = :sid"


def _child_scope(table: str, column: str) -> str:
    """The child rows whose line is one judged (:room, :cost_line …: the judged rowids as a JSON array), by the value
    stored in the table itself (scanned NOT INDEXED, as the reader reads them for one scenario)."""
    return f"+{column} IN (SELECT value FROM json_each(:{CHILD_ROW_TABLES[table][1]}))"


def _scope_of(table: str) -> tuple[str, str]:
    """(access, where) of a table's rows in scope (`_line_scope`, `_child_scope`)."""
    if table in LINE_ROW_TABLES:
        access, where = _line_scope(table).split(" WHERE ")
        return access, where
    return "NOT INDEXED", _child_scope(table, CHILD_ROW_TABLES[table][0])


def head_value_tables() -> list[str]:
    """The tables whose values are judged whole for a one-scenario read: all but the lines' (`SCOPED_TABLES`) and those
    checked when read (`CHECKED_WHEN_READ`)."""
    return sorted(t for t in expected_schema().columns if t not in CHECKED_WHEN_READ and t not in SCOPED_TABLES)


def judged_ids(scope: Scope, table: str) -> set[int]:
    """The rowids of a line table `judge_shown` judged."""
    text = scope.judged.get(table)
    return set() if not text else {int(i) for i in bytes(text).split(b",")}


def judge_shown(conn: sqlite3.Connection, scenario_id: int,
                filled: Collection[str] | None = None) -> tuple[bool, Scope]:  # fmt: skip
    """Judge the rows of the lines' tables of the scenario `scenario_id` and their children (`_line_scope`,
    `_child_scope`) with the conditions of `check_values` and `doubted_scenarios`, and the rules of the scenarios' own
    tables for every scenario, after `check_schema`, `check_values(conn, head_value_tables())` and `check_references`
    passed on the same snapshot. True where SQLite proves them all. False where it doubts anything: the doubted values
    were then judged one by one (`_check_value`, a bad one raises `RefusedFile`), so what is left is Python's to
    validate. The scope holds the judged rowids of each line table (`judged_ids`). `filled`: the tables holding a row
    (`tables_with_rows`); an empty one holds none in scope, and is not asked."""
    want = expected_schema()
    scope = Scope("", "", {"sid": scenario_id}, {})
    clean = True
    old_factory = conn.text_factory
    conn.text_factory = bytes  # as `check_values`: invalid UTF-8 is a doubt, not sqlite3's decode error
    try:
        for table in (*LINE_ROW_TABLES, *CHILD_ROW_TABLES):  # the lines first: their ids select the children
            if filled is not None and table not in filled:
                if table in LINE_ROW_TABLES:
                    scope.judged[table], scope.params[table] = None, "[]"
                continue
            scope.access, scope.where = _scope_of(table)
            decimals = set(DECIMAL_COLUMNS.get(table, ()))
            answers: list[object] = []
            # The rules and the scoped foreign keys in the statement judging the values: one pass over the rows.
            if not _clean_in_sql(conn, table, {}, decimals, scope=scope, answers=answers,
                                 prepared=_shown_sql(table)):  # fmt: skip
                clean = False
                cols = {c[0]: c for c in want.columns[table]}
                _judge_one_by_one(conn, table, scope, cols, sorted(cols), decimals)
            if not answers:  # the statement failed (a value too long to join, a sum beyond 64 bits): on their own
                answers = list(conn.execute(f"SELECT {', '.join(_shown_extras()[table])} FROM {_quote(table)} "
                                            f"{scope.access} WHERE {scope.where}", scope.params).fetchone())  # fmt: skip
            doubts, broken = answers
            clean = clean and not doubts
            if broken:
                raise _BrokenKey(table)
            if table in LINE_ROW_TABLES:
                # The children of exactly these lines are judged next (their ids as one JSON array).
                scope.params[table] = "[" + bytes(scope.judged.get(table) or b"").decode() + "]"
    finally:
        conn.text_factory = old_factory
    # The rules of the scenarios' own tables, for every scenario: one statement.
    if conn.execute(_generated().get("own_rules") or _own_rules_sql()).fetchone()[0]:
        clean = False
    return clean, scope


# --- the statements of a one-scenario read, generated ahead (issue 19, s20-sql2) ---------------------------------------
#
# Building the text of the statements `summary` runs (a condition per column, the rules with the model's limits, the
# foreign keys) cost ≈ 3 M instructions of every process. They are kept in `schema_constant.SHOWN_SQL`, generated
# with the schema constant (`write_schema_constant`) by the very functions that build them at run time, from the
# schema, its foreign keys and the limits and codes of `planners.model` (`validation`, `readiness`, the enums).
# `tests/planners/test_schema_constant.py` fails when any of those changes and the constant was not generated again.
# A statement not found there (another set of columns asked) is built at run time, as before.


def generated_sql(schema: Schema, keys: tuple[ForeignKey, ...]) -> dict[str, Any]:
    """The statements of a one-scenario read for `schema` and its foreign keys `keys`: "head", per table of
    `head_value_tables` its `check_values` statement (`CleanSql`, the columns of `UNREAD_BY_ONE_SCENARIO` left out);
    "shown", per table of `SCOPED_TABLES` the statement `judge_shown` runs; "own_rules" (`_own_rules_sql`);
    "with_rows", the tables and the statement of `tables_with_rows`; "references", the parts of
    `_shown_references_sql`."""
    extras = _shown_extras(keys)

    def clean(table: str, scoped: bool) -> CleanSql:
        cols = {c[0]: c for c in schema.columns[table]}
        names = sorted(n for n in cols if (table, n) not in UNREAD_BY_ONE_SCENARIO)
        return _clean_sql(table, {n: cols[n][1] for n in names}, DECIMAL_COLUMNS.get(table, ()),
                          {n for n in names if cols[n][2]}, _rowid_alias(cols),
                          _scope_of(table) if scoped else None, extras[table] if scoped else ())  # fmt: skip

    order = tuple(sorted(t for t in schema.columns if t not in CHECKED_WHEN_READ))
    heads = sorted(t for t in order if t not in SCOPED_TABLES)
    return {
        "head": {t: clean(t, False) for t in heads},
        "shown": {t: clean(t, True) for t in (*LINE_ROW_TABLES, *CHILD_ROW_TABLES)},
        "own_rules": _own_rules_sql(),
        "with_rows": (order, "SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {_quote(t)} NOT INDEXED)" for t in order)),
        "references": _shown_reference_parts(keys),
    }


def _generated() -> dict[str, Any]:
    """`schema_constant.SHOWN_SQL` (`generated_sql` of this version's schema)."""
    from planners.store import schema_constant

    return schema_constant.SHOWN_SQL


def _generated_head_sql(table: str, unread: Collection[tuple[str, str]]) -> CleanSql | None:
    """The generated `check_values` statement of `table` where it is the one asked: with the columns of `unread` left
    out, which must be those of `UNREAD_BY_ONE_SCENARIO` of the table (none where it has none there)."""
    if unread and unread != UNREAD_BY_ONE_SCENARIO:
        return None
    if not unread and any(t == table for t, _ in UNREAD_BY_ONE_SCENARIO):
        return None
    found: CleanSql | None = _generated().get("head", {}).get(table)
    return found


def _shown_sql(table: str) -> CleanSql:
    """The statement `judge_shown` runs for `table` (generated ahead; built where it is not there)."""
    found: CleanSql | None = _generated().get("shown", {}).get(table)
    if found is None:
        want = expected_schema()
        cols = {c[0]: c for c in want.columns[table]}
        names = sorted(cols)
        found = _clean_sql(table, {n: cols[n][1] for n in names}, DECIMAL_COLUMNS.get(table, ()),
                           {n for n in names if cols[n][2]}, _rowid_alias(cols), _scope_of(table),
                           _shown_extras()[table])  # fmt: skip
    return found


class _BrokenKey(Exception):
    """A foreign key of a row in scope may be broken (`judge_shown`): the whole file's checks word it."""


@cache
def _own_rules_sql() -> str:
    """True where a row of the scenarios' own tables is in doubt (`_rule_queries(scoped=True)`), in one statement."""
    return "SELECT " + " OR ".join(f"EXISTS ({q})" for q in rule_queries(True))


def _judge_one_by_one(conn: sqlite3.Connection, table: str, scope: Scope,
                      cols: dict[str, tuple[str, str, int, str | None, int]], names: list[str],
                      decimals: set[str]) -> None:  # fmt: skip
    """The rows in `scope` of a table SQLite doubted, value by value as `check_values` judges them (a bad value
    raises `RefusedFile`); a line table's judged rowids noted again (SQLite may have stopped before noting them)."""
    ids: list[bytes] = []
    select = ", ".join(f"{_quote(n)}, typeof({_quote(n)})" for n in names)
    for row in conn.execute(f"SELECT rowid, {select} FROM {_quote(table)} {scope.access} WHERE {scope.where}",
                            scope.params):  # fmt: skip
        ids.append(b"%d" % row[0])
        for i, name in enumerate(names):
            value, kind = row[1 + 2 * i], row[2 + 2 * i]
            if kind == b"blob":
                raise _bad(table, row[0], name, N_("skal være en tekst eller et tal, ikke binære data"), None)
            _check_value(table, row[0], name, cols[name][1], value, decimals)
    if table in LINE_ROW_TABLES:
        scope.judged[table] = b",".join(ids)


# --- the plan read from it -----------------------------------------------------------------------

_LIST_TABLES = {"tenants": "tenant", "rooms": "room", "equipment": "equipment", "costs": "cost_line",
                "financing": "financing", "services": "service"}  # fmt: skip


def locate(plan: Plan, path: str) -> tuple[str, str, str]:
    """(table, row, field) of a validation path such as `scenarios[0].rooms[3].net_m2`, as best it can."""
    steps = [(m.group(1), m.group(2)) for m in _path_step_form().finditer(path.split("«")[0])]
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
    parts: list[Message] = []
    for p in problems[:3]:
        table, row, field = locate(plan, p.path)
        parts.append(Message.of(N_("{where}, felt «{column}»: {why}"), where=_row_label(table, row), column=field,
                                why=p.message))  # fmt: skip
    more = len(problems) - 3
    if more > 0:
        parts.append(Message.of(N_("og {n} fejl mere"), n=more))
    # The parts joined in the language the refusal is read in (each part a message of its own).
    return _damaged("{parts}", parts=lambda lang: "; ".join(part.text(lang) for part in parts))


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
            raise TargetRefused("{name} er selve kildefilen; den overskrives ikke. Vælg et andet filnavn.",
                                name=target.name)  # fmt: skip
    if is_plan_like(target):
        raise TargetRefused(
            "{name} er en plan (eller hører til en); en eksport skrives aldrig oven i en plan. Vælg et andet filnavn.",
            name=target.name,
        )
