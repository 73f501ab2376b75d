"""The single-value rules of DESIGN §3 ("invalid": refused), each written once: a number's range and digits, a
year, a text, a code, a bounded text, a date; the paths they report at (`scenarios[0].rooms[3].net_m2`), their
messages (Danish msgids; the English is in the catalog) and `REPORTED`, the mark of a value a parser has already
reported as invalid, which every rule skips.

`planners.model.validation` (the plan's own fields and catalogs), `planners.model.scenario_validation` (a scenario
and its lines) and the JSON reader (`planners.interchange.plan_json`) apply them; the store's SQL judges the same
limits (`planners.store.filecheck`). A module of its own below both validations, so that a reading command loads
the plan's rules without the scenarios' (the store has proved a sound file's scenarios in SQL; issue 19).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from planners.model import HUNDRED, ZERO, RunningRate, readiness
from planners.model.errors import Problem
from planners.model.i18n import N_, Message
from planners.model.safetext import EXCERPT, excerpt

# Years a plan may name (plan years, price year, spread keys): wide enough for any real project, narrow
# enough to catch a typo such as 218 or 20189.
MIN_YEAR = 1900
MAX_YEAR = 2200

# No amount, area or count of a health house comes near this; a larger number is a typo (or an attack on
# the exact arithmetic, whose cost grows with the number of digits).
MAX_MAGNITUDE = Decimal(10) ** 15
# Likewise for the smallest digit: 17e-100000000 would make every exact fraction astronomically large.
MAX_DECIMALS = 40

# An equipment line's `item` outside the catalog: a custom item described by the line itself.
CUSTOM_ITEM = "other"


class _Reported:
    """The type of `REPORTED`."""

    _instance: _Reported | None = None

    def __new__(cls) -> _Reported:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REPORTED"


REPORTED = _Reported()
"""Stands for a value a parser has already reported as invalid (wrong type): the checks here skip it."""


def reported(value: object) -> bool:
    """Whether `value` is `REPORTED`. A field of any declared type may hold it (the dataclasses' types say
    what a valid plan holds), so the test takes any object: the type checker sees no impossible comparison."""
    return value is REPORTED


# --- messages (Danish msgids; the English is in the catalog, resources/locale) -------------------

MISSING = N_("mangler")
UNKNOWN_KEY = N_("ukendt nøgle")
DUPLICATE_KEY = N_("nøglen står flere gange")
NOT_NUMBER = N_("skal være et tal")
NOT_FINITE = N_("skal være et endeligt tal")
TOO_LARGE = N_("er for stort (højst 10^15)")
TOO_PRECISE = Message.of(N_("har for mange decimaler (højst {n})"), n=MAX_DECIMALS)
BAD_CHARACTER = N_("indeholder et ugyldigt tegn")
HOURS_A_WEEK = 168
TOO_MANY_HOURS = Message.of(N_("en uge har kun {hours} timer"), hours=HOURS_A_WEEK)
NOT_INTEGER = N_("skal være et heltal")
NOT_TEXT = N_("skal være en tekst")
NOT_BOOL = N_("skal være true eller false")
NOT_OBJECT = N_("skal være et objekt")
NOT_LIST = N_("skal være en liste")
POSITIVE = N_("skal være større end 0")
NON_NEGATIVE = N_("må ikke være negativ")
PERCENT = N_("skal være mellem 0 og 100")
NOT_EMPTY = N_("må ikke være tom")
NOT_YEAR = Message.of(N_("skal være et årstal ({first}–{last})"), first=MIN_YEAR, last=MAX_YEAR)


# --- paths --------------------------------------------------------------------------------------


def _identifier(text: str) -> bool:
    """`text` matches `[A-Za-z_][A-Za-z0-9_]*\\Z` (an ASCII identifier), without compiling a regular expression at
    every import of the model (a reading command never names a path; issue 19)."""
    return text.isascii() and text.isidentifier()


def join(path: str, name: str) -> str:
    """`path.name` (just `name` at the top)."""
    return f"{path}.{name}" if path else name


def key_path(path: str, key: object) -> str:
    """The path of a dictionary entry: `path.key` for an identifier, else `path["key"]` (years, ids)."""
    text = excerpt(str(key), 80)  # a key from outside may be megabytes long
    if _identifier(text):
        return join(path, text)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'{path}["{escaped}"]'


def index_path(path: str, index: int) -> str:
    return f"{path}[{index}]"


def suggestion(word: str, choices: Iterable[str]) -> str | None:
    """The closest of `choices` to a mistyped `word`, if any is close."""
    if len(word) > 2 * EXCERPT:
        return None  # nothing of ours is that long; difflib's work grows with the word
    import difflib  # only to suggest a name: a reading command never pays its import

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return found[0] if found else None


class Problems(list[Problem]):
    """A list of problems with a short way to add one."""

    def add(self, path: str, message: str | Message, /, **values: object) -> None:
        """A problem at `path`: a msgid with `values`, or a `Message` that already holds its values."""
        if isinstance(message, Message):
            values = {**dict(message.values), **values}
            message = message.msgid
        # A value from outside (a file, a JSON document) is quoted as a short excerpt: a message never grows
        # with the input (the longest list of valid codes, the room types, is 186 characters).
        values = {k: excerpt(v) if isinstance(v, str) and len(v) > EXCERPT else v for k, v in values.items()}
        self.append(Problem(excerpt(path, 2 * EXCERPT), message, **values))


# --- single-value rules (each written once; the JSON reader relies on them) ----------------------


def is_number(value: object) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def check_number(
    out: Problems, value: object, path: str, rule: str | None, *, required: bool = True
) -> None:
    """A Decimal (or int) under `rule`: POSITIVE (> 0), NON_NEGATIVE (≥ 0), PERCENT (0–100) or None."""
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if not is_number(value):
        out.add(path, NOT_NUMBER)
        return
    number = Decimal(value)  # type: ignore[arg-type]
    exponent = number.as_tuple().exponent
    if not number.is_finite():
        out.add(path, NOT_FINITE)
    elif abs(number) > MAX_MAGNITUDE:
        out.add(path, TOO_LARGE)
    elif isinstance(exponent := number.as_tuple().exponent, int) and exponent < -MAX_DECIMALS:
        out.add(path, TOO_PRECISE)
    elif rule is POSITIVE and not number > ZERO:
        out.add(path, POSITIVE)
    elif rule is NON_NEGATIVE and number < ZERO:
        out.add(path, NON_NEGATIVE)
    elif rule is PERCENT and not ZERO <= number <= HUNDRED:
        out.add(path, PERCENT)


def _da(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def check_at_most(out: Problems, value: object, path: str, limit: int, unit: str = "") -> None:
    """A realistic upper bound (issue 20.8: a typo such as 10.000.000 years for a loan is refused, with the
    limit in the message, and no arithmetic ever meets a value of absurd size). Only a value that passed its
    type and sign checks is judged here, so a problem is never listed twice."""
    if not is_number(value) or any(p.path == path for p in out):
        return
    if Decimal(value) > limit:  # type: ignore[arg-type]
        # The limit in Danish notation in both languages, as the tables show numbers; the unit is a msgid.
        if unit:
            out.add(path, Message.of(N_("må højst være {limit} {unit}"), limit=_da(limit), unit=Message.of(unit)))
        else:
            out.add(path, Message.of(N_("må højst være {limit}"), limit=_da(limit)))


# Realistic ranges of a health house (issue 20.8); far above any real project, far below what would slow the
# exact arithmetic. A loan's term is 1–100 years: the annuity raises an exact fraction to that power.
MAX_YEARS = 100
MAX_AREA_M2 = 100_000
MAX_PERSONS = 10_000
MAX_PATIENTS = 10_000_000
MAX_COUNT = 10_000
MAX_QUANTITY = 100_000
MAX_PRICE = 1_000_000_000  # kr.: one item, one year's service or rent
MAX_AMOUNT = 100_000_000_000  # kr.: a whole cost line or financing line
MAX_RATE_M2 = 1_000_000_000  # kr. per m² (a rate, or a cost line per m²)
MAX_FACTOR = 10
MAX_PERCENT_OF = 1_000
# Units of check_at_most's limits (msgids)
YEARS = N_("år")
KR = N_("kr.")
M2 = N_("m²")


def check_integer(
    out: Problems, value: object, path: str, rule: str | None, *, required: bool = True
) -> None:
    """An int under `rule` (POSITIVE or NON_NEGATIVE)."""
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if not isinstance(value, int) or isinstance(value, bool):
        out.add(path, NOT_INTEGER)
        return
    check_number(out, value, path, rule)


def check_year(out: Problems, value: object, path: str, *, required: bool = True) -> None:
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if not isinstance(value, int) or isinstance(value, bool):
        out.add(path, NOT_INTEGER)
    elif not MIN_YEAR <= value <= MAX_YEAR:
        out.add(path, NOT_YEAR)


def check_text(
    out: Problems, value: object, path: str, *, required: bool = True, non_empty: bool = False
) -> None:
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
    elif not encodable(value):
        out.add(path, BAD_CHARACTER)
    elif non_empty and not value.strip():
        out.add(path, NOT_EMPTY)


def encodable(text: str) -> bool:
    """False for text no file can hold: a lone surrogate (`\\ud800` in JSON) is not a character."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_bool(out: Problems, value: object, path: str) -> None:
    if value is REPORTED:
        return
    if value is None:
        out.add(path, MISSING)
    elif not isinstance(value, bool):
        out.add(path, NOT_BOOL)


