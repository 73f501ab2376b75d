"""Errors the core raises for a user's mistake or a file it refuses; each carries a Danish message.

The command line prints `message` on standard error and exits 2; the GUI shows it in a dialog.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One invalid value: where it is (a JSON-style path) and why, in Danish and English."""

    path: str  # e.g. "scenarios[0].rooms[3].net_m2"
    message_da: str
    message_en: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.message_da}" if self.path else self.message_da


class PlanError(Exception):
    """Base: an error with a Danish message for the user."""

    def __init__(self, message: str, message_en: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


class RefusedFile(PlanError):
    """A file that is not SQLite, not ours, from a newer version, or damaged. Never written to."""


class InvalidPlan(PlanError):
    """One or more invalid values (DESIGN §3): nothing was stored or written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        text = "\n".join(str(p) for p in self.problems) or "Ugyldig plan"
        super().__init__(text, "\n".join(f"{p.path}: {p.message_en or p.message_da}" for p in self.problems))


class PlanLocked(PlanError):
    """Another user or process has the plan open for editing (its lock file names who)."""

    def __init__(self, message: str, owner: dict[str, str]) -> None:
        super().__init__(message)
        self.owner = owner
