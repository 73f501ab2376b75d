"""Issue 19 (s18-summary): `summary`'s work step by step, for an instruction count of each (callgrind is deterministic).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/summary_steps.py STEP PLAN [whole|shown]

runs, after every import a summary makes, the steps of the CLI's open up to STEP and stops, as `python -m desktop.main
summary PLAN` runs them (no cyclic garbage collector, `os._exit` at the end). The instructions of step N are the count
at N less the count at N − 1. "whole" (the default before s19-summary): the checks of every scenario's lines
(`reading._check_contents`, today the fallback and `read_plan`'s open):

    0 the imports        1 header, connection       2 quick_check           3 objects and schema
    4 value checks       5 foreign keys             6 rule queries (SQL)    7 the plan's head
    8 the shown scenario's lines                    9 the plan's fields and catalogs validated
    10 engine, findings and text

"shown" (s19-summary, what `summary` runs: `reading._check_shown`): steps 0–3 as above, then

    4 value checks of every table but the lines' and their children's        5 foreign keys (s20-sql: none here)
    6 the plan's head    7 the shown scenario's rows judged (values and rules, SQL; s20-sql: and the foreign keys,
    every table's but the lines' and their children's whole, theirs of the rows judged)
    8 the shown scenario's lines (children NOT INDEXED)        9 validated    10 engine, findings, text

Step 9 validates no scenario's lines (as the open, where SQLite proved them all). Run it in each tree with the working
folder and PYTHONPATH the tree, byte-compiled first."""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from planners.model import Plan, Scenario


def _structure(step: int, path: Path, unread: tuple[str, ...] | frozenset[str] = ()) -> sqlite3.Connection | None:
    """Steps 1–3, the same in both modes but `quick_check` without the tables of `unread` (s20-sql: "shown" leaves out
    the origin's pages, as the command does); the connection in a read transaction, None once `step` is reached."""
    from planners.store import filecheck, reading

    if step < 1:
        return None
    reading._check_header(path)
    conn = reading._connect(path, "ro")
    if step < 2:
        return None
    reading._inspect(conn, unread=unread) if unread else reading._inspect(conn)  # with quick_check
    if step < 3:
        return None
    filecheck.check_objects(conn)
    conn.execute("BEGIN")
    filecheck.check_schema(conn)
    return conn


def _summary(step: int, plan: Plan, chosen: Scenario) -> None:
    """Steps 9–10, the same in both modes."""
    from planners import reference
    from planners.figures.summary import summary_text
    from planners.model import validation

    if step < 9:
        return
    validation.validate_plan(plan, reference.known_names(), [])
    if step < 10:
        return
    sys.stdout.write(summary_text(plan, chosen))


def run_shown(step: int, path: Path) -> None:
    """The steps of `reading._check_shown` (s19-summary)."""
    from planners.store import filecheck, reading, schema

    conn = _structure(step, path, getattr(filecheck, "PAGES_UNREAD_BY_ONE_SCENARIO", ()))
    if conn is None or step < 4:
        return
    filecheck.check_values(conn, filecheck.head_value_tables(), getattr(filecheck, "UNREAD_BY_ONE_SCENARIO", ()))
    if step < 5:
        return
    scoped = hasattr(filecheck, "shown_references_broken")  # s20-sql: the foreign keys after the judging, scoped
    if not scoped:
        filecheck.check_references(conn)
    if step < 6:
        return
    plan = schema.read_plan_head(conn)
    chosen = reading._shown(plan, None)
    assert chosen is not None and chosen.row_id is not None
    if step < 7:
        return
    proved, scope = filecheck.judge_shown(conn, chosen.row_id)
    assert proved
    if scoped:
        assert not filecheck.shown_references_broken(conn, True)
    if step < 8:
        return
    schema.read_lines_of(conn, [chosen], scan_children=True)
    _summary(step, plan, chosen)


def run(step: int, path: Path) -> None:
    """The steps of `reading._check_contents` (every scenario's lines judged; the fallback and `read_plan`'s)."""
    from planners.store import filecheck, reading, schema

    conn = _structure(step, path)
    if conn is None:
        return
    steps = (
        lambda: filecheck.check_values(conn),
        lambda: filecheck.check_references(conn),
        lambda: filecheck.doubted_scenarios(conn),
    )
    for number, do in enumerate(steps, start=4):
        if step < number:
            return
        do()
    if step < 7:
        return
    plan = schema.read_plan_head(conn)
    if step < 8:
        return
    chosen = reading._shown(plan, None)
    assert chosen is not None
    schema.read_lines_of(conn, [chosen])
    _summary(step, plan, chosen)


def main() -> None:
    gc.disable()  # as desktop.main runs a reading command
    step, path = int(sys.argv[1]), Path(sys.argv[2])
    # Every module the summary imports, first: step 0 is the imports alone.
    import planners.checks.findings  # noqa: F401
    import planners.cli  # noqa: F401
    import planners.figures.engine  # noqa: F401
    import planners.figures.summary  # noqa: F401
    import planners.model.linekinds_prebuilt  # noqa: F401
    import planners.model.validation  # noqa: F401
    import planners.reference  # noqa: F401
    import planners.store.planfile  # noqa: F401
    import planners.store.schema_constant  # noqa: F401

    (run if len(sys.argv) > 3 and sys.argv[3] == "whole" else run_shown)(step, path)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
