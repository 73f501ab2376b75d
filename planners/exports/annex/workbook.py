"""The Excel application annex (ansøgningsbilag, DESIGN §7): one workbook for one scenario.

`build_workbook(plan, scenario)` makes the workbook in memory (the tests read it); `write_annex(plan, target,
scenario)` writes it safely (a temporary file beside the target, moved into place; a read-only or open target
is refused with a Danish message and left as it was).

The sheets (Danish): Forside, Anlægsbudget, Finansiering, Rumprogram, Lejere, Udstyr, Drift og husleje,
Forudsætninger, Fund. Every total, share, annuity, allocation and rent is a live formula over input cells
(`planners.exports.annex.sheets`); the eleven scalar figures of the summary are workbook-level defined names spelled as
their JSON keys (`net_m2`, `grant_share`, …), each pointing at its formula cell. Recalculated by a spreadsheet,
the workbook gives the engine's figures (tests/planners/test_annex_recalc.py).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from planners import __version__
from planners.exports import palette
from planners.exports.annex import changes as changes_sheet
from planners.exports.annex.application import (
    APPLICATION,
    APPLICATION_CONTENTS,
    application_widths,
    write_application,
)
from planners.exports.annex.controls import SUMMARY_ROWS, add_validations, write_controls, write_summary
from planners.exports.annex.layout import (
    ASSUMPTIONS,
    BUDGET,
    COVER,
    EQUIPMENT,
    FINANCING,
    FINDINGS,
    ROOMS,
    RUNNING,
    SCENARIOS,
    SHEETS,
    TENANTS,
    Layout,
    make_layout,
)
from planners.exports.annex.printing import print_readable
from planners.exports.annex.sheets import (
    comparison_columns,
    write_assumptions,
    write_budget,
    write_comparison,
    write_equipment,
    write_financing,
    write_rooms,
    write_running,
    write_tenants,
)
from planners.exports.annex.style import (
    BODY_FONT,
    BOLD_FONT,
    COVER_TITLE_FONT,
    HEADING_FONT,
    KR,
    M2,
    NOTE_FONT,
    PCT,
    SUBTITLE_FONT,
    WRAP,
    clean_text,
    fit_height,
    header_row,
    print_setup,
    put_formula,
    put_label,
    put_text,
    ref,
    title,
    widths,
)
from planners.exports.annex.xlsx import save_with_values
from planners.exports.annex.years import YEARS_CONTENTS, YEARS_SHEET, wanted, write_years, years_widths
from planners.model import Finding, Level, Plan, Ref
from planners.model.results import ScenarioFigures
from planners.store.safewrite import atomic_target

# The eleven scalar figures (DESIGN §6) in the summary's order, with their Danish label on the cover.
SCALAR_LABELS: dict[str, tuple[str, str]] = {
    "net_m2": ("Nettoareal", M2),
    "gross_m2": ("Bruttoareal", M2),
    "establishment_total": ("Anlægsudgifter i alt", KR),
    "eligible_total": ("Heraf tilskudsberettigede udgifter", KR),
    "grant": ("Ansøgt tilskud fra puljen", KR),
    "financing_total": ("Finansiering i alt", KR),
    "annual_cost_total": ("Årlige udgifter i alt (husleje, udstyr og ydelser)", KR),
    "rent_per_gross_m2": ("Husleje pr. brutto m² pr. år", KR),
    "rent_per_gross_m2_without_grant": ("Husleje pr. brutto m² pr. år uden tilskud", KR),
    "vacancy_cost": ("Ejerens udgift til tomgang pr. år", KR),
    "grant_share": ("Tilskudsandel af de tilskudsberettigede udgifter", PCT),
}

SHEET_CONTENTS: dict[str, str] = {
    BUDGET: "anlægsudgifter pr. linje, kategori og år; tilskudsberettigede og ikke tilskudsberettigede",
    FINANCING: "finansiering pr. kilde, tilskudsandel og ydelser på lån",
    ROOMS: "rumprogrammet: rum, arealer, brugere og fælles arealer",
    TENANTS: "lejerne: fordelte arealer, årlige udgifter og opgørelse pr. lejer",
    EQUIPMENT: "udstyr, hvem der bruger det, og hvordan det deles",
    RUNNING: "driftsudgifter, fælles ydelser og den omkostningsbestemte husleje",
    ASSUMPTIONS: "forudsætningerne: bruttofaktor, driftssatser, lånevilkår og aftalte andele",
    FINDINGS: "fund fra kontrollen af planen og puljens regler",
}
COMPARISON_CONTENTS = "alle planens scenarier side om side, med forskellene til dette bilags scenarie"

ENTITY_SHEETS: dict[str, tuple[str, str]] = {
    "plan": ("Planen", COVER),
    "scenario": ("Scenariet", COVER),
    "tenant": ("Lejer", TENANTS),
    "room": ("Rum", ROOMS),
    "equipment": ("Udstyr", EQUIPMENT),
    "cost": ("Anlægsudgift", BUDGET),
    "financing": ("Finansiering", FINANCING),
    "service": ("Fælles ydelse", RUNNING),
    "running": ("Driftsudgifter", ASSUMPTIONS),
}


COVER_WIDTHS = {"A": 20, "B": 60}  # fits A4 portrait at 85 % or more (printing.column_points)

# The columns that name a table's lines, repeated on every band when a wide sheet prints in bands.
REPEAT_COLUMNS: dict[str, str] = {
    BUDGET: "A:C", FINANCING: "A:C", ROOMS: "A:C", TENANTS: "A:B", EQUIPMENT: "A:B", SCENARIOS: "A:B",
    ASSUMPTIONS: "A:A", YEARS_SHEET: "A:B", APPLICATION: "A:B", changes_sheet.CHANGES: changes_sheet.REPEAT_COLUMNS,
}
# Sheets that may print upright when they fit; the tables keep to landscape, as a case officer reads them.
PORTRAIT_SHEETS = {COVER, RUNNING, FINDINGS, APPLICATION}
FINDINGS_WIDTHS = {"A": 12, "B": 78, "C": 34}
TENANT_NOTE_WIDTH = 26


def _scalar_cells(lay: Layout) -> dict[str, str]:
    """Where each scalar figure's formula sits (the defined names point here)."""
    return {
        "net_m2": ref(ROOMS, 6, lay.rs["net"]),
        "gross_m2": ref(ROOMS, 6, lay.rs["gross"]),
        "establishment_total": ref(BUDGET, 9, lay.c_total),
        "eligible_total": ref(BUDGET, 6, lay.c_total),
        "grant": ref(FINANCING, 4, lay.f_sources[next(iter(lay.f_sources))]),
        "financing_total": ref(FINANCING, 4, lay.f_fin_total),
        "annual_cost_total": ref(RUNNING, 4, lay.dt["total"]),
        "rent_per_gross_m2": ref(RUNNING, 4, lay.dr["rate"]),
        "rent_per_gross_m2_without_grant": ref(RUNNING, 4, lay.dw["rate"]),
        "vacancy_cost": ref(RUNNING, 4, lay.dt["vacancy"]),
        "grant_share": ref(FINANCING, 4, lay.f_share),
    }


