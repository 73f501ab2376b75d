"""History in the plan file (issue 18.1, 18.5): every edit is an entry (when, who, the undo step's words, the
operation and its inverse) written with the edit; an older file starts its history at "opened in version X";
restoring to a point is one new edit that undo takes back; the operations survive the JSON codec exactly."""

from __future__ import annotations

import random
import shutil
from decimal import Decimal as D
from pathlib import Path

from planners import __version__
from planners.model import Allocation, AllocationKey, CostCategory, CostLine, RoomLine, RoomType
from planners.model.errors import PlanError
from planners.model.timeline import LoanTerms, Phase, Repayment, TenantTerms, TimeLine
from planners.store import history
from planners.store.operations import (
    AddLine,
    AddScenario,
    Batch,
    DeleteLines,
    MoveLine,
    SetPlanFields,
    SetTimeLine,
    UpdateLine,
)
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan, rich_scenario

FIXTURE_V1 = Path(__file__).resolve().parents[1] / "fixtures" / "plan-v1.sundhedshus"


def test_a_new_file_starts_its_history_and_each_edit_is_one_entry(tmp_path: Path) -> None:
    with create_plan_file(tmp_path / "p.sundhedshus", rich_plan()) as f:
        f.author = "Mette (kommunen)"
        room = f.load().scenarios[0].rooms[0]
        changes = f.apply(UpdateLine("room", room.row_id, {"net_m2": D(18)}), "ændr areal")  # type: ignore[arg-type]
        f.apply(changes.inverse, "fortryd: ændr areal")
        found = f.history()
    assert [(e.seq, e.text) for e in found] == [(1, "Planen er oprettet"), (2, "ændr areal"),
                                               (3, "fortryd: ændr areal")]  # fmt: skip
    assert [e.who for e in found[1:]] == ["Mette (kommunen)"] * 2
    assert found[1].forward == UpdateLine("room", room.row_id, {"net_m2": D(18)})  # type: ignore[arg-type]
    assert found[1].inverse == UpdateLine("room", room.row_id, {"net_m2": D(16)})  # type: ignore[arg-type]
    assert found[2].forward == found[1].inverse  # the undo is a new entry; nothing was deleted
    assert found[1].at <= found[2].at and found[1].at.endswith("+00:00")


def test_an_edit_without_words_is_named_by_its_kind_and_filters_work(tmp_path: Path) -> None:
    with create_plan_file(tmp_path / "p.sundhedshus", rich_plan()) as f:
        sid = f.load().scenarios[0].row_id
        f.author = "Lars"
        f.apply(AddLine(sid, "cost", CostLine(CostCategory.OTHER, "Kunst", amount=D(100))))  # type: ignore[arg-type]
        f.author = "Mette"
        f.apply(SetPlanFields({"title": "Ny"}))
        assert [e.text for e in f.history(who="Lars")] == ["tilføj post"]
        assert [e.text for e in f.history(who="Mette")] == ["ændr planens oplysninger"]
        assert f.history(since="2999-01-01") == []


def test_a_refused_edit_leaves_no_entry(tmp_path: Path) -> None:
    with create_plan_file(tmp_path / "p.sundhedshus", rich_plan()) as f:
        room = f.load().scenarios[0].rooms[0]
        before = history.count(f.conn)
        try:
            f.apply(UpdateLine("room", room.row_id, {"net_m2": D(-1)}), "ændr areal")  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - refused: that is the point
            pass
        assert history.count(f.conn) == before


def test_an_old_file_starts_its_history_at_opened_in_this_version(tmp_path: Path) -> None:
    path = tmp_path / "gammel.sundhedshus"
    shutil.copyfile(FIXTURE_V1, path)
    with PlanFile.open(path) as f:
        found = f.history()
        assert [e.text for e in found] == [
            f"Åbnet i version {__version__}; historikken begynder her"
        ]
        assert f.origin() is not None and f.origin().plan == f.load()  # type: ignore[union-attr]


