"""The cover's answers to a case officer's first questions, its control block, and the drop-down lists
(issue 16.3, 16.4).

- `write_summary`: what is applied for, by whom, for what house, the total cost, the grant and its share,
  each party's own money, loans and other grants, and whether the plan passes the checks — amounts as live
  formulas over the sheets, so they follow a reviewer's edits.
- `write_controls`: every balance of the annex recalculated (financing = establishment, lines = categories,
  Ja/Nej on every line, shares = 100 %, years = totals, areas and annual costs fully allocated); a balance
  that fails shows its difference and turns red (conditional formatting), and so does the block's summary line. A renamed
  category ("Inventar og møbler") or a "ja " with a space silently dropped amounts before; now they show.
- `add_validations`: drop-down lists on every cell whose text drives a formula (categories, Ja/Nej, sources,
  tenant numbers, split keys, use), so a reviewer picks a word the formulas know.
"""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planners.exports.annex.layout import (
    ASSUMPTIONS,
    BUDGET,
    CUSTOM_EQUIPMENT,
    CUSTOM_ROOM,
    CUSTOM_SERVICE,
    EQUIPMENT,
    FINANCING,
    KEY_WORDS,
    NO,
    ROOMS,
    RUNNING,
    TENANTS,
    USE_NOBODY,
    USE_SHARED,
    USE_TENANT,
    USE_VACANT,
    YES,
    Layout,
)
from planners.exports.annex.style import (
    BODY_FONT,
    BOLD_FONT,
    KR,
    PCT,
    WRAP,
    header_row,
    put_formula,
    put_label,
    put_text,
    ref,
    rng,
)
from planners.model import FinancingSource, Finding, Level, Plan

OK = "OK"
RIGHT = Alignment(horizontal="right", vertical="top")
RED_FILL = PatternFill("solid", fgColor="F4C7C3", bgColor="F4C7C3")
RED_FONT = Font(color="9C0006", bold=True)
GREEN_FILL = PatternFill("solid", fgColor="D9EAD3", bgColor="D9EAD3")
# Half an øre: the balances are exact in the formulas; a spreadsheet's floating point leaves far less.
TOLERANCE = "0.005"
SUMMARY_ROWS = 14  # the rows of "Ansøgningen kort" below its header


def _own(lay: Layout, source: FinancingSource) -> str:
    return ref(FINANCING, 4, lay.f_sources[source])


def write_summary(ws: Worksheet, row: int, plan: Plan, lay: Layout, findings: list[Finding],
                  scalar_cells: dict[str, str], control_cell: str) -> int:
    """The block "Ansøgningen kort" from `row`; returns the last row written."""
    header_row(ws, row, ["Ansøgningen kort", ""])
    # Counted by level: a note is no warning (before, every finding but an error was counted as one).
    errors = sum(1 for f in findings if f.level is Level.ERROR)
    warnings = sum(1 for f in findings if f.level is Level.WARNING)
    notes = len(findings) - errors - warnings
    checks = ("Planen opfylder de kontrollerede regler" if not findings else
              f"{errors} fejl og {warnings} advarsler (se fanen Fund)" if errors else
              f"Ingen fejl; {warnings} advarsler (se fanen Fund)" if warnings else
              f"Ingen fejl eller advarsler; {notes} {'note' if notes == 1 else 'noter'} (se fanen Fund)")
    house = plan.title + (f", {plan.address}" if plan.address else "")
    # (label, value, number format or None for text, bold, the value is a formula of ours)
    rows: list[tuple[str, str, str | None, bool, bool]] = [
        ("Der søges om", "=" + scalar_cells["grant"], KR, True, True),
        ("Ansøger", plan.applicant.name, None, False, False),
        ("Til huset", house, None, False, False),
        ("Anlægsudgifter i alt", "=" + scalar_cells["establishment_total"], KR, False, True),
        ("Heraf tilskudsberettigede", "=" + scalar_cells["eligible_total"], KR, False, True),
        ("Tilskudsandel af de tilskudsberettigede udgifter", "=" + scalar_cells["grant_share"], PCT, True, True),
        ("Kommunens egne midler", "=" + _own(lay, FinancingSource.OWN_MUNICIPALITY), KR, False, True),
        ("Regionens egne midler", "=" + _own(lay, FinancingSource.OWN_REGION), KR, False, True),
        ("Praksisejernes egne midler", "=" + _own(lay, FinancingSource.OWN_PRACTICE), KR, False, True),
        ("Lån", "=" + _own(lay, FinancingSource.LOAN), KR, False, True),
        ("Andre tilskud", "=" + _own(lay, FinancingSource.OTHER_GRANT), KR, False, True),
        ("Husleje pr. brutto m² pr. år", "=" + scalar_cells["rent_per_gross_m2"], KR, False, True),
        ("Puljens regler (kontrol i Sundhedshus)", checks, None, errors > 0, False),
        ("Bilagets balancer (regnes igen)", "=" + control_cell, "General", True, True),
    ]
    assert len(rows) == SUMMARY_ROWS
    for label, value, fmt, bold, formula in rows:
        row += 1
        put_label(ws, row, 1, label, font=BOLD_FONT)
        ws.cell(row=row, column=1).alignment = WRAP
        font = BOLD_FONT if bold else BODY_FONT
        if formula:
            put_formula(ws, row, 2, value, fmt or "General", font=font)
        else:
            put_text(ws, row, 2, value, user=label in ("Ansøger", "Til huset"), wrap=True, font=font)
    return row


