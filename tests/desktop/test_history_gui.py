"""Several people, one plan, in the GUI (issue 18): the history page, "Gå tilbage hertil", versions, the
difference dialog, and the merge tried as two people would: a GP partnership and a municipality each edit a copy
of the example (different tenants; the building; and both the construction price per m²), the partnership merges
the municipality's copy in, resolves the one conflict, and exports an annex whose sheet "Ændringer siden version"
lists exactly what changed. The expected rows are read from the example's JSON and the edits made here."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import openpyxl
from PySide6.QtCore import QSettings

from desktop import settings
from desktop.dialogs import diff as diff_dialog
from desktop.dialogs import merge as merge_dialog
from desktop.dialogs import versions
from planners.exports.annex.changes import CHANGES
from planners.interchange.plan_json import load_json
from planners.model import RunningRate
from planners.reference import example_path
from planners.store.operations import SetRunningRate, SetScenarioFields, UpdateLine
from planners.store.planfile import PlanFile, create_plan_file

VERSION = "Sendt til ministeriet 20-03-2019"


def _example() -> dict:
    return json.loads(example_path().read_text(encoding="utf-8"))


def _two_copies(tmp_path: Path) -> tuple[Path, Path]:
    mine, theirs = tmp_path / "lægerne.sundhedshus", tmp_path / "kommunen.sundhedshus"
    with create_plan_file(mine, load_json(example_path())) as f:
        f.save_version(VERSION)
    shutil.copy(mine, theirs)  # mailed to the municipality
    return mine, theirs


def _municipality_edits(path: Path) -> None:
    """The municipality: the building (gross factor, maintenance per m²), the physiotherapists' staff, and the
    construction price per m² (the partnership changes it too)."""
    with PlanFile.open(path) as f:
        f.author = "Varde Kommune"
        s = f.load().scenarios[0]
        f.apply(SetScenarioFields(s.row_id, {"gross_factor": D("1.45")}), "ændr bruttofaktor")  # type: ignore[arg-type]
        f.apply(SetRunningRate(s.row_id, RunningRate.MAINTENANCE, D(130)), "ændr vedligeholdelse")  # type: ignore[arg-type]
        fys = next(t for t in s.tenants if t.id == "fys")
        f.apply(UpdateLine("tenant", fys.row_id, {"staff": D(2)}), "ændr øvrige ansatte")  # type: ignore[arg-type]
        cost = next(c for c in s.costs if c.category.value == "construction")
        f.apply(UpdateLine("cost", cost.row_id, {"per_m2": D(16000)}), "ændr pris pr. m²")  # type: ignore[arg-type]


def test_two_people_merge_resolve_and_export_the_changes(window, tmp_path, qtbot, answers) -> None:  # noqa: ANN001
    example = _example()["scenarios"][0]
    mine, theirs = _two_copies(tmp_path)
    _municipality_edits(theirs)
    settings.set_author_name("Lægerne i Ølgod")
    assert window.open_path(mine)
    session = window.session
    assert session.file.author == "Lægerne i Ølgod"
    s = session.plan.scenarios[0]
    gp = next(t for t in s.tenants if t.id == "gp")
    cost = next(c for c in s.costs if c.category.value == "construction")
    session.run(UpdateLine("tenant", gp.row_id, {"clinicians": D(5)}), "ændr behandlere")
    session.run(UpdateLine("cost", cost.row_id, {"per_m2": D(15000)}), "ændr pris pr. m²")
    before_merge = session.undo_stack.count()

    dialog = merge_dialog.merge_copy_in(window, theirs)
    assert dialog is not None
    assert len(dialog.outcome.conflicts) == 1  # the construction price, changed by both
    conflict = dialog.outcome.conflicts[0]
    assert (conflict.field, conflict.mine, conflict.theirs) == ("per_m2", D(15000), D(16000))
    assert not dialog.ok.isEnabled()  # a conflict is still open
    dialog.grab().save(str(tmp_path / "merge.png"))
    dialog.choose(conflict.key, "theirs")
    assert dialog.ok.isEnabled()
    assert dialog.merge()
    assert session.undo_stack.count() == before_merge + 1  # the whole merge is one undo step
    merged = session.plan.scenarios[0]
    assert merged.gross_factor == D("1.45")
    assert merged.running.per_gross_m2[RunningRate.MAINTENANCE] == D(130)
    assert next(t for t in merged.tenants if t.id == "fys").staff == D(2)
    assert next(t for t in merged.tenants if t.id == "gp").clinicians == D(5)
    assert next(c for c in merged.costs if c.row_id == cost.row_id).per_m2 == D(16000)
    last = session.file.history(operations_too=False)[-1]
    assert (last.who, last.text) == ("Lægerne i Ølgod", "flet «kommunen.sundhedshus» ind")

    # The annex with the sheet "Ændringer siden version …" lists exactly what changed since the version.
    target = tmp_path / "bilag.xlsx"
    window.exporter.offer_open = lambda path: None
    with qtbot.waitSignal(window.exporter.finished, timeout=60000):
        assert versions.export_with_changes(window, VERSION, target) is not None
    ws = openpyxl.load_workbook(target)[CHANGES]
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    found = {(r[3], r[4], r[5], r[6]) for r in rows}
    fys_name = next(t["name"] for t in example["tenants"] if t["id"] == "fys")
    gp_name = next(t["name"] for t in example["tenants"] if t["id"] == "gp")
    cost_text = next(c["text"] for c in example["costs"] if c["category"] == "construction")
    maintenance = next(r for r in rows if "vedligehold" in str(r[4]))
    assert found == {
        ("Scenariet", "bruttofaktor", "1,4", "1,45"),
        ("Scenariet", maintenance[4], str(example["running"]["per_gross_m2"]["maintenance"]), "130"),
        (f"Lejer «{gp_name}»", "behandlere", str(example["tenants"][0]["clinicians"]), "5"),
        (f"Lejer «{fys_name}»", "øvrige ansatte", "1", "2"),
        (f"Post «{cost_text}»", "pris pr. m²", "14.000", "16.000"),
    }
    assert len(rows) == 5

    # Undo takes the whole merge back in one step.
    window.undo_group.undo()
    back = session.plan.scenarios[0]
    assert back.gross_factor == D(str(example["gross_factor"]))
    assert next(c for c in back.costs if c.row_id == cost.row_id).per_m2 == D(15000)


def test_copies_without_common_history_are_compared_not_merged(window, tmp_path, answers) -> None:  # noqa: ANN001
    mine, _theirs = _two_copies(tmp_path)
    stranger = tmp_path / "fremmed.sundhedshus"
    create_plan_file(stranger, load_json(example_path())).close()  # the same content, another origin
    assert window.open_path(mine)
    assert merge_dialog.merge_copy_in(window, stranger) is None
    assert answers.told and "ikke en kopi af denne plan" in answers.told[-1]
    assert window.diff_dialog.isVisible()  # their differences are shown instead


def test_history_page_filters_restores_as_one_step_and_lists_versions(window, tmp_path, qtbot) -> None:  # noqa: ANN001
    mine, _theirs = _two_copies(tmp_path)
    QSettings().setValue(settings.AUTHOR_KEY, "Anne")
    assert window.open_path(mine)
    session = window.session
    room = session.plan.scenarios[0].rooms[0]
    original = room.net_m2
    session.run(UpdateLine("room", room.row_id, {"net_m2": D(20)}), "ændr areal")
    session.file.author = "Bo"
    session.run(UpdateLine("room", room.row_id, {"net_m2": D(25)}), "ændr areal")
    page = window.workspace.show_page("history")
    qtbot.waitUntil(lambda: len(page.shown) > 0)
    people = [page.person.itemData(i) for i in range(page.person.count())]
    assert {"Anne", "Bo"} <= set(people)
    page.set_filters(who="Bo")
    assert [e.who for e in page.shown] == ["Bo"]
    page.set_filters(who=None)
    first_edit = next(e for e in page.shown if e.text == "ændr areal" and e.who == "Anne")
    page.select_entry(first_edit.seq)
    steps = session.undo_stack.count()
    assert page.restore_selected()
    assert session.scenario.rooms[0].net_m2 == D(20)  # as right after Anne's edit
    assert session.undo_stack.count() == steps + 1
    assert len(page.entries) == 5  # created, version, two edits, the restore: nothing deleted
    window.undo_group.undo()
    assert session.scenario.rooms[0].net_m2 == D(25)
    # Versions: listed, compared with now, opened read-only in a window of its own.
    assert page.versions_model.rows[0][0] == VERSION
    page.select_version(VERSION)
    dialog = versions.compare_version(window, VERSION)
    assert dialog is not None
    assert [r[3] for r in dialog.changes_model.rows] == ["nettoareal pr. rum"]
    assert dialog.changes_model.rows[0][4] == str(original) and dialog.changes_model.rows[0][5] == "25"
    other = versions.open_version_readonly(window, VERSION)
    assert other is not None and other.session.readonly
    assert other.session.plan.scenarios[0].rooms[0].net_m2 == original
    assert other.exporter.default_path("annex", other.session).parent == mine.parent  # not the temporary folder
    other.close_plan()
    other.close()


def test_save_version_and_compare_with_a_file(window, tmp_path) -> None:  # noqa: ANN001
    mine, theirs = _two_copies(tmp_path)
    _municipality_edits(theirs)
    assert window.open_path(mine)
    assert versions.save_version(window.session, "Efter mødet 01-04-2019") is None
    assert "findes allerede" in (versions.save_version(window.session, "Efter mødet 01-04-2019") or "") or \
        "allerede" in (versions.save_version(window.session, "Efter mødet 01-04-2019") or "")  # fmt: skip
    assert [v.name for v in window.session.file.versions()] == [VERSION, "Efter mødet 01-04-2019"]
    dialog = diff_dialog.compare_with_file(window, theirs)
    assert dialog is not None
    assert len(dialog.changes_model.rows) == 4  # the municipality's four fields
    assert set(dialog.changes_model.colours) == {diff_dialog.CHANGED}
    assert dialog.figures_model.rows and dialog.rents_model.rows


def test_author_name_defaults_to_the_login_name_and_is_kept(window) -> None:  # noqa: ANN001
    from planners.store.history import login_name

    assert settings.author_name() == login_name()
    dialog = versions.PreferencesDialog(None, window)
    dialog.author.setText("  Mette Holm ")
    dialog.save()
    assert settings.author_name() == "Mette Holm"
    settings.set_author_name("")
    assert settings.author_name() == login_name()
