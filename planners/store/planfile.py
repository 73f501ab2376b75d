"""Plan files (DESIGN §2): create one, open one with the checks in order, load it, edit it through
operations, save a copy.

A plan is one SQLite file (`.sundhedshus`): rollback journal (not WAL, so it stays one file), foreign keys
on, `synchronous=FULL`, every edit one transaction. Opening runs the checks of §2 on a read-only connection
that never writes a byte: SQLite header, `application_id`, `user_version`, `PRAGMA quick_check`. A file that
fails one is refused with `RefusedFile` and a Danish reason. An older version is migrated (after a backup
copy) when opened for editing; reading commands migrate a temporary copy instead. A crash leaves a hot
journal: an editor lets SQLite roll it back in place (that is how the last commit survives); a reader does
the same on a temporary copy of the file and its journal.

The core talks to SQLite through the standard `sqlite3` module (sqlite-utils costs ~0.1 s to import, which
every start would pay); `PlanFile.db` offers a sqlite-utils `Database` on the same connection, and the
migrations use it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Collection
from pathlib import Path
from types import TracebackType

from planners.model import Plan, Scenario
from planners.model.errors import InvalidPlan, PlanError
from planners.model.i18n import N_, Message
from planners.store import filecheck, schema, schema_write

# The checks of an open and the one-scenario read live in `reading` (a reading command imports only that); the
# editing open uses them as its own.
from planners.store.reading import (
    _READ_ERRORS,
    _abandon_read,
    _check_contents,
    _check_file,
    _check_header,
    _check_whole,
    _Checked,
    _connect,
    _damaged,
    _data_version,
    _end_read,
    _HotJournal,
    _inspect,
    _migrated_copy,
    _open_checked,
    _problems,
    _shown,
)
from planners.store.schema import SCHEMA_VERSION

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 1,5 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    import tempfile
    from typing import Any

    import sqlite_utils

    from planners.store import history, operations, origin, versions
    from planners.store import lock as locking

# The editing machinery (operations, validation with difflib, the lock with socket), tempfile and shutil are
# imported where they are used, so that a reading command (summary, check, export) loads none of them
# (issue 19.4); so are the origin and the named versions (≈ 0,3 ms of `summary`, s17-summary), and the history
# (its entries, their JSON and its dataclass: 20 kB of code a reading command never runs; s17-sum2).

SUFFIX = ".sundhedshus"


def _has_history_table(conn: sqlite3.Connection) -> bool:
    """`history.has_table`, importing the history only for a file opened for editing."""
    from planners.store import history

    return history.has_table(conn)


class PlanReadOnly(PlanError):
    """The plan cannot be written (a read-only file, folder or medium): it can still be opened read-only."""


_SQLITE_READONLY = 8
_SQLITE_FULL = 13
_SQLITE_IOERR = 10
_SQLITE_CANTOPEN = 14


def _editing_failed(path: Path, exc: sqlite3.Error) -> PlanError:
    """A Danish reason for an SQLite error met while opening for editing (issue 20.9): read-only media, a
    full disk, lost access. Nothing was changed: the caller has released the lock."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_READONLY:
        return PlanReadOnly(
            "Planen kan ikke ændres (filen, mappen eller drevet er skrivebeskyttet): {path}. Åbn den skrivebeskyttet.",
            path=path,
        )
    if code == _SQLITE_FULL:
        return PlanError("Disken er fuld; planen kan ikke åbnes til redigering. Intet er ændret: {path}", path=path)
    if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return PlanError("Der er ikke længere adgang til filen (drev fjernet eller netværk afbrudt): {path}",
                         path=path)  # fmt: skip
    return _damaged(filecheck.excerpt(exc, 120))


def _write_failed(path: Path, exc: BaseException, what: str) -> PlanError | None:
    """A Danish reason for a full disk or lost access while writing (issue 20.9), or None for anything else.
    `what` is a msgid (N_) saying what was not done and that nothing is lost."""
    from planners.store.safewrite import write_error

    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code == _SQLITE_FULL:
            return PlanError("Disken er fuld. {what}", what=Message.of(what))
        if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_READONLY):
            return PlanError("Der er ikke længere adgang til filen {name} (drev fjernet, netværk afbrudt eller "
                             "skrivebeskyttet). {what}", name=path.name, what=Message.of(what))  # fmt: skip
        return None
    return write_error(exc, path, what)


