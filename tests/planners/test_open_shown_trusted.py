"""Issue 19 (s18-summary): a reading command's open trusts SQLite's proof of the scenario it shows, as it trusts it for
every other scenario (`filecheck.doubted_scenarios`): Python validates the shown scenario only where SQLite doubts it.
Whatever SQLite doubts is still validated in Python, and any problem is refused in the words of the whole plan's
check, whichever scenario holds it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from planners.model import Scenario, scenario_validation
from planners.model.errors import RefusedFile
from planners.store.reading import read_plan_scenario
from tests.planners.plans import rich_plan_file
from tests.planners.test_filecheck_rules import _old_open  # the whole-plan verdict, as before issue 19.4


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return rich_plan_file(tmp_path / "base.sundhedshus")


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the scenarios `scenario_validation.validate_scenario` is called for."""
    names: list[str] = []
    real = scenario_validation.validate_scenario

    def spy(scenario: Scenario, *args: Any, **kwargs: Any) -> Any:
        names.append(scenario.name)
        return real(scenario, *args, **kwargs)

    monkeypatch.setattr(scenario_validation, "validate_scenario", spy)
    return names


def _edit(path: Path, sql: str, params: tuple[object, ...] = ()) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(sql, params)
    finally:
        conn.close()


def _summary_verdict(path: Path, name: str | None = None) -> str | None:
    try:
        read_plan_scenario(path, name)
    except RefusedFile as exc:
        return str(exc)
    return None


def test_a_proved_shown_scenario_is_not_validated_again(base: Path, validated: list[str]) -> None:
    plan, names = read_plan_scenario(base, None)
    assert len(names) == 2 and [s.name for s in plan.scenarios] == ["Nybyg – 5 praksisser"]
    assert plan.scenarios[0].rooms  # its lines are read for the caller
    assert validated == []


def test_a_doubted_shown_scenario_is_validated_and_accepted(base: Path, validated: list[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A tenant name starting with a letter SQLite's test does not know (U+0100) is doubted, and valid. Since
    s19-summary a one-scenario read does not read the other scenarios' lines: Python validates the plan as read, every
    scenario's own fields and the shown one's lines (the other scenario has none here), and accepts it."""
    tenants: dict[str, int] = {}
    real = scenario_validation.validate_scenario

    def count(scenario: Scenario, *args: Any, **kwargs: Any) -> Any:
        tenants[scenario.name] = len(scenario.tenants)
        return real(scenario, *args, **kwargs)

    monkeypatch.setattr(scenario_validation, "validate_scenario", count)
    _edit(base, "UPDATE tenant SET name = 'Ālæge' WHERE rowid = (SELECT min(t.rowid) FROM tenant t JOIN scenario s "
                "ON s.id = t.scenario_id WHERE s.name = 'Nybyg – 5 praksisser')")
    plan, _ = read_plan_scenario(base, None)
    assert tenants == {"Ombygning 🏥": 0, "Nybyg – 5 praksisser": len(plan.scenarios[0].tenants)}
    assert any(t.name == "Ālæge" for t in plan.scenarios[0].tenants)


@pytest.mark.parametrize(("sql", "words", "table"), [
    ("UPDATE room SET net_m2 = '0' WHERE rowid = (SELECT max(rowid) FROM room)", "net_m2", "room"),
    ("UPDATE equipment SET lifetime_years = '101' WHERE rowid = (SELECT max(rowid) FROM equipment)", "lifetime_years",
     "equipment"),
    ("UPDATE tenant SET weekly_hours = '168.5' WHERE rowid = (SELECT max(rowid) FROM tenant)", "weekly_hours",
     "tenant"),
    ("UPDATE financing SET interest_pct = '100.0000001' WHERE rowid = (SELECT max(rowid) FROM financing)",
     "interest_pct", "financing"),
    ("UPDATE scenario SET gross_factor = '10.5' WHERE name = 'Nybyg – 5 praksisser'", "gross_factor", None),
    ("UPDATE cost_line SET m2 = '10' WHERE rowid = (SELECT max(rowid) FROM cost_line WHERE per_m2 IS NULL)", "m2",
     "cost_line"),
])  # fmt: skip
def test_damage_in_the_shown_scenario_is_refused_in_the_whole_plans_words(base: Path, tmp_path: Path, sql: str,
                                                                         words: str, table: str | None) -> None:  # fmt: skip
    """For each scenario shown: where the damaged row is the shown scenario's line (or the scenario's own field, read
    for every scenario), the same refusal as the whole plan's check; where it is another scenario's line (s19-summary:
    not read), accepted with the figures of the undamaged file. The file untouched."""
    undamaged = tmp_path / "undamaged.sundhedshus"
    shutil.copyfile(base, undamaged)
    _edit(base, sql)
    before = base.read_bytes()
    expected = _old_open(base)
    assert expected is not None and words in expected
    conn = sqlite3.connect(base)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM scenario ORDER BY position, id")]
        applied = conn.execute("SELECT applied_scenario FROM plan").fetchone()[0]
        holder = None if table is None else conn.execute(
            f"SELECT s.name FROM {table} t JOIN scenario s ON s.id = t.scenario_id WHERE t.rowid = "
            f"(SELECT max(rowid) FROM {table})").fetchone()[0]  # fmt: skip
    finally:
        conn.close()
    assert "Nybyg – 5 praksisser" in names and len(names) == 2
    refused = 0
    for name in (None, *names):
        copy = tmp_path / "copy.sundhedshus"
        shutil.copyfile(base, copy)
        shown = name if name is not None else (applied or names[0])
        if holder is None or shown == holder:
            assert _summary_verdict(copy, name) == expected
            refused += 1
        else:
            plan, _ = read_plan_scenario(copy, name)
            whole, _ = read_plan_scenario(undamaged, name)
            assert plan.scenarios == whole.scenarios and plan.scenarios[0].name == shown
    assert refused >= 2  # the holder named, and the holder or every name shown
    assert base.read_bytes() == before
