"""The sheets of the application annex, each a function that writes one worksheet (DESIGN §4, §7).

Inputs (areas, rates, percentages, interest, agreed shares…) are plain cells, marked as inputs; every total,
share, annuity, allocation and rent is a formula over them, in the same order of operations as the engine
(`planners.figures.space`, `planners.figures.establishment`, `planners.figures.rent`), so that a spreadsheet recalculating the workbook
gets the engine's figures. Formulas keep to SUM, SUMIF(S), SUMPRODUCT, INDEX/MATCH, IFERROR, PMT, COUNT, IF,
which every spreadsheet (LibreOffice 7.4 too) knows.

Two figures cannot be formulas: a percent line in a cycle (it would refer to itself) and a second basis-free
`equipment` line (ignored by the rules). Both are the value 0 with a cell comment, and the sheet "Fund" says why.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planners.exports import palette
from planners.exports.annex.layout import (
    ASSUMPTIONS,
    BUDGET,
    CUSTOM_EQUIPMENT,
    CUSTOM_ROOM,
    CUSTOM_SERVICE,
    EQUIPMENT,
    FINANCING,
    FINDINGS,
    FIRST,
    KEY_WORDS,
    NO,
    ROOMS,
    RUNNING,
    SIMPLE_KEYS,
    TENANTS,
    USE_NOBODY,
    USE_SHARED,
    USE_TENANT,
    USE_VACANT,
    YES,
    Layout,
    cost_kind,
)
from planners.exports.annex.style import (
    BOLD_FONT,
    COUNT,
    FACTOR,
    HEADING_FONT,
    HOURS,
    KR,
    M2,
    NOTE_FONT,
    PCT,
    PERSONS,
    TOP,
    WRAP,
    YEAR,
    col,
    fit_height,
    header_row,
    note,
    put_formula,
    put_label,
    put_number,
    put_text,
    ref,
    rng,
    total_style,
)
from planners.figures.rent import grant_loan_line
from planners.model import Allocation, AllocationKey, CostCategory, FinancingSource, RunningRate, glossary
from planners.model.results import ScenarioFigures

if TYPE_CHECKING:
    from planners.figures.compare import Comparison

HUNDRED = Decimal(100)

RATE_NAMES: dict[RunningRate, str] = {
    RunningRate.UTILITIES: "El, vand og varme",
    RunningRate.CLEANING: "Rengøring",
    RunningRate.MAINTENANCE: "Vedligeholdelse",
    RunningRate.INSURANCE_TAX: "Forsikring og ejendomsskat",
    RunningRate.ADMINISTRATION: "Administration",
}
# "fordelt " + the glossary's phrase: the app's "Fælles: efter areal" is the annex's "Fælles – fordelt efter areal".
KEY_TEXT: dict[AllocationKey, str] = {key: "fordelt " + term.phrase for key, term in glossary.KEYS.items()}


def category_name(category: CostCategory) -> str:
    return palette.name(palette.CATEGORY_NAMES, category)


def source_name(source: FinancingSource) -> str:
    return palette.name(palette.SOURCE_NAMES, source)


def _pct(value: object) -> Decimal:
    """A percentage of the plan (12 = 12 %) as the fraction the sheet shows with the format 0.0 %."""
    return Decimal(str(value)) / HUNDRED if not isinstance(value, Decimal) else value / HUNDRED


def _key_cells(lay: Layout, row: int) -> dict[AllocationKey, str]:
    """A tenant's share under the keys area, headcount and equal (cells of the basis table on "Lejere")."""
    return {AllocationKey.AREA: f"$K${row}", AllocationKey.HEADCOUNT: f"$L${row}", AllocationKey.EQUAL: f"$M${row}"}


def _tenant_nr_range(lay: Layout) -> str:
    return rng(TENANTS, 1, lay.k_first, lay.k_last)


def _n_tenants(lay: Layout) -> str:
    return ref(ASSUMPTIONS, 2, lay.a_tenants)


def _custom_sumifs(lay: Layout, kind: str, tenant_cell: str) -> str:
    a = lay.a_custom_first, lay.a_custom_last
    return (f'SUMIFS({rng(ASSUMPTIONS, 8, *a)},{rng(ASSUMPTIONS, 1, *a)},"{kind}",'
            f"{rng(ASSUMPTIONS, 4, *a)},{tenant_cell})")


def _custom_given(lay: Layout, kind: str) -> str:
    a = lay.a_custom_first, lay.a_custom_last
    return f'SUMIF({rng(ASSUMPTIONS, 1, *a)},"{kind}",{rng(ASSUMPTIONS, 8, *a)})'


def _who(lay: Layout, tenant_id: str | None, shared: Allocation | None, vacant_text: str) -> tuple[str, int | None,
                                                                                                str, str]:
    """(use, tenant number, text, key word) of a room or equipment line."""
    sc = lay.scenario
    if shared is not None:
        return USE_SHARED, None, f"Fælles – {KEY_TEXT[shared.key]}", KEY_WORDS[shared.key]
    if tenant_id is not None:
        for i, t in enumerate(sc.tenants):
            if t.id == tenant_id:
                return USE_TENANT, i + 1, t.name, ""
        return "", None, f"Lejer «{tenant_id}» findes ikke", ""
    return USE_VACANT, None, vacant_text, ""


# --- Forudsætninger ------------------------------------------------------------------------------------------


