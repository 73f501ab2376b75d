"""A plan larger than a field's text limit opens: its origin snapshot and a version's snapshot (the app's own JSON of
the whole plan) are bounded by SQLite's value size, not by the 100.000 characters of a user's text. Before, a
plan of 10 scenarios × 600 rooms (≈ 270.000 characters of snapshot) was refused as damaged right after it was
written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planners.model.errors import RefusedFile
from planners.store import filerules
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan


def test_a_snapshot_longer_than_a_text_field_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    conn = sqlite3.connect(path)
    (length,) = conn.execute("SELECT length(snapshot) FROM origin").fetchone()
    conn.close()
    # The same plan as if it were large: the limit of a user's text far below its snapshot.
    monkeypatch.setattr(filerules, "MAX_TEXT", length // 4)
    plan_file = PlanFile.open(path)
    plan_file.save_version("v1")  # a version keeps a snapshot of the same length
    plan_file.close()
    PlanFile.open(path).close()


def test_a_user_text_over_the_limit_is_still_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    monkeypatch.setattr(filerules, "MAX_TEXT", 50)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE tenant SET name = ?", ("x" * 51,))
    conn.close()
    with pytest.raises(RefusedFile, match="for lang"):
        PlanFile.open(path)


def test_a_snapshot_over_its_own_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    monkeypatch.setattr(filerules, "MAX_SNAPSHOT", 100)
    with pytest.raises(RefusedFile, match="for lang"):
        PlanFile.open(path)


def test_the_first_load_is_the_plan_checked_at_open_and_equal_to_a_fresh_read(tmp_path: Path) -> None:
    from planners.store.operations import SetPlanFields
    from planners.store.planfile import read_plan

    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    plan_file = PlanFile.open(path)
    try:
        first = plan_file.load()
        second = plan_file.load()  # read again: the caller may change the first in place
        assert first == second and first is not second
        assert first == read_plan(path)
        plan_file.apply(SetPlanFields({"title": "Ny titel"}))
        assert plan_file.load().title == "Ny titel"
    finally:
        plan_file.close()
    # Opened and edited before the first load: the load reads the file, not what was checked.
    plan_file = PlanFile.open(path)
    try:
        plan_file.apply(SetPlanFields({"title": "Anden titel"}))
        assert plan_file.load().title == "Anden titel"
    finally:
        plan_file.close()
