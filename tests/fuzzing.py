"""Seeded generators of damaged plan files and mutated JSON plans, and the harness that runs them (issue 20.7).

Used by `tests/test_fuzz.py` (a few hundred cases in CI) and `bench/fuzz_plans.py` / `bench/fuzz_json.py`
(thousands on demand). Every case is reproducible from its seed: `damage_plan(seed, ...)` and
`mutate_json(seed, ...)` make the same input for the same seed.

A case's outcome is one of:
- "refused": a Danish refusal (exit 2 / `PlanError`), the file's bytes and folder unchanged, no lock left;
- "accepted": read and computed, and the plan read passes validation (and, for JSON, round-trips exactly);
- "traceback": any other exception (a bug);
- "hang": the limit passed: 10 s of CPU time a command (measured after it too), or 60 s of wall time
  blocked (a bug);
- "changed": a refused or read file whose bytes or folder changed (a bug).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HOSTILE_TEXT_NUMBERS = ["NaN", "Infinity", "-Infinity", "1E+5000", "1e999999", "-1", "-463.0", "0", "",
                        "17.0E-100000000", "2500080", "10000000", "1" * 60, "abc", " 12", "0x10", "1,5"]  # fmt: skip
HOSTILE_INTEGERS = [0, -1, 10**7, 2**63 - 1, -(2**63), 10**16, 2, 7]
HOSTILE_TEXTS = ["", "spaceship", "\u202eevil", "x" * 300, "a\nb", "gp_practice", "'; DROP TABLE plan; --",
                 "=HYPERLINK(\"http://x\")", "\x00", "Fase 1/2"]  # fmt: skip

SCHEMA_ATTACKS = [
    "CREATE TRIGGER fuzz_t AFTER UPDATE ON room BEGIN UPDATE financing SET amount = '1'; END",
    "CREATE VIEW fuzz_v AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r",
    "CREATE TABLE fuzz_extra (x)",
    "ALTER TABLE room ADD COLUMN fuzz TEXT",
    "DROP INDEX room_by_tenant",
    "CREATE INDEX fuzz_i ON room(label)",
    "ALTER TABLE tenant DROP COLUMN note",
    "DROP TABLE partner",
    "PRAGMA user_version = 9",
    "PRAGMA user_version = 0",
    "PRAGMA application_id = 1",
    "PRAGMA journal_mode = WAL",
]


# --- damaged plan files ----------------------------------------------------------------------------------


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]  # fmt: skip


def _value_attack(rng: random.Random, conn: sqlite3.Connection) -> str:
    table = rng.choice(_tables(conn))
    cols = [(r[1], str(r[2]).upper()) for r in conn.execute(f'PRAGMA table_info("{table}")')]
    rows = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    if not cols or rows == 0:
        return "no rows"
    name, decl = rng.choice(cols)
    kind = rng.random()
    value: object
    if kind < 0.45:
        value = rng.choice(HOSTILE_TEXT_NUMBERS)
    elif kind < 0.65:
        value = rng.choice(HOSTILE_INTEGERS)
    elif kind < 0.85:
        value = rng.choice(HOSTILE_TEXTS)
    elif kind < 0.92:
        value = None
    elif kind < 0.96:
        value = bytes([rng.randrange(256) for _ in range(4)])
    else:
        value = 1.5
    # The row chosen by the seed (not SQLite's random()), so a case is reproducible.
    rowid = conn.execute(f'SELECT rowid FROM "{table}" ORDER BY rowid LIMIT 1 OFFSET ?',
                         (rng.randrange(rows),)).fetchone()[0]  # fmt: skip
    try:
        conn.execute(f'UPDATE "{table}" SET "{name}" = ? WHERE rowid = ?', (value, rowid))
    except sqlite3.Error as exc:
        return f"{table}.{name} (SQLite refused: {exc})"
    return f"{table}.{name} row {rowid} = {str(value)[:20]!r}"


def _negate_area(rng: random.Random, conn: sqlite3.Connection) -> str:
    conn.execute("UPDATE room SET net_m2 = '-' || net_m2 WHERE rowid = (SELECT min(rowid) FROM room)")
    return "negated area"


def _sql_damage(path: Path, rng: random.Random) -> str:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")  # as a tool that ignores them would
        conn.execute("PRAGMA foreign_keys = OFF")
        choice = rng.random()
        if choice < 0.7:
            notes = [_value_attack(rng, conn) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
            return "values: " + "; ".join(notes)
        if choice < 0.75:
            return _negate_area(rng, conn)
        statement = rng.choice(SCHEMA_ATTACKS)
        try:
            conn.execute(statement)
        except sqlite3.Error as exc:
            return f"schema (failed: {exc})"
        return f"schema: {statement[:60]}"
    finally:
        conn.close()


def _byte_damage(path: Path, rng: random.Random) -> str:
    data = bytearray(path.read_bytes())
    choice = rng.random()
    if choice < 0.25:  # header
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(100)
            data[i] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
        return "header bit flips"
    if choice < 0.7:  # pages
        n = rng.randint(1, 8)
        for _ in range(n):
            i = rng.randrange(100, len(data))
            data[i] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
        return f"{n} bit flips in pages"
    if choice < 0.85:
        cut = rng.randrange(0, len(data))
        path.write_bytes(bytes(data[:cut]))
        return f"truncated at {cut}"
    page = int.from_bytes(data[16:18], "big") or 65536
    i = rng.randrange(1, max(2, len(data) // page)) * page
    data[i:i + page] = bytes(rng.randrange(256) for _ in range(min(page, len(data) - i)))
    path.write_bytes(bytes(data))
    return "a page of random bytes"


def _companion_damage(path: Path, rng: random.Random, donor: Path) -> str:
    choice = rng.random()
    journal = path.with_name(path.name + "-journal")
    if choice < 0.3:
        # another plan's hot journal left beside this one
        _hot_journal(donor)
        shutil.copyfile(donor.with_name(donor.name + "-journal"), journal)
        return "foreign hot journal"
    if choice < 0.45:
        _hot_journal(path)
        return "own hot journal"
    if choice < 0.55:
        journal.write_bytes(bytes(rng.randrange(256) for _ in range(rng.choice([0, 28, 512, 4096]))))
        return "garbage journal"
    if choice < 0.65:
        target = path.with_name("elsewhere")
        target.write_bytes(b"x" * 1024)
        journal.symlink_to(target)
        return "journal is a symlink"
    if choice < 0.75:
        path.with_name(path.name + "-wal").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
        return "stray -wal"
    lock = path.with_name(path.name + ".lock")
    lock.write_bytes(rng.choice([b"", b"\xff\xfe", b"{" * 5000, json.dumps({"pid": 10**40, "user": "a\u202eb"}).encode(),
                                 json.dumps({"user": "x" * 100_000}).encode()]))  # fmt: skip
    return "odd lock file"


def _hot_journal(path: Path) -> None:
    """Leave a hot journal beside `path`: a writer killed in the middle of its commit (run in a child)."""
    import subprocess
    import sys

    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA cache_size = 1')\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "for i in range(200):\n"
        "    conn.execute('INSERT INTO partner (position, name) VALUES (?, ?)', (1000 + i, 'x' * 1500))\n"
        "conn.execute(\"UPDATE plan SET title = 'half-done'\")\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=False)


def damage_plan(seed: int, folder: Path, source: Path) -> tuple[Path, str]:
    """A damaged copy of the plan file `source` in `folder` (empty); what was done to it."""
    rng = random.Random(seed)
    path = folder / "plan.sundhedshus"
    shutil.copyfile(source, path)
    choice = rng.random()
    if choice < 0.5:
        what = _sql_damage(path, rng)
    elif choice < 0.8:
        what = _byte_damage(path, rng)
    else:
        donor = folder / "donor" / "other.sundhedshus"
        donor.parent.mkdir()
        shutil.copyfile(source, donor)
        same_size = rng.random() < 0.5
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(donor, isolation_level=None)
            if same_size:  # a copy of this plan, edited: its journal's pages look like this plan's
                conn.execute("UPDATE plan SET title = 'donor'")
            else:
                conn.execute("PRAGMA page_size = 1024")
                conn.execute("VACUUM")
            conn.close()
        what = _companion_damage(path, rng, donor)
        if what == "foreign hot journal" and same_size:
            what = "foreign hot journal, same page size"
    return path, what


def edit_by_hand(path: Path, *statements: str) -> None:
    """Run `statements` on the plan file at `path` as another SQLite tool would (autocommit, no check of ours)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def damaged_seed(seed: int, folder: Path, template: str = "remote") -> Path:
    """`damage_plan(seed, …)` of a template written as a plan file: the damaged file in `folder/case`, as the fuzz
    run makes it (a seed found by `bench/fuzz_plans.py` reproduces here)."""
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path
    from planners.store.planfile import create_plan_file

    source = folder / "source.sundhedshus"
    create_plan_file(source, load_json(template_path(template))).close()
    case = folder / "case"
    case.mkdir()
    path, _what = damage_plan(seed, case, source)
    return path


