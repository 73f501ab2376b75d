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

Writers use `targets.refuse_plan_target()`: no export, copy or JSON may be written over a plan file or its source.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Collection
from functools import cache
from pathlib import Path

from planners.model import Plan
from planners.model.errors import Problem, RefusedFile
from planners.model.i18n import N_, Message
from planners.model.prebuilt import dataclass
from planners.store import filerules as rules
from planners.store.filerules import (
    CHILD_ROW_TABLES,
    DECIMAL_COLUMNS,
    JOIN_BYTE,
    LINE_ROW_TABLES,
    SCOPED_TABLES,
    CleanSql,
    damaged,
    excerpt,
    quote,
    row_label,
    scope_of,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"


# The paths of a refusal (`locate`), compiled when first needed: a plan that opens never uses them (issue 19).
@cache
def _path_step_form() -> re.Pattern[str]:
    return re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


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
        raise damaged(N_("filen er i WAL-tilstand, som Sundhedshus ikke bruger"))
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
    from planners.store import journalcheck  # only where a journal lies beside the plan

    journalcheck.check_journal(path, head, journal, page_size)


# --- the schema ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    """What the open checks compare: objects by (type, name, table), columns and indexes of each table."""

    objects: frozenset[tuple[str, str, str]]
    columns: dict[str, frozenset[tuple[str, str, int, str | None, int]]]
    indexes: dict[str, frozenset[tuple[str, int, tuple[str | None, ...]]]]


def schema_of(conn: sqlite3.Connection) -> Schema:
    objects = frozenset((str(t), str(n), str(tbl)) for t, n, tbl in conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master"))  # fmt: skip
    columns: dict[str, frozenset[tuple[str, str, int, str | None, int]]] = {}
    indexes: dict[str, frozenset[tuple[str, int, tuple[str | None, ...]]]] = {}
    for kind, name, _tbl in objects:
        if kind != "table" or name.startswith("sqlite_"):
            continue
        cols = conn.execute(f"PRAGMA table_xinfo({quote(name)})").fetchall()
        # Compared by name, not position: a column added by a migration sits last, a new file's in its place.
        columns[name] = frozenset((str(c[1]), str(c[2]).upper(), int(c[3]), _norm_default(c[4]), int(c[5]))
                                  for c in cols)  # fmt: skip
        found = []
        for idx in conn.execute(f"PRAGMA index_list({quote(name)})").fetchall():
            parts = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({quote(idx[1])})").fetchall())
            found.append((str(idx[3]), int(idx[2]), parts))  # origin (c, u, pk), unique, columns
        indexes[name] = frozenset(found)
    return Schema(objects, columns, indexes)


def _norm_default(value: object) -> str | None:
    # sqlite-utils writes DEFAULT '' where the DDL says DEFAULT ''; both read back the same; keep as text.
    return None if value is None else str(value)


_MASTER_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master"


def master_rows(conn: sqlite3.Connection) -> frozenset[tuple[object, ...]]:
    return frozenset(tuple(row) for row in conn.execute(_MASTER_SQL))


@cache
def _new_plan_schema() -> tuple[Schema, frozenset[tuple[str, str]], frozenset[tuple[object, ...]]]:
    """The schema, the app's own triggers and the rows of `sqlite_master` of a new plan file of this version, as
    kept in `schema_constant` (issue 19: made in memory from `schema.DDL` in every process, it cost ≈ 7 ms of each
    command; `tests/planners/test_schema_constant.py` fails when the constant is not what a new file gets)."""
    from planners.store import schema_constant as k

    return Schema(k.OBJECTS, dict(k.COLUMNS), dict(k.INDEXES)), k.TRIGGERS, k.MASTER


def expected_schema() -> Schema:
    """The schema a new plan file of this version has (made in memory from `schema.DDL`)."""
    return _new_plan_schema()[0]


_FOREIGN_KINDS = {"trigger": N_("en trigger"), "view": N_("et view")}


def sql_words(sql: object) -> str:
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
        if kind == "trigger" and (str(name), sql_words(sql)) in own_triggers():
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
        if master_rows(conn) == _new_plan_schema()[2]:
            return True
    except sqlite3.Error:
        pass  # judged and worded below
    have, want = schema_of(conn), expected_schema()
    if have == want:
        return False
    want_tables = {n for t, n, _ in want.objects if t == "table"}
    have_tables = {n for t, n, _ in have.objects if t == "table"}
    for name in sorted(want_tables - have_tables):
        raise damaged(N_("tabellen «{name}» mangler"), name=name)
    for name in sorted(have_tables - want_tables):
        raise damaged(N_("tabellen «{name}» hører ikke til en plan"), name=excerpt(name))
    for name in sorted(want_tables):
        if have.columns.get(name) != want.columns.get(name):
            have_cols = {c[0]: c for c in have.columns.get(name, frozenset())}
            want_cols = {c[0]: c for c in want.columns.get(name, frozenset())}
            for col in sorted(want_cols.keys() - have_cols.keys()):
                raise damaged(N_("tabel «{name}»: kolonnen «{column}» mangler"), name=name, column=col)
            for col in sorted(have_cols.keys() - want_cols.keys()):
                raise damaged(N_("tabel «{name}»: kolonnen «{column}» hører ikke til en plan"),
                               name=name, column=excerpt(col))  # fmt: skip
            col = next(c for c in sorted(want_cols) if want_cols[c] != have_cols[c])
            raise damaged(N_("tabel «{name}»: kolonnen «{column}» er ændret (type, NOT NULL, standardværdi eller "
                              "nøgle)"), name=name, column=col)  # fmt: skip
        if have.indexes.get(name) != want.indexes.get(name):
            raise damaged(N_("tabel «{name}»: nøgler eller indekser er ændret"), name=name)
    raise damaged(N_("skemaet er ændret"))


# --- the values ----------------------------------------------------------------------------------


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
            if prepared is None:
                from planners.store import checksql  # a statement not generated ahead: built here

                required = {n for n in names if cols[n][2]}
                if _clean_in_sql(conn, table, {n: cols[n][1] for n in names}, decimals, required,
                                 checksql.rowid_alias(cols)):  # fmt: skip
                    continue  # no value of the table can fail a rule below: not one value is read into Python
            from planners.store import valuecheck  # SQLite doubted the table: its values one by one

            valuecheck.judge_rows(conn, table, cols, names, decimals)
    finally:
        conn.text_factory = old_factory


def _with_rows(conn: sqlite3.Connection, tables: Collection[str]) -> set[str]:
    """The tables of `tables` holding at least one row, asked in one statement (a statement per empty table, made
    and run, was ≈ 1 ms CPU of every open; issue 19). Each is asked of the table itself (NOT INDEXED: an index,
    which `quick_check` does not compare with its table, never answers for it), stopping at its first row."""
    if not tables:
        return set()
    order = list(tables)
    asked = ", ".join(f"EXISTS (SELECT 1 FROM {quote(t)} NOT INDEXED)" for t in order)
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


def _plain_decimal(text: bytes) -> bool:
    """Whether a decimal certainly passes `valuecheck.check_value`: `-?[0-9]{1,15}(\\.[0-9]{1,40})?` and nothing else,
    at most 15 digits before the point (below 10^15) and 40 after, no exponent (a rarer form is doubted, and judged
    by `valuecheck.check_value`). Without `re`: compiling that expression cost ≈ 0,5 M instructions of every summary,
    which judges ≈ 300 distinct decimals (`bytes.isdigit` is true for ASCII digits only, and false when empty)."""
    whole, point, fraction = text.removeprefix(b"-").partition(b".")
    return len(whole) <= 15 and whole.isdigit() and (not point or (len(fraction) <= 40 and fraction.isdigit()))


def _clean_in_sql(conn: sqlite3.Connection, table: str, decls: dict[str, str], decimals: set[str],
                  required: Collection[str] = (), rowid_alias: str | None = None,
                  scope: Scope | None = None, extras: tuple[str, ...] = (),
                  answers: list[object] | None = None, prepared: CleanSql | None = None) -> bool:  # fmt: skip
    """Whether every value of `table` certainly passes `valuecheck.check_value`, decided by SQLite and one look at
    each text column: one query finds whether any row holds a value of the wrong type, an unknown code or an
    impossible date, and reads each text column's values joined by `filerules.JOIN` (a text separator: see there),
    with their number: as many separators as values less one means no value holds the separator, so the parts are the
    values; then no NUL, valid UTF-8 (ASCII is; the separator is ASCII, so it neither makes nor breaks a character),
    the longest value, and a decimal column's form (`_plain_decimal`). False means "read the table value by
    value": the refusal, if any, is then found and worded exactly as before.

    `rowid_alias`: the column that is the table's rowid. SQLite keeps a rowid an integer in every row, so of the value
    check's rules only the range is left, judged on the smallest and largest rowid, which SQLite finds at the ends of
    the table's b-tree (its order is `quick_check`'s), not row by row (≈ 0,5 ms of the large plan's rooms).

    `scope`: only the rows it selects are judged (the shown scenario's lines and their children, `judge_shown`), in one
    pass, their rowids' range among them; a line table's judged rowids are appended to `scope.judged`. `extras`:
    aggregates over the same rows computed in the same statement (`checksql.shown_extras`), their values appended to
    `answers` (nothing where the statement failed). `prepared`: the statement, generated ahead; else built here
    (`checksql.clean_sql`)."""
    if prepared is None:
        from planners.store import checksql

        prepared = checksql.clean_sql(table, decls, decimals, required, rowid_alias,
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
        if type(low) is not int or type(high) is not int or low < -rules.MAX_INTEGER or high > rules.MAX_INTEGER:
            return False  # a rowid beyond the range (judged and worded value by value)
    for i, name in enumerate(texts):
        value, count = row[2 + 2 * i], row[3 + 2 * i]
        if value is None:
            continue  # no value but NULLs
        data = bytes(value)
        if data.count(JOIN_BYTE) != count - 1 or b"\x00" in data:
            return False  # a value holds the separator (its values cannot be told apart) or a NUL
        if not data.isascii():  # ASCII is valid UTF-8: no decode (and no copy of the text) needed
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return False
        if name in decimals:
            # Each distinct value once: a plan repeats its areas, prices and percentages (60.000 rooms, ~100 areas).
            if not all(_plain_decimal(part) for part in set(data.split(JOIN_BYTE))):
                return False
        else:
            # bytes ≤ characters' limit
            if len(data) > rules.MAX_TEXT and max(map(len, data.split(JOIN_BYTE))) > rules.MAX_TEXT:
                return False
    return all(_long_texts_clean(conn, table, name) for name in longs)


def _long_texts_clean(conn: sqlite3.Connection, table: str, name: str) -> bool:
    """Whether every value of a `LONG_COLUMNS` column (a whole plan's JSON: 500 kB on the large plan, 5 MB on XL),
    each a TEXT (`checksql._column_ok_sql` judged its type), is free of NUL, valid UTF-8 and within
    `filerules.MAX_SNAPSHOT`. Read with SQLite's blob API straight from the file's pages into one `bytes` each: joined
    by group_concat it was copied four times (≈ 1,5 ms CPU of `summary` of the large plan, most of it fresh memory).
    The bytes are those stored; any surprise is a doubt, and the table is read value by value."""
    try:
        rows = [rowid for (rowid,) in conn.execute(f"SELECT rowid FROM {quote(table)} NOT INDEXED "
                                                   f"WHERE {quote(name)} IS NOT NULL")]  # fmt: skip
        for rowid in rows:
            with conn.blobopen(table, name, rowid, readonly=True) as blob:
                if len(blob) > rules.MAX_SNAPSHOT:
                    return False
                data = blob.read()
            if b"\x00" in data:
                return False
            if not data.isascii():
                data.decode("utf-8")
    except (sqlite3.Error, UnicodeDecodeError, OverflowError):
        return False
    return True


def check_references(conn: sqlite3.Connection) -> None:
    """Every foreign key resolves (read-only: `foreign_key_check` writes nothing)."""
    row = conn.execute("PRAGMA foreign_key_check").fetchone()
    if row is not None:
        table, rowid, parent = str(row[0]), row[1], str(row[2])
        raise damaged(N_("{where} henviser til noget i «{parent}», som ikke findes"),
                      where=row_label(table, rowid), parent=parent)  # fmt: skip
    plan_rows = conn.execute("SELECT count(*) FROM plan").fetchone()[0]
    if plan_rows != 1:
        raise damaged(N_("tabellen «plan» skal have præcis én række (har {rows})"), rows=plan_rows)


_REFERENCES_WITH = "WITH _scenario_gaps(a, b) AS (SELECT id, lead(id) OVER (ORDER BY id) FROM scenario NOT INDEXED) SELECT "


def _shown_references_sql(filled: frozenset[str]) -> str:
    """One statement, true where a foreign key a one-scenario read relies on and `judge_shown` left (`checksql`)
    may be broken, of the tables of `filled` (those holding a row: an empty table breaks none), and the plan's one row:
    every row's, of the table itself (NOT INDEXED, as `PRAGMA foreign_key_check` reads it), but a line's scenario,
    found through the lines' index by scenario (as the reader finds lines; a scan of the large plan's 6.000 rooms cost
    2,8 M instructions): no line between the scenarios' ids, below or above them (a text or blob sorts after every
    number). A child's line is found by its row id (LEFT JOIN: half the instructions of a subquery per row).
    (`pragma_foreign_key_check(table)` prepares a statement of its own for each table.) The parts are generated ahead
    (`schema_constant.SHOWN_SQL`), and joined here for the tables holding rows."""
    parts = _generated().get("references")
    if not parts:
        from planners.store import checksql  # not generated ahead: built here

        parts = checksql.shown_reference_parts()
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
        raise damaged(N_("tabellen «{table}»: {detail}"), table=table, detail=excerpt(exc, 200)) from None
    finally:
        conn.text_factory = old_factory
    if result != ["ok"]:
        raise damaged(N_("tabellen «{table}»: {detail}"), table=table, detail=excerpt("; ".join(result[:3]), 200))
    check_values(conn, [table])


def check_file_contents(conn: sqlite3.Connection) -> None:
    """Schema, values and references of a current-version plan, before the plan is read."""
    check_schema(conn)
    check_values(conn)
    check_references(conn)


# --- the validation rules, proved in SQL for every scenario at once (issue 19.4) ----------------------------
#
# The open reads in Python only the scenario shown. Every scenario must still be refused where
# `scenario_validation.validate_scenario` would refuse it, and must be readable later without a surprise: so SQLite judges
# every rule of the line validation for all scenarios at once (`checksql.rule_queries`, which says how), as
# `_clean_in_sql` judges the values; a scenario with any row in doubt is read and validated in Python by the unchanged
# code (`planfile`), which decides and words any refusal.


def doubted_scenarios(conn: sqlite3.Connection) -> set[int] | None:
    """The row ids of the scenarios SQLite cannot prove valid under `scenario_validation.validate_scenario` (and readable by
    `schema`), after the checks of `check_file_contents` passed on the same snapshot; None when SQLite could not
    judge at all (then every scenario is read and validated in Python)."""
    from planners.store import checksql  # the whole file's checks: statements not generated ahead

    found: set[int] = set()
    try:
        for query in checksql.rule_queries():
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

# The lines' tables and their children: `filerules.LINE_ROW_TABLES`, `CHILD_ROW_TABLES`.


@dataclass
class Scope:
    """The rows of a table `_clean_in_sql` judges: `access` (how the table is read: `INDEXED BY …` or `NOT INDEXED`),
    `where` (an SQL condition) and its named parameters; `judged`: per line table, the rowids judged ("1,2,…")."""

    access: str
    where: str
    params: dict[str, object]
    judged: dict[str, bytes | None]


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
    """Judge the rows of the lines' tables of the scenario `scenario_id` and their children (`filerules.scope_of`)
    with the conditions of `check_values` and `doubted_scenarios`, and the rules of the scenarios' own tables for
    every scenario, after `check_schema`, `check_values(conn, head_value_tables())` and `check_references` passed on
    the same snapshot. True where SQLite proves them all. False where it doubts anything: the doubted values were then
    judged one by one (`valuecheck.check_value`, a bad one raises `RefusedFile`), so what is left is Python's to
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
            scope.access, scope.where = scope_of(table)
            decimals = set(DECIMAL_COLUMNS.get(table, ()))
            answers: list[object] = []
            # The rules and the scoped foreign keys in the statement judging the values: one pass over the rows.
            if not _clean_in_sql(conn, table, {}, decimals, scope=scope, answers=answers,
                                 prepared=_shown_sql(table)):  # fmt: skip
                clean = False
                from planners.store import valuecheck  # SQLite doubted: the rows in scope value by value

                cols = {c[0]: c for c in want.columns[table]}
                ids = valuecheck.judge_rows(conn, table, cols, sorted(cols), decimals,
                                            f" {scope.access} WHERE {scope.where}", scope.params)  # fmt: skip
                if table in LINE_ROW_TABLES:
                    scope.judged[table] = b",".join(ids)  # again: SQLite may have stopped before noting them
            if not answers:  # the statement failed (a value too long to join, a sum beyond 64 bits): on their own
                from planners.store import checksql

                answers = list(conn.execute(f"SELECT {', '.join(checksql.shown_extras()[table])} FROM {quote(table)} "
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
    own_rules = _generated().get("own_rules")
    if not own_rules:
        from planners.store import checksql  # not generated ahead: built here

        own_rules = checksql.own_rules_sql()
    if conn.execute(own_rules).fetchone()[0]:
        clean = False
    return clean, scope


# --- the statements of a one-scenario read, generated ahead (issue 19, s20-sql2) ---------------------------------------
#
# Building the text of the statements `summary` runs (a condition per column, the rules with the model's limits, the
# foreign keys) cost ≈ 3 M instructions of every process. They are kept in `schema_constant.SHOWN_SQL`, generated
# with the schema constant (`python -m planners.store.schema_gen`) by the very functions that build them at run time
# (`checksql`), from the schema, its foreign keys and the limits and codes of `planners.model` (`validation`,
# `readiness`, the enums). `tests/planners/test_schema_constant.py` fails when any of those changes and the constant
# was not generated again. A statement not found there (another set of columns asked) is built at run time
# (`checksql`, imported only then), as before.


def _generated() -> dict[str, Any]:
    """`schema_constant.SHOWN_SQL` (`schema_gen.generated_sql` of this version's schema)."""
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
        from planners.store import checksql

        want = expected_schema()
        cols = {c[0]: c for c in want.columns[table]}
        names = sorted(cols)
        found = checksql.clean_sql(table, {n: cols[n][1] for n in names}, DECIMAL_COLUMNS.get(table, ()),
                                   {n for n in names if cols[n][2]}, checksql.rowid_alias(cols), scope_of(table),
                                   checksql.shown_extras()[table])  # fmt: skip
    return found


class _BrokenKey(Exception):
    """A foreign key of a row in scope may be broken (`judge_shown`): the whole file's checks word it."""


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
        parts.append(Message.of(N_("{where}, felt «{column}»: {why}"), where=row_label(table, row), column=field,
                                why=p.message))  # fmt: skip
    more = len(problems) - 3
    if more > 0:
        parts.append(Message.of(N_("og {n} fejl mere"), n=more))
    # The parts joined in the language the refusal is read in (each part a message of its own).
    return damaged("{parts}", parts=lambda lang: "; ".join(part.text(lang) for part in parts))


# --- a writer's target (`targets.refuse_plan_target`; `planfile` asks too) -----------------------------


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
