"""The targets of writers (issue 20.8): no export, copy or JSON is written over a plan file, its source, or a plan's
journal, lock or backup (`refuse_plan_target`, used by `safewrite` and the command line). Not imported by a
reading command.
"""

from __future__ import annotations

import os
from pathlib import Path

from planners.model.errors import TargetRefused
from planners.store.filecheck import holds_sqlite

PLAN_SUFFIX = ".sundhedshus"


def is_plan_like(path: Path) -> bool:
    """A name that is, or could be, a plan or one of its companions; or an existing SQLite file."""
    name = path.name.lower()
    if name.endswith(PLAN_SUFFIX) or any(name.endswith(PLAN_SUFFIX + s) for s in ("-journal", "-wal", "-shm",
                                                                                    ".lock")):
        return True
    if ".sundhedshus.bak-v" in name:
        return True
    return holds_sqlite(path)


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def refuse_plan_target(target: Path, sources: tuple[Path, ...] = ()) -> None:
    """Raise `TargetRefused` if writing `target` could destroy a plan: it is a source of this command, a
    plan file (by name or by content: any SQLite database), or a plan's journal, lock or backup."""
    target = Path(target)
    for source in sources:
        if same_file(target, Path(source)):
            raise TargetRefused("{name} er selve kildefilen; den overskrives ikke. Vælg et andet filnavn.",
                                name=target.name)  # fmt: skip
    if is_plan_like(target):
        raise TargetRefused(
            "{name} er en plan (eller hører til en); en eksport skrives aldrig oven i en plan. Vælg et andet filnavn.",
            name=target.name,
        )
