"""The text of the statements that judge a plan file in SQLite (issue 19.4, 20.2): the conditions on each column's
values (`clean_sql`, run by `filecheck._clean_in_sql`), the rules of `scenario_validation.validate_scenario` over every
scenario's lines (`rule_queries`) and over the shown scenario's rows (`shown_extras`, `own_rules_sql`), and the
foreign keys a one-scenario read relies on (`shown_reference_parts`). Built from the schema and the limits and codes
of `planners.model`.

A one-scenario read (`summary`, `check`) builds none of them: they are generated ahead into
`schema_constant.SHOWN_SQL` (`schema_gen`), and this module is imported only where a statement is not found there
(the whole file's checks, a schema equal to ours column by column only, a statement that failed) and by the
generator.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from planners.model import CostCategory, FinancingSource
from planners.store import filerules as rules
from planners.store.filerules import (
    BOOL_COLUMNS,
    CHILD_ROW_TABLES,
    CODE_COLUMNS,
    DATE_COLUMNS,
    JOIN,
    LINE_ROW_TABLES,
    LONG_COLUMNS,
    SCOPED_TABLES,
    CleanSql,
    ForeignKey,
    line_scope,
    quote,
    sql_text,
)


def rowid_alias(cols: dict[str, tuple[str, str, int, str | None, int]]) -> str | None:
    """The column that is the table's rowid (`id INTEGER PRIMARY KEY`): the one key column, of type INTEGER. The
    file's schema equals ours (`filecheck.check_schema` passed before any value is judged): a WITHOUT ROWID table or a
    key declared DESC, the cases where such a column is not the rowid, has an index of its key the app's tables have
    not."""
    keys = [c for c in cols.values() if c[4]]
    return keys[0][0] if len(keys) == 1 and keys[0][1] == "INTEGER" else None



def _column_ok_sql(table: str, name: str, decl: str, decimals: set[str], required: bool = False) -> str:
    """An SQL condition true (1) only where the column's value certainly passes `valuecheck.check_value`: a cautious
    over-approximation of the refusals (a value it doubts is checked by `valuecheck.check_value` itself, which then
    decides and words the refusal). Comparisons are in BINARY, whatever the column's collation.
    An INTEGER column's condition holds for any number in range, a REAL too: that its values are integers is
    judged once per table by `_integers_sql` (a function per value, `typeof`, cost more than the rest of the
    condition). `required` (the schema says NOT NULL): a NULL is doubted too, so the sum over the row adds up."""
    c = quote(name)
    if decl == "INTEGER":
        # Without affinity (+), a text or blob sorts after every number: only a number in range passes.
        low = 0 if (table, name) in BOOL_COLUMNS else -rules.MAX_INTEGER
        high = 1 if (table, name) in BOOL_COLUMNS else rules.MAX_INTEGER
        ok = f"+{c} BETWEEN {low} AND {high}"
        return f"({ok})" if required else f"({c} IS NULL OR ({ok}))"
    # A TEXT value, by comparisons alone (a function per value costs more than the rest of the scan): without
    # affinity (+), numbers sort before any text and blobs after it. NUL bytes, UTF-8, the length and a decimal's
    # form are judged in Python on the column's values joined (`filecheck._clean_in_sql`).
    ok = f"+{c} >= '' AND +{c} < x''"
    if (table, name) in LONG_COLUMNS:
        # The same judgement (a TEXT value) without loading the value: a snapshot of an XL plan is 5 MB, and a
        # comparison reads all of it (typeof reads the record's header only).
        ok = f"typeof({c}) = 'text'"
    if (table, name) in DATE_COLUMNS:
        # date() with a modifier moves an impossible day (02-30) on, so it differs from the text.
        ok += (f" AND {c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND {c} >= '0001' COLLATE BINARY"
               f" AND date({c}, '+0 days') = {c} COLLATE BINARY")
    codes = CODE_COLUMNS.get((table, name))
    if codes is not None:
        ok += f" AND {c} COLLATE BINARY IN ({', '.join(sql_text(str(x.value)) for x in codes)})"
    return f"({c} IS NULL OR ({ok}))"



def _integers_sql(decls: dict[str, str], required: Collection[str]) -> list[str]:
    """Aggregates whose every value is 'integer' (or 'null': no value) only where every value of the INTEGER columns
    is an integer, given that each row passed `_column_ok_sql`: sum() is an integer exactly when every value it adds
    is one (SQLite: any other value makes it a REAL). The NOT NULL columns of a row are added into one sum (no NULL
    passed their condition); each other column has its own (sum() skips its NULLs). An integer overflow is an
    error: the caller then reads the table value by value."""
    ints = [n for n, d in decls.items() if d == "INTEGER"]
    summed = [quote(n) for n in ints if n in required]
    out = [f"typeof(sum({' + '.join(summed)}))"] if summed else []
    return out + [f"typeof(sum({quote(n)}))" for n in ints if n not in required]


def clean_sql(table: str, decls: dict[str, str], decimals: Collection[str], required: Collection[str] = (),
               rowid_alias: str | None = None, scope: tuple[str, str] | None = None,
               extras: tuple[str, ...] = ()) -> CleanSql:  # fmt: skip
    """The statement `filecheck._clean_in_sql` runs (see there); `scope`: (access, where) of the rows in scope."""
    per_row = {n: d for n, d in decls.items() if n != rowid_alias}
    conditions = " AND ".join(_column_ok_sql(table, n, d, set(decimals), n in required)
                              for n, d in per_row.items()) or "1"  # fmt: skip
    integers = _integers_sql(per_row, required)
    # A code or a date that SQLite found equal to one of ours is plain ASCII: only the other texts are read.
    texts = [n for n, d in decls.items() if d != "INTEGER" and (table, n) not in CODE_COLUMNS
             and (table, n) not in DATE_COLUMNS and (table, n) not in LONG_COLUMNS]  # fmt: skip
    # Each value joined as the TEXT it is (every row counted passed its condition: a TEXT or NULL): the bytes stored,
    # as `CAST(… AS BLOB)` gave them, without a conversion and a copy per value (≈ 0,5 ms of the large plan's rooms).
    # The file is UTF-8, so no text is translated on the way: `check_objects` refuses a UTF-16 file (its schema's
    # `type` column, read as stored bytes, is never 'table'; test_filecheck_join).
    joined = "".join(f", group_concat({quote(n)}, '{JOIN}'), count({quote(n)})" for n in texts)
    joined += "".join(f", {i}" for i in integers)
    if scope is not None:
        # One pass over the rows in scope: those passing every condition counted against all of them (any row failing
        # one is a doubt before its joined text is looked at), the rowids judged, and their range.
        if rowid_alias is not None:
            joined += ", group_concat(rowid), min(rowid), max(rowid)"
        joined += "".join(f", {e}" for e in extras)
        sql = (f"SELECT count(CASE WHEN {conditions} THEN 1 END), count(*){joined} FROM {quote(table)} "
               f"{scope[0]} WHERE {scope[1]}")  # fmt: skip
    else:
        if rowid_alias is not None:
            joined += f", (SELECT min(rowid) FROM {quote(table)} NOT INDEXED), (SELECT max(rowid) FROM " \
                      f"{quote(table)} NOT INDEXED)"
        # One statement, one scan: the rows whose every condition holds (CASE WHEN judges them as jumps, each
        # stopping at its first answer, and takes NULL as a doubt), counted against all rows, and their texts joined.
        sql = (f"SELECT count(*), (SELECT count(*) FROM {quote(table)} NOT INDEXED){joined} FROM {quote(table)} "
               f"NOT INDEXED WHERE CASE WHEN {conditions} THEN 1 ELSE 0 END")  # fmt: skip
    longs = tuple(n for n in decls if (table, n) in LONG_COLUMNS)
    return sql, tuple(texts), len(integers), longs, len(extras), rowid_alias is not None

# --- the validation rules, proved in SQL for every scenario at once (issue 19.4) ----------------------------
#
# The open reads in Python only the scenario shown. Every scenario must still be refused where
# `scenario_validation.validate_scenario` would refuse it, and must be readable later without a surprise: so SQLite judges
# every rule of the line validation for all scenarios at once, as `filecheck._clean_in_sql` judges the values. Like
# it, the SQL only over-approximates: a condition true (1) only where the rule certainly holds; a scenario with any
# row in doubt is read and validated in Python by the unchanged code (`planfile`), which decides and words any
# refusal. Preconditions: `filecheck.check_schema`, `filecheck.check_values` and `filecheck.check_references` have
# passed on the same snapshot (every value has its column's type, a decimal is short decimal text, a code is known, a
# reference resolves); the SQL relies on them and checks what they leave open (NULL in a NOT NULL column, ranges,
# placements, duplicates, the catalog). Only comparisons, CAST and arithmetic per row (no function per value where it
# can be helped): opening the XL plan judges 85.000 lines.

# Python's whitespace has no character in U+0021–U+007E nor in U+00C0–U+00FF (first byte 0xC3 in UTF-8): a text
# starting there certainly has something left after `str.strip()`. Any other text is doubted.
_VISIBLE = "(({c} >= '!' AND {c} < '\x7f') OR ({c} >= '\u00c0' AND {c} < '\u0100'))"


def _visible(column: str) -> str:
    return _VISIBLE.format(c=column)


def _dec_sql(column: str, positive: bool, limit: int, optional: bool = False) -> str:
    """A decimal column (checked text: `filecheck.check_values`) > 0 (or ≥ 0) and ≤ `limit`, judged on its REAL value,
    computed once (BETWEEN): the sign of a checked decimal text is exact in a double, and a positive one is at least
    10^-40; the bound holds only with a margin (a double may round a long text up to the bound or down), and the bound
    itself only as one of its own plain texts."""
    low = "1e-41" if positive else "0"
    exact = ", ".join(sql_text(f"{limit}{tail}") for tail in ("", ".0", ".00", ".000"))
    cond = f"CAST({column} AS REAL) BETWEEN {low} AND {float(limit) * (1 - 1e-9)!r} OR {column} IN ({exact})"
    return f"({column} IS NULL OR {cond})" if optional else f"({cond})"


def _int_sql(column: str, low: int, high: int, optional: bool = False) -> str:
    cond = f"{column} BETWEEN {low} AND {high}"
    return f"({column} IS NULL OR {cond})" if optional else f"({cond})"


def _doubt(conds: list[str]) -> str:
    """True where not every condition is certainly true (false or NULL). CASE WHEN judges its condition as a jump:
    AND and OR stop at the first answer (in a value, SQLite would compute every operand of every row)."""
    return f"CASE WHEN {' AND '.join(conds)} THEN 0 ELSE 1 END"


def _line_rules() -> dict[str, list[str]]:
    """Per line table, the conditions every row must meet (`scenario_validation.validate_scenario`'s rules; a row failing or
    leaving one NULL is a doubt, `_doubt`), of the row's own columns, unqualified."""
    from planners.model import readiness
    from planners.model import value_rules as v

    own = ", ".join(sql_text(s.value) for s in FinancingSource if s is FinancingSource.LOAN or s.is_own)
    return {
        "tenant": [
            _visible("code"), _visible("name"), _dec_sql("clinicians", False, v.MAX_PERSONS),
            _dec_sql("staff", False, v.MAX_PERSONS), _int_sql("listed_patients", 0, v.MAX_PATIENTS),
            _int_sql("provider_numbers", 0, v.MAX_COUNT), _dec_sql("weekly_hours", False, v.HOURS_A_WEEK, True),
            _dec_sql("current_annual_rent", False, v.MAX_PRICE, True),
        ],
        "room": [
            _int_sql("count", 1, v.MAX_COUNT), _dec_sql("net_m2", True, v.MAX_AREA_M2),
            "(tenant IS NOT NULL) + (shared_key IS NOT NULL) + vacant = 1",
        ],
        "equipment": [
            _visible("item"), _int_sql("quantity", 1, v.MAX_QUANTITY), _dec_sql("unit_price", False, v.MAX_PRICE),
            _dec_sql("lifetime_years", True, v.MAX_YEARS), _dec_sql("annual_service", False, v.MAX_PRICE),
            "(tenant IS NOT NULL) + (shared_key IS NOT NULL) = 1",
            f"(item = {sql_text(v.CUSTOM_ITEM)} OR item IN (SELECT item FROM catalog_equipment NOT INDEXED "
            "WHERE item IS NOT NULL))",
        ],
        "cost_line": [
            _dec_sql("amount", False, v.MAX_AMOUNT, True), _dec_sql("per_m2", False, v.MAX_RATE_M2, True),
            _dec_sql("m2", True, v.MAX_AREA_M2 * 100, True), _dec_sql("percent", False, v.MAX_PERCENT_OF, True),
            _dec_sql("grant_amount", False, v.MAX_AMOUNT, True),
            "((amount IS NOT NULL) + (per_m2 IS NOT NULL) + (percent IS NOT NULL) = 1 OR (amount IS NULL AND "
            f"per_m2 IS NULL AND percent IS NULL AND category = {sql_text(CostCategory.EQUIPMENT.value)}))",
            "(m2 IS NULL OR per_m2 IS NOT NULL)",
            # A percent line has its bases (the converse: each row of cost_of, below).
            "(percent IS NULL OR id IN (SELECT cost_line_id FROM cost_of NOT INDEXED))",
            f"(subproject IS NULL OR length(subproject) <= {readiness.MAX_NAME})",
            f"length(source) <= {readiness.MAX_SOURCE}",
        ],
        "financing": [
            _dec_sql("amount", False, v.MAX_AMOUNT), _dec_sql("interest_pct", False, 100),
            _int_sql("years", 1, v.MAX_YEARS, True),
            f"NOT (repaid_by_rent = 1 AND source IN ({own}) AND years IS NULL)",
        ],
        "service": [_visible("name"), _dec_sql("annual", False, v.MAX_PRICE)],
    }


