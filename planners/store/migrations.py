"""Upgrades of older plan files, one function per schema version step (DESIGN §2).

`upgrade_version_N(db)` turns a version-N file into a version-N+1 file. `upgrade()` runs every step a file
needs, in ONE transaction (BEGIN IMMEDIATE … COMMIT) begun before the backup copy `NAME.sundhedshus.bak-vN`
is taken, so no other process can write between the copy and the upgrade; any exception rolls the whole
upgrade back and the file stays as it was. The steps use sqlite-utils on the open connection; its `atomic()`
nests as savepoints inside our transaction.

History of the format:
- version 1: the first released format (see tests/fixtures/make_plan_v1.py): the plan's partners were one
  newline-separated text column, tenants had no weekly opening hours and financing lines no text.
- version 2: partners in their own ordered table, `tenant.weekly_hours`, `financing.text`.
- version 3: rent terms over the years (issue 17) in their own tables (`planners.store.timeline`).
- version 4: the plan's origin (issue 18.4, `planners.store.origin`): the base of a three-way merge of copies;
  the history of edits (issue 18.1, `planners.store.history`); named versions (18.2, `planners.store.versions`).
- version 5: what a case officer asks for before submission (issue 16.6): the applicant's CVR and EAN, the
  signatory, the project leader and the political approval (columns of `plan`), the timetable (`milestone`),
  sub-projects (`subproject`), each tenant's commitment (`tenant_commitment`), the sources of running rates
  (`running_rate_source`); a cost line's sub-project, grant and source; a scenario's notes (issue 15.7).
- version 6: the rest of issue 17: the cost lines each phase builds (`phase_cost`) and the year each financing
  line is given for (`financing_year`), both by position as the other rent terms (`planners.store.timeline`).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planners.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database  # slow to import: only an old file pays for it (see upgrade)


def upgrade_version_1(db: Database) -> None:
    """Version 1 → 2: partners move from `plan.partners` (one per line) to the `partner` table;
    add `tenant.weekly_hours` (NULL: not given) and `financing.text` ('')."""
    db.execute("CREATE TABLE partner (position INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    row = db.execute("SELECT partners FROM plan WHERE id = 1").fetchone()
    names = [n for n in (row[0] if row else "").split("\n") if n.strip()]
    for pos, name in enumerate(names):
        db.execute("INSERT INTO partner (position, name) VALUES (?, ?)", (pos, name))
    db.execute("ALTER TABLE plan DROP COLUMN partners")
    db.table("tenant").add_column("weekly_hours", str)
    db.table("financing").add_column("text", str, not_null_default="")


def upgrade_version_2(db: Database) -> None:
    """Version 2 → 3: add the tables of rent terms over the years and the plan's default market rent (empty:
    every scenario keeps today's one steady-state year)."""
    from planners.store.timeline import create_tables

    create_tables(db.conn, version=3)


def upgrade_version_3(db: Database) -> None:
    """Version 3 → 4: add the origin table and take the origin now: an older file's copies made from here on
    share it (two copies of a version-3 file upgraded separately have different origins: compared, not merged).
    Add the history table; its first entry says the history starts here, opened in this version."""
    from planners import __version__
    from planners.store import history, origin, versions

    versions.create_table(db.conn)
    origin.create_table(db.conn)
    origin.mark(db.conn)
    history.create_table(db.conn)
    history.record(db.conn, f"Åbnet i version {__version__}; historikken begynder her",
                   history.login_name())  # fmt: skip


