"""s19-summary: `summary` and `check` (without --all) read one scenario's lines and judge exactly what they read
(`reading.read_plan_scenario`, issues 19.4 and 20.2). Damage only in another scenario's lines is not read: the shown
scenario is accepted with the figures of the undamaged file, while every reader of the whole plan (`check --all`,
`export-json`, the GUI's open) still refuses it in today's words. Damage in the shown scenario, its children, the
scenarios' own fields or the structure is refused in the words of the whole file's check. Nothing is ever written."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from planners.cli import main
from planners.interchange.plan_json import load_json
from planners.model.errors import RefusedFile
from planners.reference import template_path
from planners.store import filecheck, reading
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from planners.store.reading import read_plan_scenario
from tests.fuzzing import damage_plan, without_other_scenarios
from tests.planners.plans import rich_plan_file

OTHER, SHOWN = "Ombygning 🏥", "Nybyg – 5 praksisser"  # the rich plan's scenarios; the second is applied for

# Damage in one row of scenario `{sid}`'s lines or their children: (SQL, a word of today's refusal).
_LINE = "(SELECT min(id) FROM {table} WHERE scenario_id = {{sid}})"
_CHILD = "(SELECT min(s.rowid) FROM {child} s JOIN {table} l ON l.id = s.{column} WHERE l.scenario_id = {{sid}})"
DAMAGE: dict[str, tuple[str, str]] = {
    "area 10^5000": (f"UPDATE room SET net_m2 = '1E+5000' WHERE id = {_LINE.format(table='room')}", "net_m2"),
    "negative area": (f"UPDATE room SET net_m2 = '-463' WHERE id = {_LINE.format(table='room')}", "net_m2"),
    "room count REAL": (f"UPDATE room SET count = 2.5 WHERE id = {_LINE.format(table='room')}", "count"),
    "label NUL": (f"UPDATE room SET label = 'a' || char(0) || 'b' WHERE id = {_LINE.format(table='room')}", "label"),
    "room type code": (f"UPDATE room SET type = 'spaceship' WHERE id = {_LINE.format(table='room')}", "type"),
    "tenant kind": (f"UPDATE tenant SET kind = 'spaceship' WHERE id = {_LINE.format(table='tenant')}", "kind"),
    "tenant hours": (f"UPDATE tenant SET weekly_hours = '168.5' WHERE id = {_LINE.format(table='tenant')}",
                     "weekly_hours"),
    "equipment price blob": (f"UPDATE equipment SET unit_price = x'00ff' WHERE id = "
                             f"{_LINE.format(table='equipment')}", "unit_price"),
    "equipment lifetime": (f"UPDATE equipment SET lifetime_years = '101' WHERE id = "
                           f"{_LINE.format(table='equipment')}", "lifetime_years"),
    "cost NaN": ("UPDATE cost_line SET amount = 'NaN' WHERE id = (SELECT min(id) FROM cost_line WHERE scenario_id = "
                 "{sid} AND amount IS NOT NULL)", "amount"),
    "cost m2 without per m2": ("UPDATE cost_line SET m2 = '10' WHERE id = (SELECT min(id) FROM cost_line WHERE "
                               "scenario_id = {sid} AND per_m2 IS NULL)", "m2"),
    "loan term": ("UPDATE financing SET years = 10000000 WHERE id = (SELECT min(id) FROM financing WHERE scenario_id "
                  "= {sid} AND years IS NOT NULL)", "years"),
    "service text": (f"UPDATE service SET annual = 'abc' WHERE id = {_LINE.format(table='service')}", "annual"),
    "room share 150 %": (f"UPDATE room_share SET percent = '150' WHERE rowid = "
                         f"{_CHILD.format(child='room_share', table='room', column='room_id')}", "mellem 0 og 100"),
    "equipment share NUL": (f"UPDATE equipment_share SET percent = '1' || char(0) WHERE rowid = "
                            f"{_CHILD.format(child='equipment_share', table='equipment', column='equipment_id')}",
                            "percent"),
    "service share 10^5000": (f"UPDATE service_share SET percent = '1E+5000' WHERE rowid = "
                              f"{_CHILD.format(child='service_share', table='service', column='service_id')}",
                              "percent"),
    "spread year": (f"UPDATE cost_spread SET year = 99999 WHERE rowid = "
                    f"{_CHILD.format(child='cost_spread', table='cost_line', column='cost_line_id')}", "årstal"),
    "cost_of code": (f"UPDATE cost_of SET category = 'spaceship' WHERE rowid = "
                     f"{_CHILD.format(child='cost_of', table='cost_line', column='cost_line_id')}", "category"),
    # s20-sql: a foreign key broken among the scenario's rows (PRAGMA foreign_key_check's words, «tenant»).
    "room's tenant missing": ("UPDATE room SET tenant = 'ingen' WHERE id = (SELECT min(id) FROM room WHERE "
                              "scenario_id = {sid} AND tenant IS NOT NULL)", "«tenant»"),
    "equipment's tenant missing": ("UPDATE equipment SET tenant = 'ingen' WHERE id = (SELECT min(id) FROM equipment "
                                   "WHERE scenario_id = {sid} AND tenant IS NOT NULL)", "«tenant»"),
    "room share's tenant missing": (f"UPDATE room_share SET tenant = 'ingen' WHERE rowid = "
                                    f"{_CHILD.format(child='room_share', table='room', column='room_id')}",
                                    "«tenant»"),
}  # fmt: skip


def _one(path: Path, sql: str, *params: object) -> int:
    """The one number `sql` asks of the file."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    finally:
        conn.close()


