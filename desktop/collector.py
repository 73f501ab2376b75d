"""Python's cycle collector runs on the GUI thread only.

Automatic collection runs in whichever thread happens to allocate when a threshold is crossed. With charts drawn
on a worker thread (desktop/charts_view.py) that was sometimes the worker: it freed a closed plan's `PlanSession`
(a QObject in a reference cycle) there, and `~QObject` took Qt's connection lock and then waited for the GIL,
while the GUI thread held the GIL and waited for that lock inside `QComboBox.addItem` — a deadlock (seen in a CI
run: the suite hung in test_laptop with the worker in `gc_collect_main → subtype_dealloc(PlanSession) →
~QObject`). Qt objects must be destroyed on their own thread. So automatic collection is switched off and a timer
on the GUI thread collects each generation when its count passes the interpreter's own threshold, as automatic
collection would have (the pattern pyqtgraph's GarbageCollector uses). Reference counting, which frees nearly
everything, is unchanged.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500  # often enough that cycles do not pile up between two looks (a collection of gen 0 is µs)

_installed: list[GuiThreadCollector] = []


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the oldest generation whose count has passed its threshold (as the interpreter would)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def collect_on_gui_thread(app: QObject) -> None:
    """Install the collector once per process, owned by `app` (called on the GUI thread at start)."""
    if not _installed:
        _installed.append(GuiThreadCollector(app))
    elif gc.isenabled():  # something switched it back on (a test's gc.collect does not): off again
        gc.disable()
