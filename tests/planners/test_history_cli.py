"""`sundhedshus diff` and `sundhedshus merge` on real plan files, tried as two people would (issue 18.3, 18.4):
the partnership and the municipality each edit a copy of the example (a tenant, the building, and one field
both change), and one merges the other's copy."""

from __future__ import annotations

import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from planners.cli import main
from planners.store.operations import SetPlanFields, SetScenarioFields, UpdateLine
from planners.store.planfile import PlanFile, read_plan


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out, err=io.StringIO())
    return code, out.getvalue()


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """The example, copied to the partnership and the municipality, each copy edited."""
    original = tmp_path / "plan.sundhedshus"
    assert run("new", "--template", "example", "-o", str(original))[0] == 0
    ours, theirs = tmp_path / "praksis.sundhedshus", tmp_path / "kommune.sundhedshus"
    shutil.copy(original, ours)
    shutil.copy(original, theirs)
    with PlanFile.open(ours) as f:  # the partnership: the GPs' clinicians and the title
        s = f.load().scenarios[0]
        gp = s.tenants[0]
        f.apply(UpdateLine("tenant", gp.row_id, {"clinicians": gp.clinicians + 1}))  # type: ignore[arg-type]
        f.apply(SetPlanFields({"title": "Sundhedshus Ølgod (praksis)"}))
    with PlanFile.open(theirs) as f:  # the municipality: the building and the same title
        s = f.load().scenarios[0]
        f.apply(SetScenarioFields(s.row_id, {"gross_factor": Decimal("1.5")}))  # type: ignore[arg-type]
        f.apply(SetPlanFields({"title": "Sundhedshus Ølgod (kommunen)"}))
    return ours, theirs


def test_diff_of_a_plan_with_itself_is_empty_and_exits_0(copies: tuple[Path, Path]) -> None:
    code, out = run("diff", str(copies[0]), str(copies[0]))
    assert (code, out) == (0, "Ingen forskelle.\n")


def test_diff_names_each_change_in_danish_with_old_and_new_values(copies: tuple[Path, Path]) -> None:
    ours, theirs = copies
    code, out = run("diff", str(ours), str(theirs))
    assert code == 1
    assert "  Planen: titel Sundhedshus Ølgod (praksis) → Sundhedshus Ølgod (kommunen)\n" in out
    assert "  Scenarie «Ombygning»: bruttofaktor 1,4 → 1,5\n" in out  # the example's gross factor is 1,4
    assert (
        "  Scenarie «Ombygning»: ændret lejer «Lægerne i Ølgod»: behandlere 5 → 4\n" in out
    )  # ours had 4, +1
    assert "Virkning på nøgletallene:" in out and "bruttoareal" in out
    code, out = run("diff", str(ours), str(theirs), "--json")
    data = json.loads(out)
    assert data["paired_by"] == "row_id"  # copies of one plan
    gross = next(c for c in data["changes"] if c["part"] == "scenario")["fields"][0]
    assert (gross["field"], gross["old"], gross["new"]) == ("gross_factor", 1.4, 1.5)


def test_merge_stops_at_the_one_conflict_and_writes_nothing(
    copies: tuple[Path, Path], tmp_path: Path
) -> None:
    out_path = tmp_path / "flettet.sundhedshus"
    code, out = run("merge", str(copies[0]), str(copies[1]), "-o", str(out_path))
    assert code == 1 and not out_path.exists()
    assert out.splitlines() == [
        "Planen, titel: før Læge- og sundhedshus i Ølgod; min kopi Sundhedshus Ølgod (praksis); "
        "deres kopi Sundhedshus Ølgod (kommunen)"
    ]


def test_merge_taking_theirs_applies_both_copies_changes(copies: tuple[Path, Path], tmp_path: Path) -> None:
    ours, theirs = copies
    out_path = tmp_path / "flettet.sundhedshus"
    code, out = run("merge", str(ours), str(theirs), "-o", str(out_path), "--take", "theirs")
    assert code == 0, out
    merged, mine, other = read_plan(out_path), read_plan(ours), read_plan(theirs)
    with PlanFile.open(out_path, readonly=True) as f:
        assert [e.text for e in f.history()] == ["Planen er oprettet",
                                                 "flettet: «praksis.sundhedshus» med «kommune.sundhedshus»"]  # fmt: skip
    assert merged.title == "Sundhedshus Ølgod (kommunen)"
    assert merged.scenarios[0].gross_factor == Decimal("1.5")  # theirs
    assert merged.scenarios[0].tenants[0].clinicians == mine.scenarios[0].tenants[0].clinicians  # mine
    assert merged.scenarios[0].tenants[0].clinicians == other.scenarios[0].tenants[0].clinicians + 1
    # nothing else moved: the merged plan differs from mine by exactly theirs (title and gross factor)
    code, out = run("diff", str(ours), str(out_path))
    changes = out.split("Virkning på nøgletallene:")[0].splitlines()[1:]
    assert changes == [
        "  Planen: titel Sundhedshus Ølgod (praksis) → Sundhedshus Ølgod (kommunen)",
        "  Scenarie «Ombygning»: bruttofaktor 1,4 → 1,5",
    ]


def test_plans_without_common_history_are_compared_never_merged(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sundhedshus", tmp_path / "b.sundhedshus"
    assert run("new", "--template", "example", "-o", str(a))[0] == 0
    assert run("new", "--template", "example", "-o", str(b))[0] == 0  # same content, separate origins
    out_path = tmp_path / "flettet.sundhedshus"
    code, out = run("merge", str(a), str(b), "-o", str(out_path))
    assert code == 1 and not out_path.exists()
    assert out == "Ingen forskelle.\n"
    code, out = run("diff", str(a), str(b), "--json")
    assert code == 0 and json.loads(out)["paired_by"] == "content"


def test_a_saved_version_is_listed_and_compared_with_now(tmp_path: Path) -> None:
    path = tmp_path / "plan.sundhedshus"
    assert run("new", "--template", "example", "-o", str(path))[0] == 0
    assert run("save-version", str(path), "Sendt til ministeriet 20-03-2019") == (
        0, "Version «Sendt til ministeriet 20-03-2019» gemt\n")
    with PlanFile.open(path) as f:
        f.apply(SetPlanFields({"title": "Revideret"}))
    code, out = run("versions", str(path))
    assert code == 0 and out.split("\t")[0] == "Sendt til ministeriet 20-03-2019"
    code, out = run("diff", str(path), "--version", "Sendt til ministeriet 20-03-2019")
    assert code == 1
    assert out.startswith("Ændringer:\n  Planen: titel Læge- og sundhedshus i Ølgod → Revideret\n")
    code, _ = run("diff", str(path))  # neither B nor a version: a usage error
    assert code == 2
