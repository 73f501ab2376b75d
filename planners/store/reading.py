"""Opening a plan file to read it (DESIGN §2): the checks of every open, in order, on a connection that never writes
a byte, and the read of one scenario that the reading commands (`summary`, `check`) make (`read_plan_scenario`).

SQLite header, `application_id`, `user_version`, `PRAGMA quick_check`, the objects and the schema, then the stored
values, references and rules (`filecheck`), the plan read and validated: a file that fails one is refused with
`RefusedFile` and a Danish reason. An older version is migrated on a temporary copy; a hot journal (a crash in the
middle of a commit) is rolled back on a temporary copy of the file and its journal, never in place.

`planfile` (the editing open, `PlanFile`, `read_plan`) runs the same checks: its underscore names here are the store's
own. This module is apart from `planfile` so that a reading command does not load the editing open's code (45 kB of
code it never runs: issue 19, s22-sum).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Collection
from pathlib import Path

from planners.model import Plan, Scenario
from planners.model.errors import Problem, RefusedFile
from planners.model.i18n import N_, Message
from planners.model.prebuilt import dataclass
from planners.store import filecheck, schema
from planners.store.schema import APPLICATION_ID, SCHEMA_VERSION

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    import tempfile

_SQLITE_READONLY_ROLLBACK = 776  # a read-only connection met a hot journal it may not roll back
# The page cache of the connection an open checks and reads the file on (`_open_checked`; `PRAGMA cache_size`, KiB;
# SQLite's default is 2.000). It checks the file and reads it once: `quick_check` reads every page and none again,
# and the reads after it go through a scenario's rows once or twice. A page read again from the file (the system's
# cache) cost less here than a new page of memory filled for it, whose first touch is a page fault: with the default
# cache a `summary` of the large plan filled 1,4 MB of pages it never read again (s22-sum: −182 page faults, +166
# reads of a page; XL −390 / +565; `export-json` of the large plan −335 / +763 and −6 M instructions).
READING_CACHE_KIB = 256
# The prepared statements a connection keeps for their next use: the `sqlite3` module's default, and none for the
# one-scenario read (`read_plan_scenario`), which runs each of its ≈ 80 statements once (but BEGIN, COMMIT and the
# schema's read): kept, their programs (the judging statements' are large) held memory that the next statement
# could not reuse, ≈ 140 page faults of a `summary` of the large plan, ≈ 200 of the XL plan (s22-sum).
STATEMENTS_KEPT = 128
ONE_READ_STATEMENTS = 0

NOT_SQLITE = N_("Filen er ikke en Sundhedshus-plan (ikke en SQLite-database)")
FOREIGN = N_("Filen er en SQLite-database, men den tilhører et andet program (ikke en Sundhedshus-plan)")


def _newer(version: int) -> RefusedFile:
    return RefusedFile(
        "Planen er gemt med en nyere version af Sundhedshus (filversion {version}); denne version kan åbne "
        "til og med version {newest}. Opdatér programmet.", version=version, newest=SCHEMA_VERSION)


def _damaged(detail: str | Message) -> RefusedFile:
    return RefusedFile("Planen er beskadiget og kan ikke åbnes ({detail}). Brug en sikkerhedskopi af filen.",
                       detail=detail)


class _HotJournal(Exception):
    """The file has a hot journal (a crash in the middle of a commit) a read-only connection cannot undo."""


# --- connections -------------------------------------------------------------------------------


def _uri(path: Path, mode: str) -> str:
    # as_uri() percent-encodes æøå, emoji, '?', '#' and '%' so SQLite reads the path as given.
    return Path(os.path.abspath(path)).as_uri() + f"?mode={mode}"


def _connect(path: Path, mode: str, statements: int = STATEMENTS_KEPT) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit); `mode` ro never creates or writes. `statements`:
    how many prepared statements it keeps for their next use (`sqlite3.connect(cached_statements=…)`)."""
    conn = sqlite3.connect(_uri(path, mode), uri=True, isolation_level=None, timeout=10.0,
                           cached_statements=statements)  # fmt: skip
    conn.row_factory = sqlite3.Row
    return conn


# --- the checks of DESIGN §2 -------------------------------------------------------------------


def _check_header(path: Path) -> None:
    """(1) Is it an SQLite file at all? Read the header ourselves: SQLite would treat an empty or missing
    file as a new database. Only a regular file is opened (a FIFO would block forever), and a journal beside
    it must be a regular file that could be this plan's (`filecheck`)."""
    head = filecheck.read_header(path)
    if head[:16] != filecheck.SQLITE_MAGIC:
        raise RefusedFile(NOT_SQLITE)
    if len(head) < 100:
        raise _damaged(Message.of(N_("filen er afkortet")))
    filecheck.check_header(path, head)