def _region(plan: Plan) -> str:
    if not plan.municipality:
        return ""
    try:
        from planners.reference import municipalities

        found = municipalities().get(plan.municipality)
    except (ImportError, OSError, KeyError, ValueError):
        return ""
    return found.region if found else ""


def _write_cover(ws: Worksheet, plan: Plan, lay: Layout, figures: ScenarioFigures, made: date,
                 scalar_cells: dict[str, str], contents: dict[str, str] | None = None,
                 findings: list[Finding] | None = None) -> None:
    put_text(ws, 1, 1, plan.title, font=COVER_TITLE_FONT)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    put_label(ws, 2, 1, "Ansøgningsbilag til Puljen til læge- og sundhedshuse", font=SUBTITLE_FONT)
    # First what a case officer asks (issue 16.3), then the balances that prove the annex is whole (16.4).
    controls_row = 4 + SUMMARY_ROWS + 2
    last, control_cell = write_controls(ws, controls_row, lay)
    write_summary(ws, 4, plan, lay, findings or [], scalar_cells, control_cell)
    row = last + 2
    header_row(ws, row, ["Projektet", ""])
    applicant_type = palette.name(palette.APPLICANT_TYPE_NAMES, plan.applicant.type)
    project_type = palette.name(palette.PROJECT_TYPE_NAMES, plan.project_type) if plan.project_type else ""
    years = sorted(set(plan.years))
    period = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    if len(years) > 1 and years != list(range(years[0], years[-1] + 1)):
        period = ", ".join(str(y) for y in years)
    pool_round = ""
    if plan.pool_round:
        pool_round = f"Puljen {plan.pool_round}"
        try:
            from planners.reference import pool_rounds

            info = pool_rounds().get(plan.pool_round)
            if info is not None:
                pool_round = info.name_da
        except (ImportError, OSError, ValueError):
            pass
    fields: list[tuple[str, str, bool]] = [
        ("Projekt", plan.title, True),
        ("Puljerunde", pool_round, False),
        ("Ansøger", plan.applicant.name, True),
        ("Ansøgertype", applicant_type, False),
        ("Partnere", "; ".join(plan.partners), True),
        ("Samarbejde med praktiserende læger uden for huset",
         plan.gp_collaboration.with_ if plan.gp_collaboration else "", True),
        ("Samarbejdets indhold", plan.gp_collaboration.description if plan.gp_collaboration else "", True),
        ("Kommune", plan.municipality or "", True),
        ("Region", _region(plan), False),
        ("Adresse", plan.address, True),
        ("Projekttype", project_type, False),
        ("Projektperiode", period, False),
        ("Prisniveau (år)", str(plan.price_year) if plan.price_year else "", False),
        ("Beløb", "inkl. moms" if plan.amounts_include_vat else "ekskl. moms", False),
        ("Scenarie", lay.scenario.name, True),
        ("Kontaktperson", plan.contact.name, True),
        ("E-mail", plan.contact.email, True),
        ("Telefon", plan.contact.phone, True),
        ("Beskrivelse", plan.description, True),
    ]
    for label, value, user in fields:
        row += 1
        put_label(ws, row, 1, label, font=BOLD_FONT)
        cell = put_text(ws, row, 2, value, user=user, wrap=True)
        ws.cell(row=row, column=1).alignment = WRAP
        fit_height(ws, row, [(value, COVER_WIDTHS["B"]), (label, COVER_WIDTHS["A"])])
        del cell
    row += 2
    header_row(ws, row, ["Nøgletal", ""])
    for key, (label, fmt) in SCALAR_LABELS.items():
        row += 1
        put_label(ws, row, 1, label)
        put_formula(ws, row, 2, scalar_cells[key], fmt)
    row += 2
    header_row(ws, row, ["Bilagets faner", ""])
    for sheet, text in (contents or SHEET_CONTENTS).items():
        row += 1
        put_label(ws, row, 1, sheet, font=BOLD_FONT)
        put_label(ws, row, 2, text)
    row += 2
    put_label(ws, row, 1, "Udarbejdet")
    put_label(ws, row, 2, made.strftime("%d.%m.%Y"))
    row += 1
    put_label(ws, row, 1, "Udarbejdet med")
    put_label(ws, row, 2, f"Sundhedshus {__version__}")
    row += 2
    put_label(ws, row, 1, "Alle totaler, andele, ydelser, fordelinger og huslejen er formler; forudsætningerne "
              "(blå tal på gul baggrund) kan ændres, og tallene følger med.", font=NOTE_FONT)
    ws.cell(row=row, column=1).alignment = WRAP
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    ws.row_dimensions[row].height = 28
    del figures


