"""The history of a plan, kept in the plan file itself (issue 18.1): every edit, when, by whom, what (in the same
Danish words as its undo step) and the operation that reverses it.

An entry is written by `PlanFile.apply` in the same transaction as the edit (`operations.apply`'s `before_commit`),
so a crash leaves both or neither: the crash test counts the entries against the edits that survived. Nothing is
ever deleted from history; undoing an edit is a new entry.

The operations are kept as JSON (`encode`/`decode`): each dataclass as {"$t": name, fields…}, a StrEnum as
{"$e": name, "v": value}, a Decimal as {"$d": "exact text"}, a tuple as {"$tuple": […]}, a mapping whose keys are
not all text as {"$map": [[key, value], …]}. The classes are the operation records, the plan's dataclasses and
the rent terms (`_TYPES`); a name the codec does not know is refused when read, never guessed.

Opening a plan never reads its history (the `history` table is only read by `entries`), so a plan with 10.000
entries opens as fast as one without (measured in `bench/bench_history.py`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum

from planners.model import entities
from planners.model import prebuilt as dataclasses  # its API, importing it only when used (issue 19)
from planners.model import timeline as timeline_model
from planners.model.prebuilt import dataclass
from planners.store import schema

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 1,5 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class Entry:
    seq: int  # 1, 2, … in the order the edits were made
    at: str  # ISO 8601 UTC, to the second
    who: str
    text: str  # Danish, as the undo step: "ændr areal"
    forward: Any | None  # the operation made (None for a mark such as "opened in version X")
    inverse: Any | None  # the operation that reverses it


def create_table(conn: sqlite3.Connection) -> None:
    conn.execute(schema.HISTORY_DDL)


def login_name() -> str:
    """Who edits when the settings name no one: the login name, else "ukendt"."""
    import getpass  # (with termios and pwd) only when a name is needed: not at every open (issue 19)

    try:
        return getpass.getuser() or "ukendt"
    except (OSError, KeyError, ImportError):
        return os.environ.get("USERNAME") or "ukendt"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(conn: sqlite3.Connection, text: str, who: str, forward: object | None = None,
           inverse: object | None = None, at: str | None = None) -> None:  # fmt: skip
    """Add one entry, inside the caller's transaction."""
    conn.execute(
        "INSERT INTO history (at, who, text, forward, inverse) VALUES (?, ?, ?, ?, ?)",
        (at or now(), who, text, None if forward is None else encode(forward),
         None if inverse is None else encode(inverse)),
    )  # fmt: skip