def write_assumptions(ws: Worksheet, lay: Layout) -> None:
    sc = lay.scenario
    header_row(ws, 4, ["Forudsætning", "Værdi", "Enhed og forklaring"])
    put_label(ws, lay.a_factor, 1, "Bruttofaktor (bruttoareal pr. nettoareal)")
    put_number(ws, lay.a_factor, 2, sc.gross_factor, FACTOR, is_input=True)
    put_label(ws, lay.a_factor, 3, "bruttoareal = nettoareal × bruttofaktor (vægge, gange, teknik)")
    from planners.checks.findings import plain_source, rate_source

    for rate, row in lay.a_rates.items():
        put_label(ws, row, 1, f"Drift: {RATE_NAMES[rate]}")
        put_number(ws, row, 2, sc.running.per_gross_m2.get(rate, Decimal(0)), KR, is_input=True)
        # A source for every rate (issue 16.6): the scenario's own, else the plan's catalog's it was taken from.
        source = plain_source(rate_source(lay.plan, sc, rate)) or "ingen kilde angivet"
        put_text(ws, row, 3, f"kr. pr. brutto m² pr. år; kilde: {source}", user=False, wrap=True)
    put_label(ws, lay.a_fallback_rate, 1, "Rente, hvis ingen lån eller tilbagebetalt egenfinansiering")
    put_number(ws, lay.a_fallback_rate, 2, Decimal("0.03"), PCT, is_input=True)
    put_label(ws, lay.a_fallback_rate, 3, "bruges kun til beregningen «husleje uden tilskud»")
    put_label(ws, lay.a_fallback_years, 1, "Løbetid, hvis ingen lån eller tilbagebetalt egenfinansiering")
    put_number(ws, lay.a_fallback_years, 2, 30, COUNT, is_input=True)
    put_label(ws, lay.a_fallback_years, 3, "år")
    # The line the engine borrows the grant on (`grant_loan_line`: the first loan the rent repays, else the first
    # repaid own money), looked up by its number on the financing sheet, so an edited rate or term there
    # recalculates; a lookup by source would also find a loan whose tick is taken off (issue 14.4).
    terms_line = grant_loan_line(sc.financing)
    numbers = rng(FINANCING, 1, lay.f_first, lay.f_last)
    for row, column, fallback, fmt, what in (
        (lay.a_rate, 6, lay.a_fallback_rate, PCT, "Rente"),
        (lay.a_years, 7, lay.a_fallback_years, COUNT, "Løbetid (år)"),
    ):
        values = rng(FINANCING, column, lay.f_first, lay.f_last)
        put_label(ws, row, 1, f"{what} for tilskuddet som lån («uden tilskud»)")
        put_formula(ws, row, 2, f"$B${fallback}" if terms_line is None else
                    f"IFERROR(INDEX({values},MATCH({terms_line + 1},{numbers},0)),$B${fallback})", fmt)  # fmt: skip
        put_label(ws, row, 3, "det første lån; ellers den første egenfinansiering, huslejen betaler tilbage")
    put_label(ws, lay.a_tenants, 1, "Antal lejere")
    put_formula(ws, lay.a_tenants, 2, f"COUNT({_tenant_nr_range(lay)})", COUNT)
    put_label(ws, lay.a_tenants, 3, "fælles arealer, udstyr og ydelser fordeles mellem dem")

    put_label(ws, lay.a_custom_heading, 1, "Aftalte andele (procent pr. lejer)", font=HEADING_FONT)
    header_row(ws, lay.a_custom_header, ["Linjetype", "Linje nr.", "Linje", "Lejer nr.", "Lejer", "Andel",
                                         "Grundlag", "Fordelt til lejeren"])
    if not lay.custom:
        put_label(ws, lay.a_custom_first, 3, "Ingen aftalte andele", font=NOTE_FONT)
    for i, row_data in enumerate(lay.custom):
        row = lay.a_custom_first + i
        tenant = sc.tenants[row_data.tenant]
        put_label(ws, row, 1, row_data.kind)
        put_number(ws, row, 2, row_data.line + 1, COUNT)
        put_number(ws, row, 4, row_data.tenant + 1, COUNT)
        put_text(ws, row, 5, tenant.name)
        put_number(ws, row, 6, _pct(row_data.percent), PCT, is_input=True)
        if row_data.kind == CUSTOM_ROOM:
            room = sc.rooms[row_data.line]
            put_text(ws, row, 3, room.label or _room_type_name(lay, room.type))
            put_formula(ws, row, 7, ref(ROOMS, 6, lay.r_first + row_data.line), M2)
            put_formula(ws, row, 8, f"G{row}*F{row}", M2)
        elif row_data.kind == CUSTOM_EQUIPMENT:
            line = sc.equipment[row_data.line]
            put_text(ws, row, 3, _equipment_name(lay, line.item, line.name))
            put_formula(ws, row, 7, ref(EQUIPMENT, 10, lay.e_first + row_data.line), KR)
            put_formula(ws, row, 8, f"G{row}*F{row}", KR)
        else:
            put_text(ws, row, 3, sc.running.services[row_data.line].name)
            put_formula(ws, row, 7, ref(RUNNING, 4, lay.d_svc_first + row_data.line), KR)
            put_formula(ws, row, 8, f"G{row}*F{row}", KR)
    foot = lay.a_custom_last + 2
    put_label(ws, foot, 1, "Blå tal på gul baggrund er forudsætninger, som kan ændres; alle andre tal er formler.",
              font=NOTE_FONT)


def _room_type_name(lay: Layout, room_type: object) -> str:
    info = lay.plan.catalogs.room_types.get(room_type)  # type: ignore[call-overload]
    if info is None:
        from planners.reference import bundled_catalogs

        info = bundled_catalogs().room_types.get(room_type)  # type: ignore[call-overload]
    return info.name_da if info else str(room_type)


def _equipment_name(lay: Layout, item: str, own_name: str) -> str:
    if own_name:
        return own_name
    info = lay.plan.catalogs.equipment.get(item)
    return info.name_da if info else item


def _kind_name(lay: Layout, kind: object) -> str:
    info = lay.plan.catalogs.tenant_kinds.get(kind)  # type: ignore[call-overload]
    return info.name_da if info else str(kind)


# --- Rumprogram ----------------------------------------------------------------------------------------------


def write_rooms(ws: Worksheet, lay: Layout) -> None:
    sc = lay.scenario
    header_row(ws, 4, ["Nr.", "Rumtype", "Betegnelse", "Antal", "m² pr. rum", "Netto m²", "Brutto m²",
                       "Anvendelse", "Lejer nr.", "Lejer eller fordeling", "Nøgle"])
    factor = ref(ASSUMPTIONS, 2, lay.a_factor)
    if not sc.rooms:
        put_label(ws, lay.r_first, 3, "Ingen rum", font=NOTE_FONT)
    for i, room in enumerate(sc.rooms):
        row = lay.r_first + i
        put_number(ws, row, 1, i + 1, COUNT)
        put_label(ws, row, 2, _room_type_name(lay, room.type))
        put_text(ws, row, 3, room.label)
        put_number(ws, row, 4, room.count, COUNT, is_input=True)
        put_number(ws, row, 5, room.net_m2, M2, is_input=True)
        put_formula(ws, row, 6, f"D{row}*E{row}", M2)
        put_formula(ws, row, 7, f"F{row}*{factor}", M2)
        use, number, text, key = _who(lay, room.tenant, room.shared, "Ledigt (til senere udlejning)")
        put_label(ws, row, 8, use or USE_VACANT)
        put_number(ws, row, 9, number, COUNT)
        put_text(ws, row, 10, text)
        put_label(ws, row, 11, key)
    t = lay.r_total
    put_label(ws, t, 2, "I alt")
    put_formula(ws, t, 4, f"SUM(D{lay.r_first}:D{lay.r_last})", COUNT)
    put_formula(ws, t, 6, f"SUM(F{lay.r_first}:F{lay.r_last})", M2)
    put_formula(ws, t, 7, f"SUM(G{lay.r_first}:G{lay.r_last})", M2)
    total_style(ws, t, 1, 11)

    rs = lay.rs
    lines = lay.r_first, lay.r_last
    net, use, key = (f"$F${lines[0]}:$F${lines[1]}", f"$H${lines[0]}:$H${lines[1]}", f"$K${lines[0]}:$K${lines[1]}")
    put_label(ws, rs["heading"], 2, "Arealopgørelse", font=HEADING_FONT)
    rows: list[tuple[str, str, str, str]] = [
        ("net", "Nettoareal i alt (alle rum, ledige medregnet)", f"SUM({net})", M2),
        ("factor", "Bruttofaktor (Forudsætninger)", factor, FACTOR),
        ("gross", "Bruttoareal i alt", f"F{rs['net']}*F{rs['factor']}", M2),
        ("dedicated", "Lejernes egne rum, netto", f'SUMIF({use},"{USE_TENANT}",{net})', M2),
        ("area", "Fælles rum, fordelt efter areal", f'SUMIF({key},"{KEY_WORDS[AllocationKey.AREA]}",{net})', M2),
        ("headcount", "Fælles rum, fordelt efter hovedantal",
         f'SUMIF({key},"{KEY_WORDS[AllocationKey.HEADCOUNT]}",{net})', M2),
        ("equal", "Fælles rum, fordelt ligeligt", f'SUMIF({key},"{KEY_WORDS[AllocationKey.EQUAL]}",{net})', M2),
        ("custom", "Fælles rum, " + KEY_TEXT[AllocationKey.CUSTOM], f'SUMIF({key},"{KEY_WORDS[AllocationKey.CUSTOM]}",{net})', M2),
        ("vacant_lines", "Ledige rum", f'SUMIF({use},"{USE_VACANT}",{net})', M2),
        ("custom_left", "Aftalte andele, ikke givet til lejere",
         f"F{rs['custom']}-{_custom_given(lay, CUSTOM_ROOM)}", M2),
        ("no_tenants", "Fælles rum uden lejere at fordele til",
         f"IF({_n_tenants(lay)}=0,F{rs['area']}+F{rs['headcount']}+F{rs['equal']},0)", M2),
        ("vacant_net", "Ledigt areal i alt, netto", f"F{rs['vacant_lines']}+F{rs['custom_left']}+F{rs['no_tenants']}",
         M2),
        ("vacant_gross", "Ledigt areal i alt, brutto (ejerens)", f"F{rs['vacant_net']}*F{rs['factor']}", M2),
    ]
    for name, label, formula, fmt in rows:
        put_label(ws, rs[name], 2, label)
        cell = put_formula(ws, rs[name], 6, formula, fmt)
        if name in ("net", "gross", "vacant_gross"):
            cell.font = BOLD_FONT
            ws.cell(row=rs[name], column=2).font = BOLD_FONT


