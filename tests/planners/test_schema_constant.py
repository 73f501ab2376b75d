"""Issue 19 (second round): the open compares a file's schema against `planners.store.schema_constant`, kept as text
instead of an in-memory database built from `schema.DDL` in every process. It must be exactly what a new file gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from planners.store import checksql, filecheck, schema, schema_constant, schema_gen
from planners.store.planfile import create_plan_file


def test_the_constant_is_what_schema_py_makes() -> None:
    """Fails when schema.py (or SCHEMA_VERSION) changes and the constant does not; regenerate it with
    `python -m planners.store.schema_gen`."""
    assert Path(schema_constant.__file__).read_text(encoding="utf-8") == schema_gen.schema_constant_text()
    assert schema_constant.SCHEMA_VERSION == schema.SCHEMA_VERSION


def test_the_kept_schema_equals_the_built_one() -> None:
    kept, built = filecheck._new_plan_schema(), schema_gen.built_plan_schema()
    assert kept == built
    assert kept[0].columns["room"] == built[0].columns["room"]  # dicts compared by content, not identity


def test_a_new_file_matches_the_constant_in_one_statement(tmp_path: Path) -> None:
    """A new plan file's `sqlite_master` is the constant's text exactly (the open's one-statement comparison)."""
    import sqlite3

    from tests.planners.plans import rich_plan

    path = tmp_path / "ny.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert filecheck.master_rows(conn) == schema_constant.MASTER
        filecheck.check_schema(conn)
        assert filecheck.schema_of(conn) == filecheck.expected_schema()
    finally:
        conn.close()


# --- the statements of a one-scenario read, generated ahead (s20-sql2) ---------------------------------------------


def _clear_statement_caches() -> None:
    checksql.shown_extras.cache_clear()
    checksql.own_rules_sql.cache_clear()
    checksql.rule_queries.cache_clear()


@pytest.mark.parametrize(("module", "limit"), [
    ("value_rules", "MAX_AREA_M2"),  # a room's area: the rooms' rules
    ("value_rules", "MAX_FACTOR"),  # a scenario's gross factor: the own tables' rules
    ("value_rules", "MAX_YEAR"),  # a cost spread's year: a child's rules
    ("readiness", "MAX_SOURCE"),  # a cost line's source: a readiness bound
])  # fmt: skip
def test_a_changed_limit_of_the_model_makes_the_kept_statements_stale(monkeypatch: pytest.MonkeyPatch, module: str,
                                                                     limit: str) -> None:  # fmt: skip
    """The statements kept in the constant are made from `planners.model`'s limits: with one changed, the text the
    constant must hold differs from the file (so `test_the_constant_is_what_schema_py_makes` fails until the constant
    is generated again), and differs in the statements only."""
    import importlib

    kept = Path(schema_constant.__file__).read_text(encoding="utf-8")
    owner = importlib.import_module(f"planners.model.{module}")
    monkeypatch.setattr(owner, limit, getattr(owner, limit) + 1)
    _clear_statement_caches()
    try:
        changed = schema_gen.schema_constant_text()
    finally:
        monkeypatch.undo()
        _clear_statement_caches()
    assert changed != kept
    head = kept.split("SHOWN_SQL")[0]
    assert changed.split("SHOWN_SQL")[0] == head  # the schema, its triggers and keys are not the model's


def test_a_one_scenario_read_builds_no_statement_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`summary`'s read of a plan takes every judging statement from the constant: none is built at run time."""
    from planners.store.reading import read_plan_scenario
    from tests.planners.plans import rich_plan_file

    path = rich_plan_file(tmp_path / "rig.sundhedshus")
    expected = read_plan_scenario(path, None)

    def built(*args: object, **kwargs: object) -> object:
        raise AssertionError("a statement built at run time")

    for name in ("clean_sql", "shown_reference_parts", "own_rules_sql", "_rule_queries", "shown_extras"):
        monkeypatch.setattr(checksql, name, built)
    assert read_plan_scenario(path, None) == expected


def test_without_the_kept_statements_the_same_statements_are_built(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A statement not in the constant is built at run time: the same statements, text for text, the same plan."""
    import sqlite3

    from planners.store.reading import read_plan_scenario
    from tests.planners.plans import rich_plan_file

    path = rich_plan_file(tmp_path / "rig.sundhedshus")
    real = sqlite3.connect

    def run() -> tuple[object, list[str]]:
        said: list[str] = []

        def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
            conn = real(*args, **kwargs)  # type: ignore[arg-type]
            conn.set_trace_callback(said.append)
            return conn

        with monkeypatch.context() as m:
            m.setattr(sqlite3, "connect", connect)
            return read_plan_scenario(path, None), said

    kept = run()
    monkeypatch.setattr(schema_constant, "SHOWN_SQL", {})
    built = run()
    assert built == kept
    assert any("INDEXED BY room_by_scenario" in s for s in kept[1])
