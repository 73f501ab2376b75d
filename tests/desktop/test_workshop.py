"""Workshop mode and the what-if panel (issue 9, point 4): live figures on a copy; the plan file unchanged
until "Anvend som nyt scenarie", which is one undo step."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.workshop import WhatIf, what_if_scenario
from planners.figures.engine import compute
from planners.model import FinancingSource
from planners.store.planfile import read_plan
from tests.desktop.conftest import make_plan


@pytest.fixture
def workshop(window, tmp_path: Path):  # noqa: ANN001, ANN201
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    window.workshop.action.trigger()  # F11
    panel = window.workshop.panel
    panel.ask_name = lambda default: default  # type: ignore[method-assign]
    return window, panel, path


def test_workshop_mode_full_screen_large_fonts_and_back(window, tmp_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(make_plan(tmp_path, "example"))
    normal = window.workspace.font().pointSizeF()
    shown: list[str] = []  # the offscreen platform has no full screen: record what the window was asked
    window.showFullScreen = lambda: shown.append("full")  # type: ignore[method-assign]
    window.showNormal = lambda: shown.append("normal")  # type: ignore[method-assign]
    window.workshop.action.trigger()
    assert shown == ["full"]
    assert window.workspace.font().pointSizeF() == pytest.approx(normal * 1.4)
    assert window.workspace.panel.minimumWidth() >= 300  # the figures panel enlarged (from 250)
    assert window.workshop.dock is not None and window.workshop.panel is not None
    assert window.workspace.pages["charts"].views["area_by_tenant"].font_size == 15.0
    window.workshop.action.trigger()
    assert shown == ["full", "normal"]
    assert window.workspace.font().pointSizeF() == pytest.approx(normal)
    assert window.workshop.dock is None
    assert window.workspace.pages["charts"].views["area_by_tenant"].font_size == 11.0


def test_what_if_is_live_and_leaves_the_plan_unchanged(workshop, qtbot) -> None:  # noqa: ANN001
    window, panel, path = workshop
    before = read_plan(path)
    panel.gross.slider.setValue(150)  # gross factor 1,50
    qtbot.waitUntil(lambda: panel.figures is not None and panel.figures.gross_m2 == Decimal("694.5"))
    # By hand: 463 m² net × 1,5 = 694,5 m², against the plan's 648,2 m² (× 1,4): +46,3 m².
    assert panel.table.item(0, 0).text() == "694,5 m²"
    assert panel.table.item(0, 1).text() == "+46,3 m²"
    assert read_plan(path) == before  # nothing stored
    assert window.session.undo_stack.count() == 0
    assert window.session.figures.gross_m2 == Decimal("648.2")  # the panel still shows the plan
    assert panel.apply_button.isEnabled()


def test_grant_moves_the_loan_and_keeps_financing_balanced(workshop, qtbot) -> None:  # noqa: ANN001
    _w, panel, path = workshop
    # The example's Ombygning: grant 4.500.000, loan 5.000.000 kr. One more million of grant → one less of loan.
    panel.grant.slider.setValue(panel.grant.slider.value() + 100)
    qtbot.waitUntil(lambda: panel.figures.grant == Decimal(5_500_000))
    loan = next(f for f in panel.scenario.financing if f.source is FinancingSource.LOAN)
    assert loan.amount == Decimal(4_000_000)
    assert panel.figures.financing_difference == 0
    assert panel.figures.rent_per_gross_m2 < compute(read_plan(path), "Ombygning").rent_per_gross_m2


def test_apply_is_one_undo_step_and_discard_resets(workshop, qtbot) -> None:  # noqa: ANN001
    window, panel, path = workshop
    panel.gross.slider.setValue(150)
    panel.interest.slider.setValue(60)  # 3,00 %
    qtbot.waitUntil(lambda: panel.figures.gross_m2 == Decimal("694.5"))
    assert panel.apply() is not None
    plan = read_plan(path)
    assert [s.name for s in plan.scenarios] == ["Ombygning", "Ombygning (hvad nu hvis)", "Nybyg"]
    new = plan.scenarios[1]
    assert new.gross_factor == Decimal("1.5")
    old = plan.scenarios[0]
    repaid = [i for i, f in enumerate(old.financing) if f.source is FinancingSource.LOAN or f.repaid_by_rent]
    step = Decimal(3) - old.financing[repaid[0]].interest_pct  # the slider shows the first loan's rate
    assert new.financing[repaid[0]].interest_pct == 3
    assert all(new.financing[i].interest_pct == old.financing[i].interest_pct + step for i in repaid)
    assert plan.scenarios[0] == read_plan(path).scenarios[0]
    assert plan.scenarios[0].gross_factor == Decimal("1.4")  # the scenario it came from is as it was
    assert window.session.undo_stack.count() == 1
    assert window.session.scenario.name == "Ombygning (hvad nu hvis)"
    assert not panel.changed()  # the sliders start again from the new scenario
    window.act_undo.trigger()
    assert [s.name for s in read_plan(path).scenarios] == ["Ombygning", "Nybyg"]
    panel.construction.slider.setValue(10)
    qtbot.waitUntil(lambda: panel.changed())
    panel.discard()
    assert not panel.changed() and panel.construction.decimal() == 0


def test_what_if_scenario_is_a_deep_copy() -> None:
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path

    plan = load_json(template_path("example"))
    original = plan.scenarios[0]
    kept = read_copy = what_if_scenario(plan, original, WhatIf(construction_change_pct=Decimal(10), balance=False))
    # By hand: 14.000 kr./m² + 10 % = 15.400 kr./m²; the original keeps 14.000.
    assert read_copy.costs[0].per_m2 == Decimal(15400)
    assert original.costs[0].per_m2 == Decimal(14000)
    assert kept is not original and kept.financing is not original.financing
    # Without balancing, financing no longer meets the higher establishment total.
    f = compute(plan, kept)
    assert f.financing_difference < 0


def test_untouched_sliders_change_nothing_and_interest_moves_every_loan_by_the_same_step() -> None:
    """Found in a walkthrough: the panel showed differences before any slider moved, and the one interest
    slider gave the municipality's 2 % own money the bank loan's 3,5 %."""
    from decimal import Decimal

    from desktop.workshop import WhatIf, what_if_scenario
    from planners.figures.engine import compute
    from planners.interchange.plan_json import load_json
    from planners.model import FinancingLine, FinancingSource
    from planners.reference import template_path

    plan = load_json(template_path("example"))
    scenario = plan.scenario()
    scenario.financing = [
        FinancingLine(FinancingSource.LOAN, Decimal(1000), interest_pct=Decimal("3.5"), years=20),
        FinancingLine(FinancingSource.OWN_MUNICIPALITY, Decimal(500), interest_pct=Decimal(2), years=30,
                      repaid_by_rent=True),
    ]
    same = what_if_scenario(plan, scenario, WhatIf(balance=False))
    assert same == scenario
    assert compute(plan, same).annual_cost_total == compute(plan, scenario).annual_cost_total
    raised = what_if_scenario(plan, scenario, WhatIf(interest_pct=Decimal(4), balance=False))
    assert [f.interest_pct for f in raised.financing] == [Decimal(4), Decimal("2.5")]