def _sid(path: Path, name: str) -> int:
    return _one(path, "SELECT id FROM scenario WHERE name = ?", name)


def _damage(path: Path, sql: str, rows: int | None = 1) -> int:
    """As another SQLite tool would edit it (no CHECK, no foreign keys); the statement must change `rows` rows (None:
    any number); how many it changed."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("PRAGMA foreign_keys = OFF")
        changed = int(conn.execute(sql).rowcount)
    finally:
        conn.close()
    assert rows is None or changed == rows
    return changed


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refusal(call: object) -> str:
    with pytest.raises(RefusedFile) as info:
        call()  # type: ignore[operator]
    return str(info.value)


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rich_plan_file(tmp_path_factory.mktemp("rich") / "rich.sundhedshus")


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damage_in_another_scenarios_lines_is_not_read(rich: Path, tmp_path: Path, kind: str) -> None:
    sql, word = DAMAGE[kind]
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    clean = {args: _cli(*args[:1], str(rich), *args[1:]) for args in (
        ("summary",), ("summary", "--scenario", SHOWN), ("summary", "--json"), ("check",), ("check", "--json"),
        ("check", "--scenario", SHOWN))}  # fmt: skip
    _damage(path, sql.format(sid=_sid(path, OTHER)))
    before = _sha(path)
    files = sorted(p.name for p in tmp_path.iterdir())
    words = _refusal(lambda: read_plan(path))  # today's words: the whole file's check
    assert word in words
    # The shown scenario (named, or applied for) is read and judged; the damaged one is not read.
    for args, (code, out, err) in clean.items():
        assert code in (0, 1) and err == ""
        assert _cli(*args[:1], str(path), *args[1:]) == (code, out, err), args
    # Shown, the damaged scenario is refused in today's words; every reader of the whole plan refuses it too.
    assert _refusal(lambda: read_plan_scenario(path, OTHER)) == words
    for args in (("summary", "--scenario", OTHER), ("check", "--all"), ("check", "--scenario", OTHER)):
        code, out, err = _cli(args[0], str(path), *args[1:])
        assert (code, out) == (2, "") and words in err, args
    code, out, err = _cli("export-json", str(path), "-o", str(tmp_path.parent / f"{tmp_path.name}.json"))
    assert (code, out) == (2, "") and words in err
    # The GUI's open: the shown scenario first, then the deferred checks of the whole file refuse it; editing too.
    deferred = PlanFile.open(path, readonly=True, defer=True)
    try:
        assert _refusal(deferred.verify) == words
    finally:
        deferred.close()
    assert _refusal(lambda: PlanFile.open(path)) == words
    assert _sha(path) == before and sorted(p.name for p in tmp_path.iterdir()) == files


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_the_same_damage_in_the_shown_scenario_is_refused_in_todays_words(rich: Path, tmp_path: Path,
                                                                          kind: str) -> None:  # fmt: skip
    sql, word = DAMAGE[kind]
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    _damage(path, sql.format(sid=_sid(path, OTHER)))
    before = _sha(path)
    words = _refusal(lambda: read_plan(path))
    assert word in words
    assert _refusal(lambda: read_plan_scenario(path, OTHER)) == words
    # The damage moved to the scenario shown by default: refused without a name too (where that scenario has such a
    # row: the rich plan's services are the other scenario's).
    path2 = tmp_path / "plan2.sundhedshus"
    shutil.copyfile(rich, path2)
    if not _damage(path2, sql.format(sid=_sid(path2, SHOWN)), rows=None):
        assert "service" in sql
        plan, _names = read_plan_scenario(path2, None)
        assert plan.scenarios[0].name == SHOWN and not plan.scenarios[0].running.services
        return
    words2 = _refusal(lambda: read_plan(path2))
    assert word in words2
    assert _refusal(lambda: read_plan_scenario(path2, None)) == words2
    assert _refusal(lambda: read_plan_scenario(path2, SHOWN)) == words2
    code, out, err = _cli("summary", str(path2))
    assert (code, out) == (2, "") and words2 in err
    assert _sha(path) == before


def test_the_damaged_scenario_is_judged_by_its_own_rows_not_the_whole_tables(rich: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path itself proves the shown scenario (not the whole-file checks, which would refuse)."""
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    _damage(path, DAMAGE["area 10^5000"][0].format(sid=_sid(path, OTHER)))
    monkeypatch.setattr(reading, "_check_contents", None)  # the full path is never taken for this file
    plan, names = read_plan_scenario(path, SHOWN)
    assert [s.name for s in plan.scenarios] == [SHOWN] and names == [OTHER, SHOWN]