def _inspect(conn: sqlite3.Connection, pages: bool = True, unread: Collection[str] = (),
             cache_kib: int | None = None) -> int:  # fmt: skip
    """(2) ours, (3) a version we know, (4) quick_check (unless not `pages`; of a current-version file without the
    tables of `unread`, which the caller reads nothing of, `_pages_result`); the file's version. `cache_kib`: the
    connection's page cache from the quick_check on (`READING_CACHE_KIB`; set here, where SQLite has found no hot
    journal: the pragma reads the schema, which a hot journal refuses)."""
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise RefusedFile(FOREIGN)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _newer(version)
        if version < 1:
            raise _damaged(Message.of(N_("ukendt filversion {version}"), version=version))
        if not pages:
            return int(version)
        if cache_kib is not None:
            conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        # A damaged page can hold any bytes, and quick_check quotes them: never a UnicodeDecodeError.
        old_factory = conn.text_factory
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
        try:
            result = _pages_result(conn, unread if version == SCHEMA_VERSION else ())
        finally:
            conn.text_factory = old_factory
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_READONLY_ROLLBACK:
            raise _HotJournal from exc
        raise _damaged(filecheck.excerpt(exc, 200)) from exc
    except UnicodeDecodeError as exc:
        # sqlite3 decodes SQLite's own error message, which quotes the damaged bytes of a broken schema.
        raise _damaged(filecheck.excerpt(exc.object, 200)) from None
    if result != ["ok"]:
        raise _damaged(filecheck.excerpt("; ".join(str(r) for r in result[:3]), 200))
    return version


def _pages_result(conn: sqlite3.Connection, unread: Collection[str]) -> list[str]:
    """`_quick_check` without the tables of `unread` (a one-scenario read: `filecheck.PAGES_UNREAD_BY_ONE_SCENARIO`);
    where it finds anything or fails, the whole check's result, so the refusal is worded as every open words it."""
    if unread:
        try:
            result = _quick_check(conn, unread)
        except sqlite3.DatabaseError:
            result = []
        if result == ["ok"]:
            return result
    return _quick_check(conn)


