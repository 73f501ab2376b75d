"""A page not shown yet holds its place with a bare widget; its scroll area is made with it (issue 19, s17-example).

What the window shows and where each page sits must not change: the stack's order is the page list's, the page shown
is the one chosen, and making a page for another reason (a finding's jump, a test) never switches the page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QScrollArea


def _assert_in_order(workspace) -> None:  # noqa: ANN001
    stack = workspace.stack
    assert stack.count() == len(workspace.PAGES)
    assert [stack.widget(i) for i in range(stack.count())] == workspace.page_areas


def test_only_the_pages_made_have_scroll_areas(window, plan_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(plan_path)
    ws = window.workspace
    _assert_in_order(ws)
    keys = [key for key, _title, _loader in ws.PAGES]
    made = {keys[i] for i, area in enumerate(ws.page_areas) if isinstance(area, QScrollArea)}
    assert made == {"overview"}
    assert ws.stack.currentWidget() is ws.page_areas[0]
    assert ws.page_areas[0].widget() is ws.pages["overview"]

    rooms = ws.show_page("rooms")
    index = keys.index("rooms")
    area = ws.page_areas[index]
    assert isinstance(area, QScrollArea) and area.widget() is rooms
    assert ws.stack.currentIndex() == index == ws.nav.currentRow()
    assert ws.current_page() is rooms
    _assert_in_order(ws)

    ws.nav.setCurrentRow(0)  # back to the overview by the page list
    assert ws.stack.currentWidget() is ws.page_areas[0] and ws.current_page() is ws.pages["overview"]


def test_a_page_made_without_being_shown_leaves_the_page_shown(window, plan_path: Path) -> None:  # noqa: ANN001
    assert window.open_path(plan_path)
    ws = window.workspace
    seen: list[int] = []
    ws.stack.currentChanged.connect(seen.append)
    for key in ("history", "checks", "tenants"):  # after, before and beside nothing made
        page = ws.pages[key]
        assert ws.page_areas[[k for k, _t, _l in ws.PAGES].index(key)].widget() is page
    assert ws.stack.currentWidget() is ws.page_areas[0] and ws.nav.currentRow() == 0
    assert seen == []  # never another page shown for a moment
    _assert_in_order(ws)
    # Shown later, each is the page made before, not a new one.
    assert ws.show_page("checks") is ws.pages["checks"]
    assert ws.stack.currentWidget().widget() is ws.pages["checks"]