# --- the oracle: the whole file's check of the same file without the other scenarios' lines ------------------


def _verdict(read: Callable[..., object], *args: object) -> tuple[str, object]:
    try:
        return "accepted", read(*args)
    except RefusedFile as exc:
        return "refused", str(exc)


@pytest.mark.parametrize("template", ["example"])
def test_one_scenario_reads_of_fuzzed_plans_agree_with_the_pruned_file(tmp_path: Path, template: str) -> None:
    """Over `tests.fuzzing` damages of a plan with two scenarios: for each scenario shown (named and not), the verdict
    of `read_plan_scenario` is the whole file's check's (`read_plan`) on a copy without the other scenarios' lines,
    made in plain SQL (`without_other_scenarios`), wherever that copy can stand for the file; accepted, the scenario
    read is the copy's; refused, in the words of the whole check of the file itself (today's)."""
    source = tmp_path / "source.sundhedshus"
    create_plan_file(source, load_json(template_path(template))).close()
    names = [s.name for s in read_plan(source).scenarios]
    tally = {"compared": 0, "accepted": 0, "refused": 0, "only elsewhere": 0, "skipped": 0}
    for seed in range(120):
        case = tmp_path / f"case{seed}"
        case.mkdir()
        path, what = damage_plan(seed, case, source)
        before = _sha(path) if path.exists() else None
        whole = _verdict(read_plan, path)
        for name in (None, *names):
            pruned = tmp_path / "pruned.sundhedshus"
            if not without_other_scenarios(path, name, pruned):
                tally["skipped"] += 1
                continue
            got = _verdict(read_plan_scenario, path, name)
            expected = _verdict(read_plan, pruned)
            assert got[0] == expected[0], (seed, what, name, got, expected)
            if got[0] == "accepted":
                plan, _names = got[1]  # type: ignore[misc]
                assert plan.scenarios == [expected[1].scenario(name)], (seed, what, name)  # type: ignore[union-attr]
                tally["only elsewhere"] += whole[0] == "refused"
            else:
                assert got[1] == whole[1], (seed, what, name)
            tally[got[0]] += 1
            tally["compared"] += 1
        assert before is None or _sha(path) == before
    # The generator does damage in both scenarios: some cases are accepted although the whole file is refused.
    assert tally["refused"] > 40 and tally["accepted"] > 40 and tally["only elsewhere"] > 0, tally


