"""The plan file (DESIGN §2): create, round trip, the opening checks and refusals, save a copy."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from planners.model import Plan, RoomLine, RoomType, Scenario
from planners.model.errors import InvalidPlan, PlanError, RefusedFile
from planners.store.lock import lock_path
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from planners.store.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.planners.plans import rich_plan, row_ids, small_plan

NAME = "Sundhedshus Ærø 😀.sundhedshus"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "Mappe æøå 🏥" / NAME
    path.parent.mkdir()
    create_plan_file(path, rich_plan()).close()
    return path


# --- round trip ----------------------------------------------------------------------------------


def test_rich_plan_round_trips_through_a_file_with_danish_and_emoji_names(tmp_path: Path) -> None:
    plan = rich_plan()
    path = tmp_path / "ÆØÅ æøå 👩‍⚕️ #1?.sundhedshus"
    with create_plan_file(path, plan) as plan_file:
        assert plan_file.path == path and not plan_file.readonly
        loaded = plan_file.load()
    assert loaded == plan
    assert loaded.title == "Sundhedshus Ærø 🏥 — «Ø»"
    assert loaded.scenarios[0].tenants[0].name == "Lægerne i Ærøskøbing 👩‍⚕️"
    assert read_plan(path) == plan
    assert listing(tmp_path) == [path.name]  # no temporary file, journal or lock left


def test_load_sets_row_ids_on_scenarios_tenants_and_lines(plan_path: Path) -> None:
    plan = read_plan(plan_path)
    ids = row_ids(plan)
    assert all(isinstance(i, int) for _, i in ids)
    assert len({(k if k != "scenario" else "s", i) for k, i in ids}) == len(ids)


def test_exact_decimals_survive(tmp_path: Path) -> None:
    plan = small_plan()
    tiny = Decimal("0.1234567890123456789012345678")
    plan.scenarios[0].rooms[0].net_m2 = tiny
    plan.scenarios[0].gross_factor = Decimal("1.3500")
    with create_plan_file(tmp_path / "d.sundhedshus", plan) as plan_file:
        loaded = plan_file.load()
        (text,) = plan_file.conn.execute("SELECT net_m2 FROM room ORDER BY position LIMIT 1").fetchone()
    assert loaded.scenarios[0].rooms[0].net_m2 == tiny
    assert text == "0.1234567890123456789012345678"
    assert str(loaded.scenarios[0].gross_factor) == "1.3500"  # not even trailing zeros are lost


def test_templates_round_trip(tmp_path: Path) -> None:
    jsonio = pytest.importorskip("planners.interchange.plan_json")
    templates = [p for p in (Path(__file__).parents[2] / "resources" / "templates").glob("*.json")
                 if p.name != "index.json"]  # fmt: skip
    if not templates:
        pytest.skip("no templates yet")
    for template in templates:
        plan = jsonio.load_json(template)
        with create_plan_file(tmp_path / f"{template.stem}.sundhedshus", plan) as plan_file:
            assert plan_file.load() == plan, template.name


# --- the file's make-up --------------------------------------------------------------------------


def test_file_is_stamped_journaled_and_stores_no_floats(plan_path: Path) -> None:
    conn = sqlite3.connect(plan_path.as_uri() + "?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x53554E44 == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for expected in ("plan", "partner", "scenario", "tenant", "room", "room_share", "equipment",
                         "equipment_share", "cost_line", "cost_of", "cost_spread", "financing", "running_rate",
                         "service", "service_share", "catalog_tenant_kind", "catalog_room_type",
                         "catalog_equipment", "catalog_running_rate"):  # fmt: skip
            assert expected in tables
        for table in tables:
            for (column,) in conn.execute(f"SELECT name FROM pragma_table_info('{table}')").fetchall():
                reals = conn.execute(f'SELECT count(*) FROM "{table}" WHERE typeof("{column}") = ?', ("real",))
                assert reals.fetchone()[0] == 0, (table, column)
        assert conn.execute("SELECT count(*) FROM room").fetchone()[0] == 10
    finally:
        conn.close()


def test_editing_connection_has_foreign_keys_on_and_sqlite_utils_view(plan_path: Path) -> None:
    with PlanFile.open(plan_path) as plan_file:
        assert plan_file.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert plan_file.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        db = plan_file.db
        assert "tenant" in db.table_names()
        assert {fk.other_table for fk in db["room"].foreign_keys} == {"scenario", "tenant"}
        assert db["room"].count == 10


def test_deleting_a_scenario_row_cascades_to_its_lines(plan_path: Path) -> None:
    with PlanFile.open(plan_path) as plan_file:
        conn = plan_file.conn
        first = conn.execute("SELECT id FROM scenario ORDER BY position LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM scenario WHERE id = ?", (first,))
        for table in ("tenant", "room", "room_share", "equipment", "cost_line", "financing", "service",
                      "running_rate", "service_share"):  # fmt: skip
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE scenario_id = ?", (first,)).fetchone()[0] == 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


# --- create --------------------------------------------------------------------------------------


def test_create_refuses_an_existing_path_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "x.sundhedshus"
    path.write_text("mine")
    with pytest.raises(PlanError, match="findes allerede"):
        create_plan_file(path, small_plan())
    assert path.read_text() == "mine"
    assert listing(tmp_path) == ["x.sundhedshus"]


def test_create_refuses_an_invalid_plan_without_writing(tmp_path: Path) -> None:
    plan = small_plan()
    plan.scenarios[0].rooms[0].net_m2 = Decimal(-1)
    with pytest.raises(InvalidPlan) as info:
        create_plan_file(tmp_path / "x.sundhedshus", plan)
    assert any(p.path == "scenarios[0].rooms[0].net_m2" for p in info.value.problems)
    assert listing(tmp_path) == []


def test_create_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="Mappen findes ikke"):
        create_plan_file(tmp_path / "nope" / "x.sundhedshus", small_plan())


# --- refusals ------------------------------------------------------------------------------------


def _sqlite_file(path: Path, app_id: int, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def _stamp(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def _garbage_in_tenant_table(path: Path) -> None:
    conn = sqlite3.connect(path)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tenant'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))


def _make(kind: str, folder: Path) -> tuple[Path, str]:
    """A file of `kind` and a phrase its refusal must contain."""
    path = folder / f"{kind} æø 😀.sundhedshus"
    if kind == "text":
        path.write_text("Det her er bare tekst, ikke en plan.\n" * 20, encoding="utf-8")
        return path, "ikke en SQLite-database"
    if kind == "png":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        return path, "ikke en SQLite-database"
    if kind == "empty":
        path.write_bytes(b"")
        return path, "ikke en SQLite-database"
    if kind == "foreign":
        _sqlite_file(path, 0x12345678, 3)
        return path, "tilhører et andet program"
    if kind == "plain_sqlite":
        _sqlite_file(path, 0, 0)
        return path, "tilhører et andet program"
    create_plan_file(path, rich_plan()).close()
    if kind == "newer":
        _stamp(path, 7)
        return path, ("Planen er gemt med en nyere version af Sundhedshus (filversion 7); denne version kan "
                      "åbne til og med version 6. Opdatér programmet.")  # fmt: skip
    if kind == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path, "beskadiget"
    if kind == "header_only":
        path.write_bytes(path.read_bytes()[:40])
        return path, "beskadiget"
    if kind == "garbage":
        _garbage_in_tenant_table(path)
        return path, "beskadiget"
    if kind == "version_zero":
        _stamp(path, 0)
        return path, "beskadiget"
    raise AssertionError(kind)


REFUSED = ["text", "png", "empty", "foreign", "plain_sqlite", "newer", "truncated", "header_only", "garbage",
           "version_zero"]  # fmt: skip


@pytest.mark.parametrize("kind", REFUSED)
@pytest.mark.parametrize("how", ["edit", "readonly", "read_plan"])
def test_refused_files_are_left_byte_for_byte_as_they_were(tmp_path: Path, kind: str, how: str) -> None:
    path, phrase = _make(kind, tmp_path)
    before, files = sha(path), listing(tmp_path)
    with pytest.raises(RefusedFile) as info:
        if how == "read_plan":
            read_plan(path)
        else:
            PlanFile.open(path, readonly=how == "readonly").close()
    assert phrase in info.value.message
    assert info.value.message_en and info.value.message_en != info.value.message
    assert sha(path) == before
    assert listing(tmp_path) == files  # no -journal, no lock, no backup


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "findes ikke.sundhedshus"
    for readonly in (False, True):
        with pytest.raises(RefusedFile, match="findes ikke"):
            PlanFile.open(path, readonly=readonly)
    with pytest.raises(RefusedFile):
        read_plan(path)
    assert listing(tmp_path) == []


def test_checks_run_in_order_foreign_before_version(tmp_path: Path) -> None:
    path = tmp_path / "f.sundhedshus"
    _sqlite_file(path, 0x0BAD, 99)  # another program's file with a high version: "not ours" wins
    with pytest.raises(RefusedFile, match="andet program"):
        read_plan(path)


# --- reading and editing -------------------------------------------------------------------------


def test_readonly_open_takes_no_lock_and_refuses_edits(plan_path: Path) -> None:
    from planners.store.operations import RenameScenario

    before = sha(plan_path)
    with PlanFile.open(plan_path, readonly=True) as plan_file:
        assert plan_file.readonly
        assert not lock_path(plan_path).exists()
        sid = plan_file.load().scenarios[0].row_id
        with pytest.raises(PlanError, match="skrivebeskyttet"):
            plan_file.apply(RenameScenario(sid, "Nyt navn"))  # type: ignore[arg-type]
    assert sha(plan_path) == before


def test_lock_file_lives_while_editing_and_goes_on_close(plan_path: Path) -> None:
    plan_file = PlanFile.open(plan_path)
    assert lock_path(plan_path).exists()
    assert read_plan(plan_path) == rich_plan()  # reading ignores the lock
    plan_file.close()
    plan_file.close()  # twice is harmless
    assert not lock_path(plan_path).exists()


def test_an_edit_is_on_disk_when_apply_returns(plan_path: Path) -> None:
    from planners.store.operations import SetPlanFields

    with PlanFile.open(plan_path) as plan_file:
        plan_file.apply(SetPlanFields({"title": "Ny titel ✨"}))
        assert read_plan(plan_path).title == "Ny titel ✨"  # another connection sees it at once


def test_save_copy_uses_a_consistent_snapshot(plan_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "kopi ø 📎.sundhedshus"
    target.write_text("old content replaced")
    with PlanFile.open(plan_path) as plan_file:
        assert plan_file.save_copy(target) == target
        with pytest.raises(PlanError):
            plan_file.save_copy(plan_path)
    assert read_plan(target) == rich_plan()
    assert not lock_path(target).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["Mappe æøå 🏥", target.name])


def test_a_hot_journal_is_recovered_without_writing_when_reading(plan_path: Path) -> None:
    """A process killed in the middle of a commit leaves a hot journal; the last commit survives."""
    script = f"""
