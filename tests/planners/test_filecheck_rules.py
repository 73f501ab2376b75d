"""Issue 19.4: the open validates in Python only the scenario shown; SQLite judges the line rules of every scenario at
once (`filecheck.doubted_scenarios`). That is safe only if SQLite never calls valid a scenario that
`scenario_validation.validate_scenario` refuses, or whose lines could not be read: odd values in every field of every table a
scenario owns, one at a time and in random mixes, go through both. And the open refuses any file as it did before
(the whole plan read and validated), in the same words, whichever scenario holds the damage."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners import reference
from planners.model import scenario_validation, validation, value_rules
from planners.model.errors import RefusedFile
from planners.store import checksql, filecheck, filerules, schema
from planners.store.planfile import PlanFile, create_plan_file
from planners.store.reading import _connect
from tests.planners.plans import rich_plan

# The tables a scenario owns (and the catalog its equipment names), with the columns a mutation may change.
TABLES = ("scenario", "tenant", "room", "room_share", "equipment", "equipment_share", "cost_line", "cost_of",
          "cost_spread", "financing", "service", "service_share", "running_rate", "running_rate_source",
          "tenant_commitment", "catalog_equipment")  # fmt: skip

DECIMALS = ["0", "-0", "-0.0", "-1", "-0.0001", "0.0001", "0.5", "1", "1E+2", "1E-40", "5E-41", "12.5", "99.99999999",
            "100", "100.0", "100.00", "100.000", "100.0000", "100.00000000000000001", "100.0000001", "101", "168",
            "168.0000001", "169", "10", "10.0", "10.000000001", "11", "1000", "1000.5", "1001", "10000", "10000.0001",
            "10001", "100000", "100000.0", "100000.0001", "100001", "10000000", "10000000.1", "1000000000",
            "1000000000.0", "1000000000.000000000001", "1000000001", "100000000000", "100000000000.01",
            "100000000001", "999999999999999", "1000000000000000", "abc", "", "NaN"]  # fmt: skip
INTEGERS = [0, 1, -1, 2, 30, 100, 101, 1899, 1900, 2019, 2200, 2201, 10000, 10001, 100000, 100001, 10**7, 10**7 + 1,
            10**15, None, 1.5, "7"]  # fmt: skip
TEXTS = ["", " ", "\t", "\u00a0", "\u3000", "\x85x", "\u2028", " x", "x", "Æble", "Øre", "Ā", "\x7f", "~", "!",
         "other", "ecg", "spirometer", "sterilisator", "ukendt", "gp", "fys", "kom", "custom", "area", "equal",
         "headcount", "construction", "equipment", "loan", "grant", "own_region", "letter_of_intent", "cleaning",
         "consultation", "gp_practice", "1999-12-31", "2000-01-01", "2100-12-31", "2101-01-01", "2024-02-30",
         "Ombygning 🏥", "Nybyg – 5 praksisser", "x" * 201, "x" * 1001, "x" * 20001, None]  # fmt: skip


def _columns(table: str) -> list[tuple[str, str]]:
    return sorted((c[0], c[1]) for c in filecheck.expected_schema().columns[table])


def _values(table: str, column: str, decl: str) -> list[Any]:
    if decl == "INTEGER":
        return INTEGERS + ["", "x"]
    if column in filerules.DECIMAL_COLUMNS.get(table, ()):
        return DECIMALS + [None, "x", 5, 2.5]
    return TEXTS + [5]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rules_base(tmp_path_factory.mktemp("rules"))


def rules_base(folder: Path) -> Path:
    """The rich plan (two scenarios, every kind of line, custom shares, percent lines, loans) with a commitment and a
    rate source beside, as the app writes it, in `folder` (also bench/fuzz_shown_scenario.py's)."""
    path = folder / "base.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        sid = conn.execute("SELECT min(id) FROM scenario").fetchone()[0]
        conn.execute("INSERT INTO tenant_commitment VALUES (?, 'gp', 'letter_of_intent', '2024-05-01')", (sid,))
        conn.execute("INSERT INTO running_rate_source VALUES (?, 'cleaning', 'Kommunens tal 2024')", (sid,))
    finally:
        conn.close()
    return path


class Mutable:
    """A copy of the base plan, edited as a hand-editing tool would (no foreign keys, no CHECK constraints) inside a
    transaction that is rolled back after each case: one file, many cases."""

    def __init__(self, base: Path, target: Path) -> None:
        shutil.copyfile(base, target)
        self.conn = _connect(target, "rw")
        self.conn.execute("PRAGMA foreign_keys = OFF")
        self.conn.execute("PRAGMA ignore_check_constraints = ON")
        self.rowids = {t: [r for (r,) in self.conn.execute(f'SELECT rowid FROM "{t}" ORDER BY rowid')] for t in TABLES}

    def judge(self, edits: list[tuple[str, str, int, Any]]) -> None:
        """Make the edits (one SQLite refuses, NOT NULL or UNIQUE, is left out), judge, roll back."""
        self.conn.execute("BEGIN")
        try:
            for table, column, k, value in edits:
                rowids = self.rowids[table]
                if not rowids:
                    continue
                try:
                    self.conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?',
                                      (value, rowids[k % len(rowids)]))  # fmt: skip
                except sqlite3.IntegrityError:
                    pass
            _judge(self.conn, sorted({table for table, *_ in edits}))
        finally:
            self.conn.execute("ROLLBACK")