# --- Udstyr --------------------------------------------------------------------------------------------------


def write_equipment(ws: Worksheet, lay: Layout) -> None:
    sc = lay.scenario
    header_row(ws, 4, ["Nr.", "Udstyr", "Type", "Antal", "Stykpris", "Levetid (år)", "Service pr. stk. pr. år",
                       "Købt i projektet", "Investering", "Årlig udgift", "Anvendelse", "Lejer nr.",
                       "Bruger eller fordeling", "Nøgle"])
    if not sc.equipment:
        put_label(ws, lay.e_first, 2, "Intet udstyr", font=NOTE_FONT)
    for i, line in enumerate(sc.equipment):
        row = lay.e_first + i
        put_number(ws, row, 1, i + 1, COUNT)
        put_text(ws, row, 2, _equipment_name(lay, line.item, line.name))
        info = lay.plan.catalogs.equipment.get(line.item)
        put_label(ws, row, 3, info.name_da if info else "Andet udstyr")
        put_number(ws, row, 4, line.quantity, COUNT, is_input=True)
        put_number(ws, row, 5, line.unit_price, KR, is_input=True)
        put_number(ws, row, 6, line.lifetime_years, PERSONS, is_input=True)
        put_number(ws, row, 7, line.annual_service, KR, is_input=True)
        put_label(ws, row, 8, YES if line.in_project else NO)
        put_formula(ws, row, 9, f"D{row}*E{row}", KR)
        # Bought in the project it is already in the capital cost: only the service a year (DESIGN §4).
        put_formula(ws, row, 10, f'D{row}*(G{row}+IF(H{row}="{NO}",E{row}/F{row},0))', KR)
        use, number, text, key = _who(lay, line.tenant, line.shared, "")
        put_label(ws, row, 11, use if use != USE_VACANT else USE_NOBODY)
        if not use:
            put_label(ws, row, 11, USE_NOBODY)
        put_number(ws, row, 12, number, COUNT)
        put_text(ws, row, 13, text)
        put_label(ws, row, 14, key)
    t = lay.e_total
    put_label(ws, t, 2, "I alt")
    put_formula(ws, t, 9, f"SUM(I{lay.e_first}:I{lay.e_last})", KR)
    put_formula(ws, t, 10, f"SUM(J{lay.e_first}:J{lay.e_last})", KR)
    total_style(ws, t, 1, 14)

    es = lay.es
    a, b = lay.e_first, lay.e_last
    inv, annual, bought = f"$I${a}:$I${b}", f"$J${a}:$J${b}", f"$H${a}:$H${b}"
    use, key = f"$K${a}:$K${b}", f"$N${a}:$N${b}"
    put_label(ws, es["heading"], 2, "Opgørelse af udstyr", font=HEADING_FONT)
    rows = [
        ("in_project", "Investering, købt i projektet (anlægsbudgettets udstyr)", f'SUMIF({bought},"{YES}",{inv})'),
        ("by_tenants", "Investering, købt af lejerne selv (afskrives i den årlige udgift)",
         f'SUMIF({bought},"{NO}",{inv})'),
        ("annual", "Årlig udgift i alt (service og lejernes afskrivning)", f"SUM({annual})"),
        ("area", "Fælles, fordelt efter areal", f'SUMIF({key},"{KEY_WORDS[AllocationKey.AREA]}",{annual})'),
        ("headcount", "Fælles, fordelt efter hovedantal",
         f'SUMIF({key},"{KEY_WORDS[AllocationKey.HEADCOUNT]}",{annual})'),
        ("equal", "Fælles, fordelt ligeligt", f'SUMIF({key},"{KEY_WORDS[AllocationKey.EQUAL]}",{annual})'),
        ("custom", "Fælles, " + KEY_TEXT[AllocationKey.CUSTOM], f'SUMIF({key},"{KEY_WORDS[AllocationKey.CUSTOM]}",{annual})'),
        ("custom_left", "Aftalte andele, ikke givet til lejere",
         f"J{es['custom']}-{_custom_given(lay, CUSTOM_EQUIPMENT)}"),
        ("no_tenants", "Fælles udstyr uden lejere at fordele til",
         f"IF({_n_tenants(lay)}=0,J{es['area']}+J{es['headcount']}+J{es['equal']},0)"),
        ("nobody", "Udstyr uden bruger", f'SUMIF({use},"{USE_NOBODY}",{annual})'),
        ("unallocated", "Årlig udgift, ikke fordelt til lejere (ejerens)",
         f"J{es['custom_left']}+J{es['no_tenants']}+J{es['nobody']}"),
    ]
    for name, label, formula in rows:
        put_label(ws, es[name], 2, label)
        put_formula(ws, es[name], 10, formula, KR)
    for name in ("in_project", "annual", "unallocated"):
        ws.cell(row=es[name], column=2).font = BOLD_FONT
        ws.cell(row=es[name], column=10).font = BOLD_FONT


# --- Anlægsbudget --------------------------------------------------------------------------------------------