def _balances(lay: Layout) -> list[tuple[str, str]]:
    """(what must hold, a formula that is 0 when it holds)."""
    sc = lay.scenario
    b = (lay.b_first, lay.b_last)
    amounts, eligible = rng(BUDGET, 9, *b), rng(BUDGET, 10, *b)
    f = (lay.f_first, lay.f_last)
    src_first, src_last = min(lay.f_sources.values()), max(lay.f_sources.values())
    year_totals = "+".join(ref(BUDGET, lay.year_col(k), lay.c_total) for k in range(len(lay.years))) or "0"
    out = [
        ("Finansiering i alt = anlægsudgifter i alt", ref(FINANCING, 4, lay.f_difference)),
        ("Finansieringslinjerne = finansiering pr. kilde (kendte kilder)",
         f"{ref(FINANCING, 4, lay.f_total)}-{ref(FINANCING, 4, lay.f_fin_total)}"),
        ("Budgetlinjerne = anlægsudgifter pr. kategori (kendte kategorier)",
         f"{ref(BUDGET, 9, lay.b_total)}-{ref(BUDGET, 9, lay.c_total)}"),
        ("Hver budgetlinje er tilskudsberettiget «Ja» eller «Nej»",
         f'{ref(BUDGET, 9, lay.b_total)}-SUMIF({eligible},"{YES}",{amounts})-SUMIF({eligible},"{NO}",{amounts})'),
        ("Årenes udgifter = anlægsudgifter i alt", f"{year_totals}-{ref(BUDGET, 9, lay.c_total)}"),
        ("Kildernes andele = 100 %",
         f"IF({ref(FINANCING, 4, lay.f_fin_total)}=0,0,SUM({rng(FINANCING, 5, src_first, src_last)})-1)"),
        ("Hver finansieringslinje «Ja» eller «Nej» til tilbagebetaling",
         f'COUNT({rng(FINANCING, 1, *f)})-SUMPRODUCT(({rng(FINANCING, 5, *f)}="{YES}")*1)'
         f'-SUMPRODUCT(({rng(FINANCING, 5, *f)}="{NO}")*1)'),
    ]
    if sc.tenants:
        k = lay.k_total
        out.append(("Lejernes andele efter areal, hovedantal og ligeligt = 100 % hver",
                    f"{ref(TENANTS, 11, k)}+{ref(TENANTS, 12, k)}+{ref(TENANTS, 13, k)}-3"))
        out.append(("Nettoarealet er fordelt på lejerne og ledige arealer",
                    f"{ref(TENANTS, 3, lay.t_grand)}-{ref(ROOMS, 6, lay.rs['net'])}"))
        out.append(("De årlige udgifter er fordelt på lejerne og tomgang",
                    f"{ref(TENANTS, 8, lay.t_grand)}-{ref(RUNNING, 4, lay.dt['total'])}"))
    ds = lay.ds
    out.append(("Fælles ydelser = summen pr. fordelingsnøgle",
                f"{ref(RUNNING, 4, ds['total'])}-" + "-".join(ref(RUNNING, 4, ds[k])
                                                             for k in ("area", "headcount", "equal", "custom"))))
    if lay.custom:
        a = (lay.a_custom_first, lay.a_custom_last)
        kinds, given = rng(ASSUMPTIONS, 1, *a), rng(ASSUMPTIONS, 8, *a)
        out.append(("Hver linje med aftalte andele er på et rum, et udstyr eller en ydelse",
                    f"SUM({given})-" + "-".join(f'SUMIF({kinds},"{k}",{given})'
                                                for k in (CUSTOM_ROOM, CUSTOM_EQUIPMENT, CUSTOM_SERVICE))))
    e = (lay.e_first, lay.e_last)
    out.append(("Hver udstyrslinje er købt i projektet «Ja» eller «Nej»",
                f'COUNT({rng(EQUIPMENT, 1, *e)})-SUMPRODUCT(({rng(EQUIPMENT, 8, *e)}="{YES}")*1)'
                f'-SUMPRODUCT(({rng(EQUIPMENT, 8, *e)}="{NO}")*1)'))
    return out


