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
import shutil
import sqlite3
import tempfile
from collections.abc import Collection
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from planners import reference
from planners.model import Plan, Scenario, validation
from planners.model.errors import InvalidPlan, PlanError, RefusedFile
from planners.store import history, operations, origin, schema, versions
from planners.store import lock as locking
from planners.store.safewrite import ordinary_mode
from planners.store.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

SUFFIX = ".sundhedshus"
SQLITE_MAGIC = b"SQLite format 3\x00"
_SQLITE_READONLY_ROLLBACK = 776  # a read-only connection met a hot journal it may not roll back

NOT_SQLITE = (
    "Filen er ikke en Sundhedshus-plan (ikke en SQLite-database)",
    "The file is not a Sundhedshus plan (not an SQLite database)",
)
FOREIGN = (
    "Filen er en SQLite-database, men den tilhører et andet program (ikke en Sundhedshus-plan)",
    "The file is an SQLite database that belongs to another application (not a Sundhedshus plan)",
)


def _newer(version: int) -> tuple[str, str]:
    return (
        f"Planen er gemt med en nyere version af Sundhedshus (filversion {version}); denne version kan åbne "
        f"til og med version {SCHEMA_VERSION}. Opdatér programmet.",
        f"The plan was saved by a newer version of Sundhedshus (file version {version}); this version opens "
        f"versions up to {SCHEMA_VERSION}. Please update the application.",
    )


def _damaged(detail: str) -> tuple[str, str]:
    return (
        f"Planen er beskadiget og kan ikke åbnes ({detail}). Brug en sikkerhedskopi af filen.",
        f"The plan is damaged and cannot be opened ({detail}). Use a backup copy of the file.",
    )


class _HotJournal(Exception):
    """The file has a hot journal (a crash in the middle of a commit) a read-only connection cannot undo."""


# --- connections -------------------------------------------------------------------------------


def _uri(path: Path, mode: str) -> str:
    # as_uri() percent-encodes æøå, emoji, '?', '#' and '%' so SQLite reads the path as given.
    return Path(os.path.abspath(path)).as_uri() + f"?mode={mode}"


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit); `mode` ro never creates or writes."""
    conn = sqlite3.connect(_uri(path, mode), uri=True, isolation_level=None, timeout=10.0)
    conn.row_factory = sqlite3.Row
    return conn


def _set_editing_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


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


# --- the checks of DESIGN §2 -------------------------------------------------------------------


def _check_header(path: Path) -> None:
    """(1) Is it an SQLite file at all? Read the header ourselves: SQLite would treat an empty or missing
    file as a new database."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        raise RefusedFile(f"Filen findes ikke: {path}", f"No such file: {path}") from None
    except IsADirectoryError:
        raise RefusedFile(f"Det er en mappe, ikke en plan: {path}", f"That is a folder, not a plan: {path}") from None
    except OSError as exc:
        raise RefusedFile(f"Filen kan ikke læses: {path} ({exc.strerror})",
                          f"Cannot read the file: {path} ({exc.strerror})") from None  # fmt: skip
    if head[:16] != SQLITE_MAGIC:
        raise RefusedFile(*NOT_SQLITE)
    if len(head) < 100:
        raise RefusedFile(*_damaged("filen er afkortet"))


def _inspect(conn: sqlite3.Connection) -> int:
    """(2) ours, (3) a version we know, (4) quick_check; the file's version."""
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise RefusedFile(*FOREIGN)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RefusedFile(*_newer(version))
        if version < 1:
            raise RefusedFile(*_damaged(f"ukendt filversion {version}"))
        result = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_READONLY_ROLLBACK:
            raise _HotJournal from exc
        raise RefusedFile(*_damaged(str(exc))) from exc
    if result != ["ok"]:
        raise RefusedFile(*_damaged("; ".join(result[:3])))
    return version


