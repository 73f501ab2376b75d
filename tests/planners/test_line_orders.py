"""A plan file keeps the order its own edits left its lists in (`operations.LineOrders`, issue 19.2): a line added or
deleted then moves the lines after it without reading every line's id and position first. The file must come out
exactly as without the kept orders — the same rows at positions 0 … n − 1, the same inverses — and the orders must
never be trusted after anything else wrote to the file: another connection, this connection outside `apply`, an
operation that does not keep them, or an edit rolled back."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.interchange.plan_json import load_json
from planners.model import RoomLine, RoomType
from planners.reference import template_path
from planners.store import history
from planners.store.operations import AddLine, DeleteLines, MoveLine, Operation, apply
from planners.store.planfile import PlanFile, create_plan_file

_ORDER = "SELECT id, position FROM room WHERE scenario_id = ? ORDER BY position, id"


@pytest.fixture(scope="module")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("orders") / "plan.sundhedshus"
    create_plan_file(path, load_json(template_path("example"))).close()
    return path


def _copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    return target


def _room(label: str) -> RoomLine:
    return RoomLine(RoomType.OFFICE, D(12), 1, label, vacant=True)


def _rows(conn: sqlite3.Connection, sid: int) -> list[tuple[int, int]]:
    return [(int(i), int(p)) for i, p in conn.execute(_ORDER, (sid,))]


def _ids(pf: PlanFile, sid: int) -> list[int]:
    """The file's room ids in list order, asserting the positions are 0 … n − 1 (as every edit leaves them)."""
    rows = _rows(pf.conn, sid)
    assert [p for _i, p in rows] == list(range(len(rows))), "positions not 0 … n − 1"
    return [i for i, _p in rows]


def _delete_and_undo(pf: PlanFile, sid: int, row_id: int, order: list[int]) -> None:
    """Delete the room `row_id` of the file's rooms in `order`, then undo: each leaves the file's order exactly."""
    changes = pf.apply(DeleteLines("room", (row_id,)))
    assert _ids(pf, sid) == [i for i in order if i != row_id]
    pf.apply(changes.inverse)
    assert _ids(pf, sid) == order


def _open(path: Path) -> tuple[PlanFile, int]:
    pf = PlanFile.open(path)
    sid = pf.load().scenarios[0].row_id
    assert sid is not None
    return pf, sid


def test_an_add_and_a_delete_after_the_first_read_no_list(example_file: Path, tmp_path: Path) -> None:
    pf, sid = _open(_copy(example_file, tmp_path, "a.sundhedshus"))
    with pf:
        pf.apply(AddLine(sid, "room", _room("først"), 2))  # the first edit reads the list's order
        seen: list[str] = []
        pf.conn.set_trace_callback(seen.append)
        added = pf.apply(AddLine(sid, "room", _room("så"), 3))
        pf.apply(added.inverse)
        pf.conn.set_trace_callback(None)
        assert not [s for s in seen if "position FROM room" in s], seen
        ids = _ids(pf, sid)
        assert len(ids) == 23 and pf.load().scenarios[0].rooms[2].label == "først"


def test_another_connections_reordering_is_seen(example_file: Path, tmp_path: Path) -> None:
    """Another program moves a room between two edits (a reader holds no lock: the file is not ours alone to
    assume): the next delete must find the room where the file has it, and its undo put it back there."""
    pf, sid = _open(_copy(example_file, tmp_path, "b.sundhedshus"))
    with pf:
        pf.apply(AddLine(sid, "room", _room("ny"), 0))  # the order is now known to the plan file
        ids = _ids(pf, sid)
        moved = ids[5]
        other = sqlite3.connect(pf.path, isolation_level=None)
        try:  # room 5 to the top: the rows above it move down one
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE room SET position = position + 1 WHERE scenario_id = ? AND position < 5", (sid,))
            other.execute("UPDATE room SET position = 0 WHERE id = ?", (moved,))
            other.execute("COMMIT")
        finally:
            other.close()
        reordered = [moved, *ids[:5], *ids[6:]]
        assert _ids(pf, sid) == reordered
        _delete_and_undo(pf, sid, moved, reordered)


def test_a_write_of_the_same_connection_outside_an_edit_is_seen(example_file: Path, tmp_path: Path) -> None:
    pf, sid = _open(_copy(example_file, tmp_path, "c.sundhedshus"))
    with pf:
        pf.apply(AddLine(sid, "room", _room("ny"), 0))
        ids = _ids(pf, sid)
        # The last room to the top, by this very connection (no other connection: `data_version` stays).
        pf.conn.execute("BEGIN IMMEDIATE")
        pf.conn.execute("UPDATE room SET position = position + 1 WHERE scenario_id = ?", (sid,))
        pf.conn.execute("UPDATE room SET position = 0 WHERE id = ?", (ids[-1],))
        pf.conn.execute("COMMIT")
        reordered = [ids[-1], *ids[:-1]]
        assert _ids(pf, sid) == reordered
        _delete_and_undo(pf, sid, ids[-1], reordered)