def _where(plan: Plan, lay: Layout, r: Ref) -> str:
    noun, sheet = ENTITY_SHEETS.get(r.entity, (r.entity, COVER))
    parts = [noun]
    if r.index is not None:
        parts.append(f"linje {r.index + 1}")
        if r.entity == "tenant" and r.index < len(lay.scenario.tenants):
            parts[-1] = f"nr. {r.index + 1} ({lay.scenario.tenants[r.index].name})"
    text = " ".join(parts)
    if r.field:
        text += f", felt «{r.field_name()}»"
    return f"{text} – fanen {sheet}"


def _write_findings(ws: Worksheet, plan: Plan, lay: Layout, findings: list[Finding],
                    zeroed: list[tuple[int, str]]) -> None:
    from planners.checks.findings import to_look_up

    # No code column: the ministry reads the finding's text, never its code (issue 14.3).
    header_row(ws, 4, ["Niveau", "Fund", "Vedrører"])
    row = 4
    if not findings:
        row += 1
        put_label(ws, row, 2, "Ingen fund: planen opfylder de kontrollerede regler.")
    for f in findings:
        row += 1
        put_label(ws, row, 1, palette.name(palette.LEVEL_NAMES, f.level),
                  font=BOLD_FONT if f.level is Level.ERROR else BODY_FONT)
        put_text(ws, row, 2, f.message_da, wrap=True)
        where = _where(plan, lay, f.ref)
        put_text(ws, row, 3, where, wrap=True)
        fit_height(ws, row, [(f.message_da, FINDINGS_WIDTHS["B"]), (where, FINDINGS_WIDTHS["C"])])
        ws.cell(row=row, column=1).alignment = WRAP
    # What the round's data does not know is no finding (issue 14.3) but a short list to look up, below the
    # findings so the comparison's count of the finding rows (annex_sheets.write_comparison) never reads it.
    items = to_look_up(plan.pool_round)
    if items:
        row += 2
        put_label(ws, row, 1, "Slå op i puljeopslaget", font=HEADING_FONT)
        intro = ("Programmet kender ikke disse regler for runden og har ikke kontrolleret dem. "
                 "Find dem i puljeopslaget, før ansøgningen sendes:")
        for text in (intro, *(f"• {x}" for x in items)):
            row += 1
            put_text(ws, row, 2, text, user=False, wrap=True)
            fit_height(ws, row, [(text, FINDINGS_WIDTHS["B"])])
    row += 2
    put_label(ws, row, 1, "Noter til bilaget", font=HEADING_FONT)
    notes = [f"Anlægsbudget, linje {i + 1}: {why}" for i, why in zeroed]
    if not notes:
        notes = ["Alle beløb i bilaget er formler over forudsætningerne; intet beløb er indsat som en fast værdi."]
    else:
        notes.append("Alle andre beløb i bilaget er formler over forudsætningerne.")
    for text in notes:
        row += 1
        put_text(ws, row, 2, text, user=False, wrap=True)
        fit_height(ws, row, [(text, FINDINGS_WIDTHS["B"])])