def write_budget(ws: Worksheet, lay: Layout, figures: ScenarioFigures) -> list[tuple[int, str]]:
    """The budget sheet; returns (line index, why) for every line written as the value 0 (for "Fund")."""
    sc = lay.scenario
    years = lay.years
    labels = ["Nr.", "Kategori", "Tekst", "Grundlag", "Fast beløb", "Sats pr. m²", "m²", "Procent", "Beløb",
              "Tilskuds­berettiget"]
    labels += [f"Andel {y}" for y in years] + [str(y) for y in years]
    header_row(ws, 4, labels)
    first, last = lay.b_first, lay.b_last
    cats, fixed, rate, m2 = (f"$B${first}:$B${last}", f"$E${first}:$E${last}", f"$F${first}:$F${last}",
                             f"$G${first}:$G${last}")
    amounts, eligible = f"$I${first}:$I${last}", f"$J${first}:$J${last}"
    gross = ref(ROOMS, 6, lay.rs["gross"])
    equipment_total = ref(EQUIPMENT, 10, lay.es["in_project"])
    cycle = set(figures.cycle_lines)
    ignored = set(figures.ignored_equipment_lines)
    percent_lines = [i for i, c in enumerate(sc.costs) if cost_kind(c) == "percent"]
    zeroed: list[tuple[int, str]] = []
    even = f"1/{len(lay.plan_years)}" if lay.plan_years else "0"

    def spread(row: int, given: dict[int, Decimal]) -> None:
        for k, year in enumerate(years):
            col = lay.spread_col(k)
            if given:
                value = given.get(year)
                put_number(ws, row, col, _pct(value) if value is not None else None, PCT, is_input=True)
            elif year in lay.plan_years:
                put_formula(ws, row, col, even, PCT)
            else:
                put_number(ws, row, col, None, PCT)
            spread_cell = f"{get_column_letter(col)}{row}"
            put_formula(ws, row, lay.year_col(k), f"$I{row}*{spread_cell}", KR)

    if not sc.costs and not lay.equipment_row:
        put_label(ws, first, 3, "Ingen anlægsudgifter", font=NOTE_FONT)
    for i, line in enumerate(sc.costs):
        row = first + i
        kind = cost_kind(line)
        put_number(ws, row, 1, i + 1, COUNT)
        put_label(ws, row, 2, category_name(line.category))
        put_text(ws, row, 3, line.text)
        put_label(ws, row, 10, YES if line.eligible else NO)
        if kind == "amount":
            put_label(ws, row, 4, "Fast beløb")
            put_number(ws, row, 5, line.amount, KR, is_input=True)
            put_formula(ws, row, 9, f"E{row}", KR)
        elif kind == "per_m2":
            put_label(ws, row, 4, "Sats × m²" if line.m2 is not None else "Sats × bruttoareal")
            put_number(ws, row, 6, line.per_m2, KR, is_input=True)
            if line.m2 is not None:
                put_number(ws, row, 7, line.m2, M2, is_input=True)
            else:
                put_formula(ws, row, 7, gross, M2)
            put_formula(ws, row, 9, f"F{row}*G{row}", KR)
        elif kind == "percent":
            named = list(dict.fromkeys(line.of))
            put_label(ws, row, 4, "Procent af " + ", ".join(category_name(c).lower() for c in named))
            put_number(ws, row, 8, _pct(line.percent), PCT, is_input=True)
            if i in cycle:
                cell = put_number(ws, row, 9, 0, KR)
                why = ("Procentlinjen indgår i en cirkulær henvisning (den regner direkte eller gennem andre "
                       "procentlinjer af sig selv) og tæller derfor 0 kr. Se fanen Fund.")
                note(cell, why)
                zeroed.append((i, why))
            else:
                # The categories' bases (lines that depend on no other line) and the other percent lines of the
                # named categories, never the line itself: no formula refers to its own cell.
                terms = [f"$E${lay.c_rows[c]}" for c in named]
                terms += [f"$I${first + m}" for m in percent_lines if m != i and sc.costs[m].category in named]
                put_formula(ws, row, 9, f"H{row}*({'+'.join(terms) or '0'})", KR)
        elif kind == "carrier":
            if i in ignored:
                put_label(ws, row, 4, "Udstyr (dobbelt linje, tæller ikke)")
                cell = put_number(ws, row, 9, 0, KR)
                why = ("Endnu en udstyrslinje uden grundlag: udstyret tælles kun én gang (første linje), så denne "
                       "linje tæller 0 kr. Se fanen Fund.")
                note(cell, why)
                zeroed.append((i, why))
            else:
                put_label(ws, row, 4, "Udstyr købt i projektet (fanen Udstyr)")
                put_formula(ws, row, 5, equipment_total, KR)
                put_formula(ws, row, 9, f"E{row}", KR)
        else:
            put_label(ws, row, 4, "Intet grundlag")
            put_number(ws, row, 9, 0, KR)
        spread(row, {int(y): v for y, v in line.spread.items()})
    if lay.equipment_row:
        row = first + len(sc.costs)
        put_label(ws, row, 2, category_name(CostCategory.EQUIPMENT))
        put_label(ws, row, 3, "Udstyr købt i projektet")
        put_label(ws, row, 4, "Udstyr købt i projektet (fanen Udstyr)")
        put_formula(ws, row, 5, equipment_total, KR)
        put_formula(ws, row, 9, f"E{row}", KR)
        put_label(ws, row, 10, YES)
        spread(row, {})

    t = lay.b_total
    put_label(ws, t, 2, "I alt")
    put_formula(ws, t, 9, f"SUM({amounts})", KR)
    for k in range(len(years)):
        c = get_column_letter(lay.year_col(k))
        put_formula(ws, t, lay.year_col(k), f"SUM({c}{first}:{c}{last})", KR)
    total_style(ws, t, 1, lay.budget_last_col)

    put_label(ws, lay.c_heading, 2, "Anlægsudgifter pr. kategori og år", font=HEADING_FONT)
    cat_labels = ["", "Kategori", "", "", "Grundlag for procent", "Tilskuds­berettiget", "Ikke tilskuds­berettiget",
                  "", "I alt", ""] + [""] * len(years) + [str(y) for y in years]
    header_row(ws, lay.c_header, cat_labels)
    for cat, row in lay.c_rows.items():
        name = category_name(cat)
        put_label(ws, row, 2, name)
        put_formula(ws, row, 5, f'SUMIF({cats},"{name}",{fixed})+SUMPRODUCT(({cats}="{name}")*{rate}*{m2})', KR)
        put_formula(ws, row, 6, f'SUMIFS({amounts},{cats},"{name}",{eligible},"{YES}")', KR)
        put_formula(ws, row, 7, f"I{row}-F{row}", KR)
        put_formula(ws, row, 9, f'SUMIF({cats},"{name}",{amounts})', KR)
        for k in range(len(years)):
            c = get_column_letter(lay.year_col(k))
            put_formula(ws, row, lay.year_col(k), f'SUMIF({cats},"{name}",${c}${first}:${c}${last})', KR)
    ct = lay.c_total
    cf, cl = lay.c_first, lay.c_total - 1
    put_label(ws, ct, 2, "Anlægsudgifter i alt")
    for column in (6, 7, 9):
        letter = get_column_letter(column)
        put_formula(ws, ct, column, f"SUM({letter}{cf}:{letter}{cl})", KR)
    for k in range(len(years)):
        letter = get_column_letter(lay.year_col(k))
        put_formula(ws, ct, lay.year_col(k), f"SUM({letter}{cf}:{letter}{cl})", KR)
    total_style(ws, ct, 1, lay.budget_last_col)
    put_label(ws, ct + 2, 2, "«Grundlag for procent» er kategoriens linjer med fast beløb eller sats (og udstyret); "
              "procentlinjerne lægger de navngivne kategoriers øvrige procentlinjer til.", font=NOTE_FONT)
    put_label(ws, ct + 3, 2, "Uden fordeling over år fordeles en linje ligeligt over projektets år.", font=NOTE_FONT)
    return zeroed