def _share_conds(child: str, line: str) -> list[str]:
    """A share (row `child`) of a line (row `line`): its scenario is its line's; shares only with the custom key; each
    0–100 %."""
    return [f"{child}.scenario_id = {line}.scenario_id", f"{line}.shared_key IS 'custom'",
            _dec_sql(f"{child}.percent", False, 100)]


def _spread_conds(child: str) -> list[str]:
    from planners.model import value_rules as v

    return [_int_sql(f"{child}.year", v.MIN_YEAR, v.MAX_YEAR), _dec_sql(f"{child}.percent", False, 100)]


def _rule_queries(scoped: bool = False) -> list[str]:
    """Queries returning the ids of the scenarios with a row in doubt (one query per table, each a single scan).
    `scoped`: only the queries of the scenarios' own tables, which judge every row (`filecheck.judge_shown` judges the
    rows of the lines' tables and their children in scope in its own statements, `shown_extras`)."""
    from planners.model import readiness
    from planners.model import value_rules as v

    lines = _line_rules()

    def rows(table: str, conds: list[str]) -> str:
        # NOT INDEXED: the table itself is read (a damaged index could leave rows out), in one scan.
        return f"SELECT scenario_id FROM {table} NOT INDEXED WHERE {_doubt(conds)}"

    def shares(table: str, column: str, line_table: str) -> str:
        # CROSS JOIN keeps the order: every share row read from its table, its line found by row id.
        return (f"SELECT l.scenario_id FROM {table} s NOT INDEXED CROSS JOIN {line_table} l ON l.id = s.{column} "
                f"WHERE {_doubt(_share_conds('s', 'l'))}")

    first_day, after_last = f"{readiness.FIRST_YEAR:04d}-01-01", f"{readiness.LAST_YEAR + 1:04d}-01-01"
    scenario_conds = [
        _visible("name"), _dec_sql("gross_factor", True, v.MAX_FACTOR), f"length(notes) <= {readiness.MAX_NOTES}",
        # A name used twice (the unique index may be damaged: the table itself is searched).
        "NOT EXISTS (SELECT 1 FROM scenario o NOT INDEXED WHERE o.name = scenario.name AND o.id <> scenario.id)",
    ]
    own_tables = [
        f"SELECT id FROM scenario NOT INDEXED WHERE {_doubt(scenario_conds)}",
        rows("running_rate", [_dec_sql("per_gross_m2", False, v.MAX_RATE_M2)]),
        rows("running_rate_source", [f"length(source) <= {readiness.MAX_SOURCE}"]),
        rows("tenant_commitment", [f"(date IS NULL OR (date >= '{first_day}' AND date < '{after_last}'))"]),
    ]
    if scoped:
        return own_tables
    return [
        own_tables[0],
        rows("tenant", lines["tenant"]),
        # A duplicated id (the unique index may be damaged: the table itself is grouped, no index used).
        "SELECT scenario_id FROM tenant NOT INDEXED GROUP BY scenario_id, code HAVING count(*) > 1",
        rows("room", lines["room"]),
        rows("equipment", lines["equipment"]),
        rows("cost_line", lines["cost_line"]),
        ("SELECT l.scenario_id FROM cost_of s NOT INDEXED CROSS JOIN cost_line l ON l.id = s.cost_line_id "
         "WHERE l.percent IS NULL"),
        (f"SELECT l.scenario_id FROM cost_spread s NOT INDEXED CROSS JOIN cost_line l ON l.id = s.cost_line_id WHERE "
         f"{_doubt(_spread_conds('s'))}"),
        rows("financing", lines["financing"]),
        rows("service", lines["service"]),
        shares("room_share", "room_id", "room"),
        shares("equipment_share", "equipment_id", "equipment"),
        shares("service_share", "service_id", "service"),
        *own_tables[1:],
    ]