# --- a damaged index --------------------------------------------------------------------------------------------


def _index_says(path: Path, room: int, scenario: int, table_scenario: int, net_m2: str) -> None:
    """Leave the index `room_by_scenario` saying that the room `room` is in `scenario` while the table says it is in
    `table_scenario` with the area `net_m2`: the index is hidden from SQLite (writable_schema) while the table row
    changes, then put back as it was. `quick_check` does not compare an index with its table."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE room SET scenario_id = ? WHERE id = ?", (scenario, room))  # the index follows
        entry = conn.execute("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master "
                             "WHERE name = 'room_by_scenario'").fetchone()  # fmt: skip
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("DELETE FROM sqlite_master WHERE name = 'room_by_scenario'")
        conn.execute("PRAGMA writable_schema = OFF")
    finally:
        conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE room SET scenario_id = ?, net_m2 = ? WHERE id = ?", (table_scenario, net_m2, room))
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, ?, ?)", entry)
        conn.execute("PRAGMA writable_schema = OFF")
    finally:
        conn.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"  # the index and the table disagree
        got = conn.execute("SELECT id FROM room INDEXED BY room_by_scenario WHERE scenario_id = ?", (scenario,))
        assert room in {r for (r,) in got}  # the index points the reader at the row
        assert conn.execute("SELECT scenario_id FROM room NOT INDEXED WHERE id = ?", (room,)).fetchone() == (
            table_scenario,)
    finally:
        conn.close()


def _other_room(path: Path) -> int:
    return _one(path, "SELECT min(id) FROM room WHERE scenario_id = (SELECT id FROM scenario WHERE name = ?)", OTHER)


def test_a_damaged_index_cannot_hand_the_reader_an_unjudged_row(rich: Path, tmp_path: Path) -> None:
    """The index says another scenario's room (whose area is 10^5000 in the table) is the shown scenario's: the rows
    judged are those the reader reads, so the area is judged and the file refused in the whole check's words."""
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    room = _other_room(path)
    _index_says(path, room, _sid(path, SHOWN), _sid(path, OTHER), "1E+5000")
    before = _sha(path)
    words = _refusal(lambda: read_plan(path))
    assert "net_m2" in words
    assert _refusal(lambda: read_plan_scenario(path, SHOWN)) == words
    assert _refusal(lambda: read_plan_scenario(path, None)) == words
    assert _sha(path) == before