# --- the oracle of a one-scenario read (s19-summary) ----------------------------------------------------------
# `summary` and `check` (without --all) read the plan's own fields, the catalogs, every scenario's own fields and the
# lines of ONE scenario, and judge exactly what they read: their verdict on a file must be the whole file's check's on
# the same file without the other scenarios' lines. That copy is made here in plain SQL, apart from the store's code.

LINE_TABLES = ("tenant", "room", "equipment", "cost_line", "financing", "service")
CHILD_TABLES = (("room_share", "room_id", "room"), ("equipment_share", "equipment_id", "equipment"),
                ("service_share", "service_id", "service"), ("cost_of", "cost_line_id", "cost_line"),
                ("cost_spread", "cost_line_id", "cost_line"))  # fmt: skip


def _shown_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    """The row id of the scenario a reading command shows (`Plan.scenario`): the one named; else the one applied for,
    else the first in plan order. None where none is."""
    order = "ORDER BY position, id LIMIT 1"
    wanted = name if name is not None else conn.execute("SELECT applied_scenario FROM plan").fetchone()[0]
    found = conn.execute(f"SELECT id FROM scenario WHERE name = ? {order}", (wanted,)).fetchone() if wanted else None
    if found is None and name is None:
        found = conn.execute(f"SELECT id FROM scenario {order}").fetchone()
    return None if found is None or type(found[0]) is not int else int(found[0])


