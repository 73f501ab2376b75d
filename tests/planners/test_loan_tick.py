"""The loan's repayment tick (issue 14.4): a loan the rent does not repay is left out of the rent; a loan made
without the tick (code, template, JSON, a version-4 file) is repaid as before."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal as D
from pathlib import Path

from planners import guide
from planners.figures.engine import compute
from planners.figures.rent import grant_loan_terms
from planners.interchange.plan_json import dump_json, load_json
from planners.model import (
    CostCategory,
    CostLine,
    FinancingLine,
    FinancingSource,
    Plan,
    RoomLine,
    RoomType,
    Tenant,
    TenantKind,
)
from planners.model.scenario_validation import validate_line
from planners.reference import template_path
from planners.store.planfile import create_plan_file, read_plan

SRC = FinancingSource


def _kr(value: D) -> D:
    """The figure to the øre (the engine keeps 28 digits)."""
    return value.quantize(D("0.01"))


def _plan() -> tuple[Plan, FinancingLine, FinancingLine]:
    plan = guide.empty_plan("Prøve", 2027)
    sc = plan.scenarios[0]
    sc.tenants = [Tenant("a", "A", TenantKind.GP_PRACTICE, clinicians=D(2))]
    sc.rooms = [RoomLine(RoomType.CONSULTATION, D(100), tenant="a")]
    sc.costs = [CostLine(CostCategory.CONSTRUCTION, "Byggeri", amount=D(1_500_000))]
    first = FinancingLine(SRC.LOAN, D(1_000_000), "Lån A", interest_pct=D(5), years=2)
    second = FinancingLine(SRC.LOAN, D(500_000), "Lån B", interest_pct=D(0), years=5)
    sc.financing = [first, second]
    return plan, first, second


def test_a_loan_is_repaid_by_default_own_money_and_grants_are_not() -> None:
    assert FinancingLine(SRC.LOAN, D(1)).repaid_by_rent is True
    assert FinancingLine(SRC.OWN_PRACTICE, D(1)).repaid_by_rent is False
    assert FinancingLine(SRC.GRANT, D(1)).repaid_by_rent is False
    # A grant is never paid back, whatever its tick says.
    assert not FinancingLine(SRC.GRANT, D(1), repaid_by_rent=True).is_repaid
    assert not FinancingLine(SRC.LOAN, D(1), repaid_by_rent=False).is_repaid


def test_a_new_source_brings_its_default_tick_and_own_money_keeps_its_own() -> None:
    own = FinancingLine(SRC.OWN_REGION, D(1), repaid_by_rent=True)
    assert own.repaid_after_source(SRC.OWN_PRACTICE) is True  # own → own: the user's tick stays
    assert own.repaid_after_source(SRC.GRANT) is False
    assert FinancingLine(SRC.OWN_REGION, D(1)).repaid_after_source(SRC.LOAN) is True
    assert FinancingLine(SRC.LOAN, D(1)).repaid_after_source(SRC.OWN_MUNICIPALITY) is False
    assert FinancingLine(SRC.LOAN, D(1), repaid_by_rent=False).repaid_after_source(SRC.LOAN) is False


def test_an_unticked_loan_is_left_out_of_the_rent_by_hand() -> None:
    plan, first, second = _plan()
    name = plan.scenarios[0].name
    # By hand: loan A, 1.000.000 at 5 % over 2 years: A = P·r·(1+r)^n / ((1+r)^n − 1)
    #   = 1.000.000 · 0,05 · 1,1025 / 0,1025 = 55.125 / 0,1025 = 537.804,878… ≈ 537.804,88 kr. a year;
    # loan B, 500.000 at 0 % over 5 years: 500.000 / 5 = 100.000 kr. a year. Both ticked: 637.804,88.
    figures = compute(plan, name)
    assert _kr(figures.capital_cost) == D("637804.88")
    second.repaid_by_rent = False  # B is not paid back by the rent: its annuity is 0
    figures = compute(plan, name)
    assert _kr(figures.capital_cost) == D("537804.88")
    assert figures.financing_lines[1].annuity == 0
    assert _kr(figures.financing_lines[0].annuity) == D("537804.88")
    # The grant "without grant" is borrowed on a repaid loan's terms only.
    first.repaid_by_rent = False
    assert compute(plan, name).capital_cost == 0
    assert grant_loan_terms(plan.scenarios[0].financing) == (D(3), 30)  # no repaid line: the default terms
    second.repaid_by_rent = True
    assert grant_loan_terms(plan.scenarios[0].financing) == (D(0), 5)


def test_an_unticked_loan_needs_no_term() -> None:
    plan, _first, second = _plan()
    sc = plan.scenarios[0]
    second.years = None
    assert [p.path for p in validate_line("financing", second, sc, "l")] == ["l.years"]
    second.repaid_by_rent = False
    assert validate_line("financing", second, sc, "l") == []


def test_json_without_the_key_repays_a_loan_and_an_unticked_loan_round_trips() -> None:
    data = json.loads(template_path("example").read_text(encoding="utf-8"))
    loans = [f for s in data["scenarios"] for f in s["financing"] if f["source"] == "loan"]
    assert loans and all("repaid_by_rent" not in f for f in loans)
    plan = load_json(json.dumps(data))
    assert all(f.repaid_by_rent for s in plan.scenarios for f in s.financing if f.source is SRC.LOAN)
    loan = next(f for f in plan.scenarios[0].financing if f.source is SRC.LOAN)
    loan.repaid_by_rent = False
    text = dump_json(plan)
    again = load_json(text)
    assert again == plan
    assert next(f for f in again.scenarios[0].financing if f.source is SRC.LOAN).repaid_by_rent is False
    assert dump_json(again) == text


def test_a_version_4_file_has_its_loans_repaid(tmp_path: Path) -> None:
    plan, _first, _second = _plan()
    path = tmp_path / "v4.sundhedshus"
    create_plan_file(path, plan).close()
    # As version 4 stored it: a loan's tick 0 (it was shown set and locked, and always counted).
    conn = sqlite3.connect(path)
    conn.execute("UPDATE financing SET repaid_by_rent = 0")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    old = read_plan(path)
    assert [f.repaid_by_rent for f in old.scenarios[0].financing] == [True, True]
    assert _kr(compute(old, old.scenarios[0].name).capital_cost) == D("637804.88")


def test_a_version_5_file_keeps_an_unticked_loan(tmp_path: Path) -> None:
    plan, _first, second = _plan()
    second.repaid_by_rent = False
    path = tmp_path / "v5.sundhedshus"
    create_plan_file(path, plan).close()
    assert [f.repaid_by_rent for f in read_plan(path).scenarios[0].financing] == [True, False]
