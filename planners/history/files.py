"""Plans for comparing and merging, read from files: the plan and, for a plan file, its origin
(`planners.store.origin`), which says whether two files are copies of one plan."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from planners.model import Plan
from planners.store.origin import Origin


@dataclass(frozen=True)
class PlanWithOrigin:
    path: Path
    plan: Plan
    origin: Origin | None  # None for a JSON plan (it has no row ids, no origin)


def read_with_origin(path: str | os.PathLike[str]) -> PlanWithOrigin:
    """A `.sundhedshus` file (never written to; an older one is upgraded on a temporary copy) or a `.json` plan."""
    from planners.store.planfile import existing_plan_path

    p = existing_plan_path(path)
    if p.suffix.lower() == ".json":
        from planners.interchange.plan_json import load_json

        return PlanWithOrigin(p, load_json(p), None)
    from planners.store.planfile import PlanFile

    with PlanFile.open(p, readonly=True) as plan_file:
        return PlanWithOrigin(p, plan_file.load(), plan_file.origin())


def share_origin(a: PlanWithOrigin, b: PlanWithOrigin) -> bool:
    """The two are copies of one plan since a common origin: their row ids name the same lines."""
    return a.origin is not None and b.origin is not None and a.origin.token == b.origin.token
