"""The main window: start page or an open plan (navigation list, pages, figures panel), menus, toolbar.

Opening a file runs the core's checks: a refused file gets its Danish reason in a dialog; a locked one says
who has it and offers read-only (then a banner shows and editing is off). A `.json` plan is imported into a
new `.sundhedshus` beside it after asking (DESIGN §6). Dialogs go through `ask`/`tell`/`choose_*` so tests
can answer them without a modal loop.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, QStandardPaths, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

# Only what the first painted window needs is imported here: PySide creates a Qt class's Python type, with all its
# enums, when a module first names it (≈ 0,1–0,2 ms per enum class), so the dialogs' classes (file, input and message
# dialogs) are named where they are used, and the workshop, the charts and the exports load when first used.
from desktop import menus, zoom
from desktop import settings as settings_mod
from desktop.i18n import error_text, lang, t
from desktop.panel import SIDE_CHARS, FiguresPanel
from desktop.qtprops import set_enum_property, set_shortcut
from desktop.readonly import StatusKeeper
from desktop.session import PlanSession
from planners import reference
from planners.model import Finding
from planners.model import prebuilt as dataclasses  # its API, importing it only when used (issue 19)
from planners.model.errors import PlanError, PlanLocked
from planners.store import lock as locking
from planners.store.lock import describe_owner
from planners.store.planfile import SUFFIX, PlanFile, PlanReadOnly, create_plan_file

if TYPE_CHECKING:  # what desktop.menus adds to the window; the dialogs load on first use
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent
    from PySide6.QtWidgets import QDialog

    from desktop.dialogs.about import AboutDialog
    from desktop.dialogs.capacity import CapacityDialog
    from desktop.dialogs.catalogs import CatalogsDialog
    from desktop.dialogs.diff import DiffDialog
    from desktop.dialogs.help import HelpDialog
    from desktop.dialogs.merge import MergeDialog
    from desktop.dialogs.reduced import ReducedGrantDialog
    from desktop.export import Exporter
    from desktop.startpage import StartPage
    from desktop.workshop import WorkshopMode
    from planners.store.operations import Changes

MAX_RECENT = 8
FILTER = "Sundhedshus-planer (*.sundhedshus *.json)"
# Where a finding's object is shown: its page, and the line kind of the table on that page.
PAGE_OF_ENTITY = {"plan": "overview", "scenario": "overview", "tenant": "tenants", "room": "rooms",
                  "equipment": "equipment", "cost": "establishment", "financing": "establishment",
                  "service": "running", "running": "running"}  # fmt: skip
# Which page an undo/redo shows when it touched several kinds: the line that changed before the plan's fields.
REPLAY_PAGES = {"scenario": "scenarios", "room": "rooms", "room_share": "rooms", "equipment": "equipment", "equipment_share": "equipment",
                "cost": "establishment", "financing": "establishment", "tenant": "tenants", "service": "running",
                "service_share": "running", "running_rate": "running", "plan": "overview",
                "timeline": "years", "commitment": "application"}  # fmt: skip
# A finding about a whole list of a scenario names the list as its field ("financing": the lines don't add up).
FIELD_ENTITIES = {"financing": "financing", "costs": "cost", "equipment": "equipment", "tenants": "tenant",
                  "rooms": "room", "running": "running", "grant": "cost"}  # fmt: skip

# Pages that show kinds of change besides the page REPLAY_PAGES names: an undo there stays on them.
ALSO_SHOWN_ON = {"application": {"plan", "commitment", "running_rate"}}
# Fields of the application (issue 16.6) a finding may point at: shown on the page Ansøgning.
APPLICATION_FIELDS = {"cvr", "ean", "signatory", "project_leader", "approval", "milestones", "subprojects",
                      "commitments"}  # fmt: skip

EMPTY_PLAN = ""  # "Ny plan": the empty plan with the guide, not a template
PREFERRED_SIZE = (1440, 880)  # on a screen that has room; never more than the screen's work area
PAGE_CHARS = 70  # the page's useful width in average characters: less, and the key figures go under it
NAV_PAGE_CHARS = 45  # less than this for the page beside the page list, and the list becomes a drop-down
UNLIMITED = 16777215  # QWIDGETSIZE_MAX
CHARTS_MODULE_MS = 1000  # after a plan opens: the charts' module loads, and it preloads matplotlib a little later


def _scroll_area(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Zoom scales fixed widths; these are set by the layout itself, so zoom leaves them alone.
    area.setProperty("zoomBaseWidths", [0, UNLIMITED])
    return area


class CurrentStack(QStackedWidget):
    """A stack whose minimum is that of the page shown, not the largest of all (the start page's minimum
    must not hold the window wide while a plan is open, nor the other way round)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:  # noqa: N802
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()