import os, sqlite3
conn = sqlite3.connect({str(plan_path)!r}, isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # spill pages to the file before the commit
conn.execute("BEGIN IMMEDIATE")
for i in range(400):
    conn.execute("INSERT INTO partner (position, name) VALUES (?, ?)", (100 + i, "x" * 1500))
conn.execute("UPDATE plan SET title = 'half-done'")
os.kill(os.getpid(), 9)
"""
    subprocess.run([sys.executable, "-c", script], check=False)
    journal = plan_path.with_name(plan_path.name + "-journal")
    assert journal.exists()
    before, journal_before = sha(plan_path), sha(journal)
    assert read_plan(plan_path) == rich_plan()
    assert (sha(plan_path), sha(journal)) == (before, journal_before)  # reading wrote nothing
    with PlanFile.open(plan_path) as plan_file:  # editing lets SQLite roll the journal back in place
        assert plan_file.load() == rich_plan()
        assert plan_file.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not journal.exists()


def test_a_plan_with_many_scenarios_and_no_lines_round_trips(tmp_path: Path) -> None:
    plan = Plan("Tom 🫙", [2020], pool_round="2018",
                scenarios=[Scenario("A"), Scenario("B ø", rooms=[RoomLine(RoomType.OTHER, Decimal(1), vacant=True)])])
    with create_plan_file(tmp_path / "t.sundhedshus", plan) as plan_file:
        assert plan_file.load() == plan


def test_open_refuses_a_write_protected_plan_for_editing(plan_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root may write any file")
    plan_path.chmod(0o444)
    try:
        with pytest.raises(PlanError, match="skrivebeskyttet"):
            PlanFile.open(plan_path)
        assert read_plan(plan_path) == rich_plan()
    finally:
        plan_path.chmod(0o644)


def test_new_plans_and_copies_get_an_ordinary_file_mode(tmp_path: Path) -> None:
    """Not mkstemp's private 0600: a plan on a network share must open for colleagues (DESIGN §2)."""
    umask = os.umask(0o022)
    try:
        with create_plan_file(tmp_path / "p.sundhedshus", small_plan()) as plan_file:
            plan_file.save_copy(tmp_path / "kopi.sundhedshus")
    finally:
        os.umask(umask)
    assert (tmp_path / "p.sundhedshus").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "kopi.sundhedshus").stat().st_mode & 0o777 == 0o644
