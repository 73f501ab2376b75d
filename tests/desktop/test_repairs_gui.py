"""Repairs on the pages (issue 14 point 4): "Udlign finansieringen" (one undo step, to the øre) and scaling the
agreed shares to 100 % after a tenant is deleted (one undo step, naming the splits)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from planners.figures.engine import compute
from planners.model import AllocationKey, FinancingSource
from planners.store.operations import UpdateLine
from tests.desktop.conftest import make_plan


def test_balance_financing_is_one_undo_step_to_the_ore(window, tmp_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(make_plan(tmp_path, "example"))
    session = window.session
    page = window.workspace.show_page("establishment")
    sc = session.scenario
    loan_index = next(i for i, f in enumerate(sc.financing) if f.source is FinancingSource.LOAN)
    loan = sc.financing[loan_index]
    before = loan.amount
    # Put the financing 1.234,56 kr. short by lowering the grant.
    grant = next(f for f in sc.financing if f.source is FinancingSource.GRANT)
    session.run(UpdateLine("financing", grant.row_id, {"amount": grant.amount - Decimal("1234.56")}), "x")
    assert session.figures.financing_difference == Decimal("-1234.56")
    steps = session.undo_stack.count()
    assert page.balance() is not None
    # By hand: the loan (the first one, no line chosen) takes exactly the 1.234,56 kr. missing.
    assert session.scenario.financing[loan_index].amount == before + Decimal("1234.56")
    assert session.figures.financing_difference == 0
    assert compute(session.plan, sc.name).financing_difference == 0
    assert session.undo_stack.count() == steps + 1
    session.undo_stack.undo()
    assert session.scenario.financing[loan_index].amount == before


def test_deleting_a_tenant_offers_to_scale_the_shares_it_took_part_in(window, answers, tmp_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(make_plan(tmp_path, "large"))
    session = window.session
    sc = session.scenario
    custom = [s for s in sc.running.services if s.shared.key is AllocationKey.CUSTOM]
    assert custom, "the large template shares a service by agreed shares"
    who = next(iter(custom[0].shared.shares))
    index = next(i for i, x in enumerate(sc.tenants) if x.id == who)
    page = window.workspace.show_page("tenants")
    table = page.tables[0]
    table.select_rows([index])
    steps = session.undo_stack.count()
    table.delete_rows()
    # Asked twice before anything is stored: delete the tenant used by lines, then scale the splits (named).
    assert len(answers.asked) == 2 and custom[0].name in answers.asked[1]
    after = next(s for s in session.scenario.running.services if s.row_id == custom[0].row_id)
    assert who not in after.shared.shares
    assert sum(after.shared.shares.values()) == 100
    assert session.undo_stack.count() == steps + 1  # the delete and the scaling: one step
    session.undo_stack.undo()
    again = next(s for s in session.scenario.running.services if s.row_id == custom[0].row_id)
    assert again.shared == custom[0].shared and who in [x.id for x in session.scenario.tenants]


def test_declining_the_scaling_deletes_only(window, answers, tmp_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(make_plan(tmp_path, "large"))
    session = window.session
    custom = next(s for s in session.scenario.running.services if s.shared.key is AllocationKey.CUSTOM)
    who = next(iter(custom.shared.shares))
    answers_iter = iter([True, False])  # yes to the delete, no to the scaling
    window.ask = lambda title, text: (answers.asked.append(text), next(answers_iter))[1]  # type: ignore[method-assign]
    table = window.workspace.show_page("tenants").tables[0]
    table.select_rows([next(i for i, x in enumerate(session.scenario.tenants) if x.id == who)])
    table.delete_rows()
    after = next(s for s in session.scenario.running.services if s.row_id == custom.row_id)
    assert who not in after.shared.shares and sum(after.shared.shares.values()) != 100