def write_controls(ws: Worksheet, row: int, lay: Layout) -> tuple[int, str]:
    """The control block from `row`; returns (its last row, the cell of its summary line).

    Each balance's cell says OK, or shows the difference when the balance does not hold (and turns red).
    """
    header_row(ws, row, ["Kontrol af bilagets balancer", "OK, eller forskellen når den ikke stemmer"])
    summary = row + 1
    first = summary + 1
    balances = _balances(lay)
    last = first + len(balances) - 1
    n = len(balances)
    status = f"$B${first}:$B${last}"
    put_label(ws, summary, 1, "Samlet", font=BOLD_FONT)
    put_formula(ws, summary, 2, f'IF(SUMPRODUCT(({status}="{OK}")*1)={n},"Alle {n} balancer stemmer",'
                                f'({n}-SUMPRODUCT(({status}="{OK}")*1))&" af {n} balancer stemmer ikke")',
                "General", font=BOLD_FONT)
    for i, (label, formula) in enumerate(balances):
        r = first + i
        put_label(ws, r, 1, label)
        # ( )^2 < tolerance², not ABS: the annex keeps to the functions every spreadsheet has (test_annex.py).
        put_formula(ws, r, 2, f'IF(({formula})^2<{TOLERANCE}^2,"{OK}",{formula})', '#,##0.00;-#,##0.00;0')
        ws.cell(row=r, column=2).alignment = RIGHT
    ws.conditional_formatting.add(f"A{first}:B{last}", FormulaRule(formula=[f'$B{first}<>"{OK}"'], fill=RED_FILL,
                                                                  font=RED_FONT))
    ws.conditional_formatting.add(f"A{summary}:B{summary}",
                                  FormulaRule(formula=[f'SUMPRODUCT(({status}="{OK}")*1)<{n}'], fill=RED_FILL,
                                              font=RED_FONT))
    ws.conditional_formatting.add(f"A{summary}:B{summary}",
                                  FormulaRule(formula=[f'SUMPRODUCT(({status}="{OK}")*1)={n}'], fill=GREEN_FILL))
    return last, f"$B${summary}"


def _list(ws: Worksheet, words: list[str] | str, cells: str, what: str) -> None:
    """A drop-down of `words`, or of the cells of the range `words` (names with commas, e.g. the sources)."""
    source = words if isinstance(words, str) else '"' + ",".join(words) + '"'
    if not isinstance(words, str) and (not words or len(source) > 250 or any("," in w or '"' in w for w in words)):
        return
    dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                        errorTitle="Ukendt værdi", error=f"Vælg {what} fra listen: formlerne kender kun disse ord.")
    dv.add(cells)
    ws.add_data_validation(dv)


def _whole(ws: Worksheet, low: int, high: int, cells: str, what: str) -> None:
    dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True,
                        showErrorMessage=True, errorTitle="Ukendt nummer",
                        error=f"Skriv {what} mellem {low} og {high}.")
    dv.add(cells)
    ws.add_data_validation(dv)


def add_validations(sheets: dict[str, Worksheet], lay: Layout) -> None:
    sc = lay.scenario
    n = len(sc.tenants)
    keys = list(KEY_WORDS.values())
    yes_no = [YES, NO]
    b, f = f"{lay.b_first}:{{c}}{lay.b_last}", f"{lay.f_first}:{{c}}{lay.f_last}"
    # The categories and sources as the summary tables below the lines spell them (the sources have commas,
    # which a literal list cannot hold).
    categories = f"$B${min(lay.c_rows.values())}:$B${max(lay.c_rows.values())}"
    sources = f"$B${min(lay.f_sources.values())}:$B${max(lay.f_sources.values())}"
    _list(sheets[BUDGET], categories, "B" + b.format(c="B"), "en kategori")
    _list(sheets[BUDGET], yes_no, "J" + b.format(c="J"), "Ja eller Nej")
    _list(sheets[FINANCING], sources, "B" + f.format(c="B"), "en kilde")
    _list(sheets[FINANCING], yes_no, "E" + f.format(c="E"), "Ja eller Nej")
    r = f"{lay.r_first}:{{c}}{lay.r_last}"
    _list(sheets[ROOMS], [USE_TENANT, USE_SHARED, USE_VACANT], "H" + r.format(c="H"), "en anvendelse")
    _list(sheets[ROOMS], keys, "K" + r.format(c="K"), "en fordelingsnøgle")
    e = f"{lay.e_first}:{{c}}{lay.e_last}"
    _list(sheets[EQUIPMENT], yes_no, "H" + e.format(c="H"), "Ja eller Nej")
    _list(sheets[EQUIPMENT], [USE_TENANT, USE_SHARED, USE_NOBODY], "K" + e.format(c="K"), "en anvendelse")
    _list(sheets[EQUIPMENT], keys, "N" + e.format(c="N"), "en fordelingsnøgle")
    _list(sheets[RUNNING], keys, f"B{lay.d_svc_first}:B{lay.d_svc_last}", "en fordelingsnøgle")
    if n:
        _whole(sheets[ROOMS], 1, n, "I" + r.format(c="I"), "et lejernummer")
        _whole(sheets[EQUIPMENT], 1, n, "L" + e.format(c="L"), "et lejernummer")
        _whole(sheets[ASSUMPTIONS], 1, n, f"D{lay.a_custom_first}:D{lay.a_custom_last}", "et lejernummer")
    _list(sheets[ASSUMPTIONS], [CUSTOM_ROOM, CUSTOM_EQUIPMENT, CUSTOM_SERVICE],
          f"A{lay.a_custom_first}:A{lay.a_custom_last}", "en linjetype")
