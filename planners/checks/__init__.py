"""The findings of a plan (DESIGN §5): the pool's rules, inconsistencies across lines and plausibility,
each with a level, a Danish and English text and the line it points at (`findings`, which runs them all: the
checks of the rent over the years in `timeline_findings` and those before submission in `submission_findings`,
each imported only for a scenario that gives them work; issue 19).

May import: `planners.model` and `planners.reference`; they read the engine's results (`planners.model.results`),
given by the caller, never the engine itself (`planners.figures.checked` computes and checks), the store or
the exports (the `layers` contract in pyproject.toml).

Here: the words the findings' modules share (a finding's text in both languages, a quoted name, a list, the
names of a cost line and an applicant's type). In the package, which every module of it loads anyway, so that
the modules loaded only when they have work import them without importing `findings` back (no import cycle)
and a summary loads no module more.
"""

from __future__ import annotations

from planners.model.i18n import translate
from planners.model.names import name_of  # by the table's name: Danish without the catalog (issue 19)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from planners.model import ApplicantType, CostLine

    # A message in both languages, built by one function of the language so the numbers follow it. (A name for the
    # type checker only: the subscript costs ≈ 20 µs at import, and the annotations are not evaluated.)
    Text = Callable[[str], str]


def _said(text_da: str, **values: object) -> Text:
    """A finding's text: the Danish msgid (English in the catalog) with its values; a value that depends on the
    language (an amount, a list, a name of a code) is a function of it, which `translate` calls with the language."""

    def text(lang: str) -> str:
        return translate(text_da, lang, **values)

    return text


def _join(items: Iterable[str], lang: str) -> str:
    """'a, b og c' (da) / 'a, b and c' (en)."""
    parts = list(items)
    if len(parts) <= 1:
        return "".join(parts)
    return translate("{first} og {last}", lang, first=", ".join(parts[:-1]), last=parts[-1])


def _q(text: str) -> str:
    return f"«{text}»"


def _cost_name(line: CostLine, lang: str) -> str:
    return line.text or name_of("CATEGORY_NAMES", line.category, lang)


def _applicant_type(kind: ApplicantType, lang: str) -> str:
    return name_of("APPLICANT_TYPE_NAMES", kind, lang).lower()
