"""Issue 19 (summary, s16): the open's value checks skip the tables without a row, found in one statement
(`filecheck._with_rows`). A table is empty only if its own rows say so, and a bad value in a table a plan usually
leaves empty is refused as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planners.model.errors import RefusedFile
from planners.store import filecheck
from planners.store.planfile import PlanFile
from tests.planners.plans import rich_plan_file


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return rich_plan_file(tmp_path / "plan.sundhedshus")


def test_the_tables_with_rows_are_those_whose_rows_count_more_than_none(plan_file: Path) -> None:
    conn = sqlite3.connect(plan_file)
    try:
        tables = sorted(filecheck.expected_schema().columns)
        counted = {t for t in tables if conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] > 0}
        assert filecheck._with_rows(conn, tables) == counted
        assert counted and set(tables) - counted  # the plan fills some tables and leaves others empty
        assert filecheck._with_rows(conn, []) == set()
    finally:
        conn.close()


def test_a_table_with_an_index_is_asked_of_its_own_rows(plan_file: Path) -> None:
    # A table outside the plan's schema, with an index beside it: its one row is found.
    conn = sqlite3.connect(plan_file)
    try:
        conn.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("CREATE INDEX probe_name ON probe(name)")
        conn.execute("INSERT INTO probe (name) VALUES ('x')")
        assert filecheck._with_rows(conn, ["probe"]) == {"probe"}
    finally:
        conn.close()


def test_a_bad_value_in_a_table_a_plan_leaves_empty_is_still_refused(plan_file: Path) -> None:
    conn = sqlite3.connect(plan_file)
    try:
        conn.execute("DELETE FROM milestone")
        conn.execute("INSERT INTO milestone (position, name, date, note) VALUES (0, 'Byggestart', '2024-02-30', '')")
        conn.commit()
    finally:
        conn.close()
    with pytest.raises(RefusedFile) as refused:
        PlanFile.open(plan_file, readonly=True).close()
    # the words main gave for this file (checked against main's tree when written)
    assert "tabel «milestone» (tidsplan), række 0, felt «date»: skal være en dato (ÅÅÅÅ-MM-DD) (fandt «2024-02-30»)" \
        in str(refused.value)
