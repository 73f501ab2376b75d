"""The time line names rooms (in phases) and loans (their terms) by position (planners.model.timeline). Adding,
deleting and moving a room or financing line carries those positions along, so a phase keeps its rooms and a
loan its repayment form; a deleted line's references go with it, and undo brings back exactly what was."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from planners.interchange.plan_json import load_json
from planners.model import RoomLine, RoomType
from planners.model.timeline import LoanTerms, Phase, Repayment, TimeLine
from planners.reference import template_path
from planners.store.operations import AddLine, DeleteLines, MoveLine, Operation, SetTimeLine
from planners.store.planfile import PlanFile, create_plan_file

# The example template: rooms 12 "Samtalerum" and 21 "Ledigt kontor til senere udlejning"; financing lines
# 0 grant, 1 loan (KommuneKredit), 2 the municipality's own money repaid by the rent.
TIMELINE = TimeLine(
    phases=[Phase("Etape 2", 2023, [12, 21])],
    loans=[LoanTerms(1, Repayment.SERIAL, 2), LoanTerms(2, Repayment.ANNUITY, 5)],
)


def _open(tmp_path: Path) -> tuple[PlanFile, int]:
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, load_json(template_path("example"))).close()
    pf = PlanFile.open(path)
    sid = pf.load().scenarios[0].row_id
    assert sid is not None
    pf.apply(SetTimeLine(sid, TIMELINE))
    return pf, sid


def _labels(pf: PlanFile, positions: list[int]) -> list[str]:
    rooms = pf.load().scenarios[0].rooms
    return [rooms[i].label for i in positions]


def test_deleting_a_room_keeps_the_phase_on_its_rooms_and_undo_restores(tmp_path: Path) -> None:
    pf, _sid = _open(tmp_path)
    with pf:
        before = pf.load()
        assert _labels(pf, [12, 21]) == ["Samtalerum", "Ledigt kontor til senere udlejning"]
        first = before.scenarios[0].rooms[0].row_id
        assert first is not None
        changes = pf.apply(DeleteLines("room", (first,)))
        assert changes.touches("timeline")
        assert pf.load().scenarios[0].timeline.phases[0].rooms == [11, 20]
        assert _labels(pf, [11, 20]) == ["Samtalerum", "Ledigt kontor til senere udlejning"]
        pf.apply(changes.inverse)
        assert pf.load() == before


def test_deleting_a_phased_room_drops_it_from_the_phase_and_undo_brings_it_back(tmp_path: Path) -> None:
    pf, _sid = _open(tmp_path)
    with pf:
        before = pf.load()
        talk = before.scenarios[0].rooms[12].row_id
        assert talk is not None
        changes = pf.apply(DeleteLines("room", (talk,)))
        assert pf.load().scenarios[0].timeline.phases[0].rooms == [20]
        redo = pf.apply(changes.inverse).inverse
        assert pf.load() == before
        pf.apply(redo)
        assert pf.load().scenarios[0].timeline.phases[0].rooms == [20]


def test_adding_and_moving_rooms_carry_the_phase_along(tmp_path: Path) -> None:
    pf, sid = _open(tmp_path)
    with pf:
        before = pf.load()
        added = pf.apply(AddLine(sid, "room", RoomLine(RoomType.CONSULTATION, D(16), 1, "Ny konsultation", vacant=True), 0))
        assert pf.load().scenarios[0].timeline.phases[0].rooms == [13, 22]
        pf.apply(added.inverse)
        assert pf.load() == before
        vacant = before.scenarios[0].rooms[21].row_id
        assert vacant is not None
        moved = pf.apply(MoveLine("room", vacant, 0))
        assert pf.load().scenarios[0].timeline.phases[0].rooms == [13, 0]
        assert _labels(pf, [13, 0]) == ["Samtalerum", "Ledigt kontor til senere udlejning"]
        pf.apply(moved.inverse)
        assert pf.load() == before


def test_loan_terms_follow_their_financing_line(tmp_path: Path) -> None:
    pf, _sid = _open(tmp_path)
    with pf:
        before = pf.load()
        grant, loan = (before.scenarios[0].financing[i].row_id for i in (0, 1))
        assert grant is not None and loan is not None
        undo: list[Operation] = [pf.apply(MoveLine("financing", grant, 2)).inverse]  # loan 0, own 1, grant 2
        terms = pf.load().scenarios[0].timeline.loans
        assert [(t.line, t.repayment) for t in terms] == [(0, Repayment.SERIAL), (1, Repayment.ANNUITY)]
        undo.append(pf.apply(DeleteLines("financing", (loan,))).inverse)  # the loan's terms go with it
        terms = pf.load().scenarios[0].timeline.loans
        assert [(t.line, t.interest_only_years) for t in terms] == [(0, 5)]
        for op in reversed(undo):
            pf.apply(op)
        assert pf.load() == before


def test_the_plan_held_carries_the_terms_as_the_file_does_without_reading_them(tmp_path: Path) -> None:
    """Issue 19.2: a line added or deleted with the plan held in memory takes the time line from it (no statement
    reads the terms) and carries them exactly as the same edit without it, which reads them from the file; a
    delete of several lines reads the file for every line after the first (the first changed the terms)."""
    pf, sid = _open(tmp_path)
    other_path = tmp_path / "other.sundhedshus"
    pf.close()
    import shutil

    shutil.copyfile(tmp_path / "plan.sundhedshus", other_path)
    pf = PlanFile.open(tmp_path / "plan.sundhedshus")
    with pf, PlanFile.open(other_path) as other:
        rooms = pf.load().scenarios[0].rooms
        financing = pf.load().scenarios[0].financing
        steps: list[Operation] = [
            AddLine(sid, "room", RoomLine(RoomType.CONSULTATION, D(16), 1, "Ny konsultation", vacant=True), 0),
            DeleteLines("room", (rooms[12].row_id, rooms[3].row_id)),  # type: ignore[arg-type]  # a phased room first
            DeleteLines("financing", (financing[0].row_id,)),  # type: ignore[arg-type]
        ]
        for op in steps:
            read: list[str] = []
            plan = pf.load()
            pf.conn.set_trace_callback(read.append)
            try:
                held = pf.apply(op, held=plan)
            finally:
                pf.conn.set_trace_callback(None)
            plain = other.apply(op)
            assert held == plain
            assert pf.load() == other.load()
            terms = [s for s in read if s.startswith("SELECT * FROM phase ")]  # one of the reads of the terms
            # Read only for the second line of a delete of two (the first's delete wrote the terms).
            assert len(terms) == (1 if isinstance(op, DeleteLines) and len(op.row_ids) == 2 else 0), read
            undone = pf.apply(held.inverse, held=pf.load())
            assert undone == other.apply(plain.inverse)
            assert pf.load() == other.load()
            pf.apply(undone.inverse, held=pf.load())
            other.apply(undone.inverse)
            assert pf.load() == other.load()


def test_terms_that_name_no_line_of_a_kind_are_not_carried() -> None:
    """Issue 19.2: `_follow_lines` builds no maps of a list's positions when the terms name none of its lines
    (`names_positions`); where they name one, it does (the tests above)."""
    from planners.model.timeline import FinancingYear
    from planners.store.timeline import follow_lines, names_positions

    cases = {
        "room": (TimeLine(phases=[Phase("Etape 2", 2023, [], [3])]), TimeLine(phases=[Phase("Etape 2", 2023, [4])])),
        "cost": (TimeLine(phases=[Phase("Etape 2", 2023, [4])]), TimeLine(phases=[Phase("Etape 2", 2023, [], [3])])),
        "financing": (TimeLine(phases=[Phase("Etape 2", 2023, [1], [1])]),
                      TimeLine(financing_years=[FinancingYear(1, 2024)])),
    }  # fmt: skip
    shift: dict[int, int | None] = {i: i + 1 for i in range(10)}
    for kind, (without, named) in cases.items():
        assert not names_positions(without, kind) and names_positions(named, kind), kind
        assert follow_lines(without, kind, shift) == without  # nothing it could carry
        assert follow_lines(named, kind, shift) != named
    assert names_positions(TimeLine(loans=[LoanTerms(0, Repayment.SERIAL)]), "financing")
    assert not any(names_positions(TimeLine(), kind) for kind in ("room", "cost", "financing", "equipment"))