def _mutate(base: Path, target: Path, edits: list[tuple[str, str, int, Any]]) -> Path:
    """A copy of `base` with the edits made and kept (for opening it as a file)."""
    shutil.copyfile(base, target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        for table, column, k, value in edits:
            rowids = [r for (r,) in conn.execute(f'SELECT rowid FROM "{table}" ORDER BY rowid')]
            if not rowids:
                continue
            try:
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (value, rowids[k % len(rowids)]))
            except sqlite3.IntegrityError:
                pass
    finally:
        conn.close()
    return target


def _judge(conn: sqlite3.Connection, tables: list[str] | None = None) -> None:
    """SQLite may call a scenario valid only where Python's rules find no problem in it and its lines read.
    `tables`: the only tables changed (their values and pages are checked again; the rest as the base's)."""
    try:
        if tables is None:
            filecheck.check_file_contents(conn)
            quick = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
        else:
            filecheck.check_values(conn, tables)
            filecheck.check_references(conn)
            quick = [str(r[0]) for t in tables for r in conn.execute(f"PRAGMA quick_check('{t}')").fetchall()]
            quick = [r for r in quick if r != "ok"] or ["ok"]
    except (RefusedFile, sqlite3.Error):
        return  # refused before the rules (the value checks): nothing is read
    if quick != ["ok"]:
        return  # refused by the open's quick_check (a NULL where the schema says NOT NULL)
    doubted = filecheck.doubted_scenarios(conn)
    assert doubted is not None
    try:
        schema.read_plan_head(conn)
    except (ValueError, ArithmeticError, TypeError, KeyError):
        return  # the open reads this part in Python for every scenario: a refusal at open
    plan = schema.read_whole_plan(conn)  # never a surprise in the lines of a scenario called valid
    for i, scenario in enumerate(plan.scenarios):
        if scenario.row_id in doubted:
            continue
        problems = scenario_validation.validate_scenario(scenario, plan, value_rules.index_path("scenarios", i))
        assert problems == [], (scenario.name, [(p.path, p.message_da) for p in problems])


def _old_open(path: Path) -> str | None:
    """What the open said before issue 19.4 (every check, the whole plan read and validated), or None if accepted."""
    from planners.store import reading

    conn = _connect(path, "ro")
    try:
        reading._check_whole(conn)
    except RefusedFile as exc:
        return str(exc)
    finally:
        conn.close()
    return None


def _new_open(path: Path) -> str | None:
    try:
        with PlanFile.open(path, readonly=True) as plan_file:
            plan_file.load()
    except RefusedFile as exc:
        return str(exc)
    return None


CASES = [(table, column, value) for table in TABLES for column, decl in _columns(table)
         if column != "id" for value in _values(table, column, decl)]  # fmt: skip


def test_the_base_plan_is_proved_whole_by_sqlite(base: Path) -> None:
    """The ordinary plan (Danish letters, emoji, every kind of line) needs no scenario read in Python but the one
    shown: the quick path is the common one."""
    conn = _connect(base, "ro")
    try:
        filecheck.check_file_contents(conn)
        assert filecheck.doubted_scenarios(conn) == set()
        _judge(conn)
    finally:
        conn.close()


def test_every_odd_value_in_every_field(base: Path, tmp_path: Path) -> None:
    """Each odd value alone in each field of every table a scenario owns, in a row of each scenario."""
    assert len(CASES) > 1000
    mutable = Mutable(base, tmp_path / "c.sundhedshus")
    try:
        for table, column, value in CASES:
            for k in (0, 1 if table not in ("scenario", "running_rate") else 7):
                mutable.judge([(table, column, k, value)])
    finally:
        mutable.conn.close()