def build_workbook(plan: Plan, scenario: str | None = None, *, made: date | None = None,
                   figures: ScenarioFigures | None = None, findings: list[Finding] | None = None,
                   compare: bool = False, changes_since: changes_sheet.ChangesSince | None = None) -> Workbook:
    """The annex of one scenario (the named one, else the one applied for, else the first) as a workbook.

    With `compare`, a last sheet "Scenarier" puts every scenario of the plan side by side, with the differences
    against this annex's scenario (`planners.figures.compare`; `annex_sheets.write_comparison` says how it is built).
    Raises `planners.figures.engine.UnknownScenario` (a PlanError) for a name the plan does not have, and
    `planners.figures.compare.CompareError` with `compare` for a plan of one scenario. `figures` and `findings` are
    computed when not given. With `changes_since` (a difference from a named version, computed by the caller), a
    last sheet "Ændringer siden version" lists exactly what changed (`planners.exports.annex.changes`).
    """
    from planners.checks.findings import run_checks
    from planners.figures.engine import compute

    sc = plan.scenario(scenario) if scenario is None else None
    figures = figures if figures is not None else compute(plan, scenario)
    sc = next(s for s in plan.scenarios if s.name == figures.scenario) if sc is None else sc
    if findings is None:
        findings = run_checks(plan, sc, figures)
    # Every finding; the rules the round's data does not know are no finding but the sheet's look-up list
    # (issue 14.3), so the sheet "Scenarier" counts the finding rows as the comparison counts the findings.
    made = made or date.today()
    lay = make_layout(plan, sc)
    comparison = None
    if compare:
        from planners.figures.compare import compare as compare_scenarios

        # Before any sheet is made: a plan that cannot be compared gives its message, and nothing is written.
        comparison = compare_scenarios(plan, None, base=sc.name)

    from planners.checks.findings import application_begun

    # The sheet of the application (issue 16.6) once it is begun: a sketch's annex keeps its sheets as before.
    application = (APPLICATION,) if application_begun(plan, sc) else ()
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)  # a new workbook's one sheet
    names: tuple[str, ...] = (*SHEETS, *application, SCENARIOS) if comparison is not None else (*SHEETS, *application)
    years = wanted(plan, sc)  # the yearly sheet only with rent terms (planners.exports.annex.years says why)
    if years:
        at = names.index(RUNNING) + 1
        names = (*names[:at], YEARS_SHEET, *names[at:])
    if changes_since is not None:
        names = (*names, changes_sheet.CHANGES)
    sheets = {name: (first if i == 0 else wb.create_sheet()) for i, name in enumerate(names)}
    for name, ws in sheets.items():
        ws.title = name
    subtitle = f"{plan.title} – scenarie «{sc.name}»"
    headings = {
        COVER: "", BUDGET: "Anlægsbudget", FINANCING: "Finansiering", ROOMS: "Rumprogram", TENANTS: "Lejere",
        EQUIPMENT: "Udstyr og deling", RUNNING: "Driftsudgifter og husleje", ASSUMPTIONS: "Forudsætninger",
        FINDINGS: "Fund", SCENARIOS: "Scenarierne side om side", YEARS_SHEET: "Husleje over tid",
        APPLICATION: "Tidsplan og tilsagn",
    }
    for name, ws in sheets.items():
        if name not in (COVER, changes_sheet.CHANGES):
            title(ws, headings[name], subtitle)

    scalar_cells = _scalar_cells(lay)
    contents = {**SHEET_CONTENTS, **({APPLICATION: APPLICATION_CONTENTS} if application else {}),
                **({SCENARIOS: COMPARISON_CONTENTS} if comparison is not None else {})}
    if changes_since is not None:
        contents = {**contents, changes_sheet.CHANGES: changes_sheet.CONTENTS}
    if years:
        contents = {name: contents.get(name, YEARS_CONTENTS) for name in names if name != COVER}
    _write_cover(sheets[COVER], plan, lay, figures, made, scalar_cells, contents, findings)
    zeroed = write_budget(sheets[BUDGET], lay, figures)
    write_financing(sheets[FINANCING], lay)
    write_rooms(sheets[ROOMS], lay)
    write_tenants(sheets[TENANTS], lay)
    write_equipment(sheets[EQUIPMENT], lay)
    write_running(sheets[RUNNING], lay)
    write_assumptions(sheets[ASSUMPTIONS], lay)
    if years:
        write_years(sheets[YEARS_SHEET], lay)
    _write_findings(sheets[FINDINGS], plan, lay, findings, zeroed)
    if application:
        write_application(sheets[APPLICATION], plan, lay)
    if comparison is not None:
        write_comparison(sheets[SCENARIOS], lay, comparison, len(findings), made.strftime("%d.%m.%Y"),
                         __version__)
    if changes_since is not None:
        changes_sheet.write_changes(sheets[changes_sheet.CHANGES], plan, changes_since, SCALAR_LABELS)

    for key, cell in scalar_cells.items():
        wb.defined_names[key] = DefinedName(key, attr_text=cell)
    add_validations(sheets, lay)

    _finish(wb, sheets, plan, lay, made)
    return wb