def test_a_reader_meeting_a_row_not_judged_falls_back_to_the_whole_check(rich: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The other way round: the table says a room with an area of 10^5000 is the shown scenario's, the index that it
    is another's. Judged through the index, the row is not among those judged; a reader reading the table itself
    (not through the index) meets it: the guard sends the file to the whole check, which refuses it."""
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    room = _other_room(path)
    _index_says(path, room, _sid(path, OTHER), _sid(path, SHOWN), "1E+5000")
    words = _refusal(lambda: read_plan(path))
    from planners.store import schema

    real = schema.read_lines

    def unindexed(conn: sqlite3.Connection, kind: str, where: str = "", params: tuple = (),
                  scan_children: bool = False, filled: object = None, ids_read: object = None) -> list:  # fmt: skip
        table = schema.LINE_TABLE[kind]
        monkeypatch.setitem(schema.LINE_TABLE, kind, f"{table} NOT INDEXED")  # the table's own scenario_id
        try:
            # Every table asked (`filled` names the tables by their own names, not this one's with NOT INDEXED).
            return real(conn, kind, where, params, scan_children, None, ids_read)  # type: ignore[arg-type]
        finally:
            monkeypatch.setitem(schema.LINE_TABLE, kind, table)

    monkeypatch.setattr(schema, "read_lines", unindexed)
    assert _refusal(lambda: read_plan_scenario(path, SHOWN)) == words
    monkeypatch.setattr(reading, "_read_judged", lambda *args: True)  # without the guard, the row would be read
    plan, _names = read_plan_scenario(path, SHOWN)
    assert any(r.row_id == room for r in plan.scenarios[0].rooms)


# --- the origin's snapshot (s19-sum2) --------------------------------------------------------------------------------
# A one-scenario read neither reads nor judges the origin's snapshot (the whole plan as JSON, read only by a merge), so
# damage there alone leaves its output as the undamaged file's; every reader of the whole file (`check --all`,
# `export-json`, the GUI's open, an editing open) still refuses it in today's words, and nothing is written.

# Damage of the origin's snapshot as another SQLite tool could write it: (SQL, a word of today's refusal).
ORIGIN_DAMAGE: dict[str, tuple[str, str]] = {
    "NUL": ("UPDATE origin SET snapshot = 'a' || char(0) || 'b'", "snapshot"),
    "blob": ("UPDATE origin SET snapshot = x'00ff'", "binære data"),
    "invalid UTF-8": ("UPDATE origin SET snapshot = CAST(x'7bff7d' AS TEXT)", "snapshot"),
}


@pytest.mark.parametrize("kind", sorted(ORIGIN_DAMAGE))
def test_a_damaged_origin_snapshot_is_not_read_by_one_scenario(rich: Path, tmp_path: Path, kind: str) -> None:
    sql, word = ORIGIN_DAMAGE[kind]
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    one = (("summary",), ("summary", "--json"), ("summary", "--scenario", SHOWN), ("check",), ("check", "--json"))
    clean = {args: _cli(args[0], str(rich), *args[1:]) for args in one}
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert conn.execute(sql).rowcount == 1
    finally:
        conn.close()
    before = _sha(path)
    words = _refusal(lambda: read_plan(path))  # today's words: the whole file's check judges the snapshot
    assert word in words and "origin" in words
    # One scenario shown: the figures and findings of the undamaged file.
    for args, (code, out, err) in clean.items():
        assert code in (0, 1) and err == "" and out
        assert _cli(args[0], str(path), *args[1:]) == (code, out, err), args
    plan, _ = read_plan_scenario(path, SHOWN)
    assert [s.name for s in plan.scenarios] == [SHOWN]
    # Every reader of the whole file refuses it, in today's words.
    code, out, err = _cli("check", str(path), "--all")
    assert (code, out) == (2, "") and words in err
    target = tmp_path.parent / f"{tmp_path.name}.json"
    code, out, err = _cli("export-json", str(path), "-o", str(target))
    assert (code, out) == (2, "") and words in err and not target.exists()
    deferred = PlanFile.open(path, readonly=True, defer=True)  # the GUI's open: the deferred whole checks refuse
    try:
        assert _refusal(deferred.verify) == words
    finally:
        deferred.close()
    assert _refusal(lambda: PlanFile.open(path)) == words
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.sundhedshus"]


def test_only_the_origins_snapshot_is_left_unread(rich: Path, tmp_path: Path) -> None:
    """The origin's other columns are judged as before: a bad token is refused by a summary in today's words."""
    assert filecheck.UNREAD_BY_ONE_SCENARIO == {("origin", "snapshot")}
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert conn.execute("UPDATE origin SET token = x'00ff'").rowcount == 1
    finally:
        conn.close()
    words = _refusal(lambda: read_plan(path))
    assert "token" in words
    code, out, err = _cli("summary", str(path))
    assert (code, out) == (2, "") and words in err


# --- s20-sql: the structure checks of a one-scenario read, scoped to what it reads -------------------------------------
# `quick_check` leaves out the origin's pages (`filecheck.PAGES_UNREAD_BY_ONE_SCENARIO`); the foreign keys naming the
# shown scenario's tenants are checked on its rows, every other key for every row. Anything found, and the whole file
# is checked, pages first, in the words of every open.


def _overflow_page(path: Path, table: str) -> int:
    """An overflow page of `table` that is not the last of its chain (its first four bytes name the next)."""
    conn = sqlite3.connect(path)
    try:
        pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'overflow' "
                                            "ORDER BY pageno", (table,))]  # fmt: skip
    finally:
        conn.close()
    assert len(pages) >= 2, pages  # the rich plan's snapshot spans several pages
    return pages[0]


def _write_page(path: Path, page: int, data: bytes) -> None:
    """Write `data` at the start of the page `page` (numbered from 1, as SQLite does)."""
    with path.open("r+b") as f:
        f.seek(16)
        page_size = int.from_bytes(f.read(2), "big")
        f.seek((page - 1) * page_size)
        f.write(data)


def _break_page_chain(path: Path, page: int) -> None:
    """Point the overflow page `page` at a page beyond the file: `quick_check` reports it, nothing else changes."""
    _write_page(path, page, (0x7FFFFFF0).to_bytes(4, "big"))


def _leaf_page(path: Path, table: str) -> int:
    return _one(path, "SELECT max(pageno) FROM dbstat WHERE name = ? AND pagetype = 'leaf'", table)


def _break_page_type(path: Path, page: int) -> None:
    """Give the b-tree page `page` a type no page has (its first byte)."""
    _write_page(path, page, b"\x01")


def test_damaged_origin_pages_are_not_checked_by_one_scenario(rich: Path, tmp_path: Path) -> None:
    """The origin's pages broken (its snapshot's overflow chain): `summary` and `check` of one scenario give the
    undamaged file's output; every reader of the whole file refuses it in the words of `quick_check`, unchanged."""
    assert filecheck.PAGES_UNREAD_BY_ONE_SCENARIO == {"origin"}
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    one = (("summary",), ("summary", "--json"), ("summary", "--scenario", OTHER), ("check",), ("check", "--json"))
    clean = {args: _cli(args[0], str(rich), *args[1:]) for args in one}
    _break_page_chain(path, _overflow_page(path, "origin"))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check('origin')").fetchone()[0] != "ok"
        assert conn.execute("PRAGMA quick_check('room')").fetchall() == [("ok",)]
    finally:
        conn.close()
    before = _sha(path)
    words = _refusal(lambda: read_plan(path))  # today's words: the whole quick_check
    assert "Filen er beskadiget" in words or "beskadiget" in words
    for args, (code, out, err) in clean.items():
        assert code in (0, 1) and err == "" and out
        assert _cli(args[0], str(path), *args[1:]) == (code, out, err), args
    code, out, err = _cli("check", str(path), "--all")
    assert (code, out) == (2, "") and words in err
    target = tmp_path.parent / f"{tmp_path.name}.json"
    code, out, err = _cli("export-json", str(path), "-o", str(target))
    assert (code, out) == (2, "") and words in err and not target.exists()
    assert _refusal(lambda: PlanFile.open(path)) == words
    assert _refusal(lambda: PlanFile.open(path, readonly=True)) == words
    assert _sha(path) == before


