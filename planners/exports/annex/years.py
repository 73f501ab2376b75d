"""The annex's sheet "Husleje over tid" (issue 17.4): the rent over the operating years as live formulas.

One row per operating year (costs, the rent rate, the tenants' cost rent, vacancy, income, the owner's result
and the cash balance, and each tenant's rent charged), a table per tenant and year (who is in the house, the
lease area, the cost rent, the market rent and the rent charged) and a table per loan and year (interest,
repayment, payment, balance). Every figure is a formula over an inputs block at the top of the sheet (first
operating year, index rates and their sources, the rent basis, the split, the tenants' move-in and move-out
years and market rents, the phases with the rooms they bring into use and the cost lines that build them, the
year each financing line is given for, the loans' repayment form, interest-only years and first year) and over the other sheets' inputs (rooms, equipment, services, running
rates, financing), in the order of `planners.figures.years.compute_years`, so that a spreadsheet that
recalculates the workbook gets the engine's yearly series (tests/planners/test_annex_years_recalc.py).

Only when the scenario has rent terms (a time line or a market rent, `rent_terms_in_use`): without them the
house has one steady-state year, which "Drift og husleje" already shows; twenty-five equal rows would add pages
a case officer must read without telling anything new.

Formulas keep to IF, AND, OR, MIN, MAX, SUMIF(S), SUMPRODUCT, INDEX/MATCH and PMT (PLATFORM.md). A loan's
balance at the start of a year is the closed form of its schedule (annuity: P·(1+r)^m − A·((1+r)^m − 1)/r after
m repaying years; serial: P − m·P/(n − interest-only years)), so every year's row stands on the inputs alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter
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
    ROOMS,
    RUNNING,
    TENANTS,
    USE_SHARED,
    USE_TENANT,
    Layout,
)
from planners.exports.annex.sheets import _room_type_name
from planners.exports.annex.style import (
    BOLD_FONT,
    COUNT,
    FACTOR,
    HEADING_FONT,
    INPUT_FILL,
    INPUT_FONT,
    KR,
    M2,
    NOTE_FONT,
    PCT,
    YEAR,
    fit_height,
    header_row,
    put_formula,
    put_label,
    put_number,
    put_text,
    ref,
    rng,
    total_style,
)
from planners.figures.years import operating_years
from planners.model import AllocationKey, Plan, Scenario
from planners.model.names import SOURCE_NAMES
from planners.model.timeline import CostSplit, RentBasis, Repayment, rent_terms_in_use

YEARS_SHEET = "Husleje over tid"
YEARS_CONTENTS = ("huslejen år for år: hver lejers husleje, ejerens indtægter og udgifter, lån, tomgang, "
                  "kassebeholdning og nutidsværdi")

# The words the formulas compare with (plain Danish, no wildcard characters).
BASIS_WORDS: dict[RentBasis, str] = {
    RentBasis.COST: "Omkostningsbestemt",
    RentBasis.MARKET: "Markedsleje",
    RentBasis.LOWER: "Den laveste",
}
SPLIT_WORDS: dict[CostSplit, str] = {CostSplit.KEYS: "Nøglerne", CostSplit.LEASE_AREA: "Lejeareal"}
REPAYMENT_WORDS: dict[Repayment, str] = {Repayment.ANNUITY: "Annuitet", Repayment.SERIAL: "Serielån"}

AREA, HEADCOUNT, EQUAL = (KEY_WORDS[AllocationKey.AREA], KEY_WORDS[AllocationKey.HEADCOUNT],
                          KEY_WORDS[AllocationKey.EQUAL])

# Main table ("År for år"): column → (heading, format).
M_YEAR, M_K, M_NET, M_GROSS, M_CAPITAL, M_RUNNING, M_EQUIPMENT, M_SERVICES, M_TOTAL, M_RATE = range(1, 11)
M_COST_RENT, M_VACANCY, M_INCOME, M_SURPLUS, M_ESTABLISHMENT, M_FINANCED, M_CASH = range(11, 18)
M_TENANT0 = 18  # one column per tenant: the rent charged
# Long table ("Lejerne år for år"): one row per year and tenant.
# Who pays what first, beside the year and the tenant (columns A and B repeat on every printed band).
(L_YEAR, L_NAME, L_CHARGED, L_SPACE_CHARGED, L_MARKET, L_COST, L_SPACE, L_EQUIPMENT, L_SERVICES, L_LEASE, L_NET,
 L_PRESENT, L_NR, L_OWN, L_HEAD, L_W_AREA, L_W_HEAD, L_W_EQUAL) = range(1, 19)
L_LAST = L_W_EQUAL
LONG_HEADERS = {
    L_YEAR: "År", L_NAME: "Lejer", L_CHARGED: "Husleje opkrævet i alt", L_SPACE_CHARGED: "Lokaler opkrævet",
    L_MARKET: "Markedsleje for lokaler", L_COST: "Omkostnings-bestemt husleje",
    L_SPACE: "Husleje for lokaler (omk.)", L_EQUIPMENT: "Udstyr", L_SERVICES: "Fælles ydelser",
    L_LEASE: "Lejeareal, brutto m²", L_NET: "Fordelt netto m²", L_PRESENT: "I huset (1 = ja)", L_NR: "Lejer nr.",
    L_OWN: "Egne rum i brug, netto m²", L_HEAD: "Behandlere og personale i huset",
    L_W_AREA: f"Andel «{AREA}»", L_W_HEAD: f"Andel «{HEADCOUNT}»", L_W_EQUAL: f"Andel «{EQUAL}»",
}
# Loan table: per loan five columns after the year.
LOAN_COLUMNS = ("Gæld primo", "Renter", "Afdrag", "Ydelse", "Restgæld ultimo")


@dataclass
class YearsLayout:
    """Every row and column of the sheet, computed before a cell is written."""

    first: int
    last: int
    n_tenants: int
    rooms: int
    custom_rooms: list[int]  # indexes into lay.custom of the room shares
    phases: int
    loans: list[int]  # positions of the repaid financing lines
    phase_costs: list[tuple[int, int]] = field(default_factory=list)  # (cost line, phase) of the phased lines
    financing: int = 0  # the scenario's financing lines (each may be given for a year)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def n_years(self) -> int:
        return self.last - self.first + 1

    def __post_init__(self) -> None:
        r = 4
        names = ("heading", "first", "count", "rent_index", "running_index", "discount", "basis", "split",
                 "market_default", "running_rates", "factor", "equipment", "services", "eq_area", "eq_head",
                 "eq_equal", "eq_shared", "sv_area", "sv_head", "sv_equal", "opening")
        for name in names:
            self.rows[name] = r
            r += 1
        r += 1

        def table(name: str, count: int) -> None:
            nonlocal r
            self.rows[f"{name}_heading"] = r
            self.rows[f"{name}_header"] = r + 1
            self.rows[f"{name}_first"] = r + 2
            self.rows[f"{name}_last"] = r + 2 + max(count, 1) - 1
            r = self.rows[f"{name}_last"] + 2

        table("t", self.n_tenants)
        table("p", self.phases)
        table("k", len(self.phase_costs))
        table("g", self.financing)
        table("r", self.rooms)
        table("c", len(self.custom_rooms))
        table("l", len(self.loans))
        table("m", self.n_years)
        self.rows["m_total"] = self.rows["m_last"] + 1
        self.rows["m_pv"] = self.rows["m_last"] + 2
        r = self.rows["m_pv"] + 2
        table("y", self.n_years * max(self.n_tenants, 1))
        table("a", self.n_years)

    def main_row(self, k: int) -> int:
        return self.rows["m_first"] + k

    def tenant_row(self, k: int, i: int) -> int:
        return self.rows["y_first"] + k * self.n_tenants + i

    def loan_col(self, j: int, part: int) -> int:
        return 2 + j * len(LOAN_COLUMNS) + part

    @property
    def last_col(self) -> int:
        return max(M_TENANT0 + self.n_tenants + 8, L_LAST, self.loan_col(len(self.loans), 0))


def wanted(plan: Plan, scenario: Scenario) -> bool:
    """Whether the annex has the sheet: only when the scenario says anything about rent beyond one year."""
    return rent_terms_in_use(plan, scenario)


def make_years_layout(lay: Layout) -> YearsLayout:
    sc = lay.scenario
    first, last = operating_years(lay.plan, sc)
    return YearsLayout(
        first=first, last=max(last, first), n_tenants=len(sc.tenants), rooms=len(sc.rooms),
        custom_rooms=[i for i, c in enumerate(lay.custom) if c.kind == CUSTOM_ROOM],
        phases=len(sc.timeline.phases),
        loans=[i for i, f in enumerate(sc.financing) if f.is_repaid],
        phase_costs=[(i, sc.timeline.phases.index(ph)) for i in range(len(sc.costs))
                     if (ph := sc.timeline.cost_phase(i)) is not None],
        financing=len(sc.financing),
    )


def _a(col: int, row: int) -> str:
    """An absolute reference on this sheet."""
    return f"${get_column_letter(col)}${row}"


def _r(col: int, first: int, last: int) -> str:
    c = get_column_letter(col)
    return f"${c}${first}:${c}${last}"


def _input_pct(value: Decimal | None) -> Decimal | None:
    return None if value is None else value / 100


def write_years(ws: Worksheet, lay: Layout) -> YearsLayout:
    """Write the sheet; returns its layout (the tests read the rows from it)."""
    sc = lay.scenario
    tl = sc.timeline
    plan = lay.plan
    y = make_years_layout(lay)
    rows = y.rows
    n = y.n_tenants
    b = 2  # the inputs' value column

    # --- the inputs -----------------------------------------------------------------------------------------
    put_label(ws, rows["heading"], 1, "Forudsætninger for årene", font=HEADING_FONT)
    put_label(ws, rows["heading"], 3, "Kilde og forklaring", font=BOLD_FONT)

    def inp(name: str, label: str, value: Decimal | int | str | None, fmt: str, why: str, *,
            is_input: bool = True, user_why: bool = False) -> str:
        row = rows[name]
        put_label(ws, row, 1, label)
        if isinstance(value, str) and value.startswith("="):
            put_formula(ws, row, b, value, fmt)
        elif isinstance(value, str):
            cell = put_label(ws, row, b, value)
            if is_input:
                cell.font = INPUT_FONT
                cell.fill = INPUT_FILL
        else:
            put_number(ws, row, b, value, fmt, is_input=is_input)
        if user_why:
            put_text(ws, row, 3, why)
        else:
            put_label(ws, row, 3, why)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=8)  # room for a source's text
        return _a(b, row)

    estimated = "ikke angivet (0 %)"
    first_cell = inp("first", "Første driftsår", y.first, YEAR,
                     "angivet" if tl.first_year is not None else "året efter projektets sidste år")
    inp("count", "Antal driftsår", y.n_years, COUNT,
        "angivet" if tl.years else "det længste lån, ellers KommuneKreditts normale 25 år")
    rent_idx = inp("rent_index", "Regulering af markedsleje pr. år", _input_pct(tl.rent_index_pct), PCT,
                   tl.rent_index_source or estimated, user_why=bool(tl.rent_index_source))
    run_idx = inp("running_index", "Regulering af drift, udstyr og ydelser pr. år",
                  _input_pct(tl.running_index_pct), PCT, tl.running_index_source or estimated,
                  user_why=bool(tl.running_index_source))
    disc = inp("discount", "Kalkulationsrente (nutidsværdi)", _input_pct(tl.discount_pct), PCT,
               tl.discount_source or ("ingen nutidsværdi" if tl.discount_pct is None else "angivet"),
               user_why=bool(tl.discount_source))
    basis = inp("basis", "Lejegrundlag", BASIS_WORDS[tl.rent_basis], "@",
                "Omkostningsbestemt, Markedsleje eller Den laveste af de to (for lokalerne)")
    split = inp("split", "Fordeling af fælles rum, udstyr og ydelser", SPLIT_WORDS[tl.cost_split], "@",
                "Nøglerne: hver linjes egen nøgle; Lejeareal: som Sæby-lejekontrakten")
    default = plan.market_rent
    market_default = inp("market_default", "Markedsleje pr. brutto m² pr. år (planens standard)",
                         default.per_m2 if default else None, KR,
                         (default.source or "uden kilde") if default else "ikke angivet",
                         user_why=bool(default and default.source))
    rates = inp("running_rates", "Driftsudgifter pr. brutto m² pr. år (Drift og husleje)",
                "=" + ref(RUNNING, 2, lay.d_rates_total), KR, "første driftsårs priser", is_input=False)
    factor = inp("factor", "Bruttofaktor (Forudsætninger)", "=" + ref(ASSUMPTIONS, 2, lay.a_factor), FACTOR,
                 "bruttoareal = nettoareal × bruttofaktor", is_input=False)
    e = lay.e_first, lay.e_last
    e_cost, e_use, e_nr, e_key = (rng(EQUIPMENT, 10, *e), rng(EQUIPMENT, 11, *e), rng(EQUIPMENT, 12, *e),
                                  rng(EQUIPMENT, 14, *e))
    equipment = inp("equipment", "Udstyr pr. år i alt (Udstyr)", "=" + ref(EQUIPMENT, 10, lay.e_total), KR,
                    "første driftsårs priser", is_input=False)
    services = inp("services", "Fælles ydelser pr. år i alt (Drift og husleje)",
                   "=" + ref(RUNNING, 4, lay.d_svc_total), KR, "første driftsårs priser", is_input=False)
    eq_key = {}
    for name, word in (("eq_area", AREA), ("eq_head", HEADCOUNT), ("eq_equal", EQUAL)):
        eq_key[word] = inp(name, f"Fælles udstyr pr. år, nøglen «{word}»",
                           f'=SUMIFS({e_cost},{e_use},"{USE_SHARED}",{e_key},"{word}")', KR,
                           "fordeles mellem lejerne i huset", is_input=False)
    eq_shared = inp("eq_shared", "Fælles udstyr pr. år i alt", f'=SUMIF({e_use},"{USE_SHARED}",{e_cost})', KR,
                    "fordeles efter lejeareal ved fordelingen Lejeareal", is_input=False)
    s = lay.d_svc_first, lay.d_svc_last
    sv_key = {}
    for name, word in (("sv_area", AREA), ("sv_head", HEADCOUNT), ("sv_equal", EQUAL)):
        sv_key[word] = inp(name, f"Fælles ydelser pr. år, nøglen «{word}»",
                           f'=SUMIF({rng(RUNNING, 2, *s)},"{word}",{rng(RUNNING, 4, *s)})', KR,
                           "fordeles mellem lejerne i huset", is_input=False)
    sheet_years = "Lejerne år for år"

    # Tenants: move-in and move-out years, headcount, market rent, agreed shares of equipment and services.
    tr = rows["t_first"]
    put_label(ws, rows["t_heading"], 1, "Lejerne: indflytning, fraflytning og markedsleje", font=HEADING_FONT)
    header_row(ws, rows["t_header"], ["Lejer", "Nr.", "Flytter ind (år)", "Sidste år i huset",
                                      "Behandlere og personale", "Markedsleje i alt pr. år",
                                      "Markedsleje pr. brutto m²", "Aftalt andel af udstyr pr. år",
                                      "Aftalt andel af ydelser pr. år", "Kilde til markedslejen"])
    a = lay.a_custom_first, lay.a_custom_last
    if not n:
        put_label(ws, tr, 1, "Ingen lejere", font=NOTE_FONT)
    for i, t in enumerate(sc.tenants):
        row = tr + i
        terms = tl.tenant_terms(t.id)
        put_text(ws, row, 1, t.name)
        put_number(ws, row, 2, i + 1, COUNT)
        if terms is not None and terms.move_in is not None:
            put_number(ws, row, 3, terms.move_in, YEAR, is_input=True)
        else:
            put_formula(ws, row, 3, first_cell, YEAR)
        put_number(ws, row, 4, terms.move_out if terms is not None else None, YEAR, is_input=True)
        k = lay.k_first + i
        put_formula(ws, row, 5, f"{ref(TENANTS, 5, k)}+{ref(TENANTS, 6, k)}", "#,##0.0")
        put_number(ws, row, 6, terms.market_total if terms is not None else None, KR, is_input=True)
        put_number(ws, row, 7, terms.market_per_m2 if terms is not None else None, KR, is_input=True)
        for column, kind in ((8, CUSTOM_EQUIPMENT), (9, CUSTOM_SERVICE)):
            put_formula(ws, row, column, f'SUMIFS({rng(ASSUMPTIONS, 8, *a)},{rng(ASSUMPTIONS, 1, *a)},"{kind}",'
                                         f"{rng(ASSUMPTIONS, 4, *a)},B{row})", KR)
        put_text(ws, row, 10, terms.market_source if terms is not None else "")

    # Phases and the rooms they bring into use.
    pr = rows["p_first"], rows["p_last"]
    put_label(ws, rows["p_heading"], 1, "Byggeriets faser", font=HEADING_FONT)
    header_row(ws, rows["p_header"], ["Fase", "Første år i brug"])
    if not tl.phases:
        put_label(ws, pr[0], 1, "Ingen faser: alle rum er i brug fra første driftsår", font=NOTE_FONT)
    for i, ph in enumerate(tl.phases):
        put_text(ws, pr[0] + i, 1, ph.name)
        put_number(ws, pr[0] + i, 2, ph.first_year, YEAR, is_input=True)
    phase_of: dict[int, int] = {}
    for i, ph in enumerate(tl.phases):
        for room_index in ph.rooms:
            # A room in two phases comes into use with the later one (as the engine reads it).
            if room_index not in phase_of or ph.first_year > tl.phases[phase_of[room_index]].first_year:
                phase_of[room_index] = i

    rr = rows["r_first"], rows["r_last"]
    put_label(ws, rows["r_heading"], 1, "Rummene år for år: hvornår de tages i brug", font=HEADING_FONT)
    header_row(ws, rows["r_header"], ["Rum", "Nr.", "Netto m²", "Anvendelse", "Lejer nr.", "Nøgle i årene",
                                      "Fase", "I brug fra"])
    if not sc.rooms:
        put_label(ws, rr[0], 1, "Ingen rum", font=NOTE_FONT)
    for i, room in enumerate(sc.rooms):
        row, src = rr[0] + i, lay.r_first + i
        put_text(ws, row, 1, room.label or _room_type_name(lay, room.type))
        put_number(ws, row, 2, i + 1, COUNT)
        put_formula(ws, row, 3, ref(ROOMS, 6, src), M2)
        put_formula(ws, row, 4, ref(ROOMS, 8, src), "@")
        put_formula(ws, row, 5, f'IF({ref(ROOMS, 9, src)}="","",{ref(ROOMS, 9, src)})', COUNT)
        # Under the Sæby split the common area goes by basis area (the area key), whatever its own key.
        put_formula(ws, row, 6, f'IF(AND({split}="{SPLIT_WORDS[CostSplit.LEASE_AREA]}",D{row}="{USE_SHARED}"),'
                                f'"{AREA}",{ref(ROOMS, 11, src)})', "@")
        if i in phase_of:
            put_text(ws, row, 7, tl.phases[phase_of[i]].name)
            put_formula(ws, row, 8, f"INDEX({_r(2, *pr)},{phase_of[i] + 1})", YEAR)
        else:
            put_formula(ws, row, 8, first_cell, YEAR)
    r_net, r_use, r_nr, r_key, r_from = (_r(3, *rr), _r(4, *rr), _r(5, *rr), _r(6, *rr), _r(8, *rr))

    # The cost lines each phase builds (paid in the phase's first year) and the year each financing line is given
    # for (blank: the project years, before operation).
    kr_ = rows["k_first"], rows["k_last"]
    put_label(ws, rows["k_heading"], 1, "Anlægsposter i etaperne: betales i etapens første år", font=HEADING_FONT)
    header_row(ws, rows["k_header"], ["Post", "Post nr.", "Beløb", "Etape", "Betales i år"])
    if not y.phase_costs:
        put_label(ws, kr_[0], 1, "Ingen anlægsposter i etaper: hele anlægget betales i projektårene", font=NOTE_FONT)
    for j, (line, phase_index) in enumerate(y.phase_costs):
        row = kr_[0] + j
        put_text(ws, row, 1, sc.costs[line].text or f"Post {line + 1}")
        put_number(ws, row, 2, line + 1, COUNT)
        put_formula(ws, row, 3, ref(BUDGET, 9, lay.b_first + line), KR)
        put_text(ws, row, 4, tl.phases[phase_index].name)
        put_formula(ws, row, 5, f"INDEX({_r(2, *pr)},{phase_index + 1})", YEAR)
    k_amount, k_year = _r(3, *kr_), _r(5, *kr_)
    gr = rows["g_first"], rows["g_last"]
    put_label(ws, rows["g_heading"], 1, "Finansieringen: året pengene gives for", font=HEADING_FONT)
    header_row(ws, rows["g_header"], ["Finansiering", "Linje nr.", "Beløb", "Givet for år (tom: projektårene)"])
    if not sc.financing:
        put_label(ws, gr[0], 1, "Ingen finansiering", font=NOTE_FONT)
    for i, f in enumerate(sc.financing):
        row = gr[0] + i
        put_text(ws, row, 1, f.text or SOURCE_NAMES[f.source].da)  # the sheet is Danish, as the others
        put_number(ws, row, 2, i + 1, COUNT)
        put_formula(ws, row, 3, ref(FINANCING, 4, lay.f_first + i), KR)
        put_number(ws, row, 4, tl.financing_year(i), YEAR, is_input=True)
    g_amount, g_year = _r(3, *gr), _r(4, *gr)
    opening = inp("opening", "Kassebeholdning ved første driftsårs begyndelse",
                  f'=SUMIF({k_year},">="&{first_cell},{k_amount})-SUMIF({g_year},">="&{first_cell},{g_amount})',
                  KR, "anlæg betalt i driftsårene − finansiering givet for driftsårene (negativ: projektårene "
                      "lægger ud for penge, der kommer senere)", is_input=False)

    # Agreed shares of rooms (custom key): net × share, from the room's first year.
    cr = rows["c_first"], rows["c_last"]
    put_label(ws, rows["c_heading"], 1, "Aftalte andele af fælles rum", font=HEADING_FONT)
    header_row(ws, rows["c_header"], ["Rum", "Rum nr.", "Lejer nr.", "Netto m²", "Andel", "Lejerens m²",
                                      "I brug fra"])
    if not y.custom_rooms:
        put_label(ws, cr[0], 1, "Ingen aftalte andele af rum", font=NOTE_FONT)
    for j, index in enumerate(y.custom_rooms):
        row, share = cr[0] + j, lay.custom[index]
        arow = lay.a_custom_first + index
        shared_room = sc.rooms[share.line]
        put_text(ws, row, 1, shared_room.label or _room_type_name(lay, shared_room.type))
        put_number(ws, row, 2, share.line + 1, COUNT)
        put_formula(ws, row, 3, ref(ASSUMPTIONS, 4, arow), COUNT)
        put_formula(ws, row, 4, ref(ROOMS, 6, lay.r_first + share.line), M2)
        put_formula(ws, row, 5, ref(ASSUMPTIONS, 6, arow), PCT)
        put_formula(ws, row, 6, f"D{row}*E{row}", M2)
        put_formula(ws, row, 7, f"INDEX({r_from},B{row})", YEAR)
    c_m2, c_nr, c_from = _r(6, *cr), _r(3, *cr), _r(7, *cr)

    # Loans: the financing line's terms and this sheet's repayment form.
    lr = rows["l_first"]
    put_label(ws, rows["l_heading"], 1, "Lånene: afdragsform og afdragsfrie år", font=HEADING_FONT)
    header_row(ws, rows["l_header"], ["Lån", "Linje nr.", "Hovedstol", "Rente", "Løbetid (år)", "Afdragsform",
                                      "Afdragsfrie år", "Første betalingsår", "Ydelse (annuitet)", "Givet for år"])
    if not y.loans:
        put_label(ws, lr, 1, "Ingen lån eller egenfinansiering, huslejen betaler tilbage", font=NOTE_FONT)
    for j, line in enumerate(y.loans):
        row, frow = lr + j, lay.f_first + line
        f = sc.financing[line]
        loan = tl.loan_terms(line)
        put_text(ws, row, 1, f.text or f"Finansiering, linje {line + 1}")
        put_number(ws, row, 2, line + 1, COUNT)
        put_formula(ws, row, 3, ref(FINANCING, 4, frow), KR)
        put_formula(ws, row, 4, ref(FINANCING, 6, frow), PCT)
        put_formula(ws, row, 5, f'IF({ref(FINANCING, 7, frow)}="",0,{ref(FINANCING, 7, frow)})', COUNT)
        cell = put_label(ws, row, 6, REPAYMENT_WORDS[loan.repayment if loan else Repayment.ANNUITY])
        cell.font, cell.fill = INPUT_FONT, INPUT_FILL
        put_number(ws, row, 7, loan.interest_only_years if loan else 0, COUNT, is_input=True)
        given = f"INDEX({g_year},{line + 1})"
        put_formula(ws, row, 10, f'IF({given}="","",{given})', YEAR)
        if loan is not None and loan.first_year is not None:
            put_number(ws, row, 8, loan.first_year, YEAR, is_input=True)
        else:  # a line given for an operating year pays from that year
            put_formula(ws, row, 8, f'IF(J{row}="",{first_cell},MAX({first_cell},J{row}))', YEAR)
        # The annuity over the repaying years (the term less the interest-only years); PMT gives P/n at 0 %.
        put_formula(ws, row, 9, f"IF(E{row}-MIN(G{row},E{row})<=0,0,PMT(D{row},E{row}-MIN(G{row},E{row}),-C{row}))",
                    KR)

    # --- the years ------------------------------------------------------------------------------------------
    mf, ml = rows["m_first"], rows["m_last"]
    yf, yl = rows["y_first"], rows["y_last"]
    af = rows["a_first"]
    put_label(ws, rows["m_heading"], 1, "År for år: ejerens udgifter og indtægter, lejernes husleje",
              font=HEADING_FONT)
    main_headers = ["År", "År efter første driftsår", "Netto m² i brug", "Brutto m² i brug", "Kapitaludgifter (lån)",
                    "Driftsudgifter", "Udstyr", "Fælles ydelser", "Udgifter i alt", "Husleje pr. brutto m²",
                    "Lejernes omkostnings-bestemte husleje", "Tomgang (ejerens udgift)", "Lejeindtægt (opkrævet)",
                    "Ejerens over- eller underskud", "Anlæg betalt i året (etaper)", "Finansiering modtaget i året",
                    "Kassebeholdning"]
    main_headers += [f"Husleje: {t.name}" for t in sc.tenants]
    helper0 = M_TENANT0 + n
    main_headers += ["Regulering af drift", "Regulering af markedsleje", "Diskonterings-faktor",
                     f"Fælles rum «{AREA}» i brug", f"Fælles rum «{HEADCOUNT}» i brug",
                     f"Fælles rum «{EQUAL}» i brug", "Lejere i huset", "Lejernes egne rum i brug, netto m²",
                     "Behandlere og personale i huset"]
    header_row(ws, rows["m_header"], main_headers)
    H_RUN, H_RENT, H_DISC, H_AREA, H_HEAD, H_EQUAL, H_N, H_OWN, H_PEOPLE = range(helper0, helper0 + 9)
    ly = _r(L_YEAR, yf, yl)

    def col(c: int, row: int) -> str:
        return f"{get_column_letter(c)}{row}"

    for k in range(y.n_years):
        row = y.main_row(k)
        put_formula(ws, row, M_YEAR, f"{first_cell}+{k}" if k else first_cell, YEAR)
        put_formula(ws, row, M_K, f"{col(M_YEAR, row)}-{first_cell}", COUNT)
        put_formula(ws, row, M_NET, f'SUMIF({r_from},"<="&{col(M_YEAR, row)},{r_net})', M2)
        put_formula(ws, row, M_GROSS, f"{col(M_NET, row)}*{factor}", M2)
        loan_cells = [col(y.loan_col(j, 3), af + k) for j in range(len(y.loans))]
        put_formula(ws, row, M_CAPITAL, "+".join(loan_cells) if loan_cells else "0", KR)
        put_formula(ws, row, M_RUNNING, f"{rates}*{col(M_GROSS, row)}*{col(H_RUN, row)}", KR)
        put_formula(ws, row, M_EQUIPMENT, f"{equipment}*{col(H_RUN, row)}", KR)
        put_formula(ws, row, M_SERVICES, f"{services}*{col(H_RUN, row)}", KR)
        put_formula(ws, row, M_TOTAL, f"{col(M_CAPITAL, row)}+{col(M_RUNNING, row)}+{col(M_EQUIPMENT, row)}"
                                      f"+{col(M_SERVICES, row)}", KR)
        put_formula(ws, row, M_RATE, f"IF({col(M_GROSS, row)}=0,0,({col(M_CAPITAL, row)}+{col(M_RUNNING, row)})"
                                     f"/{col(M_GROSS, row)})", KR)
        put_formula(ws, row, M_COST_RENT, f"SUMIF({ly},{col(M_YEAR, row)},{_r(L_COST, yf, yl)})", KR)
        put_formula(ws, row, M_VACANCY, f"{col(M_TOTAL, row)}-{col(M_COST_RENT, row)}", KR)
        put_formula(ws, row, M_INCOME, f"SUMIF({ly},{col(M_YEAR, row)},{_r(L_CHARGED, yf, yl)})", KR)
        put_formula(ws, row, M_SURPLUS, f"{col(M_INCOME, row)}-{col(M_TOTAL, row)}", KR)
        put_formula(ws, row, M_ESTABLISHMENT, f"SUMIF({k_year},{col(M_YEAR, row)},{k_amount})", KR)
        put_formula(ws, row, M_FINANCED, f"SUMIF({g_year},{col(M_YEAR, row)},{g_amount})", KR)
        before = col(M_CASH, row - 1) if k else opening
        put_formula(ws, row, M_CASH, f"{before}+{col(M_SURPLUS, row)}+{col(M_FINANCED, row)}"
                                     f"-{col(M_ESTABLISHMENT, row)}", KR)
        for i in range(n):
            put_formula(ws, row, M_TENANT0 + i, f"{col(L_CHARGED, y.tenant_row(k, i))}", KR)
        put_formula(ws, row, H_RUN, f"(1+{run_idx})^{col(M_K, row)}", "0.0000")
        put_formula(ws, row, H_RENT, f"(1+{rent_idx})^{col(M_K, row)}", "0.0000")
        put_formula(ws, row, H_DISC, f'IF({disc}="","",1/(1+{disc})^({col(M_K, row)}+1))', "0.0000")
        for c, word in ((H_AREA, AREA), (H_HEAD, HEADCOUNT), (H_EQUAL, EQUAL)):
            put_formula(ws, row, c, f'SUMIFS({r_net},{r_use},"{USE_SHARED}",{r_key},"{word}",'
                                    f'{r_from},"<="&{col(M_YEAR, row)})', M2)
        # The key's weights of the year, summed once here (the tenants' rows divide by them).
        for c, long_col, fmt in ((H_N, L_PRESENT, COUNT), (H_OWN, L_OWN, M2), (H_PEOPLE, L_HEAD, "#,##0.0")):
            put_formula(ws, row, c, f"SUMIF({ly},{col(M_YEAR, row)},{_r(long_col, yf, yl)})", fmt)
    t_row = rows["m_total"]
    put_label(ws, t_row, M_YEAR, "I alt")
    for c in (*range(M_CAPITAL, M_RATE), *range(M_COST_RENT, M_CASH), *range(M_TENANT0, M_TENANT0 + n)):
        put_formula(ws, t_row, c, f"SUM({_r(c, mf, ml)})", KR)
    total_style(ws, t_row, 1, H_PEOPLE)
    pv_row = rows["m_pv"]
    put_label(ws, pv_row, M_YEAR, "Nutidsværdi")
    d_range = _r(H_DISC, mf, ml)
    for c in (M_TOTAL, M_INCOME, M_SURPLUS, *range(M_TENANT0, M_TENANT0 + n)):
        put_formula(ws, pv_row, c, f'IF({disc}="","",SUMPRODUCT({_r(c, mf, ml)},{d_range}))', KR)
    put_label(ws, pv_row, M_CAPITAL, "ved kalkulationsrenten ovenfor, til første driftsårs begyndelse",
              font=NOTE_FONT)
    pv_note = rows["m_pv"] + 1
    put_label(ws, pv_note, M_YEAR, "Husleje pr. brutto m² = (kapitaludgifter + driftsudgifter) ÷ brutto m² i brug; "
              "tomgang = udgifter i alt − lejernes omkostningsbestemte husleje; over- eller underskud = "
              "lejeindtægt − udgifter i alt; kassebeholdning = sidste års + over- eller underskud + finansiering "
              "modtaget − anlæg betalt.", font=NOTE_FONT)

    # --- per tenant and year --------------------------------------------------------------------------------
    # In reading order: who pays what first (a printed band shows these beside the year and the tenant), then
    # the areas and the keys' weights the amounts come from.
    put_label(ws, rows["y_heading"], 1, sheet_years + ": hvem betaler hvad", font=HEADING_FONT)
    header_row(ws, rows["y_header"], [LONG_HEADERS[c] for c in range(1, L_LAST + 1)])
    if not n:
        put_label(ws, yf, 2, "Ingen lejere: hele udgiften er ejerens", font=NOTE_FONT)
    lease_area = SPLIT_WORDS[CostSplit.LEASE_AREA]
    for k in range(y.n_years):
        m = y.main_row(k)
        year = col(M_YEAR, m)
        for i in range(n):
            row = y.tenant_row(k, i)
            t_in = _a(3, tr + i)
            t_out = _a(4, tr + i)

            def c_(column: int, _row: int = row) -> str:
                return col(column, _row)

            present = c_(L_PRESENT)
            yearsum = {L_PRESENT: col(H_N, m), L_OWN: col(H_OWN, m), L_HEAD: col(H_PEOPLE, m)}
            put_formula(ws, row, L_YEAR, year, YEAR)
            put_number(ws, row, L_NR, i + 1, COUNT)
            put_formula(ws, row, L_NAME, _a(1, tr + i), "@")
            put_formula(ws, row, L_PRESENT, f'IF(AND($A{row}>={t_in},OR({t_out}="",$A{row}<={t_out})),1,0)', COUNT)
            put_formula(ws, row, L_OWN, f'{present}*SUMIFS({r_net},{r_use},"{USE_TENANT}",{r_nr},{c_(L_NR)},'
                                        f'{r_from},"<="&$A{row})', M2)
            put_formula(ws, row, L_HEAD, f"{present}*{_a(5, tr + i)}", "#,##0.0")
            present_all = yearsum[L_PRESENT]
            for c, weight in ((L_W_AREA, L_OWN), (L_W_HEAD, L_HEAD)):
                # Where every weight is zero the split is equal (DESIGN §4); no tenant in the house: nobody's.
                put_formula(ws, row, c, f"IF({present_all}=0,0,IF({yearsum[weight]}=0,{present}/{present_all},"
                                        f"{c_(weight)}/{yearsum[weight]}))", "0.0000")
            put_formula(ws, row, L_W_EQUAL, f"IF({present_all}=0,0,{present}/{present_all})", "0.0000")
            w_area, w_head, w_equal = c_(L_W_AREA), c_(L_W_HEAD), c_(L_W_EQUAL)
            custom = (f'IF({split}="{lease_area}",0,{present}*SUMIFS({c_m2},{c_nr},{c_(L_NR)},{c_from},'
                      f'"<="&$A{row}))' if y.custom_rooms else "0")
            put_formula(ws, row, L_NET, f"{c_(L_OWN)}+{col(H_AREA, m)}*{w_area}+{col(H_HEAD, m)}*{w_head}"
                                        f"+{col(H_EQUAL, m)}*{w_equal}+{custom}", M2)
            lease = c_(L_LEASE)
            put_formula(ws, row, L_LEASE, f"{c_(L_NET)}*{factor}", M2)
            put_formula(ws, row, L_SPACE, f"{lease}*{col(M_RATE, m)}", KR)
            own_eq = f'{present}*SUMIFS({e_cost},{e_use},"{USE_TENANT}",{e_nr},{c_(L_NR)})'
            by_lease = f"IF({col(M_GROSS, m)}=0,0,{lease}/{col(M_GROSS, m)})"
            keyed_eq = (f"{eq_key[AREA]}*{w_area}+{eq_key[HEADCOUNT]}*{w_head}+{eq_key[EQUAL]}*{w_equal}"
                        f"+{present}*{_a(8, tr + i)}")
            put_formula(ws, row, L_EQUIPMENT, f'({own_eq}+IF({split}="{lease_area}",{eq_shared}*{by_lease},'
                                              f"{keyed_eq}))*{col(H_RUN, m)}", KR)
            keyed_sv = (f"{sv_key[AREA]}*{w_area}+{sv_key[HEADCOUNT]}*{w_head}+{sv_key[EQUAL]}*{w_equal}"
                        f"+{present}*{_a(9, tr + i)}")
            put_formula(ws, row, L_SERVICES, f'IF({split}="{lease_area}",{services}*{by_lease},{keyed_sv})'
                                             f"*{col(H_RUN, m)}", KR)
            put_formula(ws, row, L_COST, f"{c_(L_SPACE)}+{c_(L_EQUIPMENT)}+{c_(L_SERVICES)}", KR)
            total, per_m2 = _a(6, tr + i), _a(7, tr + i)
            idx = col(H_RENT, m)
            put_formula(ws, row, L_MARKET, f'IF({present}=0,"",IF({total}<>"",{total}*{idx},IF({per_m2}<>"",'
                                           f'{per_m2}*{lease}*{idx},IF({market_default}<>"",'
                                           f'{market_default}*{lease}*{idx},""))))', KR)
            market, space = c_(L_MARKET), c_(L_SPACE)
            put_formula(ws, row, L_SPACE_CHARGED,
                        f'IF(OR({market}="",{basis}="{BASIS_WORDS[RentBasis.COST]}"),{space},'
                        f'IF({basis}="{BASIS_WORDS[RentBasis.MARKET]}",{market},MIN({space},{market})))', KR)
            put_formula(ws, row, L_CHARGED, f"{c_(L_SPACE_CHARGED)}+{c_(L_EQUIPMENT)}+{c_(L_SERVICES)}", KR)

    # --- per loan and year ----------------------------------------------------------------------------------
    put_label(ws, rows["a_heading"], 1, "Lånene år for år", font=HEADING_FONT)
    loan_headers = ["År"]
    for line in y.loans:
        name = sc.financing[line].text or f"linje {line + 1}"
        loan_headers += [f"{h} ({name})" if h == LOAN_COLUMNS[0] else h for h in LOAN_COLUMNS]
    header_row(ws, rows["a_header"], loan_headers)
    for k in range(y.n_years):
        row = af + k
        put_formula(ws, row, 1, col(M_YEAR, y.main_row(k)), YEAR)
        for j in range(len(y.loans)):
            p, rate, term, form, io, start, pay, given = (_a(c, lr + j) for c in range(3, 11))
            jj = f"($A{row}-{start})"
            mm = f"MAX(0,{jj}-{io})"
            cells = [get_column_letter(y.loan_col(j, q)) + str(row) for q in range(5)]
            growth = f"(1+{rate})^{mm}"
            # Before its first payment the loan is owed once it is given (a line given for a later year: not yet).
            owed_before = f'IF(AND({given}<>"",$A{row}<{given}),0,{p})'
            primo = (f'IF({term}<=0,0,IF({jj}<0,{owed_before},IF({jj}>={term},0,IF({mm}=0,{p},'
                     f'IF({form}="{REPAYMENT_WORDS[Repayment.SERIAL]}",{p}-{p}/({term}-{io})*{mm},'
                     f"IF({rate}=0,{p}-{pay}*{mm},{p}*{growth}-{pay}*({growth}-1)/{rate}))))))")
            put_formula(ws, row, y.loan_col(j, 0), primo, KR)
            active = f"AND({jj}>=0,{jj}<{term})"
            put_formula(ws, row, y.loan_col(j, 1), f"IF({active},{cells[0]}*{rate},0)", KR)
            # Interest-only years repay nothing; a loan of interest-only years alone is repaid in its last year.
            put_formula(ws, row, y.loan_col(j, 2),
                        f"IF(NOT({active}),0,IF({jj}<{io},IF(AND({io}>={term},{jj}={term}-1),{cells[0]},0),"
                        f'IF({form}="{REPAYMENT_WORDS[Repayment.SERIAL]}",{p}/({term}-{io}),{pay}-{cells[1]})))', KR)
            put_formula(ws, row, y.loan_col(j, 3), f"{cells[1]}+{cells[2]}", KR)
            put_formula(ws, row, y.loan_col(j, 4),
                        f"IF({term}<=0,0,IF({jj}<0,{owed_before},{cells[0]}-{cells[2]}))", KR)
    if not y.loans:
        put_label(ws, af, 2, "Ingen lån", font=NOTE_FONT)

    fit_height(ws, rows["m_header"], [(h, 12) for h in main_headers])
    return y


def years_widths(lay: Layout) -> dict[str, int]:
    """Column widths: the labels and years in A, amounts of up to "123.456.789 kr." in the rest."""
    y = make_years_layout(lay)
    out: dict[str, int] = {"A": 24}
    for c in range(2, y.last_col + 1):
        out[get_column_letter(c)] = 13
    out["B"] = 20  # the tenant's name in the tenant-year table, repeated on every printed band
    return out