# --- Finansiering --------------------------------------------------------------------------------------------


def write_financing(ws: Worksheet, lay: Layout) -> None:
    sc = lay.scenario
    header_row(ws, 4, ["Nr.", "Kilde", "Tekst", "Beløb", "Betales tilbage af huslejen", "Rente", "Løbetid (år)",
                       "Ydelse pr. år"])
    if not sc.financing:
        put_label(ws, lay.f_first, 3, "Ingen finansiering", font=NOTE_FONT)
    for i, line in enumerate(sc.financing):
        row = lay.f_first + i
        put_number(ws, row, 1, i + 1, COUNT)
        put_label(ws, row, 2, source_name(line.source))
        put_text(ws, row, 3, line.text)
        put_number(ws, row, 4, line.amount, KR, is_input=True)
        put_label(ws, row, 5, YES if line.is_repaid else NO)
        put_number(ws, row, 6, _pct(line.interest_pct), PCT, is_input=True)
        put_number(ws, row, 7, line.years, COUNT, is_input=True)
        # The annuity A = P·r / (1 − (1 + r)^−n), and P/n without interest (DESIGN §4); a line the rent does
        # not repay (E = "Nej") costs nothing a year.
        annuity = f'IF(E{row}="{YES}",IF(F{row}=0,D{row}/G{row},PMT(F{row},G{row},-D{row})),0)'
        put_formula(ws, row, 8, annuity if line.years else "0", KR)
    t = lay.f_total
    a, b = lay.f_first, lay.f_last
    put_label(ws, t, 2, "I alt")
    put_formula(ws, t, 4, f"SUM(D{a}:D{b})", KR)
    put_formula(ws, t, 8, f"SUM(H{a}:H{b})", KR)
    total_style(ws, t, 1, 8)

    put_label(ws, lay.f_heading, 2, "Finansiering pr. kilde", font=HEADING_FONT)
    put_label(ws, lay.f_heading, 5, "Andel", font=BOLD_FONT)
    for source, row in lay.f_sources.items():
        name = source_name(source)
        put_label(ws, row, 2, name)
        put_formula(ws, row, 4, f'SUMIF($B${a}:$B${b},"{name}",$D${a}:$D${b})', KR)
        put_formula(ws, row, 5, f"IF($D${lay.f_fin_total}=0,0,D{row}/$D${lay.f_fin_total})", PCT)
    first_src, last_src = min(lay.f_sources.values()), max(lay.f_sources.values())
    grant = f"D{lay.f_sources[FinancingSource.GRANT]}"
    rows = [
        (lay.f_fin_total, "Finansiering i alt", f"SUM(D{first_src}:D{last_src})", KR),
        (lay.f_est_total, "Anlægsudgifter i alt (Anlægsbudget)", ref(BUDGET, 9, lay.c_total), KR),
        (lay.f_difference, "Forskel: finansiering − anlægsudgifter", f"D{lay.f_fin_total}-D{lay.f_est_total}", KR),
        (lay.f_eligible, "Tilskudsberettigede udgifter (Anlægsbudget)", ref(BUDGET, 6, lay.c_total), KR),
        (lay.f_share, "Tilskudsandel (tilskud / tilskudsberettigede udgifter)",
         f"IF(D{lay.f_eligible}=0,0,{grant}/D{lay.f_eligible})", PCT),
        (lay.f_capital, "Kapitaludgift pr. år (ydelser på lån og tilbagebetalt egenfinansiering)", f"H{t}", KR),
    ]
    for row, label, formula, fmt in rows:
        put_label(ws, row, 2, label)
        put_formula(ws, row, 4, formula, fmt)
    for row in (lay.f_fin_total, lay.f_share):
        ws.cell(row=row, column=2).font = BOLD_FONT
        ws.cell(row=row, column=4).font = BOLD_FONT
    put_label(ws, lay.f_capital + 2, 2, "Tilskuddet betales ikke tilbage. Ydelsen er en annuitet: "
              "beløb × r / (1 − (1 + r)^−n); uden rente beløb / n.", font=NOTE_FONT)


# --- Drift og husleje ----------------------------------------------------------------------------------------


