"""Issue 19 (s17-summary): `filecheck._clean_in_sql` joins a column's values with a text separator (`_JOIN`, the unit
separator) instead of NUL bytes. A valid text may hold that character, so a value holding it must never be judged
as two values: such a table is read value by value, where its verdict is the value check's own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planners.model.errors import RefusedFile
from planners.store import checksql, filecheck, filerules, valuecheck
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan

DECLS = {"patients_per_gp": "TEXT", "title": "TEXT", "price_year": "INTEGER"}
DECIMALS = {"patients_per_gp"}
SEP = "\x1f"


def _plan_table(rows: list[tuple[object, object, object]]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE plan (patients_per_gp TEXT, title TEXT, price_year INTEGER)")
    conn.executemany("INSERT INTO plan VALUES (?, ?, ?)", rows)
    conn.text_factory = bytes
    return conn


def _refusal(conn: sqlite3.Connection) -> str | None:
    """The value check's verdict, value by value (as `check_values` reads a doubted table)."""
    names = sorted(DECLS)
    try:
        for row in conn.execute(f"SELECT rowid, {', '.join(names)} FROM plan"):
            for i, name in enumerate(names):
                valuecheck.check_value("plan", row[0], name, DECLS[name], row[1 + i], DECIMALS)
    except RefusedFile as exc:
        return exc.message
    return None


def test_separator_is_ascii_and_not_nul() -> None:
    # ASCII keeps a joined text's UTF-8 validity that of its values; NUL is what the check itself refuses.
    assert filerules.JOIN_BYTE == SEP.encode() and len(filerules.JOIN_BYTE) == 1


@pytest.mark.parametrize("decimal", [f"1{SEP}2", f"12.5{SEP}", f"{SEP}3", f"1{SEP}{SEP}2"])
def test_a_decimal_holding_the_separator_is_doubted_and_refused(decimal: str) -> None:
    """Split at the separator, each part would pass as a decimal: the count of separators tells it apart."""
    conn = _plan_table([("12.5", "a", 2025), (decimal, "b", 2025), ("3", "c", 2025)])
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    refusal = _refusal(conn)
    assert refusal is not None and "felt «patients_per_gp»: skal være et tal" in refusal


def test_a_text_holding_the_separator_is_read_value_by_value_and_accepted() -> None:
    conn = _plan_table([("1600", f"Hus{SEP}A", 2025), ("1600", SEP, 2024)])
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    assert _refusal(conn) is None


@pytest.mark.parametrize("title", [b"a\x00b", b"\x00", b"\xc3", b"ok\xff"])
def test_nul_and_bad_utf8_are_still_doubted(title: bytes) -> None:
    conn = _plan_table([("1600", "plan", 2025), ("1600", None, 2025)])
    conn.execute("UPDATE plan SET title = CAST(? AS TEXT) WHERE rowid = 2", (title,))
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    assert _refusal(conn) is not None


def test_many_plain_values_are_clean_in_sql() -> None:
    """The common case stays the fast one: decimals, ASCII and Danish texts, empty texts, NULLs."""
    rows: list[tuple[object, object, object]] = [(f"{i}.5", f"Rum {i} æøå" if i % 3 else "", 2025) for i in range(500)]
    conn = _plan_table([*rows, (None, None, None)])
    assert filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    assert _refusal(conn) is None


