"""One open plan in the GUI: the file, the undo stack, the plan as loaded, the figures — and THE dispatcher.

Every edit is an operation record (`planners.store.operations`). `PlanSession.run(op, text)` applies it to the file
(one transaction, stored at once), pushes an undo command whose undo/redo apply the inverses the core returns,
reloads only what `Changes` says changed, recomputes the figures of the selected scenario once, and emits ONE
signal, `plan_changed(changes)`. Models and the figures panel listen to it and refresh only what they show;
nobody refreshes another view by hand (STYLE.md, Anki's operations). The findings (the checks) follow a moment
later, on a zero-timer after the panel has been painted (issue 19.2: the checks are not in the edit → panel
time), and `findings_changed` tells the checks page and the panel's counts; `session.findings` read before then
runs the checks at once, so it is never stale. Likewise the figures: the panel reads `key_figures` (areas, totals,
rent rates: the engine's first part); `session.figures` finishes the rest when first read (the checks read it).

`plan_changed(None)` means "everything may have changed" (another scenario selected, the plan reloaded).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, SupportsIndex

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.i18n import error_text, t
from desktop.signals import emit
from planners.checks.findings import for_people, run_checks
from planners.figures.incremental import KeyFigures, PlanFigures
from planners.figures.whatif import SharedSpace
from planners.model import Finding, Level, Plan, Scenario
from planners.model import prebuilt as dataclasses  # its API, importing it only when used (issue 19)
from planners.model.errors import InvalidPlan, PlanError
from planners.model.linekinds import LINE_KINDS, SHARE_KINDS, lines_of
from planners.model.results import ScenarioFigures
from planners.store.planfile import PlanFile

if TYPE_CHECKING:  # the editing operations load with the first edit, not for the first painted window (≈ 14 ms)
    from planners.store.operations import Changes, Operation

_LINE_LEVEL = set(LINE_KINDS) | set(SHARE_KINDS) | {"running_rate"}
_ROW_ID = attrgetter("row_id")
MERGE_SECONDS = 3.0  # typing in the same cell again within this time is one undo step


class _OpCommand(QUndoCommand):
    """One user action on the undo stack. The operation has already been applied when it is pushed."""

    def __init__(self, session: PlanSession, changes: Changes, text: str, merge_key: object | None) -> None:
        super().__init__(text)
        self._session = session
        self._undo_op: Operation = changes.inverse
        self._redo_op: Operation | None = None
        self._fresh = True
        # Set while the stack is moved back over a step whose undo or redo failed (a full disk, a lost drive):
        # that move must not touch the file, which never changed.
        self._skip_undo_side = False
        self.merge_key = merge_key
        self.stamp = time.monotonic()

    def redo(self) -> None:
        if self._fresh:  # QUndoStack.push calls redo(): the edit is already in the file
            self._fresh = False
            return
        if self._skip_undo_side:  # a failed undo is being put back: the edit never left the file
            self._skip_undo_side = False
            return
        assert self._redo_op is not None
        try:
            self._undo_op = self._session._apply_again(self._redo_op, "gentag: " + self.text())
        except PlanError as exc:
            self._session._replay_failed(self, exc, redo=True)

    def undo(self) -> None:
        if self._skip_undo_side:  # a failed redo is being put back: the file still holds the undone state
            self._skip_undo_side = False
            return
        try:
            self._redo_op = self._session._apply_again(self._undo_op, "fortryd: " + self.text())
        except PlanError as exc:
            self._session._replay_failed(self, exc, redo=False)

    def id(self) -> int:
        return 7 if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        # Typing in the same cell again: one step whose undo restores the value before the first edit
        # (our inverse), and whose redo is computed when it is undone.
        if not isinstance(other, _OpCommand) or other.merge_key != self.merge_key:
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        self.stamp = other.stamp
        return True


class PlanSession(QObject):
    """The open plan: file, undo stack, current plan, selected scenario, its figures and findings."""

    plan_changed = Signal(object)  # Changes, or None for "everything"
    refused = Signal(str)  # a Danish reason why an edit was not made
    replayed = Signal(object)  # Changes of an undo or redo (after plan_changed): the window shows where
    findings_changed = Signal()  # the findings of the scenario shown are current (a moment after plan_changed)
    # The checks the open deferred to after the first paint refused the file (the RefusedFile, worded as the open
    # words it): the window closes the plan and tells it. Emitted once, a moment later (never from inside an edit).
    file_refused = Signal(object)

    def __init__(self, plan_file: PlanFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.file = plan_file
        self.undo_stack = QUndoStack(self)
        # The scenario shown first, the others' lines read after the first paint or when first asked for.
        # A weak reference: the pending scenarios must not keep the session (a QObject) in a reference cycle, which
        # the cyclic collector could break in any thread.
        this = weakref.ref(self)
        self._told_refusal = False
        self.plan: Plan = _shown_first(plan_file, lambda: _reread_later(this), lambda exc: _refused_later(this, exc))
        self._complete_timer = QTimer(self)
        self._complete_timer.setSingleShot(True)
        self._complete_timer.setInterval(COMPLETE_AFTER_MS)
        self._complete_timer.timeout.connect(self._after_paint)
        self._painted: _FirstPaint | None = None  # set by `complete_after_paint`
        first = self.plan.scenario()
        self.scenario_id: int = first.row_id  # type: ignore[assignment]
        # The figures of the scenario shown: `key_figures` (the panel's) at once after every change, the rest
        # (`figures`) when first read — the checks read them after the panel has been painted (issue 19.2).
        self.key_figures: KeyFigures
        self._figures: ScenarioFigures | None = None
        self._findings: list[Finding] | None = None  # None: not run since the last change
        # The checks run on a zero-timer after a change: the event loop paints the panel first (posted events
        # before timers), then the checks page and the counts follow.
        self._checks_timer = QTimer(self)
        self._checks_timer.setSingleShot(True)
        self._checks_timer.setInterval(0)
        self._checks_timer.timeout.connect(self._checks_due)
        # Counts every change of the plan held or of the scenario shown (before `plan_changed` is emitted): a
        # model keeps its list of lines until it changes, so painting a row costs no search for the lines.
        self.generation = 0
        # Every scenario's figures kept between edits: an edit computes again only the scenario it touched.
        self._plan_figures = PlanFigures(self.plan)
        self._recompute()
        # Asked before a tenant that lines still name is deleted (DESIGN §3); the window sets a dialog.
        self.confirm: Callable[[str], bool] = lambda _question: True

    def _reread(self) -> None:
        if self.file._conn is None:
            return  # closed meanwhile
        if all(s.row_id != self.scenario_id for s in self.plan.scenarios):
            self.scenario_id = self.plan.scenario().row_id  # type: ignore[assignment]
        self.generation += 1
        self._plan_figures.touch_plan(self.plan)  # the held objects took the file's values in place
        self._recompute()
        emit(self.plan_changed, None)

    def complete_after_paint(self, window: QWidget) -> None:
        """Read the rest of the plan a moment after `window` (the one showing this session) is next painted. The
        filter is on that window alone: an application-wide filter in Python would send every event of every widget
        through Python and make PySide create the enums of every Qt class it meets (≈ 130 more at start)."""
        if (_pending(self.plan) or self.file.verification_pending()) and self._painted is None:
            self._painted = _FirstPaint(window, self._complete_timer.start)

    def _after_paint(self) -> None:
        """The window shows the plan: the checks the open deferred (`PlanFile.verify`, on this thread in one go), then,
        one step of the event loop later, the other scenarios' lines (so the window answers in between)."""
        if not self.verified():
            return
        if _pending(self.plan):
            QTimer.singleShot(0, self.complete_plan)

    def verified(self) -> bool:
        """Run the checks the open deferred (`PlanFile.verify`) if they are still to run; False if they refused the
        file (then `file_refused` follows a moment later, once). Every edit, another scenario's lines, a reload ask
        this first: nothing reaches the file before the checks have passed."""
        if self.file._conn is None:
            return False  # closed
        try:
            self.file.verify()
        except PlanError as exc:  # a RefusedFile in the open's words (or the file no longer to be read at all)
            self._tell_refusal(exc)
            return False
        return True

    def _tell_refusal(self, exc: PlanError) -> None:
        if self._told_refusal:
            return
        self._told_refusal = True
        self._complete_timer.stop()
        QTimer.singleShot(0, lambda: emit(self.file_refused, exc))

    def complete_plan(self) -> None:
        """Read the lines of the scenarios not shown, if the open has not yet (`_shown_first`): done after the first
        paint, or at once when anything asks for those lines (or before any edit, another scenario, a reload). The
        checks the open deferred run first; if they refuse the file, nothing is read."""
        self._complete_timer.stop()
        if self._painted is not None:
            self._painted.stop()
            self._painted = None
        if not self.verified():
            return
        for scenario in self.plan.scenarios:
            if isinstance(scenario, _PendingScenario):
                scenario._complete()
                return

    def file_plan(self) -> Plan:
        """The plan as the file holds it now, read afresh (not the plan held: the merge compares the two). The
        scenarios the open left unread are read into the plan held first: a read of the file while they are
        pending fills their lists, which reads them, and the lines stood there twice."""
        self.complete_plan()
        return self.file.load()

    # --- reading -----------------------------------------------------------------------------------

    @property
    def readonly(self) -> bool:
        return self.file.readonly

    @property
    def scenario(self) -> Scenario:
        for s in self.plan.scenarios:
            if s.row_id == self.scenario_id:
                return s
        return self.plan.scenarios[0]

    @property
    def figures(self) -> ScenarioFigures:
        """Every figure of the scenario shown, for the plan as it is now: finished here when first read after a
        change (`PlanFigures.figures`), so a reader never sees the figures of before the edit."""
        if self._figures is None:
            self._figures = self._plan_figures.figures(self.scenario)
        return self._figures

    @property
    def findings(self) -> list[Finding]:
        """The findings of the scenario shown, for the plan as it is now (run here if the deferred run has not
        come yet: a reader never sees the findings of before the edit)."""
        if self._findings is None:
            # What the applicant must look up (not change) is the checks page's list, not a finding (issue 14.3).
            self._findings = for_people(run_checks(self.plan, self.scenario, self.figures))
        return self._findings

    def findings_due(self) -> bool:
        """Whether `findings_changed` is still to come for the last change."""
        return self._checks_timer.isActive()

    def _checks_due(self) -> None:
        self.findings  # noqa: B018 (runs the checks if no reader has yet)
        emit(self.findings_changed)

    def lines(self, kind: str) -> list:
        return lines_of(self.scenario, kind)

    def scenario_figures(self, scenario: Scenario) -> ScenarioFigures:
        """Any scenario's figures as kept between edits (computed again only where an edit touched it): the
        comparison page reads them instead of computing every compared scenario anew (issue 15.5)."""
        if self._plan_figures.plan is not self.plan:
            self._plan_figures.touch_plan(self.plan)
        return self._plan_figures.figures(scenario)

    def shared_space(self) -> SharedSpace:
        """How much of the scenario shown is shared (the figures panel's), from the room sums the engine keeps."""
        if self._plan_figures.plan is not self.plan:
            self._plan_figures.touch_plan(self.plan)
        return self._plan_figures.shared_space(self.scenario)

    def counts(self) -> dict[Level, int]:
        out = {level: 0 for level in Level}
        for f in self.findings:
            out[f.level] += 1
        return out

    def select_scenario(self, row_id: int) -> None:
        if row_id == self.scenario_id or not self.verified():
            return
        self.complete_plan()
        self.scenario_id = row_id
        self.generation += 1
        self._recompute()
        emit(self.plan_changed, None)

    # --- the dispatcher ------------------------------------------------------------------------------

    def run(self, op: Operation, text_da: str, merge_key: object | None = None,
            field_label: str | None = None) -> Changes | None:  # fmt: skip
        """Apply `op` as one undoable edit named `text_da` ("ændr areal"). A refused edit (invalid value,
        read-only plan) emits `refused` with the Danish reason, changes nothing, and returns None.
        `field_label` (a cell edit: the column's header) names an invalid value by its field, "Netto m²: skal
        være større end 0", as the table always has: the core's validation is then the only one."""
        if self.readonly:
            emit(self.refused, t("Planen er åbnet skrivebeskyttet; ændringen er ikke gemt"))
            return None
        if not self.verified():  # the open's deferred checks refused the file: it is being closed, nothing written
            return None
        try:
            # The history names the edit as the undo step does; the plan held here is the file's (kept current
            # by `_after`): the core validates against it instead of reading the scenario again.
            changes = self.file.apply(op, text_da, held=self.plan)
        except PlanError as exc:
            # Named by the edit ("ændr stykpris: må ikke være negativ"), not by the core's path of the value.
            if field_label is not None and isinstance(exc, InvalidPlan) and exc.problems:
                reasons = "; ".join(p.message_da for p in exc.problems)
                emit(self.refused, t("{felt}: {grund}").format(felt=field_label, grund=reasons))
                return None
            reason = error_text(exc)
            emit(self.refused, f"{t(text_da)}: {reason}" if isinstance(exc, InvalidPlan) else reason)
            return None
        self.undo_stack.push(_OpCommand(self, changes, text_da, merge_key))
        self._after(changes)
        return changes

    def _apply_again(self, op: Operation, text_da: str = "") -> Operation:
        """Undo or redo: apply an inverse; the operation that reverses it. The history keeps the undo as a new
        entry ("fortryd: ændr areal"): nothing is ever deleted from it."""
        changes = self.file.apply(op, text_da, held=self.plan)
        if changes.scenario_id is not None and changes.scenario_id != self.scenario_id:
            # Undo across scenarios: show the scenario the edit is in.
            if any(s.row_id == changes.scenario_id for s in self.plan.scenarios):
                self.scenario_id = changes.scenario_id
        self._after(changes)
        emit(self.replayed, changes)
        return changes.inverse

    def _replay_failed(self, command: _OpCommand, exc: PlanError, redo: bool) -> None:
        """An undo or redo the file refused (a full disk, a lost drive, issue 20.9): nothing changed in the file
        (the core rolled it back), so the undo stack is put back where it was, as one more step of the event loop
        (QUndoStack may not be moved from inside its own undo), and the reason is told in Danish."""
        emit(self.refused, (t("Kunne ikke gentage: {grund}") if redo else t("Kunne ikke fortryde: {grund}")).format(
            grund=error_text(exc)))
        command._skip_undo_side = True
        stack = self.undo_stack
        QTimer.singleShot(0, stack.undo if redo else stack.redo)

    # --- keeping the plan and the figures current ------------------------------------------------------

    def _after(self, changes: Changes) -> None:
        self.generation += 1
        self._reload(changes)
        if all(s.row_id != self.scenario_id for s in self.plan.scenarios):
            self.scenario_id = self.plan.scenario().row_id  # type: ignore[assignment]
        self._recompute()
        self.generation += 1  # nothing read while reloading is kept
        emit(self.plan_changed, changes)

    def _reload(self, changes: Changes) -> None:
        """Read back only what `changes` says changed: the plan's own fields, the lines edited, added, deleted
        or moved in one scenario, one scenario, or (anything else) the whole plan."""
        sid = changes.scenario_id
        if changes.kinds == {"plan"} and not changes.inserted and not changes.deleted:
            # A plan-level field: the plan row, its years and partners; scenarios and catalogs stay.
            self.plan = dataclasses.replace(self.plan, **self.file.read_plan_fields())
            return
        structural = any(kind == "scenario" for kind, _ in changes.inserted | changes.deleted)
        if sid is None or structural or not changes.kinds <= _LINE_LEVEL:
            self.plan = self.file.load()
            return
        index = next((i for i, s in enumerate(self.plan.scenarios) if s.row_id == sid), None)
        if index is None:
            self.plan = self.file.load()
            return
        held = self.plan.scenarios[index]
        if "running_rate" not in changes.kinds and self._reload_lines(held, changes):
            # Every line edited or added is a new object read back, none changed in place: the engine updates its
            # room sums by the difference and keeps the sums of the lines not touched (issue 19.2).
            self._plan_figures.touch_lines(held)
        else:
            self._plan_figures.touch(held)  # (its lists may have been changed in part before reading it again)
            scenario = self.file.read_scenario(sid)
            if scenario is None:
                self.plan = self.file.load()
                return
            self.plan.scenarios[index] = scenario

    def _reload_lines(self, scenario: Scenario, changes: Changes) -> bool:
        """Bring the lines `changes` names up to date in `scenario`: read the edited and added ones, drop the
        deleted ones; a line added is put at its position, and a list's order is read only when a line moved.
        False if what is read does not fit what is held (then the caller reads the whole scenario). The held list
        is searched by row id in C (`list.index` on its ids), not by a loop in Python over its 600 lines."""
        by_kind: dict[str, set[int]] = {}
        for kind, row_id in changes.updated | changes.inserted:
            by_kind.setdefault(kind, set()).add(row_id)
        deleted: dict[str, set[int]] = {}
        for kind, row_id in changes.deleted:
            deleted.setdefault(kind, set()).add(row_id)
        moved = {kind for kind, _ in changes.moved}
        for kind in set(by_kind) | set(deleted):
            lines = lines_of(scenario, kind)
            fresh = self.file.read_lines(kind, by_kind.get(kind, ()))
            if len(fresh) != len(by_kind.get(kind, ())):
                return False
            ids = list(map(_ROW_ID, lines))
            added: dict[int, object] = {}
            for row_id, line in fresh.items():
                if (kind, row_id) in changes.inserted and row_id not in ids:
                    added[row_id] = line  # put in its place below
                elif row_id in ids:
                    lines[ids.index(row_id)] = line
                else:
                    return False
            gone = deleted.get(kind, set())
            if gone:
                for index in sorted((ids.index(row_id) for row_id in gone if row_id in ids), reverse=True):
                    del lines[index]
            if added and kind not in moved:
                # The lines added stand at their positions (the edit left the list at 0, 1, 2 …): read those,
                # not the order of the whole list (6.000 row ids on the XL plan).
                at = self.file.line_positions(kind, added)
                if set(at) != set(added):
                    return False
                for row_id in sorted(added, key=at.__getitem__):
                    if not 0 <= at[row_id] <= len(lines):
                        return False
                    lines.insert(at[row_id], added[row_id])
            elif kind in moved:
                lines.extend(added.values())
                order = self.file.line_order(kind, scenario.row_id)  # type: ignore[arg-type]
                by_id = {x.row_id: x for x in lines}
                if set(order) != set(by_id):
                    return False
                lines[:] = [by_id[i] for i in order]
        return True

    def _recompute(self) -> None:
        scenario = self.scenario
        if self._plan_figures.plan is not self.plan:  # a plan-level edit or a reload: every scenario again
            self._plan_figures.touch_plan(self.plan)
        # The panel's figures now; the rest of them when first read (the checks, a moment after the paint).
        self.key_figures = self._plan_figures.key_figures(scenario)
        self._figures = None
        self._findings = None
        self._checks_timer.start()

    def reload_all(self) -> None:
        if not self.verified():
            return
        self.complete_plan()
        self.plan = self.file.load()
        self.generation += 1
        self._recompute()
        emit(self.plan_changed, None)

    def close(self) -> None:
        self._checks_timer.stop()
        self._complete_timer.stop()
        if self._painted is not None:
            self._painted.stop()
            self._painted = None
        self.undo_stack.clear()
        self.file.close()