def write_running(ws: Worksheet, lay: Layout) -> None:
    sc = lay.scenario
    gross = ref(ROOMS, 6, lay.rs["gross"])
    header_row(ws, 4, ["Driftsudgift", "Kr. pr. brutto m² pr. år", "Bruttoareal", "Pr. år"])
    for rate, row in lay.d_rates.items():
        put_label(ws, row, 1, RATE_NAMES[rate])
        put_formula(ws, row, 2, ref(ASSUMPTIONS, 2, lay.a_rates[rate]), KR)
        put_formula(ws, row, 3, gross, M2)
        put_formula(ws, row, 4, f"B{row}*C{row}", KR)
    t = lay.d_rates_total
    first_rate, last_rate = min(lay.d_rates.values()), max(lay.d_rates.values())
    put_label(ws, t, 1, "Driftsudgifter i alt")
    put_formula(ws, t, 2, f"SUM(B{first_rate}:B{last_rate})", KR)
    put_formula(ws, t, 4, f"SUM(D{first_rate}:D{last_rate})", KR)
    total_style(ws, t, 1, 4)

    put_label(ws, lay.d_svc_heading, 1, "Fælles ydelser", font=HEADING_FONT)
    header_row(ws, lay.d_svc_header, ["Ydelse", "Nøgle", "Fordeling", "Pr. år"])
    a, b = lay.d_svc_first, lay.d_svc_last
    if not sc.running.services:
        put_label(ws, a, 1, "Ingen fælles ydelser", font=NOTE_FONT)
    for i, service in enumerate(sc.running.services):
        row = a + i
        put_text(ws, row, 1, service.name)
        put_label(ws, row, 2, KEY_WORDS[service.shared.key])
        put_label(ws, row, 3, KEY_TEXT[service.shared.key])
        put_number(ws, row, 4, service.annual, KR, is_input=True)
    put_label(ws, lay.d_svc_total, 1, "Fælles ydelser i alt")
    put_formula(ws, lay.d_svc_total, 4, f"SUM(D{a}:D{b})", KR)
    total_style(ws, lay.d_svc_total, 1, 4)

    ds, dr, dw, dt = lay.ds, lay.dr, lay.dw, lay.dt
    keys, amounts = f"$B${a}:$B${b}", f"$D${a}:$D${b}"
    n = _n_tenants(lay)
    rs_gross = ref(ROOMS, 6, lay.rs["gross"])
    blocks: list[tuple[dict[str, int], str, list[tuple[str, str, str, str]]]] = [
        (ds, "Fælles ydelser – fordeling", [
            ("total", "Fælles ydelser i alt", f"D{lay.d_svc_total}", KR),
            *[(k.value, KEY_TEXT[k].capitalize(), f'SUMIF({keys},"{KEY_WORDS[k]}",{amounts})', KR)
              for k in (*SIMPLE_KEYS, AllocationKey.CUSTOM)],
            ("custom_left", "Aftalte andele, ikke givet til lejere",
             f"D{ds['custom']}-{_custom_given(lay, CUSTOM_SERVICE)}", KR),
            ("no_tenants", "Ydelser uden lejere at fordele til",
             f"IF({n}=0,D{ds['area']}+D{ds['headcount']}+D{ds['equal']},0)", KR),
            ("unallocated", "Ikke fordelt til lejere (ejerens)", f"D{ds['custom_left']}+D{ds['no_tenants']}", KR),
        ]),
        (dr, "Husleje (omkostningsbestemt)", [
            ("capital", "Kapitaludgift pr. år (Finansiering)", ref(FINANCING, 4, lay.f_capital), KR),
            ("running", "Driftsudgifter pr. år", f"D{t}", KR),
            ("building", "Bygningsudgift pr. år", f"D{dr['capital']}+D{dr['running']}", KR),
            ("gross", "Bruttoareal", rs_gross, M2),
            ("rate", "Husleje pr. brutto m² pr. år", f"IF(D{dr['gross']}=0,0,D{dr['building']}/D{dr['gross']})", KR),
        ]),
        (dw, "Husleje, hvis tilskuddet var lånt", [
            ("grant", "Tilskud fra puljen", ref(FINANCING, 4, lay.f_sources[FinancingSource.GRANT]), KR),
            ("rate_pct", "Rente (Forudsætninger)", ref(ASSUMPTIONS, 2, lay.a_rate), PCT),
            ("years", "Løbetid i år (Forudsætninger)", ref(ASSUMPTIONS, 2, lay.a_years), COUNT),
            ("grant_annuity", "Ydelse på tilskuddet som lån",
             f"IF(D{dw['rate_pct']}=0,D{dw['grant']}/D{dw['years']},PMT(D{dw['rate_pct']},D{dw['years']},"
             f"-D{dw['grant']}))", KR),
            ("capital", "Kapitaludgift uden tilskud", f"D{dr['capital']}+D{dw['grant_annuity']}", KR),
            ("rate", "Husleje pr. brutto m² pr. år uden tilskud",
             f"IF(D{dr['gross']}=0,0,(D{dw['capital']}+D{dr['running']})/D{dr['gross']})", KR),
        ]),
        (dt, "Årlige udgifter i alt", [
            ("building", "Bygningsudgift", f"D{dr['building']}", KR),
            ("equipment", "Udstyr (service og lejernes afskrivning)", ref(EQUIPMENT, 10, lay.es["annual"]), KR),
            ("services", "Fælles ydelser", f"D{ds['total']}", KR),
            ("total", "Årlige udgifter i alt", f"D{dt['building']}+D{dt['equipment']}+D{dt['services']}", KR),
            ("tenants", "Heraf lejernes udgifter (Lejere)", ref(TENANTS, 8, lay.t_total), KR),
            ("vacant_space", "Ejerens udgift: ledigt areal × husleje pr. m² (hele bygningsudgiften uden areal)",
             f"IF(D{dr['gross']}=0,D{dr['building']},{ref(ROOMS, 6, lay.rs['vacant_gross'])}*D{dr['rate']})", KR),
            ("vacant_equipment", "Ejerens udgift: udstyr, ikke fordelt", ref(EQUIPMENT, 10, lay.es["unallocated"]), KR),
            ("vacant_services", "Ejerens udgift: fælles ydelser, ikke fordelt", f"D{ds['unallocated']}", KR),
            ("vacancy", "Ejerens udgift til tomgang i alt",
             f"D{dt['vacant_space']}+D{dt['vacant_equipment']}+D{dt['vacant_services']}", KR),
            ("check", "Kontrol: lejere + tomgang − årlige udgifter (skal være 0)",
             f"D{dt['tenants']}+D{dt['vacancy']}-D{dt['total']}", KR),
        ]),
    ]
    bold = {("total", id(dt)), ("rate", id(dr)), ("rate", id(dw)), ("vacancy", id(dt))}
    for block, heading, rows in blocks:
        put_label(ws, block["heading"], 1, heading, font=HEADING_FONT)
        for name, label, formula, fmt in rows:
            put_label(ws, block[name], 1, label)
            cell = put_formula(ws, block[name], 4, formula, fmt)
            if (name, id(block)) in bold:
                cell.font = BOLD_FONT
                ws.cell(row=block[name], column=1).font = BOLD_FONT
    ws.cell(row=dt["check"], column=1).font = NOTE_FONT


# --- Lejere --------------------------------------------------------------------------------------------------