def test_operations_survive_the_codec_exactly_row_ids_included() -> None:
    scenario = rich_scenario()
    scenario.row_id = 7
    scenario.rooms[2].row_id = 41
    timeline = TimeLine(2021, 20, D("2.5"), "DST", tenants=[TenantTerms("gp", 2022, None, D("1.5"), D(9000))],
                        loans=[LoanTerms(2, Repayment.SERIAL, 3, 2022)], phases=[Phase("Etape 1", 2022, [41])])
    ops = [
        AddLine(3, "room", RoomLine(RoomType.STAFF_ROOM, D("30.25"), 1, "Frokost 🍽",
                                    shared=Allocation(AllocationKey.CUSTOM, {"gp": D("60.5")})), 2, 99),
        AddLine(3, "cost", CostLine(CostCategory.CONSULTANCY, "R", percent=D(12), of=[CostCategory.CONSTRUCTION],
                                    spread={2018: D(50), 2019: D(50)})),
        AddScenario(scenario, None, True),
        Batch((DeleteLines("room", (4, 5)), MoveLine("room", 6, 0)), "flyt"),
        SetTimeLine(3, timeline),
        SetPlanFields({"title": "x", "years": [2018, 2019], "municipality": None}),
    ]  # fmt: skip
    for op in ops:
        back = history.decode(history.encode(op))
        assert back == op
    back_scenario = history.decode(history.encode(ops[2])).scenario
    assert back_scenario.row_id == 7 and back_scenario.rooms[2].row_id == 41  # compare=False: checked apart


def _random_edit(rnd: random.Random, f: PlanFile, n: int) -> None:
    s = f.load().scenarios[0]
    rooms = s.rooms
    choice = rnd.random()
    if choice < 0.3 or len(rooms) < 3:
        line = RoomLine(RoomType.OFFICE, D(rnd.randint(5, 40)), 1, f"r{n}", vacant=True)
        f.apply(AddLine(s.row_id, "room", line, rnd.randint(0, len(rooms))), f"tilføj rum {n}")  # type: ignore[arg-type]
    elif choice < 0.55:
        target = rnd.choice(rooms)
        f.apply(UpdateLine("room", target.row_id, {"label": f"u{n}", "net_m2": D(n)}), "ændr rum")  # type: ignore[arg-type]
    elif choice < 0.75:
        target = rnd.choice([r for r in rooms if r.tenant is None and r.shared is None] or rooms[-1:])
        f.apply(DeleteLines("room", (target.row_id,)), "slet rum")  # type: ignore[arg-type]
    elif choice < 0.9:
        target = rnd.choice(rooms)
        f.apply(MoveLine("room", target.row_id, rnd.randint(0, len(rooms) - 1)), "flyt rum")  # type: ignore[arg-type]
    else:
        f.apply(SetPlanFields({"title": f"Titel {n}"}), "ændr titel")


def test_restoring_to_a_point_gives_the_plan_then_and_undo_gives_it_back(tmp_path: Path) -> None:
    rnd = random.Random(18)
    with create_plan_file(tmp_path / "p.sundhedshus", rich_plan()) as f:
        states = {history.count(f.conn): f.load()}
        for n in range(30):
            _random_edit(rnd, f, n)
            states[history.count(f.conn)] = f.load()
        now = f.load()
        for point in (1, 7, 19, 31):
            changes = history.restore_to(f, point)
            restored = f.load()
            assert restored == states[point]
            assert [(r.row_id, r.label) for r in restored.scenarios[0].rooms] == [
                (r.row_id, r.label) for r in states[point].scenarios[0].rooms]  # the same lines, not look-alikes
            f.apply(changes.inverse, "fortryd")  # undo the restore: the plan as it was before it
            assert f.load() == now
        assert history.count(f.conn) == 31 + 2 * 4  # each restore and each undo is a new entry


def test_a_named_version_opens_as_it_was_and_is_compared_line_by_line(tmp_path: Path) -> None:
    from planners.history.diff import diff_plans

    with create_plan_file(tmp_path / "p.sundhedshus", rich_plan()) as f:
        f.author = "Lars"
        saved = f.save_version("Sendt til ministeriet 20-03-2019")
        room = f.load().scenarios[0].rooms[0]
        f.apply(UpdateLine("room", room.row_id, {"net_m2": D(18)}), "ændr areal")  # type: ignore[arg-type]
        assert [v.name for v in f.versions()] == ["Sendt til ministeriet 20-03-2019"]
        assert saved.history_seq == 1 and saved.who == "Lars"
        then = f.version_plan("Sendt til ministeriet 20-03-2019")
        assert then == rich_plan() and then.scenarios[0].rooms[0].row_id == room.row_id
        result = diff_plans(then, f.load(), by_row_id=True)
        assert [c.text() for c in result.changes] == [
            "Scenarie «Ombygning 🏥»: ændret rum «Konsultation»: nettoareal pr. rum 16 → 18"
        ]
        assert [e.text for e in f.history()] == ["Planen er oprettet", "gem version «Sendt til ministeriet 20-03-2019»",
                                                 "ændr areal"]  # fmt: skip
        try:
            f.save_version("Sendt til ministeriet 20-03-2019")
            raise AssertionError("a second version of one name was saved")
        except PlanError as exc:
            assert "allerede" in exc.message
        assert f.origin().plan == rich_plan()  # type: ignore[union-attr]  # versions are not in the origin
