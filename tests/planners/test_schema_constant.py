"""Issue 19 (second round): the open compares a file's schema against `planners.store.schema_constant`, kept as text
instead of an in-memory database built from `schema.DDL` in every process. It must be exactly what a new file gets."""

from __future__ import annotations

from pathlib import Path

from planners.store import filecheck, schema, schema_constant
from planners.store.planfile import create_plan_file


def test_the_constant_is_what_schema_py_makes() -> None:
    """Fails when schema.py (or SCHEMA_VERSION) changes and the constant does not; regenerate it with
    `python -c "from planners.store import filecheck; filecheck.write_schema_constant()"`."""
    assert Path(schema_constant.__file__).read_text(encoding="utf-8") == filecheck.schema_constant_text()
    assert schema_constant.SCHEMA_VERSION == schema.SCHEMA_VERSION


def test_the_kept_schema_equals_the_built_one() -> None:
    kept, built = filecheck._new_plan_schema(), filecheck.built_plan_schema()
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
        assert filecheck._master(conn) == schema_constant.MASTER
        filecheck.check_schema(conn)
        assert filecheck.schema_of(conn) == filecheck.expected_schema()
    finally:
        conn.close()