def _quick_check(conn: sqlite3.Connection, unread: Collection[str] = ()) -> list[str]:
    """`PRAGMA quick_check` of the schema and of every table (with its indexes) but those checked when they are
    read (`filecheck.CHECKED_WHEN_READ`: the history, which grows with every edit). A check of the whole file
    reads every page of it, so a plan with 10.000 history entries opened twice as slowly as one without
    (issue 18.1, `bench/bench_open_history.py`); the plan's own tables, the origin and the versions are checked
    as before, the history when the history page or a restore reads it (`planners.store.history.entries`)."""
    found: list[str] = []
    skipped = filecheck.CHECKED_WHEN_READ | frozenset(unread)
    # One read transaction for all the checks, not one per statement: outside a transaction every statement takes and
    # drops SQLite's shared lock, looks for a hot journal and a WAL file beside the plan and reads the header again
    # (≈ 8 system calls, 37 times an open; s22-sum). The caller's own transaction, where it has one, is kept.
    own = not conn.in_transaction
    try:
        if own:
            conn.execute("BEGIN")
        names = [str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
        for name in ["sqlite_master", *sorted(n for n in names if n not in skipped)]:
            quoted = "'" + name.replace("'", "''") + "'"
            found += [str(row[0]) for row in conn.execute(f"PRAGMA quick_check({quoted})").fetchall()]
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own and conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return [r for r in found if r != "ok"] or ["ok"]


def _open_checked(path: Path, unread: Collection[str] = (), statements: int = STATEMENTS_KEPT
                  ) -> tuple[sqlite3.Connection, int, tempfile.TemporaryDirectory | None]:  # fmt: skip
    """Run the checks without writing a byte of `path`; a connection to read from, the file's version, and
    the temporary folder holding a recovered copy when the file had a hot journal. `unread`: tables whose pages
    `quick_check` leaves to `_check_pages_left` (a one-scenario read, `_inspect`); `statements`: as `_connect`."""
    _check_header(path)
    try:
        conn = _connect(path, "ro", statements)
    except sqlite3.Error as exc:
        raise _damaged(str(exc)) from exc
    try:
        version = _inspect(conn, unread=unread, cache_kib=READING_CACHE_KIB)
        # No trigger or view is ever run, not even by a migration on a copy.
        _check_objects(conn, unread if version == SCHEMA_VERSION else ())
        return conn, version, None
    except _HotJournal:
        conn.close()
    except BaseException:
        conn.close()
        raise
    # Let SQLite roll the hot journal back on a copy of the file and its journal: the original stays as it is.
    import shutil
    import tempfile

    tmp = tempfile.TemporaryDirectory(prefix="sundhedshus-")
    try:
        copy = Path(tmp.name) / "plan.sundhedshus"
        shutil.copyfile(path, copy)
        journal = path.with_name(path.name + "-journal")
        with contextlib.suppress(FileNotFoundError):
            shutil.copyfile(journal, copy.with_name(copy.name + "-journal"))
        conn = _connect(copy, "rw", statements)
        try:
            version = _inspect(conn, unread=unread, cache_kib=READING_CACHE_KIB)
            _check_objects(conn, unread if version == SCHEMA_VERSION else ())
            return conn, version, tmp
        except BaseException:
            conn.close()
            raise
    except BaseException:
        tmp.cleanup()
        raise


def _check_objects(conn: sqlite3.Connection, unread: Collection[str]) -> None:
    """`filecheck.check_objects`; where it refuses after a `quick_check` without the tables of `unread`, the pages left
    out are checked first (`_check_pages_left`): every open words a damaged page before a foreign object."""
    try:
        filecheck.check_objects(conn)
    except RefusedFile:
        _check_pages_left(conn, unread)
        raise


def _check_pages_left(conn: sqlite3.Connection, unread: Collection[str]) -> None:
    """After `_inspect(conn, unread=unread)` passed on a current-version file (an older one is checked whole): the whole
    `quick_check`, so that a refusal is worded as every open words it (a `RefusedFile`)."""
    if unread:
        _inspect(conn)


def _migrated_copy(conn: sqlite3.Connection, tmp: tempfile.TemporaryDirectory | None
                   ) -> tuple[sqlite3.Connection, tempfile.TemporaryDirectory]:  # fmt: skip
    """An older plan upgraded on a temporary copy (reading commands never write the plan file)."""
    import tempfile

    from planners.store import migrations

    if tmp is None:
        tmp = tempfile.TemporaryDirectory(prefix="sundhedshus-")
        try:
            dest = _connect(Path(tmp.name) / "plan.sundhedshus", "rwc")
            conn.backup(dest)  # a consistent snapshot, even while an editor commits
        except BaseException:
            tmp.cleanup()
            raise
        finally:
            conn.close()
        conn = dest
    migrations.upgrade(conn, None)
    return conn, tmp


_READ_ERRORS = (ValueError, ArithmeticError, TypeError, KeyError, IndexError, sqlite3.Error)


@dataclass
class _Checked:
    """What the open checked and read (issue 19.4): the plan with every scenario's own fields (`schema.read_plan_head`)
    and the lines of the scenarios in `read` (the one shown and any SQLite doubted, which Python validated); every
    scenario SQLite did not doubt proved valid in SQL (`filecheck.doubted_scenarios`), the lines of the others read when
    the whole plan is first asked for (`PlanFile.load`), if the file has not changed since (`data_version`, on the same
    connection)."""

    plan: Plan
    read: set[int]
    data_version: int


def _data_version(conn: sqlite3.Connection) -> int:
    # Changes when another connection commits to the file; never by this connection's own reads.
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _shown(plan: Plan, name: str | None) -> Scenario | None:
    """The scenario a reader shows: the one named (none if no scenario has the name), else the one applied for, else
    the first (`Plan.scenario`, `schema.read_plan_with_scenario`)."""
    try:
        return plan.scenario(name)
    except KeyError:
        return None


def _end_read(conn: sqlite3.Connection) -> None:
    """End a read transaction of the checks. On a damaged file SQLite may fail even that ("database disk image is
    malformed" after a read the checks caught, fuzz seed 501): then the file is refused as damaged, in those words,
    rather than with a traceback."""
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _abandon_read(conn)
        raise _damaged(filecheck.excerpt(exc, 200)) from None


def _abandon_read(conn: sqlite3.Connection) -> None:
    """End a read transaction while an exception is on its way: that exception says what happened, not this end."""
    with contextlib.suppress(sqlite3.Error):
        conn.execute("ROLLBACK")


def _problems(plan: Plan, row_ids: Collection[int] | None = None) -> list[Problem]:
    """The plan validated against the JSON import's rules: its own fields, catalogs and every scenario's own fields,
    and the lines of the scenarios whose row ids are in `row_ids` (None: every scenario's)."""
    from planners import reference
    from planners.model import validation

    positions = None if row_ids is None else [i for i, s in enumerate(plan.scenarios) if s.row_id in row_ids]
    return validation.validate_plan(plan, reference.known_names(), positions)


def _check_contents(conn: sqlite3.Connection, shown: str | None = None) -> _Checked:
    """Schema, stored values and references, then the plan against the JSON import's rules; a `RefusedFile`
    naming table, row and field (issue 20.2). Reads only. In one snapshot: SQLite judges every scenario's lines
    (`filecheck.doubted_scenarios`), Python reads and validates the plan's own fields, the catalogs and every
    scenario's own fields, reads the lines of the scenario `shown` and of any scenario SQLite doubts, and validates
    the scenarios SQLite doubts (the shown one too where SQLite doubts it; else SQLite proved it). Anything
    found there, or any surprise, and the whole plan is read and validated as before (`_check_whole`), which
    decides and words the refusal."""
    conn.execute("BEGIN")
    try:
        _check_file(conn)
        version = _data_version(conn)
        try:
            doubted = filecheck.doubted_scenarios(conn)
            plan = schema.read_plan_head(conn)
            chosen = _shown(plan, shown)
            ids = {s.row_id for s in plan.scenarios if s.row_id is not None}
            read = set(ids) if doubted is None else (doubted & ids) | ({chosen.row_id} if chosen is not None and
                                                                        chosen.row_id is not None else set())
            schema.read_lines_of(conn, [s for s in plan.scenarios if s.row_id in read])
        except _READ_ERRORS:
            problems = None
        else:
            # Python validates the scenarios SQLite doubts (all where it could not judge). The one shown is read for
            # the caller but trusted like the others where SQLite proved it: the rule queries cover every rule of
            # `validate_scenario` for any scenario (test_filecheck_rules; bench/RESULTS.md "s18-summary", ≈ 2 ms).
            problems = _problems(plan, ids if doubted is None else doubted)
    except BaseException:
        _abandon_read(conn)
        raise
    _end_read(conn)
    if problems == []:
        return _Checked(plan, read, version)
    whole = _check_whole(conn)
    return _Checked(whole, {s.row_id for s in whole.scenarios if s.row_id is not None}, version)


def _check_shown(conn: sqlite3.Connection, shown: str | None) -> _Checked | None:
    """The checks of a reading command that shows one scenario (`read_plan_scenario`: `summary`, `check` without
    --all), after the header, ours, our version, `quick_check` and the objects passed (`_open_checked`): the schema,
    the values of every table but the lines' and their children's (`filecheck.head_value_tables`) and the origin's
    snapshot, which nothing here reads (`filecheck.UNREAD_BY_ONE_SCENARIO`), the plan's own fields, catalogs and every
    scenario's own fields read and validated as `_check_contents` does; and of the lines' tables and their children
    only the rows of the scenario shown, their values and rules in SQL (`filecheck.judge_shown`: the lines found
    through their table's index by scenario, as the reader finds them, the children by a scan of their table for the
    judged lines' ids) and their foreign keys (`filecheck.shown_references_broken`, every other table's whole; the
    origin's pages are left to the whole check, `filecheck.PAGES_UNREAD_BY_ONE_SCENARIO`), then read, and every line
    read checked to be one
    judged (`_read_judged`: a damaged index could point the reader anywhere). The other scenarios' lines are neither
    read nor judged: damage there does not concern what the command shows. None at anything found or unusual (a
    refusal, a read error, no scenario to show): the caller then runs the whole file's checks (`_check_contents`),
    which decide and word the refusal as always."""
    checked: _Checked | None = None
    conn.execute("BEGIN")
    try:
        exact = filecheck.check_schema(conn)
        version = _data_version(conn)
        filled = filecheck.tables_with_rows(conn)  # asked once for the values, the rows judged and the keys
        filecheck.check_values(conn, filecheck.head_value_tables(), filecheck.UNREAD_BY_ONE_SCENARIO, filled)
        plan = schema.read_plan_head(conn, filled)  # the tables holding no row are not asked
        chosen = _shown(plan, shown)
        if chosen is not None and chosen.row_id is not None:
            proved, scope = filecheck.judge_shown(conn, chosen.row_id, filled)
            # A foreign key broken among what this reads (detection only): the whole file's checks word it.
            if not filecheck.shown_references_broken(conn, exact, filled):
                ids_read: dict[str, str] = {}
                schema.read_lines_of(conn, [chosen], scan_children=True, filled=filled, ids_read=ids_read)
                # SQLite proved it all: the plan's own fields and catalogs are validated, as `_check_contents` does.
                # Else (a doubt, but no bad value) the plan is validated in Python as the lines read leave it: every
                # scenario's own fields, the shown one's lines, the others' none (they are not read).
                if _read_judged(chosen, scope, ids_read) and not _problems(plan, set() if proved else None):
                    checked = _Checked(plan, {chosen.row_id}, version)
    except Exception:  # noqa: BLE001 (anything at all: the whole file's checks decide and word it)
        checked = None
    try:
        conn.execute("COMMIT")
    except sqlite3.Error:  # the end of the read failed (a damaged file): the whole checks word it (`_end_read`)
        _abandon_read(conn)
        return None
    return checked


def _read_judged(scenario: Scenario, scope: filecheck.Scope, ids_read: dict[str, str] | None = None) -> bool:
    """Whether every line read for `scenario` is a row `filecheck.judge_shown` judged: the reader finds them through an
    index, which `quick_check` does not compare with its table (a damaged one could point at any row). `ids_read`: the
    row ids the reader read per kind, "[1,2,…]" in its order (`schema.read_lines`). Where they are the judged ids in
    the judging's order, text for text, every line read was judged (the same rows: both went through the table's index
    by scenario with the same key, in its order; s20-sql2), without a set of ids made and asked per line (≈ 0,5 ms of
    `summary`); else each line is looked for among the judged, as before."""
    from planners.model import linekinds

    found = {} if ids_read is None else ids_read
    for kind, table in schema.LINE_TABLE.items():
        judged = scope.judged.get(table)
        if found.get(kind, "[]")[1:-1].encode() == (b"" if judged is None else bytes(judged)):
            continue  # the same row ids in the same order: each read one judged
        judged_set = filecheck.judged_ids(scope, table)
        if any(line.row_id not in judged_set for line in linekinds.lines_of(scenario, kind)):
            return False
    return True


def _check_file(conn: sqlite3.Connection) -> None:
    try:
        filecheck.check_file_contents(conn)
    except sqlite3.Error as exc:
        raise _damaged(filecheck.excerpt(exc, 200)) from None
    except UnicodeDecodeError as exc:
        raise _damaged(filecheck.excerpt(exc.object, 200)) from None


def _check_whole(conn: sqlite3.Connection) -> Plan:
    """Every check and the whole plan read and validated in Python, as the open did before issue 19.4: where the
    quick path found anything, this finds it and words the refusal as always."""
    conn.execute("BEGIN")
    try:
        _check_file(conn)
        try:
            plan = schema.read_whole_plan(conn)
        except _READ_ERRORS as exc:
            # The checks above make this unreachable for any file we know of; a reason rather than a traceback.
            raise _damaged(filecheck.excerpt(exc, 120)) from None
    except BaseException:
        _abandon_read(conn)
        raise
    _end_read(conn)
    problems = _problems(plan)
    if problems:
        raise filecheck.refuse_invalid(plan, problems)
    return plan


def read_plan_scenario(path: str | os.PathLike[str], name: str | None) -> tuple[Plan, list[str]]:
    """The plan in a file with only one scenario (the one named; without a name the one applied for, else the
    first; none where no scenario has the name), and every scenario's name in plan order: for the reading
    commands that show one scenario (summary, check), which need not read the others (issue 19.4). The file's
    structure, the plan's own fields, the catalogs and every scenario's own fields are checked as by every open; of
    the scenarios' lines only the shown one's are read, and judged (`_check_shown`): damage in another scenario's lines
    alone does not refuse what this reads (`read_plan` and the GUI's open still do). Anything found, and the whole
    file is checked as `read_plan` checks it, which words the refusal. Like `read_plan`, it never writes the file."""
    path = Path(path)
    # Header, ours, our version, objects as every open; quick_check of every table the read may read (not the origin).
    unread = filecheck.PAGES_UNREAD_BY_ONE_SCENARIO
    conn, version, tmp = _open_checked(path, unread, ONE_READ_STATEMENTS)
    try:
        if version < SCHEMA_VERSION:
            conn, tmp = _migrated_copy(conn, tmp)
            unread = frozenset()  # an older file's pages were checked whole (`_inspect`)
        checked = _check_shown(conn, name)
        if checked is None:
            # Anything found: every check of the whole file, the pages first, in the order and words of every open.
            _check_pages_left(conn, unread)
            checked = _check_contents(conn, name)
    finally:
        conn.close()
        if tmp is not None:
            tmp.cleanup()
    plan = checked.plan
    # The scenario the caller names (else the one applied for, else the first), whichever others the checks read.
    chosen = _shown(plan, name)
    names = [s.name for s in plan.scenarios]
    plan.scenarios = [chosen] if chosen is not None else []
    return plan, names
