"""A comparison from figures the caller holds already (issue 15.5): `compare(..., known=Known(...))` gives the
same rows as computing every scenario, asks for each scenario's figures once, and checks a scenario again only
when it is given new figures (the GUI session gives new figures whenever an edit touches a scenario)."""

from __future__ import annotations

from decimal import Decimal as D

from planners.figures.compare import Known, compare
from planners.figures.engine import compute
from planners.model import Scenario
from planners.model.results import ScenarioFigures
from tests.planners.test_compare import THIRD, three_scenario_plan


def test_known_figures_give_the_same_comparison() -> None:
    plan = three_scenario_plan()
    names = ["Ombygning", "Nybyg", THIRD]
    asked: list[str] = []

    def figures(scenario: Scenario) -> ScenarioFigures:
        asked.append(scenario.name)
        return compute(plan, scenario)

    known = Known(figures)
    plain = compare(plan, names, "Nybyg")
    cached = compare(plan, names, "Nybyg", known)
    assert cached.rows == plain.rows
    assert cached.findings == plain.findings
    assert asked == names  # one lookup per compared scenario


def test_the_same_figures_are_not_checked_again_new_ones_are(monkeypatch) -> None:  # noqa: ANN001
    import planners.checks.findings as findings

    plan = three_scenario_plan()
    held = {s.name: compute(plan, s) for s in plan.scenarios}
    checked: list[str] = []
    real = findings.run_checks

    def counting(plan_, scenario, figures_):  # noqa: ANN001, ANN202
        checked.append(scenario.name)
        return real(plan_, scenario, figures_)

    monkeypatch.setattr(findings, "run_checks", counting)
    known = Known(lambda s: held[s.name])
    compare(plan, ["Ombygning", "Nybyg"], None, known)
    assert checked == ["Ombygning", "Nybyg"]
    # a third scenario ticked: only it is checked
    compare(plan, ["Ombygning", "Nybyg", THIRD], None, known)
    assert checked == ["Ombygning", "Nybyg", THIRD]
    # an edit gives Nybyg new figures: Nybyg is checked again, the others not
    nybyg = plan.scenario("Nybyg")
    nybyg.gross_factor = D("1.5")
    held["Nybyg"] = compute(plan, nybyg)
    again = compare(plan, ["Ombygning", "Nybyg", THIRD], None, known)
    assert checked == ["Ombygning", "Nybyg", THIRD, "Nybyg"]
    # and the comparison shows the edit: by hand, Nybyg's 479 m² net × 1,5 = 718,5 m² gross
    assert again.value("gross_m2", "Nybyg") == D("718.5")