def mark(conn: sqlite3.Connection, text: str, who: str) -> None:
    """An entry that is no edit ("flettet med …"), in its own transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        record(conn, text, who)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def has_table(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'history'").fetchone()
    return row is not None


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM history").fetchone()[0]) if has_table(conn) else 0


def entries(conn: sqlite3.Connection, who: str | None = None, since: str | None = None,
            until: str | None = None, operations: bool = True) -> list[Entry]:  # fmt: skip
    """The entries, oldest first, optionally of one person and between two times (ISO text, inclusive);
    `operations=False` leaves the operations undecoded (None) for a list that only shows them."""
    if not has_table(conn):
        return []
    where, params = [], []
    if who is not None:
        where.append("who = ?")
        params.append(who)
    if since is not None:
        where.append("at >= ?")
        params.append(since)
    if until is not None:
        where.append("at <= ?")
        params.append(until)
    sql = "SELECT seq, at, who, text, forward, inverse FROM history"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = conn.execute(sql + " ORDER BY seq", params).fetchall()

    def op(text: str | None) -> Any | None:
        return decode(text) if operations and text is not None else None

    return [Entry(r[0], r[1], r[2], r[3], op(r[4]), op(r[5])) for r in rows]


_WORDS = {  # an operation's kind in words, for an edit made without the undo step's words (the command line)
    "AddLine": "tilføj {noun}",
    "UpdateLine": "ændr {noun}",
    "DeleteLines": "slet {noun}",
    "DeleteTenant": "slet lejer",
    "MoveLine": "flyt {noun}",
    "SetPlanFields": "ændr planens oplysninger",
    "SetScenarioFields": "ændr scenariet",
    "SetRunningRate": "ændr driftsudgift pr. m²",
    "AddScenario": "tilføj scenarie",
    "DuplicateScenario": "kopiér scenarie",
    "RenameScenario": "omdøb scenarie",
    "DeleteScenario": "slet scenarie",
    "MoveScenario": "flyt scenarie",
    "SetCatalogRow": "ændr katalog",
    "ResetCatalogs": "nulstil kataloger",
    "SetTimeLine": "ændr husleje over tid",
    "SetMarketRentDefault": "ændr markedsleje",
    "SetCommitment": "ændr lejers tilsagn",
    "SetRunningRateSource": "ændr kilde til driftssats",
    "SetCatalogRateSource": "ændr kilde til standardsats",
}


def describe(op: object) -> str:
    """Danish words for an operation: "ændr rum", "slet lejer", a batch's label or its first step's words."""
    from planners.model.linekinds import LINES, LineKind

    name = type(op).__name__
    if name == "Batch":
        label = getattr(op, "label", "")
        steps = getattr(op, "steps", ())
        return label or (describe(steps[0]) if steps else "ændring")
    words = _WORDS.get(name, "ændring")
    kind = getattr(op, "kind", None)
    noun = LINES[LineKind(kind)].noun if kind in {k.value for k in LineKind} else "linje"
    return words.format(noun=noun)


# --- the codec -------------------------------------------------------------------------------------------


def _types() -> dict[str, type]:
    from planners.store import operations

    found: dict[str, type] = {}
    for module in (entities, timeline_model, operations):
        for name, value in vars(module).items():
            if isinstance(value, type) and (dataclasses.is_dataclass(value) or issubclass(value, StrEnum)):
                if value.__module__ == module.__name__:
                    found[name] = value
    return found


_TYPES: dict[str, type] = {}


def _known() -> dict[str, type]:
    if not _TYPES:
        _TYPES.update(_types())
    return _TYPES


def _to_json(value: object) -> object:
    if value is None or isinstance(value, bool | int | str) and not isinstance(value, StrEnum):
        return value
    if isinstance(value, StrEnum):
        return {"$e": type(value).__name__, "v": value.value}
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, date) and not isinstance(value, datetime):  # issue 16.6's dates
        return {"$date": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {"$t": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _to_json(getattr(value, f.name))
        return out
    if isinstance(value, tuple):
        return {"$tuple": [_to_json(v) for v in value]}
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, Mapping):
        if all(isinstance(k, str) and not isinstance(k, StrEnum) and not k.startswith("$") for k in value):
            return {k: _to_json(v) for k, v in value.items()}
        return {"$map": [[_to_json(k), _to_json(v)] for k, v in value.items()]}
    raise TypeError(f"cannot keep {type(value).__name__} in history")


def _from_json(data: object) -> object:
    if isinstance(data, list):
        return [_from_json(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "$d" in data:
        return Decimal(data["$d"])
    if "$date" in data:
        return date.fromisoformat(data["$date"])
    if "$e" in data:
        return _known()[data["$e"]](data["v"])
    if "$tuple" in data:
        return tuple(_from_json(v) for v in data["$tuple"])
    if "$map" in data:
        return {_from_json(k): _from_json(v) for k, v in data["$map"]}
    if "$t" in data:
        cls = _known()[data["$t"]]
        values = {k: _from_json(v) for k, v in data.items() if k != "$t"}
        init = {k: v for k, v in values.items() if next(f for f in dataclasses.fields(cls) if f.name == k).init}
        made = cls(**init)
        return made
    return {k: _from_json(v) for k, v in data.items()}


def encode(op: object) -> str:
    return json.dumps(_to_json(op), ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> Any:
    return _from_json(json.loads(text))


__all__ = ["Entry", "count", "create_table", "decode", "encode", "entries", "record"]


def restore_operation(plan_file: Any, seq: int, text_da: str | None = None) -> Any:
    """The ONE edit that brings the plan back to how it was right after entry `seq`: the inverses of every later
    entry, newest first, in one batch named `text_da` (the GUI runs it through its undo stack)."""
    from planners.store.operations import Batch, Operation

    later = [e for e in plan_file.history() if e.seq > seq and e.inverse is not None]
    steps: tuple[Operation, ...] = tuple(e.inverse for e in reversed(later) if e.inverse is not None)
    return Batch(steps, text_da or f"gå tilbage til trin {seq}")


def restore_to(plan_file: Any, seq: int, text_da: str | None = None) -> Any:
    """"Gå tilbage hertil": the plan as it was right after entry `seq`, as ONE new edit (one undo step, one new
    entry): the inverses of every later entry, newest first, in one batch. Nothing is deleted from history.
    Returns the edit's `Changes` (its inverse undoes the restore)."""
    op = restore_operation(plan_file, seq, text_da)
    return plan_file.apply(op, op.label)