@pytest.mark.parametrize("also", ["shown area 10^5000", "pages of the rooms", "a foreign trigger"])
def test_damaged_origin_pages_with_anything_else_are_refused_in_todays_words(rich: Path, tmp_path: Path,
                                                                             also: str) -> None:  # fmt: skip
    """With the origin's pages broken, any refusal of a one-scenario read is worded as the whole file's: the pages left
    out are checked before the rest decides (`reading._check_pages_left`)."""
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    if also == "shown area 10^5000":
        _damage(path, DAMAGE["area 10^5000"][0].format(sid=_sid(path, SHOWN)))
    elif also == "a foreign trigger":
        _damage(path, "CREATE TRIGGER fremmed AFTER UPDATE ON plan BEGIN SELECT 1; END", rows=None)
    if also == "pages of the rooms":
        _break_page_type(path, _leaf_page(path, "room"))  # the whole check lists the origin's first (sorted)
    _break_page_chain(path, _overflow_page(path, "origin"))
    words = _refusal(lambda: read_plan(path))
    assert _refusal(lambda: read_plan_scenario(path, SHOWN)) == words
    assert _refusal(lambda: read_plan_scenario(path, None)) == words


# A row naming no scenario or line: (SQL, a word of today's refusal). 1.5 and 'x' fall between and after the scenarios'
# ids in the index by scenario; the whole check words them as values (judged before the keys).
ORPHANS: dict[str, tuple[str, str]] = {
    "a room of no scenario": ("UPDATE room SET scenario_id = 999 WHERE id = (SELECT min(id) FROM room)",
                              "som ikke findes"),
    "a room of scenario 1.5": ("UPDATE room SET scenario_id = 1.5 WHERE id = (SELECT min(id) FROM room)",
                               "scenario_id"),
    "a tenant of scenario 'x'": ("UPDATE tenant SET scenario_id = 'x' WHERE id = (SELECT max(id) FROM tenant)",
                                 "scenario_id"),
    "a share of no room": ("UPDATE room_share SET room_id = 999999 WHERE rowid = (SELECT min(rowid) FROM room_share)",
                           "som ikke findes"),
    "a spread of no cost line": ("UPDATE cost_spread SET cost_line_id = 999999 WHERE rowid = "
                                 "(SELECT min(rowid) FROM cost_spread)", "som ikke findes"),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(ORPHANS))
