"""The panel of key figures beside every page (with the shared part of the house, m² and %, issue 15.4): updated
on every edit (it listens to `plan_changed`); its counts of errors and warnings a moment later, when the checks
have run after the edit (`findings_changed`).

Beside the page it is one column (name, amount); under the page (a narrow window, a large zoom, a projector)
the workspace asks for several columns (`arrange`). Names wrap; amounts never do and are never cut: the
panel's minimum width is that of its widest amount, and the workspace sizes the panel to it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import t
from desktop.numbers import show_kr, show_m2, show_pct
from desktop.qtprops import set_enum_property
from desktop.session import PlanSession
from planners.figures.editing import financing_off_balance
from planners.model import Level

SIDE_CHARS = 34  # the panel's least width beside the page, in average characters


class FiguresPanel(QFrame):
    """Gross m², shared m² and share, establishment total, grant and its share, rent per m² with/without grant,
    findings."""

    layout_changed = Signal()  # the amounts changed, and with them perhaps the width the panel needs

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("figuresPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # No fixed minimum: beside the page the workspace gives it at least SIDE_CHARS characters, under the page
        # it may be narrower than that (names wrap, amounts stay whole).
        self.columns = 1
        self.floor = 0  # a least width asked for (workshop mode's 300 px); never below what the amounts need
        self.fit_generation = 0  # counts the font and style changes the panel has seen (`fit_key`)
        outer = QVBoxLayout(self)
        self.outer = outer
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt")
        outer.addWidget(self.heading)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        outer.addLayout(self.grid)
        self.labels: dict[str, QLabel] = {}
        self.names: list[QLabel] = []
        for key, text in (
            ("gross_m2", "Bruttoareal"),
            ("shared_gross_m2", "Fællesareal (brutto)"),
            ("shared_share", "Fællesarealets andel af huset"),
            ("establishment_total", "Anlægsudgifter i alt"),
            ("grant", "Tilskud fra puljen"),
            ("grant_share", "Tilskudsandel (af tilskudsberettiget)"),
            ("financing_difference", "Finansiering minus udgifter"),
            ("rent", "Husleje pr. m² med tilskud"),
            ("rent_without", "Husleje pr. m² uden tilskud"),
            ("errors", "Fejl"),
            ("warnings", "Advarsler"),
        ):
            value = QLabel(self)
            value.setObjectName(key)
            set_enum_property(value, "alignment", "AlignRight|AlignVCenter")  # not Qt: issue 19 (desktop.qtprops)
            # Never narrower than its amount: a one-line label's least size is its whole text (Qt's minimum size
            # hint of a label that does not wrap is its size hint), so its default policy never shrinks it;
            # `tests/desktop/test_panel_fit.py` checks it. No `QSizePolicy` named: its Python type and three
            # enum classes cost ≈ 3 M instructions before the first paint (issue 19).
            name = QLabel(t(text), self)
            name.setWordWrap(True)
            self.names.append(name)
            self.labels[key] = value
        self.arrange(1, force=True)
        outer.addStretch(1)
        session.plan_changed.connect(self.refresh)
        session.findings_changed.connect(self.refresh_counts)
        self.refresh()
        self.refresh_counts()

    def arrange(self, columns: int, force: bool = False) -> None:
        """The figures in `columns` columns of (name, amount) pairs, in reading order."""
        if columns == self.columns and not force:
            return
        self.columns = columns
        values = list(self.labels.values())
        for name, value in zip(self.names, values, strict=True):
            self.grid.removeWidget(name)
            self.grid.removeWidget(value)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        for i, (name, value) in enumerate(zip(self.names, values, strict=True)):
            row, col = divmod(i, columns)
            self.grid.addWidget(name, row, col * 2)
            self.grid.addWidget(value, row, col * 2 + 1)
            self.grid.setColumnStretch(col * 2, 1)
        self._fit_minimum()

    def setMinimumWidth(self, width: int) -> None:  # noqa: N802 (Qt's name)
        """A least width; where the amounts need more, that. An explicit minimum overrides the layout's own in a
        scroll area, and a zoom in workshop mode squeezed the amounts under 300 px ("55.543.1…")."""
        self.floor = width
        self._fit_minimum()

    def _fit_minimum(self) -> None:
        if self.floor <= 0:
            super().setMinimumWidth(self.floor)  # the layout's own minimum holds
            return
        self.outer.invalidate()
        super().setMinimumWidth(max(self.floor, self.outer.totalMinimumSize().width()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        # Zoom, workshop mode's larger type: the width the amounts need changed with the font.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_generation += 1
            self._fit_minimum()
            self.layout_changed.emit()

    def grid_layout(self) -> QVBoxLayout:
        """The panel's own layout (typed: `layout()` may be None to Qt's stubs)."""
        return self.outer

    def fit_names(self) -> None:
        """A name wraps between words, never inside one: at least as wide as its longest word."""
        for name in self.names:
            metrics = name.fontMetrics()
            name.setMinimumWidth(max(metrics.horizontalAdvance(word) for word in name.text().split()) + 4)

    def fit_key(self) -> tuple[object, ...]:
        """All that the width the panel needs depends on, cheap to read: its fonts and style (`fit_generation`: a
        font or style change of the panel or a window above it reaches the panel before its parents hear of it),
        each label's text and style sheet (the amounts' colours, zoom's scaled heading), the least width asked
        for. Equal keys, equal widths: the workspace measures again only when the key changed
        (`Workspace.panel_width`). No `QFont` is read: its Python type alone costs ≈ 7 M instructions at start."""
        self.ensurePolished()  # the labels' style sheets applied, as a measure would apply them
        labels = [self.heading, *self.names]
        # An amount by its size hints, not its text: a layout reads a one-line label through those alone, and an
        # edit's new amounts are mostly as wide as the old ones (issue 19.2: no new measure after most edits).
        return (self.fit_generation, self.styleSheet(), self.floor, self.frameWidth(),
                *((label.text(), label.styleSheet()) for label in labels),
                *((_hints(label), label.styleSheet()) for label in self.labels.values()))

    def columns_for(self, width: int) -> int:
        """How many (name, amount) columns fit in `width` pixels, names wrapped to about 14 characters."""
        amount = max(v.sizeHint().width() for v in self.labels.values())
        pair = amount + self.fontMetrics().averageCharWidth() * 14 + 2 * self.grid.horizontalSpacing()
        return max(1, min(len(self.labels), width // max(pair, 1)))

    def refresh(self, _changes: object = None) -> None:
        f = self.session.key_figures  # not `figures`: the tenants' rent and the cost lines follow after the paint
        heading = t("Nøgletal — {scenarie}").format(scenarie=self.session.scenario.name)
        if self.heading.text() != heading:
            self.heading.setText(heading)
        shared = self.session.shared_space()  # how much of the house is shared (issue 15.4): the core's
        values = {
            "gross_m2": show_m2(f.gross_m2),
            "shared_gross_m2": show_m2(shared.gross_m2),
            "shared_share": show_pct(shared.share),
            "establishment_total": show_kr(f.establishment_total),
            "grant": show_kr(f.grant),
            "grant_share": show_pct(f.grant_share),
            "financing_difference": show_kr(f.financing_difference),
            "rent": t("{kr} pr. år").format(kr=show_kr(f.rent_per_gross_m2)),
            "rent_without": t("{kr} pr. år").format(kr=show_kr(f.rent_per_gross_m2_without_grant)),
        }
        self._show(values)
        off = financing_off_balance(f.financing_difference)
        self._style("financing_difference", "color: #b00020" if off else "")

    def refresh_counts(self) -> None:
        """The counts of errors and warnings: after the checks have run (a moment after the edit)."""
        counts = self.session.counts()
        self._show({"errors": str(counts[Level.ERROR]), "warnings": str(counts[Level.WARNING])})
        self._style("errors", "color: #b00020; font-weight: bold" if counts[Level.ERROR] else "")
        self._style("warnings", "color: #a05a00" if counts[Level.WARNING] else "")

    def _show(self, values: dict[str, str]) -> None:
        # Only the labels whose text changed, and a new fit only when one changed its size hints (what the layout
        # and the workspace's measure read of a one-line label): an edit changes two or three of the amounts,
        # mostly keeping their widths, and each fit lays the window out again (issue 19.2, edit → panel).
        resized = False
        for key, text in values.items():
            label = self.labels[key]
            if label.text() != text:
                before = _hints(label)
                label.setText(text)
                resized = resized or _hints(label) != before
        if resized:
            self._fit_minimum()
            self.layout_changed.emit()

    def _style(self, key: str, sheet: str) -> None:
        label = self.labels[key]
        if label.styleSheet() != sheet:  # setting a style sheet re-polishes the label, even the same one
            label.setStyleSheet(sheet)


def _hints(label: QLabel) -> tuple[int, int, int, int]:
    """A label's size hint and least size hint (width, height each): all a layout reads of its text."""
    hint, least = label.sizeHint(), label.minimumSizeHint()
    return hint.width(), hint.height(), least.width(), least.height()