def check_code(
    out: Problems, value: object, codes: type[StrEnum], path: str, *, required: bool = True
) -> None:
    """A code of one of the enums of `planners.model` (DESIGN §9)."""
    if value is REPORTED:
        return
    if value is None:
        if required:
            out.add(path, MISSING)
        return
    if isinstance(value, codes):
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
        return
    known = [c.value for c in codes]
    if value in known:
        return
    near = suggestion(value, known)
    if near:
        out.add(path, N_("ukendt kode «{value}» (mente du «{near}»?)"), value=value, near=near)
    else:
        out.add(path, N_("ukendt kode «{value}»; gyldige: {valid}"), value=value, valid=", ".join(known))


def check_rates(out: Problems, rates: object, path: str) -> None:
    """Running rates per gross m² a year, by RunningRate code; each ≥ 0 (a scenario's and the catalogs' defaults)."""
    if rates is REPORTED:
        return
    if not isinstance(rates, dict):
        out.add(path, NOT_OBJECT)
        return
    for code, value in rates.items():
        entry = key_path(path, code)
        check_code(out, code, RunningRate, entry)
        check_number(out, value, entry, NON_NEGATIVE)
        check_at_most(out, value, entry, MAX_RATE_M2, N_("kr. pr. m²"))


def check_bounded_text(out: Problems, value: object, path: str, limit: int, *, non_empty: bool = False,
                       required: bool = True) -> None:  # fmt: skip
    """A text (see `check_text`) of at most `limit` characters."""

    check_text(out, value, path, non_empty=non_empty, required=required)
    if isinstance(value, str) and len(value) > limit and not any(p.path == path for p in out):
        out.add(path, Message.of(N_("teksten er for lang (højst {limit} tegn)"), limit=f"{limit:,}".replace(",", ".")))


def check_date(out: Problems, value: object, path: str) -> None:
    """An optional date of the application (None: not given)."""

    if value is None or reported(value):
        return
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        out.add(path, readiness.NOT_DATE)
    elif not readiness.FIRST_YEAR <= value.year <= readiness.LAST_YEAR:
        out.add(path, readiness.DATE_RANGE)
