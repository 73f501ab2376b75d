"""Errors the core raises for a user's mistake or a file it refuses; each carries a message in any language.

A message is a Danish msgid with its values (`planners.model.i18n`): the English comes from the gettext catalog
when it is shown. The command line prints `message` (Danish) on standard error and exits 2; the GUI shows
`message_in(lang)` in a dialog.
"""

from __future__ import annotations

from planners.model.i18n import N_, Message, translate


class Problem:
    """One invalid value: where it is (a JSON-style path) and why, as a msgid translated when it is read.

    `Problem(path, "ukendt kode «{value}»", value=x)`; `message_da` / `message_en` / `message(lang)` read it.
    A second positional text is an English override (kept for callers that built a problem from two texts).
    Equal problems say the same thing at the same place, however they were built."""

    __slots__ = ("path", "msgid", "values", "_english")

    def __init__(self, path: str, message_da: str, message_en: str = "", /, **values: object) -> None:
        self.path = path  # e.g. "scenarios[0].rooms[3].net_m2"
        self.msgid = message_da
        self.values = tuple(values.items())
        self._english = message_en

    def message(self, lang: str = "da") -> str:
        if lang == "en" and self._english:
            return self._english
        return translate(self.msgid, lang, **dict(self.values))

    @property
    def message_da(self) -> str:
        return self.message("da")

    @property
    def message_en(self) -> str:
        return self.message("en")

    def _key(self) -> tuple[str, str, str]:
        return (self.path, self.message_da, self.message_en)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message_da!r})"

    def __str__(self) -> str:
        return f"{self.path}: {self.message_da}" if self.path else self.message_da


class PlanError(Exception):
    """Base: an error with a message for the user, Danish in `message`, any language from `message_in`.

    `PlanError("Filen findes ikke: {path}", path=p)` keeps a msgid and its values; the old form with an
    explicit English second text still works."""

    def __init__(self, message: str, message_en: str = "", /, **values: object) -> None:
        self._text = Message.of(message, **values)
        self._english = message_en
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.message_in("da")

    @property
    def message_en(self) -> str:
        return self.message_in("en")

    def message_in(self, lang: str) -> str:
        if lang == "en" and self._english:
            return self._english
        return self._text.text(lang)


class RefusedFile(PlanError):
    """A file that is not SQLite, not ours, from a newer version, or damaged. Never written to."""


class InvalidPlan(PlanError):
    """One or more invalid values (DESIGN §3): nothing was stored or written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(N_("Ugyldig plan"))

    def message_in(self, lang: str) -> str:
        if not self.problems:
            return super().message_in(lang)
        return "\n".join(f"{p.path}: {p.message(lang)}" if p.path else p.message(lang) for p in self.problems)


class PlanLocked(PlanError):
    """Another user or process has the plan open for editing (its lock file names who)."""

    def __init__(self, message: str, owner: dict[str, str], /, **values: object) -> None:
        super().__init__(message, **values)
        self.owner = owner


class TargetRefused(PlanError):
    """An output file cannot be written where the user asked (a folder, read-only, open elsewhere, a plan);
    nothing was changed."""
