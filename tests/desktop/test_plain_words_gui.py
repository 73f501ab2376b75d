"""Plain Danish on every screen (issue 14.3) and the repairs offered on the pages (issue 14.4), offscreen.

Every header, cell and tooltip of every table of every page, the checks page's findings, and the list of what to
look up in the call, for every template: no code, enum value, tenant id, format name or notation."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planners.model import AllocationKey
from planners.reference import template_names
from planners.store.operations import UpdateLine
from tests.desktop.conftest import make_plan
from tests.planners.plain_words import offending

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def _texts_of_tables(window) -> list[tuple[str, str]]:  # noqa: ANN001
    out = []
    for key, page in window.workspace.pages.items():
        for table in getattr(page, "tables", []):
            model = table.model()
            for c in range(model.columnCount()):
                for role in ROLES:
                    value = model.headerData(c, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        out.append((f"{key} header {c}", value))
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    for role in ROLES:
                        value = model.index(r, c).data(role)
                        if isinstance(value, str):
                            out.append((f"{key} {r},{c}", value))
    return out


@pytest.mark.parametrize("template", [name for name, _ in template_names()])
def test_no_table_checks_page_or_look_up_list_shows_a_code(window, tmp_path: Path, template: str) -> None:  # noqa: ANN001
    assert window.open_path(make_plan(tmp_path, template))
    ids = {t.id for s in window.session.plan.scenarios for t in s.tenants}
    texts = _texts_of_tables(window)
    assert len(texts) > 200  # the scan really read the tables
    page = window.workspace.show_page("checks")
    for index in page.findings_indexes():
        where, message = index, index.siblingAtColumn(1)
        texts += [("checks", where.data()), ("checks", message.data()),
                  ("checks tip", message.data(Qt.ItemDataRole.ToolTipRole))]  # fmt: skip
    texts.append(("look up", page.look_up.text()))
    bad = [(where, text, problems) for where, text in texts if (problems := offending(text, ids))]
    assert bad == []
    # Column headers: no «Id» or «Kode» column anywhere.
    headers = {text for where, text in texts if " header " in where}
    assert not {"Id", "Kode"} & headers


def test_the_checks_page_lists_what_to_look_up_instead_of_a_warning(opened) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("checks")
    assert "rule_unknown" not in {f.code for f in opened.session.findings}
    assert not page.look_up.isHidden() and "puljeopslaget" in page.look_up.text()
    assert "største tilskud" in page.look_up.text()
    from desktop.dialogs.help import rules_html

    assert "største tilskud pr. projekt" in rules_html(opened.session.plan.pool_round)


def test_a_new_tenant_is_offered_a_part_of_the_agreed_shares_in_one_undo_step(window, answers, tmp_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(make_plan(tmp_path, "large"))
    session = window.session
    service = next(s for s in session.scenario.running.services if s.shared.key is AllocationKey.CUSTOM)
    before = dict(service.shared.shares)
    assert before == {"gp1": D(30), "gp2": D(25), "gp3": D(20), "spec": D(10), "fys": D(10), "psyk": D(5)}
    table = window.workspace.show_page("tenants").tables[0]
    table.select_rows([])
    steps = session.undo_stack.count()
    table.add_row()
    assert len(answers.asked) == 1 and service.name in answers.asked[0]
    new = session.scenario.tenants[-1]
    after = next(s for s in session.scenario.running.services if s.row_id == service.row_id).shared.shares
    # By hand: six tenants share → each keeps 6/7: 30·6/7 = 25,714… → 25,71; 25 → 21,43; 20 → 17,14;
    # 10 → 8,57 (twice); 5 → 4,29; they sum to 85,71, so the new tenant takes 14,29.
    assert after == {"gp1": D("25.71"), "gp2": D("21.43"), "gp3": D("17.14"), "spec": D("8.57"), "fys": D("8.57"),
                     "psyk": D("4.29"), new.id: D("14.29")}  # fmt: skip
    assert session.undo_stack.count() == steps + 1
    session.undo_stack.undo()
    assert [t.id for t in session.scenario.tenants] == [t for t in ["gp1", "gp2", "gp3", "hjem", "genop", "jm", "fys",
                                                                  "psyk", "spec"]]  # fmt: skip
    assert next(s for s in session.scenario.running.services if s.row_id == service.row_id).shared.shares == before
    # Declined: the tenant is added and no split changes.
    answers.ask = False
    table.add_row()
    assert next(s for s in session.scenario.running.services if s.row_id == service.row_id).shared.shares == before


def test_one_fix_for_the_spread_of_every_line_from_the_checks_page(window, tmp_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(make_plan(tmp_path, "large"))  # project years 2018–2020
    session = window.session
    page = window.workspace.show_page("checks")
    assert page.fix_spreads.isHidden()
    first, second = session.scenario.costs[0], session.scenario.costs[1]
    session.run(UpdateLine("cost", first.row_id, {"spread": {2017: D(0), 2018: D(60), 2021: D(20)}}), "x")
    session.run(UpdateLine("cost", second.row_id, {"spread": {2018: D(50), 2019: D(40)}}), "x")
    codes = [(f.code, f.ref.index) for f in session.findings if f.code.startswith("spread")]
    # 2017 at 0 % is no year used; 2021 is; the second line sums to 90 %.
    assert sorted(codes) == [("spread_not_100", 0), ("spread_not_100", 1), ("spread_year_outside", 0)]
    assert not page.fix_spreads.isHidden()
    steps = session.undo_stack.count()
    page.fix_spreads.click()
    # By hand: line 1: 2021's 20 % onto 2020, 60 + 20 = 80 → 75 % and 25 %; line 2: 50/90 = 55,56 %, 44,44 %.
    assert session.scenario.costs[0].spread == {2018: D("75.00"), 2020: D("25.00")}
    assert session.scenario.costs[1].spread == {2018: D("55.56"), 2019: D("44.44")}
    assert not [f for f in session.findings if f.code.startswith("spread")]
    assert session.undo_stack.count() == steps + 1 and page.fix_spreads.isHidden()
    session.undo_stack.undo()
    assert session.scenario.costs[1].spread == {2018: D(50), 2019: D(40)}


def test_shares_are_scaled_to_100_from_the_checks_page(window, tmp_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(make_plan(tmp_path, "large"))
    session = window.session
    page = window.workspace.show_page("checks")
    service = next(s for s in session.scenario.running.services if s.shared.key is AllocationKey.CUSTOM)
    wrong = dict(service.shared.shares, gp1=D(10))  # 80 % in all
    session.run(UpdateLine("service", service.row_id, {"shared": type(service.shared)(AllocationKey.CUSTOM, wrong)}), "x")
    assert "custom_shares_not_100" in {f.code for f in session.findings} and not page.fix_shares.isHidden()
    page.fix_shares.click()
    shares = next(s for s in session.scenario.running.services if s.row_id == service.row_id).shared.shares
    # By hand: 10/80 = 12,5; 25/80 = 31,25; 20/80 = 25; 10/80 = 12,5 (twice); 5/80 = 6,25.
    assert shares == {"gp1": D("12.50"), "gp2": D("31.25"), "gp3": D("25.00"), "spec": D("12.50"), "fys": D("12.50"),
                      "psyk": D("6.25")}  # fmt: skip
    assert "custom_shares_not_100" not in {f.code for f in session.findings}


def test_a_loans_and_own_moneys_repayment_ticks_can_change(opened) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("establishment")
    model = next(t.model() for t in page.tables if t.model().kind == "financing")
    col = next(i for i, c in enumerate(model.columns) if c.field == "repaid_by_rent")
    from planners.model import FinancingSource

    for row, line in enumerate(model.lines()):
        index = model.index(row, col)
        checkable = bool(model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable)
        if line.source is FinancingSource.LOAN:  # issue 14.4: ticked by default, and the tick can be taken off
            assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked and checkable
        elif line.source.is_own:
            assert checkable
        else:  # a grant is never paid back: unticked and locked
            assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked and not checkable
            assert "ikke tilbage" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_refused_file_and_a_too_large_number_are_told_in_plain_words(window, answers, tmp_path: Path) -> None:  # noqa: ANN001
    """The core keeps its technical wording (the command line and its tests read it); the app says it plainly."""
    text = tmp_path / "noter.sundhedshus"
    text.write_text("Det her er bare tekst.\n" * 20, encoding="utf-8")
    assert not window.open_path(text)
    assert answers.told and "Sundhedshus-plan" in answers.told[-1]
    assert offending(answers.told[-1]) == []
    assert window.open_path(make_plan(tmp_path, "example"))
    session = window.session
    refused: list[str] = []
    session.refused.connect(refused.append)
    room = session.scenario.rooms[0]
    assert session.run(UpdateLine("room", room.row_id, {"net_m2": D("1E+16")}), "ændr areal") is None
    assert refused and "er for stort" in refused[-1] and offending(refused[-1]) == []
    from desktop.i18n import set_language

    set_language("en")
    try:
        assert session.run(UpdateLine("room", room.row_id, {"net_m2": D("1E+16")}), "ændr areal") is None
        assert "too large" in refused[-1] and "10^" not in refused[-1]
    finally:
        set_language("da")


def test_the_catalogs_dialog_names_no_folder_path(opened) -> None:  # noqa: ANN001
    """The data folder was shown as a path under .local/share; now a button opens it."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView

    from desktop.dialogs.catalogs import CatalogsDialog

    dialog = CatalogsDialog(opened.session, opened)
    texts = [w.text() for w in dialog.findChildren(QLabel)] + [b.text() for b in dialog.findChildren(QAbstractButton)]
    for view in dialog.findChildren(QTableView):
        model = view.model()
        texts += [model.headerData(c, Qt.Orientation.Horizontal) or "" for c in range(model.columnCount())]
    assert any("datamappe" in x for x in texts) and dialog.open_folder.text() == "Åbn datamappen"
    bad = [x for x in texts if "/" in x and "." in x.split("/")[-1] or ".local" in x or offending(x)]
    assert bad == []
    dialog.close()


