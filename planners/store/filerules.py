"""What a plan file's values may be, and the words of a damaged file's refusal (issue 20): the limits and the kinds
of the columns, the tables of the lines and their children, shared by the checks of a file (`filecheck`), the text
of their statements (`checksql`) and the judging of values one by one (`valuecheck`). Nothing here reads a file.

The limits are read as attributes of this module (`filerules.MAX_TEXT`) where they are used, so a test may lower one
for every check at once.
"""

from __future__ import annotations

from planners.model import (
    AllocationKey,
    ApplicantType,
    ApprovalStatus,
    CommitmentStatus,
    CostCategory,
    FinancingSource,
    ProjectType,
    RoomType,
    RunningRate,
    Sector,
    TenantKind,
)
from planners.model.errors import RefusedFile
from planners.model.i18n import N_, Message

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    from enum import StrEnum

# Longest text a plan field may hold (a description of a few pages is far below); longer is damage or attack.
MAX_TEXT = 100_000
# The app's own JSON of a whole plan (the origin, a named version) or of one edit (the history) grows with the plan:
# a plan of 600 rooms writes ≈ 270.000 characters. Bounded by what SQLite itself stores in one value.
MAX_SNAPSHOT = 500_000_000
LONG_COLUMNS = {("origin", "snapshot"), ("version", "snapshot"), ("history", "forward"), ("history", "inverse")}
# Longest decimal text: 15 digits before the point and 40 after, a sign and a point, with room to spare.
MAX_DECIMAL_TEXT = 64
# Integers (counts, years, positions, row ids) beyond this are no plan's.
MAX_INTEGER = 10**15
EXCERPT = 40  # characters of a bad value quoted in a message

# Columns holding a Decimal as text (schema.dec): every other TEXT column is plain text or a code.
DECIMAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "plan": ("patients_per_gp",),
    "scenario": ("gross_factor",),
    "tenant": ("clinicians", "staff", "weekly_hours", "current_annual_rent"),
    "room": ("net_m2",),
    "room_share": ("percent",),
    "equipment": ("unit_price", "lifetime_years", "annual_service"),
    "equipment_share": ("percent",),
    "cost_line": ("amount", "per_m2", "m2", "percent", "grant_amount"),
    "cost_spread": ("percent",),
    "financing": ("amount", "interest_pct"),
    "running_rate": ("per_gross_m2",),
    "service": ("annual",),
    "service_share": ("percent",),
    "catalog_tenant_kind": ("m2_per_clinician",),
    "catalog_tenant_kind_room": ("rooms_per_clinician",),
    "catalog_room_type": ("default_net_m2",),
    "catalog_equipment": ("unit_price", "lifetime_years", "annual_service"),
    "catalog_running_rate": ("per_gross_m2",),
}
CODE_COLUMNS: dict[tuple[str, str], type[StrEnum]] = {
    ("plan", "applicant_type"): ApplicantType,
    ("plan", "project_type"): ProjectType,
    ("tenant", "kind"): TenantKind,
    ("tenant", "sector"): Sector,
    ("room", "type"): RoomType,
    ("room", "shared_key"): AllocationKey,
    ("equipment", "shared_key"): AllocationKey,
    ("service", "shared_key"): AllocationKey,
    ("cost_line", "category"): CostCategory,
    ("cost_of", "category"): CostCategory,
    ("financing", "source"): FinancingSource,
    ("running_rate", "rate"): RunningRate,
    ("catalog_running_rate", "rate"): RunningRate,
    ("catalog_tenant_kind", "kind"): TenantKind,
    ("catalog_tenant_kind", "sector"): Sector,
    ("catalog_tenant_kind_room", "room_type"): RoomType,
    ("catalog_room_type", "room_type"): RoomType,
    ("plan", "approval_status"): ApprovalStatus,
    ("tenant_commitment", "status"): CommitmentStatus,
    ("running_rate_source", "rate"): RunningRate,
}
# Columns holding a date as ISO text (version 5).
DATE_COLUMNS = {("plan", "approval_date"), ("milestone", "date"), ("tenant_commitment", "date")}
BOOL_COLUMNS = {("plan", "amounts_include_vat"), ("room", "vacant"), ("equipment", "in_project"),
                ("cost_line", "eligible"), ("financing", "repaid_by_rent")}  # fmt: skip

