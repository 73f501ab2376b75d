"""Issue 20: no mistake and no file destroys a plan; a damaged or hand-edited plan is refused with a reason,
before anything is written or locked (CLI and core)."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.cli import main
from planners.model import FinancingLine, FinancingSource, Scenario, Tenant, TenantKind
from planners.model.errors import PlanError, RefusedFile
from planners.model.scenario_validation import validate_line, validate_scenario
from planners.store.lock import lock_path
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from planners.store.safewrite import TargetRefused, write_text_atomically
from tests.fuzzing import edit_by_hand
from tests.planners.plans import rich_plan, rich_plan_file


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a FIFO opened blocking would never return)."""

    def fail(*_: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return rich_plan_file(tmp_path / "plan.sundhedshus")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


# --- 20.8: targets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["export", "{p}", "--xlsx", "{p}"],
    ["export", "{p}", "--pdf", "{p}"],
    ["export-json", "{p}", "-o", "{p}"],
    ["export", "{p}", "--xlsx", "{q}"],
    ["export-json", "{p}", "-o", "{q}"],
    ["export", "{p}", "--xlsx", "{q}-journal"],
])  # fmt: skip
def test_no_command_writes_over_its_source_or_any_plan(plan_path: Path, command: list[str]) -> None:
    other = plan_path.with_name("anden.sundhedshus")
    create_plan_file(other, rich_plan()).close()
    before = {p.name: sha(p) for p in plan_path.parent.iterdir()}
    code, out, err = run(*[a.format(p=plan_path, q=other) for a in command])
    assert code == 2 and out == ""
    assert "overskrives ikke" in err or "aldrig oven i en plan" in err
    assert {p.name: sha(p) for p in plan_path.parent.iterdir()} == before
    assert read_plan(plan_path) == rich_plan() and read_plan(other) == rich_plan()


def test_a_plan_renamed_to_xlsx_is_still_a_plan(plan_path: Path) -> None:
    disguised = plan_path.with_name("bilag.xlsx")
    disguised.write_bytes(plan_path.read_bytes())
    with pytest.raises(TargetRefused):
        write_text_atomically(disguised, "x")
    assert disguised.read_bytes() == plan_path.read_bytes()


def test_export_json_refuses_its_json_source(tmp_path: Path, plan_path: Path) -> None:
    source = tmp_path / "p.json"
    assert run("export-json", str(plan_path), "-o", str(source))[0] == 0
    before = sha(source)
    code, _, err = run("export-json", str(source), "-o", str(source))
    assert code == 2 and "kildefilen" in err and sha(source) == before


def test_ordinary_exports_still_write(plan_path: Path) -> None:
    xlsx, js = plan_path.with_name("bilag.xlsx"), plan_path.with_name("plan.json")
    assert run("export", str(plan_path), "--xlsx", str(xlsx))[0] == 0
    assert run("export-json", str(plan_path), "-o", str(js))[0] == 0
    assert xlsx.stat().st_size > 0 and js.read_text().startswith("{")


def test_save_copy_refuses_another_plan(plan_path: Path) -> None:
    other = plan_path.with_name("anden.sundhedshus")
    create_plan_file(other, rich_plan()).close()
    before = sha(other)
    with PlanFile.open(plan_path) as plan_file, pytest.raises(PlanError, match="anden plan"):
        plan_file.save_copy(other)
    assert sha(other) == before


# --- 20.8: bounds ----------------------------------------------------------------------------------


def test_a_loans_term_of_ten_million_years_is_refused_with_the_limit() -> None:
    scenario = Scenario("A", D("1.4"))
    loan = FinancingLine(FinancingSource.LOAN, D(2_000_000), interest_pct=D(3), years=10_000_000)
    assert [(p.path, p.message_da) for p in validate_line("financing", loan, scenario, "f")] == [
        ("f.years", "skal være mellem 1 og 100 år")]
    loan.years = 100
    assert validate_line("financing", loan, scenario, "f") == []