def test_the_rooms_table_names_a_split_as_the_report_and_the_annex_do(window, tmp_path: Path) -> None:  # noqa: ANN001
    """App «Fælles: efter aftalte andele», report «Fælles, efter aftalte andele», annex «Aftalte andele»: one name."""
    from planners.exports.annex.layout import KEY_WORDS
    from planners.exports.report.document import _room_user
    from planners.model import Allocation

    assert window.open_path(make_plan(tmp_path, "example"))
    session = window.session
    room = session.scenario.rooms[0]
    ids = [t.id for t in session.scenario.tenants]
    shared = Allocation(AllocationKey.CUSTOM, {ids[0]: D(50), ids[1]: D(50)})
    session.run(UpdateLine("room", room.row_id, {"tenant": None, "vacant": False, "shared": shared}), "x")
    model = window.workspace.pages["rooms"].tables[0].model()
    shown = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "Fælles: efter aftalte andele" in shown
    report = _room_user(session.plan, session.scenario, session.scenario.rooms[0], "da")
    assert report == "Fælles, efter aftalte andele" and KEY_WORDS[AllocationKey.CUSTOM] == "Aftalte andele"
    assert {text.split(" ", 1)[1] for text in (shown[shown.index("Fælles: efter aftalte andele")], report)} == \
        {"efter aftalte andele"}  # fmt: skip