# Danish names of the tables (msgids), for messages a planner reads.
TABLE_DA = {
    "plan": N_("planen"), "plan_year": N_("planens år"), "partner": N_("partnere"), "scenario": N_("scenarier"),
    "tenant": N_("lejere"), "room": N_("rum"), "room_share": N_("rummenes andele"), "equipment": N_("udstyr"),
    "equipment_share": N_("udstyrets andele"), "cost_line": N_("anlægsudgifter"),
    "cost_of": N_("procentgrundlag"), "cost_spread": N_("fordeling på år"), "financing": N_("finansiering"),
    "running_rate": N_("driftssatser"), "service": N_("fælles ydelser"), "service_share": N_("ydelsernes andele"),
    "catalog_tenant_kind": N_("katalog: lejertyper"), "catalog_tenant_kind_room": N_("katalog: rumnormer"),
    "catalog_room_type": N_("katalog: rumtyper"), "catalog_equipment": N_("katalog: udstyr"),
    "catalog_running_rate": N_("katalog: driftssatser"),
    "milestone": N_("tidsplan"), "subproject": N_("delprojekter"), "tenant_commitment": N_("lejernes tilsagn"),
    "running_rate_source": N_("driftssatsernes kilder"),
}  # fmt: skip


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """At most `limit` characters of a value for a message, control and bidi characters shown as '?'."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    short = text[:limit]
    short = "".join("?" if _unsafe_char(c) else c for c in short)
    return short + ("…" if len(text) > limit else "")


def _unsafe_char(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")


def damaged(detail: str, /, **values: object) -> RefusedFile:
    """The refusal of a damaged plan; `detail` is a msgid (marked with N_) filled with `values`."""
    return RefusedFile(
        "Planen er beskadiget eller ændret uden for Sundhedshus og kan ikke åbnes: {detail}. "
        "Filen er ikke ændret; brug en sikkerhedskopi.",
        detail=Message.of(detail, **values),
    )


def row_label(table: str, rowid: object) -> Message:
    # A table unknown to TABLE_DA (never one of a checked plan) is named by itself, not translated.
    return Message.of(N_("tabel «{table}» ({name}), række {row}"), table=table,
                      name=Message.of(TABLE_DA.get(table, table)), row=rowid)  # fmt: skip


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# The separator joining a column's values for `filecheck._clean_in_sql`: a text literal, so SQLite appends it as it is
# (a blob separator, x'00', is converted to text, copied, for every value: ≈ 1 ms CPU of the large plan's rooms alone).
# Any character may be in a valid text but NUL, so a value holding the separator is told by the count: such a table is
# read value by value. The unit separator (U+001F), which no text of a plan needs.
JOIN = "\x1f"
JOIN_BYTE = JOIN.encode()

ForeignKey = tuple[str, tuple[str, ...], str, tuple[str, ...]]  # (table, its columns, parent table, parent's columns)

# A statement of `filecheck._clean_in_sql` with what reading its one row needs: (its text, the text columns joined in
# their order, the number of integer aggregates, the `LONG_COLUMNS` columns judged after it, the number of extras,
# whether the rowids' range is asked). Built by `checksql.clean_sql`; those of a one-scenario read kept in
# `schema_constant.SHOWN_SQL`.
CleanSql = tuple[str, tuple[str, ...], int, tuple[str, ...], int, bool]

# The lines' tables (a `scenario_id` each) and their children (their line's id): the rows judged per scenario.
LINE_ROW_TABLES = ("tenant", "room", "equipment", "cost_line", "financing", "service")
CHILD_ROW_TABLES: dict[str, tuple[str, str]] = {  # child table → (its column naming the line, the line's table)
    "room_share": ("room_id", "room"),
    "equipment_share": ("equipment_id", "equipment"),
    "service_share": ("service_id", "service"),
    "cost_of": ("cost_line_id", "cost_line"),
    "cost_spread": ("cost_line_id", "cost_line"),
}
SCOPED_TABLES = frozenset(LINE_ROW_TABLES) | frozenset(CHILD_ROW_TABLES)


def line_scope(table: str) -> str:
    """The shown scenario's rows of a line table (:sid): through the table's index by scenario, as `schema.read_lines`
    finds them (`PRAGMA quick_check` does not compare an index with its table, so a damaged one may point at any row:
    every query of one scenario goes through the same index with the same key and meets the same rows, and the reader's
    are checked against those judged, `filecheck.judged_ids`)."""
    return f"INDEXED BY {table}_by_scenario WHERE scenario_id = :sid"


def _child_scope(table: str, column: str) -> str:
    """The child rows whose line is one judged (:room, :cost_line …: the judged rowids as a JSON array), by the value
    stored in the table itself (scanned NOT INDEXED, as the reader reads them for one scenario)."""
    return f"+{column} IN (SELECT value FROM json_each(:{CHILD_ROW_TABLES[table][1]}))"


def scope_of(table: str) -> tuple[str, str]:
    """(access, where) of a table's rows in scope (`line_scope`, `_child_scope`)."""
    if table in LINE_ROW_TABLES:
        access, where = line_scope(table).split(" WHERE ")
        return access, where
    return "NOT INDEXED", _child_scope(table, CHILD_ROW_TABLES[table][0])