@cache
def shown_extras(keys: tuple[ForeignKey, ...] | None = None) -> dict[str, tuple[str, str]]:
    """Per table of `SCOPED_TABLES`, two aggregates over its rows in scope that `filecheck.judge_shown` adds to the
    statement judging their values (`filecheck._clean_in_sql`, `filecheck.Scope`), so each table is read once: the
    rows in doubt under the rules (`_rule_queries`' conditions for these rows) and the rows whose foreign key naming
    one of the shown scenario's tenants may be broken (`_scoped_key`; the other keys are checked whole,
    `filecheck._shown_references_sql`). Each is 0 where nothing is found. A child's line is found by its row id, as
    the whole rule query joins it (a child whose line is missing is a doubt here; the whole check finds it as a broken
    key). `keys`: the schema's foreign keys (`schema_constant.FOREIGN_KEYS`, or those being generated)."""
    if keys is None:
        from planners.store import schema_constant

        keys = schema_constant.FOREIGN_KEYS

    def doubts(conds: list[str]) -> str:
        return f"count(CASE WHEN {' AND '.join(conds)} THEN NULL ELSE 1 END)"

    def line_of(child: str, column: str, line: str, conds: list[str]) -> str:
        return f"NOT EXISTS (SELECT 1 FROM {line} l WHERE l.id = {child}.{column} AND {' AND '.join(conds)})"

    rules = {table: doubts(conds) for table, conds in _line_rules().items()}
    rules["tenant"] += " + (count(code) - count(DISTINCT code))"  # a duplicated id (the rows themselves, no index)
    for child, (column, line) in CHILD_ROW_TABLES.items():
        if child.endswith("_share"):
            rules[child] = f"count(CASE WHEN {line_of(child, column, line, _share_conds(child, 'l'))} THEN 1 END)"
    rules["cost_of"] = f"count(CASE WHEN {line_of('cost_of', 'cost_line_id', 'cost_line', ['l.percent IS NOT NULL'])}" \
                       " THEN 1 END)"
    rules["cost_spread"] = doubts(_spread_conds("cost_spread"))
    broken: dict[str, list[str]] = {}
    for table, columns, parent, parent_keys in keys:
        if _scoped_key(table, parent):
            broken.setdefault(table, []).append(_broken_sql(table, columns, parent, parent_keys))
    return {t: (rules[t], f"count(CASE WHEN {' OR '.join(broken[t])} THEN 1 END)" if t in broken else "0")
            for t in SCOPED_TABLES}