def test_validating_eight_thousand_tenants_is_linear() -> None:
    scenario = Scenario("A", D("1.4"))
    scenario.tenants = [Tenant(f"t{i}", f"Lejer {i}", TenantKind.GP_PRACTICE) for i in range(8000)]
    scenario.tenants.append(Tenant("t5", "Dublet", TenantKind.GP_PRACTICE))
    started = time.process_time()
    problems = validate_scenario(scenario, rich_plan(), "s")
    assert time.process_time() - started < 10  # quadratic took 107 s; linear takes well under 1 s
    assert [p.path for p in problems] == ["s.tenants[8000].id"]


# --- 20.2/20.3/20.8: damaged and hand-edited files ---------------------------------------------------


def _first_scenario(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT name FROM scenario WHERE id = (SELECT scenario_id FROM room WHERE id = "
                                "(SELECT min(id) FROM room))").fetchone()[0])  # fmt: skip
    finally:
        conn.close()


def _first_room(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT min(id) FROM room").fetchone()[0])
    finally:
        conn.close()


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "trigger": (lambda p: edit_by_hand(p, "CREATE TRIGGER t AFTER UPDATE ON room BEGIN "
                                   "UPDATE financing SET amount = '1'; END"), "en trigger"),
    "view": (lambda p: edit_by_hand(p, "CREATE VIEW v AS SELECT * FROM room"), "et view"),
    "extra table": (lambda p: edit_by_hand(p, "CREATE TABLE noter (x)"), "«noter» hører ikke til"),
    "extra column": (lambda p: edit_by_hand(p, "ALTER TABLE room ADD COLUMN x TEXT"), "kolonnen «x» hører ikke til"),
    "dropped index": (lambda p: edit_by_hand(p, "DROP INDEX room_by_tenant"), "indekser er ændret"),
    "dropped column": (lambda p: edit_by_hand(p, "ALTER TABLE room DROP COLUMN label"), "kolonnen «label» mangler"),
    "nan": (lambda p: edit_by_hand(p, "UPDATE room SET net_m2 = 'NaN' WHERE id = (SELECT min(id) FROM room)"),
            "felt «net_m2»: skal være et tal"),
    "huge": (lambda p: edit_by_hand(p, "UPDATE room SET net_m2 = '1E+5000' WHERE id = (SELECT min(id) FROM room)"),
             "felt «net_m2»: tallet er uden for"),
    "text": (lambda p: edit_by_hand(p, "UPDATE financing SET amount = 'mange penge'"), "felt «amount»: skal være et tal"),
    "real": (lambda p: edit_by_hand(p, "UPDATE room SET count = 2.5"), "felt «count»: skal være et heltal"),
    "blob": (lambda p: edit_by_hand(p, "UPDATE tenant SET name = x'00ff'"), "felt «name»: skal være en tekst eller et tal"),
    "utf8": (lambda p: edit_by_hand(p, "UPDATE tenant SET name = CAST(x'41ff42' AS TEXT)"), "ikke gyldig UTF-8"),
    "code": (lambda p: edit_by_hand(p, "UPDATE room SET type = 'spaceship'"), "felt «type»: ukendt kode (fandt «spaceship»)"),
    "long code": (lambda p: edit_by_hand(p, "UPDATE room SET type = '" + "x" * 200_000 + "'"), "for lang"),
    "negative": (lambda p: edit_by_hand(p, "UPDATE room SET net_m2 = '-463'"), "felt «net_m2»: skal være større end 0"),
    "years": (lambda p: edit_by_hand(p, "UPDATE financing SET years = 10000000 WHERE years IS NOT NULL"),
              "felt «years»: skal være mellem 1 og 100 år"),
    "bool": (lambda p: edit_by_hand(p, "UPDATE room SET vacant = 7 WHERE vacant = 0"), "skal være 0 eller 1"),
    "reference": (lambda p: edit_by_hand(p, "UPDATE room SET scenario_id = 999"), "henviser til noget"),
    "no plan row": (lambda p: edit_by_hand(p, "DELETE FROM plan"), "præcis én række"),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(DAMAGE))