def test_a_row_of_no_scenario_or_line_is_refused_as_the_whole_file(rich: Path, tmp_path: Path, kind: str) -> None:
    """A line naming no scenario, a child naming no line: it belongs to no scenario and might be the shown one's, so
    its key is checked for every row (the file less the other scenarios' lines keeps it and is refused: the oracle)."""
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    sql, word = ORPHANS[kind]
    _damage(path, sql)
    words = _refusal(lambda: read_plan(path))
    assert word in words
    for name in (None, SHOWN, OTHER):
        assert _refusal(lambda name=name: read_plan_scenario(path, name)) == words


def test_the_keys_are_checked_whole_where_the_schema_is_ours_only_column_by_column(rich: Path, tmp_path: Path) -> None:
    """`check_schema` tells whether the file's schema text is a new file's; where it is not, the foreign keys could be
    written otherwise, and every key of the file is checked (detection finds one broken in another scenario)."""
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    _damage(path, DAMAGE["room's tenant missing"][0].format(sid=_sid(path, OTHER)))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert filecheck.check_schema(conn) is True
        assert not filecheck.shown_references_broken(conn, True)  # the other scenario's rows are not in scope
        assert filecheck.shown_references_broken(conn, False)  # the whole PRAGMA finds it
    finally:
        conn.close()


def test_one_scenario_reads_leave_out_only_the_origins_pages(rich: Path) -> None:
    conn = sqlite3.connect(f"file:{rich}?mode=ro", uri=True)
    checked: list[str] = []
    conn.set_trace_callback(checked.append)
    try:
        assert reading._quick_check(conn, filecheck.PAGES_UNREAD_BY_ONE_SCENARIO) == ["ok"]
        pragmas = {s for s in checked if s.startswith("PRAGMA quick_check")}
        assert "PRAGMA quick_check('origin')" not in pragmas and "PRAGMA quick_check('room')" in pragmas
        assert "PRAGMA quick_check('history')" not in pragmas  # checked when read, as before
        checked.clear()
        assert reading._quick_check(conn) == ["ok"]
        assert "PRAGMA quick_check('origin')" in checked
    finally:
        conn.close()


