"""The annex's sheet "Tidsplan og tilsagn" (issue 16.6): what a case officer asks for besides the budget.

The applicant (name, CVR, EAN), who signs and who leads the project, the political approval, the timetable, the
tenants' commitments, the sub-projects with their cost and grant, and the grant applied for per budget line and
per year. The per-line grants are inputs (blue on yellow, as every input); each year's grant is a live formula,
the line's grant × the line's share of that year on the sheet Anlægsbudget (so it follows the line's spread, or
the even spread, as the budget does), and the control below the table sets the lines' total against the grant of
the financing. A sub-project's cost and grant are sums of its lines' cells.

The sheet is added only once the application is begun (`planners.checks.findings.application_begun`): an annex of
a plan still being sketched keeps its sheets as before.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planners.exports.annex.layout import BUDGET, FINANCING, Layout
from planners.exports.annex.style import (
    BOLD_FONT,
    COUNT,
    HEADING_FONT,
    KR,
    NOTE_FONT,
    WRAP,
    fit_height,
    header_row,
    put_formula,
    put_label,
    put_number,
    put_text,
    ref,
    total_style,
)
from planners.model import CommitmentStatus, FinancingSource, Plan
from planners.model.glossary import APPROVAL_NAMES, COMMITMENT_NAMES

APPLICATION = "Tidsplan og tilsagn"
APPLICATION_CONTENTS = "ansøger, underskriver, politisk godkendelse, tidsplan, lejernes tilsagn, delprojekter og " \
                       "tilskud pr. post og år"
# Column widths in characters: a name column, then amounts (a "12.469.154 kr." needs 13–14).
WIDTHS = {"A": 10, "B": 30, "C": 18, "D": 15}  # A holds "Prioritet" whole (no word broken, 16.5)
YEAR_WIDTH = 14
NAME_WIDTH = WIDTHS["B"]


def _date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else ""  # type: ignore[attr-defined]


def write_application(ws: Worksheet, plan: Plan, lay: Layout) -> None:
    """The sheet's content from row 4 (rows 1–2 hold its title). Every amount is a formula or an input."""
    sc = lay.scenario
    row = 4
    header_row(ws, row, ["", "Ansøgningen", "", ""])
    people = (
        ("Ansøger", plan.applicant.name),
        ("CVR-nummer", plan.cvr),
        ("EAN-nummer", plan.ean),
        ("Tegningsberettiget", ", ".join(x for x in (plan.signatory.name, plan.signatory.title) if x)),
        ("E-mail (tegningsberettiget)", plan.signatory.email),
        ("Projektleder", ", ".join(x for x in (plan.project_leader.name, plan.project_leader.title) if x)),
        ("E-mail (projektleder)", plan.project_leader.email),
        ("Politisk godkendelse", APPROVAL_NAMES[plan.approval.status]
         + (f" ({_date(plan.approval.date)})" if plan.approval.date else "")),
    )  # fmt: skip
    for label, value in people:
        row += 1
        put_label(ws, row, 2, label, font=BOLD_FONT)
        put_text(ws, row, 3, value, user=label != "Politisk godkendelse", wrap=True)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        fit_height(ws, row, [(value, WIDTHS["C"] + WIDTHS["D"])])

    row += 2
    put_label(ws, row, 2, "Tidsplan", font=HEADING_FONT)
    row += 1
    header_row(ws, row, ["Nr.", "Milepæl", "Dato", "Note"])
    if not plan.milestones:
        row += 1
        put_label(ws, row, 2, "Ingen milepæle angivet", font=NOTE_FONT)
    for i, m in enumerate(plan.milestones):
        row += 1
        put_number(ws, row, 1, i + 1, COUNT)
        put_text(ws, row, 2, m.name, wrap=True)
        put_label(ws, row, 3, _date(m.date))
        put_text(ws, row, 4, m.note, wrap=True)
        fit_height(ws, row, [(m.name, WIDTHS["B"]), (m.note, WIDTHS["D"])])

    row += 2
    put_label(ws, row, 2, f"Lejernes tilsagn (scenarie «{sc.name}»)", font=HEADING_FONT)
    ws.cell(row=row, column=2).alignment = WRAP
    row += 1
    header_row(ws, row, ["Nr.", "Lejer", "Tilsagn", "Dato"])
    if not sc.tenants:
        row += 1
        put_label(ws, row, 2, "Ingen lejere", font=NOTE_FONT)
    for i, tenant in enumerate(sc.tenants):
        row += 1
        commitment = sc.commitments.get(tenant.id)
        status = commitment.status if commitment is not None else CommitmentStatus.NONE
        put_number(ws, row, 1, i + 1, COUNT)
        put_text(ws, row, 2, tenant.name, wrap=True)
        put_label(ws, row, 3, COMMITMENT_NAMES[status])
        ws.cell(row=row, column=3).alignment = WRAP
        put_label(ws, row, 4, _date(commitment.date) if commitment is not None else "")
        fit_height(ws, row, [(tenant.name, WIDTHS["B"]), (COMMITMENT_NAMES[status], WIDTHS["C"])])

    # --- the grant per line and per year ------------------------------------------------------------------
    row += 2
    put_label(ws, row, 2, "Tilskud pr. post og år", font=HEADING_FONT)
    row += 1
    years = lay.years
    header_row(ws, row, ["Nr.", "Post", "Delprojekt", "Tilskud", *(f"Tilskud {y}" for y in years)])
    first = row + 1
    grant_cells: dict[int, str] = {}
    for i, line in enumerate(sc.costs):
        row += 1
        budget_row = lay.b_first + i
        put_number(ws, row, 1, i + 1, COUNT)
        put_text(ws, row, 2, line.text, wrap=True)
        put_text(ws, row, 3, line.subproject or "", wrap=True)
        put_number(ws, row, 4, line.grant, KR, is_input=True)
        grant_cells[i] = f"$D${row}"
        for k in range(len(years)):
            spread = ref(BUDGET, lay.spread_col(k), budget_row)
            put_formula(ws, row, 5 + k, f"$D{row}*{spread}", KR)
        fit_height(ws, row, [(line.text, WIDTHS["B"]), (line.subproject or "", WIDTHS["C"])])
    if not sc.costs:
        row += 1
        put_label(ws, row, 2, "Ingen anlægsudgifter", font=NOTE_FONT)
    last = row
    row += 1
    total_row = row
    put_label(ws, row, 2, "I alt")
    for c in range(4, 5 + len(years)):
        letter = get_column_letter(c)
        put_formula(ws, row, c, f"SUM({letter}{first}:{letter}{last})", KR)
    total_style(ws, row, 1, 4 + len(years))
    row += 1
    put_label(ws, row, 2, "Tilskud i finansieringen")
    put_formula(ws, row, 4, ref(FINANCING, 4, lay.f_sources[FinancingSource.GRANT]), KR)
    row += 1
    put_label(ws, row, 2, "Forskel (skal være 0)")
    put_formula(ws, row, 4, f"D{total_row}-D{row - 1}", KR)

    # --- sub-projects ------------------------------------------------------------------------------------
    row += 2
    put_label(ws, row, 2, "Delprojekter", font=HEADING_FONT)
    row += 1
    header_row(ws, row, ["Prioritet", "Delprojekt", "Anlægsudgift", "Tilskud"])
    if not plan.subprojects:
        row += 1
        put_label(ws, row, 2, "Ingen delprojekter", font=NOTE_FONT)
    for sp in plan.subprojects:
        row += 1
        lines = [i for i, line in enumerate(sc.costs) if line.subproject == sp.name]
        put_number(ws, row, 1, sp.priority, COUNT)
        put_text(ws, row, 2, sp.name, wrap=True)
        cost = "+".join(ref(BUDGET, 9, lay.b_first + i) for i in lines) or "0"
        grant = "+".join(grant_cells[i] for i in lines) or "0"
        put_formula(ws, row, 3, cost, KR)
        put_formula(ws, row, 4, grant, KR)
        fit_height(ws, row, [(sp.name, WIDTHS["B"])])
    row += 2
    text = ("Ved et mindre tilskud udgår delprojektet med det højeste prioritetsnummer først. Tilskud pr. år er "
            "postens tilskud fordelt som posten på fanen Anlægsbudget.")
    put_label(ws, row, 2, text, font=NOTE_FONT)
    ws.cell(row=row, column=2).alignment = WRAP
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    fit_height(ws, row, [(text, NAME_WIDTH + WIDTHS["C"] + WIDTHS["D"])])


def application_widths(lay: Layout) -> dict[str, int]:
    out: dict[str, int] = dict(WIDTHS)
    for k in range(len(lay.years)):
        out[get_column_letter(5 + k)] = YEAR_WIDTH
    return out
