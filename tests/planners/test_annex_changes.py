"""The annex sheet "Ændringer siden version" (issue 18.3): exactly what changed since a named version, with the
old and the new value, the effect on the key figures and each tenant's rent; `export --changes-since`."""

from __future__ import annotations

import io
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from planners.cli import main
from planners.exports.annex.changes import CHANGES
from planners.interchange.plan_json import load_json
from planners.reference import example_path
from planners.store.operations import UpdateLine
from planners.store.planfile import PlanFile, create_plan_file

VERSION = "Sendt til ministeriet 20-03-2019"


def _edited_example(tmp_path: Path) -> tuple[Path, int]:
    """The example saved as a version, then one room's area per room 16 → 19,5 m² and a tenant's clinicians
    4 → 5; the room line's count (an input) for the hand-computed net area."""
    path = tmp_path / "plan.sundhedshus"
    with create_plan_file(path, load_json(example_path())) as f:
        f.save_version(VERSION)
        s = f.load().scenarios[0]
        room = next(r for r in s.rooms if r.net_m2 == D(16))
        f.apply(UpdateLine("room", room.row_id, {"net_m2": D("19.5")}), "ændr areal")  # type: ignore[arg-type]
        f.apply(UpdateLine("tenant", s.tenants[0].row_id, {"clinicians": s.tenants[0].clinicians + 1}),  # type: ignore[arg-type]
                "ændr behandlere")  # fmt: skip
        return path, room.count


def _rows(ws: Worksheet) -> list[tuple[object, ...]]:
    return [r for r in ws.iter_rows(values_only=True) if any(v not in (None, "") for v in r)]


def test_export_changes_since_lists_exactly_what_changed(tmp_path: Path) -> None:
    path, count = _edited_example(tmp_path)
    target = tmp_path / "bilag.xlsx"
    out = io.StringIO()
    assert main(["export", str(path), "--xlsx", str(target), "--changes-since", VERSION], out=out) == 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[-1] == CHANGES
    ws = wb[CHANGES]
    rows = _rows(ws)
    assert rows[0][0] == f"Ændringer siden version «{VERSION}»"
    changes = [r for r in rows if isinstance(r[0], int)]
    assert [(r[1], r[4], r[5], r[6]) for r in changes] == [
        ("Ændret", "behandlere", "4", "5"),
        ("Ændret", "nettoareal pr. rum", "16", "19,5"),
    ]
    net = next(r for r in rows if r[3] == "Nettoareal")
    assert D(str(net[7])) == D("3.5") * count  # the net area grows by 3,5 m² a room
    # The cover lists the sheet among the annex's sheets.
    cover = [r for r in _rows(wb["Forside"]) if r[0] == CHANGES]
    assert cover and "ændret siden en gemt version" in str(cover[0][1])
    # Printable: landscape at 85 % or more, no font below 9,5 pt (≥ 8 pt printed).
    assert ws.page_setup.scale >= 85
    sizes = {c.font.sz for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    assert min(sizes) >= D("9.5")


def test_no_changes_says_so(tmp_path: Path) -> None:
    path = tmp_path / "plan.sundhedshus"
    with create_plan_file(path, load_json(example_path())) as f:
        f.save_version(VERSION)
    target = tmp_path / "bilag.xlsx"
    assert main(["export", str(path), "--xlsx", str(target), "--changes-since", VERSION], out=io.StringIO()) == 0
    texts = [v for r in _rows(openpyxl.load_workbook(target)[CHANGES]) for v in r if isinstance(v, str)]
    assert "Ingen ændringer siden versionen." in texts
    assert "Ingen nøgletal er ændret." in texts


def test_an_unknown_version_is_refused_and_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _count = _edited_example(tmp_path)
    target = tmp_path / "bilag.xlsx"
    assert main(["export", str(path), "--xlsx", str(target), "--changes-since", "findes ikke"],
                out=io.StringIO()) == 2  # fmt: skip
    assert not target.exists()
    assert VERSION in capsys.readouterr().err  # the versions the plan has are named


def test_without_the_flag_the_annex_has_no_changes_sheet(tmp_path: Path) -> None:
    path, _count = _edited_example(tmp_path)
    target = tmp_path / "bilag.xlsx"
    assert main(["export", str(path), "--xlsx", str(target)], out=io.StringIO()) == 0
    assert CHANGES not in openpyxl.load_workbook(target).sheetnames
    with PlanFile.open(path, readonly=True) as f:
        assert [v.name for v in f.versions()] == [VERSION]