def _fk_violations(conn: sqlite3.Connection) -> set[tuple[object, ...]]:
    return {tuple(r) for r in conn.execute("PRAGMA foreign_key_check")}


def without_other_scenarios(path: Path, name: str | None, dest: Path) -> bool:
    """Copy the plan file at `path` to `dest` and delete there the line rows of every scenario but the one a reading
    command shows for `name` (`_shown_id`), and the child rows of the lines deleted. False where that copy cannot stand
    for the file: a journal or WAL beside it, a file SQLite cannot read or whose pages `quick_check` finds damaged
    (before or after; CHECK constraints aside, as a read-only connection's), no scenario shown, or a deletion that
    makes a row fail a foreign key that did not (a commitment naming another scenario's tenant: the one-scenario read
    checks the scenarios' own tables' keys whole, against every scenario's tenants). A deletion that takes rows failing
    one away is the point (s20-sql: the keys naming a tenant are checked on the shown scenario's rows only)."""
    if any(path.with_name(path.name + tail).exists() for tail in ("-journal", "-wal")):
        return False
    shutil.copyfile(path, dest)
    try:
        conn = sqlite3.connect(dest, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
        conn.execute("PRAGMA foreign_keys = OFF")
        # The reading commands' read-only connection does not judge CHECK constraints in `quick_check` (the values
        # checks do): nor does this copy's, so a value breaking one leaves the pages sound here too.
        conn.execute("PRAGMA ignore_check_constraints = ON")
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        shown = _shown_id(conn, name)
        if shown is None:
            return False
        before = _fk_violations(conn)
        others = "(SELECT id FROM scenario WHERE id <> ?)"
        conn.execute("BEGIN")
        for child, column, line in CHILD_TABLES:
            conn.execute(f"DELETE FROM {child} WHERE {column} IN (SELECT id FROM {line} WHERE scenario_id IN {others})",
                         (shown,))  # fmt: skip
        for line in LINE_TABLES:
            conn.execute(f"DELETE FROM {line} WHERE scenario_id IN {others}", (shown,))
        conn.execute("COMMIT")
        return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)] and _fk_violations(conn) <= before
    except (sqlite3.Error, UnicodeError):
        return False
    finally:
        conn.close()


# --- mutated JSON ------------------------------------------------------------------------------------------

JSON_NUMBERS: list[object] = [Decimal("1E+5000"), Decimal("-1"), 10**30, Decimal("17.0E-100000000"), 0,
                              10_000_000, Decimal("NaN"), Decimal("Infinity"), 2**70, Decimal("1E-50"), -10**20]  # fmt: skip
JSON_OTHERS: list[object] = ["", "spaceship", None, True, [], {}, "x" * 5000, "\ud800", [1, [2, [3]]], "1/2"]


