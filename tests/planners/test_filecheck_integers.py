"""Issue 19 (second round): an INTEGER column's values are proved integers by one sum per table
(`checksql._integers_sql`), not by `typeof` per value. The NOT NULL columns of a row are summed together; a REAL
among them, a NULL where the schema forbids one, or integers whose sum overflows must each leave the table to the
value-by-value check, which decides as before."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.store import filecheck
from tests.planners.test_filecheck_sql import DECIMALS, DECLS, _refused_value_by_value, _table, values

REQUIRED = {"amounts_include_vat", "price_year"}
ORDINARY: dict[str, Any] = {"patients_per_gp": ("text", "1600"), "approval_date": ("text", "2024-02-29"),
                            "applicant_type": ("text", "municipality"), "amounts_include_vat": ("int", 1),
                            "price_year": ("int", 2025), "title": ("text", "Lægehus")}  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.fixed_dictionaries({n: values for n in DECLS}), min_size=1, max_size=4),
       st.sets(st.sampled_from(sorted(DECLS))))  # fmt: skip
def test_required_columns_never_make_clean_what_the_value_check_refuses(rows: list[dict[str, Any]],
                                                                        required: set[str]) -> None:  # fmt: skip
    conn = _table(rows)
    if filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS, required):
        assert not _refused_value_by_value(conn)


def _untyped(rows: list[dict[str, Any]]) -> sqlite3.Connection:
    """As `_table`, its columns without affinity: a REAL 2.0 stays a REAL, as in a file whose schema text was edited."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE plan ({', '.join(DECLS)})")
    for row in rows:
        names = [n for n in DECLS if row.get(n) is not None]
        conn.execute(f"INSERT INTO plan ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                     [row[n][1] for n in names])  # fmt: skip
    conn.text_factory = bytes
    return conn


@pytest.mark.parametrize("column", sorted(REQUIRED))
@pytest.mark.parametrize("bad", [("real", 2.0), ("real", 0.0), ("real", 1.5), ("text", "1"), ("blob", b"\x01")])
def test_a_non_integer_among_integers_is_doubted(column: str, bad: tuple[str, Any]) -> None:
    conn = _untyped([ORDINARY, {**ORDINARY, column: bad}, ORDINARY])
    assert conn.execute(f"SELECT typeof({column}) FROM plan WHERE rowid = 2").fetchone()[0] == bad[0].encode()
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS, REQUIRED)
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    assert _refused_value_by_value(conn)


def test_a_real_in_a_nullable_integer_column_is_doubted() -> None:
    conn = _untyped([ORDINARY, {**ORDINARY, "price_year": ("real", 2025.0)}, {**ORDINARY, "price_year": None}])
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS, {"amounts_include_vat"})
    assert _refused_value_by_value(conn)


def test_null_in_a_required_column_is_read_value_by_value() -> None:
    """A NULL where the schema says NOT NULL would drop its row out of the summed row: doubted (the value check itself
    leaves NULL to the model, so it passes there, as before)."""
    conn = _table([ORDINARY, {**ORDINARY, "price_year": None}])
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS, REQUIRED)
    assert filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS, {"amounts_include_vat"})
    assert not _refused_value_by_value(conn)


def test_integers_whose_sum_overflows_are_read_value_by_value() -> None:
    big = ("int", 10**15)
    conn = _table([{**ORDINARY, "price_year": big} for _ in range(10_000)])
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS, REQUIRED)
    assert not _refused_value_by_value(conn)


def test_ordinary_integers_are_clean() -> None:
    conn = _table([ORDINARY, {**ORDINARY, "amounts_include_vat": ("int", 0), "price_year": ("int", -7)}])
    assert filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS, REQUIRED)


def test_sum_type_is_exact_in_sqlite() -> None:
    """What the proof relies on, asked of the SQLite in use: sum() of integers is an integer, with one REAL a REAL."""
    conn = sqlite3.connect(":memory:")
    assert conn.execute("SELECT typeof(sum(x)) FROM (SELECT 1 AS x UNION ALL SELECT 2)").fetchone()[0] == "integer"
    assert conn.execute("SELECT typeof(sum(x)) FROM (SELECT 1 AS x UNION ALL SELECT 2.0)").fetchone()[0] == "real"