def upgrade_version_4(db: Database) -> None:
    """Version 4 → 5: the application's fields (issue 16.6, the catalog rates' sources included) and a
    scenario's notes (15.7), all empty: an older plan reads as one where none of them is given yet; its loans are
    ticked as paid back by the rent (14.4), as they were. The columns are added with the declarations a new file
    has (`schema`), at the end of their tables as there, so an upgraded file's schema equals a new one's."""
    from planners.model.linekinds import LINES, LineKind
    from planners.store import origin, schema

    conn = db.conn
    cost_columns = tuple((f.column_name, f.sql) for f in LINES[LineKind.COST].fields
                         if f.attr in ("subproject", "grant", "source") and f.column_name is not None)  # fmt: skip
    # What is there already is left as it is: a file marked older than it is (a test's, or one a newer version
    # wrote and an older one re-stamped) may hold some of it.
    for table, columns in (("plan", schema.PLAN_READINESS_COLUMNS), ("scenario", schema.SCENARIO_READINESS_COLUMNS),
                           ("cost_line", cost_columns)):  # fmt: skip
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for name, decl in columns:
            if name not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for statement in schema.READINESS_DDL:
        if statement.split()[2] not in tables:  # "CREATE TABLE <name> ("
            conn.execute(statement)
    # A source for every rate (issue 16.6): the catalog's default running rates get a source column, empty as
    # every other field of this step: the file never said where its rates came from (the bundled source may no
    # longer be that number's), so the checks name the ones a scenario uses before submission.
    have = {row[1] for row in conn.execute("PRAGMA table_info(catalog_running_rate)")}
    if "source" not in have:
        conn.execute(f"ALTER TABLE catalog_running_rate ADD COLUMN {schema.CATALOG_RATE_SOURCE_COLUMN}")
    # Up to version 4 a loan was always paid back by the rent and its tick was stored 0 (shown set, locked);
    # from 5 the tick counts (issue 14.4), so an older file's loans are ticked: their rent stays as it was.
    conn.execute("UPDATE financing SET repaid_by_rent = 1 WHERE source = 'loan'")
    # The origin snapshot (the base of a merge, issue 18.4) holds the same rows as they were: its loans are ticked
    # too, or the upgraded plan would differ from its own origin by a tick nobody set.
    origin.tick_loans(conn)


def upgrade_version_5(db: Database) -> None:
    """Version 5 → 6: the tables of cost lines in phases and of financing lines' years, empty: an older plan's
    cost lines and financing are the project years', as they were, so every figure stays as it was. The origin
    snapshot and the history hold plans as JSON, whose `timeline` simply lacks the new keys (read as empty)."""
    from planners.store.timeline import DDL_V6, statements

    # What is there already is left as it is (a file marked older than it is, as in step 4 → 5).
    tables = {row[0] for row in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for statement in statements(DDL_V6):
        if statement.split()[2] not in tables:  # "CREATE TABLE <name> ("
            db.conn.execute(statement)


def backup_path(path: Path, version: int) -> Path:
    """`NAME.sundhedshus.bak-vN` beside the plan."""
    return path.with_name(f"{path.name}.bak-v{version}")


def _copy_durably(source: Path, target: Path) -> None:
    """Copy a file's bytes to `target` via a temporary file renamed into place (never half a backup)."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(source, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def upgrade(conn: sqlite3.Connection, path: Path | None) -> int:
    """Upgrade the plan open on `conn` (autocommit mode) to SCHEMA_VERSION; the version it had.

    With `path` (the file opened for editing) the file's bytes are first copied to `.bak-vN` beside it;
    without (a temporary copy for a reading command) no backup is made."""
    import sqlite_utils  # imported here: only an old file pays for it (it is slow to import)

    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    conn.execute("BEGIN IMMEDIATE")
    try:
        old = conn.execute("PRAGMA user_version").fetchone()[0]
        if old < SCHEMA_VERSION and path is not None:
            # Inside the write transaction nothing has been written yet: the file holds the last commit.
            _copy_durably(path, backup_path(path, old))
        version = old
        while version < SCHEMA_VERSION:
            step = getattr(sys.modules[__name__], f"upgrade_version_{version}")
            step(db)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
        fk_errors = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk_errors:
            raise sqlite3.IntegrityError(f"foreign key errors after upgrade: {fk_errors[:5]}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return old
