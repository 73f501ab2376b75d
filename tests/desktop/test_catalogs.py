"""Catalogs and rates of the plan: an edit is one undo step and changes what depends on it (the checks, the
capacity aid); the reset restores the bundled values."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop import menus
from desktop.dialogs.capacity import capacity_lines
from planners.model import TenantKind
from planners.reference import bundled_catalogs
from planners.store.planfile import read_plan


def test_editing_an_equipment_price_is_stored_and_undone(opened, plan_path) -> None:  # noqa: ANN001
    dialog = menus.open_catalogs(opened)
    model = dialog.models["equipment"]
    row = model.codes().index("ecg")
    col = next(i for i, c in enumerate(model.columns) if c.field == "unit_price")
    assert model.setData(model.index(row, col), "41.500,5", Qt.ItemDataRole.EditRole)
    assert read_plan(plan_path).catalogs.equipment["ecg"].unit_price == Decimal("41500.5")
    assert model.index(row, col).data() == "41.501 kr."
    opened.session.undo_stack.undo()
    assert read_plan(plan_path).catalogs.equipment["ecg"].unit_price == bundled_catalogs().equipment["ecg"].unit_price
    dialog.close()


def test_a_norm_edit_changes_the_checks_and_reset_restores_them(opened, plan_path) -> None:  # noqa: ANN001
    session = opened.session
    before = sorted((f.code, f.message_da) for f in session.findings)
    dialog = menus.open_catalogs(opened)
    model = dialog.models["tenant_kind"]
    row = model.codes().index(TenantKind.GP_PRACTICE)
    col = next(i for i, c in enumerate(model.columns) if c.field == "m2_per_clinician")
    # A norm of 1.000 m² per GP: every GP practice now has far too little area per clinician.
    assert model.setData(model.index(row, col), "1.000", Qt.ItemDataRole.EditRole)
    changed = sorted((f.code, f.message_da) for f in session.findings)
    assert changed != before
    gp_names = [x.name for x in session.scenario.tenants if x.kind is TenantKind.GP_PRACTICE]
    assert all(any(name in m for _c, m in changed) for name in gp_names)
    assert dialog.reset()
    assert read_plan(plan_path).catalogs == bundled_catalogs()
    assert sorted((f.code, f.message_da) for f in session.findings) == before
    dialog.close()


def test_patients_per_gp_drives_the_gps_needed(opened) -> None:  # noqa: ANN001
    dialog = menus.open_catalogs(opened)
    # The template's first practice: 8.000 listed patients. 8000 / 1600 = 5 GPs; 8000 / 1500 = 5,33 → 6.
    assert "= 5 læger" in capacity_lines(opened.session)[0]
    assert dialog.set_patients_per_gp(Decimal(1500))
    assert "= 6 læger" in capacity_lines(opened.session)[0]
    assert dialog.per_gp.text() == "Tilmeldte patienter pr. læge: 1.500"
    opened.session.undo_stack.undo()
    assert "= 5 læger" in capacity_lines(opened.session)[0]
    dialog.close()


def test_an_invalid_catalog_value_is_refused(opened, plan_path) -> None:  # noqa: ANN001
    dialog = menus.open_catalogs(opened)
    model = dialog.models["room_type"]
    col = next(i for i, c in enumerate(model.columns) if c.field == "default_net_m2")
    assert not model.setData(model.index(0, col), "tolv", Qt.ItemDataRole.EditRole)
    assert read_plan(plan_path).catalogs == bundled_catalogs()
    dialog.close()


def test_the_rates_show_their_source_and_it_can_be_typed(opened, plan_path, tmp_path) -> None:  # noqa: ANN001
    # Issue 16.6: the default running rates' sources. The bundled ones are estimates (running_rates.json), shown
    # in plain Danish; a rate without one says so.
    from planners.model import RunningRate
    from planners.store.operations import ResetCatalogs

    dialog = menus.open_catalogs(opened)
    model = dialog.models["running_rate"]
    col = next(i for i, c in enumerate(model.columns) if c.header == "Kilde")
    row = model.codes().index(RunningRate.MAINTENANCE)
    assert model.index(row, col).data() == "skøn (ingen dansk kilde fundet)"
    cats = bundled_catalogs()
    del cats.running_rate_sources[RunningRate.MAINTENANCE]
    opened.session.run(ResetCatalogs(cats), "test")
    assert model.index(row, col).data() == "ingen kilde angivet"
    # Typed in the column: stored in the plan file, one undo step.
    assert model.flags(model.index(row, col)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(row, col), " Driftsbudget 2026 ", Qt.ItemDataRole.EditRole)
    assert read_plan(plan_path).catalogs.running_rate_sources[RunningRate.MAINTENANCE] == "Driftsbudget 2026"
    assert model.index(row, col).data() == "Driftsbudget 2026"
    opened.session.undo_stack.undo()
    assert RunningRate.MAINTENANCE not in read_plan(plan_path).catalogs.running_rate_sources
    assert model.index(row, col).data() == "ingen kilde angivet"
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)  # the rates, for a look at the column
    dialog.grab().save(str(tmp_path / "catalogs.png"))
    dialog.close()
