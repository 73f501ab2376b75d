"""Issue 19.2: the panel's shared part of the house (`shared_space`), now two exact decimal sums, equals the
figure built from the engine's space (`compute_space`) and a Fraction a room, exactly, for generated plans."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings

from planners.figures.space import compute_space
from planners.figures.whatif import SharedSpace, shared_space
from planners.model import Plan, RoomLine, RoomType, Scenario
from planners.model.money import to_decimal
from tests.planners.strategies import plans


def _from_space(scenario: Scenario) -> SharedSpace:
    """The figure as it was built before: the engine's net area and gross factor, shared net a Fraction a room."""
    space, _keys = compute_space(scenario)
    net = sum((r.count * Fraction(r.net_m2) for r in scenario.rooms if r.shared is not None), Fraction(0))
    share = net / space.net if space.net else Fraction(0)
    return SharedSpace(to_decimal(net), to_decimal(net * space.gross_factor), to_decimal(share))


@settings(max_examples=60, deadline=None)
@given(plans())
def test_shared_space_equals_the_engines_space(plan: Plan) -> None:
    for scenario in plan.scenarios:
        assert shared_space(scenario) == _from_space(scenario)


def test_by_hand() -> None:
    # 2 × 12,5 m² own + 1 × 30 m² shared: shared 30 of 55 net; gross factor 1,25 → 37,5 m² gross.
    from planners.model import Allocation

    rooms = [RoomLine(RoomType.OFFICE, Decimal("12.5"), 2, tenant="a"),
             RoomLine(RoomType.MEETING, Decimal(30), 1, shared=Allocation())]  # fmt: skip
    s = shared_space(Scenario("S", rooms=rooms, gross_factor=Decimal("1.25")))
    assert s.net_m2 == Decimal(30)
    assert s.gross_m2 == Decimal("37.5")
    assert s.share == to_decimal(Fraction(30, 55))
    assert shared_space(Scenario("Tom")).share == 0
