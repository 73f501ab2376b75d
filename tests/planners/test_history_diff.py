"""Differences between two plans (issue 18.3) on hand-made pairs: what pairs with what, the words and values a
reader sees, and the effect on the key figures (computed by hand from the plan's numbers)."""

from __future__ import annotations

import copy
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.history.diff import Action, describe_line, diff_plans
from planners.model import CostCategory, CostLine, Plan, RoomLine, RoomType
from tests.planners.plans import rich_plan
from tests.planners.strategies import plans
from tests.planners.test_history_merge import numbered


def test_the_same_plan_has_no_differences() -> None:
    plan = rich_plan()
    assert diff_plans(plan, copy.deepcopy(plan)).empty
    assert diff_plans(plan, copy.deepcopy(plan)).text() == "Ingen forskelle.\n"


def test_a_changed_room_area_shows_old_and_new_and_the_areas_it_moves() -> None:
    old = rich_plan()
    new = copy.deepcopy(old)
    new.scenarios[0].rooms[0].net_m2 = D(18)  # 4 consultation rooms of 16 m² → 18 m²
    result = diff_plans(old, new)
    assert [c.text() for c in result.changes] == [
        "Scenarie «Ombygning 🏥»: ændret rum «Konsultation»: nettoareal pr. rum 16 → 18"
    ]
    effects = {f.key: (f.old, f.new) for f in result.figures}
    # by hand: net 4×16 + 45,5 + 30 + 2×12 + 80 = 243,5 m²; +4×2 = 251,5; gross × 1,375
    assert effects["net_m2"] == (D("243.5"), D("251.5"))
    assert effects["gross_m2"] == (D("243.5") * D("1.375"), D("251.5") * D("1.375"))
    # the tenants with rooms of their own pay differently; «kom» has none (so no area share either): its rent
    # (equipment split equally) stays as it was
    assert {r.tenant_id for r in result.rents} == {"gp", "fys"}
    gp = next(r for r in result.rents if r.tenant_id == "gp")
    assert gp.old is not None and gp.new is not None and gp.new > gp.old


def test_lines_pair_by_content_and_position_without_common_history() -> None:
    old = rich_plan()
    new = copy.deepcopy(old)
    rooms = new.scenarios[0].rooms
    rooms.insert(0, RoomLine(RoomType.MEETING, D(20), 1, "Mødelokale", vacant=True))  # added first
    del rooms[3]  # the staff room (now at index 3) removed
    rooms[-1].label = "Stor træningssal"  # the training hall renamed
    result = diff_plans(old, new)
    assert [(c.action, c.subject) for c in result.changes] == [
        (Action.ADDED, "rum «Mødelokale»"),
        (Action.REMOVED, "rum «Frokoststue»"),
        (Action.CHANGED, "rum «Stor træningssal»"),
    ]
    assert [(f.field, f.old_text, f.new_text) for f in result.changes[2].fields] == [
        ("label", "Træningssal", "Stor træningssal")
    ]


def test_tenants_pair_by_their_short_name_and_a_new_tenant_is_added() -> None:
    old = rich_plan()
    new = copy.deepcopy(old)
    tenants = new.scenarios[0].tenants
    tenants.reverse()  # order alone is no difference for tenants
    tenants[0].clinicians = D("2.5")  # «kom»: 2 → 2,5
    result = diff_plans(old, new)
    assert [c.text() for c in result.changes] == [
        "Scenarie «Ombygning 🏥»: ændret lejer «Sundhedsplejen»: behandlere 2 → 2,5"
    ]


def test_copies_of_one_plan_pair_by_row_id_even_when_everything_of_a_line_changed() -> None:
    old = numbered(rich_plan())
    new = copy.deepcopy(old)
    cost = new.scenarios[0].costs[2]
    cost.text, cost.amount, cost.eligible = "Møbler", D(300000), True
    by_row = diff_plans(old, new, by_row_id=True)
    assert [(c.action, c.row_id) for c in by_row.changes] == [(Action.CHANGED, cost.row_id)]
    assert [(f.field, f.old_text, f.new_text) for f in by_row.changes[0].fields] == [
        ("text", "Inventar", "Møbler"),
        ("amount", "250.000,5", "300.000"),
        ("eligible", "nej", "ja"),
    ]


def test_a_new_cost_line_moves_the_establishment_total_by_its_amount() -> None:
    old = rich_plan()
    new = copy.deepcopy(old)
    new.scenarios[0].costs.append(CostLine(CostCategory.OTHER, "Kunst", amount=D("12345.67"), eligible=False))
    result = diff_plans(old, new)
    assert [c.text() for c in result.changes] == ["Scenarie «Ombygning 🏥»: tilføjet post «Kunst»"]
    total = next(f for f in result.figures if f.key == "establishment_total")
    assert total.new - total.old == D("12345.67")  # not eligible: the eligible total stays
    assert "eligible_total" not in {f.key for f in result.figures}


def test_english_words_for_the_fields_and_values() -> None:
    old = rich_plan()
    new = copy.deepcopy(old)
    new.scenarios[0].costs[2].eligible = True
    result = diff_plans(old, new, lang="en")
    assert [(f.label("en"), f.old_text, f.new_text) for f in result.changes[0].fields] == [
        ("eligible", "no", "yes")
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(consistent=True, max_scenarios=2), st.data())
def test_a_diff_is_empty_exactly_for_equal_plans_and_names_each_removed_line(plan: Plan, data: st.DataObject) -> None:
    assert diff_plans(plan, copy.deepcopy(plan), figures=False).empty
    other = copy.deepcopy(plan)
    scenario = other.scenarios[0]
    if not scenario.costs:
        return
    index = data.draw(st.integers(0, len(scenario.costs) - 1))
    removed = scenario.costs.pop(index)
    result = diff_plans(plan, other, figures=False)
    # One cost line fewer: the diff pairs the others and names one line removed (one that looks like it, where
    # several are identical), nothing added.
    assert [c.action for c in result.changes if c.part == "cost"].count(Action.REMOVED) == 1
    assert all(c.action is not Action.ADDED for c in result.changes)
    gone = next(c for c in result.changes if c.action is Action.REMOVED)
    assert gone.subject == describe_line("cost", removed, plan)
