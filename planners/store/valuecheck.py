"""A plan file's values judged one by one in Python (issue 20): where SQLite doubted a table (`filecheck._clean_in_sql`
could not prove every value good), its rows are read value by value, and the first bad value is refused, named by
table, row and field. A sound plan's reading commands never need it: this module is imported only when a doubt is
found (or by the whole file's checks of a table SQLite doubted).
"""

from __future__ import annotations

import datetime
import re
import sqlite3
from decimal import Decimal, InvalidOperation, Overflow
from functools import cache

from planners.model.errors import RefusedFile
from planners.model.i18n import N_, Message
from planners.model.money import format_number
from planners.store import filerules as rules
from planners.store.filerules import (
    BOOL_COLUMNS,
    CODE_COLUMNS,
    DATE_COLUMNS,
    LONG_COLUMNS,
    damaged,
    excerpt,
    quote,
    row_label,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    from collections.abc import Sequence


def _snapshot_limit(lang: str) -> str:
    return format_number(rules.MAX_SNAPSHOT, 0, lang)


def _text_limit(lang: str) -> str:  # a value of messages: MAX_TEXT as each language writes numbers
    return format_number(rules.MAX_TEXT, 0, lang)


# The forms of a decimal and a date, compiled when first needed (issue 19).
@cache
def _decimal_form() -> re.Pattern[str]:
    return re.compile(r"-?[0-9]+(\.[0-9]+)?(E[+-]?[0-9]+)?\Z")


@cache
def _iso_date_form() -> re.Pattern[str]:
    return re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def bad(table: str, rowid: object, column: str, why: str, value: object, /, **values: object) -> RefusedFile:
    """A bad value: `why` is a msgid (marked with N_) filled with `values`."""
    where, reason = row_label(table, rowid), Message.of(why, **values)
    if value is None:
        return damaged(N_("{where}, felt «{column}»: {why}"), where=where, column=column, why=reason)
    return damaged(N_("{where}, felt «{column}»: {why} (fandt «{value}»)"), where=where, column=column,
                   why=reason, value=excerpt(value))  # fmt: skip


def judge_rows(conn: sqlite3.Connection, table: str, cols: dict[str, tuple[str, str, int, str | None, int]],
               names: Sequence[str], decimals: set[str], scope: str = "",
               params: dict[str, object] | tuple[()] = ()) -> list[bytes]:  # fmt: skip
    """Read the rows of `table` (those of `scope`: " INDEXED BY … WHERE …" with `params`, else every row) and judge
    the values of `names` one by one (`check_value`; `cols`: the table's columns by name, as `filecheck.Schema`
    holds them), on a connection whose text factory is `bytes`. A bad value raises `RefusedFile`. Returns the rowids
    read ("1", "2" … as bytes)."""
    ids: list[bytes] = []
    # typeof() beside each value: with bytes as the text factory a BLOB and a TEXT look alike.
    select = ", ".join(f"{quote(n)}, typeof({quote(n)})" for n in names)
    for row in conn.execute(f"SELECT rowid, {select} FROM {quote(table)}{scope}", params):
        rowid = row[0]
        ids.append(b"%d" % rowid)
        for i, name in enumerate(names):
            value, kind = row[1 + 2 * i], row[2 + 2 * i]
            if kind == b"blob" or kind == "blob":
                raise bad(table, rowid, name, N_("skal være en tekst eller et tal, ikke binære data"), None)
            check_value(table, rowid, name, cols[name][1], value, decimals)
    return ids


def check_value(table: str, rowid: object, name: str, decl: str, value: object, decimals: set[str]) -> None:
    """One stored value (`decl`: its column's type; text as bytes) judged; a bad one raises `RefusedFile`."""
    if value is None:
        return  # NOT NULL is the schema's (compared exactly); an allowed NULL is the model's to judge
    if decl == "INTEGER":
        if not isinstance(value, int):
            raise bad(table, rowid, name, N_("skal være et heltal"), value)
        if abs(value) > rules.MAX_INTEGER:
            raise bad(table, rowid, name, N_("tallet er urimeligt stort"), value)
        if (table, name) in BOOL_COLUMNS and value not in (0, 1):
            raise bad(table, rowid, name, N_("skal være 0 eller 1"), value)
        return
    if not isinstance(value, bytes):
        raise bad(table, rowid, name, N_("skal være en tekst"), value)
    long_column = (table, name) in LONG_COLUMNS
    if long_column and len(value) > rules.MAX_SNAPSHOT:
        raise bad(table, rowid, name, N_("teksten er for lang (højst {limit} tegn)"), None,
                  limit=_snapshot_limit)  # fmt: skip
    if not long_column and len(value) > 4 * rules.MAX_TEXT:
        raise bad(table, rowid, name, N_("teksten er for lang (højst {limit} tegn)"), value, limit=_text_limit)
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        raise bad(table, rowid, name, N_("teksten er ikke gyldig UTF-8"), value) from None
    if not long_column and len(text) > rules.MAX_TEXT:
        raise bad(table, rowid, name, N_("teksten er for lang (højst {limit} tegn)"), text, limit=_text_limit)
    if "\x00" in text:
        raise bad(table, rowid, name, N_("teksten indeholder et nul-tegn"), text)
    if name in decimals:
        if len(text) > rules.MAX_DECIMAL_TEXT or not _decimal_form().match(text):
            raise bad(table, rowid, name, N_("skal være et tal"), text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise bad(table, rowid, name, N_("skal være et tal"), text) from None
        exponent = number.as_tuple().exponent
        if not number.is_finite() or not isinstance(exponent, int):
            raise bad(table, rowid, name, N_("skal være et endeligt tal"), text)
        try:
            too_large = abs(number) > Decimal(10) ** 15
        except Overflow:  # beyond what the context holds (e.g. 751E795410927): certainly larger; not a crash
            too_large = True
        if too_large or exponent < -40:
            raise bad(table, rowid, name, N_("tallet er uden for hvad en plan kan rumme (højst 10^15, 40 decimaler)"),
                      text)  # fmt: skip
        return
    if (table, name) in DATE_COLUMNS:
        if not _iso_date_form().match(text):
            raise bad(table, rowid, name, N_("skal være en dato (ÅÅÅÅ-MM-DD)"), text)
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            raise bad(table, rowid, name, N_("skal være en dato (ÅÅÅÅ-MM-DD)"), text) from None
        return
    codes = CODE_COLUMNS.get((table, name))
    if codes is not None and text not in {c.value for c in codes}:
        raise bad(table, rowid, name, N_("ukendt kode"), text)