def write_tenants(ws: Worksheet, lay: Layout) -> None:
    sc = lay.scenario
    header_row(ws, 4, ["Nr.", "Lejer", "Fordelt netto m²", "Fordelt brutto m²", "Husleje for areal", "Udstyr",
                       "Fælles ydelser", "I alt pr. år", "Pr. måned", "Pr. brutto m²", "Pr. behandler",
                       "Nuværende husleje pr. år", "Ændring", "Ændring %"])
    factor = ref(ASSUMPTIONS, 2, lay.a_factor)
    rate = ref(RUNNING, 4, lay.dr["rate"])
    rs, es, ds = lay.rs, lay.es, lay.ds
    room_keys = {k: ref(ROOMS, 6, rs[k.value]) for k in SIMPLE_KEYS}
    equipment_keys = {k: ref(EQUIPMENT, 10, es[k.value]) for k in SIMPLE_KEYS}
    service_keys = {k: ref(RUNNING, 4, ds[k.value]) for k in SIMPLE_KEYS}
    eq_nr, eq_annual = rng(EQUIPMENT, 12, lay.e_first, lay.e_last), rng(EQUIPMENT, 10, lay.e_first, lay.e_last)
    room_nr, room_net = rng(ROOMS, 9, lay.r_first, lay.r_last), rng(ROOMS, 6, lay.r_first, lay.r_last)

    def by_keys(cells: dict[AllocationKey, str], shares: dict[AllocationKey, str]) -> str:
        return "+".join(f"{cells[k]}*{shares[k]}" for k in SIMPLE_KEYS)

    if not sc.tenants:
        put_label(ws, lay.t_first, 2, "Ingen lejere: fælles arealer, udstyr og ydelser er ejerens", font=NOTE_FONT)
        put_label(ws, lay.k_first, 2, "Ingen lejere", font=NOTE_FONT)
    for i, tenant in enumerate(sc.tenants):
        row, k = lay.t_first + i, lay.k_first + i
        nr = f"$A${k}"
        shares = _key_cells(lay, k)
        put_number(ws, row, 1, i + 1, COUNT)
        put_text(ws, row, 2, tenant.name)
        put_formula(ws, row, 3, f"$J${k}+{by_keys(room_keys, shares)}+{_custom_sumifs(lay, CUSTOM_ROOM, nr)}", M2)
        put_formula(ws, row, 4, f"C{row}*{factor}", M2)
        put_formula(ws, row, 5, f"D{row}*{rate}", KR)
        put_formula(ws, row, 6, f"SUMIF({eq_nr},{nr},{eq_annual})+{by_keys(equipment_keys, shares)}"
                                f"+{_custom_sumifs(lay, CUSTOM_EQUIPMENT, nr)}", KR)
        put_formula(ws, row, 7, f"{by_keys(service_keys, shares)}+{_custom_sumifs(lay, CUSTOM_SERVICE, nr)}", KR)
        put_formula(ws, row, 8, f"E{row}+F{row}+G{row}", KR)
        put_formula(ws, row, 9, f"H{row}/12", KR)
        put_formula(ws, row, 10, f'IF(D{row}=0,"",H{row}/D{row})', KR)
        put_formula(ws, row, 11, f'IF($E${k}=0,"",H{row}/$E${k})', KR)
        put_number(ws, row, 12, tenant.current_annual_rent, KR, is_input=True)
        put_formula(ws, row, 13, f'IF(L{row}="","",H{row}-L{row})', KR)
        put_formula(ws, row, 14, f'IF(L{row}="","",IF(L{row}=0,"",M{row}/L{row}))', PCT)
        for column in range(1, 15):
            ws.cell(row=row, column=column).alignment = TOP
    t = lay.t_total
    a, b = lay.t_first, lay.t_last
    put_label(ws, t, 2, "Lejerne i alt")
    for column in (3, 4, 5, 6, 7, 8, 9, 12):
        letter = get_column_letter(column)
        put_formula(ws, t, column, f"SUM({letter}{a}:{letter}{b})", M2 if column in (3, 4) else KR)
    total_style(ws, t, 1, 14)
    put_label(ws, lay.t_vacancy, 2, "Ejerens udgift til tomgang (ledigt areal, ikke fordelt udstyr og ydelser)")
    put_formula(ws, lay.t_vacancy, 8, ref(RUNNING, 4, lay.dt["vacancy"]), KR)
    put_formula(ws, lay.t_vacancy, 3, ref(ROOMS, 6, rs["vacant_net"]), M2)
    put_formula(ws, lay.t_vacancy, 4, ref(ROOMS, 6, rs["vacant_gross"]), M2)
    put_label(ws, lay.t_grand, 2, "Årlige udgifter i alt")
    put_formula(ws, lay.t_grand, 3, f"C{t}+C{lay.t_vacancy}", M2)
    put_formula(ws, lay.t_grand, 4, f"D{t}+D{lay.t_vacancy}", M2)
    put_formula(ws, lay.t_grand, 8, f"H{t}+H{lay.t_vacancy}", KR)
    total_style(ws, lay.t_grand, 1, 14)

    put_label(ws, lay.k_heading, 2, "Lejerne og grundlaget for fordelingsnøglerne", font=HEADING_FONT)
    header_row(ws, lay.k_header, ["Nr.", "Lejer", "Art", "Sektor", "Behandlere (årsværk)", "Øvrigt personale",
                                  "Tilmeldte patienter", "Ydernumre", "Åbent timer pr. uge", "Egne rum, netto m²",
                                  "Andel, areal", "Andel, hovedantal", "Andel, ligeligt", "Note"])
    ka, kb = lay.k_first, lay.k_last
    n = _n_tenants(lay)
    sectors = {"general_practice": "Almen praksis", "municipal": "Kommunal", "regional": "Regional",
               "private": "Privat"}
    for i, tenant in enumerate(sc.tenants):
        k = ka + i
        put_number(ws, k, 1, i + 1, COUNT)
        put_text(ws, k, 2, tenant.name)
        put_label(ws, k, 3, _kind_name(lay, tenant.kind))
        sector = tenant.sector
        if sector is None:
            info = lay.plan.catalogs.tenant_kinds.get(tenant.kind)
            sector = info.sector if info else None
        put_label(ws, k, 4, sectors.get(str(sector), "") if sector else "")
        put_number(ws, k, 5, tenant.clinicians, PERSONS, is_input=True)
        put_number(ws, k, 6, tenant.staff, PERSONS, is_input=True)
        put_number(ws, k, 7, tenant.listed_patients or None, COUNT)
        put_number(ws, k, 8, tenant.provider_numbers or None, COUNT)
        put_number(ws, k, 9, tenant.weekly_hours, HOURS)
        put_formula(ws, k, 10, f"SUMIF({room_nr},$A{k},{room_net})", M2)
        # Every weight zero: the split is equal (DESIGN §4 edge rules).
        put_formula(ws, k, 11, f"IF(SUM($J${ka}:$J${kb})>0,J{k}/SUM($J${ka}:$J${kb}),1/{n})", PCT)
        put_formula(ws, k, 12, f"IF(SUM($E${ka}:$F${kb})>0,(E{k}+F{k})/SUM($E${ka}:$F${kb}),1/{n})", PCT)
        put_formula(ws, k, 13, f"1/{n}", PCT)
        put_text(ws, k, 14, tenant.note, wrap=True)
        fit_height(ws, k, [(tenant.note, 36), (tenant.name, 40)])
        for column in range(1, 14):
            ws.cell(row=k, column=column).alignment = TOP
    put_label(ws, lay.k_total, 2, "I alt")
    for column, fmt in ((5, PERSONS), (6, PERSONS), (7, COUNT), (8, COUNT), (10, M2), (11, PCT), (12, PCT),
                        (13, PCT)):
        letter = get_column_letter(column)
        put_formula(ws, lay.k_total, column, f"SUM({letter}{ka}:{letter}{kb})", fmt)
    total_style(ws, lay.k_total, 1, 14)
    put_label(ws, lay.k_total + 2, 2, "Arealnøglen vejer med lejernes egne rum (netto), hovedantal med behandlere + "
              "personale; er alle vægte 0, fordeles ligeligt.", font=NOTE_FONT)


# --- Scenarier -----------------------------------------------------------------------------------------------

# Signed formats for the differences (Excel codes: positive;negative;zero).
SIGNED_FORMATS = {
    KR: '+#,##0 "kr.";-#,##0 "kr.";0 "kr."',
    M2: '+#,##0.0 "m²";-#,##0.0 "m²";0.0 "m²"',
    PCT: "+0.0%;-0.0%;0.0%",
    COUNT: "+#,##0;-#,##0;0",
}
SOURCE_ALIGN = Alignment(wrap_text=True, vertical="top", horizontal="right")  # over the numbers it labels
COMPARE_FIRST_COL = 3  # A: the figure, B: its unit, then one column per scenario, then the differences


def comparison_columns(scenarios: tuple[str, ...], base: str) -> tuple[dict[str, int], dict[str, int]]:
    """(scenario name → its column, scenario name → the column of its difference against `base`)."""
    values = {name: COMPARE_FIRST_COL + i for i, name in enumerate(scenarios)}
    others = [n for n in scenarios if n != base]
    diffs = {name: COMPARE_FIRST_COL + len(scenarios) + i for i, name in enumerate(others)}
    return values, diffs


def comparison_rows(comparison: Comparison) -> dict[str, int]:
    """Row of each comparison row's key on "Scenarier" (group headings take a row before their rows)."""
    out: dict[str, int] = {}
    row = FIRST + 1  # row FIRST says where each column's figures come from
    group = None
    for r in comparison.rows:
        if r.group is not group:
            group = r.group
            row += 1  # the group's heading
        out[r.key] = row
        row += 1
    return out