# --- the scenario shown first (issue 19.4) ------------------------------------------------------------------------
# Opening the XL plan read 85.000 lines of 10 scenarios to paint one. The open now reads and validates the lines of
# the scenario shown (SQLite proves the others, `planners.store.filecheck.doubted_scenarios`); the session holds the
# plan with the other scenarios as `_PendingScenario`: the same objects, whose lines are read (`PlanFile.load`, in
# place) the moment anything asks for one of their lists, compares, copies or pickles them — or a moment after the
# first paint. So every reader of `session.plan` still gets the whole plan, equal to a fresh read.

COMPLETE_AFTER_MS = 50  # after the first paint of a window


class _FirstPaint(QObject):
    """Calls `then` at the next paint of `window` (an event filter on that window, removed at once): the rest of the
    plan is read when the window is on the screen, not before."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__()
        self._then = then
        self._window: QWidget | None = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self.stop()
            self._then()
        return False

    def stop(self) -> None:
        window, self._window = self._window, None
        if window is not None and shiboken6.isValid(window):
            window.removeEventFilter(self)


def _complete_of(scenario: _PendingScenario) -> None:
    scenario._complete()


def _pending_list(name: str) -> property:
    def get(self: _PendingScenario) -> object:
        self._complete()
        return self.__dict__[name]

    def put(self: _PendingScenario, value: object) -> None:
        self._complete()
        self.__dict__[name] = value

    return property(get, put)


class _PendingScenario(Scenario):
    """A scenario of the session's plan whose lines are not read yet. Every way to its lines completes the plan
    first (all pending scenarios at once), which turns each back into a plain `Scenario`."""

    tenants = _pending_list("tenants")
    rooms = _pending_list("rooms")
    equipment = _pending_list("equipment")
    costs = _pending_list("costs")
    financing = _pending_list("financing")
    running = _pending_list("running")

    def _complete(self) -> None:
        complete: Callable[[], None] = self.__dict__["_complete_plan"]
        complete()

    def __eq__(self, other: object) -> bool:
        self._complete()
        return self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self._complete()
        return repr(self)

    def __copy__(self) -> Scenario:
        import copy

        self._complete()
        return copy.copy(self)

    def __deepcopy__(self, memo: dict[int, object]) -> Scenario:
        import copy

        self._complete()
        return copy.deepcopy(self, memo)

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[object, ...]:
        self._complete()
        return self.__reduce_ex__(protocol)


def _reread_later(session: weakref.ref[PlanSession]) -> None:
    alive = session()
    if alive is not None:
        QTimer.singleShot(0, alive._reread)


def _refused_later(session: weakref.ref[PlanSession], exc: PlanError) -> None:
    alive = session()
    if alive is not None:
        alive._tell_refusal(exc)


def _pending(plan: Plan) -> bool:
    return any(isinstance(s, _PendingScenario) for s in plan.scenarios)


def _shown_first(plan_file: PlanFile, changed: Callable[[], None], refused: Callable[[PlanError], None]) -> Plan:
    """The plan with the lines of the scenario shown read, the others pending (read by the first `PlanFile.load`);
    the whole plan where the open read it whole. `changed`: called if the file turns out changed since the open.
    `refused`: called if the checks the open deferred (run by that `load`) refuse the file; the scenarios not read
    then stay without lines (the window closes the plan at once) rather than raising in whatever view asked."""
    plan, _shown = plan_file.shown()
    unread = plan_file.unread()
    pending = [s for s in plan.scenarios if s.row_id in unread]
    if not pending:
        return plan

    def complete() -> None:
        for scenario in pending:  # plain scenarios again before their lists are filled
            scenario.__class__ = Scenario
            scenario.__dict__.pop("_complete_plan", None)
        try:
            whole = plan_file.load()  # fills the same objects in place
        except BaseException as exc:
            if isinstance(exc, PlanError) and plan_file.refusal() is exc:
                refused(exc)  # the plan is closed a moment later; these scenarios stay without lines till then
                return
            for scenario in pending:  # still pending: the next touch tries again (and raises again)
                scenario.__dict__["_complete_plan"] = complete
                scenario.__class__ = _PendingScenario
            raise
        if whole is not plan:
            # Checked again, whole: another program changed the file since the open (a reader holds no lock). The
            # plan held becomes the file as it is now, and the views are told (not from inside a reader's call).
            held = {s.row_id: s for s in plan.scenarios}
            merged = []
            for fresh in whole.scenarios:  # the objects held keep their identity, with the file's values
                old = held.get(fresh.row_id)
                if old is not None:
                    for field in dataclasses.fields(Scenario):
                        setattr(old, field.name, getattr(fresh, field.name))
                merged.append(old if old is not None else fresh)
            for field in dataclasses.fields(Plan):
                setattr(plan, field.name, merged if field.name == "scenarios" else getattr(whole, field.name))
            changed()

    for scenario in pending:
        scenario.__dict__["_complete_plan"] = complete
        scenario.__class__ = _PendingScenario
    return plan


def decimal_or_none(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None