def test_the_rules_and_keys_are_asked_on_their_own_where_the_values_statement_fails(
        rich: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """`judge_shown` asks the rules and the scoped keys in the statement judging the values; where that statement
    gives no answer (a text too long to join, a sum beyond 64 bits: `_clean_in_sql` returns False early), it asks them
    on their own: a broken tenant key of the shown scenario is still found, another scenario's is not."""
    real = filecheck._clean_in_sql
    calls: list[str] = []

    def without_answers(conn: sqlite3.Connection, table: str, *args: object, **kwargs: object) -> bool:
        calls.append(table)
        real(conn, table, *args[:5])  # type: ignore[arg-type]  # the values judged, the extras not asked
        return False

    monkeypatch.setattr(filecheck, "_clean_in_sql", without_answers)
    for name, refused in ((OTHER, False), (SHOWN, True)):
        path = tmp_path / f"{refused}.sundhedshus"
        shutil.copyfile(rich, path)
        _damage(path, DAMAGE["room's tenant missing"][0].format(sid=_sid(path, name)))
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        try:
            conn.execute("BEGIN")
            if refused:
                with pytest.raises(filecheck._BrokenKey):
                    filecheck.judge_shown(conn, _sid(path, SHOWN))
            else:
                proved, _scope = filecheck.judge_shown(conn, _sid(path, SHOWN))
                assert not proved  # every table went value by value: Python validates
        finally:
            conn.close()
        words = _refusal(lambda path=path: read_plan(path))
        if refused:
            assert _refusal(lambda path=path: read_plan_scenario(path, SHOWN)) == words
        else:
            plan, _names = read_plan_scenario(path, SHOWN)
            assert [s.name for s in plan.scenarios] == [SHOWN]
    assert "room" in calls


# --- the guard by the ids' text (s20-sql2) ---------------------------------------------------------------------------


def test_the_guard_compares_the_ids_read_with_those_judged_as_text(rich: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """On an undamaged file the reader's row ids are the judged ones in the same order (the same index, the same key):
    the guard needs no set of judged ids (`filecheck.judged_ids` is never called), and the plan read is the same."""
    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    expected = read_plan_scenario(path, SHOWN)

    def no_set(*args: object) -> set[int]:
        raise AssertionError("the judged ids made into a set")

    monkeypatch.setattr(filecheck, "judged_ids", no_set)
    # Not by way of the whole check (which a failing guard would run, reading the same plan).
    monkeypatch.setattr(reading, "_check_contents", lambda *args: pytest.fail("the whole check ran"))
    assert read_plan_scenario(path, SHOWN) == expected


def test_the_guard_looks_each_line_up_where_the_texts_differ(rich: Path, tmp_path: Path) -> None:
    """Where the ids read are not the judged ones text for text, each line is looked for among those judged: the same
    ids in another order pass, one id not judged fails (`reading._read_judged`)."""
    from planners.store import schema

    path = tmp_path / "plan.sundhedshus"
    shutil.copyfile(rich, path)
    conn = reading._connect(path, "ro")
    try:
        conn.execute("BEGIN")
        plan = schema.read_plan_head(conn)
        chosen = next(s for s in plan.scenarios if s.name == SHOWN)
        assert chosen.row_id is not None
        proved, scope = filecheck.judge_shown(conn, chosen.row_id)
        ids_read: dict[str, str] = {}
        schema.read_lines_of(conn, [chosen], scan_children=True, ids_read=ids_read)
    finally:
        conn.close()
    assert proved and reading._read_judged(chosen, scope, ids_read)
    rooms = [r.row_id for r in chosen.rooms]
    assert len(rooms) > 1 and ids_read["room"] == "[" + ",".join(map(str, rooms)) + "]"
    scope.judged["room"] = ",".join(map(str, reversed(rooms))).encode()  # the same rows, another order
    assert reading._read_judged(chosen, scope, ids_read)
    scope.judged["room"] = ",".join(map(str, rooms[1:])).encode()  # the first room read was not judged
    assert not reading._read_judged(chosen, scope, ids_read)
    assert not reading._read_judged(chosen, scope)  # without the ids read: each line looked up