def _open_checked(path: Path) -> tuple[sqlite3.Connection, int, tempfile.TemporaryDirectory | None]:
    """Run the checks without writing a byte of `path`; a connection to read from, the file's version, and
    the temporary folder holding a recovered copy when the file had a hot journal."""
    _check_header(path)
    try:
        conn = _connect(path, "ro")
    except sqlite3.Error as exc:
        raise RefusedFile(*_damaged(str(exc))) from exc
    try:
        return conn, _inspect(conn), None
    except _HotJournal:
        conn.close()
    except BaseException:
        conn.close()
        raise
    # Let SQLite roll the hot journal back on a copy of the file and its journal: the original stays as it is.
    tmp = tempfile.TemporaryDirectory(prefix="sundhedshus-")
    try:
        copy = Path(tmp.name) / "plan.sundhedshus"
        shutil.copyfile(path, copy)
        journal = path.with_name(path.name + "-journal")
        with contextlib.suppress(FileNotFoundError):
            shutil.copyfile(journal, copy.with_name(copy.name + "-journal"))
        conn = _connect(copy, "rw")
        try:
            return conn, _inspect(conn), tmp
        except BaseException:
            conn.close()
            raise
    except BaseException:
        tmp.cleanup()
        raise


def _migrated_copy(conn: sqlite3.Connection, tmp: tempfile.TemporaryDirectory | None
                   ) -> tuple[sqlite3.Connection, tempfile.TemporaryDirectory]:  # fmt: skip
    """An older plan upgraded on a temporary copy (reading commands never write the plan file)."""
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
        # Who the history names for this file's edits (issue 18.1): the GUI sets the name from its settings.
        self.author = history.login_name()
        self._has_history = history.has_table(conn)  # asked once: an edit then costs one INSERT more, no SELECT

    @classmethod
    def open(cls, path: str | os.PathLike[str], readonly: bool = False) -> PlanFile:
        """Open a plan. For editing: take the lock (`PlanLocked` if someone has it) and migrate an older
        version after a backup copy. `readonly`: no lock, never writes; an older version is migrated on a
        temporary copy. A file that fails a check raises `RefusedFile` and is left exactly as it was."""
        path = Path(path)
        conn, version, tmp = _open_checked(path)
        if readonly:
            try:
                if version < SCHEMA_VERSION:
                    conn, tmp = _migrated_copy(conn, tmp)
                if tmp is not None:
                    conn.execute("PRAGMA query_only = ON")
            except BaseException:
                conn.close()
                if tmp is not None:
                    tmp.cleanup()
                raise
            return cls(path, conn, True, None, tmp)
        conn.close()
        if tmp is not None:
            tmp.cleanup()
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            # SQLite needs to write the file and create its journal beside it.
            raise PlanError(f"Planen kan ikke ændres (filen eller mappen er skrivebeskyttet): {path}. "
                            "Åbn den skrivebeskyttet.",
                            f"The plan cannot be changed (the file or folder is read-only): {path}. "
                            "Open it read-only.")  # fmt: skip
        held = locking.acquire(path)
        try:
            conn = _connect(path, "rw")
            try:
                _set_editing_pragmas(conn)  # the first read rolls back a hot journal, in place
                if _inspect(conn) < SCHEMA_VERSION:
                    from planners.store import migrations

                    migrations.upgrade(conn, path)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            held.release()
            raise
        return cls(path, conn, False, held, None)

    # --- reading -------------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise PlanError("Planen er lukket", "The plan is closed")
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        """A sqlite-utils view of the same connection (for inspection and scripting)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, recursive_triggers=False, execute_plugins=False)

    def load(self) -> Plan:
        """The whole plan, row ids set on scenarios, tenants and lines; read in one snapshot."""
        conn = self.conn
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

    def line_order(self, kind: str, scenario_id: int) -> list[int]:
        """The row ids of a scenario's lines of `kind`, in list order."""
        return schema.line_ids(self.conn, kind, scenario_id)

    def origin(self) -> origin.Origin | None:
        """Where this line of copies began (issue 18.4): token, time and the plan then; None if the file has none."""
        return origin.read(self.conn)

    # --- editing -------------------------------------------------------------------------------

    def apply(self, op: operations.Operation, text_da: str = "") -> operations.Changes:
        """Apply one operation in one transaction; what changed, with the operation that undoes it. The edit is
        recorded in the file's history in the same transaction, named `text_da` (the undo step's words; without
        them, words for the kind of operation), by `self.author`."""
        if self.readonly:
            raise PlanError("Planen er åbnet skrivebeskyttet; ændringen er ikke gemt",
                            "The plan is open read-only; the change was not saved")  # fmt: skip
        conn = self.conn
        if not self._has_history:  # a file this version could not upgrade: edit without history
            return operations.apply(conn, op)

        def record(inverse: operations.Operation) -> None:
            history.record(conn, text_da or history.describe(op), self.author, op, inverse)

        return operations.apply(conn, op, before_commit=record)

    def save_version(self, name: str) -> versions.Version:
        """"Gem version…": the plan as it is now under `name` (issue 18.2), by `self.author`."""
        if self.readonly:
            raise PlanError("Planen er åbnet skrivebeskyttet; versionen er ikke gemt",
                            "The plan is open read-only; the version was not saved")  # fmt: skip
        return versions.save(self.conn, name, self.author)

    def versions(self) -> list[versions.Version]:
        return versions.listed(self.conn)

    def version_plan(self, name: str) -> Plan:
        """The plan as it was when version `name` was saved (row ids as then)."""
        return versions.load(self.conn, name)

    def history(self, who: str | None = None, since: str | None = None, until: str | None = None,
                operations_too: bool = True) -> list[history.Entry]:
        """The file's history, oldest first (`planners.store.history.entries`)."""
        return history.entries(self.conn, who, since, until, operations_too)

    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """"Gem kopi som…": a consistent copy through SQLite's backup API, written to a temporary file
        beside the target and renamed into place. The copy is never locked or opened."""
        target = Path(target)
        if target.exists() and self.path.exists() and os.path.samefile(target, self.path):
            raise PlanError("En kopi kan ikke gemmes oven i selve planen", "A copy cannot replace the plan itself")
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


