"""Cost lines in phases and financing given for a year (issue 17, what remained): a hand-computed small plan, the
cash-balance invariant by hypothesis, the plan file (store, JSON, migration, positions following their lines)."""

from __future__ import annotations

import dataclasses
import io
import json
import sqlite3
from decimal import Decimal as D
from fractions import Fraction as Q
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.cli import main as cli_main
from planners.figures.engine import compute
from planners.figures.years import compute_years
from planners.interchange.plan_json import dump_json, load_json
from planners.model import (
    CostCategory,
    CostLine,
    FinancingLine,
    FinancingSource,
    Plan,
    RoomLine,
    RoomType,
    Running,
    RunningRate,
    Scenario,
    Tenant,
    TenantKind,
    default_running_rates,
)
from planners.model.timeline import FinancingYear, Phase, TimeLine
from planners.model.timeline_validation import validate_timeline
from planners.store.operations import AddLine, DeleteLines, MoveLine, SetTimeLine
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.strategies import plans

TINY = Q(1, 10**12)


def phased_plan() -> Plan:
    """One GP practice in 100 m² from 2025; a 50 m² room to let later, built in phase "Etape 2" from 2026.
    The project years build the first stage for 1.000.000 kr. with a loan of 700.000 kr. (0 %, 7 years) and a
    grant of 300.000 kr. that is given for 2026; the phase costs 400.000 kr., paid by a loan given for 2026
    (5 %, 2 years). Running costs 100 kr./m²; gross factor 1; no index."""
    rates = default_running_rates()
    for rate in rates:
        rates[rate] = D(0)
    rates[RunningRate.UTILITIES] = D(100)
    sc = Scenario(
        name="Etaper",
        gross_factor=D(1),
        tenants=[Tenant("a", "Lægerne", TenantKind.GP_PRACTICE)],
        rooms=[RoomLine(RoomType.CONSULTATION, D(100), tenant="a"),
               RoomLine(RoomType.CONSULTATION, D(50), vacant=True)],
        costs=[CostLine(CostCategory.CONSTRUCTION, "Første etape", amount=D(1000000)),
               CostLine(CostCategory.CONSTRUCTION, "Anden etape", amount=D(400000))],
        financing=[FinancingLine(FinancingSource.GRANT, D(300000)),
                   FinancingLine(FinancingSource.LOAN, D(700000), interest_pct=D(0), years=7),
                   FinancingLine(FinancingSource.LOAN, D(400000), interest_pct=D(5), years=2)],
        running=Running(per_gross_m2=rates),
        timeline=TimeLine(first_year=2025, years=3,
                          phases=[Phase("Etape 2", 2026, rooms=[1], costs=[1])],
                          financing_years=[FinancingYear(0, 2026), FinancingYear(2, 2026)]),
    )
    return Plan(title="Etapehus", years=[2024], scenarios=[sc])


def test_phased_plan_by_hand() -> None:
    y = compute_years(phased_plan())
    assert [r.year for r in y.years] == [2025, 2026, 2027]
    # Opening balance: establishment of the operating years (400.000 in 2026) − financing given for them
    # (grant 300.000 + loan 400.000 in 2026) = −300.000: the project years fronted the grant.
    assert y.opening_balance == -300000
    y1, y2, y3 = y.years
    # 2025: 100 m² in use (the phase's room not yet). Capital: the first loan 700.000 / 7 = 100.000; the phase's
    # loan is not given yet: no payment, nothing owed. Running 100 × 100 = 10.000. All the GP's: no vacancy.
    assert y1.gross_m2 == 100 and y1.capital_cost == 100000 and y1.running_cost == 10000
    assert y1.total_cost == 110000 and y1.vacancy_cost == 0 and y1.tenants[0].charged == 110000
    assert y1.loans[1].payment == 0 and y1.loans[1].balance == 0
    assert y1.establishment == 0 and y1.financing_received == 0
    assert y1.cash_balance == -300000  # −300.000 + surplus 0
    # 2026: the phase: 150 m² in use, its 50 m² vacant. The phase's loan pays from 2026: annuity of 400.000 at
    # 5 % over 2 years = 400.000 × 0,05 × 1,1025 / 0,1025 = 8.820.000/41; interest 20.000, repayment
    # 8.000.000/41, owed at the end 400.000 − 8.000.000/41 = 8.400.000/41.
    annuity = Q(8820000, 41)
    assert abs(Q(y2.loans[1].payment) - annuity) < TINY
    assert y2.loans[1].interest == 20000
    assert abs(Q(y2.loans[1].balance) - Q(8400000, 41)) < TINY
    # Building cost B = 100.000 + annuity + running 100 × 150 = 15.000; the GP pays 100/150 of it, the
    # vacant third is the owner's: surplus −B/3.
    b = 100000 + annuity + 15000
    assert y2.running_cost == 15000
    assert abs(Q(y2.total_cost) - b) < TINY
    assert abs(Q(y2.tenants[0].charged) - b * 2 / 3) < TINY
    assert abs(Q(y2.vacancy_cost) - b / 3) < TINY
    # Cash: the phase's 400.000 paid, the grant 300.000 and the phase's loan 400.000 received:
    # −300.000 − B/3 + 700.000 − 400.000 = −B/3.
    assert y2.establishment == 400000 and y2.financing_received == 700000
    assert abs(Q(y2.cash_balance) - (-b / 3)) < TINY
    # 2027: interest 5 % × 8.400.000/41 = 420.000/41, repayment the rest of the annuity: nothing owed after.
    assert abs(Q(y3.loans[1].interest) - Q(420000, 41)) < TINY
    assert abs(Q(y3.loans[1].balance)) < TINY
    assert abs(Q(y3.capital_cost) - (100000 + annuity)) < TINY
    assert y3.establishment == 0 and y3.financing_received == 0
    assert abs(Q(y3.cash_balance) - (-2 * b / 3)) < TINY