def _paths(obj: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _paths(v, (*prefix, i))
    return out


def _get(obj: object, path: tuple) -> object:
    for step in path:
        obj = obj[step]  # type: ignore[index]
    return obj


def mutate_json(seed: int, doc: object) -> tuple[str, str]:
    """A mutated JSON text of the plan document `doc`; what was done."""
    from planners.interchange.exactjson import dumps

    rng = random.Random(seed)
    doc = copy.deepcopy(doc)
    notes = []
    for _ in range(rng.choice([1, 1, 2, 3, 5])):
        paths = [p for p in _paths(doc) if p]
        path = rng.choice(paths)
        parent, key = _get(doc, path[:-1]), path[-1]
        r = rng.random()
        if r < 0.4:
            parent[key] = rng.choice(JSON_NUMBERS)  # type: ignore[index]
        elif r < 0.6:
            parent[key] = rng.choice(JSON_OTHERS)  # type: ignore[index]
        elif r < 0.7 and isinstance(parent, dict):
            del parent[key]
        elif r < 0.8 and isinstance(parent, list) and parent:
            parent.append(copy.deepcopy(rng.choice(parent)))  # a duplicate (same ids, same names)
        elif r < 0.85 and isinstance(parent, list) and parent:
            parent.extend(copy.deepcopy(parent[0]) for _ in range(rng.choice([50, 500, 2000])))
        elif r < 0.9 and isinstance(parent, dict):
            parent["fuzz_unknown_key"] = 1
        else:
            value = _get(doc, path)
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                parent[key] = -value if rng.random() < 0.5 else value * 10 ** rng.choice([3, 6, 9, 12])  # type: ignore[index]
        notes.append("/".join(map(str, path))[:60])
    try:
        text = dumps(doc)
    except (ValueError, TypeError, OverflowError):
        text = json.dumps(doc, default=str)
    if rng.random() < 0.05:
        text = text[: rng.randrange(len(text))]
        notes.append("truncated")
    return text, "; ".join(notes)


# --- the harness -------------------------------------------------------------------------------------------


class CaseTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float, wall_factor: float | None = 6) -> Iterator[None]:
    """A case's limit in CPU seconds of this process (the machines are shared: wall time says more about the
    neighbours than about the code), with a wall-clock stop at `wall_factor`× for a case that blocks without
    using CPU (None: no wall-clock stop — `bench/fuzz_plans.py` has its parent watch for a blocked child, as a
    niced child on a loaded machine may take minutes of wall time for seconds of CPU)."""

    def fire(*_: object) -> None:
        raise CaseTimeout

    old_prof = signal.signal(signal.SIGPROF, fire)
    old_alarm = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    if wall_factor is not None:
        signal.setitimer(signal.ITIMER_REAL, seconds * wall_factor)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, old_prof)
        signal.signal(signal.SIGALRM, old_alarm)


def _snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            out[str(p.relative_to(folder))] = "link:" + os.readlink(p)
        elif p.is_file():
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@dataclass
class Tally:
    """The figures of a fuzz run (issue 20.7)."""

    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    slowest: float = 0.0

    def add(self, outcome: str, note: str, seconds: float) -> None:
        self.cases += 1
        self.outcomes[outcome] += 1
        self.slowest = max(self.slowest, seconds)
        if outcome not in ("refused", "accepted"):
            self.examples.setdefault(outcome, []).append(note)

    @property
    def bugs(self) -> int:
        return sum(n for k, n in self.outcomes.items() if k not in ("refused", "accepted"))

    def line(self) -> str:
        parts = ", ".join(f"{k} {self.outcomes[k]}" for k in
                          ("refused", "accepted", "traceback", "hang", "changed", "invalid"))  # fmt: skip
        return f"{self.cases} cases: {parts}; slowest {self.slowest:.2f} s CPU"


