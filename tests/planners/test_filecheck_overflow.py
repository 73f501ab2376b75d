"""A decimal column holding a number beyond what a decimal context holds ("751E795410927", as hypothesis found in
tests/planners/test_filecheck_rules.py) is refused in words, like any number out of range: `abs()` of it raised
decimal.Overflow out of the value check, so the open crashed instead of refusing the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planners.model.errors import RefusedFile
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan


@pytest.mark.parametrize("value", ["751E795410927", "-751E795410927", "1E1000000"])
def test_a_number_beyond_any_context_is_refused_not_raised(tmp_path: Path, value: str) -> None:
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE running_rate SET per_gross_m2 = ? WHERE rowid = (SELECT min(rowid) FROM running_rate)",
                     (value,))  # fmt: skip
    finally:
        conn.close()
    with pytest.raises(RefusedFile) as refused:
        PlanFile.open(path, readonly=True).close()
    assert "felt «per_gross_m2»: tallet er uden for hvad en plan kan rumme" in str(refused.value)
    assert f"(fandt «{value}»)" in str(refused.value)