def test_nothing_dated_keeps_the_series() -> None:
    """The same plan without phases' cost lines and financing years: the first year equals the steady state, and
    the cash balance is the running sum of the surpluses from 0, as before."""
    plan = phased_plan()
    sc = plan.scenarios[0]
    sc.timeline = dataclasses.replace(sc.timeline, phases=[], financing_years=[])
    y = compute_years(plan)
    steady = compute(plan)
    assert y.opening_balance == 0
    assert y.years[0].total_cost == steady.annual_cost_total
    running = D(0)
    for row in y.years:
        running += row.surplus
        assert row.establishment == 0 and row.financing_received == 0
        assert abs(row.cash_balance - running) < D("0.000001")


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(plans(min_tenants=1, max_tenants=3), st.data())
def test_cash_balance_changes_by_income_costs_and_financing(plan: Plan, data: st.DataObject) -> None:
    sc = plan.scenarios[0]
    first = max(plan.years) + 1
    years = st.integers(first - 1, first + 4)
    phases = []
    for k in range(data.draw(st.integers(0, 2))):
        costs = data.draw(st.lists(st.integers(0, max(len(sc.costs) - 1, 0)), max_size=3, unique=True))
        phases.append(Phase(f"Etape {k + 2}", data.draw(years), [], costs if sc.costs else []))
    # a cost line belongs to one phase at most (the validity rule)
    seen: set[int] = set()
    for ph in phases:
        ph.costs = [c for c in ph.costs if c not in seen]
        seen.update(ph.costs)
    dated = [FinancingYear(i, data.draw(years)) for i in range(len(sc.financing)) if data.draw(st.booleans())]
    tl = TimeLine(years=data.draw(st.integers(1, 6)), running_index_pct=data.draw(st.decimals(0, 5, places=1)),
                  phases=phases, financing_years=dated)
    assert validate_timeline(tl, "timeline") == []
    sc = dataclasses.replace(sc, timeline=tl)
    y = compute_years(plan, sc)
    figures = compute(plan, sc)
    amounts = {c.index: Q(c.amount) for c in figures.cost_lines}
    if not any(c.in_cycle or c.ignored for c in figures.cost_lines):
        # the opening balance: the operating years' establishment less the financing given for them
        later_cost = sum((amounts[i] for ph in phases if ph.first_year >= first for i in ph.costs), Q(0))
        later_money = sum((Q(sc.financing[f.line].amount) for f in dated if f.year >= first), Q(0))
        # the basis-free equipment line stands for the equipment bought (the engine's amount for it is 0)
        if all(not (sc.costs[i].category is CostCategory.EQUIPMENT and not sc.costs[i].has_basis)
               for ph in phases for i in ph.costs):
            assert abs(Q(y.opening_balance) - (later_cost - later_money)) < Q(1, 10**6)
    before = Q(y.opening_balance)
    for row in y.years:
        # each year: the cash balance changes by income − costs + financing received − establishment paid
        change = Q(row.income) - Q(row.total_cost) + Q(row.financing_received) - Q(row.establishment)
        assert abs(Q(row.cash_balance) - before - change) < Q(1, 10**6) * max(Q(1), abs(change))
        assert row.financing_received == sum((sc.financing[f.line].amount for f in dated if f.year == row.year),
                                             D(0))
        before = Q(row.cash_balance)


