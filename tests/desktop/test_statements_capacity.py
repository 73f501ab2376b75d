"""The tenant statements on the running-costs page equal the engine's figures; the capacity aid suggests
rooms that are accepted or dropped line by line, added as one undo step."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.dialogs.capacity import CapacityDialog
from planners.figures.engine import compute
from planners.model.money import format_kr
from planners.store.planfile import read_plan


def test_statement_columns_equal_the_engines_figures(opened, plan_path) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("running")
    model = page.statements.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for needed in ("I alt (kr./år)", "Pr. måned (kr.)", "Pr. brutto-m² (kr.)", "Pr. behandler (kr./år)",
                   "Husleje i dag (kr./år)", "Ændring"):  # fmt: skip
        assert needed in headers
    figures = compute(read_plan(plan_path))
    assert model.rowCount() == len(figures.tenants)
    col = {h: i for i, h in enumerate(headers)}
    for row, tf in enumerate(figures.tenants):
        cell = lambda h, r=row: model.index(r, col[h]).data()  # noqa: E731
        assert cell("I alt (kr./år)") == format_kr(tf.total)
        # Independently of the engine's own per-month and per-clinician fields: the total divided by hand.
        assert cell("Pr. måned (kr.)") == format_kr(tf.total / Decimal(12))
        if tf.clinicians:
            assert cell("Pr. behandler (kr./år)") == format_kr(tf.total / tf.clinicians)
        assert cell("Pr. brutto-m² (kr.)") == format_kr(tf.per_gross_m2)
        if tf.current_annual_rent is not None:
            change = tf.total - tf.current_annual_rent
            assert cell("Ændring").startswith(("+" if change > 0 else "") + format_kr(change))


def test_accepting_some_suggested_rooms_is_one_undo_step(opened, plan_path) -> None:  # noqa: ANN001
    session = opened.session
    before = len(read_plan(plan_path).scenario().rooms)
    dialog = CapacityDialog(session, opened)
    assert len(dialog.suggestions) >= 3
    dialog.set_kept(1, False)  # drop the second suggestion
    kept = dialog.kept()
    assert len(kept) == len(dialog.suggestions) - 1
    steps = session.undo_stack.count()
    dialog.accept()
    rooms = read_plan(plan_path).scenario().rooms
    assert len(rooms) == before + len(kept)
    added = rooms[before:]
    assert [(r.type, r.count, r.tenant) for r in added] == [(s.room.type, s.room.count, s.room.tenant) for s in kept]
    assert session.undo_stack.count() == steps + 1
    session.undo_stack.undo()
    assert len(read_plan(plan_path).scenario().rooms) == before


def test_dropping_every_suggestion_changes_nothing(opened, plan_path) -> None:  # noqa: ANN001
    before = read_plan(plan_path).scenario().rooms
    dialog = CapacityDialog(opened.session, opened)
    for row in range(len(dialog.suggestions)):
        dialog.set_kept(row, False)
    dialog.accept()
    assert read_plan(plan_path).scenario().rooms == before
    assert opened.session.undo_stack.count() == 0


def test_the_tenants_page_shows_the_gps_needed(opened) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("tenants")
    # The first practice: 8.000 listed patients / 1.600 per GP = 5 GPs, by hand.
    assert "8.000 tilmeldte patienter / 1.600 pr. læge = 5 læger" in page.capacity.text()
    assert page.suggest.isEnabled()