@pytest.mark.parametrize("how", ["read", "edit", "cli"])
def test_a_hand_edited_plan_is_refused_with_a_reason_and_left_alone(plan_path: Path, kind: str, how: str) -> None:
    damage, expected = DAMAGE[kind]
    # The scenario of the first room, which some damages hold alone: a summary reads only its scenario's lines
    # (s19-summary), so the command line's summary shows the one damaged.
    first = _first_scenario(plan_path)
    _apply_ignoring_checks(plan_path, damage)  # as a tool that ignores CHECK constraints would
    before = sha(plan_path)
    files = sorted(p.name for p in plan_path.parent.iterdir())
    if how == "cli":
        code, out, err = run("summary", str(plan_path), "--scenario", first)
        assert code == 2 and out == "" and "Traceback" not in err
        message = err
    else:
        with pytest.raises(RefusedFile) as info:
            PlanFile.open(plan_path, readonly=how == "read")
        message = info.value.message
    assert expected in message
    assert len(message) < 600  # a short excerpt of the bad value, never the value itself
    assert sha(plan_path) == before
    assert sorted(p.name for p in plan_path.parent.iterdir()) == files  # no lock, no journal, no copy
    assert not lock_path(plan_path).exists()


def _apply_ignoring_checks(path: Path, damage: Callable[[Path], None]) -> None:
    # The damage functions open their own connection; SQLite's CHECKs apply per connection, so patch connect.
    real = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real(*args, **kwargs)  # type: ignore[call-overload]
        conn.execute("PRAGMA ignore_check_constraints = ON")
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]
    try:
        damage(path)
    finally:
        sqlite3.connect = real  # type: ignore[assignment]


def test_a_refused_value_names_table_row_and_field(plan_path: Path) -> None:
    room = _first_room(plan_path)
    edit_by_hand(plan_path, f"UPDATE room SET net_m2 = 'abc' WHERE id = {room}")
    with pytest.raises(RefusedFile) as info:
        read_plan(plan_path)
    assert f"tabel «room» (rum), række {room}, felt «net_m2»: skal være et tal (fandt «abc»)" in info.value.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_plan_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.sundhedshus"
    os.mkfifo(fifo)
    with time_limit(5), pytest.raises(RefusedFile, match="FIFO"):
        read_plan(fifo)
    with time_limit(5):
        code, _, err = run("summary", str(fifo))
    assert code == 2 and "FIFO" in err


def test_a_journal_that_is_a_symlink_is_refused(plan_path: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "noget"
    elsewhere.write_bytes(b"x" * 512)
    journal = plan_path.with_name(plan_path.name + "-journal")
    journal.symlink_to(elsewhere)
    before = sha(plan_path)
    with pytest.raises(RefusedFile, match="symlink"):
        PlanFile.open(plan_path)
    assert sha(plan_path) == before and not lock_path(plan_path).exists() and journal.is_symlink()


def test_a_journal_of_another_plan_is_never_applied(tmp_path: Path) -> None:
    """Another plan's hot journal left beside this one: refused (page size differs) or, where it could be
    ours, rolled back only on a copy whose result is checked before anything is written."""
    plan = tmp_path / "plan.sundhedshus"
    create_plan_file(plan, rich_plan()).close()
    journal = plan.with_name(plan.name + "-journal")
    header = bytes.fromhex("d9d505f920a163d7") + (1).to_bytes(4, "big") + os.urandom(4) + \
        (3).to_bytes(4, "big") + (512).to_bytes(4, "big") + (1024).to_bytes(4, "big")  # fmt: skip
    journal.write_bytes(header + b"\0" * (512 - len(header)) + os.urandom(1028 + 8))
    before = sha(plan)
    for readonly in (True, False):
        with pytest.raises(RefusedFile, match="hører til denne plan"):
            PlanFile.open(plan, readonly=readonly)
    assert sha(plan) == before and journal.exists() and not lock_path(plan).exists()


def test_a_wal_mode_file_is_refused_without_making_shm(plan_path: Path) -> None:
    edit_by_hand(plan_path, "PRAGMA journal_mode = WAL")
    files = sorted(p.name for p in plan_path.parent.iterdir())
    before = sha(plan_path)
    with pytest.raises(RefusedFile, match="WAL"):
        read_plan(plan_path)
    assert sha(plan_path) == before and sorted(p.name for p in plan_path.parent.iterdir()) == files