def test_json_round_trip_and_summary(tmp_path: Path) -> None:
    plan = phased_plan()
    text = dump_json(plan)
    doc = json.loads(text)
    tl = doc["scenarios"][0]["timeline"]
    assert tl["phases"][0]["costs"] == [1]
    assert tl["financing_years"] == [{"line": 0, "year": 2026}, {"line": 2, "year": 2026}]
    assert load_json(text).scenarios[0].timeline == plan.scenarios[0].timeline
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert cli_main(["summary", str(path), "--json"], out=out) == 0
    ry = json.loads(out.getvalue(), parse_float=D)["rent_years"]
    assert ry["opening_balance"] == -300000
    assert [r["establishment"] for r in ry["series"]] == [0, 400000, 0]
    assert [r["financing_received"] for r in ry["series"]] == [0, 700000, 0]


def test_a_plan_without_them_exports_as_before() -> None:
    plan = phased_plan()
    plan.scenarios[0].timeline = TimeLine(first_year=2025, phases=[Phase("Etape 2", 2026, rooms=[1])])
    tl = json.loads(dump_json(plan))["scenarios"][0]["timeline"]
    assert "financing_years" not in tl and "costs" not in tl["phases"][0]


def test_invalid_terms_are_refused() -> None:
    tl = TimeLine(phases=[Phase("A", 2026, costs=[0]), Phase("B", 2027, costs=[0, -1])],
                  financing_years=[FinancingYear(0, 2026), FinancingYear(0, 2027), FinancingYear(1, 1066)])
    paths = [p.path for p in validate_timeline(tl, "t")]
    assert paths == ["t.phases[1].costs", "t.financing_years[1].line", "t.financing_years[2].year"]


def test_store_round_trip_and_positions_follow(tmp_path: Path) -> None:
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, phased_plan()).close()
    with PlanFile.open(path) as pf:
        plan = pf.load()
        sc = plan.scenarios[0]
        assert sc.timeline == phased_plan().scenarios[0].timeline
        sid = sc.row_id
        assert sid is not None
        # a new cost line at the top: the phase's line moves from 1 to 2
        pf.apply(AddLine(sid, "cost", CostLine(CostCategory.OTHER, "Ny", amount=D(1)), 0))
        assert pf.load().scenarios[0].timeline.phases[0].costs == [2]
        # a financing line moved to the end: its year goes with it (line 0 → 2, the others one up)
        grant = pf.load().scenarios[0].financing[0].row_id
        assert grant is not None
        pf.apply(MoveLine("financing", grant, 2))
        assert pf.load().scenarios[0].timeline.financing_years == [FinancingYear(2, 2026), FinancingYear(1, 2026)]
        # deleting the phase's cost line drops the reference; undo brings it back
        cost = pf.load().scenarios[0].costs[2].row_id
        assert cost is not None
        undo = pf.apply(DeleteLines("cost", (cost,))).inverse
        assert pf.load().scenarios[0].timeline.phases[0].costs == []
        pf.apply(undo)
        assert pf.load().scenarios[0].timeline.phases[0].costs == [2]
        pf.apply(SetTimeLine(sid, TimeLine()))
        assert pf.load().scenarios[0].timeline == TimeLine()


def test_upgrade_from_version_5(tmp_path: Path) -> None:
    path = tmp_path / "v5.sundhedshus"
    plan = phased_plan()
    plan.scenarios[0].timeline = TimeLine(first_year=2025, phases=[Phase("Etape 2", 2026, rooms=[1])])
    create_plan_file(path, plan).close()
    conn = sqlite3.connect(path)
    for table in ("phase_cost", "financing_year"):  # as version 5 wrote it: none of the new tables
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with PlanFile.open(path) as pf:
        assert pf.load().scenarios[0].timeline == plan.scenarios[0].timeline
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"phase_cost", "financing_year"} <= tables
    conn.close()
    assert (tmp_path / "v5.sundhedshus.bak-v5").exists()


def test_references_to_no_line_are_findings() -> None:
    from planners.figures.checked import run_checks

    plan = phased_plan()
    tl = plan.scenarios[0].timeline
    tl.phases[0].costs = [1, 5]  # the scenario has 2 cost lines: line 6 is none
    tl.financing_years.append(FinancingYear(9, 2026))  # 3 financing lines: line 10 is none
    found = [f for f in run_checks(plan) if f.code == "timeline_invalid"]
    texts = [f.message_da for f in found]
    assert len(found) == 2
    assert any("anlægsposter, scenariet ikke har (6)" in x for x in texts)
    assert any("finansieringslinjer, scenariet ikke har (10)" in x for x in texts)
    compute_years(plan)  # the figures skip a reference to no line
    plan.scenarios[0].timeline = phased_plan().scenarios[0].timeline
    assert not [f for f in run_checks(plan) if f.code == "timeline_invalid"]