def write_comparison(ws: Worksheet, lay: Layout, comparison: Comparison, findings: int, made: str,
                     version: str) -> None:
    """Every scenario of the plan side by side, with the differences against this annex's scenario.

    The annex's own scenario (`lay.scenario`, the comparison's base) is formulas over the workbook: its
    scalar figures are the defined names, its tenants' totals the sheet "Lejere", its findings counts the
    sheet "Fund", so it follows a reviewer's edits like every other sheet. The other scenarios have no sheets
    of their own in this workbook: their figures are values computed by Sundhedshus, labelled as such. The
    differences are formulas (scenario − this annex's scenario), so they follow the edits too.
    """
    from planners.figures.compare import Group, Unit, group_label

    own = lay.scenario.name
    assert comparison.base == own, "the annex's own scenario is the base of its comparison"
    fmts = {Unit.KR: KR, Unit.M2: M2, Unit.PCT: PCT, Unit.COUNT: COUNT}
    value_cols, diff_cols = comparison_columns(comparison.scenarios, own)
    last_col = COMPARE_FIRST_COL + 2 * len(comparison.scenarios) - 2
    own_col = value_cols[own]
    own_letter = col(own_col)

    headers = ["Nøgletal", "Enhed"]
    for name in comparison.scenarios:
        marks = []
        if name == own:
            marks.append("dette bilag")
        if name == comparison.applied:
            marks.append("søges")
        headers.append(f"{name} ({', '.join(marks)})" if marks else name)
    headers += [f"Forskel: {name} − {own}" for name in diff_cols]
    header_row(ws, 4, headers)
    ws.row_dimensions[4].height = 44

    put_label(ws, FIRST, 1, "Tallenes kilde", font=NOTE_FONT)
    for name, column in value_cols.items():
        text = "Formler (bilagets faner)" if name == own else "Værdier beregnet af Sundhedshus"
        put_label(ws, FIRST, column, text, font=NOTE_FONT).alignment = SOURCE_ALIGN
    for column in diff_cols.values():
        put_label(ws, FIRST, column, "Formler", font=NOTE_FONT).alignment = SOURCE_ALIGN
    ws.row_dimensions[FIRST].height = 26

    rows = comparison_rows(comparison)
    own_tenants = {t.id: i for i, t in enumerate(lay.scenario.tenants)}
    findings_rng = rng(FINDINGS, 1, FIRST, FIRST + max(findings, 1) - 1)
    level_names = {lvl: palette.name(palette.LEVEL_NAMES, lvl) for lvl in palette.LEVEL_NAMES}
    group: Group | None = None
    for r in comparison.rows:
        row = rows[r.key]
        if r.group is not group:
            group = r.group
            put_label(ws, row - 1, 1, group_label(group), font=HEADING_FONT)
        fmt = fmts[r.unit]
        if r.tenant_id is None:
            put_label(ws, row, 1, r.label_da)
        else:
            put_text(ws, row, 1, r.label_da)  # a tenant's name is the user's text
        put_label(ws, row, 2, r.unit.symbol())
        for k, name in enumerate(comparison.scenarios):
            column = value_cols[name]
            if name != own:
                put_number(ws, row, column, r.values[k], fmt)
                continue
            if r.attribute is not None:
                put_formula(ws, row, column, r.attribute, fmt)  # the live defined name (DESIGN §7)
            elif r.tenant_id is not None:
                if r.tenant_id in own_tenants:
                    put_formula(ws, row, column, ref(TENANTS, 8, lay.t_first + own_tenants[r.tenant_id]), fmt)
                else:
                    put_number(ws, row, column, None, fmt)
            elif r.level is None:
                # the shared part of the house (issue 15.4) has no defined name: Sundhedshus's value
                put_number(ws, row, column, r.values[k], fmt)
            else:
                formula = f'COUNTIF({findings_rng},"{level_names[r.level]}")' if findings else "0"
                put_formula(ws, row, column, formula, fmt)
            ws.cell(row=row, column=column).font = BOLD_FONT
        for name, column in diff_cols.items():
            other = f"{col(value_cols[name])}{row}"
            mine = f"{own_letter}{row}"
            put_formula(ws, row, column, f'IF(OR({other}="",{mine}=""),"",{other}-{mine})', SIGNED_FORMATS[fmt])
    end = _comparison_notes(ws, comparison, max(rows.values()) + 2, last_col) + 1
    notes = [
        f"Kolonnen «{own}» er dette bilags scenarie: dens tal er formler, der henviser til bilagets andre faner "
        "(de navngivne nøgletal, fanen Lejere og fanen Fund), og de følger med, hvis en forudsætning ændres.",
        "De andre scenarier har ikke deres egne faner i bilaget: deres tal er værdier, beregnet af "
        f"Sundhedshus {version} den {made} med samme regler, og de ændrer sig ikke, når bilaget redigeres.",
        f"Forskellene er formler: scenariets tal minus tallet for «{own}». Tilskudsandelens forskel er i "
        "procentpoint. En tom celle: lejeren findes ikke i det scenarie (lejere genkendes på deres id).",
        "Antal fund er fra tjekket af hvert scenarie mod puljens regler og erfaringstal.",
    ]
    width = 32 + 8 + 15 * (last_col - 2)  # the widths workbook._finish gives
    for i, text in enumerate(notes):
        put_label(ws, end + i, 1, text, font=NOTE_FONT)
        ws.cell(row=end + i, column=1).alignment = WRAP
        ws.merge_cells(start_row=end + i, start_column=1, end_row=end + i, end_column=last_col)
        fit_height(ws, end + i, [(text, width)], line_height=12.0)


NOTES_LINES_PER_ROW = 24  # a row of notes stays well under a spreadsheet's greatest row height (409 pt)


def _comparison_notes(ws: Worksheet, comparison: Comparison, row: int, last_col: int) -> int:
    """The workshop's notes and decisions of each scenario that has any (issue 15.7), from `row`: a heading, then
    the scenario's name in column A and its notes wrapped over columns B to `last_col`, a paragraph a row (a long
    one over several rows, so no row outgrows what a spreadsheet shows). The first row after them."""
    import textwrap

    if not comparison.noted:
        return row
    put_label(ws, row, 1, "Noter og beslutninger", font=HEADING_FONT)
    row += 1
    width = 8 + 15 * (last_col - 2)  # columns B to last_col, as workbook._finish sets them
    per_line = max(int(width * 1.15), 20)  # fit_height's estimate of the characters a line holds
    for name, text in comparison.noted:
        put_text(ws, row, 1, name, font=BOLD_FONT, wrap=True)
        for paragraph in (p.strip() for p in text.split("\n")):
            if not paragraph:
                continue
            lines = textwrap.wrap(paragraph, per_line, break_long_words=True, break_on_hyphens=False)
            for start in range(0, len(lines), NOTES_LINES_PER_ROW):
                chunk = " ".join(lines[start:start + NOTES_LINES_PER_ROW])
                put_text(ws, row, 2, chunk, wrap=True)
                ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_col)
                fit_height(ws, row, [(chunk, width)])
                row += 1
    return row


WRITERS: dict[str, Callable[..., object]] = {
    ROOMS: write_rooms,
    EQUIPMENT: write_equipment,
    FINANCING: write_financing,
    RUNNING: write_running,
    TENANTS: write_tenants,
    ASSUMPTIONS: write_assumptions,
}
__all__ = ["WRITERS", "write_budget", "FIRST", "YEAR"]