@pytest.mark.parametrize("edits", [
    [("room", "net_m2", 0, "0")], [("room", "count", 1, 0)], [("room", "vacant", 0, 1)],
    [("room", "shared_key", 0, "area")], [("room", "tenant", 1, "fys")], [("equipment", "item", 3, "ukendt")],
    [("equipment", "lifetime_years", 0, "101")], [("cost_line", "percent", 0, "5")], [("cost_line", "m2", 0, "10")],
    [("cost_line", "amount", 4, "1")], [("cost_spread", "year", 0, 1899)], [("cost_spread", "percent", 0, "100.5")],
    [("financing", "years", 1, None)], [("financing", "interest_pct", 0, "100.0000001")],
    [("tenant", "name", 3, " ")], [("tenant", "weekly_hours", 0, "168.5")], [("service", "name", 0, "\u3000")],
    [("room_share", "percent", 0, "101")], [("room_share", "scenario_id", 0, 99)],
    [("equipment_share", "percent", 1, "-1")], [("scenario", "gross_factor", 1, "10.5")],
    [("scenario", "name", 1, "Ombygning 🏥")], [("tenant_commitment", "date", 0, "2101-01-01")],
    [("running_rate", "per_gross_m2", 7, "1000000000.5")], [("running_rate_source", "source", 0, "x" * 1001)],
    [("catalog_equipment", "item", 0, "ecg2")],
])  # fmt: skip
def test_damage_in_the_scenario_not_shown_is_refused_in_the_same_words(base: Path, tmp_path: Path,
                                                                      edits: list[tuple[str, str, int, Any]]) -> None:
    """A refusal (or an acceptance) is the same as when the whole plan was read and validated, wherever the damage
    is: in the scenario shown or in the other one."""
    for k in (0, 1, 2, 3):
        moved = [(t, c, row + k * 2, v) for t, c, row, v in edits]
        path = _mutate(base, tmp_path / f"m{k}.sundhedshus", moved)
        before = path.read_bytes()
        assert _new_open(path) == _old_open(path)
        assert path.read_bytes() == before


def test_a_duplicated_tenant_id_is_doubted(tmp_path: Path) -> None:
    """The unique index of tenant ids may be damaged: the table itself is grouped (a schema without the index here)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE tenant (scenario_id INTEGER, code TEXT)")
    conn.executemany("INSERT INTO tenant VALUES (?, ?)", [(1, "gp"), (1, "fys"), (2, "gp"), (2, "gp")])
    query = next(q for q in checksql.rule_queries() if "GROUP BY scenario_id, code" in q)
    assert {sid for (sid,) in conn.execute(query)} == {2}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(TABLES), st.integers(0, 40), st.integers(0, 12),
                          st.one_of(st.sampled_from(DECIMALS + TEXTS + INTEGERS),
                                    st.text(alphabet="0123456789.-E", max_size=16),
                                    st.integers(-5, 12000), st.text(max_size=6))),
                min_size=1, max_size=4))
def test_sql_never_calls_valid_what_python_refuses(base: Path, tmp_path: Path,
                                                   edits: list[tuple[str, int, int, Any]]) -> None:
    """Random mixes of odd values in random fields: every scenario SQLite calls valid has no problem in Python."""
    chosen = []
    for table, column_no, row, value in edits:
        columns = [c for c, _ in _columns(table) if c != "id"]
        chosen.append((table, columns[column_no % len(columns)], row, value))
    mutable = Mutable(base, tmp_path / "h.sundhedshus")
    try:
        mutable.judge(chosen)
    finally:
        mutable.conn.close()


def test_the_shown_scenario_is_read_first_and_the_whole_plan_equals_a_fresh_read(base: Path) -> None:
    with PlanFile.open(base, readonly=True) as plan_file:
        plan, shown = plan_file.shown()
        assert shown is not None and shown.name == "Nybyg – 5 praksisser"  # the one applied for
        assert [bool(s.rooms) for s in plan.scenarios] == [False, True]  # the other's lines are not read yet
        whole = plan_file.load()
    conn = _connect(base, "ro")
    try:
        assert whole == schema.read_whole_plan(conn)
        assert validation.validate_plan(whole, reference.known_names()) == []
    finally:
        conn.close()


def test_a_change_after_the_open_is_checked_again_before_the_rest_is_read(base: Path, tmp_path: Path) -> None:
    """A reader holds no lock: if another program writes the file between the open and the first load, the load
    checks the file again rather than read unchecked lines."""
    path = tmp_path / "p.sundhedshus"
    shutil.copyfile(base, path)
    with PlanFile.open(path, readonly=True) as plan_file:
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("PRAGMA ignore_check_constraints = ON")
            first = other.execute("SELECT min(id) FROM scenario").fetchone()[0]
            other.execute("UPDATE room SET net_m2 = '0' WHERE scenario_id = ?", (first,))
        finally:
            other.close()
        with pytest.raises(RefusedFile, match="net_m2"):
            plan_file.load()
