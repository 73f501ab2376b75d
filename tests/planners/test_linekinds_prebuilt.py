"""The row readers of `planners.model.linekinds` compiled ahead (`linekinds_prebuilt`, issue 19): the committed module
is the generator's output, each reader is the code `compile` makes of the same text, and reading a plan file of
this version compiles nothing — with the same lines as the readers compiled at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from planners.model import linekinds, linekinds_prebuilt
from planners.model.linekinds_gen import TARGET, module_source, reader_source
from planners.store import schema
from planners.store.planfile import create_plan_file
from planners.store.reading import _connect
from tests.planners.plans import rich_plan


def test_the_committed_module_is_the_generators_output() -> None:
    assert TARGET.read_text(encoding="utf-8") == module_source(), "run python -m planners.model.linekinds_gen"


@pytest.mark.parametrize("kind", list(linekinds.LINES))
def test_each_reader_is_the_code_compile_makes_of_its_text(kind: linekinds.LineKind,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    info = linekinds.LINES[kind]
    source = reader_source(info)
    assert source in linekinds_prebuilt.BUILDERS
    ahead = linekinds._builder_code(source, f"<lines of {info.cls.__name__}>")
    monkeypatch.setattr(linekinds_prebuilt, "BUILDERS", {})
    compiled = linekinds._builder_code(source, f"<lines of {info.cls.__name__}>")  # by `compile`, as before
    assert ahead == compiled
    assert ahead.co_flags == compiled.co_flags
    assert (ahead.co_name, ahead.co_qualname, ahead.co_filename, ahead.co_firstlineno) == \
        (compiled.co_name, compiled.co_qualname, compiled.co_filename, compiled.co_firstlineno)


def _lines(path: Path) -> list[object]:
    linekinds._BUILDERS.clear()  # readers are made once per process: make them again
    conn = _connect(path, "ro")
    try:
        plan = schema.read_plan_head(conn)
        schema.read_lines_of(conn, plan.scenarios)
        return [plan.scenarios]
    finally:
        conn.close()


def test_reading_a_plan_compiles_nothing_and_reads_the_same_lines(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    compiled: list[str] = []
    real_compile = compile

    def counting(source: str, filename: str, mode: str) -> object:
        compiled.append(filename)
        return real_compile(source, filename, mode)

    monkeypatch.setattr(linekinds, "compile", counting, raising=False)
    ahead = _lines(path)
    assert compiled == []
    monkeypatch.setattr(linekinds_prebuilt, "BUILDERS", {})  # every reader compiled at run time, as before
    at_run_time = _lines(path)
    assert len(compiled) == len(linekinds.LINES)
    assert ahead == at_run_time
    linekinds._BUILDERS.clear()
