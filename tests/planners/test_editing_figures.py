"""The small figures the GUI shows while editing, computed in the core (issue 13.3)."""

from __future__ import annotations

from decimal import Decimal as D

from planners.checks.findings import FINANCING_TOLERANCE as CHECK_TOLERANCE
from planners.figures.editing import (
    FINANCING_TOLERANCE,
    financing_off_balance,
    running_rate_cost,
    shares_total,
)


def test_running_rate_cost() -> None:
    assert running_rate_cost(D("152.5"), D("648.2")) == D("98850.5")  # 152,5 × 648,2 by hand
    assert running_rate_cost(D(0), D(300)) == 0


def test_shares_total() -> None:
    assert shares_total([D("33.3"), D("33.3"), D("33.4")]) == D(100)
    assert shares_total([D("12.5"), D("50")]) == D("62.5")
    assert shares_total([]) == 0


def test_off_balance_as_the_check_says() -> None:
    assert FINANCING_TOLERANCE == CHECK_TOLERANCE
    assert not financing_off_balance(D(1)) and not financing_off_balance(D(-1))
    assert financing_off_balance(D("1.01")) and financing_off_balance(D("-500000"))
    assert not financing_off_balance(D(0))