def test_a_long_text_beyond_the_limit_is_doubted() -> None:
    """The longest value is found by splitting at the separator: one value beyond MAX_TEXT among short ones."""
    conn = _plan_table([("1", "x" * 10, 1), ("1", "y" * (filerules.MAX_TEXT + 1), 1), ("1", "z", 1)])
    assert not filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)
    assert _refusal(conn) is not None
    # Many short values whose sum exceeds the limit are clean: only a single value counts.
    conn = _plan_table([("1", "x" * 1000, 1)] * (filerules.MAX_TEXT // 1000 + 5))
    assert filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS)


# --- the long columns (a whole plan's JSON), read through SQLite's blob API -----------------------------------------


def _plan_file(tmp_path: Path, snapshot: bytes | str | None) -> Path:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    if snapshot is not None:
        conn = sqlite3.connect(path, isolation_level=None)
        if isinstance(snapshot, bytes):
            conn.execute("UPDATE origin SET snapshot = CAST(? AS TEXT)", (snapshot,))
        else:
            conn.execute("UPDATE origin SET snapshot = ?", (snapshot,))
        conn.close()
    return path


def _open_verdict(path: Path) -> str | None:
    try:
        PlanFile.open(path, readonly=True).close()
    except RefusedFile as exc:
        return exc.message
    return None


def _read_long(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return filecheck._long_texts_clean(conn, "origin", "snapshot")
    finally:
        conn.close()


@pytest.mark.parametrize("snapshot", [b'{"a": "\x00"}', b'{"a": "\xc3"}', b"\xff", b'{"a": "\xed\xa0\x80"}',
                                      '{"a": "ærø ✓"}', "x" * 300, ""])  # fmt: skip
def test_a_snapshot_is_judged_as_the_value_check_judges_it(tmp_path: Path, snapshot: bytes | str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused (NUL, bad UTF-8) or accepted (Danish letters, plain) in the same words as value by value."""
    path = _plan_file(tmp_path, snapshot)
    fast = _open_verdict(path)
    bad = isinstance(snapshot, bytes)
    assert _read_long(path) is not bad
    assert (fast is not None) is bad
    if bad:
        assert "tabel «origin»" in str(fast) and "felt «snapshot»" in str(fast)
    monkeypatch.setattr(filecheck, "_clean_in_sql", lambda *args, **kwargs: False)  # every table value by value
    assert _open_verdict(path) == fast


def test_a_snapshot_beyond_its_bound_is_doubted_without_reading_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _plan_file(tmp_path, None)
    assert _read_long(path)
    monkeypatch.setattr(filerules, "MAX_SNAPSHOT", 10)
    assert not _read_long(path)
    assert "felt «snapshot»" in str(_open_verdict(path))


def test_a_second_origin_row_is_read_too(tmp_path: Path) -> None:
    """Every row of a long column is read (a foreign file may hold more than the one row the app writes)."""
    path = _plan_file(tmp_path, None)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")  # the app's CHECK (id = 1) is no foreign writer's
    conn.execute("INSERT INTO origin (id, token, taken_at, snapshot) VALUES (7, 't', 'x', CAST(? AS TEXT))",
                 (b"ok\x00",))  # fmt: skip
    conn.close()
    assert not _read_long(path)
    assert "række 7" in str(_open_verdict(path))


# --- a rowid alias (`id INTEGER PRIMARY KEY`): its range from the ends of the table, not row by row ----------------


def test_the_rowid_aliases_are_the_tables_integer_keys() -> None:
    want = filecheck.expected_schema()
    aliases = {t: checksql.rowid_alias({c[0]: c for c in want.columns[t]}) for t in want.columns}
    assert aliases["room"] == "id" and aliases["plan_year"] == "position" and aliases["timeline"] == "scenario_id"
    assert aliases["room_share"] is None and aliases["catalog_room_type"] is None  # composite or TEXT keys


@pytest.mark.parametrize("row_id", [10**15, 10**15 + 1, -(10**15), -(10**15) - 1, 2**63 - 1, -(2**63)])
def test_a_rowid_beyond_the_range_is_refused_as_value_by_value(tmp_path: Path, row_id: int,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _plan_file(tmp_path, None)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    (first,) = conn.execute("SELECT min(id) FROM room").fetchone()
    conn.execute("UPDATE room SET id = ? WHERE id = ?", (row_id, first))  # its shares follow (ON UPDATE CASCADE)
    conn.close()
    fast = _open_verdict(path)
    assert (fast is not None) is (abs(row_id) > 10**15)
    if fast is not None:
        assert "tabel «room»" in fast and "felt «id»: tallet er urimeligt stort" in fast
    monkeypatch.setattr(filecheck, "_clean_in_sql", lambda *args, **kwargs: False)
    assert _open_verdict(path) == fast


def test_the_rowid_range_alone_makes_a_table_doubted() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE plan (id INTEGER PRIMARY KEY, title TEXT)")
    conn.executemany("INSERT INTO plan VALUES (?, ?)", [(1, "a"), (10**15, "b")])
    conn.text_factory = bytes
    decls = {"id": "INTEGER", "title": "TEXT"}
    assert filecheck._clean_in_sql(conn, "plan", decls, set(), (), "id")
    conn.execute("INSERT INTO plan VALUES (?, 'c')", (10**15 + 1,))
    assert not filecheck._clean_in_sql(conn, "plan", decls, set(), (), "id")
    conn.execute("DELETE FROM plan WHERE id > 10")
    conn.execute("INSERT INTO plan VALUES (?, 'c')", (-(10**15) - 1,))
    assert not filecheck._clean_in_sql(conn, "plan", decls, set(), (), "id")


# s18-summary: the values are joined as the TEXT they are, no longer through CAST(… AS BLOB).

TEXTS = ["Æble", "Nybyg – 5 praksisser", "Ombygning 🏥", "", "a\x00b", "\x7f", "x" * 5000]
BAD_UTF8 = [b"\xff", b"\xc3", b"ok\xed\xa0\x80", b"\xe2\x80"]  # stored as TEXT by a hand-editing tool


def _stored(texts: list[str], raw: list[bytes]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE plan (patients_per_gp TEXT, title TEXT, price_year INTEGER)")
    conn.executemany("INSERT INTO plan VALUES ('1600', ?, 2025)", [(t,) for t in texts])
    conn.executemany("INSERT INTO plan VALUES ('1600', CAST(? AS TEXT), 2025)", [(r,) for r in raw])
    conn.text_factory = bytes
    return conn


def test_a_joined_text_column_is_the_stored_bytes() -> None:
    """What the scan joins is, byte for byte, the values as stored (as CAST(… AS BLOB) read them): NUL, bad UTF-8
    and long texts included."""
    conn = _stored(TEXTS, BAD_UTF8)
    assert conn.execute("SELECT count(*) FROM plan WHERE typeof(title) = 'text'").fetchone()[0] == len(TEXTS) + 4
    joined = conn.execute(f"SELECT group_concat(title, '{SEP}') FROM plan").fetchone()[0]
    stored = [bytes(v) for (v,) in conn.execute("SELECT CAST(title AS BLOB) FROM plan ORDER BY rowid")]
    assert bytes(joined) == SEP.encode().join(stored)
    assert stored == [t.encode() for t in TEXTS] + BAD_UTF8


@pytest.mark.parametrize(("texts", "raw", "clean"), [
    (TEXTS[:3], [], True), (["a\x00b"], [], False), (["ok"], [b"\xff"], False), (["ok"], [b"ok\xed\xa0\x80"], False),
])  # fmt: skip
def test_the_verdict_on_joined_texts(texts: list[str], raw: list[bytes], clean: bool) -> None:
    conn = _stored(texts, raw)
    assert filecheck._clean_in_sql(conn, "plan", DECLS, DECIMALS) is clean
    assert (_refusal(conn) is None) is clean


def test_a_utf16_plan_is_refused_before_its_values_are_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The joined texts are the file's UTF-8 bytes only because a file in another encoding never reaches the value
    checks: `check_objects` refuses it (every schema row's type reads as UTF-16 bytes)."""
    source = tmp_path / "plan.sundhedshus"
    create_plan_file(source, rich_plan()).close()
    target = tmp_path / "utf16.sundhedshus"
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target, isolation_level=None)
    try:
        dst.execute("PRAGMA encoding = 'UTF-16le'")
        objects = src.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
        dst.execute("BEGIN")
        for kind, name, sql in objects:
            if kind == "table" and name != "sqlite_sequence":
                dst.execute(sql)
                rows = src.execute(f'SELECT * FROM "{name}"').fetchall()
                if rows:
                    dst.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(rows[0]))})', rows)
        for kind, _, sql in objects:
            if kind in ("index", "trigger"):
                dst.execute(sql)
        dst.execute("COMMIT")
        for pragma in ("application_id", "user_version"):
            dst.execute(f"PRAGMA {pragma} = {src.execute(f'PRAGMA {pragma}').fetchone()[0]}")
        assert dst.execute("PRAGMA encoding").fetchone()[0] == "UTF-16le"
    finally:
        src.close()
        dst.close()

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the value checks ran on a UTF-16 file")

    monkeypatch.setattr(filecheck, "check_values", never)
    before = target.read_bytes()
    with pytest.raises(RefusedFile, match="ukendt art"):
        PlanFile.open(target, readonly=True)
    assert target.read_bytes() == before
