""""Tilskuddet blev mindre" (issue 16.7) on a small plan worked out by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from planners.figures.engine import compute
from planners.figures.reduced import Choice, propose_reduced_grant
from planners.model import (
    CostCategory,
    CostLine,
    FinancingLine,
    FinancingSource,
    Plan,
    RoomLine,
    RoomType,
    Scenario,
    SubProject,
    Tenant,
    TenantKind,
)
from planners.model.errors import PlanError


def small() -> Plan:
    """Costs 1.000.000 (Hovedhus) + 300.000 (Træningssal) + 100.000 (Café) + 10 % consultancy of the construction
    (130.000) = 1.530.000; financed by a grant of 500.000 and a loan of 1.030.000."""
    scenario = Scenario(
        name="Ansøgt",
        gross_factor=D(1),
        tenants=[Tenant("gp", "Lægerne", TenantKind.GP_PRACTICE, clinicians=D(2))],
        rooms=[RoomLine(RoomType.CONSULTATION, D(100), 1, tenant="gp")],
        costs=[
            CostLine(CostCategory.CONSTRUCTION, "Hovedhus", amount=D(1_000_000), subproject="Hovedhus",
                     grant=D(400_000)),
            CostLine(CostCategory.CONSTRUCTION, "Træningssal", amount=D(300_000), subproject="Træningssal",
                     grant=D(100_000)),
            CostLine(CostCategory.FURNITURE, "Café", amount=D(100_000), subproject="Café"),
            CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(10), of=[CostCategory.CONSTRUCTION]),
        ],  # fmt: skip
        financing=[FinancingLine(FinancingSource.GRANT, D(500_000), "Puljen"),
                   FinancingLine(FinancingSource.LOAN, D(1_030_000), "KommuneKredit", D(3), 20)],  # fmt: skip
        notes="Workshop 1: nybyg valgt.",
    )
    return Plan("Lille hus", [2027], pool_round="2019", scenarios=[scenario],
                subprojects=[SubProject("Hovedhus", 1), SubProject("Træningssal", 2), SubProject("Café", 3)])


def test_the_small_plan_is_balanced_as_worked_out() -> None:
    f = compute(small())
    assert f.establishment_total == D(1_530_000) and f.financing_total == D(1_530_000)


def test_dropping_by_priority_until_the_cost_fits() -> None:
    plan = small()
    proposal = propose_reduced_grant(plan, None, D(300_000), Choice.DROP, "Mindre tilskud")
    # The shortfall is 200.000. Café (priority 3) saves 100.000: not enough. Træningssal (2) saves 300.000 and
    # its 10 % consultancy, 30.000: 430.000 in all. Hovedhus (1) is kept.
    assert proposal.shortfall == D(200_000) and proposal.dropped == ("Café", "Træningssal")
    assert proposal.saved == D(430_000) and proposal.remaining == 0
    revised = proposal.scenario
    assert [c.text for c in revised.costs] == ["Hovedhus", "Rådgivning"]
    # 1.100.000 of costs: the grant 300.000, the loan takes the rest, 800.000 (230.000 less than before).
    assert [f.amount for f in revised.financing] == [D(300_000), D(800_000)]
    assert proposal.loan_change == D(-230_000)
    plan.scenarios.append(revised)
    f = compute(plan, "Mindre tilskud")
    assert f.establishment_total == D(1_100_000) and f.financing_difference == 0 and f.grant == D(300_000)
    assert revised.notes.startswith("Tilskuddet blev mindre: 300.000 kr. bevilget mod 500.000 kr. ansøgt")
    assert "«Café», «Træningssal»" in revised.notes and revised.notes.endswith("Workshop 1: nybyg valgt.")
    # the original is untouched
    assert len(plan.scenarios[0].costs) == 4 and plan.scenarios[0].financing[0].amount == D(500_000)


def test_borrowing_the_shortfall() -> None:
    plan = small()
    proposal = propose_reduced_grant(plan, "Ansøgt", D(300_000), Choice.LOAN, "Lån i stedet")
    assert proposal.dropped == () and proposal.loan_change == D(200_000)
    assert [f.amount for f in proposal.scenario.financing] == [D(300_000), D(1_230_000)]
    assert len(proposal.scenario.costs) == 4


def test_borrowing_without_a_loan_line_adds_one_on_the_without_grant_terms() -> None:
    plan = small()
    sc = plan.scenarios[0]
    sc.financing = [FinancingLine(FinancingSource.GRANT, D(500_000)),
                    FinancingLine(FinancingSource.OWN_MUNICIPALITY, D(1_030_000))]  # fmt: skip
    proposal = propose_reduced_grant(plan, None, D(450_000), Choice.LOAN, "Lån")
    new = proposal.scenario.financing[-1]
    rate, years = compute(plan).grant_loan_terms
    assert (new.source, new.amount, new.interest_pct, new.years) == (FinancingSource.LOAN, D(50_000), rate, years)
    assert proposal.scenario.financing[1].amount == D(1_030_000)  # own money unchanged


def test_when_dropping_cannot_meet_it_the_rest_is_said_and_borrowed() -> None:
    plan = small()
    plan.subprojects = [SubProject("Café", 3)]  # only the café may go
    for line in plan.scenarios[0].costs[:2]:
        line.subproject = None
    proposal = propose_reduced_grant(plan, None, D(300_000), Choice.DROP, "Uden café")
    assert proposal.dropped == ("Café",) and proposal.saved == D(100_000) and proposal.remaining == D(100_000)
    # costs 1.430.000: grant 300.000 and the loan 1.130.000 (100.000 more)
    assert [f.amount for f in proposal.scenario.financing] == [D(300_000), D(1_130_000)]


@pytest.mark.parametrize(("granted", "words"), [(D(500_000), "ikke mindre"), (D(-1), "negativt")])
def test_nothing_to_do_or_impossible_is_said(granted: D, words: str) -> None:
    with pytest.raises(PlanError, match=words):
        propose_reduced_grant(small(), None, granted, Choice.DROP, "X")