@cache
def rule_queries(scoped: bool = False) -> tuple[str, ...]:
    return tuple(_rule_queries(scoped))


def _broken_sql(table: str, columns: tuple[str, ...], parent: str, keys: tuple[str, ...]) -> str:
    """True for a row of `table` whose foreign key (`columns` → `parent`'s `keys`) may name no row, as `PRAGMA
    foreign_key_check` finds it (a key with a NULL part is not checked; the file's values were judged, each has its
    column's type, and every key is BINARY). The parent's keys are one set, made once (a subquery per row cost more
    than the whole PRAGMA); a line's tenant is looked for among the shown scenario's tenants (`_scoped_key`: every row
    in scope belongs to it, and one that does not is a doubt the whole check decides)."""
    given = " AND ".join(f"{table}.{c} IS NOT NULL" for c in columns)
    scope = line_scope(parent) if _scoped_key(table, parent) else "NOT INDEXED"
    found = f"SELECT {', '.join(keys)} FROM {parent} {scope}"
    return f"({given} AND ({', '.join(f'{table}.{c}' for c in columns)}) NOT IN ({found}))"


def _scoped_key(table: str, parent: str) -> bool:
    """Whether a foreign key of `table` is checked only on the rows of the shown scenario (`filecheck.judge_shown`'s
    scope, `shown_extras`): a line's or a child's key naming one of the scenario's own tenants or lines other than the
    child's own line. The keys that place a row in a scenario or under a line (`scenario_id`, a child's line id) are
    checked for every row (`filecheck._shown_references_sql`): a row naming no scenario or line belongs to none, and
    might be one of the shown scenario's, damaged (the file less the other scenarios' lines is refused for it:
    `tests.fuzzing`)."""
    return table in SCOPED_TABLES and parent in LINE_ROW_TABLES and CHILD_ROW_TABLES.get(table, ("", ""))[1] != parent


