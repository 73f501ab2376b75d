"""Issue 19 (second round): an editing open checks the file's pages (`quick_check`) once, on the read-only
connection, when neither the file nor a journal beside it changed before the editing connection's first read; if
anything changed in between, the editing connection checks them again, as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planners.store import planfile
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = planfile._quick_check

    def counted(conn: sqlite3.Connection) -> list[str]:
        calls.append(1)
        return real(conn)

    monkeypatch.setattr(planfile, "_quick_check", counted)
    return calls


def test_an_unchanged_file_is_page_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    calls = _counting(monkeypatch)
    PlanFile.open(path).close()
    assert len(calls) == 1
    PlanFile.open(path, readonly=True).close()
    assert len(calls) == 2


def test_a_file_changed_after_the_check_is_page_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    calls = _counting(monkeypatch)
    states = iter(range(100))
    monkeypatch.setattr(planfile, "_file_state", lambda p: (next(states),))  # every look finds it changed
    PlanFile.open(path).close()
    assert len(calls) == 2


def test_the_state_holds_the_change_counter(tmp_path: Path) -> None:
    """A commit that kept the size and landed within the file system's time granularity still shows: the header's
    change counter is part of the state."""
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    before = planfile._file_state(path)
    data = bytearray(path.read_bytes())
    data[24:28] = (int.from_bytes(data[24:28], "big") + 1).to_bytes(4, "big")
    import os

    st = os.stat(path)
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and time, as a fast write could leave them
    assert planfile._file_state(path) != before