def _read_only(path: Path) -> bool:
    # The mode bits count too (as for exports, safewrite._read_only): a plan marked read-only stays so even for
    # an administrator, who could otherwise write anything.
    try:
        return not os.access(path, os.W_OK) or not os.stat(path).st_mode & 0o222
    except OSError:
        return True


# --- the editing connection and its files ------------------------------------------------------


def _set_editing_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    # No page is written to the file before the commit, where SQLite journals page 1 first: so a hot journal of
    # ours without page 1 means an untouched file, which is how filecheck tells another plan's journal apart.
    conn.execute("PRAGMA cache_spill = OFF")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform/file system can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _file_state(path: Path) -> tuple[object, ...]:
    """What tells whether a plan file changed between two moments: the size and time of the file and of any
    journal beside it (SQLite writes one of them on every change), and the header's file change counter (which
    every commit in rollback-journal mode increments: a change within the file system's time granularity that
    kept the size shows there)."""
    out: list[object] = []
    try:
        with open(path, "rb", buffering=0) as f:
            out.append(f.read(28)[24:28])
    except OSError:
        out.append(None)
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal")):
        try:
            st = p.stat()
        except OSError:
            out.append(None)
        else:
            out.append((st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


# --- the GUI's open: the scenario shown first, the rest of the checks after the first paint (issue 19.1) ----------
# Opening the XL plan spent ≈ 0,4 s in the checks, of which the whole-file ones (every value of every table, the pages,
# the foreign keys, the rules of the scenarios not shown) concern nothing the first painted window shows. The GUI's
# open (`PlanFile.open(..., defer=True)`) checks and reads what the window shows: the header, ours and our version, the
# schema, the values of the plan's own tables and catalogs, and the scenario shown read and validated. The rest waits
# for `PlanFile.verify` (the window calls it after its first paint): until then `PlanFile.conn` runs it first, so no
# edit, version, copy or further read can reach the file before it has passed. Anything the fast path finds, and the
# full open runs instead, which decides and words the refusal as always. The CLI never defers.

# The tables the window shows before the rest is checked, whose values are checked first: the plan's own fields and
# the catalogs (small). The lines' tables (60.000 rooms on the XL plan) and the origin's snapshot are checked after.
_HEAD_TABLES = ("plan", "plan_year", "partner", "scenario", "market_rent_default", "catalog_equipment",
                "catalog_room_type", "catalog_running_rate", "catalog_tenant_kind", "catalog_tenant_kind_room")


class _Deferred:
    """What `PlanFile.verify` still has to check: the snapshot the window shows (`data_version` of the file's own
    connection), the scenario read and validated at open, and whether the editor's clean-up of a killed export's
    leftovers waits for it too (nothing beside a refused file is touched)."""

    __slots__ = ("clean", "data_version", "refusal", "seconds", "shown", "state")

    def __init__(self, data_version: int, shown: set[int], clean: bool, state: tuple[object, ...]) -> None:
        self.data_version = data_version
        self.state = state  # `_file_state` of the file as checked
        self.shown = shown
        self.clean = clean
        self.refusal: PlanError | None = None  # set once the checks refused the file: every later use says it
        self.seconds: float | None = None  # how long the checks took (reported by the bench)


class _Changed(Exception):
    """The file changed between the open and the deferred checks: they cannot vouch for what the window shows."""


def _fast_checks(path: Path, shown: str | None) -> tuple[sqlite3.Connection, _Checked] | None:
    """The GUI's fast open on a read-only connection: what the window needs to show the scenario `shown` (named, else
    the one applied for, else the first) correctly. None where anything is found or unusual (a hot journal, an older
    version, a scenario name not found, any error or problem): the caller then opens as always (`_open_full`)."""
    try:
        _check_header(path)
        conn = _connect(path, "ro")
    except Exception:  # noqa: BLE001 (the full open words it)
        return None
    try:
        if _inspect(conn, pages=False) != SCHEMA_VERSION:
            raise _Changed
        filecheck.check_objects(conn)
        conn.execute("BEGIN")
        try:
            filecheck.check_schema(conn)
            version = _data_version(conn)
            filecheck.check_values(conn, _HEAD_TABLES)
            plan = schema.read_plan_head(conn)
            chosen = _shown(plan, shown)
            if chosen is None or chosen.row_id is None:
                raise _Changed
            schema.read_lines_of(conn, [chosen])
        except BaseException:
            _abandon_read(conn)
            raise
        _end_read(conn)
        if _problems(plan, {chosen.row_id}):
            raise _Changed
    except Exception:  # noqa: BLE001 (anything at all: the full open decides and words it)
        conn.close()
        return None
    return conn, _Checked(plan, {chosen.row_id}, version)


def _check_rest(conn: sqlite3.Connection, data_version: int, shown: set[int]) -> None:
    """The checks the fast open left out, on the connection the window's plan was read from, in the order of the full
    open, so the first refusal is the one the full open gives, in its words: the pages (`quick_check`), the objects,
    then every value and reference (`_check_file`), the rules of every scenario in SQL and the doubted ones read and
    validated in Python, and where anything is found the whole plan as the full open reads it (`_check_whole`).
    `_Changed` where the file is no longer the snapshot shown (`data_version` of `conn`); `shown`: the ids of the
    scenarios read and validated at open."""
    if _data_version(conn) != data_version:
        raise _Changed
    try:
        _inspect(conn)
    except _HotJournal:
        raise _Changed from None
    filecheck.check_objects(conn)
    conn.execute("BEGIN")
    try:
        if _data_version(conn) != data_version:
            raise _Changed
        _check_file(conn)
        try:
            doubted = filecheck.doubted_scenarios(conn)
            plan = schema.read_plan_head(conn)
            ids = {s.row_id for s in plan.scenarios if s.row_id is not None}
            read = (ids if doubted is None else doubted & ids) - shown
            schema.read_lines_of(conn, [s for s in plan.scenarios if s.row_id in read])
        except _READ_ERRORS:
            problems = None
        else:
            problems = _problems(plan, read)
    except BaseException:
        _abandon_read(conn)
        raise
    _end_read(conn)
    if problems != []:
        _check_whole(conn)  # raises the refusal in its words (or finds the plan valid after all)


# --- the plan file -----------------------------------------------------------------------------


class PlanFile:
    """An open plan file. Use `PlanFile.open()` or `create_plan_file()`; close it (or use `with`)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool,
                 lock: locking.PlanLock | None, tmp: tempfile.TemporaryDirectory | None) -> None:  # fmt: skip
        self.path = path
        self.readonly = readonly
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._tmp = tmp
        self._author: str | None = None  # `author`: the login name asked when first needed (issue 19)
        # Asked once for a file opened for editing: an edit then costs one INSERT more, no SELECT. A read-only
        # file is never edited (`apply` refuses), so it neither asks nor imports the history (s17-sum2).
        self._has_history = not readonly and _has_history_table(conn)
        self._history_checked = False  # the history table's pages and values, checked when first read
        # The lists' orders this connection's edits left (`operations.LineOrders`), made with the first edit.
        self._line_orders: operations.LineOrders | None = None
        # What the open's checks read and validated, completed by the first `load` when the file has not changed
        # since (reading a large plan twice was a third of opening it); None once used or not known.
        self._checked: _Checked | None = None
        # The GUI's open: the checks not needed for the first painted window, still to run (`verify`).
        self._deferred: _Deferred | None = None

    @property
    def author(self) -> str:
        """Who the history names for this file's edits (issue 18.1): the GUI sets the name from its settings;
        else the login name, asked when an edit or a version first needs it, not at every open (getpass with
        termios and pwd: reading commands never need it; issue 19)."""
        if self._author is None:
            from planners.store import history

            self._author = history.login_name()
        return self._author

    @author.setter
    def author(self, name: str) -> None:
        self._author = name

    @classmethod
    def open(cls, path: str | os.PathLike[str], readonly: bool = False, scenario: str | None = None,
             defer: bool = False) -> PlanFile:  # fmt: skip
        """Open a plan. For editing: take the lock (`PlanLocked` if someone has it) and migrate an older
        version after a backup copy. `readonly`: no lock, never writes; an older version is migrated on a
        temporary copy. A file that fails a check raises `RefusedFile` and is left exactly as it was.
        `scenario`: the scenario to be shown (default: the one applied for, else the first), the only one read at
        open (every scenario is proved in SQL, and validated in Python only where SQLite doubts it; the others are
        read by the first `load`).
        `defer` (the GUI): only what showing that scenario needs is checked now, the rest by `verify` (which every
        use of the connection runs first); a current-version file without surprises only, else the full open."""
        path = Path(path)
        if defer:
            opened = cls._open_deferred(path, readonly, scenario)
            if opened is not None:
                return opened
        return cls._open_full(path, readonly, scenario)

    @classmethod
    def _open_deferred(cls, path: Path, readonly: bool, scenario: str | None) -> PlanFile | None:
        """`open(defer=True)`: the fast checks (`_fast_checks`), then for editing the lock and the editing connection
        on the file as checked. None wherever the full open must decide: anything found, a locked or write-protected
        plan (the full open checks before it says so), a file changed meanwhile."""
        state = _file_state(path)
        fast = _fast_checks(path, scenario)
        if fast is None:
            return None
        conn, checked = fast
        if readonly:
            opened = cls(path, conn, True, None, None)
            opened._checked = checked
            opened._deferred = _Deferred(checked.data_version, set(checked.read), False, state)
            return opened
        conn.close()
        if _read_only(path) or _read_only(path.parent):
            return None
        from planners.store import lock as locking

        try:
            held = locking.acquire(path)
        except (PlanError, OSError):
            return None  # locked (or no lock to be had): the full open checks the file first, then says why
        try:
            conn = _connect(path, "rw")
        except sqlite3.Error:
            held.release()
            return None
        try:
            _set_editing_pragmas(conn)
            # The first read under our lock; the file must still be the one checked (else the full open, which
            # checks its pages again).
            _inspect(conn, pages=False)
            if _file_state(path) != state:
                raise _Changed
            checked.data_version = _data_version(conn)
        except Exception:  # noqa: BLE001 (the full open decides and words it)
            conn.close()
            held.release()
            return None
        opened = cls(path, conn, False, held, None)
        opened._checked = checked
        opened._deferred = _Deferred(checked.data_version, set(checked.read), True, state)
        return opened

    def verification_pending(self) -> bool:
        """Whether the checks the GUI's open deferred are still to run (`verify`)."""
        return self._deferred is not None and self._deferred.refusal is None and self._conn is not None

    def verify(self) -> None:
        """Run the checks the GUI's open deferred (`open(defer=True)`), once: nothing if none are pending. Raises the
        `RefusedFile` of the full open, in its words, if they refuse the file (a `PlanError` if it can no longer be
        read at all) — and again at every later use of the
        file (nothing is ever written to it). Run by every use of `conn` (an edit, a version, a copy, another
        scenario's lines), so none reaches the file before the checks have passed."""
        deferred = self._deferred
        if deferred is None or self._conn is None:
            return
        if deferred.refusal is not None:
            raise deferred.refusal
        import time

        started = time.perf_counter()
        try:
            try:
                if self.readonly:
                    _check_rest(self._conn, deferred.data_version, deferred.shown)
                else:
                    self._check_rest_apart(deferred)
            except _Changed:
                # Changed by another program since the open (a reader holds no lock): the file as it is now gets
                # the full checks, on a connection of its own; the first `load` reads it again, whole.
                self._open_full(self.path, True, None).close()
        except PlanError as exc:
            deferred.refusal = exc
            raise
        except sqlite3.Error as exc:  # the file's pages gave way under a statement: as the open words it
            deferred.refusal = _damaged(filecheck.excerpt(exc, 200))
            raise deferred.refusal from None
        except OSError:  # the file or its folder went away (a drive removed, a network lost)
            deferred.refusal = PlanError("Der er ikke længere adgang til filen (drev fjernet eller netværk afbrudt): "
                                         "{path}", path=self.path)  # fmt: skip
            raise deferred.refusal from None
        finally:
            deferred.seconds = time.perf_counter() - started
        self._deferred = None
        if deferred.clean:
            from planners.store.safewrite import clean_leftovers

            clean_leftovers(self.path.parent)  # a killed export's or migration's temporary files (issue 20.5)

    def _check_rest_apart(self, deferred: _Deferred) -> None:
        """An editor's deferred checks, on a read-only connection of their own as the full open runs them: SQLite's
        `quick_check` judges CHECK constraints on a writable connection only, so on the editing one a value the full
        open refuses in its words ("skal være et heltal") was refused in SQLite's (GUI fuzz seed 614). The file is
        the one shown while neither the editing connection (`data_version`) nor the file (`_file_state`: the header's
        change counter, sizes, times) has changed; under our lock, with nothing written before the checks pass."""
        def same() -> bool:
            assert self._conn is not None
            return _data_version(self._conn) == deferred.data_version and _file_state(self.path) == deferred.state

        if not same():
            raise _Changed
        try:
            apart = _connect(self.path, "ro")
        except sqlite3.Error:
            raise _Changed from None
        try:
            _check_rest(apart, _data_version(apart), deferred.shown)
        finally:
            apart.close()
        if not same():
            raise _Changed

    def refusal(self) -> PlanError | None:
        """The refusal of the deferred checks, if they refused the file (`verify`)."""
        return None if self._deferred is None else self._deferred.refusal

    @classmethod
    def _open_full(cls, path: Path, readonly: bool, scenario: str | None) -> PlanFile:
        """Every check of DESIGN §2 before the plan is handed out (the CLI's open, and the GUI's where the fast one
        found anything)."""
        state = _file_state(path)
        conn, version, tmp = _open_checked(path)
        try:
            # Everything is checked on a read-only connection (or a recovered/migrated temporary copy)
            # before the lock is taken and before a journal is rolled back or a migration runs in place.
            if version < SCHEMA_VERSION:
                conn, tmp = _migrated_copy(conn, tmp)
            checked = _check_contents(conn, scenario)
            if readonly and tmp is not None:
                conn.execute("PRAGMA query_only = ON")
        except BaseException:
            conn.close()
            if tmp is not None:
                tmp.cleanup()
            raise
        if readonly:
            opened = cls(path, conn, True, None, tmp)
            # The first `load` completes the plan the checks read and validated on this same connection (or copy)
            # while the file is as it was checked (`data_version`); reading it again cost as much as the read
            # itself (a large plan: ~15 ms, XL: ~150 ms; issue 19.4).
            opened._checked = checked
            return opened
        conn.close()
        if tmp is not None:
            tmp.cleanup()
        if _read_only(path) or _read_only(path.parent):
            # SQLite needs to write the file and create its journal beside it.
            raise PlanReadOnly("Planen kan ikke ændres (filen eller mappen er skrivebeskyttet): {path}. "
                               "Åbn den skrivebeskyttet.", path=path)
        from planners.store import lock as locking
        from planners.store.safewrite import clean_leftovers

        held = locking.acquire(path)
        clean_leftovers(path.parent)  # a killed export's or migration's temporary files (issue 20.5)
        try:
            conn = _connect(path, "rw")
            try:
                _set_editing_pragmas(conn)  # the first read rolls back a hot journal, in place
                # The pages were checked moments ago on the read-only connection: where the file itself was checked
                # (no recovered or migrated copy) and neither it nor a journal beside it changed since (now under our
                # lock, after this connection's first read), a second `quick_check` would read the same bytes again
                # (XL: ≈ 25 ms of the start; issue 19). Anything changed, and it runs as before.
                unchanged = tmp is None and version == SCHEMA_VERSION and _file_state(path) == state
                if _inspect(conn, pages=not unchanged) < SCHEMA_VERSION:
                    from planners.store import migrations

                    migrations.upgrade(conn, path)
            except sqlite3.Error as exc:
                conn.close()
                raise _editing_failed(path, exc) from exc
            except BaseException:
                conn.close()
                raise
        except BaseException:
            held.release()
            raise
        opened = cls(path, conn, False, held, None)
        # Read from the file itself (no recovered or migrated copy) and the file unchanged since, now under
        # our lock: what was checked is what `load` would read.
        if tmp is None and version == SCHEMA_VERSION and _file_state(path) == state:
            # The editing connection is new: the file is compared from now on (nobody else writes under our lock).
            checked.data_version = _data_version(opened.conn)
            opened._checked = checked
        return opened

    # --- reading -------------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise PlanError("Planen er lukket")
        if self._deferred is not None:
            self.verify()  # no statement of anyone reaches the file before the deferred checks passed
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        """A sqlite-utils view of the same connection (for inspection and scripting)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, recursive_triggers=False, execute_plugins=False)

    def shown(self) -> tuple[Plan, Scenario | None]:
        """The plan as the open checked it, before any `load`: every scenario's own fields, and the lines of the
        scenario shown (the one named at open, else the one applied for, else the first; None if none has the name).
        The other scenarios' line lists are empty until the first `load` reads them."""
        if self._checked is None:
            plan = self.load()
            return plan, _shown(plan, None)
        plan = self._checked.plan
        chosen = next((s for s in plan.scenarios if s.row_id in self._checked.read), None)
        return plan, chosen

    def unread(self) -> set[int]:
        """The row ids of the scenarios whose lines `shown()` holds unread (read by the first `load`)."""
        if self._checked is None:
            return set()
        read = self._checked.read
        return {s.row_id for s in self._checked.plan.scenarios if s.row_id is not None and s.row_id not in read}

    def load(self) -> Plan:
        """The whole plan, row ids set on scenarios, tenants and lines; read in one snapshot."""
        conn = self.conn  # first: the deferred checks, which may refuse (the checked plan then stays)
        checked, self._checked = self._checked, None
        if checked is not None and conn.total_changes == 0:  # nothing written through this file since
            rest = [s for s in checked.plan.scenarios if s.row_id not in checked.read]
            if not rest:
                return checked.plan
            # Inside a transaction of this connection (an edit whose validation asked for another scenario's
            # lines before it wrote), the read is part of it.
            own = not conn.in_transaction
            if own:
                conn.execute("BEGIN")
            try:
                if _data_version(conn) == checked.data_version:  # the file as checked: read the other lines
                    try:
                        schema.read_lines_of(conn, rest)
                    except _READ_ERRORS as exc:  # proved impossible by the checks; a reason, not a traceback
                        raise _damaged(filecheck.excerpt(exc, 120)) from None
                    return checked.plan
            finally:
                if own:
                    conn.execute("COMMIT")
            # Changed by someone else since the open (a reader holds no lock): checked again, whole.
            if not own:
                return schema.read_whole_plan(conn)
            return _check_whole(conn)
        if conn.in_transaction:
            return schema.read_whole_plan(conn)
        conn.execute("BEGIN")
        try:
            return schema.read_whole_plan(conn)
        finally:
            conn.execute("COMMIT")

    # --- reading back what an edit changed (the GUI session asks these, never the connection) ----------
    # No read transaction around them: they follow an edit of this editor, which holds the plan's lock, so no
    # other writer can change the file between their statements (and BEGIN/COMMIT would double the count).

    def read_plan_fields(self) -> dict[str, Any]:
        """The plan's own fields (`schema.PLAN_FIELDS`: title, years, applicant …) by name."""
        plan = schema.read_plan_fields(self.conn)
        return {name: getattr(plan, name) for name in schema.PLAN_FIELDS}

    def read_scenario(self, scenario_id: int) -> Scenario | None:
        """One scenario with all its lines, row ids set; None if there is no such scenario."""
        found = schema.read_scenarios(self.conn, scenario_id)
        return found[0] if found else None

    def read_lines(self, kind: str, row_ids: Collection[int]) -> dict[int, Any]:
        """The lines of `kind` with these row ids (row id → line; a deleted one is missing)."""
        ids = list(row_ids)
        if not ids:
            return {}
        where = f"id IN ({', '.join('?' * len(ids))})"
        found = schema.read_lines(self.conn, kind, where, tuple(ids))
        return {line.row_id: line for _sid, line in found}

    def line_positions(self, kind: str, row_ids: Collection[int]) -> dict[int, int]:
        """The positions of these lines of `kind` in their lists (row id → position; a missing one is left out).
        Every edit leaves a list it changed at positions 0, 1, 2 …: a line just added stands at its index."""
        ids = list(row_ids)
        if not ids:
            return {}
        table = schema.LINE_TABLE[kind]
        rows = self.conn.execute(f"SELECT id, position FROM {table} WHERE id IN ({', '.join('?' * len(ids))})", ids)
        return {int(i): int(position) for i, position in rows}

    def line_order(self, kind: str, scenario_id: int) -> list[int]:
        """The row ids of a scenario's lines of `kind`, in list order."""
        return schema.line_ids(self.conn, kind, scenario_id)

    def origin(self) -> origin.Origin | None:
        """Where this line of copies began (issue 18.4): token, time and the plan then; None if the file has none."""
        from planners.store import origin as origin_store

        return origin_store.read(self.conn)

    # --- editing -------------------------------------------------------------------------------

    def apply(self, op: operations.Operation, text_da: str = "", held: Plan | None = None) -> operations.Changes:
        """Apply one operation in one transaction; what changed, with the operation that undoes it. The edit is
        recorded in the file's history in the same transaction, named `text_da` (the undo step's words; without
        them, words for the kind of operation), by `self.author`. `held`: the plan exactly as this file holds
        it (the GUI's, kept current), to validate against instead of reading it again (`operations.apply`)."""
        if self.readonly:
            raise PlanError("Planen er åbnet skrivebeskyttet; ændringen er ikke gemt")
        from planners.store import history, operations

        conn = self.conn
        if self._line_orders is None:
            self._line_orders = operations.LineOrders()
        orders = self._line_orders

        def record(inverse: operations.Operation) -> None:
            history.record(conn, text_da or history.describe(op), self.author, op, inverse)

        try:
            if not self._has_history:  # a file this version could not upgrade: edit without history
                return operations.apply(conn, op, held=held, orders=orders)
            return operations.apply(conn, op, before_commit=record, held=held, orders=orders)
        except (sqlite3.Error, OSError) as exc:
            # A full disk or a lost drive: the transaction is rolled back (SQLite's journal), every earlier edit
            # is in the file; the app goes on and says so in Danish (issue 20.9).
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.rollback()
            failed = _write_failed(self.path, exc, N_("Ændringen er ikke gemt; planen er som før ændringen."))
            if failed is None:
                raise
            raise failed from exc

    def save_version(self, name: str) -> versions.Version:
        """"Gem version…": the plan as it is now under `name` (issue 18.2), by `self.author`."""
        if self.readonly:
            raise PlanError("Planen er åbnet skrivebeskyttet; versionen er ikke gemt")
        from planners.store import versions as versions_store

        return versions_store.save(self.conn, name, self.author)

    def versions(self) -> list[versions.Version]:
        from planners.store import versions as versions_store

        return versions_store.listed(self.conn)

    def version_plan(self, name: str) -> Plan:
        """The plan as it was when version `name` was saved (row ids as then)."""
        from planners.store import versions as versions_store

        return versions_store.load(self.conn, name)

    def history(self, who: str | None = None, since: str | None = None, until: str | None = None,
                operations_too: bool = True) -> list[history.Entry]:
        """The file's history, oldest first (`planners.store.history.entries`). The first read checks the history
        table's pages and values (opening leaves them out, `filecheck.CHECKED_WHEN_READ`): a damaged history is
        a `RefusedFile`, the plan itself stays usable."""
        from planners.store import history

        if not self._history_checked and history.has_table(self.conn):
            filecheck.check_table(self.conn, "history")
            self._history_checked = True  # what this editor adds after the check is its own
        return history.entries(self.conn, who, since, until, operations_too)

    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """"Gem kopi som…": a consistent copy through SQLite's backup API, written to a temporary file
        beside the target and renamed into place. The copy is never locked or opened."""
        target = Path(target)
        if target.exists() and self.path.exists() and os.path.samefile(target, self.path):
            raise PlanError("En kopi kan ikke gemmes oven i selve planen")
        if filecheck.holds_sqlite(target):  # issue 20.8: no command writes over any plan
            raise PlanError("{name} er en anden plan; en kopi gemmes aldrig oven i en plan. Vælg et nyt filnavn.",
                            name=target.name)
        try:
            return self._save_copy(target)
        except (sqlite3.Error, OSError) as exc:
            failed = _write_failed(target, exc, N_("Kopien er ikke gemt; planen er uændret."))
            if failed is None:
                raise
            raise failed from exc

    def _save_copy(self, target: Path) -> Path:
        import tempfile

        from planners.store.safewrite import ordinary_mode

        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            dest = sqlite3.connect(tmp, isolation_level=None)
            try:
                self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            _fsync_file(tmp)
            os.chmod(tmp, ordinary_mode(target))  # mkstemp's 0600 would hide the copy from colleagues
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        return target

    # --- closing -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file and remove the lock (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> PlanFile:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.close()

    def __repr__(self) -> str:
        return f"PlanFile({str(self.path)!r}, readonly={self.readonly})"


def create_plan_file(path: str | os.PathLike[str], plan: Plan, origin_token: str | None = None,
                     author: str | None = None) -> PlanFile:
    """Make a new plan file holding `plan` (its catalogs copied in) and open it for editing; the history's first
    entry names `author` (the app's setting; default the login name).

    Refuses an existing path (`PlanError`) and an invalid plan (`InvalidPlan`). The file is written into a
    temporary file in the same folder and then linked into place: never a half-written plan, never a
    clobbered file. The file's origin (`planners.store.origin`) is the plan as written, under a new token (or
    `origin_token`)."""
    path = Path(path)
    if path.exists():
        raise PlanError("Filen findes allerede: {path}", path=path)
    if not path.parent.is_dir():
        raise PlanError("Mappen findes ikke: {path}", path=path.parent)
    import tempfile

    from planners import reference
    from planners.model import validation
    from planners.store.safewrite import ordinary_mode

    problems = validation.validate_plan(plan, reference.known_names())
    if problems:
        raise InvalidPlan(problems)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            _set_editing_pragmas(conn)
            conn.execute("BEGIN IMMEDIATE")
            schema.create_schema(conn)
            schema_write.write_plan(conn, plan)
            from planners.store import origin as origin_store

            origin_store.mark(conn, origin_token)  # a new plan's copies share this origin (issue 18.4)
            from planners.store import history

            history.record(conn, "Planen er oprettet", author or history.login_name())
            conn.execute("COMMIT")
        finally:
            conn.close()
        _fsync_file(tmp)
        os.chmod(tmp, ordinary_mode(path))  # a plan on a network share must be readable by colleagues
        try:
            os.link(tmp, path)  # fails if the name was taken meanwhile, unlike rename
        except FileExistsError:
            raise PlanError("Filen findes allerede: {path}", path=path) from None
        except OSError:
            if path.exists():  # no hard links on this file system: check, then rename
                raise PlanError("Filen findes allerede: {path}", path=path) from None
            os.rename(tmp, path)
        _fsync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return PlanFile.open(path)


def existing_plan_path(path: str | os.PathLike[str]) -> Path:
    """`path` as a Path, refused in Danish where nothing is there or it is a folder (before any reading)."""
    p = Path(path)
    if not p.exists():
        raise PlanError("Filen findes ikke: {path}", path=p)
    if p.is_dir():
        raise PlanError("{path} er en mappe, ikke en planfil", path=p)
    return p


def read_plan(path: str | os.PathLike[str]) -> Plan:
    """The plan in a file, for reading commands (summary, check, export): never writes the file, ignores
    the lock, migrates an older version on a temporary copy."""
    with PlanFile.open(path, readonly=True) as plan_file:
        return plan_file.load()