def shown_reference_parts(keys: tuple[ForeignKey, ...] | None = None) -> tuple[tuple[str, str], ...]:
    """The parts of `filecheck._shown_references_sql`, each with the table whose rows it asks ("" for the plan's one
    row), in the statement's order; `keys`: the schema's foreign keys (`schema_constant.FOREIGN_KEYS`, or those being
    generated)."""
    if keys is None:
        from planners.store import schema_constant

        keys = schema_constant.FOREIGN_KEYS
    whole: dict[str, list[str]] = {}
    for table, columns, parent, parent_keys in keys:
        if not _scoped_key(table, parent):
            whole.setdefault(table, []).append(_broken_sql(table, columns, parent, parent_keys))
    parts = [("", "(SELECT count(*) FROM plan) <> 1")]
    for table in LINE_ROW_TABLES:
        if whole.pop(table, None) is None:
            continue
        lines = f"SELECT 1 FROM {table} INDEXED BY {table}_by_scenario WHERE scenario_id"
        parts += [(table, f"EXISTS (SELECT 1 FROM _scenario_gaps g WHERE EXISTS ({lines} > g.a AND scenario_id < g.b))"),
                  (table, f"EXISTS ({lines} < (SELECT min(id) FROM scenario))"),
                  (table, f"EXISTS ({lines} > (SELECT max(id) FROM scenario))")]
    for child, (column, line) in CHILD_ROW_TABLES.items():
        if whole.pop(child, None) is not None:
            parts.append((child, f"EXISTS (SELECT 1 FROM {child} c NOT INDEXED LEFT JOIN {line} l ON l.id = "
                                 f"c.{column} WHERE c.{column} IS NOT NULL AND l.id IS NULL)"))
    for table, broken in sorted(whole.items()):
        parts.append((table, f"EXISTS (SELECT 1 FROM {table} NOT INDEXED WHERE {' OR '.join(broken)})"))
    return tuple(parts)



@cache
def own_rules_sql() -> str:
    """True where a row of the scenarios' own tables is in doubt (`_rule_queries(scoped=True)`), in one statement."""
    return "SELECT " + " OR ".join(f"EXISTS ({q})" for q in rule_queries(True))