def run_plan_case(path: Path, limit: float, commands: tuple[str, ...] = ("summary", "check", "export-json")) -> tuple[str, str]:
    """Run the reading commands of the CLI on a damaged plan; (outcome, detail). Ending exactly one of the
    outcomes of the module docstring. The folder must be the plan's own (everything in it is compared)."""
    from planners.cli import main
    from planners.model.validation import validate_plan
    from planners.reference import known_names
    from planners.store.planfile import read_plan
    from planners.store.reading import read_plan_scenario

    folder = path.parent
    before = _snapshot(folder)
    accepted = False
    refused = False
    try:
        for command in commands:
            out, err = io.StringIO(), io.StringIO()
            # "export" writes the annex; "export-pdf" is `export --pdf` (the report: seconds a plan).
            args = ["export" if command == "export-pdf" else command, str(path)]
            if command == "export-json":
                args += ["-o", str(folder.parent / "out.json")]
            elif command == "export":
                args += ["--xlsx", str(folder.parent / "out.xlsx")]
            elif command == "export-pdf":
                args += ["--pdf", str(folder.parent / "out.pdf")]
            # The limit is per command (a first PDF pays for importing reportlab and matplotlib's fonts), and
            # the CPU is measured after it too: a CaseTimeout raised inside a callback that swallows exceptions
            # (matplotlib's weakref callbacks print "Exception ignored") must still count as a hang.
            started = time.process_time()
            with time_limit(limit):
                code = main(args, out, err)
            if time.process_time() - started > limit:
                return "hang", f"{command}: {time.process_time() - started:.1f} s CPU"
            if code == 2:
                if "Traceback" in err.getvalue():
                    return "traceback", err.getvalue()[-300:]
                refused = True
                break
            accepted = True
        if accepted:
            # `summary` and `check` read one scenario (s19-summary): where a command reading the whole plan refused
            # it after them, the damage lies in another scenario's lines, and what they accepted must be valid.
            with time_limit(limit):
                if refused:
                    plan, _names = read_plan_scenario(path, None)
                    problems = validate_plan(plan, known_names())
                else:
                    problems = validate_plan(read_plan(path), known_names())
            if problems:
                return "invalid", str(problems[0])
    except CaseTimeout:
        return "hang", ""
    except Exception:  # noqa: BLE001 (the point: any escaping exception is a finding)
        return "traceback", traceback.format_exc(limit=-3)[-600:]
    if _snapshot(folder) != before:
        return "changed", "folder or bytes changed"
    return ("refused" if refused else "accepted"), ""


def run_open_case(path: Path, limit: float, readonly: bool) -> tuple[str, str]:
    """Open a damaged plan with the core's PlanFile.open as the GUI does (editing first): a refused file
    unchanged and unlocked; an accepted one closed again. The bytes of an accepted editing open may change
    (a hot journal of its own is rolled back in place: that is recovery, said so by the GUI)."""
    from planners.model.errors import PlanError
    from planners.store.planfile import PlanFile

    folder = path.parent
    before = _snapshot(folder)
    try:
        with time_limit(limit):
            try:
                plan_file = PlanFile.open(path, readonly=readonly)
            except PlanError:
                if _snapshot(folder) != before:
                    return "changed", "refused but changed"
                return "refused", ""
            try:
                plan_file.load()
            finally:
                plan_file.close()
    except CaseTimeout:
        return "hang", ""
    except Exception:  # noqa: BLE001
        return "traceback", traceback.format_exc(limit=-3)[-600:]
    if readonly and _snapshot(folder) != before:
        return "changed", "read-only open changed the folder"
    if not readonly and path.with_name(path.name + ".lock").exists():
        return "changed", "lock left"
    return "accepted", ""


def run_json_case(text: str, limit: float) -> tuple[str, str]:
    """Import a mutated JSON plan: refused with problems, or accepted and round-tripping exactly."""
    from planners.interchange.plan_json import dump_json, load_json
    from planners.model.errors import PlanError
    from planners.model.validation import validate_plan
    from planners.reference import known_names

    try:
        with time_limit(limit):
            try:
                plan = load_json(text.encode("utf-8", "surrogatepass"))
            except PlanError:
                return "refused", ""
            if validate_plan(plan, known_names()):
                return "invalid", str(validate_plan(plan, known_names())[0])
            again = load_json(dump_json(plan).encode("utf-8"))
            if again != plan:
                return "invalid", "does not round-trip"
    except CaseTimeout:
        return "hang", ""
    except Exception:  # noqa: BLE001
        return "traceback", traceback.format_exc(limit=-3)[-600:]
    return "accepted", ""


def fuzz_plans(seeds: range, work: Path, source: Path, limit: float = 10.0,
               runner: Callable[[Path], tuple[str, str]] | None = None) -> Tally:  # fmt: skip
    tally = Tally()
    for seed in seeds:
        case = work / f"case{seed}"
        case.mkdir(parents=True)
        try:
            path, what = damage_plan(seed, case, source)
            started = time.process_time()
            outcome, detail = (runner or (lambda p: run_plan_case(p, limit)))(path)
            tally.add(outcome, f"seed {seed} ({what}): {detail}", time.process_time() - started)
        finally:
            shutil.rmtree(case, ignore_errors=True)
    return tally


def fuzz_json(seeds: range, doc: object, limit: float = 10.0) -> Tally:
    tally = Tally()
    for seed in seeds:
        text, what = mutate_json(seed, doc)
        started = time.process_time()
        outcome, detail = run_json_case(text, limit)
        tally.add(outcome, f"seed {seed} ({what}): {detail}", time.process_time() - started)
    return tally
