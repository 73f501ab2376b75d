"""Issue 19 (start): the open's value checks ask SQLite first (`filecheck._clean_in_sql`) and read a table value by
value only when SQLite doubts one of its values. That is safe only if SQLite never calls clean what the value-by-value
check refuses: the property below drives odd values of every kind of column through both."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.model.errors import RefusedFile
from planners.store import filecheck, valuecheck

# Columns of the table `plan` with each kind of rule: a decimal, a date, a code, a 0/1 flag, an integer, a text.
DECLS = {"patients_per_gp": "TEXT", "approval_date": "TEXT", "applicant_type": "TEXT",
         "amounts_include_vat": "INTEGER", "price_year": "INTEGER", "title": "TEXT"}  # fmt: skip
DECIMALS = {"patients_per_gp"}

TRICKY_TEXT = ["", "0", "-0", "1", "12.5", "-3.25", "1.", ".5", "1..2", "1.2.3", "--1", "+1", "1-5", "-1-5", "-.5", "-5.", ".", "-", "1.5.", "0.-1", "-1.5", "1e5", "1E5",
               "1E+5", " 1", "1 ", "0x10", "١٢", "１", "999999999999999", "1000000000000000", "9999999999999999",
               "0000000000000000001", "1." + "0" * 40, "1." + "0" * 41, "123456789012345.5", "NaN", "Infinity",
               "2024-02-29", "2023-02-29", "2024-13-01", "0000-01-01", "0001-01-01", "9999-12-31", "2024-1-01",
               "24-01-01", "2024-01-01 ", "municipality", "region", "other", "Municipality", "REGION", "lægehus", "a'b",
               "x" * 300, "æøå", "\u200f", "\ud7ff"]  # fmt: skip
TRICKY_BYTES = [b"\x00", b"1\x002", b"12.5\x00x", b"\xc3", b"\xc3A", b"\xa5", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                b"\xc0\xaf", b"2024-01-01\x00", b"region\x00", "æ".encode()]  # fmt: skip
text_values = st.one_of(st.sampled_from(TRICKY_TEXT), st.text(max_size=30),
                        st.text(alphabet="0123456789.-E+", max_size=25))  # fmt: skip
values = st.one_of(
    st.none(),
    text_values.map(lambda s: ("text", s)),
    st.sampled_from(TRICKY_BYTES).map(lambda b: ("badtext", b)),
    st.binary(max_size=12).map(lambda b: ("badtext", b)),
    st.binary(max_size=6).map(lambda b: ("blob", b)),
    st.integers(min_value=-(10**16), max_value=10**16).map(lambda n: ("int", n)),
    st.sampled_from([0, 1, 2, -1, 10**15, 10**15 + 1, -(10**15) - 1]).map(lambda n: ("int", n)),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda x: ("real", x)),
)


def _table(rows: list[dict[str, Any]]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE plan ({', '.join(f'{n} {d}' for n, d in DECLS.items())})")
    for row in rows:
        names = list(DECLS)
        slots, params = [], []
        for name in names:
            value = row.get(name)
            if value is None:
                slots.append("NULL")
                continue
            kind, raw = value
            slots.append("CAST(? AS TEXT)" if kind == "badtext" else "?")
            params.append(raw)
        conn.execute(f"INSERT INTO plan ({', '.join(names)}) VALUES ({', '.join(slots)})", params)
    conn.text_factory = bytes
    return conn


def _refused_value_by_value(conn: sqlite3.Connection) -> bool:
    names = sorted(DECLS)
    select = ", ".join(f"{n}, typeof({n})" for n in names)
    try:
        for row in conn.execute(f"SELECT rowid, {select} FROM plan"):
            for i, name in enumerate(names):
                value, kind = row[1 + 2 * i], row[2 + 2 * i]
                if kind == b"blob":
                    return True
                valuecheck.check_value("plan", row[0], name, DECLS[name], value, DECIMALS)
    except RefusedFile:
        return True
    return False


@settings(max_examples=400, deadline=None)
@given(st.lists(st.fixed_dictionaries({n: values for n in DECLS}), min_size=1, max_size=4))
def test_sql_never_calls_clean_what_the_value_check_refuses(rows: list[dict[str, Any]]) -> None:
    conn = _table(rows)
    if filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS):
        assert not _refused_value_by_value(conn)


@pytest.mark.parametrize("bad", [("badtext", b"\xc3A"), ("badtext", b"1\x002"), ("text", "1e5"), ("int", 2),
                                 ("text", "2023-02-29"), ("text", "Region"), ("blob", b"1")])  # fmt: skip
def test_each_kind_of_bad_value_is_doubted(bad: tuple[str, Any]) -> None:
    """One bad value among ordinary ones: SQLite doubts the table (and the value check then refuses it)."""
    column = {"badtext": "title", "text": "patients_per_gp", "int": "amounts_include_vat", "blob": "title"}[bad[0]]
    if bad == ("text", "2023-02-29"):
        column = "approval_date"
    if bad == ("text", "Region"):
        column = "applicant_type"
    ordinary: dict[str, Any] = {"patients_per_gp": ("text", "1600"), "approval_date": ("text", "2024-02-29"),
                "applicant_type": ("text", "municipality"), "amounts_include_vat": ("int", 1),
                "price_year": ("int", 2025), "title": ("text", "Lægehus i Ærøskøbing")}  # fmt: skip
    conn = _table([ordinary, {**ordinary, column: bad}])
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    assert _refused_value_by_value(conn)


def test_ordinary_values_are_clean_without_python() -> None:
    """Plain values (Danish letters, decimals, dates, codes, NULLs) are judged by SQLite alone: the fast path is
    the common one."""
    rows: list[dict[str, Any]] = [{"patients_per_gp": ("text", "1600.25"), "approval_date": ("text", "2025-12-31"),
             "applicant_type": ("text", "municipality"), "amounts_include_vat": ("int", 0), "price_year": ("int", 2025),
             "title": ("text", "Sundhedshus Ærø — «plan» 'B'")},
            {"patients_per_gp": ("text", "-0.5"), "title": ("text", "")}]  # fmt: skip
    conn = _table(rows)
    assert filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    assert not _refused_value_by_value(conn)


def test_every_tricky_value_in_every_column() -> None:
    """Each tricky value alone in each column (the rest NULL): SQLite calls clean only what the value check passes."""
    values: list[tuple[str, Any]] = [("text", v) for v in TRICKY_TEXT]
    values += [("badtext", b) for b in TRICKY_BYTES] + [("blob", b"1"), ("real", 1.5), ("real", 2.0)]
    values += [("int", n) for n in (0, 1, 2, -1, 2025, 10**15, 10**15 + 1, -(10**15), -(10**15) - 1)]
    checked = 0
    for column in DECLS:
        for value in values:
            conn = _table([{column: value}])
            if filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS):
                assert not _refused_value_by_value(conn), (column, value)
            checked += 1
    assert checked > 400


def test_more_text_than_sqlite_joins_is_read_value_by_value() -> None:
    """A table whose texts together exceed SQLite's longest value (1 GB; here lowered to 10.000 bytes) is not refused
    for it: it is checked value by value."""
    rows: list[dict[str, Any]] = [{"title": ("text", "x" * 6000)}, {"title": ("text", "y" * 6000)}]
    conn = _table(rows)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 10_000)
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    assert not _refused_value_by_value(conn)


# --- a plain decimal, told without `re` (s22-fc) ---------------------------------------------------------------------

# The form `_plain_decimal` stands for, as the regular expression it replaced wrote it.
PLAIN_DECIMAL = re.compile(rb"-?[0-9]{1,15}(?:\.[0-9]{1,40})?\Z")
EDGES = [b"", b"-", b".", b"-.", b"0", b"-0", b"1.", b".5", b"-.5", b"1.5", b"--1", b"+1", b"1e5", b"1E5", b"1.2.3",
         b"1\n", b" 1", b"1 ", b"\xd9\xa1", b"\xef\xbc\x91", b"1" * 15, b"1" * 16, b"-" + b"9" * 15, b"-" + b"9" * 16,
         b"1." + b"0" * 40, b"1." + b"0" * 41, b"9" * 15 + b"." + b"9" * 40, b"0x1", b"1_000", b"\x001"]  # fmt: skip


@pytest.mark.parametrize("text", EDGES)
def test_a_plain_decimal_is_the_regular_expressions_at_its_edges(text: bytes) -> None:
    assert filecheck._plain_decimal(text) is (PLAIN_DECIMAL.match(text) is not None)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.binary(max_size=60),
                 st.lists(st.sampled_from([b"-", b".", b"0", b"7", b"9", b"e", b"+", b"\n", b" ", b"\xd9\xa1"]),
                          max_size=60).map(b"".join),
                 st.tuples(st.booleans(), st.integers(0, 17), st.booleans(), st.integers(0, 42)).map(
                     lambda t: (b"-" if t[0] else b"") + b"5" * t[1] + (b"." + b"3" * t[3] if t[2] else b""))))
def test_a_plain_decimal_is_the_regular_expressions(text: bytes) -> None:
    assert filecheck._plain_decimal(text) is (PLAIN_DECIMAL.match(text) is not None)