def _finish(wb: Workbook, sheets: dict[str, Worksheet], plan: Plan, lay: Layout, made: date) -> None:
    """Widths, frozen headers, print set-up and document properties."""
    years = len(lay.years)
    # Widths in characters of the default font; printed with the wider of Calibri and DejaVu Sans
    # (printing.column_points), so amounts get 12–13 (a "12.469.154 kr." must never show as ###) and long text
    # wraps in narrower columns. Wide tables print in two bands with their name columns repeated.
    budget_widths = {"A": 4, "B": 14, "C": 22, "D": 16, "E": 14, "F": 14, "G": 14, "H": 8, "I": 14, "J": 9}
    for k in range(years):
        budget_widths[get_column_letter(lay.spread_col(k))] = 7
        budget_widths[get_column_letter(lay.year_col(k))] = 14
    name_width = max([len(t.name) for t in lay.scenario.tenants] + [22])
    layout = {
        COVER: (False, COVER_WIDTHS, None, None),
        BUDGET: (True, budget_widths, "D5", "1:4"),
        FINANCING: (True, {"A": 4, "B": 18, "C": 24, "D": 13, "E": 12, "F": 8, "G": 8, "H": 13}, "C5", "1:4"),
        ROOMS: (True, {"A": 4, "B": 15, "C": 16, "D": 6, "E": 9, "F": 10, "G": 10, "H": 10, "I": 7, "J": 18,
                       "K": 10}, "D5", "1:4"),
        TENANTS: (True, {"A": 4, "B": min(name_width + 2, 26), **{c: 12 for c in "CDEFGHIJKLM"}, "C": 14,
                         "N": TENANT_NOTE_WIDTH},
                  "C3", "1:2"),
        EQUIPMENT: (True, {"A": 4, "B": 20, "C": 18, "D": 6, "E": 11, "F": 8, "G": 11, "H": 8, "I": 12,
                           "J": 12, "K": 10, "L": 7, "M": 24, "N": 10}, "C5", "1:4"),
        RUNNING: (False, {"A": 44, "B": 14, "C": 34, "D": 14}, None, "1:2"),
        ASSUMPTIONS: (True, {"A": 40, "B": 13, "C": 40, "D": 9, "E": 22, "F": 9, "G": 13, "H": 14}, "A5", "1:2"),
        FINDINGS: (True, FINDINGS_WIDTHS, "A5", "1:4"),
    }
    if APPLICATION in sheets:
        layout[APPLICATION] = (len(lay.years) > 3, application_widths(lay), None, "1:2")
    if SCENARIOS in sheets:
        n = len(plan.scenarios)
        values, diffs = comparison_columns(tuple(s.name for s in plan.scenarios), lay.scenario.name)
        compare_widths = {"A": 32, "B": 8}
        for column in (*values.values(), *diffs.values()):
            compare_widths[get_column_letter(column)] = 15
        layout[SCENARIOS] = (n > 2, compare_widths, "C6", "1:5")
    if changes_sheet.CHANGES in sheets:
        layout[changes_sheet.CHANGES] = changes_sheet.LAYOUT
    if YEARS_SHEET in sheets:
        layout[YEARS_SHEET] = (True, years_widths(lay), None, "1:2")
    for name, ws in sheets.items():
        landscape, cols, freeze, title_rows = layout[name]
        widths(ws, cols)
        if freeze:
            ws.freeze_panes = freeze
        print_setup(ws, landscape=landscape, plan_title=plan.title, scenario=lay.scenario.name,
                    made=made.strftime("%d.%m.%Y"), title_rows=title_rows)
        # A readable size on A4 (issue 16.1): a fixed scale of at least 85 %, wide sheets in bands with their
        # name columns repeated, long text wrapped, page breaks that keep headings and totals with their table.
        print_readable(ws, repeat_cols=REPEAT_COLUMNS.get(name), allow_portrait=name in PORTRAIT_SHEETS,
                       title_rows=int(title_rows.split(":")[1]) if title_rows else 0)
        ws.sheet_view.zoomScale = 100
    wb.active = 0
    props = wb.properties
    props.title = clean_text(f"Ansøgningsbilag – {plan.title}", 250)
    props.subject = clean_text(f"Puljen til læge- og sundhedshuse; scenarie «{lay.scenario.name}»", 250)
    props.creator = clean_text(plan.applicant.name or f"Sundhedshus {__version__}", 250)
    props.lastModifiedBy = f"Sundhedshus {__version__}"
    props.description = clean_text(plan.description, 2000)
    props.keywords = "ansøgningsbilag; læge- og sundhedshus; anlægsbudget; husleje"
    props.language = "da-DK"
    props.category = "Ansøgningsbilag"
    now = datetime.combine(made, datetime.now().time()).replace(microsecond=0)
    props.created = now
    props.modified = now


def write_annex(plan: Plan, target: Path, scenario: str | None = None, compare: bool = False,
                changes_since: changes_sheet.ChangesSince | None = None) -> None:
    """Write the annex of one scenario to `target` (.xlsx), atomically; with `compare`, the sheet "Scenarier"
    compares every scenario of the plan (a plan of one scenario raises `CompareError`, nothing written).

    Raises `planners.store.safewrite.TargetRefused` (Danish message) for a read-only target or folder, or a target
    open in an office suite; the existing file is then left as it was. Raises `UnknownScenario` for an
    unknown scenario name, before anything is written.
    """
    wb = build_workbook(plan, scenario, compare=compare, changes_since=changes_since)
    with atomic_target(Path(target)) as tmp:
        # XlsxWriter, not openpyxl: it stores each formula's value, so readers that do not recalculate show figures.
        save_with_values(wb, tmp)