def create_plan_file(path: str | os.PathLike[str], plan: Plan, origin_token: str | None = None) -> PlanFile:
    """Make a new plan file holding `plan` (its catalogs copied in) and open it for editing.

    Refuses an existing path (`PlanError`) and an invalid plan (`InvalidPlan`). The file is written into a
    temporary file in the same folder and then linked into place: never a half-written plan, never a
    clobbered file. The file's origin (`planners.store.origin`) is the plan as written, under a new token (or
    `origin_token`)."""
    path = Path(path)
    if path.exists():
        raise PlanError(f"Filen findes allerede: {path}", f"The file already exists: {path}")
    if not path.parent.is_dir():
        raise PlanError(f"Mappen findes ikke: {path.parent}", f"No such folder: {path.parent}")
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
            schema.write_plan(conn, plan)
            origin.mark(conn, origin_token)  # a new plan's copies share this origin (issue 18.4)
            history.record(conn, "Planen er oprettet", history.login_name())
            conn.execute("COMMIT")
        finally:
            conn.close()
        _fsync_file(tmp)
        os.chmod(tmp, ordinary_mode(path))  # a plan on a network share must be readable by colleagues
        try:
            os.link(tmp, path)  # fails if the name was taken meanwhile, unlike rename
        except FileExistsError:
            raise PlanError(f"Filen findes allerede: {path}", f"The file already exists: {path}") from None
        except OSError:
            if path.exists():  # no hard links on this file system: check, then rename
                raise PlanError(f"Filen findes allerede: {path}", f"The file already exists: {path}") from None
            os.rename(tmp, path)
        _fsync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return PlanFile.open(path)


def read_plan(path: str | os.PathLike[str]) -> Plan:
    """The plan in a file, for reading commands (summary, check, export): never writes the file, ignores
    the lock, migrates an older version on a temporary copy."""
    with PlanFile.open(path, readonly=True) as plan_file:
        return plan_file.load()