class Pages(Mapping[str, QWidget]):
    """The workspace's pages by key, each built the first time it is asked for (shown, jumped to, or reached
    by a test): the keys are all pages, `built()` only those made so far."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._built: dict[str, QWidget] = {}
        self._keys = [key for key, _title, _loader in workspace.PAGES]

    def __getitem__(self, key: str) -> QWidget:
        page = self._built.get(key)
        if page is None:
            if key not in self._keys:
                raise KeyError(key)
            page = self._built[key] = self._workspace._build(key)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def built(self) -> list[QWidget]:
        """The pages made so far (what a change of fonts or zoom must reach; the rest are made in the new state)."""
        return list(self._built.values())


class Workspace(QWidget):
    """An open plan: banner, navigation, pages and the figures panel.

    A page is made (and its module imported) when it is first shown or asked for through `pages`, not when the
    plan opens: opening a large plan costs the overview and the figures panel only. To add a page, add a line
    to PAGES: its key, its Danish title, and "module:Class" of a QWidget made as `Class(session)`."""

    PAGES = (
        ("overview", "Oversigt", "desktop.pages.overview:OverviewPage"),
        ("tenants", "Lejere", "desktop.pages.lists:TenantsPage"),
        ("rooms", "Rumprogram", "desktop.pages.lists:RoomsPage"),
        ("equipment", "Udstyr", "desktop.pages.lists:EquipmentPage"),
        ("establishment", "Anlæg og finansiering", "desktop.pages.lists:EstablishmentPage"),
        ("running", "Drift og husleje", "desktop.pages.lists:RunningPage"),
        ("years", "Husleje over tid", "desktop.pages.years:YearsPage"),
        ("scenarios", "Scenarier", "desktop.pages.scenarios:ScenariosPage"),
        ("compare", "Sammenlign", "desktop.pages.compare:ComparePage"),
        ("charts", "Diagrammer", "desktop.charts_view:ChartsPage"),
        ("application", "Ansøgning", "desktop.pages.application:ApplicationPage"),
        ("checks", "Tjek", "desktop.pages.checks:ChecksPage"),
        ("history", "Historik", "desktop.pages.history:HistoryPage"),
    )

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.banner = QLabel(t("Planen er åbnet skrivebeskyttet: du kan se den, men ikke ændre den."))
        self.banner.setObjectName("readonlyBanner")
        self.banner.setStyleSheet("background: #fff3c4; color: #5a4500; padding: 6px; font-weight: bold")
        self.banner.setVisible(session.readonly)
        outer.addWidget(self.banner)
        # A refusal floats over the bottom of the page (not in the layout): showing it never shifts the form the
        # user is typing in. It goes with the next edit or page switch.
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #fde7ea; color: #8a0016; padding: 6px; border: 1px solid #e3a1ab")
        self.notice.hide()
        # Horizontal, Qt's default, and no parent given: both would make PySide weigh the overload that takes a
        # `Qt.Orientation`, building the `Qt` namespace's enums (desktop.qtprops). The layout makes it our child.
        split = QSplitter()
        split.setChildrenCollapsible(False)
        outer.addWidget(split, 1)
        self.nav = QListWidget()
        self.nav.setFixedWidth(215)
        set_enum_property(self.nav, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.nav.setStyleSheet("QListWidget { font-size: 11pt } QListWidget::item { padding: 6px }")
        self.stack = QStackedWidget()
        self.pages = Pages(self)
        # Each page scrolls on its own when the window is smaller than the page needs (a 1024-pixel
        # projector, a large zoom): the window's minimum never depends on the widest page. A page not made yet holds
        # its place in the stack with a bare widget; its scroll area is made with it (`_build`): 12 empty scroll
        # areas (a viewport, two scroll bars and a frame each) cost ≈ 1 ms at every open and showed nothing.
        self.page_areas: list[QWidget] = []
        # The page names as shown (the list's items are not read back: a QListWidgetItem in Python makes PySide
        # build its type, ≈ 1 M instructions at start).
        names = [t(title) for _key, title, _loader in self.PAGES]
        for _name in names:
            placeholder = QWidget()
            self.page_areas.append(placeholder)
            self.stack.addWidget(placeholder)
        self.nav.addItems(names)
        # As wide as the longest page name in the user's language (English names are longer), never cut.
        self.nav.ensurePolished()
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(name) for name in names)
        self.nav.setFixedWidth(max(215, widest + 40))
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.currentRowChanged.connect(self._hide_notice)  # a refusal on one page is old news on the next
        self.nav.setCurrentRow(0)
        self.panel = FiguresPanel(session)
        # The key figures beside the page where there is room, under it where there is not (a narrow window,
        # a large zoom, workshop mode on a projector); "Vis nøgletal" hides them. In a scroll area of its own
        # so the panel never sets the window's minimum, but sized to its content so no amount is ever cut.
        self.panel_area = _scroll_area(self.panel)
        self.panel_area.setObjectName("figuresPanelArea")
        # The panel's last measures and what they depended on (`FiguresPanel.fit_key`): measured again only when
        # that changed. Opening a plan arranges the workspace three or four times (its first resize, the page
        # shown, the window's final size, closing), and each measure was a new layout of the panel's wrapped
        # names, twice when the panel is under the page (one column to measure the width, then its columns).
        self._panel_fit: tuple[tuple[object, ...], int] | None = None  # the key, the width beside the page
        self._panel_rows: tuple[tuple[object, ...], int] | None = None  # (the key, columns), the height under it
        self.panel_place = "side"
        # Workshop mode on a projector: the page list a drop-down and the key figures under the page, whatever the
        # width, so the page gets the width the what-if dock leaves.
        self.compact_nav = False
        body = QWidget()
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.nav_combo = QComboBox()
        self.nav_combo.setObjectName("pageCombo")
        self.nav_combo.setToolTip(t("Vælg en side"))
        for name in names:
            self.nav_combo.addItem(name)
        self.nav_combo.hide()
        self.nav_combo.activated.connect(self.nav.setCurrentRow)
        self.nav.currentRowChanged.connect(self.nav_combo.setCurrentIndex)
        page_column = QVBoxLayout()
        page_column.setContentsMargins(0, 0, 0, 0)
        page_column.addWidget(self.nav_combo)
        page_column.addWidget(self.stack, 1)
        self.body.addLayout(page_column, 1)
        self.body.addWidget(self.panel_area, 0)
        split.addWidget(self.nav)
        split.addWidget(body)
        split.setStretchFactor(1, 1)
        self.split = split
        self.panel.layout_changed.connect(self.arrange)
        session.refused.connect(self.show_notice)
        # A bound method, not a lambda: Qt drops it when the workspace goes (a language switch hands the
        # session to a new window, and a lambda would reach into the deleted one).
        session.plan_changed.connect(self._hide_notice)
        session.replayed.connect(self._show_replayed)
        # The charts (and the comparison's) are made when first shown, but matplotlib is imported in the
        # background a little after the plan opens, so the first chart does not wait for it (issue 15.5): the
        # window asks for that after its first paint (`MainWindow.later`), or at once when the charts are loaded.
        # The module itself (≈ 40 Qt enum classes and the chart machinery) is not needed for the first paint.
        charts_view = sys.modules.get("desktop.charts_view")
        if charts_view is not None:
            charts_view.preload_later(self)
        else:
            # A single-shot timer of the workspace's own (it goes with the workspace), not `QTimer.singleShot(ms,
            # self, slot)`: PySide weighs that call's overloads with a `QMetaMethod` and so builds the class's type
            # and enums before the first paint (≈ 1,4 M instructions).
            timer = self._charts_timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(self._preload_charts)
            timer.start(CHARTS_MODULE_MS)

    def _preload_charts(self) -> None:
        from desktop.charts_view import preload_later

        preload_later(self)

    def _build(self, key: str) -> QWidget:
        """Make the page `key` in its scroll area, in the state the window is in now: the zoom's widths and style
        sheets (the application font it follows by itself), workshop mode's chart fonts, the checks' jumps."""
        index = [k for k, _t, _l in self.PAGES].index(key)
        module, _colon, name = self.PAGES[index][2].partition(":")
        page: QWidget = getattr(importlib.import_module(module), name)(self.session)
        area = _scroll_area(page)
        placeholder = self.page_areas[index]
        self.stack.insertWidget(index, area)  # in the placeholder's place (it moves one on, then goes)
        if self.stack.currentWidget() is placeholder:  # the page list's first row: shown before the page was made
            self.stack.setCurrentWidget(area)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.page_areas[index] = area
        f = self.window().property("zoomFactor") if self.window() is not None else None
        if isinstance(f, float) and f != 1.0:
            for widget in [page, *page.findChildren(QWidget)]:
                zoom.scale_widget(widget, f)
        shop = getattr(self.window(), "_workshop", None)  # made after the first paint: never made here
        if shop is not None and getattr(shop, "active", False) and hasattr(page, "views"):
            from desktop.charts_view import WORKSHOP_FONT

            for view in page.views.values():
                view.set_font_size(WORKSHOP_FONT)
        if (isinstance(f, float) and f != 1.0) or (shop is not None and getattr(shop, "active", False)):
            # The page took the zoomed or workshop font when it was placed, after its tables fitted their columns
            # in the font it was made in: fit them again, or a larger font cuts their amounts ("6.680.0…").
            QCoreApplication.sendPostedEvents()
            for view in page.findChildren(QTableView):
                zoom.fit_view(view)
        if key == "checks":
            page.jump.connect(self.jump_to)  # type: ignore[attr-defined]
        return page

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.PAGES):
            self.pages[self.PAGES[row][0]]  # noqa: B018 (made on first show)
        self.stack.setCurrentIndex(row)

    def _hide_notice(self, _changes: object) -> None:
        self.notice.hide()

    def _show_replayed(self, changes: Changes) -> None:
        """After an undo or redo, show the page of what it changed (a price on Udstyr, undone from another page),
        unless the page on screen shows it already."""
        pages = [page for kind, page in REPLAY_PAGES.items() if kind in changes.kinds]
        current = self.PAGES[self.stack.currentIndex()][0]
        if changes.kinds & ALSO_SHOWN_ON.get(current, set()):
            pages.append(current)  # the page on screen shows it too (Ansøgning: the plan's application fields)
        if pages and current not in pages:
            self.show_page(pages[0])
        # Select the lines it changed or brought back, so the eye finds them.
        page = self.current_page()
        for kind in {kind for kind, _id in changes.updated | changes.inserted}:
            table = page.table_for(kind) if hasattr(page, "table_for") else None
            if table is None:
                continue
            rows = [table.line_model.row_of(row_id) for k, row_id in changes.updated | changes.inserted if k == kind]
            table.select_rows(sorted(r for r in rows if r is not None))

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow([k for k, _t, _l in self.PAGES].index(key))
        return self.pages[key]

    def current_page(self) -> QWidget:
        return self.pages[self.PAGES[self.stack.currentIndex()][0]]

    # --- fitting the screen ---------------------------------------------------------------------------------

    def set_panel_shown(self, shown: bool) -> None:
        self.panel_area.setVisible(shown)
        self.arrange()

    def panel_width(self) -> int:
        """The width the key figures need beside the page, in one column: their content, never less than their
        minimum. Leaves the panel in one column when it measures; `arrange` puts it in the columns it needs."""
        key = self.panel.fit_key()
        if self._panel_fit is None or self._panel_fit[0] != key:
            self.panel.arrange(1)
            self.panel.fit_names()
            self.panel.grid_layout().invalidate()
            self.panel.grid_layout().activate()
            hint = max(self.panel.minimumSizeHint().width(), self.panel.fontMetrics().averageCharWidth() * SIDE_CHARS)
            self._panel_fit = (key, max(hint, self.panel.minimumWidth()) + self.panel_area.frameWidth() * 2 + 2)
        return self._panel_fit[1]

    def _panel_height(self, columns: int) -> int:
        """The height the key figures need under the page in `columns` columns (arranged so already)."""
        key = (self.panel.fit_key(), columns)
        if self._panel_rows is None or self._panel_rows[0] != key:
            self.panel.grid_layout().invalidate()
            self.panel.grid_layout().activate()
            self._panel_rows = (key, self.panel.minimumSizeHint().height() + self.panel_area.frameWidth() * 2 + 2)
        return self._panel_rows[1]

    def arrange(self) -> None:
        """The panel beside the page when the page keeps a useful width, else under it in several columns.
        Decided from the workspace's width alone, so it never oscillates."""
        chars = self.fontMetrics().averageCharWidth()
        # The page list gives way to a drop-down above the page when the page would be too narrow even with
        # the key figures under it (a large zoom, a 1024-pixel projector in workshop mode).
        compact = self.compact_nav or self.width() - self.nav.width() - 24 < chars * NAV_PAGE_CHARS
        self.nav.setVisible(not compact)
        self.nav_combo.setVisible(compact)
        nav_width = 0 if compact else self.nav.width()
        if not compact and self.split.sizes()[0] != nav_width:
            # The page list has a fixed width: the splitter gave its pane ~40 px more, left empty beside it.
            self.split.setSizes([nav_width, max(self.split.width() - nav_width - self.split.handleWidth(), 0)])
        side_width = 0 if self.panel_area.isHidden() else self.panel_width()
        room = self.width() - nav_width - side_width - 24
        side = not self.compact_nav and room >= chars * PAGE_CHARS
        self.panel_place = "side" if side else "below"
        if side:
            if not self.panel_area.isHidden():
                self.panel.arrange(1)  # measured in one column, perhaps arranged under the page since
            self.body.setDirection(QBoxLayout.Direction.LeftToRight)
            self.panel_area.setFixedWidth(side_width)
            self.panel_area.setMaximumHeight(UNLIMITED)
            self.panel_area.setMinimumHeight(0)
            set_enum_property(self.panel_area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        else:
            self.body.setDirection(QBoxLayout.Direction.TopToBottom)
            self.panel_area.setMinimumWidth(0)
            self.panel_area.setMaximumWidth(UNLIMITED)
            width = max(self.width() - nav_width - 24, 200)
            columns = self.panel.columns_for(width)
            self.panel.arrange(columns)
            height = self._panel_height(columns)
            set_enum_property(self.panel_area, "horizontalScrollBarPolicy", "ScrollBarAsNeeded")
            # At most a third of the height: the page keeps the rest, the figures scroll.
            self.panel_area.setFixedHeight(min(height, max(self.height() // 3, 80)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.arrange()
        if self.notice.isVisible():
            self._place_notice()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom, workshop mode
            self.arrange()

    def show_notice(self, text: str) -> None:
        self.notice.setText(t("Ikke gemt: {grund}").format(grund=text))
        self._place_notice()
        self.notice.show()
        self.notice.raise_()

    def _place_notice(self) -> None:
        """Over the bottom edge of the page column, as wide as it."""
        column = self.stack.geometry()
        top_left = self.stack.mapTo(self, column.topLeft() - self.stack.pos())
        width = max(self.stack.width(), 200)
        height = self.notice.heightForWidth(width)
        height = height if height > 0 else self.notice.sizeHint().height()
        self.notice.setGeometry(top_left.x(), top_left.y() + self.stack.height() - height, width, height)

    def jump_to(self, finding: Finding) -> None:
        """Show the page and row a finding concerns, the row selected."""
        ref = finding.ref
        if ref.scenario is not None and ref.scenario != self.session.scenario.name:
            for s in self.session.plan.scenarios:
                if s.name == ref.scenario:
                    self.session.select_scenario(s.row_id)  # type: ignore[arg-type]
        # A scenario-wide finding points at the list it is about ("financing" → the financing table).
        if ref.entity == "scenario" and ref.field in FIELD_ENTITIES:
            ref = dataclasses.replace(ref, entity=FIELD_ENTITIES[ref.field], field=None)
        from desktop.pages.lists import RunningPage
        from desktop.pages.overview import OverviewPage

        if ref.field in APPLICATION_FIELDS:  # a finding before submission: its field on the page Ansøgning
            application = self.show_page("application")
            application.focus_field(ref.field)  # type: ignore[attr-defined]
            return
        page = self.show_page(PAGE_OF_ENTITY.get(ref.entity, "overview"))
        if isinstance(page, OverviewPage):
            page.focus_field(ref.field)
            return
        table = page.table_for(ref.entity)  # type: ignore[attr-defined]
        if table is None:
            if ref.entity == "running" and isinstance(page, RunningPage):
                page.rates.setFocus()
            return
        if ref.index is not None:
            column = 0
            if ref.field:
                names = [c.field for c in table.line_model.columns]
                column = names.index(ref.field) if ref.field in names else 0
            table.select_rows([ref.index], column)
        table.setFocus()


class MainWindow(QMainWindow):
    # Made by `desktop.menus.install` (export, copy and paste, catalogs, zoom, language, help):
    export_actions: dict[str, QAction]
    export_menu: QMenu
    act_export_annex: QAction
    act_copy_rows: QAction
    act_copy_cells: QAction
    act_paste: QAction
    act_paste_new: QAction
    act_catalogs: QAction
    act_capacity: QAction
    act_reduced_grant: QAction
    act_zoom_in: QAction
    act_zoom_out: QAction
    act_zoom_reset: QAction
    act_show_figures: QAction
    language_actions: dict[str, QAction]
    act_help: QAction
    act_about: QAction
    # The dialogs it opens, kept alive while shown:
    catalogs_dialog: CatalogsDialog
    capacity_dialog: CapacityDialog
    reduced_dialog: ReducedGrantDialog
    help_dialog: HelpDialog
    about_dialog: AboutDialog
    # History, versions, differences and merging (issue 18; desktop.menus._install_history):
    act_save_version: QAction
    act_compare_file: QAction
    act_merge: QAction
    act_preferences: QAction
    diff_dialog: DiffDialog
    merge_dialog: MergeDialog
    preferences_dialog: QDialog
    version_windows: list[MainWindow]

    def __init__(self, start_page: bool = True) -> None:
        """`start_page=False`: the start page is made only when first shown (`start`): a plan opened from the command
        line shows its own page first."""
        super().__init__()
        self.session: PlanSession | None = None
        self._start: StartPage | None = None
        self.workspace: Workspace | None = None
        self._workshop: WorkshopMode | None = None
        self._exporter: Exporter | None = None
        self.status_keeper: StatusKeeper | None = None
        self._recent_before: object = None  # the recent plans before an open whose checks are still to run
        self.settings = QSettings()
        self.undo_group = QUndoGroup(self)
        self.setAcceptDrops(True)
        settings_mod.fit_to_screen(self, PREFERRED_SIZE)
        self.stack = CurrentStack()
        self.setCentralWidget(self.stack)
        if start_page:
            self.stack.setCurrentWidget(self.start)
        self._make_actions()
        # Menu "Workshop", F11 (issue 9): the menu and its F11 action now, the mode itself (`desktop.workshop`, with
        # the what-if panel and the charts: ≈ 30 ms and 70 Qt enum classes) when the menu is opened, F11 pressed or
        # `workshop` asked for. Until then F11 is this stand-in, which the mode's own action then replaces.
        self.workshop_menu = self.menuBar().addMenu(t("&Workshop"))
        self.workshop_menu.aboutToShow.connect(lambda: self.workshop)
        self.act_workshop = self._action(t("Workshop-tilstand"), lambda: self.workshop.action.trigger(), "F11")
        self.act_workshop.setToolTip(t("Fuld skærm med store skrifttyper og hvad-nu-hvis-skydere — til projektor"))
        self.workshop_menu.addAction(self.act_workshop)
        menus.install(self)  # export, copy/paste, catalogs, capacity, zoom, language, help (issue 8)
        self._update_recent()
        self._update_title()
        self._update_enabled()

    @property
    def start(self) -> StartPage:
        """The start page (recent plans, templates), made when first asked for."""
        if self._start is None:
            from desktop.startpage import StartPage

            start = self._start = StartPage()
            start.open_recent.connect(self.open_path)
            start.new_from_template.connect(self.new_plan)
            start.open_file.connect(self.open_dialog)
            start.open_example.connect(self.open_example)
            self.stack.insertWidget(0, start)
            start.set_recent(self.recent_files())
        return self._start

    def show_start_if_empty(self) -> None:
        """The start page when no plan is shown (an open from the command line that did not succeed)."""
        if self.session is None:
            self.stack.setCurrentWidget(self.start)

    @property
    def workshop(self) -> WorkshopMode:
        """Workshop mode (`desktop.workshop`), made when first asked for; its actions go into the menu made at start."""
        if self._workshop is None:
            from desktop import workshop

            bar = self.menuBar()
            before = set(bar.actions())
            self._workshop = workshop.install(self)
            self.removeAction(self.act_workshop)  # its F11 would make the mode's own F11 ambiguous
            self.workshop_menu.removeAction(self.act_workshop)
            for added in [a for a in bar.actions() if a not in before]:  # the mode's menu: its actions move here
                menu = added.menu()
                if isinstance(menu, QMenu):
                    self.workshop_menu.addActions(menu.actions())
                    bar.removeAction(added)
                    menu.deleteLater()
        return self._workshop

    @property
    def exporter(self) -> Exporter:
        """The exports' runner (`desktop.export`), made on the first export or question about one."""
        if self._exporter is None:
            from desktop.export import Exporter

            self._exporter = Exporter(self, lambda title, text: self.tell(title, text))
        return self._exporter

    def show_on_screen(self) -> None:
        """The app's first show: on a screen smaller than the preferred size (a laptop, a projector) and with no
        remembered geometry, maximized — exactly the work area, the window manager knowing its frame."""
        screen = self.screen()
        remembered = QSettings().value(settings_mod.GEOMETRY_KEY) is not None
        if screen is not None and not remembered:
            room = screen.availableGeometry()
            if room.width() < PREFERRED_SIZE[0] or room.height() < PREFERRED_SIZE[1]:
                self.showMaximized()
                return
        self.show()

    # --- menus and toolbar ---------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            set_shortcut(action, shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(t("&Filer"))
        self.act_new = self._action(t("&Ny…"), self.new_plan, QKeySequence.StandardKey.New)
        self.act_open = self._action(t("&Åbn…"), self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(t("Åbn &seneste"))
        self.act_example = self._action(t("Åbn &eksemplet"), self.open_example)
        self.act_copy = self._action(t("Gem &kopi som…"), self.save_copy, "Ctrl+Shift+S")
        self.act_close = self._action(t("&Luk"), self.close_plan, QKeySequence.StandardKey.Close)
        self.act_quit = self._action(t("&Afslut"), self.close, QKeySequence.StandardKey.Quit)
        file_menu.addActions([self.act_new, self.act_open])
        file_menu.addMenu(self.recent_menu)
        file_menu.addActions([self.act_example, self.act_copy])
        file_menu.addSeparator()
        file_menu.addActions([self.act_close, self.act_quit])

        edit_menu = bar.addMenu(t("&Rediger"))
        # Named by the action, Danish style: "Fortryd: ændr areal" (Qt's own actions leave out the colon).
        self.act_undo = self._action(t("Fortryd"), self.undo_group.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = self._action(t("Annullér fortryd"), self.undo_group.redo, QKeySequence.StandardKey.Redo)
        for action, base, text_changed, can_changed in (
            (self.act_undo, t("Fortryd"), self.undo_group.undoTextChanged, self.undo_group.canUndoChanged),
            (self.act_redo, t("Annullér fortryd"), self.undo_group.redoTextChanged, self.undo_group.canRedoChanged),
        ):
            text_changed.connect(lambda text, a=action, b=base: a.setText(f"{b}: {text}" if text else b))
            can_changed.connect(action.setEnabled)
            action.setEnabled(False)
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        self.act_add = self._action(t("Tilføj række"), lambda: self._row_action("add_row"), "Insert")
        self.act_dup = self._action(t("Dupliker rækker"), lambda: self._row_action("duplicate_rows"), "Ctrl+D")
        self.act_del = self._action(t("Slet rækker"), lambda: self._row_action("delete_rows"),
                                    QKeySequence.StandardKey.Delete)  # fmt: skip
        # Not Alt+Up/Down: those open a drop-down (a cell's choice list) everywhere on the desktop.
        self.act_up = self._action(t("Flyt op"), lambda: self._row_action("move_rows", -1), "Ctrl+Shift+Up")
        self.act_down = self._action(t("Flyt ned"), lambda: self._row_action("move_rows", 1), "Ctrl+Shift+Down")
        edit_menu.addActions([self.act_add, self.act_dup, self.act_del, self.act_up, self.act_down])

        tools = self.addToolBar(t("Værktøjer"))
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        tools.addWidget(QLabel(t(" Scenarie: ")))
        self.scenario_combo = QComboBox()
        self.scenario_combo.setMinimumWidth(220)
        self.scenario_combo.setToolTip(t("Alle sider og nøgletal viser det valgte scenarie"))
        self.scenario_combo.activated.connect(self._scenario_picked)
        tools.addWidget(self.scenario_combo)
        tools.addSeparator()
        tools.addActions([self.act_add, self.act_dup, self.act_del, self.act_up, self.act_down])
        tools.addSeparator()
        tools.addActions([self.act_undo, self.act_redo])

    def _row_action(self, name: str, *args: int) -> None:
        if self.workspace is None or (self.session is not None and self.session.readonly):
            return
        page = self.workspace.current_page()
        table = page.active_table() if hasattr(page, "active_table") else None
        if table is None:
            self.statusBar().showMessage(t("Vælg en tabel først"), 4000)
            return
        getattr(table, name)(*args)

    def _update_enabled(self) -> None:
        open_ = self.session is not None
        editable = open_ and not self.session.readonly  # type: ignore[union-attr]
        for a in (self.act_add, self.act_dup, self.act_del, self.act_up, self.act_down):
            a.setEnabled(editable)
        self.act_copy.setEnabled(open_)
        self.act_close.setEnabled(open_)
        self.act_workshop.setEnabled(open_)  # the stand-in of the workshop's own action (which follows the page)
        self.scenario_combo.setEnabled(open_)

    def _fill_scenarios(self, changes: object = None) -> None:
        if changes is not None and not changes.touches("scenario", "plan"):  # type: ignore[attr-defined]
            return
        self.scenario_combo.clear()
        if self.session is None:
            return
        applied = self.session.plan.scenario().name
        for s in self.session.plan.scenarios:
            label = s.name + (t(" (ansøges)") if s.name == applied else "")
            self.scenario_combo.addItem(label, s.row_id)
        self.scenario_combo.setCurrentIndex(self.scenario_combo.findData(self.session.scenario_id))

    def _follow_scenario(self, _changes: object) -> None:
        if self.session is not None:
            i = self.scenario_combo.findData(self.session.scenario_id)
            if i >= 0 and i != self.scenario_combo.currentIndex():
                self.scenario_combo.setCurrentIndex(i)
        self._update_title()

    def _scenario_picked(self, index: int) -> None:
        if self.session is not None:
            self.session.select_scenario(self.scenario_combo.itemData(index))

    # --- dialogs (tests replace these) ------------------------------------------------------------------------

    def ask(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        self.show_start_if_empty()  # never an empty window behind the question
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def tell(self, title: str, text: str) -> None:
        self.last_message = text
        from PySide6.QtWidgets import QMessageBox

        self.show_start_if_empty()
        QMessageBox.warning(self, title, text)

    def choose_new_path(self, title: str, start: str = "") -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, title, start, t("Sundhedshus-planer (*.sundhedshus)"))
        if not path:
            return None
        return path if path.endswith(SUFFIX) else path + SUFFIX

    def choose_template(self) -> str | None:
        names = [(EMPTY_PLAN, t("Tom plan — en guide hjælper jer i gang")),
                 *[(n, example_title(en if lang() == "en" else da)) for n, da, en in reference.template_titles()]]  # fmt: skip
        titles = [title for _n, title in names]
        from PySide6.QtWidgets import QInputDialog

        title, ok = QInputDialog.getItem(self, t("Ny plan"), t("Vælg en skabelon:"), titles, 0, False)
        return names[titles.index(title)][0] if ok else None

    # --- files ----------------------------------------------------------------------------------------------------

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, t("Åbn plan"), self._folder(), t(FILTER))
        if path:
            self.open_path(path)

    def _folder(self) -> str:
        recent = self.recent_files()
        candidates = [str(Path(recent[0]).parent)] if recent else []
        candidates.append(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        # A folder that does not exist (no Documents folder yet) would be taken by the dialog as a file name.
        return next((c for c in candidates if c and Path(c).is_dir()), str(Path.home()))

    def open_path(self, path: str | Path) -> bool:
        """Open a plan file (or import a JSON plan after asking). False if nothing was opened."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            return self._import_json(path)
        try:
            plan_file = PlanFile.open(path, defer=True)
        except PlanLocked as exc:
            opened = self._open_locked(path, exc)
            if opened is None:
                return False
            plan_file = opened
        except PlanReadOnly as exc:
            # Offered in the same words as a locked plan (issue 20.9): a mail attachment, a USB stick.
            if not self.ask(t("Planen er skrivebeskyttet"),
                            t("{hvorfor}\n\nVil du åbne den skrivebeskyttet?").format(hvorfor=error_text(exc))):
                return False
            try:
                plan_file = PlanFile.open(path, readonly=True, defer=True)
            except PlanError as exc2:
                self.tell(t("Planen kan ikke åbnes"), f"{path.name}: {error_text(exc2)}")
                return False
        except PlanError as exc:
            self.tell(t("Planen kan ikke åbnes"), f"{path.name}: {error_text(exc)}")
            return False
        except OSError as exc:
            self.tell(t("Planen kan ikke åbnes"), f"{path.name}: {exc.strerror or exc}")
            return False
        try:
            self.set_session(PlanSession(plan_file))
        except Exception:
            plan_file.close()  # never keep the plan's lock after a failed open ("Planen er åben hos …" ourselves)
            raise
        return True

    def _open_locked(self, path: Path, exc: PlanLocked) -> PlanFile | None:
        """A locked plan: an empty/garbage lock or this process's own may be taken over after a clear
        question; otherwise (or if the user declines) it may be opened read-only."""
        seen = locking.read_lock(path)
        if seen is not None and (not seen or locking.is_own(seen, path)):
            why = (t("Låsefilen ved siden af planen er tom eller kan ikke læses (fx efter et nedbrud).") if not seen
                   else t("Planen er låst af dette vindue selv, efter en åbning der ikke blev fuldført."))  # fmt: skip
            if self.ask(t("Planen er låst"), why + "\n\n" + t(
                    "Vil du overtage låsen og åbne planen til redigering? Gør det kun, hvis ingen anden har den åben.")):
                if locking.take_over(path, seen):
                    try:
                        return PlanFile.open(path, defer=True)
                    except PlanError as exc3:
                        self.tell(t("Planen kan ikke åbnes"), f"{path.name}: {error_text(exc3)}")
                        return None
        who = describe_owner(exc.owner) if exc.owner else error_text(exc)
        if not self.ask(t("Planen er i brug"), t("{hvem}.\n\nVil du åbne den skrivebeskyttet?").format(hvem=who)):
            return None
        try:
            return PlanFile.open(path, readonly=True, defer=True)
        except PlanError as exc2:
            self.tell(t("Planen kan ikke åbnes"), error_text(exc2))
            return None

    def _import_json(self, path: Path) -> bool:
        target = path.with_suffix(SUFFIX)
        if not self.ask(t("Importér plan"), t("{navn} er en plan fra et andet program (en udvekslingsfil). Den "
                                              "hentes ind i en ny plan, {mål}, i samme mappe.\n\nFortsæt?").format(
                                                navn=path.name, mål=target.name)):  # fmt: skip
            return False
        if target.exists():
            chosen = self.choose_new_path(t("Gem den importerede plan som"), str(target))
            if chosen is None:
                return False
            target = Path(chosen)
        try:
            from planners.interchange.plan_json import load_json  # importing a plan: not on the start's path

            plan_file = create_plan_file(target, load_json(path), author=settings_mod.author_name())
        except PlanError as exc:
            self.tell(t("Planen kan ikke importeres"), error_text(exc))
            return False
        self.set_session(PlanSession(plan_file))
        return True

    def new_plan(self, template: str | None = None) -> bool:
        """Ny: the file name first (a plan is a file from the start), then an empty plan with the guide or an
        example. An empty plan holds only the reference data: nothing of a template reaches it."""
        path = self.choose_new_path(t("Ny plan — vælg filnavn"), str(Path(self._folder()) / (t("Ny plan") + SUFFIX)))
        if path is None:
            return False
        if template is None:
            template = self.choose_template()
            if template is None:
                return False
        from planners import guide  # a new plan: the guide and the JSON reader load now, not at the start
        from planners.interchange.plan_json import load_json

        try:
            if template == EMPTY_PLAN:
                plan = guide.empty_plan(Path(path).stem)
            else:
                plan = load_json(reference.template_path(template))
            plan_file = create_plan_file(path, plan, author=settings_mod.author_name())
        except PlanError as exc:
            self.tell(t("Planen kan ikke oprettes"), error_text(exc))
            return False
        self.set_session(PlanSession(plan_file))
        if template == EMPTY_PLAN:
            self.run_guide()
        return True

    def run_guide(self) -> None:
        """The guide on the open plan (tests replace this to drive the wizard without a modal loop)."""
        if self.session is None:
            return
        from desktop.dialogs.guide import GuideWizard

        wizard = GuideWizard(self.session, self)
        wizard.exec()

    def open_example(self) -> bool:
        """A new copy of the example in the documents folder, never the bundled file itself."""
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                      or Path.home())  # fmt: skip
        folder.mkdir(parents=True, exist_ok=True)
        target = example_copy_path(folder)
        from planners.interchange.plan_json import load_json

        try:
            plan_file = create_plan_file(target, load_json(reference.example_path()),
                                         author=settings_mod.author_name())
        except PlanError as exc:
            self.tell(t("Eksemplet kan ikke åbnes"), error_text(exc))
            return False
        self.set_session(PlanSession(plan_file))
        return True

    def save_copy(self) -> None:
        if self.session is None:
            return
        current = self.session.file.path
        path = self.choose_new_path(t("Gem kopi som"), str(current.with_name(current.stem + t(" (kopi)") + SUFFIX)))
        if path is None:
            return
        try:
            self.session.file.save_copy(path)
        except (PlanError, OSError) as exc:
            self.tell(t("Kopien kan ikke gemmes"), getattr(exc, "message", str(exc)))
            return
        self.statusBar().showMessage(t("Kopien er gemt: {sti}").format(sti=path), 6000)

    def set_session(self, session: PlanSession, remember: bool = True) -> None:
        """Show an open plan; `remember` puts it first among the recent plans (not for the self-test)."""
        self.close_plan()
        self.session = session
        session.file.author = settings_mod.author_name()  # who the history names for this user's edits
        session.confirm = lambda question: self.ask(t("Lejere og aftalte andele"), question)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.workspace = Workspace(session)
        self.status_keeper = StatusKeeper(self, session, self.workspace.stack)  # read-only look; old refusals go
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        session.plan_changed.connect(self._fill_scenarios)
        session.plan_changed.connect(self._follow_scenario)
        session.refused.connect(self._show_refused)
        session.file_refused.connect(self._plan_refused)
        self._fill_scenarios()
        # The checks the open deferred and the other scenarios' lines, once this window shows the plan.
        session.complete_after_paint(self)
        if remember and not session.readonly:
            if session.file.verification_pending():  # a refused plan leaves the recent plans as they were
                self._recent_before = self.settings.value("recent", [])
            self.add_recent(str(session.file.path))
        self._update_title()
        self._update_enabled()

    def _show_refused(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _plan_refused(self, exc: PlanError) -> None:
        """The checks the open deferred to after the first paint refused the plan (`PlanSession.file_refused`): it is
        closed in this window (lock released, nothing was written) and told in the words of a refused open; the
        window stays, with the start page."""
        session = self.session
        if session is None:
            return
        name = session.file.path.name
        if self._recent_before is not None:
            self.settings.setValue("recent", self._recent_before)
        self.close_plan()
        self.tell(t("Planen kan ikke åbnes"), f"{name}: {error_text(exc)}")

    def close_plan(self, show_start: bool = True) -> None:
        session = self.detach_plan(show_start)
        if session is not None:
            session.close()

    def detach_plan(self, show_start: bool = True) -> PlanSession | None:
        """Stop showing the open plan without closing it (its file, lock and undo history stay), and hand
        it back: a new window (another language) takes it over with `set_session`. `show_start=False`: the window
        is going (closed, replaced), so a start page not made yet is not made for it."""
        session = self.session
        if session is None:
            return None
        self.undo_group.removeStack(session.undo_stack)
        for signal, slot in ((session.plan_changed, self._fill_scenarios), (session.plan_changed, self._follow_scenario),
                             (session.refused, self._show_refused), (session.file_refused, self._plan_refused)):
            signal.disconnect(slot)
        self._recent_before = None
        if self.status_keeper is not None:
            self.status_keeper.detach()
            self.status_keeper = None
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        self.session = None
        if show_start or self._start is not None:
            self.stack.setCurrentWidget(self.start)
        self._fill_scenarios()
        self._update_recent()
        self._update_title()
        self._update_enabled()
        return session

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(t("Sundhedshus"))
            return
        name = self.session.file.path.name
        ro = t(" (skrivebeskyttet)") if self.session.readonly else ""
        self.setWindowTitle(f"{self.session.plan.title} — {name}{ro} — {t('Sundhedshus')}")

    # --- recent files ----------------------------------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        paths = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [p for p in paths if isinstance(p, str) and Path(p).exists()]

    def add_recent(self, path: str) -> None:
        # Absolute: a plan opened as "plan.sundhedshus" from a terminal must still be found from elsewhere.
        path = str(Path(path).absolute())
        files = [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent", [path, *files][:MAX_RECENT])
        self._update_recent()

    def _update_recent(self) -> None:
        files = self.recent_files()
        self.recent_menu.clear()
        for p in files:
            action = self.recent_menu.addAction(Path(p).name)
            action.setToolTip(p)
            action.triggered.connect(lambda _c=False, path=p: self.open_path(path))
        self.recent_menu.setEnabled(bool(files))
        if self._start is not None:
            self._start.set_recent(files)

    # --- drop and close -----------------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(dropped_plan(u.toLocalFile()) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        for url in event.mimeData().urls():
            if dropped_plan(url.toLocalFile()):
                event.acceptProposedAction()
                self.open_path(url.toLocalFile())
                return

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        settings_mod.save_geometry(self)  # the window's place and size for the next start, even if it stays open
        if self._exporter is not None and not self._exporter.confirm_close(self.ask):  # an export is running and the user keeps it
            event.ignore()
            return
        self.close_plan(show_start=False)  # every edit is already stored: closing only releases the lock
        super().closeEvent(event)


def example_title(title: str) -> str:
    """A template's title named as the example it is ("Eksempel: …"), once."""
    prefix = t("Eksempel: ")
    return title if title.lower().startswith(prefix.strip().lower()) else prefix + title


def dropped_plan(path: str) -> bool:
    return path.lower().endswith((SUFFIX, ".json"))


def example_copy_path(folder: Path) -> Path:
    base = t("Sundhedshus-eksempel")
    target = folder / f"{base}{SUFFIX}"
    n = 2
    while target.exists():
        target = folder / f"{base} {n}{SUFFIX}"
        n += 1
    return target


def copy_example_json(folder: Path) -> Path:
    """The example's JSON copied into `folder` (for the self-test and scripting)."""
    target = folder / "eksempel.json"
    shutil.copyfile(reference.example_path(), target)
    return target
