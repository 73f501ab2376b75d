"""Fuzzing in CI (issue 20.7): seeded damaged plan files and mutated JSON plans, a time limit per case.

Every case must end refused (a Danish message, nothing written, no lock) or accepted (valid, and for JSON
round-tripping exactly): no traceback, no hang, no changed file. The seeds are fixed, so a failure names a
seed that reproduces it: `damage_plan(seed, folder, source)` / `mutate_json(seed, doc)` in tests/fuzzing.py.
`bench/fuzz_plans.py` and `bench/fuzz_json.py` run thousands more on demand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planners.interchange.plan_json import load_json, parse_json_text
from planners.reference import template_path
from planners.store.planfile import create_plan_file
from tests.fuzzing import fuzz_json, fuzz_plans, run_open_case

LIMIT = 10.0  # seconds per case; the "hang" is anything longer


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "source.sundhedshus"
    create_plan_file(path, load_json(template_path("remote"))).close()
    return path


def _report(tally) -> str:  # noqa: ANN001
    lines = [tally.line()]
    for outcome, examples in tally.examples.items():
        lines += [f"{outcome}: {e[:500]}" for e in examples[:5]]
    return "\n".join(lines)


def test_damaged_plans_through_the_cli(source: Path, tmp_path: Path) -> None:
    tally = fuzz_plans(range(0, 200), tmp_path, source, LIMIT)
    assert tally.bugs == 0, _report(tally)
    assert tally.outcomes["refused"] > 100 and tally.outcomes["accepted"] > 10  # the generator does damage


def test_damaged_plans_opened_for_editing_and_reading(source: Path, tmp_path: Path) -> None:
    """As the GUI opens a plan: for editing (lock, journal recovery) and read-only."""
    editing = fuzz_plans(range(1000, 1100), tmp_path / "e", source, LIMIT,
                         runner=lambda p: run_open_case(p, LIMIT, readonly=False))  # fmt: skip
    assert editing.bugs == 0, _report(editing)
    reading = fuzz_plans(range(1000, 1100), tmp_path / "r", source, LIMIT,
                         runner=lambda p: run_open_case(p, LIMIT, readonly=True))  # fmt: skip
    assert reading.bugs == 0, _report(reading)


def test_mutated_json_plans() -> None:
    doc = parse_json_text(template_path("remote").read_text(encoding="utf-8"))
    tally = fuzz_json(range(0, 200), doc, LIMIT)
    assert tally.bugs == 0, _report(tally)
    assert tally.outcomes["refused"] > 100 and tally.outcomes["accepted"] > 5
