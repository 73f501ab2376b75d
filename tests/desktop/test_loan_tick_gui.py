"""The financing table's repayment tick on a loan (issue 14.4): taking it off leaves the loan out of the rent,
in one undo step; a new source brings its own tick in the same step."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction
from typing import Any

from PySide6.QtCore import Qt

from planners.figures.rent import annuity
from planners.model import FinancingSource
from tests.desktop.conftest import column


def _financing_model(window: Any) -> Any:
    page = window.workspace.show_page("establishment")
    return next(t.model() for t in page.tables if t.model().kind == "financing")


def test_unticking_a_loan_takes_its_annuity_out_of_the_rent_and_undo_puts_it_back(opened: Any) -> None:
    session = opened.session
    model = _financing_model(opened)
    col = column(model, "repaid_by_rent")
    row = next(i for i, f in enumerate(model.lines()) if f.source is FinancingSource.LOAN)
    loan = model.line(row)
    before = session.figures.capital_cost
    # The loan's own annuity (P, r, n of the line), computed apart from the plan's figures.
    own = annuity(Fraction(loan.amount), Fraction(loan.interest_pct), loan.years)
    assert own > 0
    index = model.index(row, col)
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    steps = session.undo_stack.count()
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert session.undo_stack.count() == steps + 1
    assert model.line(row).repaid_by_rent is False
    assert model.index(row, col).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert abs(Fraction(before - session.figures.capital_cost) - own) < Fraction(1, 10**12)
    session.undo_stack.undo()
    assert model.line(row).repaid_by_rent is True
    assert session.figures.capital_cost == before


def test_a_new_source_sets_the_tick_in_the_same_undo_step(opened: Any) -> None:
    session = opened.session
    model = _financing_model(opened)
    source_col, tick_col = column(model, "source"), column(model, "repaid_by_rent")
    row = next(i for i, f in enumerate(model.lines()) if f.source is FinancingSource.LOAN)
    loan_tick = model.index(row, tick_col)
    # The loan's tick taken off first, so the source edit has a tick to restore on undo.
    assert model.setData(loan_tick, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    steps = session.undo_stack.count()
    assert model.setData(model.index(row, source_col), FinancingSource.OWN_PRACTICE)
    assert (model.line(row).source, model.line(row).repaid_by_rent) == (FinancingSource.OWN_PRACTICE, False)
    assert session.undo_stack.count() == steps + 1  # one step: source and tick together
    session.undo_stack.undo()
    assert (model.line(row).source, model.line(row).repaid_by_rent) == (FinancingSource.LOAN, False)
    # Own money (unticked by default) becomes a loan: ticked at once, so it counts in the rent.
    own_row = next(i for i, f in enumerate(model.lines()) if f.source.is_own and f.years)  # a loan needs a term
    model.setData(model.index(own_row, tick_col), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    steps = session.undo_stack.count()
    assert model.setData(model.index(own_row, source_col), FinancingSource.LOAN)
    assert (model.line(own_row).source, model.line(own_row).repaid_by_rent) == (FinancingSource.LOAN, True)
    assert model.index(own_row, tick_col).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert session.undo_stack.count() == steps + 1
    session.undo_stack.undo()
    assert model.line(own_row).source.is_own and model.line(own_row).repaid_by_rent is False
    # A grant is never paid back: unticked and locked.
    assert model.setData(model.index(own_row, source_col), FinancingSource.GRANT)
    assert model.line(own_row).repaid_by_rent is False
    assert not model.flags(model.index(own_row, tick_col)) & Qt.ItemFlag.ItemIsUserCheckable
    assert D(0) <= session.figures.capital_cost
