"""s19-sum2 (issue 19.4 with 20.2, "judge what is read"): a one-scenario read (`summary`, `check` without --all) neither
reads nor judges the origin's snapshot (the whole plan as JSON, read only by a merge), so damage there alone leaves its
output as the undamaged file's; every reader of the whole file (`check --all`, `export-json`, the GUI's open, an
editing open) still refuses it in today's words, and nothing is written."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from planners.cli import main
from planners.model.errors import RefusedFile
from planners.store import filecheck
from planners.store.planfile import PlanFile, read_plan, read_plan_scenario
from tests.planners.plans import rich_plan_file

SHOWN = "Nybyg – 5 praksisser"  # the rich plan's scenario applied for

# Damage of the origin's snapshot as another SQLite tool could write it: (SQL, a word of today's refusal).
DAMAGE: dict[str, tuple[str, str]] = {
    "NUL": ("UPDATE origin SET snapshot = 'a' || char(0) || 'b'", "snapshot"),
    "blob": ("UPDATE origin SET snapshot = x'00ff'", "binære data"),
    "invalid UTF-8": ("UPDATE origin SET snapshot = CAST(x'7bff7d' AS TEXT)", "snapshot"),
}


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
def test_a_damaged_origin_snapshot_is_not_read_by_one_scenario(rich: Path, tmp_path: Path, kind: str) -> None:
    sql, word = DAMAGE[kind]
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