def test_an_edit_rolled_back_leaves_no_order_behind(example_file: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """The add's statements ran and noted the order, then its transaction was rolled back: the next delete must not
    find the line that is not in the file (the orders are forgotten, and the connection's count of changes moved)."""
    pf, sid = _open(_copy(example_file, tmp_path, "d.sundhedshus"))
    with pf:
        pf.apply(AddLine(sid, "room", _room("ny"), 0))
        ids = _ids(pf, sid)

        def fail(*_args: object, **_kwargs: object) -> None:
            raise sqlite3.OperationalError("the history could not be written")

        with monkeypatch.context() as m:  # the add's statements ran, then its transaction is rolled back
            m.setattr(history, "record", fail)
            with pytest.raises(sqlite3.OperationalError):
                pf.apply(AddLine(sid, "room", _room("ikke gemt"), 0))
        assert _ids(pf, sid) == ids
        _delete_and_undo(pf, sid, ids[3], ids)


def test_a_move_forgets_the_order(example_file: Path, tmp_path: Path) -> None:
    """A move does not note the order it leaves: the next add reads it from the file."""
    pf, sid = _open(_copy(example_file, tmp_path, "e.sundhedshus"))
    with pf:
        pf.apply(AddLine(sid, "room", _room("ny"), 0))
        ids = _ids(pf, sid)
        pf.apply(MoveLine("room", ids[-1], 0))
        _delete_and_undo(pf, sid, ids[-1], [ids[-1], *ids[:-1]])


_STEP = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 30)),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 30)),
    st.tuples(st.just("undo"), st.integers(0, 0)),
    st.tuples(st.just("outside"), st.integers(0, 30)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])  # fmt: skip
@given(steps=st.lists(_STEP, min_size=1, max_size=12))
def test_kept_orders_give_the_file_of_fresh_reads(example_file: Path, tmp_path_factory: pytest.TempPathFactory,
                                                  steps: list[tuple[int, ...]]) -> None:  # fmt: skip
    """Random adds, deletes, moves, undos and writes outside the edits, on two copies of a plan: one edited by a plan
    file keeping the orders, one by the same operations reading every order from the file. After every step both
    copies hold the same rows at the same positions (0 … n − 1)."""
    folder = tmp_path_factory.mktemp("pair")
    kept, sid = _open(_copy(example_file, folder, "kept.sundhedshus"))
    fresh = sqlite3.connect(_copy(example_file, folder, "fresh.sundhedshus"), isolation_level=None)
    fresh.row_factory = sqlite3.Row  # as a plan file's connection
    fresh.execute("PRAGMA foreign_keys = ON")
    with kept:
        try:
            undo: list[tuple[Operation, Operation]] = []  # (inverse in kept, inverse in fresh)
            for n, step in enumerate(steps):
                ids = _ids(kept, sid)
                kind, at = step[0], step[1] % (len(ids) + 1)
                if kind == "add":
                    op: Operation = AddLine(sid, "room", _room(f"rum {n}"), at)
                elif kind == "delete" and ids:
                    op = DeleteLines("room", (ids[at % len(ids)],))
                elif kind == "move" and ids:
                    op = MoveLine("room", ids[at % len(ids)], step[2])
                elif kind == "undo" and undo:
                    back_kept, back_fresh = undo.pop()
                    kept.apply(back_kept)
                    apply(fresh, back_fresh)
                    assert _ids(kept, sid) == [i for i, _p in _rows(fresh, sid)]
                    continue
                elif kind == "outside" and ids:  # the same swap of two rooms, outside any edit, in both copies
                    a, b = ids[at % len(ids)], ids[-1]
                    for conn in (kept.conn, fresh):
                        pa, pb = (conn.execute("SELECT position FROM room WHERE id = ?", (x,)).fetchone()[0]
                                  for x in (a, b))  # fmt: skip
                        conn.execute("UPDATE room SET position = ? WHERE id = ?", (pb, a))
                        conn.execute("UPDATE room SET position = ? WHERE id = ?", (pa, b))
                    assert _ids(kept, sid) == [i for i, _p in _rows(fresh, sid)]
                    continue
                else:
                    continue
                undo.append((kept.apply(op).inverse, apply(fresh, op).inverse))
                assert _rows(kept.conn, sid) == _rows(fresh, sid)
                _ids(kept, sid)
        finally:
            fresh.close()
